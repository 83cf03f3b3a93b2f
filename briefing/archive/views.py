"""What `briefing history` and `briefing archive list` print: tables, CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from briefing.archive.store import Archive, ArchiveError, SourceRow, open_archive
from briefing.errors import ConfigError

UNITS = {"percent": "%", "percentage_point": " pp", "yuan": " yuan", "usd": " USD", "times": "×", "count": ""}


@dataclass(frozen=True)
class HistoryRow:
    """One value of an indicator: what, how much, for when, from where."""

    indicator: str
    label_en: str
    label_zh: str
    value: float
    value_max: float | None
    unit: str
    basis: str
    period: str | None
    date: str
    source: str
    text: str


@contextmanager
def existing_archive(path: Path | None) -> Iterator[Archive]:
    """Open the configured archive for reading; it must exist (a query never creates one)."""
    if path is None:
        raise ConfigError("the archive is off in the config (archive: null): nothing to show")
    if not path.is_file():
        raise ArchiveError(f"{path}: no archive yet: `briefing build` creates it")
    with open_archive(path) as store:
        yield store


def history_rows(store: Archive, query: str) -> list[HistoryRow]:
    """Return the archived values of every indicator whose label contains the query."""
    return [HistoryRow(*row) for row in store.history(query.strip())]


def render_history(rows: Sequence[HistoryRow], fmt: str) -> str:
    """Return the rows as an aligned table, CSV (for a spreadsheet) or JSON (for a chart)."""
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f for f in HistoryRow.__dataclass_fields__])
        writer.writerows([[_csv(v) for v in asdict(r).values()] for r in rows])
        return out.getvalue()
    header = ("indicator", "value", "basis", "period", "date", "source")
    body = [(r.label_en or r.label_zh, value_text(r), r.basis, r.period or "", r.date, r.source) for r in rows]
    return table([header, *body]) if rows else ""


def render_sources(rows: Sequence[SourceRow]) -> str:
    """Return archived sources as an aligned table."""
    header = ("first seen", "date", "lang", "figures", "pair", "name")
    body = [(r.first_seen[:19].replace("T", " "), r.date, r.lang or "-", str(r.figures),
             r.pair or ("skipped" if r.skipped else "-"), r.name) for r in rows]
    return table([header, *body]) if rows else ""


def value_text(row: HistoryRow) -> str:
    """Write a value with its unit ("7.5%", "1.15e+12 yuan")."""
    top = f"–{row.value_max:g}" if row.value_max is not None else ""
    return f"{row.value:g}{top}{UNITS.get(row.unit, ' ' + row.unit)}"


def table(rows: Sequence[Sequence[str]]) -> str:
    """Align columns, counting a Chinese character as two columns wide."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Return how many terminal columns a text takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _csv(value: object) -> object:
    """Write None as an empty CSV cell."""
    return "" if value is None else value
