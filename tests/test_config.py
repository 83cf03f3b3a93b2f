"""Config: lookup order, path resolution, and every error reported at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.errors import ConfigError, ExitCode

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_config_loads_with_paths_resolved_against_its_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # cron runs from anywhere
    settings = load_settings(REPO / "briefing.yaml")
    assert settings.sources_dir == REPO / "sources"
    assert settings.output_dir == REPO / "output"
    assert settings.title_zh == "经济简报"
    assert settings.page_size == "A4"


def test_lookup_order_flag_then_env_then_cwd(monkeypatch, tmp_path):
    for name in ("flag", "env", "cwd"):
        (tmp_path / name).mkdir()
        write(tmp_path / name / "briefing.yaml", f"title: {{en: {name}}}\n")
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    assert load_settings(None).title_en == "cwd"
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "env" / "briefing.yaml"))
    assert load_settings(None).title_en == "env"
    assert load_settings(tmp_path / "flag" / "briefing.yaml").title_en == "flag"


def test_no_config_uses_defaults_relative_to_cwd(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    settings = load_settings(None)
    assert settings.config_path is None
    assert settings.sources_dir == tmp_path / "sources"


@pytest.mark.parametrize("source", ["--config", "env"])
def test_missing_named_config_is_an_error(monkeypatch, tmp_path, source):
    missing = tmp_path / "nope.yaml"
    if source == "env":
        monkeypatch.setenv("BRIEFING_CONFIG", str(missing))
        call = None
    else:
        call = missing
    with pytest.raises(ConfigError, match="nope.yaml: config file not found"):
        load_settings(call)


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = write(tmp_path / "briefing.yaml", "title:\n  en: ok\nmax_figures: [1, 2\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert "briefing.yaml: YAML syntax error at line" in message
    assert "column" in message
    assert info.value.exit_code == ExitCode.CONFIG


def test_every_error_reported_at_once(tmp_path):
    path = write(tmp_path / "briefing.yaml",
                 "titel: x\nmax_figures: many\npage_size: B5\nemail: {host: h, prot: 25}\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert "unknown key 'titel' (did you mean 'title'?)" in message
    assert "'max_figures' must be int, got a string 'many'" in message
    assert "'page_size' must be one of" in message
    assert "unknown key 'email.prot' (did you mean 'email.port'?)" in message
    assert "'email.to' must name at least one recipient" in message
    assert "\n" not in message  # one line


@pytest.mark.parametrize("text, fragment", [
    ("strict: yes please\n", "'strict' must be bool"),
    ("max_figures: true\n", "'max_figures' must be int, got a boolean"),
    ("title: Economic\n", "'title' must be a mapping"),
    ("min_scale: 0.2\n", "'min_scale' must be between 0.5 and 1.0"),
    ("email: {to: a@b, from: c@d, security: tls}\n", "'email.security' must be one of"),
    ("- a\n- b\n", "the config must be a mapping"),
])
def test_wrong_types_name_the_expected_type(tmp_path, text, fragment):
    path = write(tmp_path / "briefing.yaml", text)
    with pytest.raises(ConfigError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_settings(path)


def test_email_block_parsed(tmp_path):
    path = write(tmp_path / "briefing.yaml",
                 "email:\n  host: smtp.example.org\n  security: ssl\n  from: a@example.org\n"
                 "  to: desk@example.org\n  cc: [b@example.org]\n  password_env: PW\n")
    email = load_settings(path).email
    assert email is not None
    assert email.port == 465  # ssl default
    assert email.to == ("desk@example.org",)
    assert email.recipients == ("desk@example.org", "b@example.org")
    assert email.password_env == "PW"


def test_cli_overrides_ignore_unset_flags(tmp_path):
    path = write(tmp_path / "briefing.yaml", "strict: true\nmax_figures: 3\n")
    settings = load_settings(path).with_overrides(strict=None, max_figures=7)
    assert settings.strict is True
    assert settings.max_figures == 7


# --- values and folders that would fail mid-build (issue 13) -----------------------------------
@pytest.mark.parametrize("text, fragment", [
    ("max_source_mb: .inf\n", "'max_source_mb' must be a finite number of megabytes between 0 and 1024"),
    ("max_source_mb: .nan\n", "'max_source_mb' must be a finite number of megabytes between 0 and 1024"),
    ("max_source_mb: 1.0e+300\n", "'max_source_mb' must be a finite number of megabytes between 0 and 1024"),
    ("pair_threshold: .nan\n", "'pair_threshold' must be between 0 and 1"),
    ("email: {to: a@b, from: c@d, backoff: .inf}\n", "'email.backoff' must be a finite number of seconds"),
    ("email: {to: a@b, from: c@d, timeout: -1}\n", "'email.timeout' must be a finite number of seconds"),
    ("email: {to: a@b, from: c@d, retries: 100000}\n", "'email.retries' must be between 0 and 20"),
])
def test_numbers_that_would_crash_or_hang_are_config_errors(tmp_path, text, fragment):
    path = write(tmp_path / "briefing.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert fragment in str(info.value) and info.value.exit_code == ExitCode.CONFIG


def test_translation_memory_that_is_a_folder_fails_at_config_check(tmp_path):
    path = write(tmp_path / "briefing.yaml", "translation_memory: /etc\n")
    with pytest.raises(ConfigError, match="'translation_memory' /etc is a folder; give a .tmx file path"):
        load_settings(path)


def test_translation_memory_under_a_file_fails_at_config_check(tmp_path):
    write(tmp_path / "notes", "x")
    path = write(tmp_path / "briefing.yaml", "translation_memory: notes/tm.tmx\n")
    with pytest.raises(ConfigError, match=f"'translation_memory' {tmp_path / 'notes' / 'tm.tmx'}: "
                                          f"{tmp_path / 'notes'} is a file, not a folder"):
        load_settings(path)


def test_templates_dir_that_does_not_exist_is_a_config_error(tmp_path):
    path = write(tmp_path / "briefing.yaml", "templates_dir: my-theme\n")
    with pytest.raises(ConfigError, match=f"'templates_dir' {tmp_path / 'my-theme'} does not exist"):
        load_settings(path)


def test_default_templates_dir_may_be_missing(tmp_path):
    path = write(tmp_path / "briefing.yaml", "max_figures: 3\n")  # templates/ is only looked for
    assert load_settings(path).templates_dir == tmp_path / "templates"


@pytest.mark.parametrize("key", ["output_dir", "templates_dir"])
def test_folder_that_is_a_file_is_a_config_error(tmp_path, key):
    write(tmp_path / "taken", "a file")
    path = write(tmp_path / "briefing.yaml", f"{key}: taken\n")
    with pytest.raises(ConfigError, match=f"'{key}' {tmp_path / 'taken'} is a file, not a folder"):
        load_settings(path)


def test_output_dir_below_a_file_is_a_config_error(tmp_path):
    write(tmp_path / "taken", "a file")
    path = write(tmp_path / "briefing.yaml", "output_dir: taken/out\n")
    with pytest.raises(ConfigError, match=f"{tmp_path / 'taken'} is a file, not a folder"):
        load_settings(path)


@pytest.mark.parametrize("output", ["sources", "sources/out", "./sources/../sources"])
def test_output_dir_in_the_sources_folder_is_a_config_error(tmp_path, output):
    path = write(tmp_path / "briefing.yaml", f"sources_dir: sources\noutput_dir: {output}\n")
    with pytest.raises(ConfigError, match="'output_dir' .* is inside 'sources_dir' .*: old briefs would "
                                          "be read back as sources"):
        load_settings(path)


def test_output_dir_reaching_the_sources_through_a_link_is_a_config_error(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "sources")
    path = write(tmp_path / "briefing.yaml", "output_dir: out\n")
    with pytest.raises(ConfigError, match="'output_dir' .* is inside 'sources_dir'"):
        load_settings(path)


def test_path_problems_are_reported_with_the_others_at_once(tmp_path):
    path = write(tmp_path / "briefing.yaml", "max_figurez: 3\ntemplates_dir: nope\nmax_source_mb: .inf\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert "max_figurez" in message and "'templates_dir'" in message and "'max_source_mb'" in message
    assert "\n" not in message


def test_output_dir_that_is_a_file_exits_2_through_the_cli(tmp_path):
    from click.testing import CliRunner

    from briefing.cli import main

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("GDP grew 5.3% year-on-year.", encoding="utf-8")
    write(tmp_path / "output", "not a folder")
    config = write(tmp_path / "briefing.yaml", "translation_memory: null\n")
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--format", "html"])
    assert result.exit_code == ExitCode.CONFIG
    assert result.stderr == (f"briefing: error: {config}: 'output_dir' {tmp_path / 'output'} is a file, "
                             "not a folder\n")
