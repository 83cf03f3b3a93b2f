"""Builds through the archive: the same page as straight from the files, only new work, any --jobs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing import bilingual, compose, pipeline
from briefing.archive import keys_for, open_archive, store
from briefing.archive.collect import Documents
from briefing.archive.pairing import pair_window
from briefing.archive.version import EXTRACTION_CODE, _extractor_version
from briefing.config import load_settings
from briefing.render import page
from tests.archive.project import DATA, REPO, SAMPLES, Project, cli, project, source_names

HELDOUT2 = REPO / "tests" / "heldout2"
PAIRS = REPO / "tests" / "pairs"  # the blind pairs set: 7 pairs, a reprint, distractors


def straight_page(p: Project, date: str) -> str:
    """Render the page the pre-archive way: extract every file, pair them all, compose (keys added)."""
    from briefing import archive

    settings = load_settings(p.config)
    extraction = pipeline.extract(sorted(p.sources.iterdir()), settings)
    articles = archive.key_articles(pipeline.make_articles(extraction, settings), keys_for(None))
    return page.render_html(compose.compose(articles, settings, date), settings, screen=True)


@pytest.mark.parametrize("folder", [SAMPLES, HELDOUT2], ids=["samples", "heldout2"])
def test_the_archive_build_shows_the_page_built_straight_from_the_files(tmp_path: Path, folder: Path) -> None:
    p = project(tmp_path)
    p.add(*(f.name for f in sorted(folder.glob("*.txt"))), folder=folder)
    assert p.build("2025-06-16").exit_code == 0
    fresh = (p.output / "brief-2025-06-16.html").read_text(encoding="utf-8")
    assert fresh == straight_page(p, "2025-06-16")
    assert p.build("2025-06-16").exit_code == 0  # every extraction now read from the archive
    assert (p.output / "brief-2025-06-16.html").read_text(encoding="utf-8") == fresh


def test_pairs_through_the_index_are_find_pairs_pairs(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add(*(f.name for f in sorted(HELDOUT2.glob("*.txt"))), folder=HELDOUT2)
    p.add(*(f.name for f in sorted(SAMPLES.glob("*.txt"))), folder=SAMPLES)
    p.add(*(f.name for f in sorted(PAIRS.glob("*.txt"))), folder=PAIRS)
    p.add(*(f.name for f in sorted(DATA.glob("*.txt"))))
    assert p.build("2025-06-16").exit_code == 0
    settings = load_settings(p.config)
    expected = bilingual.find_pairs(pipeline.extract(sorted(p.sources.iterdir()), settings).documents, 0.6)
    with open_archive(p.archive) as archive:
        ids = [row.id for row in archive.list_sources()]
        found = pair_window(archive, ids, 10**9, 0.6, Documents(archive).many)
    assert len(expected) >= 11 and any(pair.runner_up for pair in expected)  # the reprint's runner-up too
    assert found.pairs == expected


def test_a_rebuild_extracts_nothing_and_an_older_extractor_version_is_redone(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_april_en.txt", "nbs_april_zh.txt", "nbs_may_en.txt")
    assert p.build("2025-06-16").exit_code == 0
    stamps = p.query("SELECT source, extracted_at FROM extractions ORDER BY source")
    assert p.build("2025-06-16").exit_code == 0
    assert p.query("SELECT source, extracted_at FROM extractions ORDER BY source") == stamps
    with store.open_archive(p.archive) as archive, archive.transaction():  # as an older release left it
        archive._db.execute("UPDATE extractions SET extractor = 'older' WHERE source = 2")
    first = p.outputs("2025-06-16")
    assert p.build("2025-06-16").exit_code == 0
    redone = dict(p.query("SELECT source, extracted_at FROM extractions ORDER BY source"))
    assert redone[1] == dict(stamps)[1] and redone[2] != dict(stamps)[2] and redone[3] == dict(stamps)[3]
    assert p.query("SELECT count(*) FROM extractions") == [(3,)]  # replaced, not added
    assert p.outputs("2025-06-16") == first


def test_the_extractor_version_changes_with_extraction_code_and_data_only(tmp_path: Path) -> None:
    package = tmp_path / "briefing"
    shutil.copytree(REPO / "briefing", package, ignore=shutil.ignore_patterns("__pycache__"))
    version = _extractor_version.__wrapped__  # uncached: the same folder is hashed after each change
    before = version(package)
    (package / "compose" / "select.py").write_text("# composing is not extraction\n", encoding="utf-8")
    assert version(package) == before
    figures = package / "extract" / "data" / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n# one more unit word\n", encoding="utf-8")
    after_data = version(package)
    steps = package / "clean" / "steps.py"
    steps.write_text(steps.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len({before, after_data, version(package)}) == 3
    assert {"read", "clean", "extract"} <= set(EXTRACTION_CODE)


def test_any_number_of_jobs_gives_the_same_brief(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2", "3"):
        p = project(tmp_path / jobs)
        p.add(*(f.name for f in sorted(SAMPLES.glob("*.txt"))), folder=SAMPLES)
        p.add(*(f.name for f in sorted(DATA.glob("*.txt"))))
        result = p.build("2025-06-16", "--jobs", jobs)
        assert result.exit_code == 0, result.stderr
        outputs.append(p.outputs("2025-06-16"))
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_same_content_under_two_names_is_one_source(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt")
    shutil.copyfile(p.sources / "nbs_may_en.txt", p.sources / "mirror_copy.txt")
    assert p.build("2025-06-16").exit_code == 0
    assert p.query("SELECT name FROM sources") == [("mirror_copy.txt",)]  # the first name it was seen by
    assert p.query("SELECT count(*) FROM files") == [(2,)]
    assert source_names(p.brief("2025-06-16")) == {"mirror_copy.txt"}


def test_archive_null_keeps_no_archive_and_every_build_covers_everything(tmp_path: Path) -> None:
    p = project(tmp_path, archive=None)
    p.add("nbs_april_en.txt")
    assert p.build("2025-05-19").exit_code == 0
    p.add("nbs_may_en.txt")
    assert p.build("2025-06-16").exit_code == 0
    assert source_names(p.brief("2025-06-16")) == {"nbs_april_en.txt", "nbs_may_en.txt"}
    assert not (tmp_path / "memory").exists()


def test_the_default_archive_sits_beside_the_translation_memory(tmp_path: Path) -> None:
    p = project(tmp_path, translation_memory="state/tm.tmx")
    assert load_settings(p.config).archive == tmp_path / "state" / "archive.sqlite"
    plain = project(tmp_path / "plain")
    assert load_settings(plain.config).archive == tmp_path / "plain" / "memory" / "archive.sqlite"
    chosen = project(tmp_path / "chosen", archive="/srv/briefing/stream.sqlite")
    assert load_settings(chosen.config).archive == Path("/srv/briefing/stream.sqlite")


def test_the_brief_json_has_the_documented_fields(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_april_en.txt", "nbs_april_zh.txt")
    assert p.build("2025-05-19").exit_code == 0
    p.add("nbs_may_en.txt", "nbs_may_zh.txt")
    p.add(*(f.name for f in sorted(SAMPLES.glob("*.txt"))), folder=SAMPLES)
    assert p.build("2025-06-16", "--format", "pdf,html").exit_code == 0
    brief = p.brief("2025-06-16")
    assert brief["version"] == 1 and brief["date"] == "2025-06-16"
    assert set(brief["sources"][0]) == {"name", "title", "date", "lang", "pair"}
    assert {"value", "unit", "basis", "period", "label_en", "label_zh", "source", "previous"} <= set(brief["figures"][0])
    previous = next(f["previous"] for f in brief["figures"] if f["previous"])
    assert {"value", "period", "date", "source"} <= set(previous)
    assert brief["lists"] and {"intro", "items", "source"} <= set(brief["lists"][0])
    assert len(brief["figures"]) <= 10


def test_the_demo_built_twice_in_a_row_gives_the_same_brief(tmp_path: Path) -> None:
    """What `./bootstrap.sh demo` does twice: the shipped config (translation memory on), the samples."""
    shutil.copytree(SAMPLES, tmp_path / "sources")
    shutil.copyfile(REPO / "briefing.yaml", tmp_path / "briefing.yaml")
    p = Project(tmp_path)
    runs = []
    for _ in range(2):
        result = p.build("2024-03-27", "--format", "pdf,html")
        assert result.exit_code == 0, result.stderr
        runs.append({**p.outputs("2024-03-27"), "pdf": (p.output / "brief-2024-03-27.pdf").read_bytes()})
    assert runs[0] == runs[1]
    assert (tmp_path / "memory" / "briefing.tmx").is_file() and p.archive.is_file()


PMI = ("Manufacturing PMI edges up in May\n\n2025-05-31\n\nThe purchasing managers' index for manufacturing "
       "stood at 49.5 percent in May, up 0.5 percentage points from April, the statistics bureau said.\n")


def test_a_changed_glossary_rekeys_the_archived_figures(tmp_path: Path) -> None:
    p = project(tmp_path)
    (p.sources / "pmi_en.txt").write_text(PMI, encoding="utf-8")
    assert p.build("2025-05-31").exit_code == 0
    assert p.query("SELECT label_zh FROM figures") == [(None,), (None,)]
    glossary = tmp_path / "terms.yaml"
    glossary.write_text("indicators:\n  - {en: purchasing managers' index for manufacturing, zh: 制造业采购经理指数}\n",
                        encoding="utf-8")
    p.config.write_text(p.config.read_text(encoding="utf-8") + f"glossary: {glossary}\n", encoding="utf-8")
    stamps = p.query("SELECT extracted_at FROM extractions")
    assert p.build("2025-05-31").exit_code == 0
    assert p.query("SELECT label_zh FROM figures") == [("制造业采购经理指数",), ("制造业采购经理指数",)]
    assert p.query("SELECT extracted_at FROM extractions") == stamps  # re-keyed, not re-extracted
    history = cli("history", "采购经理", "--config", str(p.config), "--format", "json")
    assert sorted(r["value"] for r in json.loads(history.stdout)) == [0.5, 49.5]
