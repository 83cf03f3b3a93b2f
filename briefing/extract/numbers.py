"""Find numbers in text and read their value, unit and qualifier (helpers for figures.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from briefing.primitives import load_yaml

DATA = Path(__file__).parent / "data" / "figures.yaml"
ZH_LEAD = "零〇一二两三四五六七八九十"
ZH_ALL = ZH_LEAD + "百千万亿"
ZH_DIGITS = "零〇一二两三四五六七八九"
WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})++(?:\.\d++)?|\d++(?:\.\d++)?")  # a rejoined broken number
WINDOW = 80  # characters looked at around a number; keeps every check bounded
BEFORE_REACH = 24  # how far back a word that makes a number no figure is looked for ("aged between 16 and ")
# A Chinese magnitude after digits, unless it starts a unit word (3.2亿千瓦时 is 3.2e8 kilowatt-hours)
ZH_MAG = "[十百千万亿](?![瓦克米伏])"
ZH_TAIL = rf"[多余]?+(?:{ZH_MAG}){{0,4}}+(?!{ZH_MAG})"
# Put before a pattern whose matches start a word: positions inside an English word then fail at
# once instead of trying every alternative (a non-ASCII character, as in Chinese, may always start).
WORD_START = r"(?:(?<![A-Za-z])|(?=[^\x00-\x7f]))"


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """Load the figure patterns and word lists."""
    return load_yaml(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def zh_magnitudes() -> dict[str, float]:
    """Return the Chinese magnitude characters as floats."""
    return {k: float(v) for k, v in data()["magnitudes_zh"].items()}


@lru_cache(maxsize=1)
def candidates() -> re.Pattern[str]:
    """Compile the fast first pass: runs of digits and Chinese numerals (a plain character set)."""
    return re.compile(rf"[\d{ZH_LEAD}百][\d,.．{ZH_ALL}多余分之点]*+")


@lru_cache(maxsize=1)
def scanner() -> re.Pattern[str]:
    """Compile the number reader run inside each candidate: Arabic (with 万/亿), 百分之, Chinese."""
    # after a letter only when it ends a currency code written against the number ("RMB506.37 billion")
    codes = "".join(f"|(?<={code})" for code in data()["currency_codes"])
    arabic = rf"(?:(?<![A-Za-z0-9_.．]){codes})(?<!\d,)\d++(?:,\d{{3}}(?!\d))*+(?:[.．]\d++)?"
    # 三点九万亿 (a decimal written 点) and 三千六百多万 (多/余 before the magnitude) are one number
    zh_decimal = rf"(?:点[{ZH_DIGITS}]{{1,6}}+|[多余](?=[万亿]))?+[万亿]{{0,2}}+"
    spelled_zh = rf"(?<![{ZH_ALL}])[{ZH_LEAD}][{ZH_ALL}]{{0,11}}+{zh_decimal}"
    return re.compile(
        rf"(?P<arabic>{arabic})(?P<zhmag>{ZH_TAIL})"
        rf"|百分之(?P<pctzh>\d++(?:[.．]\d++)?|[{ZH_LEAD}][{ZH_ALL}]{{0,7}}+(?:点[{ZH_DIGITS}]{{1,6}}+)?)"
        rf"|(?P<zh>{spelled_zh})"
    )


@lru_cache(maxsize=1)
def english_units() -> re.Pattern[str]:
    """Compile the unit words that make a spelled English number a figure ("five percent")."""
    mags = sorted(data()["magnitudes_en"], key=len, reverse=True)
    # the lookahead on first letters lets most spaces fail at once: this pass reads the whole text
    first = "".join(sorted({c for w in mags + ["percent", "yuan"] for c in (w[0].lower(), w[0].upper())}))
    return re.compile(rf"\s(?=[{first}])(?:per ?cent|percentage points?|{'|'.join(mags)}|yuan)\b", re.I)


@lru_cache(maxsize=1)
def english_number() -> re.Pattern[str]:
    """Compile a spelled English number ending right before a unit word."""
    words = "|".join(sorted(data()["numerals_en"], key=len, reverse=True))
    return re.compile(rf"\b(?P<en>{words})(?:-(?P<en2>{words}))?$", re.I)


@dataclass(frozen=True)
class Compiled:
    """The hot patterns, built once from the data (no per-call formatting or sorting)."""

    magnitude: re.Pattern[str]
    currency: re.Pattern[str]
    unit: re.Pattern[str]
    measures: tuple[tuple[str, float], ...]  # (unit, multiplier) of each measure_units group m0, m1 …
    classifier: re.Pattern[str]
    not_unit: re.Pattern[str]
    before: re.Pattern[str]
    after_arabic: re.Pattern[str]
    after_zh: re.Pattern[str]


@lru_cache(maxsize=1)
def compiled() -> Compiled:
    """Compile the patterns read around every number."""
    d = data()
    mags = "|".join(sorted(d["magnitudes_en"], key=len, reverse=True))
    cur = "|".join(f"(?P<{u}>{p})" for u, p in d["currency_prefix"].items())
    units = "|".join([f"(?P<{u}>{p})" for u, p in d["units"].items()]
                     + [f"(?P<m{i}>{p})" for i, (_, _, p) in enumerate(d["measure_units"])])
    cls = "|".join(sorted(d["classifiers_zh"], key=len, reverse=True))
    months = d["months_en"]
    return Compiled(
        # a hyphen may join a number to its magnitude or unit: "a 1.2-trillion-yuan package"
        magnitude=re.compile(rf"(?:-|\s?+)({mags})\b", re.I),
        currency=re.compile(rf"(?:{cur})\s?$"),
        # one alternation in the data's order: the first unit that matches wins, as in a loop
        unit=re.compile(rf"(?:-|\s?+)(?:{units})|\s++(?P<times_en>{d['times_en']})", re.I),
        measures=tuple((u, float(m)) for u, m, _ in d["measure_units"]),
        classifier=re.compile(rf"\s?+(?:{cls})", re.I),
        not_unit=re.compile(rf"\s?+{d['not_units']}", re.I),
        # matches start a word: positions inside an English word fail at once (see WORD_START)
        before=re.compile(rf"{WORD_START}(?:{d['not_before']}|{months}\s?+)$", re.I),
        after_arabic=re.compile(rf"{d['not_after_en']}|\s?+{months}|{d['not_after_zh']}", re.I),
        after_zh=re.compile(d["not_after_zh"]),
    )


@lru_cache(maxsize=1)
def measure_names() -> frozenset[str]:
    """Return the units written with a multiplier of their own (tons, kwh, basis points …): never counts."""
    return frozenset(u for u, _, _ in data()["measure_units"])


@cache
def anchored(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """Compile a data pattern once, for use with .match() at a position."""
    return re.compile(pattern, flags)


@dataclass(slots=True)
class Number:
    """A number as found: where, its value and how it was written."""

    start: int
    end: int  # end of the number with any Chinese magnitude characters
    value: float
    kind: str  # arabic | zh | en | pctzh
    qualifier: str | None = None  # 多/余 written inside the number ("300多家")
    has_magnitude: bool = False
    comma: bool = False  # written with a thousands separator
    raw: str = ""  # the digits as written, without a Chinese magnitude
    mag: float = 1.0  # the Chinese magnitude already applied to value
    broken: bool = False  # rejoined from a copy that put a space after ',' or '.' ("31, 248. 6")


def zh_value(s: str) -> float:
    """Read a Chinese numeral such as 三千亿, 一万二千 or 三点九万亿."""
    for big, mult in (("亿", 1e8), ("万", 1e4)):
        if big in s:
            left, right = s.split(big, 1)
            return (zh_value(left) if left else 1.0) * mult + (zh_value(right) if right else 0.0)
    digits, units = data()["numerals_zh"], {"十": 10, "百": 100, "千": 1000}
    if "点" in s:
        whole, frac = s.split("点", 1)
        return zh_value(whole) + float("0." + "".join(str(digits[c]) for c in frac if c in digits) or "0")
    total, num = 0.0, 0.0
    for ch in s:
        if ch in digits:
            num = float(digits[ch])
        elif ch in units:
            total += (num or 1.0) * units[ch]
            num = 0.0
    return total + num


def arabic_value(s: str) -> float:
    """Read 1,234.5 or full-width digits."""
    return float(s.replace(",", "").replace("．", "."))


def read_number(m: re.Match[str]) -> Number:
    """Turn a scanner match into a Number."""
    raw = m.group("arabic")
    if raw:
        tail = m.group("zhmag")
        qual = next((c for c in tail if c in "多余"), None)
        mult = 1.0
        for ch in tail.replace("多", "").replace("余", ""):
            mult *= zh_magnitudes()[ch]
        return Number(m.start(), m.end(), arabic_value(raw) * mult, "arabic",
                      qual, bool(tail.strip("多余")), "," in raw, raw, mult)
    if m.group("pctzh"):
        raw = m.group("pctzh")
        value = arabic_value(raw) if raw[0].isdigit() else zh_value(raw)
        return Number(m.start(), m.end(), value, "pctzh")
    raw = m.group("zh")
    qual = next((c for c in raw if c in "多余"), None)
    return Number(m.start(), m.end(), zh_value(raw), "zh", qual, raw[-1] in "万亿")


def spelled_english(text: str, start: int, end: int) -> list[Number]:
    """Find spelled English numbers before a unit word ("five percent", "two trillion")."""
    words, out = data()["numerals_en"], []
    for unit in english_units().finditer(text, start, end):
        m = english_number().search(text[max(start, unit.start() - 24):unit.start()])
        if m:
            value = float(words[m.group("en").lower()]) + float(words.get((m.group("en2") or "").lower(), 0))
            out.append(Number(unit.start() - len(m.group(0)), unit.start(), value, "en"))
    return out


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Return every number-like token of text[start:end] in reading order.

    A number broken by bad copy ("31, 248. 6") comes right before its pieces: the caller tries
    the whole first and falls back to the pieces when the whole is no figure.
    """
    end = len(text) if end is None else end
    # the scanner sees one character past each run: 千 before 瓦 (3.2亿千瓦时) is no magnitude
    out = [read_number(m) for run in candidates().finditer(text, start, end)
           for m in scanner().finditer(text, run.start(), min(end, run.end() + 1))]
    extra = spelled_english(text, start, end) + broken_numbers(text, start, end)
    return sorted(out + extra, key=lambda n: (n.start, not n.broken)) if extra else out


