"""The archive's one door to its database: every SQL statement of the package is in this module.

An embedded SQLite file (WAL, so that `briefing history` reads while a build writes), its schema
built by the numbered migrations in data/schema.sql. Every write is one transaction: a build
killed at any point leaves the archive as it was before that transaction. A server database
can replace this module without touching the stages, which see only the methods below.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.archive import codec
from briefing.archive.signature import Signature
from briefing.errors import BriefingError, ExitCode
from briefing.models import Document
from briefing.read.decode import display_name

SCHEMA = Path(__file__).with_name("data") / "schema.sql"
MIGRATION = re.compile(r"^-- migration (\d+):.*$", re.MULTILINE)
BUSY_MS = 30_000  # wait this long for another writer (a build on another output folder) to commit
MEMORY = ":memory:"


class ArchiveError(BriefingError):
    """The archive file cannot be used: corrupt, not a database, or from a newer briefing."""

    exit_code = ExitCode.CONFIG


@dataclass(frozen=True)
class FileRecord:
    """What the archive knows of a path: its source and the size and mtime it had then."""

    source: int
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class SourceRow:
    """One archived source, as `archive list` and the window see it."""

    id: int
    name: str
    path: str
    hash: str
    first_seen: str
    first_run: int
    published: str | None
    lang: str | None
    title: str | None
    extractor: str | None
    figures: int
    pair: str | None
    skipped: str | None

    @property
    def date(self) -> str:
        """Return the source's date: published, else the day it was first seen."""
        return self.published or self.first_seen[:10]


@dataclass(frozen=True)
class FigureRow:
    """One figure as the figures table holds it."""

    idx: int
    value: float
    value_max: float | None
    unit: str
    basis: str
    period: str | None
    label: str
    lang: str
    text: str
    indicator: str
    period_key: str
    label_en: str | None
    label_zh: str | None


@dataclass(frozen=True)
class Extracted:
    """A source's extraction, ready to store: the Document as JSON and what is derived from it."""

    source: int
    document: str | None = None  # JSON; None when skipped or failed
    skipped: str | None = None  # a skip reason (cached: the same bytes skip the same way)
    failed: str | None = None  # an unexpected failure (not cached: retried next build)
    error: str | None = None  # the source cannot be read at all (the build fails, exit 3)
    published: str | None = None
    lang: str | None = None
    title: str | None = None
    figures: tuple[FigureRow, ...] = ()
    signature: str | None = None  # JSON of the Signature


@dataclass(frozen=True)
class Observation:
    """An archived figure of one indicator, with its source's name and date."""

    source_id: int
    source: str
    date: str
    idx: int
    period_key: str


@dataclass(frozen=True)
class BriefRow:
    """A brief the archive remembers building."""

    date: str
    run: int
    built_at: str
    sources: int


