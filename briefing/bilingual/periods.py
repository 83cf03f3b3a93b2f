"""Dates and periods written in a text, as language-free keys: 2019年7月份 ↔ July 2019 → M:7 (2019).

Keys: D:7-15 a day, M:7 a month, M:1-7 January to July, Q:1 a quarter, Q:1-3 the first three
quarters, H:1 a half year, Y:2019 a year. The spans found are returned too, so the number scan
never reads a date or a period as a quantity.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.bilingual.rules import rules

PERIOD_KINDS = ("M", "Q", "H")  # the kinds a release is "about"; days and years are not


@dataclass(frozen=True)
class Period:
    """One date or period as written; a time of day or a lone day has no key (only its span counts)."""

    key: str | None  # "M:7", "Q:1-3", "D:3-26" …
    year: int | None
    start: int
    end: int

    @property
    def is_period(self) -> bool:
        """Tell whether this names a reporting period (month, quarter, half), not a day or a year."""
        return bool(self.key) and self.key[0] in PERIOD_KINDS


Maker = Callable[[re.Match[str]], str | None]
Rule = tuple[str, str, Maker]  # (the characters a match can start with, pattern, key maker)
DIGITS = "0123456789"


@dataclass(frozen=True)
class Scanner:
    """Where dates and periods can start (one scan of the text), and the rules to try there."""

    starts: re.Pattern[str]  # month names, numbers, "first", 前, 第 … : the only places a rule can match
    rules: dict[str, tuple[tuple[re.Pattern[str], Maker], ...]]  # first character → rules, most specific first


def scan_periods(text: str, lang: str) -> tuple[Period, ...]:
    """Return every date, period and time of day in `text`, in order, without overlaps.

    One scan finds the places a date or period can start; there the rules for that first
    character are tried, most specific first, and the first that matches takes the place.
    """
    scanner = _scanner(lang)
    found: list[Period] = []
    end = 0
    for start in scanner.starts.finditer(text):
        if start.start() < end:
            continue  # inside the last match
        for pattern, make in scanner.rules.get(text[start.start()], ()):
            m = pattern.match(text, start.start())
            if m:
                year = m.groupdict().get("y")
                found.append(Period(make(m), int(year) if year else None, m.start(), m.end()))
                end = m.end()
                break
    return tuple(found)


@functools.lru_cache(maxsize=2)
def _scanner(lang: str) -> Scanner:
    """Return the compiled scanner of a language: the common rules first, then its own."""
    table = (*_common(), *(_english() if lang == "en" else _chinese()))
    by_char: dict[str, list[tuple[re.Pattern[str], Maker]]] = {}
    for first, pattern, make in table:
        compiled = re.compile(pattern)
        for char in first:
            by_char.setdefault(char, []).append((compiled, make))
    starts = _english_starts() if lang == "en" else _chinese_starts()
    return Scanner(re.compile(starts), {c: tuple(rules_) for c, rules_ in by_char.items()})


@functools.lru_cache(maxsize=1)
def _common() -> tuple[Rule, ...]:
    """Return the patterns of both languages: ISO dates and times of day."""
    iso = r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d.])"
    return (("12", iso, lambda m: f"D:{int(m['m'])}-{int(m['d'])}"),
            (DIGITS, r"(?<![\d.])[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?![\d.])", lambda m: None))


# --- English -------------------------------------------------------------------------------------
def _month_number(name: str) -> int:
    """Return the month number of an English month name or abbreviation."""
    return [m[:3].lower() for m in rules()["months_en"]].index(name[:3].lower()) + 1


def _count_en(word: str) -> int:
    """Return the number an English word or digits write ("seven", "7")."""
    return int(word) if word.isdigit() else rules()["numbers_en"][word.lower()]


@functools.lru_cache(maxsize=1)
def _english() -> tuple[Rule, ...]:
    """Return the English patterns."""
    data = rules()
    full = "|".join(data["months_en"])
    month = rf"(?:{full}|{'|'.join(m for m in data['months_en_short'] if m != 'May')}|Sept)\.?"
    counts = "|".join(data["numbers_en"]) + r"|\d{1,2}"
    ordinal = "|".join(data["ordinals_en"])
    year = r"(?P<y>(?:19|20)\d\d)"
    day = r"(?P<d>[0-3]?\d)"

    def date(m: re.Match[str]) -> str:
        return f"D:{_month_number(m['m'])}-{int(m['d'])}"

    def months(m: re.Match[str]) -> str:
        return f"M:{_month_number(m['m'])}-{_month_number(m['m2'])}"

    def first_months(m: re.Match[str]) -> str:
        return f"M:1-{_count_en(m['n'])}"

    def quarter(m: re.Match[str]) -> str:
        return f"Q:{data['ordinals_en'][m['o'].lower()]}"

    def half(m: re.Match[str]) -> str:
        return f"H:{data['ordinals_en'][m['o'].lower()]}"

    caps, digit = "JFMASOND", r"(?<![\d.])"
    table: list[Rule] = [
        (caps, rf"(?P<m>{month})\s{day}(?:st|nd|rd|th)?(?:,?\s{year})?\b(?![.,]\d)", date),
        (DIGITS, rf"{digit}{day}\s(?P<m>{month})(?:,?\s{year})?\b", date),
        (caps, rf"(?P<m>{month})\s?(?:-|–|—|to|through)\s?(?P<m2>{month})(?:,?\s(?:of\s)?{year})?\b", months),
        ("f", rf"\bfirst\s(?P<n>{counts})\smonths\b(?:\sof\s{year})?", first_months),
        ("f", rf"\bfirst\s(?P<n>two|three|2|3)\squarters\b(?:\sof\s{year})?", lambda m: f"Q:1-{_count_en(m['n'])}"),
        ("Q", rf"\bQ1\s?(?:-|–|—|to)\s?Q(?P<n>[23])\b(?:\s{year})?", lambda m: f"Q:1-{m['n']}"),
        ("fst1234", rf"\b(?P<o>{ordinal})\squarter\b(?:\s(?:of\s)?(?:the\syear\s)?{year})?", quarter),
        ("Q", rf"\bQ(?P<q>[1-4])\b(?:\s{year})?", lambda m: f"Q:{m['q']}"),
        ("fs", rf"\b(?P<o>first|second)\shalf\b(?:\sof\s(?:the\syear|{year}))?", half),
        ("H", rf"\bH(?P<h>[12])\b(?:\s{year})?", lambda m: f"H:{m['h']}"),
        (caps, rf"(?P<m>{full})(?:,?\s(?:of\s)?{year})?\b", lambda m: f"M:{_month_number(m['m'])}"),
        ("12", rf"\b{year}\b", lambda m: f"Y:{m['y']}"),
    ]
    return tuple(table)


@functools.lru_cache(maxsize=1)
def _english_starts() -> str:
    """Return where an English date or period can start: a month name, a number, an ordinal, Q1, H1."""
    data = rules()
    names = "|".join([*data["months_en"], *data["months_en_short"], "Sept"])
    return rf"(?:{names})|\b(?:first|second|third|fourth|[QH]\d)|\d++"


# --- Chinese -------------------------------------------------------------------------------------
def _count_zh(word: str) -> int:
    """Return the number Chinese numerals or digits write (七, 十二, 7)."""
    return int(word) if word.isdigit() else rules()["numerals_zh"][word]


@functools.lru_cache(maxsize=1)
def _chinese() -> tuple[Rule, ...]:
    """Return the Chinese patterns."""
    data = rules()
    numeral = "[一二两三四五六七八九十]{1,3}"
    year = r"(?:(?P<y>(?:19|20)\d\d)\s?年\s?)?(?<![\d.])"
    dash = data["dashes"]

    def quarter(m: re.Match[str]) -> str:
        return f"Q:{_count_zh(m['q'])}"

    numerals = "一二三四"
    table: list[Rule] = [
        (DIGITS, rf"{year}(?P<m>[01]?\d)\s?月\s?(?P<d>[0-3]?\d)\s?日", lambda m: f"D:{int(m['m'])}-{int(m['d'])}"),
        (DIGITS, r"(?<![\d.])[0-3]?\d\s?日", lambda m: None),  # a day alone ("15日发布"): not a key, not a number
        (DIGITS, rf"{year}(?P<a>[01]?\d)\s?月?\s?{dash}\s?(?P<b>[01]?\d)\s?月份?",
         lambda m: f"M:{int(m['a'])}-{int(m['b'])}"),
        (DIGITS + "前", rf"{year}前(?P<n>\d{{1,2}}|{numeral})个月", lambda m: f"M:1-{_count_zh(m['n'])}"),
        (DIGITS + "前", rf"{year}前(?P<n>[二两三23])个?季度", lambda m: f"Q:1-{_count_zh(m['n'])}"),
        (DIGITS + "第" + numerals, rf"{year}第?(?P<q>[一二三四1-4])\s?季度", quarter),
        (DIGITS + "上下", rf"{year}(?P<h>[上下])半年", lambda m: "H:1" if m["h"] == "上" else "H:2"),
        (DIGITS, rf"{year}(?P<m>[01]?\d)\s?月份?", lambda m: f"M:{int(m['m'])}" if 1 <= int(m["m"]) <= 12 else None),
        (DIGITS, r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s?年", lambda m: f"Y:{m['y']}"),
    ]
    return tuple(table)


def _chinese_starts() -> str:
    """Return where a Chinese date or period can start: a number, 前, 第, a numeral before 季度, 上/下半年."""
    return r"\d++|前|第|[一二三四](?=\s?季度)|[上下](?=半年)"
