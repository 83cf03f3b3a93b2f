"""The window: a brief covers the sources first seen since the previous brief; reruns select the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ExitCode
from tests.archive.project import Project, project, source_names

APRIL = ("nbs_april_en.txt", "nbs_april_zh.txt")
MAY = ("nbs_may_en.txt", "wire_may_en.txt")


@pytest.fixture()
def stream(tmp_path: Path) -> Project:
    """A project that built the April brief on 2025-05-19, then received May's articles."""
    p = project(tmp_path)
    p.add(*APRIL)
    assert p.build("2025-05-19").exit_code == 0
    p.add(*MAY)
    return p


def test_first_brief_covers_every_source(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add(*APRIL, *MAY)
    result = p.build("2025-05-19")
    assert result.exit_code == 0, result.stderr
    brief = p.brief("2025-05-19")
    assert source_names(brief) == set(APRIL + MAY)
    assert brief["window"] == "every source (the first brief)"


def test_yesterdays_sources_are_not_in_todays_brief(stream: Project) -> None:
    result = stream.build("2025-06-16")
    assert result.exit_code == 0, result.stderr
    brief = stream.brief("2025-06-16")
    assert source_names(brief) == set(MAY)
    assert "2 sources read" in result.stdout
    assert brief["window"] == "sources first seen since the brief of 2025-05-19"


def test_rebuilding_a_date_selects_the_same_sources_and_writes_the_same_brief(stream: Project) -> None:
    assert stream.build("2025-06-16").exit_code == 0
    first = stream.outputs("2025-06-16")
    stream.add("nbs_may_zh.txt")  # lands after the brief was built: it belongs to the next one
    assert stream.build("2025-06-16").exit_code == 0
    assert stream.outputs("2025-06-16") == first
    assert stream.build("2025-06-17").exit_code == 0
    assert source_names(stream.brief("2025-06-17")) == {"nbs_may_zh.txt", "nbs_may_en.txt"}  # with its pair


def test_rebuilding_an_earlier_date_keeps_its_own_window(stream: Project) -> None:
    before = stream.outputs("2025-05-19")
    assert stream.build("2025-06-16").exit_code == 0
    assert stream.build("2025-05-19").exit_code == 0
    assert stream.outputs("2025-05-19") == before


def test_a_pair_reaches_into_the_archive(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt")
    assert p.build("2025-06-16").exit_code == 0
    p.add("nbs_may_zh.txt")  # the Chinese release arrives a day after the English one
    assert p.build("2025-06-17").exit_code == 0
    sources = {s["name"]: s for s in p.brief("2025-06-17")["sources"]}
    assert sources["nbs_may_zh.txt"]["pair"] == "nbs_may_en.txt"
    assert sources["nbs_may_en.txt"]["pair"] == "nbs_may_zh.txt"
    assert p.query("SELECT count(*) FROM pairs") == [(1,)]


def test_a_day_with_nothing_new_says_so_in_one_line_and_writes_nothing(stream: Project) -> None:
    assert stream.build("2025-06-16").exit_code == 0
    result = stream.build("2025-06-17")
    assert result.exit_code == ExitCode.NOTHING_NEW == 9
    assert len(result.stderr.strip().splitlines()) == 1 and "nothing new" in result.stderr
    assert result.stdout == ""
    assert not list(stream.output.glob("brief-2025-06-17.*"))
    quiet = stream.build("2025-06-17", "--quiet")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (9, "", "")


def test_nothing_new_sends_no_mail(tmp_path: Path) -> None:
    mail = {"host": "127.0.0.1", "port": 1, "security": "none", "from": "brief@example.org", "to": ["desk@example.org"]}
    p = project(tmp_path, email=mail)
    p.add(*APRIL)
    assert p.build("2025-05-19", "--format", "pdf,html", "--dry-run").exit_code == 0
    assert len(list(p.output.glob("*.eml"))) == 1
    result = p.build("2025-05-20", "--format", "pdf,html", "--send")
    assert result.exit_code == ExitCode.NOTHING_NEW  # port 1 refuses: a send attempt would exit 4
    assert not list(p.output.glob("brief-2025-05-20.*"))


def test_since_selects_by_publication_date(stream: Project) -> None:
    assert stream.build("2025-06-16").exit_code == 0
    result = stream.build("2025-06-20", "--since", "2025-05-01")
    assert result.exit_code == 0, result.stderr
    assert source_names(stream.brief("2025-06-20")) == set(APRIL + MAY)
    assert stream.brief("2025-06-20")["window"] == "sources dated 2025-05-01 to 2025-06-20"


def test_days_counts_back_from_the_brief_date(stream: Project) -> None:
    assert stream.build("2025-06-17", "--days", "3").exit_code == 0  # 06-15 … 06-17: May's only
    assert source_names(stream.brief("2025-06-17")) == set(MAY)
    empty = stream.build("2025-06-30", "--days", "7")
    assert empty.exit_code == ExitCode.NOTHING_NEW and "dated 2025-06-24 to 2025-06-30" in empty.stderr


def test_since_and_days_together_is_a_usage_error(stream: Project) -> None:
    result = stream.build("2025-06-16", "--since", "2025-06-01", "--days", "3")
    assert result.exit_code == ExitCode.CONFIG and "--since and --days" in result.stderr


def test_since_must_be_a_date(stream: Project) -> None:
    result = stream.build("2025-06-16", "--since", "June")
    assert result.exit_code == ExitCode.CONFIG and "--since: expected YYYY-MM-DD" in result.stderr


def test_a_changed_file_is_a_new_version_and_a_deleted_one_stays(stream: Project) -> None:
    assert stream.build("2025-06-16").exit_code == 0
    wire = stream.sources / "wire_may_en.txt"
    wire.write_text(wire.read_text(encoding="utf-8").replace("6.2 percent", "6.3 percent"), encoding="utf-8")
    (stream.sources / "nbs_april_en.txt").unlink()
    result = stream.build("2025-06-17")
    assert result.exit_code == 0, result.stderr
    assert source_names(stream.brief("2025-06-17")) == {"wire_may_en.txt"}
    versions = stream.query("SELECT id, previous FROM sources WHERE name = 'wire_may_en.txt' ORDER BY id")
    assert len(versions) == 2 and versions[1][1] == versions[0][0]
    assert stream.query("SELECT count(*) FROM sources WHERE name = 'nbs_april_en.txt'") == [(1,)]
    assert stream.query("SELECT count(*) FROM sources") == [(5,)]


def test_a_skipped_source_is_warned_in_its_window_only_and_fails_strict(tmp_path: Path) -> None:
    p = project(tmp_path, max_source_mb=0.01)
    p.add(*APRIL)
    (p.sources / "empty.txt").write_bytes(b"  \n")
    (p.sources / "huge.txt").write_text("Retail sales grew. " * 1000, encoding="utf-8")
    first = p.build("2025-05-19")
    assert first.exit_code == 0, first.stderr
    assert "empty.txt: skipped" in first.stderr and "huge.txt: skipped" in first.stderr
    assert p.query("SELECT skipped FROM extractions WHERE skipped IS NOT NULL") == [
        ("empty.txt: skipped, the file is empty",)]
    assert "empty.txt: skipped" in p.build("2025-05-19").stderr  # a rebuild: the same window
    strict = p.build("2025-05-19", "--strict")
    assert strict.exit_code == ExitCode.INPUT and "skipped" in strict.stderr
    p.add("nbs_may_en.txt")
    later = p.build("2025-06-16")
    assert later.exit_code == 0 and "empty.txt" not in later.stderr  # cached, and not in this window
    assert "huge.txt: skipped" in later.stderr  # never read, so never recorded: said every time


def test_a_source_that_cannot_be_decoded_is_skipped_naming_it_and_fails_only_under_strict(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add(*APRIL)
    (p.sources / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    result = p.build("2025-05-19")
    assert result.exit_code == ExitCode.OK and "garbled.txt" in result.stderr  # the good ones still brief
    assert p.query("SELECT count(*) FROM extractions WHERE document IS NOT NULL") == [(2,)]
    q = project(tmp_path / "strict")
    q.add(*APRIL)
    (q.sources / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    strict = q.build("2025-05-19", "--strict")
    assert strict.exit_code == ExitCode.INPUT and "garbled.txt" in strict.stderr