class Archive:
    """An open archive database."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self.path = path
        self.label = str(path) if path is not None else "(archive in memory)"

    # --- transactions -----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction: all of it is written, or none of it."""
        with self.errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn a database failure into an ArchiveError naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.label}: the archive cannot be used: {exc} "
                               "(it is not reset: restore it from a backup or move it away)") from exc

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a query and return its rows."""
        with self.errors():
            return self._db.execute(sql, args).fetchall()

    def _one(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Row | None:
        """Run a query and return its first row."""
        rows = self._rows(sql, args)
        return rows[0] if rows else None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    # --- runs and files ---------------------------------------------------------------------
    def begin_run(self, extractor: str) -> int:
        """Record the start of a build and return its run number."""
        with self.transaction():
            cursor = self._db.execute("INSERT INTO runs (started_at, extractor) VALUES (?, ?)",
                                      (_now(), extractor))
        return int(cursor.lastrowid or 0)

    def files(self) -> dict[str, FileRecord]:
        """Return every recorded path with its source and the stat it had."""
        rows = self._rows("SELECT path, source, size, mtime_ns FROM files")
        return {r[0]: FileRecord(r[1], r[2], r[3]) for r in rows}

    def source_by_hash(self, digest: str) -> int | None:
        """Return the source with this content hash, if the archive holds it."""
        row = self._one("SELECT id FROM sources WHERE hash = ?", (digest,))
        return int(row[0]) if row else None

    def add_source(self, digest: str, path: Path, size: int, run: int, previous: int | None) -> int:
        """Record a source first seen now (call inside a transaction)."""
        cursor = self._db.execute(
            "INSERT INTO sources (hash, name, path, size, first_seen, first_run, previous) "
            "SELECT ?, ?, ?, ?, started_at, id, ? FROM runs WHERE id = ?",
            (digest, display_name(path), path_text(path), size, previous, run))
        return int(cursor.lastrowid or 0)

    def set_file(self, path: Path, source: int, size: int, mtime_ns: int) -> None:
        """Record which source a path holds now (call inside a transaction)."""
        self._db.execute("INSERT INTO files (path, source, size, mtime_ns) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (path) DO UPDATE SET source = excluded.source, size = excluded.size, "
                         "mtime_ns = excluded.mtime_ns", (path_text(path), source, size, mtime_ns))

    def unextracted(self, sources: Iterable[int], extractor: str) -> set[int]:
        """Return the sources that have no extraction by this extractor version."""
        with self._window(sources):
            rows = self._rows("SELECT w.id FROM temp.win w LEFT JOIN extractions e "
                              "ON e.source = w.id AND e.extractor = ? WHERE e.source IS NULL", (extractor,))
        return {int(r[0]) for r in rows}

    # --- extractions ------------------------------------------------------------------------
    def save_extractions(self, batch: Sequence[Extracted], extractor: str, derived: str) -> None:
        """Store a batch of extractions (failures are not stored) in one transaction."""
        with self.transaction():
            for item in batch:
                if item.document is not None or item.skipped is not None:
                    self._save_extraction(item, extractor)
            self._set_meta("derived", derived)

    def _save_extraction(self, item: Extracted, extractor: str) -> None:
        """Replace a source's extraction and everything derived from it."""
        db = self._db
        db.execute("DELETE FROM extractions WHERE source = ?", (item.source,))
        db.execute("INSERT INTO extractions (source, extractor, extracted_at, document, skipped) "
                   "VALUES (?, ?, ?, ?, ?)", (item.source, extractor, _now(), item.document, item.skipped))
        db.execute("UPDATE sources SET published = ?, lang = ?, title = ?, extractor = ? WHERE id = ?",
                   (item.published, item.lang, item.title, extractor, item.source))
        self._save_derived(item)

    def _save_derived(self, item: Extracted) -> None:
        """Replace a source's figure rows, signature and index tokens."""
        db = self._db
        for table in ("figures", "signatures", "tokens"):
            db.execute(f"DELETE FROM {table} WHERE source = ?", (item.source,))
        db.executemany(
            "INSERT INTO figures (source, idx, value, value_max, unit, basis, period, label, lang, text, "
            "indicator, period_key, label_en, label_zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(item.source, f.idx, f.value, f.value_max, f.unit, f.basis, f.period, f.label, f.lang, f.text,
              f.indicator, f.period_key, f.label_en, f.label_zh) for f in item.figures])
        if item.signature is not None:
            db.execute("INSERT INTO signatures (source, signature) VALUES (?, ?)", (item.source, item.signature))
            tokens = codec.loads(Signature, item.signature).tokens()
            db.executemany("INSERT OR IGNORE INTO tokens (token, source) VALUES (?, ?)",
                           [(t, item.source) for t in tokens])

    def save_derived(self, batch: Sequence[Extracted], derived: str) -> None:
        """Replace derived rows (figure keys, signatures) of already extracted sources."""
        with self.transaction():
            for item in batch:
                self._save_derived(item)
            self._set_meta("derived", derived)

    def derived_version(self) -> str | None:
        """Return the version of the derived rows the archive holds."""
        return self._meta("derived")

    def extracted_sources(self) -> list[int]:
        """Return every source that has a stored Document."""
        return [int(r[0]) for r in self._rows("SELECT source FROM extractions WHERE document IS NOT NULL "
                                              "ORDER BY source")]

    def document(self, source: int) -> Document | None:
        """Return a source's stored Document (its latest extraction), None when it has none."""
        row = self._one("SELECT document FROM extractions WHERE source = ? AND document IS NOT NULL "
                        "ORDER BY extracted_at DESC LIMIT 1", (source,))
        return codec.loads(Document, row[0]) if row else None

    def documents(self, sources: Sequence[int]) -> dict[int, Document]:
        """Return the stored Documents of several sources."""
        with self._window(sources):
            rows = self._rows("SELECT e.source, e.document FROM extractions e JOIN temp.win w ON w.id = e.source "
                              "WHERE e.document IS NOT NULL")
        return {int(r[0]): codec.loads(Document, r[1]) for r in rows}

    def skipped(self, sources: Iterable[int]) -> dict[int, str]:
        """Return the cached skip reasons of the sources that were skipped."""
        with self._window(sources):
            rows = self._rows("SELECT e.source, e.skipped FROM extractions e JOIN temp.win w ON w.id = e.source "
                              "WHERE e.skipped IS NOT NULL")
        return {int(r[0]): str(r[1]) for r in rows}

    # --- briefs and windows -----------------------------------------------------------------
    def brief(self, date: str) -> BriefRow | None:
        """Return the brief of a date, if one was built."""
        row = self._one("SELECT date, run, built_at, sources FROM briefs WHERE date = ?", (date,))
        return BriefRow(*row) if row else None

    def brief_before(self, date: str) -> BriefRow | None:
        """Return the latest brief dated before `date`."""
        row = self._one("SELECT date, run, built_at, sources FROM briefs WHERE date < ? "
                        "ORDER BY date DESC LIMIT 1", (date,))
        return BriefRow(*row) if row else None

    def record_brief(self, date: str, run: int, sources: int) -> None:
        """Remember that the brief of `date` was built (its first build's run stays its bound)."""
        with self.transaction():
            self._db.execute("INSERT OR IGNORE INTO briefs (date, run, built_at, sources) VALUES (?, ?, ?, ?)",
                             (date, run, _now(), sources))

    def sources_first_seen(self, after_run: int, upto_run: int) -> list[SourceRow]:
        """Return the sources first seen by the runs after `after_run` up to `upto_run`."""
        return self._sources("s.first_run > ? AND s.first_run <= ?", (after_run, upto_run))

    def sources_dated(self, since: str, until: str, upto_run: int) -> list[SourceRow]:
        """Return the sources dated (published, else first seen) from `since` to `until`."""
        return self._sources(f"{DATE_SQL} BETWEEN ? AND ? AND s.first_run <= ?", (since, until, upto_run))

    def list_sources(self, since: str | None = None) -> list[SourceRow]:
        """Return every archived source (dated from `since`), oldest first."""
        if since is None:
            return self._sources("1", ())
        return self._sources(f"{DATE_SQL} >= ?", (since,))

    def count_sources(self) -> int:
        """Return how many sources the archive holds."""
        row = self._one("SELECT count(*) FROM sources")
        return int(row[0]) if row else 0

    def _sources(self, where: str, args: Sequence[Any]) -> list[SourceRow]:
        """Return the sources matching a condition on `s`, by first run then name."""
        rows = self._rows(
            "SELECT s.id, s.name, s.path, s.hash, s.first_seen, s.first_run, s.published, s.lang, s.title, "
            "s.extractor, (SELECT count(*) FROM figures f WHERE f.source = s.id), "
            "coalesce((SELECT o.name FROM pairs p JOIN sources o ON o.id = p.zh WHERE p.en = s.id "
            "          ORDER BY p.run DESC LIMIT 1), "
            "         (SELECT o.name FROM pairs p JOIN sources o ON o.id = p.en WHERE p.zh = s.id "
            "          ORDER BY p.run DESC LIMIT 1)), "
            "(SELECT e.skipped FROM extractions e WHERE e.source = s.id AND e.skipped IS NOT NULL LIMIT 1) "
            f"FROM sources s WHERE {where} ORDER BY s.first_run, s.name, s.id", args)
        return [SourceRow(*r) for r in rows]

    # --- pairs ------------------------------------------------------------------------------
    def signatures(self, sources: Iterable[int]) -> dict[int, Signature]:
        """Return the pairing signatures of sources."""
        with self._window(sources):
            rows = self._rows("SELECT g.source, g.signature FROM signatures g JOIN temp.win w ON w.id = g.source")
        return {int(r[0]): codec.loads(Signature, r[1]) for r in rows}

    def rare_postings(self, window: Iterable[int], upto_run: int, cap: int) -> dict[str, list[int]]:
        """Return, for each index token of the window, the sources seen up to `upto_run` that hold it,
        leaving out tokens more than `cap` sources hold (years, common dates: they pair nothing)."""
        with self._window(window):
            rows = self._rows(
                "WITH wt AS (SELECT DISTINCT t.token FROM tokens t JOIN temp.win w ON w.id = t.source), "
                "rare AS (SELECT t.token FROM tokens t JOIN wt ON wt.token = t.token "
                "  JOIN sources s ON s.id = t.source WHERE s.first_run <= ? "
                "  GROUP BY t.token HAVING count(*) <= ?) "
                "SELECT t.token, t.source FROM tokens t JOIN rare ON rare.token = t.token "
                "JOIN sources s ON s.id = t.source WHERE s.first_run <= ? ORDER BY t.token, t.source",
                (upto_run, cap, upto_run))
        postings: dict[str, list[int]] = {}
        for token, source in rows:
            postings.setdefault(str(token), []).append(int(source))
        return postings

    def indexed_sources(self, upto_run: int) -> int:
        """Return how many sources seen up to a run have a pairing signature."""
        row = self._one("SELECT count(*) FROM signatures g JOIN sources s ON s.id = g.source "
                        "WHERE s.first_run <= ?", (upto_run,))
        return int(row[0]) if row else 0

    def names(self, sources: Iterable[int]) -> dict[int, str]:
        """Return the names of sources."""
        with self._window(sources):
            rows = self._rows("SELECT s.id, s.name FROM sources s JOIN temp.win w ON w.id = s.id")
        return {int(r[0]): str(r[1]) for r in rows}

    def paired_before(self, run: int) -> list[tuple[int, int]]:
        """Return the (en, zh) pairs made by briefs of runs before `run`."""
        return [(int(r[0]), int(r[1])) for r in self._rows("SELECT en, zh FROM pairs WHERE run < ?", (run,))]

    def save_pairs(self, window: Iterable[int], pairs: Sequence[tuple[int, int, float]], run: int) -> None:
        """Replace the pairs a brief of `run` made for its window's sources."""
        with self._window(window), self.transaction():
            self._db.execute("DELETE FROM pairs WHERE run >= ? AND (en IN (SELECT id FROM temp.win) "
                             "OR zh IN (SELECT id FROM temp.win))", (run,))
            self._db.executemany("INSERT OR REPLACE INTO pairs (en, zh, confidence, run) VALUES (?, ?, ?, ?)",
                                 [(en, zh, conf, run) for en, zh, conf in pairs])

    # --- history ----------------------------------------------------------------------------
    def observations(self, indicator: str, upto_run: int, before: tuple[str, int], exclude_period: str = "",
                     limit: int = 200) -> list[Observation]:
        """Return an indicator's figures from sources seen up to a run and earlier than `before`
        (date, first run): dated earlier, or the same day but seen by an earlier run. Latest first,
        leaving out those of the period `exclude_period`."""
        date, run = before
        rows = self._rows(
            f"SELECT f.source, s.name, {DATE_SQL}, f.idx, f.period_key FROM figures f "
            "JOIN sources s ON s.id = f.source WHERE f.indicator = ? AND s.first_run <= ? "
            f"AND ({DATE_SQL} < ? OR ({DATE_SQL} = ? AND s.first_run < ?)) AND (? = '' OR f.period_key != ?) "
            f"ORDER BY {DATE_SQL} DESC, s.first_run DESC, s.id DESC, f.idx LIMIT ?",
            (indicator, upto_run, date, date, run, exclude_period, exclude_period, limit))
        return [Observation(int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4])) for r in rows]

    def known_indicators(self, indicators: Iterable[str], where: str, args: Sequence[Any]) -> set[str]:
        """Return which of the indicators some source matching a window condition reported."""
        found: set[str] = set()
        for key in set(indicators):
            if self._one(f"SELECT 1 FROM figures f JOIN sources s ON s.id = f.source "
                         f"WHERE f.indicator = ? AND {where} LIMIT 1", (key, *args)):
                found.add(key)
        return found

    def history(self, query: str) -> list[tuple[Any, ...]]:
        """Return the figures whose label (as written, English or Chinese) contains `query`."""
        like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [tuple(r) for r in self._rows(
            f"SELECT f.indicator, coalesce(f.label_en, ''), coalesce(f.label_zh, ''), f.value, f.value_max, "
            f"f.unit, f.basis, f.period, {DATE_SQL}, s.name, f.text FROM figures f "
            "JOIN sources s ON s.id = f.source WHERE f.indicator != '' AND (f.label LIKE ?1 ESCAPE '\\' "
            "OR f.label_en LIKE ?1 ESCAPE '\\' OR f.label_zh LIKE ?1 ESCAPE '\\') "
            f"ORDER BY f.indicator, {DATE_SQL}, s.first_run, s.id, f.idx", (like,))]

    # --- meta and the window table ----------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        """Return a meta value."""
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    def _set_meta(self, key: str, value: str) -> None:
        """Set a meta value (call inside a transaction)."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @contextmanager
    def _window(self, sources: Iterable[int]) -> Iterator[None]:
        """Fill the temporary table temp.win with source ids for one query."""
        with self.errors():
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS win (id INTEGER PRIMARY KEY)")
            self._db.execute("DELETE FROM temp.win")
            self._db.executemany("INSERT OR IGNORE INTO temp.win (id) VALUES (?)", ((s,) for s in sources))
        yield


DATE_SQL = "coalesce(s.published, substr(s.first_seen, 1, 10))"


# --- opening ---------------------------------------------------------------------------------
def migrations() -> list[tuple[int, str]]:
    """Return the numbered migrations of data/schema.sql, in order."""
    text = SCHEMA.read_text(encoding="utf-8")
    marks = list(MIGRATION.finditer(text))
    return [(int(m.group(1)), text[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(text)])
            for i, m in enumerate(marks)]


def latest_version() -> int:
    """Return the schema version this code writes."""
    return migrations()[-1][0]


def path_text(path: Path) -> str:
    """Return a path as storable text: bytes that are not UTF-8 (a file name from another system) escaped."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@contextmanager
