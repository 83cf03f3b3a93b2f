"""Each document's pairing evidence, computed once: its numbers, periods, dates and title numbers."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from briefing.bilingual.periods import Period, scan_periods
from briefing.bilingual.quantities import Quantity, scan_quantities
from briefing.bilingual.rules import rules
from briefing.models import Document

SENTENCE_ENDS = tuple(".。!！?？\"”’」）)")


@dataclass(frozen=True)
class Evidence:
    """What one document offers as evidence of being a version of another."""

    doc: Document
    quantities: tuple[Quantity, ...]  # in text order
    occurrences: Mapping[str, tuple[int, ...]]  # key → indices into `quantities` (the first few)
    values: frozenset[str]  # every value stated, whatever its kind
    periods: frozenset[str]  # reporting periods named (M:7, Q:1-3, H:1)
    main_period: str | None  # the period named most (titles count more)
    text_dates: frozenset[str]  # days named in the text (D:3-26)
    title_keys: frozenset[str]  # numbers in the title
    published: dt.date | None
    index_keys: tuple[tuple[str, float], ...]  # (key, chance) rare enough to find candidates by
    length: int = 0  # characters of the cleaned text (kept, so that `doc` may be slimmed for scoring)
    complete: bool = False  # the text ends with a sentence's end: not a page cut short

    @property
    def name(self) -> str:
        """Return the document's name."""
        return self.doc.name

    @property
    def lang(self) -> str:
        """Return the document's language."""
        return self.doc.lang

    def chance(self, key: str) -> float:
        """Return how likely an unrelated text states the number `key`."""
        return self.quantities[self.occurrences[key][0]].chance

    def start(self, index: int) -> int:
        """Return where quantity `index` starts in the text."""
        return self.quantities[index].start


def document_evidence(doc: Document) -> Evidence:
    """Return the pairing evidence of one document (one pass over its text and title)."""
    text, lang, title = doc.clean.text, doc.lang, doc.clean.title or ""
    periods = scan_periods(text, lang)
    quantities = scan_quantities(text, lang, periods)
    title_periods = scan_periods(title, lang)
    dates = frozenset(p.key for p in periods if p.key and p.key.startswith("D:"))
    return Evidence(
        doc=doc, quantities=quantities, occurrences=_occurrences(quantities),
        values=frozenset(q.value for q in quantities),
        periods=frozenset(p.key for p in periods + title_periods if p.is_period and p.key),
        main_period=_main_period(periods, title_periods),
        text_dates=dates, title_keys=frozenset(q.key for q in scan_quantities(title, lang, title_periods)),
        published=_date(doc.clean.date), index_keys=_index_keys(quantities, dates), length=len(text),
        complete=text.rstrip().endswith(SENTENCE_ENDS))


def slim(evidence: Evidence) -> Evidence:
    """Return the evidence with its document reduced to what scoring reads (name, language, lists):
    thousands of documents can then be scored at once; complete_pair needs the full ones back."""
    doc = evidence.doc
    source = replace(doc.clean.source, text="")
    return replace(evidence, doc=replace(doc, clean=replace(doc.clean, source=source, text="", steps=()),
                                         figures=()))


def _occurrences(quantities: tuple[Quantity, ...]) -> dict[str, tuple[int, ...]]:
    """Map each key to the indices of its first few occurrences."""
    cap = rules()["index"]["max_occurrences"]
    found: dict[str, list[int]] = {}
    for index, q in enumerate(quantities):
        seen = found.setdefault(q.key, [])
        if len(seen) < cap:
            seen.append(index)
    return {key: tuple(indices) for key, indices in found.items()}


def _main_period(periods: tuple[Period, ...], title: tuple[Period, ...]) -> str | None:
    """Return the reporting period named most, a title mention counting several; ties go to the first."""
    weight = rules()["title_period_weight"]
    counts: Counter[str] = Counter()
    for p in title:
        if p.is_period and p.key:
            counts[p.key] += weight
    for p in periods:
        if p.is_period and p.key:
            counts[p.key] += 1
    return counts.most_common(1)[0][0] if counts else None  # most_common keeps first-seen order on ties


def _index_keys(quantities: tuple[Quantity, ...], dates: frozenset[str]) -> tuple[tuple[str, float], ...]:
    """Return the keys a document can be found by: rare numbers, runs of adjacent numbers rare together, days.

    A run's key is its numbers in sorted order, since a translator may swap two numbers.
    """
    data = rules()["index"]
    keys: dict[str, float] = {}
    for start in range(len(quantities)):
        run: dict[str, float] = {}
        for q in quantities[start:start + data["max_run"]]:
            run.setdefault(q.key, q.chance)
            chance = math.prod(run.values())
            if chance <= data["max_chance"] * (1 + 1e-9):
                keys["|".join(sorted(run))] = chance
                break
    keys.update((day, data["day_chance"]) for day in dates)
    return tuple(keys.items())


def _date(value: str | None) -> dt.date | None:
    """Return an ISO date, or None when unknown or malformed."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
