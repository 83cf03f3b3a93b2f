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