@lru_cache(maxsize=1)
def broken_pattern() -> re.Pattern[str]:
    """Compile a number whose copy put a space after the thousands comma or the decimal point.

    Only well-formed groups count: one to three digits, then groups of exactly three, then at
    most two decimals ("31, 248. 6", "2, 316. 4", "248. 6", "1, 234, 567"). A number right after
    another group ("5, 31, 248") or before one ("31, 248, 12") is a list, not one number.
    """
    grouped = r"\d{1,3}(?:,\s\d{3}(?!\d))++(?:\.\s?\d{1,2}(?!\d)|\.\d++)?+"
    decimal = r"(?:\d{1,3}(?:,\d{3}(?!\d))++|\d++)\.\s\d{1,2}(?!\d)"
    noise = rf"[{data()['number_noise']}]"
    noised = rf"\d++(?:[.．,]?+{noise}{{1,3}}+[.．,]?+\d++)++(?:[.．]\d++)?+"  # "5.◆37", "14.▲4"
    return re.compile(rf"(?<![\d.,，．])(?<!\d,\s)(?<!\d\.\s)(?:{grouped}|{decimal}|{noised})(?![.,]\s?\d)")


@lru_cache(maxsize=1)
def broken_hint() -> re.Pattern[str]:
    """Compile what every broken number holds: a space after a separator, or a symbol, after a digit."""
    return re.compile(rf"\d(?:[.．,]\s\d|[.．,]?+[{data()['number_noise']}])")


