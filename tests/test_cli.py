"""The CLI end to end through click's runner: exit codes and one-line messages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EN = ROOT / "sources" / "000_4f1f7586a0459ec1.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_bad_config_exits_2_naming_the_key(tmp_path):
    config = tmp_path / "briefing.yaml"
    config.write_text("max_figurez: 3\n", encoding="utf-8")
    result = run("build", "--config", str(config))
    assert result.exit_code == ExitCode.CONFIG == 2
    assert "unknown key 'max_figurez' (did you mean 'max_figures'?)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, fragment", [
    (["--date", "26/03/2024"], "--date: expected YYYY-MM-DD"),
    (["--format", "pdf,docx"], "--format: expected a comma list of pdf, html"),
])
def test_bad_options_exit_2(tmp_path, args, fragment):
    config = tmp_path / "briefing.yaml"
    config.write_text("{}\n", encoding="utf-8")
    result = run("build", "--config", str(config), *args)
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_no_sources_exits_3_naming_the_folder(tmp_path):
    (tmp_path / "sources").mkdir()
    config = tmp_path / "briefing.yaml"
    config.write_text("{}\n", encoding="utf-8")
    result = run("build", "--config", str(config))
    assert result.exit_code == ExitCode.INPUT == 3
    assert f"{tmp_path / 'sources'}: no sources" in result.stderr


def test_empty_source_is_skipped_with_warning_and_fails_with_strict(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", str(SAMPLE_EN), str(empty))
    assert result.exit_code == 0
    assert "empty.txt" in result.stderr
    assert [d["source"] for d in json.loads(result.stdout)["documents"]] == [SAMPLE_EN.name]
    strict = run("extract", "--strict", str(SAMPLE_EN), str(empty))
    assert strict.exit_code == ExitCode.INPUT
    assert "empty.txt" in strict.stderr


def test_extract_json_has_the_documented_fields():
    result = run("extract", str(SAMPLE_EN), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)["documents"][0]
    for key in ("source", "lang", "title", "date", "pair", "text", "figures", "lists", "steps"):
        assert key in doc
    assert doc["lang"] == "en"
    figure = doc["figures"][0]
    for key in ("value", "unit", "basis", "period", "label", "text", "sentence", "start", "end"):
        assert key in figure
    assert doc["text"][figure["start"]:figure["end"]] == figure["text"]


def test_extract_text_lists_figures_and_lists():
    result = run("extract", str(SAMPLE_EN), "--format", "text")
    assert result.exit_code == 0
    assert "7.5 percent yoy" in result.stdout
    assert "Transform and upgrade traditional industries" in result.stdout


def test_clean_explain_names_steps(tmp_path):
    noisy = ROOT / "sources" / "002_6cb24653960173db.txt"
    plain = run("clean", str(noisy))
    assert plain.exit_code == 0
    assert "Return to list" not in plain.stdout
    explained = run("clean", "--explain", str(noisy))
    assert explained.exit_code == 0
    assert "furniture" in explained.stdout  # the step that removed the page furniture …
    assert "Source:china.cn" in explained.stdout  # … with an example of what it removed


def test_build_writes_dated_and_latest_outputs_and_summary(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    config = tmp_path / "briefing.yaml"
    config.write_text("translation_memory: null\n", encoding="utf-8")
    result = run("build", "--config", str(config), "--date", "2024-03-27")
    assert result.exit_code == 0, result.stderr
    for name in ("brief-2024-03-27.pdf", "brief-2024-03-27.html", "latest.pdf", "latest.html"):
        assert (tmp_path / "output" / name).stat().st_size > 1000
    assert "5 sources read" in result.stdout
    assert str(tmp_path / "output" / "brief-2024-03-27.pdf") in result.stdout
    quiet = run("build", "--config", str(config), "--date", "2024-03-27", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_source_markup_renders_as_text_and_embeds_nothing(tmp_path):
    """A crafted source cannot inject tags or pull a local file into the PDF."""
    import io

    import pypdf

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "crafted.txt").write_text(
        "Trade <script>alert(1)</script> update\n\n"
        "The ministry will focus on the following three aspects:\n\n"
        'First, <link rel="attachment" href="file:///etc/hostname"> reads as text. '
        "Second, retail sales increased by 5.5% year-on-year in the first two months. "
        "Third, exports grew by 3.1% year-on-year in October.\n", encoding="utf-8")
    config = tmp_path / "briefing.yaml"
    config.write_text("translation_memory: null\n", encoding="utf-8")
    result = run("build", "--config", str(config), "--date", "2024-03-27")
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "output" / "latest.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<link rel=\"attachment\"" not in html and "&lt;link" in html
    raw = (tmp_path / "output" / "latest.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(raw))
    assert b"/EmbeddedFiles" not in raw and not reader.attachments
    text = "".join(page.extract_text() for page in reader.pages)
    flat = text.replace("\n", "")
    assert "<script>alert(1)</script>" in flat  # the title, cited at the foot, as text
    assert '<link rel="attachment" href="file' in flat  # the item's headline, as text


# --- one bad file never costs the brief (issue 13) ----------------------------------------------
GOOD = ("Retail sales\n\nRetail sales of consumer goods increased by 5.5% year-on-year in the first two "
        "months, the National Bureau of Statistics said on Monday.\n")


def project_with(tmp_path, **extra):
    """Make a project with one good source (plus `extra` files by name) and an html-only config."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in extra.items():
        (sources / name).write_bytes(data)
    config = tmp_path / "briefing.yaml"
    config.write_text("translation_memory: null\ntemplates_dir: null\n", encoding="utf-8")
    return config


