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