@lru_cache(maxsize=1)
def noise_chars() -> re.Pattern[str]:
    """Compile the injected symbols and spaces that are dropped when a broken number is rejoined."""
    return re.compile(rf"[\s{data()['number_noise']}]")


def broken_numbers(text: str, start: int, end: int) -> list[Number]:
    """Find numbers broken by bad copy, read as one number with any Chinese magnitude after them."""
    out: list[Number] = []
    if not broken_hint().search(text, start, end):
        return out  # most texts: no space or symbol inside a number, spared the full pattern
    for m in broken_pattern().finditer(text, start, end):
        raw = noise_chars().sub("", m.group(0)).replace("．", ".")
        if not WELL_FORMED.fullmatch(raw):
            continue  # "1,23◆4" or "1.2.3": the pieces do not make one number
        tail = anchored(ZH_TAIL, 0).match(text, m.end(), min(end, m.end() + 8))
        mag = 1.0
        for ch in (tail.group(0) if tail else "").replace("多", "").replace("余", ""):
            mag *= zh_magnitudes()[ch]
        stop = tail.end() if tail else m.end()
        out.append(Number(m.start(), stop, float(raw.replace(",", "")) * mag, "arabic", None, mag != 1.0, "," in raw,
                          raw, mag, broken=True))
    return out


