"""The numbers a text states, units normalised, as pairing evidence of their own.

Read from the cleaned text, not from the extracted figures, so that pairing does not depend on
how figure extraction evolves: 31248.6亿元, 3,124.86 billion yuan and 3.12486 trillion yuan are
one key; 1308万吨 and 13.08 million tons are one key. Dates, periods and times of day are masked
first (periods.py reads them); years, small whole numbers and identifiers are no evidence.
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from decimal import Decimal

from briefing.bilingual.periods import Period
from briefing.bilingual.rules import rules
from briefing.extract.numbers import index_reading

FULL_WIDTH = str.maketrans("０１２３４５６７８９％", "0123456789%")  # one char for one: offsets hold
ANY_FULL_WIDTH = re.compile("[０-９％]")


@dataclass(frozen=True, slots=True)  # thousands per document, thousands of documents at once
class Quantity:
    """One number as written, with its language-free key and how distinctive it is."""

    key: str  # kind and value in base units: "percent:7.5E+0", "number:3.12486E+12"
    value: str  # the value alone (any kind), to tell "not stated at all" from "stated otherwise"
    chance: float  # how likely an unrelated text states it too
    start: int
    text: str  # as written, for the evidence shown to a reader


def scan_quantities(text: str, lang: str, periods: tuple[Period, ...] = ()) -> tuple[Quantity, ...]:
    """Return the distinctive numbers of `text` in order, skipping dates, periods and times."""
    if ANY_FULL_WIDTH.search(text):  # translate() is slow on long texts: only when needed
        text = text.translate(FULL_WIDTH)
    masked = _mask(text, periods)
    found = (_quantity(m, lang, _index_kind(masked, m, lang)) for m in _number_pattern(lang).finditer(masked))
    return tuple(q for q in found if q is not None)


def _mask(text: str, periods: tuple[Period, ...]) -> str:
    """Blank the dates and periods so their digits are not read as quantities."""
    pieces, done = [], 0
    for p in periods:  # in order, without overlaps
        pieces += [text[done:p.start], " " * (p.end - p.start)]
        done = p.end
    return "".join(pieces) + text[done:]


@functools.lru_cache(maxsize=2)
def _number_pattern(lang: str) -> re.Pattern[str]:
    """Return the pattern of a number with its magnitude and kind word, for one language."""
    data = rules()
    magnitudes = sorted(data["magnitudes"][lang], key=len, reverse=True)
    magnitude = "|".join(re.escape(m) for m in magnitudes)
    guard = rf"(?!{data['not_magnitude_zh']})" if lang == "zh" else ""
    tail = r"\b" if lang == "en" else ""
    kinds = "|".join(f"(?P<{name}>{pattern})" for name, pattern in data["kinds"].items())
    return re.compile(
        r"(?=[-−–\d])(?<![A-Za-z\d.,])(?<!\d-)(?P<sign>[-−–])?"
        r"(?P<whole>\d{1,3}(?:,\d{3})++|\d++)(?:\.(?P<frac>\d++))?"
        rf"(?![A-Za-z\d]|[.,]\d)(?:\s?{guard}(?P<mag>{magnitude}){tail})?(?:\s?(?:{kinds}))?")


def _quantity(m: re.Match[str], lang: str, index_kind: str | None = None) -> Quantity | None:
    """Return the quantity a number match states, or None when it is no evidence."""
    whole, frac = m["whole"].replace(",", ""), m["frac"] or ""
    kind = next((k for k in rules()["kinds"] if m[k]), index_kind or "number")
    if _no_evidence(m["whole"], whole, frac, kind, m["mag"]):
        return None
    value = Decimal(f"{whole}.{frac}" if frac else whole)
    if m["mag"]:
        value *= Decimal(str(rules()["magnitudes"][lang][m["mag"]]))
    value = value.normalize()
    canonical = f"{value:E}"
    # interned: the same few thousand keys recur across documents, held once
    return Quantity(key=sys.intern(f"{kind}:{canonical}"), value=sys.intern(canonical), chance=chance_of(value),
                    start=m.start("whole"), text=m.group().strip())


def _index_kind(text: str, m: re.Match[str], lang: str) -> str | None:
    """Return the kind of a diffusion index's bare reading in an English wire ("stood at 49.7" is
    the release's 49.7%, "down 0.8 points" its 0.8个百分点), read as the extractor reads it."""
    if lang != "en" or m["mag"] or any(m[k] for k in rules()["kinds"]):
        return None
    value = float(m["whole"].replace(",", "") + (f".{m['frac']}" if m["frac"] else ""))
    reading = index_reading(text, m.start("whole"), m.end(), value)
    return reading[0] or None if reading else None


def _no_evidence(written: str, whole: str, frac: str, kind: str, magnitude: str | None) -> bool:
    """Tell years, small whole numbers and identifiers with leading zeros apart from evidence."""
    if frac or kind != "number" or magnitude:
        return False
    low, high = rules()["years"]
    year = len(written) == 4 and low <= int(whole) <= high
    return year or int(whole) < rules()["small_whole"] or (len(whole) > 1 and whole.startswith("0"))


def chance_of(value: Decimal | float) -> float:
    """Return how likely an unrelated text states this value, by its significant digits."""
    chances = rules()["chance_by_digits"]
    exact = value if isinstance(value, Decimal) else Decimal(repr(abs(value)))
    digits = len(exact.normalize().as_tuple().digits)
    return float(chances[min(digits, len(chances)) - 1])