def build(config, *args):
    return run("build", "--config", str(config), "--date", "2024-03-27", "--format", "html", *args)


def noise(size=20000, seed=7):
    """Bytes like `head -c 20000 /dev/urandom | tr -d '\\000'`."""
    import random

    return random.Random(seed).randbytes(size).replace(b"\x00", b"")


def warnings_of(result):
    """Return the stderr lines, checking each is one of ours."""
    lines = result.stderr.splitlines()
    assert all(line.startswith("briefing: ") for line in lines), result.stderr
    return lines


def test_undecodable_source_is_skipped_with_a_warning_even_with_quiet(tmp_path):
    config = project_with(tmp_path, **{"x.txt": noise()})
    result = build(config, "--quiet")
    assert (result.exit_code, result.stdout) == (0, "")
    (line,) = warnings_of(result)
    assert line.startswith("briefing: WARNING: x.txt: cannot decode, skipped")
    assert "5.5%" in (tmp_path / "output" / "latest.html").read_text(encoding="utf-8")
    strict = build(config, "--quiet", "--strict")
    assert strict.exit_code == ExitCode.INPUT
    assert warnings_of(strict) == [line.replace("WARNING", "error")]


@pytest.mark.parametrize("kind, message", [
    ("dangling", "gone.txt: skipped, a symbolic link to a missing file"),
    ("directory", "gone.txt: skipped, a directory, not a file"),
    ("fifo", "gone.txt: skipped, a named pipe (FIFO), not a file"),
])
def test_entries_that_are_not_files_are_reported_and_fail_strict(tmp_path, kind, message):
    import os

    config = project_with(tmp_path)
    entry = tmp_path / "sources" / "gone.txt"
    if kind == "dangling":
        entry.symlink_to(tmp_path / "sources" / "deleted.txt")
    elif kind == "directory":
        entry.mkdir()
    else:
        os.mkfifo(entry)
    result = build(config, "--quiet")
    (line,) = warnings_of(result)
    assert result.exit_code == 0 and line.startswith(f"briefing: WARNING: {message}")
    strict = build(config, "--quiet", "--strict")
    (line,) = warnings_of(strict)
    assert strict.exit_code == ExitCode.INPUT and line.startswith(f"briefing: error: {message}")