def broken_tail(text: str, num: Number) -> bool:
    """Tell whether a number is the end of a broken one ("6" in "248. 6 billion", "37" in "5.◆37万亿")."""
    if num.kind != "arabic":
        return False
    before = text[max(0, num.start - 6):num.start]
    if len(num.raw) <= 2 and re.search(r"\d[.．]\s$", before):
        return True
    return anchored(rf"\d[.．,]?+[{data()['number_noise']}]{{1,3}}+\s?$", 0).search(before) is not None


INDEX_REACH = 160  # how far back in its sentence a bare reading's index is named
SENTENCE_CUT = re.compile(r"[。！？!?；;\n]|\.(?=\s)")  # a sentence (or line) ends here


def index_reading(text: str, start: int, end: int, value: float | None) -> tuple[str, int] | None:
    """Read a bare number in a sentence about a diffusion index (PMI, its sub-indices), as English
    wires write them: ("percentage_point", end) for its move in points ("down 0.8 points"),
    ("percent", end) for a reading ("stood at 49.7", the release's 49.7%), ("", end) for any other
    number there ("a reading above 50": the boom-bust line, no figure); None outside such a sentence.
    `value` is None for a number with a magnitude word, never a reading."""
    lead = max(0, start - INDEX_REACH)
    cut = max((m.end() for m in SENTENCE_CUT.finditer(text, lead, start)), default=lead)
    if anchored(data()["index_subject"]).search(text, cut, start) is None:
        return None
    points = anchored(data()["index_points_after"]).match(text, end, end + 12)
    if points:
        return "percentage_point", points.end()
    before = text[max(0, start - 30):start]
    if value is not None and 0 < value < 200 and anchored(data()["index_reading_before"]).search(before):
        return "percent", end
    return "", end


MINUS_WORD_RE = re.compile(r"\bminus\s$", re.I)


def minus_before(text: str, start: int) -> int | None:
    """Return where a minus sign written right before `start` begins (−2.5, －2.5, 负2.3), else None."""
    if start == 0:
        return None
    d, sign = data(), text[start - 1]
    prev = text[start - 2] if start >= 2 else ""
    word = MINUS_WORD_RE.search(text, max(0, start - 8), start)
    if word:
        return word.start()  # "minus 0.5 percent": the sign in words
    if sign in d["minus_zh"]:
        return None if prev and prev in d["not_minus_after"] else start - 1
    if sign not in d["minus_signs"]:
        return None
    if prev and (prev.isdigit() or prev.isascii() and prev.isalpha() or prev in ".,%％)）"):
        return None  # "5-6%" is a range, "COVID-19" a name, "2023-2024" a span of years
    return start - 1


