"""Indicator and period keys: what a figure measures and when, the same in English and Chinese.

An indicator key is the figure's label in its glossary English form (so that 规模以上工业增加值 and
"value added of industries above designated size" share it), its unit and its basis. A label the
glossary does not know keys by its own words; an empty label is never keyed (two bare numbers
may measure different things).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from briefing.bilingual.glossary import FILLER_EN, Glossary, en_tokens, zh_key

DATA = Path(__file__).with_name("data") / "periods.yaml"
MEMO = 100_000  # translations remembered per process
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)\s*+年?")
ZH_MONTHS = re.compile(r"(?<!\d)(\d{1,2})\s*+月?\s*+[—–~～至到-]\s*+(\d{1,2})\s*+月|(?<!\d)(\d{1,2})\s*+月")


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """Load the period vocabulary once."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@dataclass
class Keys:
    """Make indicator and period keys through one glossary, remembering what it looked up."""

    glossary: Glossary
    _names: dict[tuple[str, str], str] = field(default_factory=dict)
    _translations: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def translate(self, text: str, to_lang: str) -> str | None:
        """Return the glossary's translation of a text, looked up once (labels and periods repeat)."""
        key = (text, to_lang)
        if key not in self._translations:
            if len(self._translations) >= MEMO:
                self._translations.clear()
            self._translations[key] = self.glossary.translate(text, to_lang)
        return self._translations[key]

    def indicator(self, label: str | None, lang: str, unit: str, basis: str) -> str:
        """Return "name|unit|basis" for a labelled figure, "" for an unlabelled one."""
        name = self.name(label or "", lang)
        return f"{name}|{unit}|{basis}" if name else ""

    def name(self, label: str, lang: str) -> str:
        """Return a label's normalised glossary-English name ("zh:…" when only Chinese is known)."""
        label = label.strip()
        if not label:
            return ""
        cached = self._names.get((label, lang))
        if cached is None:
            cached = self._names[(label, lang)] = self._name(label, lang)
        return cached

    def _name(self, label: str, lang: str) -> str:
        """Translate a label to the glossary's preferred English, then normalise its words."""
        if lang == "zh":
            english = self.translate(label, "en")
            return _words(english) if english else "zh:" + zh_key(label)
        chinese = self.translate(label, "zh")
        preferred = self.translate(chinese, "en") if chinese else None
        return _words(preferred or label)

    def english(self, text: str | None, lang: str) -> str | None:
        """Return a label or period in English: as written, or the glossary's translation."""
        if not text:
            return None
        return text if lang == "en" else self.translate(text, "en")

    def chinese(self, text: str | None, lang: str) -> str | None:
        """Return a label or period in Chinese: as written, or the glossary's translation."""
        if not text:
            return None
        return text if lang == "zh" else self.translate(text, "zh")

    def period(self, period: str | None, lang: str, date: str | None) -> str:
        """Return "YEAR:MONTHS" for a period as written, "" when there is none."""
        if not period or not period.strip():
            return ""
        english = self.translate(period, "en") if lang == "zh" else period
        if english:
            offset, explicit, rest = _split_year(english.lower(), "en")
            months = _english_months(rest)
        else:
            offset, explicit, rest = _split_year(period, "zh")
            translated = self.translate(rest, "en") if rest.strip() else None
            months = _english_months(translated.lower()) if translated else _chinese_months(rest)
        return f"{_year(explicit, offset, date)}:{months}"


def _words(text: str) -> str:
    """Return an English term's words, normalised, in order, without filler words."""
    return " ".join(t for t in en_tokens(text) if t not in FILLER_EN)


def _split_year(text: str, lang: str) -> tuple[int, str | None, str]:
    """Return (relative year offset, explicit year, the text without its year words)."""
    explicit = YEAR.search(text)
    rest = YEAR.sub(" ", text)
    offset = 0
    for words, value in sorted(data()["relative_years"][lang].items(), key=lambda kv: -len(kv[0])):
        if words in rest:
            offset = int(value)
            rest = rest.replace(words, " ")
            break
    return offset, explicit.group(1) if explicit else None, rest


def _year(explicit: str | None, offset: int, date: str | None) -> str:
    """Return the year a period means: stated, else the source's year moved by the offset."""
    if explicit:
        return explicit
    if date and re.match(r"\d{4}-", date):
        return str(int(date[:4]) + offset)
    return ""


def _english_months(text: str) -> str:
    """Return "1-2" for January to February (or the first two months), "9" for September."""
    words = [t for t in en_tokens(text) if t not in data()["fillers"]]
    phrase = " ".join(words)
    if phrase in data()["spans"]:
        first, last = data()["spans"][phrase]
        return _months(first, last)
    if len(words) == 3 and words[0] == "first" and words[2] == "month":
        count = data()["numbers"].get(words[1]) or (int(words[1]) if words[1].isdigit() else 0)
        return _months(1, count) if 1 <= count <= 12 else phrase
    named = [_month(w) for w in words if _month(w)]
    if named and len(words) - len(named) <= 1 and all(_month(w) or w in ("to", "through") for w in words):
        return _months(named[0], named[-1])
    return phrase


def _month(word: str) -> int:
    """Return a month's number from its name or short name, 0 for any other word."""
    months = data()["months"]
    return months.index(word) + 1 if word in months else int(data()["month_abbreviations"].get(word, 0))


def _chinese_months(text: str) -> str:
    """Return the months of a Chinese period the glossary does not know ("1—2月" → "1-2")."""
    found = ZH_MONTHS.search(text)
    if found and found.group(1):
        return _months(int(found.group(1)), int(found.group(2)))
    if found:
        return _months(int(found.group(3)), int(found.group(3)))
    return "zh:" + zh_key(text)


def _months(first: int, last: int) -> str:
    """Write a run of months as "1-3", a single month as "9"."""
    return str(first) if first == last else f"{first}-{last}"


def same_period(a: str, b: str) -> bool:
    """Tell whether two period keys may name the same period (an unknown year may be either)."""
    if not a or not b:
        return False
    year_a, _, months_a = a.partition(":")
    year_b, _, months_b = b.partition(":")
    return months_a == months_b and (year_a == year_b or not year_a or not year_b)


def period_shape(key: str) -> str:
    """Return what kind of period a key names: one month, a run from January, another run, or itself."""
    months = key.partition(":")[2]
    first, dash, last = months.partition("-")
    if not dash or not first.isdigit() or not last.isdigit():
        return "month" if months.isdigit() else months
    return "from-january" if first == "1" else f"{int(last) - int(first) + 1}-months"


def period_label(key: str) -> tuple[str, str] | None:
    """Write a period key for the page: ("Jan–Feb 2024", "2024年1—2月"); None when it is not months."""
    year, _, months = key.partition(":")
    first, _, last = months.partition("-")
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    short = data()["months"]
    span = [int(first), int(last or first)]
    en = "–".join(dict.fromkeys(short[m - 1][:3].title() for m in span))
    zh = "—".join(dict.fromkeys(str(m) for m in span)) + "月"
    return (f"{en} {year}".strip(), f"{year}年{zh}" if year else zh)