def test_symlink_out_of_the_sources_folder_is_refused_and_its_figures_never_published(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret plan\n\nClassified profits increased by 77.7% year-on-year in March.\n",
                      encoding="utf-8")
    config = project_with(tmp_path)
    (tmp_path / "sources" / "b.txt").symlink_to(secret)
    result = run("build", "--config", str(config), "--date", "2024-03-27", "--quiet")
    assert result.exit_code == 0, result.stderr
    (line,) = warnings_of(result)
    assert line.startswith("briefing: WARNING: b.txt: skipped, a symbolic link to ") and "outside" in line
    out = tmp_path / "output"
    for name in ("latest.html", "brief-2024-03-27.txt"):
        assert "77.7" not in (out / name).read_text(encoding="utf-8") and "Classified" not in (out / name).read_text(encoding="utf-8")
    import io

    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO((out / "latest.pdf").read_bytes())).pages)
    assert "5.5%" in text and "77.7" not in text
    strict = run("build", "--config", str(config), "--date", "2024-03-27", "--quiet", "--strict")
    assert strict.exit_code == ExitCode.INPUT and "b.txt: skipped, a symbolic link" in strict.stderr


def test_seven_bad_sources_give_seven_warnings_under_quiet(tmp_path):
    config = project_with(tmp_path, **{"a.txt": b"", "b.txt": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)),
                                       "c.txt": noise(seed=1), "d.html": noise(seed=2), "e.md": b"   \n",
                                       "f.txt": noise(300, seed=3), "g.txt": b"\xff\xfe" + b"\x00\xd8" * 3})
    result = build(config, "--quiet")
    assert result.exit_code == 0 and result.stdout == ""
    lines = warnings_of(result)
    assert [line.split(": ")[2] for line in lines] == ["a.txt", "b.txt", "c.txt", "d.html", "e.md", "f.txt", "g.txt"]


def test_file_names_with_newlines_and_escape_codes_are_escaped(tmp_path):
    forged = "x.txt\nbriefing: error: forged line.txt"
    coloured = "\x1b[31mred\x1b[0m.txt"
    config = project_with(tmp_path, **{forged: b"", coloured: b""})
    result = build(config)
    assert result.exit_code == 0
    lines = warnings_of(result)
    assert len(lines) == 2 and "\x1b" not in result.stderr
    assert "briefing: WARNING: x.txt\\x0abriefing: error: forged line.txt: skipped, the file is empty" in lines
    assert "briefing: WARNING: \\x1b[31mred\\x1b[0m.txt: skipped, the file is empty" in lines
    strict = build(config, "--strict")
    assert strict.exit_code == ExitCode.INPUT and len(strict.stderr.splitlines()) == 1


def test_undecodable_file_name_does_not_crash_the_messages(tmp_path):
    import os

    config = project_with(tmp_path)
    folder = os.fsencode(tmp_path / "sources")
    os.close(os.open(folder + b"/bad\xff\xfename.txt", os.O_CREAT | os.O_WRONLY))
    with open(folder + b"/exports\xff.txt", "wb") as handle:  # read, so its name reaches the page
        handle.write(b"Exports grew by 3.1% year-on-year in October, customs data showed.\n")
    result = run("build", "--config", str(config), "--date", "2024-03-27", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert warnings_of(result) == ["briefing: WARNING: bad\\xff\\xfename.txt: skipped, the file is empty"]
    html = (tmp_path / "output" / "latest.html").read_text(encoding="utf-8")
    assert "3.1%" in html and "exports\\xff.txt" in html


def project_with_theme(tmp_path, name, text):
    """Make a project whose templates_dir holds one override template."""
    config = project_with(tmp_path)
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / name).write_text(text, encoding="utf-8")
    config.write_text("translation_memory: null\ntemplates_dir: theme\n", encoding="utf-8")
    return config


def test_override_brief_txt_is_published(tmp_path):
    config = project_with_theme(tmp_path, "brief.txt.j2",
                                "OUR TEXT {{ brief.date }}: {{ brief.figures|length }} figures\n")
    result = build(config, "--quiet")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "output" / "brief-2024-03-27.txt").read_text(encoding="utf-8")
    assert text == "OUR TEXT 2024-03-27: 1 figures\n"


def test_template_running_a_shell_command_fails_the_build(tmp_path):
    config = project_with_theme(tmp_path, "brief.html.j2",
                                '<p>{{ lipsum.__globals__.os.popen("echo PWNED-$((6*7))").read() }}</p>')
    result = build(config, "--quiet")
    assert result.exit_code == ExitCode.FAILURE
    assert "PWNED-42" not in result.stderr and "SecurityError" in result.stderr
    assert not (tmp_path / "output" / "latest.html").exists()