@dataclass(frozen=True)
class Unit:
    """What follows (or precedes) a number: its unit, span end and extras."""

    unit: str
    end: int
    multiplier: float = 1.0
    noun: str | None = None
    qualifier: str | None = None
    start: int | None = None  # set when a currency sign before the number starts the span


def en_magnitude(text: str, pos: int) -> tuple[float, int]:
    """Read "trillion", "billion" … after a number; return (multiplier, new end)."""
    m = compiled().magnitude.match(text, pos, pos + WINDOW)
    if not m:
        return 1.0, pos
    return float(data()["magnitudes_en"][m.group(1).lower()]), m.end()


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """Find a currency sign written right before the number ("RMB 1.2", "$5")."""
    before = text[max(0, start - 8):start]
    m = compiled().currency.search(before)
    return (m.lastgroup or "", start - (len(before) - m.start())) if m else None


def plain_unit(text: str, pos: int) -> Unit | None:
    """Match percent, percentage point, yuan, usd, times or a physical unit right at `pos`."""
    m = compiled().unit.match(text, pos, pos + WINDOW)
    if m is None:
        return None
    name = m.lastgroup or ""
    if name.startswith("m") and name[1:].isdigit():
        unit, mult = compiled().measures[int(name[1:])]
        return Unit(unit, m.end(), mult)
    return Unit("times" if name == "times_en" else name, m.end())


STRONG = ("percent", "percentage_point", "yuan", "usd", "times")


def strong(unit: str) -> bool:
    """Tell whether a unit makes any number a figure: a rate, money or a physical amount."""
    return unit in STRONG or unit in measure_names()


def money_or_unit(text: str, num: Number) -> Unit | None:
    """Read the unit after a number, with an English magnitude or a currency sign before it."""
    tenths = tenths_unit(text, num)
    if tenths is not None:
        return tenths
    mult, pos = en_magnitude(text, num.end) if num.kind in ("arabic", "en") else (1.0, num.end)
    unit = plain_unit(text, pos) or decimal_times(text, num, pos)
    cur = currency_before(text, num.start)
    if cur and (unit is None or unit.unit in ("yuan", "usd")):
        return Unit(cur[0], unit.end if unit else pos, mult, start=cur[1])
    if unit and (unit.unit in ("yuan", "usd") or unit.unit in measure_names()):
        return Unit(unit.unit, unit.end, mult * unit.multiplier)
    if unit and mult == 1.0:
        return unit
    if mult != 1.0:
        return count_unit(text, num, pos, mult) or Unit("count", pos, mult)
    return None


def no_unit_after(text: str, num: Number) -> bool:
    """Tell whether a duration, an unreported unit or a furniture word follows ("6个月", "60 years", "0 Comments")."""
    pos = en_magnitude(text, num.end)[1] if num.kind in ("arabic", "en") else num.end
    return compiled().not_unit.match(text, pos, pos + WINDOW) is not None


def tenths_unit(text: str, num: Number) -> Unit | None:
    """Read 三成, 近五成, 两成以上 (tenths) as a percent: 三成 is 30%."""
    if num.value > 10 or num.has_magnitude:
        return None
    m = anchored(data()["tenths_zh"], 0).match(text, num.end, num.end + 2)
    return Unit("percent", m.end(), 10.0) if m else None


def decimal_times(text: str, num: Number, pos: int) -> Unit | None:
    """Read "1.8 times" as a ratio: a fraction of a time cannot count occurrences."""
    if not num.raw or "." not in num.raw:
        return None
    m = anchored(r"\s++times\b").match(text, pos, pos + 8)
    return Unit("times", m.end()) if m else None


def count_unit(text: str, num: Number, pos: int, mult: float = 1.0) -> Unit | None:
    """Read a counted noun: a Chinese classifier, or an English noun phrase of digits' count."""
    m = compiled().classifier.match(text, pos, pos + WINDOW)
    if m:
        return Unit("count", m.end(), mult, noun=m.group(0).strip())
    if num.kind != "arabic":
        return None
    return english_noun(text, pos, mult)


