"""The archive file: exact round trips of extractions, the schema's migrations, what analysts can read."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.archive import codec, store
from briefing.archive.ingest import derive, keys_for
from briefing.config import Settings
from briefing.models import Document, Figure, MeasureList
from briefing.pipeline import extract_document, read
from tests.archive.project import DATA, REPO, SAMPLES, cli, project

TEXTS = sorted([*SAMPLES.glob("*.txt"), *(REPO / "tests" / "heldout").glob("*.txt"),
                *(REPO / "tests" / "heldout2").glob("*.txt"), *DATA.glob("*.txt")])


def fresh(path: Path) -> Document:
    """Extract a file straight from disk, as a build without an archive would."""
    return extract_document(read(path, Settings(base_dir=REPO)))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_a_stored_extraction_comes_back_equal(path: Path) -> None:
    doc = fresh(path)
    assert codec.loads(Document, codec.dumps(doc)) == doc


finite = st.floats(allow_nan=False, allow_infinity=True)


@given(value=finite, top=st.none() | finite, parent=st.none() | st.tuples(st.integers(), st.integers()),
       label=st.text())
def test_round_trip_keeps_every_number_and_type(value: float, top: float | None,
                                                parent: tuple[int, int] | None, label: str) -> None:
    figure = Figure(value=value, unit="percent", basis="yoy", text="x", sentence=label, start=0, end=1,
                    lang="en", label=label, value_max=top)
    lst = MeasureList(intro=label, items=(), start=0, end=1, parent=parent)
    assert codec.loads(Figure, codec.dumps(figure)) == figure
    back = codec.loads(MeasureList, codec.dumps(lst))
    assert back == lst and type(back.parent) is type(lst.parent)


def test_an_integer_value_stays_an_integer() -> None:
    figure = Figure(value=178, unit="count", basis="level", text="178", sentence="", start=0, end=3, lang="en")
    assert type(codec.loads(Figure, codec.dumps(figure)).value) is int


# --- schema -----------------------------------------------------------------------------------
def test_a_new_archive_has_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    with store.open_archive(path):
        pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store.latest_version() == 2
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "sources", "files", "extractions", "figures", "briefs", "pairs", "signatures",
            "tokens", "meta"} <= tables


def v1_archive(path: Path, source: Path) -> Document:
    """Write an archive the way the first schema version held it: one source, its figures, a brief."""
    doc = fresh(source)
    with store.open_archive(path, upto=1) as archive:
        assert archive._one("PRAGMA user_version")[0] == 1
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO runs (id, started_at, extractor) VALUES (1, '2025-05-19T02:00:00+00:00', 'v1')")
        db.execute("INSERT INTO sources (id, hash, name, path, size, first_seen, first_run, published, lang, "
                   "title, extractor) VALUES (1, 'h', ?, ?, 10, '2025-05-19T02:00:00+00:00', 1, ?, ?, ?, 'v1')",
                   (source.name, str(source), doc.clean.date, doc.lang, doc.clean.title))
        db.execute("INSERT INTO extractions VALUES (1, 'v1', '2025-05-19T02:00:01+00:00', ?, NULL)",
                   (codec.dumps(doc),))
        rows = derive(1, doc, keys_for(None)).figures
        db.executemany("INSERT INTO figures VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(f.idx, f.value, f.value_max, f.unit, f.basis, f.period, f.label, f.lang, f.text,
                         f.indicator, f.period_key) for f in rows])
        db.execute("INSERT INTO briefs VALUES ('2025-05-19', 1, '2025-05-19T02:00:02+00:00', 1)")
    return doc


def test_migration_from_the_first_version_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    doc = v1_archive(path, DATA / "nbs_april_zh.txt")
    with store.open_archive(path) as archive:
        assert archive._one("PRAGMA user_version")[0] == 2
        assert archive.document(1) == doc
        assert archive.brief("2025-05-19") == store.BriefRow("2025-05-19", 1, "2025-05-19T02:00:02+00:00", 1)
        assert archive._one("SELECT count(*) FROM figures")[0] == len(doc.figures)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        columns = {r[1] for r in db.execute("PRAGMA table_info(figures)")}
    assert {"label_en", "label_zh"} <= columns


def test_a_migrated_archive_serves_the_next_build(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.archive.parent.mkdir(parents=True)
    v1_archive(p.archive, DATA / "nbs_april_zh.txt")
    p.add("nbs_may_en.txt")
    result = p.build("2025-06-16")
    assert result.exit_code == 0, result.stderr
    retail = [f for f in p.brief("2025-06-16")["figures"] if f["value"] == 6.4]
    assert retail[0]["previous"]["value"] == 5.1  # from the version-1 archive's source
    history = cli("history", "retail sales", "--config", str(p.config), "--format", "json")
    assert {r["source"] for r in json.loads(history.stdout)} == {"nbs_april_zh.txt", "nbs_may_en.txt"}


def test_a_failed_migration_leaves_the_archive_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    v1_archive(path, DATA / "nbs_may_en.txt")
    with sqlite3.connect(path) as db:  # a table in the way of migration 2
        db.execute("CREATE TABLE pairs (x)")
    with pytest.raises(store.ArchiveError, match=str(path)):
        with store.open_archive(path):
            pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "label_en" not in {r[1] for r in db.execute("PRAGMA table_info(figures)")}


def test_the_schema_file_is_what_the_readme_documents() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for table in ("sources", "files", "extractions", "figures", "briefs", "pairs", "signatures", "tokens"):
        assert f"`{table}`" in readme, table


def test_an_analyst_reads_the_archive_with_plain_sqlite(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_april_en.txt", "nbs_april_zh.txt")
    assert p.build("2025-05-19").exit_code == 0
    rows = p.query("SELECT s.name, f.value, f.period FROM figures f JOIN sources s ON s.id = f.source "
                   "WHERE f.label_en = 'total retail sales of consumer goods' AND f.unit = 'percent' "
                   "ORDER BY s.name, f.idx")
    assert rows == [("nbs_april_en.txt", 5.1, "April"), ("nbs_april_en.txt", 4.7, "January to April"),
                    ("nbs_april_zh.txt", 5.1, "4月份"), ("nbs_april_zh.txt", 4.7, "1—4月份")]
    titles = p.query("SELECT json_extract(document, '$.clean.title') FROM extractions ORDER BY source")
    assert titles == [("National Economy Sustained Stable Growth in April",), ("4月份国民经济顶住压力稳定增长",)]