# Runs the CLI in a child that cannot read a mode-000 file: as root it first builds once (so that
# every module the build imports is loaded from root-only folders), then drops to nobody.
AS_NOBODY = """
import os, sys
from briefing.cli import main
try:
    main(["build", "--config", sys.argv[1], "--format", "html", "--quiet"], standalone_mode=False)
except SystemExit:
    pass
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
main(sys.argv[2:])
"""


def run_unprivileged(warm_config, *args):
    """Run the CLI in a child process that is not root; skip when privileges cannot be dropped."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", AS_NOBODY, str(warm_config), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    if "PermissionError: [Errno 1] Operation not permitted" in done.stderr:
        pytest.skip("cannot drop privileges to nobody here")
    return done


def test_unreadable_source_is_skipped_with_a_warning_as_a_normal_user(tmp_path):
    import os
    import tempfile

    (tmp_path / "warm").mkdir()
    warm = project_with(tmp_path / "warm")
    shared = Path(tempfile.mkdtemp(prefix="briefing-nobody-", dir="/tmp"))  # nobody cannot enter tmp_path
    try:
        config = project_with(shared, **{"locked.txt": b"Exports grew by 3.1% year-on-year in October.\n"})
        for path in [shared, *shared.rglob("*")]:
            if os.geteuid() == 0:
                os.chown(path, 65534, 65534)
        (shared / "sources" / "locked.txt").chmod(0)
        args = ("build", "--config", str(config), "--date", "2024-03-27", "--format", "html")
        done = run_unprivileged(warm, *args, "--quiet")
        assert done.returncode == 0, done.stderr
        assert done.stdout == "" and done.stderr == ("briefing: WARNING: locked.txt: skipped, cannot read: "
                                                     "permission denied\n")
        assert "5.5%" in (shared / "output" / "latest.html").read_text(encoding="utf-8")
        strict = run_unprivileged(warm, *args, "--quiet", "--strict")
        assert strict.returncode == ExitCode.INPUT
        assert strict.stderr == "briefing: error: locked.txt: skipped, cannot read: permission denied\n"
    finally:
        shutil.rmtree(shared)


# --- any bytes as a source: a brief or one line with a documented exit code ---------------------
def _encoded_text():
    """Text of any kind in the encodings sources come in, some with a BOM or an HTML wrapper."""
    from hypothesis import strategies as st

    codecs = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5",
                              "cp1252", "latin-1", "shift_jis"])
    text = st.one_of(st.text(max_size=300), st.sampled_from([GOOD, "国内生产总值同比增长5.3%。一是加快发展。二是扩大内需。"]))
    encoded = st.tuples(text, codecs).map(lambda t: t[0].encode(t[1], "replace"))
    charset = st.sampled_from(["utf-8", "big5", "gbk", "iso-8859-1", "no-such-codec", ""])
    html = st.tuples(charset, encoded).map(
        lambda t: b"<html><head><meta charset='" + t[0].encode() + b"'></head><body><p>" + t[1] + b"</p></body></html>")
    return st.one_of(st.binary(max_size=4000), encoded, html,
                     st.tuples(encoded, st.binary(max_size=40)).map(lambda t: t[0] + t[1]))


def _fuzz_examples():
    from hypothesis import strategies as st

    return st.tuples(_encoded_text(), st.sampled_from(["x.txt", "x.html", "x.md"]), st.booleans())


@pytest.mark.filterwarnings("ignore")
def test_any_bytes_as_a_source_give_a_brief_or_one_documented_error_line():
    import tempfile

    from hypothesis import HealthCheck, given, settings

    documented = {int(code) for code in ExitCode}

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(_fuzz_examples())
    def check(example):
        data, name, with_good = example
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            config = project_with(root, **{name: data})
            if not with_good:
                (root / "sources" / "good.txt").unlink()
            result = build(config, "--quiet")
            lines = result.stderr.splitlines()
            assert result.exit_code in documented and all(line.startswith("briefing: ") for line in lines)
            assert result.stdout == ""
            if with_good or result.exit_code == 0:
                assert result.exit_code == 0, result.stderr  # one bad file never costs the brief
                assert (root / "output" / "latest.html").is_file()
            else:
                assert result.exit_code == ExitCode.INPUT and len(lines) == 1, result.stderr

    check()