def english_noun(text: str, pos: int, mult: float) -> Unit | None:
    """Read the noun phrase after a number ("178 national high-tech zones")."""
    m = anchored(r"(?:,?+\s++[\"“”'‘’]?+[A-Za-z][A-Za-z\-]*+(?:['’]s?)?+[\"“”'‘’]?+){1,8}").match(
        text, pos, pos + 160)
    if not m or m.group(0).startswith(","):
        return None  # "aged 16 to 24, excluding students": a noun never follows its number after a comma
    words = noun_words(m.group(0))
    if not words or words[0].group(0).strip(",\"“”'‘’").lower().rstrip(".") in data()["not_noun_en"]:
        return None
    end = pos + words[-1].end()
    return Unit("count", end, mult, noun=text[pos:end].strip())


def noun_words(phrase: str) -> list[re.Match[str]]:
    """Keep the words of a noun phrase: up to its first plural head, else up to a stop word."""
    stops, words = set(data()["noun_stop_en"]), []
    for w in re.finditer(r"[^\s,]+", phrase):
        bare = w.group(0).strip("\"“”'‘’").lower()
        if len(words) >= data()["noun_max_words"] or (bare in stops and bare != "and"):
            break
        words.append(w)
        if w.group(0).endswith(("'", "’", "'s", "’s")):
            continue  # a possessive ("45 countries' clusters") is not the head
        if re.fullmatch(r"[a-z\-]*[a-z][^s'’]s|[a-z\-]*ies|people|children", bare):
            return words  # a plural head ends the phrase ("zones", "enterprises")
    while words and words[-1].group(0).lower() == "and":
        words.pop()
    stop_at = next((i for i, w in enumerate(words) if w.group(0).lower() == "and"), len(words))
    return words[:stop_at]
def rejected_around(text: str, num: Number) -> bool:
    """Tell whether the number is an ordinal, date, time, code, page or contact number, or part of a name."""
    pats = compiled()
    if name_with_digits(text, num.start) or (not num.broken and broken_tail(text, num)):
        return True
    if num.start and before_may_reject(text[num.start - 1]) \
            and pats.before.search(text, max(0, num.start - BEFORE_REACH), num.start):
        return True
    after = pats.after_arabic if num.kind in ("arabic", "pctzh") else pats.after_zh
    if after.match(text, num.end, num.end + 16):
        return True
    return line_prefix(text, num)


def name_with_digits(text: str, start: int) -> bool:
    """Tell whether the number ends a name joined by a hyphen ("COVID-19", "Shenzhou-18", "Chang'e-6")."""
    if start < 2 or text[start - 1] not in "-‐‑–":
        return False
    letter = text[start - 2]
    return letter.isascii() and letter.isalpha()


def before_may_reject(char: str) -> bool:
    """Tell whether a not_before or month pattern can end with `char` (a cheap first test)."""
    return char.isspace() or char.isascii() and char.isalpha() or char in data()["not_before_last"]


def line_prefix(text: str, num: Number) -> bool:
    """Tell whether the number numbers a line or a list item ("1.", "2、", "(3)")."""
    line_start = text.rfind("\n", max(0, num.start - 8), num.start) + 1
    lead = text[max(line_start, num.start - 8):num.start]
    after = text[num.end:num.end + 2]
    if lead.strip() in ("", "(", "（") and re.match(r"[.、)）](?!\d)", after):
        return line_start > 0 or num.start - line_start < 8
    return bool(lead.endswith(("(", "（")) and after[:1] in (")", "）"))


def is_code(text: str, num: Number, raw: str) -> bool:
    """Tell whether an Arabic number is a year, a zero-padded code or part of a digit chain."""
    if raw[0] == "0" and len(raw) > 1 and raw[1] not in ".．":
        return True
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return True
    return bool(re.match(r"[-–—]\d", text[num.end:num.end + 2]))