def open_archive(path: Path | None, upto: int | None = None) -> Iterator[Archive]:
    """Open (creating and migrating as needed) the archive at `path`; None keeps it in memory."""
    archive = connect(path)
    try:
        migrate(archive, upto)
        yield archive
    finally:
        archive.close()


def connect(path: Path | None) -> Archive:
    """Connect to the archive file in WAL mode, refusing a file that is not a usable database."""
    label = str(path) if path is not None else MEMORY
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(label, timeout=BUSY_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise ArchiveError(f"{label}: cannot open the archive: {exc}") from exc
    archive = Archive(connection, path)
    with archive.errors():
        connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL: a kill never loses a commit
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return archive


def migrate(archive: Archive, upto: int | None = None) -> int:
    """Bring the schema up to date (or up to version `upto`), one transaction per migration."""
    db = archive._db
    with archive.errors():
        current = int(db.execute("PRAGMA user_version").fetchone()[0])
    latest = latest_version()
    if current > latest:
        raise ArchiveError(f"{archive.label}: the archive has schema version {current}, newer than this "
                           f"briefing understands ({latest}); upgrade briefing to use it")
    for number, script in migrations():
        if current < number <= (upto or latest):
            _run_migration(archive, number, script)
            current = number
    return current


def _run_migration(archive: Archive, number: int, script: str) -> None:
    """Run one migration and set the schema version, as one transaction."""
    db = archive._db
    with archive.errors():
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _now() -> str:
    """Return the current UTC time, ISO formatted to the microsecond (runs are ordered by id)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
