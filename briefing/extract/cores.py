"""Numbers that are figures: the not-a-figure rules, units written once for several values, ranges, signs."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.extract.numbers import (
    SENTENCE_CUT,
    WORD_START,
    Number,
    Unit,
    anchored,
    count_unit,
    data,
    en_magnitude,
    find_numbers,
    index_reading,
    is_code,
    minus_before,
    money_or_unit,
    no_unit_after,
    rejected_around,
    strong,
)

TABLE_SHARE = 0.5  # a long line with more digits than this share is a table or a code, not prose
TABLE_CHARS = "0123456789,.亿万"
RESPECTIVELY = re.compile(r"respectively|分别", re.I)
# Between the values of "6.2, 2.4 and 4.8 percent" or 分别提高1.8个、0.6个百分点 (个 cut from 个百分点)
# (a comparative may open the next value: "分别比上月末和上年同期高0.7个和低2.8个百分点")
CHAIN_GAP = re.compile(r"(个)?+\s*+(?:,|，|、|and|&|和|与|及)\s*+(?:高|低|多|少)?+", re.I)
CHAIN_MAX = 12  # values sharing one unit at most; bounds the look-ahead
CHAIN_REACH = 60  # how far a "respectively" is looked for around such values
LINE_NUMBER = re.compile(r"^[ \t]*+(\d{1,3})[ \t]", re.M)
NUMBERED_LINES = 3  # lines numbered in sequence that make the numbers line numbers
RANGE_DASH = re.compile(r"\s?+[-–—~～]\s?+\d")


@dataclass(frozen=True)
class Core:
    """A number that passed the not-a-figure rules, with its unit and span."""

    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None
    noun: str | None = None
    qualifier: str | None = None


def find_cores(text: str) -> list[Core]:
    """Scan the text for numbers and keep those that are figures."""
    nums: list[Number] = []
    last = 0
    for start, end in table_lines(text) + [(len(text), len(text))]:
        nums += find_numbers(text, last, start)  # tables, ads and links are skipped, not scanned
        last = end
    text_end = len(text.rstrip())
    numbered = line_numbers(text)
    cores: list[Core] = []
    skip_until = -1
    for i, num in enumerate(nums):
        if num.start < skip_until or num.start in numbered:
            continue
        nxt = following(nums, i)
        found = read_chain(text, nums, i) or [read_core(text, num, nums[nxt] if nxt is not None else None)]
        kept = [c for c in found if c is not None and not cut_off(text, c, text_end)]
        if kept:
            cores += kept
            skip_until = kept[-1].end
    return cores


def line_numbers(text: str) -> frozenset[int]:
    """Return where the numbers that number a page's lines start ("09 Reporter: …", "10 Wang Wentao: …").

    Three or more lines opening with a number that goes up by one or two each time (a line may
    have been dropped as furniture) are numbered lines; a lone line opening with a count is prose.
    """
    out: set[int] = set()
    run: list[tuple[int, int]] = []
    for m in LINE_NUMBER.finditer(text):
        pos, n = m.start(1), int(m.group(1))
        if not run or not 1 <= n - run[-1][1] <= 2:
            out.update(p for p, _ in run if len(run) >= NUMBERED_LINES)
            run = []
        run.append((pos, n))
    out.update(p for p, _ in run if len(run) >= NUMBERED_LINES)
    return frozenset(out)


def following(nums: list[Number], i: int) -> int | None:
    """Return the index of the next number after nums[i] that does not overlap it (a broken number's pieces do)."""
    j = i + 1
    while j < len(nums) and nums[j].start < nums[i].end:
        j += 1
    return j if j < len(nums) else None


def cut_off(text: str, core: Core, text_end: int) -> bool:
    """Tell whether the page ends inside the figure ("grew 6.1 pe", "达到3.5万亿"): its unit may be cut."""
    return core.end >= text_end and text[core.end - 1].isalnum()


def table_lines(text: str) -> list[tuple[int, int]]:
    """Return the lines that are no prose of the article: tables and code dumps, ads, links to other pages."""
    spans, start = [], 0
    foreign = anchored(data()["foreign_line"])
    for line in text.split("\n"):
        if len(line) >= 400:
            sample = line[:2000]
            if sum(map(sample.count, TABLE_CHARS)) > TABLE_SHARE * len(sample):
                spans.append((start, start + len(line)))
        elif foreign.match(line):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def read_core(text: str, num: Number, nxt: Number | None) -> Core | None:
    """Apply the not-a-figure rules and read the unit of one number."""
    if rejected_around(text, num):
        return None
    unit = Unit("percent", num.end) if num.kind == "pctzh" else money_or_unit(text, num)
    ranged = read_range(text, num, unit, nxt)
    if ranged is not None:
        return ranged
    if unit is not None and unit.multiplier == 1.0 and unit.start is not None and RANGE_DASH.match(text, num.end):
        return None  # "US$3.1-3.3 trillion" not read as a range: never "US$3.1" alone, a trillion times too small
    if num.kind == "arabic" and not num.has_magnitude and (unit is None or not strong(unit.unit)) \
            and is_code(text, num, num.raw):  # 1900万人 is no year
        return None
    if (unit is None or unit.unit == "count") and no_unit_after(text, num):
        return None  # "6个月", "60 years", "960万平方公里", "0 Comment(s)"
    if num.kind in ("zh", "en") and (unit is None or not strong(unit.unit)):
        return big_zh_count(text, num)
    reading = index_reading(text, num.start, num.end, None if num.has_magnitude else num.value) \
        if (unit is None or unit.unit == "count") and num.kind == "arabic" else None
    if reading is not None:
        if not reading[0]:
            return None  # "a reading above 50 indicates expansion": the boom-bust line, no figure
        unit = Unit(reading[0], reading[1])
    unit = unit or count_unit(text, num, num.end)
    if unit is None and (num.comma or num.has_magnitude) and not num.broken:
        unit = Unit("count", num.end)  # a broken number is one only before a unit, never on its own
    if unit is None or unit.unit == "count" and not countable(text, num, unit):
        return None
    if unit.unit in ("yuan", "usd"):
        return money_or_rate(text, num, unit)
    return make_core(text, num, unit, num.value * unit.multiplier)


def countable(text: str, num: Number, unit: Unit) -> bool:
    """Tell whether a count is one: a whole number of things, not a rank or counter opening a line.

    "3,051.8" alone is an index level, not a count; "1 Xi meets …", "2 Chinese scientists …"
    open the lines of a most-read list (news style never opens a sentence with a bare numeral).
    """
    whole = num.value * unit.multiplier
    if abs(whole - round(whole)) > 1e-6 * max(1.0, abs(whole)):
        return False
    return not rank_opening_line(text, num)


def rank_opening_line(text: str, num: Number) -> bool:
    """Tell whether a small bare number opens its line before a capitalised word ("1 Xi meets Biden")."""
    line_start = text.rfind("\n", 0, num.start) + 1
    if text[line_start:num.start].strip() or num.comma or num.has_magnitude or len(num.raw) > 3:
        return False
    return re.match(r" [A-Z]", text[num.end:num.end + 2]) is not None


def money_or_rate(text: str, num: Number, unit: Unit) -> Core | None:
    """Read a money figure, or an exchange rate quoted in it: 1美元兑7.1055元 is 7.1055 yuan_per_usd, its "1" none."""
    d = data()
    if unit.unit == "usd" and num.value == 1 and anchored(d["exchange_quote"]).match(text, unit.end, unit.end + 12):
        return None  # the "1 U.S. dollar" of "1 U.S. dollar to 7.1055 yuan"
    quoted = anchored(d["exchange_after"]).match(text, unit.end, unit.end + 40) \
        or anchored(d["exchange_before"]).search(text, max(0, num.start - 30), num.start)
    if unit.unit == "yuan" and quoted and unit.multiplier == 1.0 and num.mag == 1.0 and unit.start is None:
        end = quoted.end() if quoted.start() >= unit.end else unit.end
        return make_core(text, num, Unit("yuan_per_usd", end), num.value)
    return make_core(text, num, unit, num.value * unit.multiplier)


def big_zh_count(text: str, num: Number) -> Core | None:
    """Keep 六百万份, 三千六百多万人次: a spelled number with 万/亿 and a classifier is a count."""
    if num.kind != "zh" or not num.has_magnitude:
        return None  # small spelled numbers are words (一是, 统一, 两个市场), not figures
    unit = count_unit(text, num, num.end)
    return make_core(text, num, unit, num.value) if unit is not None else None


# --- two values, one unit: ranges ------------------------------------------------------------
def read_range(text: str, num: Number, unit: Unit | None, nxt: Number | None) -> Core | None:
    """Read "5.5-6%", "5%至6%", "2-3 trillion yuan", "5 to 6 percent", "between 5 and 6 percent" as one figure."""
    pos = unit.end if unit and unit.unit == "percent" else num.end
    sep_end = range_separator(text, num, pos, unit is None)
    if nxt is None or sep_end is None or sep_end not in (nxt.start, minus_before(text, nxt.start)):
        return None
    if re.search(r"\bfrom\s[^,;]{0,12}$|从$", text[max(0, num.start - 20):num.start], re.I):
        return None  # "rose from 5% to 6%" is a change, not a range
    unit2 = money_or_unit(text, nxt) or count_unit(text, nxt, nxt.end)
    prefixed = unit is not None and unit.start is not None and unit.multiplier == 1.0
    if prefixed and unit2 is not None and unit2.unit == "count" and unit2.multiplier != 1.0 and unit2.noun is None:
        unit2 = Unit(unit.unit, unit2.end, unit2.multiplier)  # "US$3.1-3.3 trillion": the sign serves both
    if unit2 is None or (unit is not None and unit.unit != unit2.unit):
        return None
    scale = unit2.multiplier * (nxt.mag if num.mag == 1.0 else 1.0)
    low = num.value * (scale if prefixed or unit is None else unit.multiplier)
    core = make_core(text, num, replace(unit2, start=None), low)
    high = tidy(nxt.value * unit2.multiplier)
    return replace(core, value_max=-high if sep_end != nxt.start else high)


def range_separator(text: str, num: Number, pos: int, unitless: bool) -> int | None:
    """Return where the separator of a range after `pos` ends: -, 至, "to" (after a bare number), "between … and"."""
    d = data()
    m = anchored(rf"\s?+{d['range_sep']}\s?+").match(text, pos, pos + 8)
    if m is None and unitless:
        m = anchored(rf"\s?+{d['range_to']}\s?+").match(text, pos, pos + 8)
    if m is None and anchored(d["range_between"]).search(text, max(0, num.start - 10), num.start):
        m = anchored(r"\s?+and\s?+").match(text, pos, pos + 8)
    return m.end() if m else None


# --- several values, one unit: "6.2, 2.4 and 4.8 percent respectively" -------------------------
@dataclass(frozen=True)
class Bare:
    """A value written without a unit of its own, at most with a magnitude ("147.4 million, …")."""

    num: Number
    end: int  # after its own magnitude word, if any
    mult: float  # that magnitude (1.0 without one)


def read_chain(text: str, nums: list[Number], i: int) -> list[Core] | None:
    """Read values whose unit is written once, after the last: one figure each, in order."""
    found = chain_members(text, nums, i)
    if found is None:
        return None
    bare, last = found
    unit = money_or_unit(text, last)
    if unit is None or not shared_unit_fits(text, bare, last, unit):
        return None
    last_mult = en_magnitude(text, last.end)[0] if last.kind == "arabic" else 1.0
    base = unit.multiplier / last_mult  # the unit's own multiplier (MW is 1e3 kW) without the magnitude
    cores = []
    for m in bare:
        if m.mult != 1.0 or m.num.mag != 1.0:
            value = m.num.value * m.mult * base  # "1.2 billion and 800 million yuan": its own magnitude
        else:
            value = m.num.value * unit.multiplier * last.mag  # "3.2、2.8万亿元": the last one's
        end = m.end + 1 if text.startswith("个", m.end) else m.end  # 1.8个、0.6个百分点
        cores.append(make_core(text, m.num, Unit(unit.unit, end), value))
    return cores + [make_core(text, last, unit, last.value * unit.multiplier)]


def chain_members(text: str, nums: list[Number], i: int) -> tuple[list[Bare], Number] | None:
    """Collect unit-less values joined by commas, 、 or "and", and the first value after them with a unit."""
    first = bare_value(text, nums[i])
    if first is None:
        return None
    bare, j = [first], i
    while len(bare) < CHAIN_MAX:
        k = following(nums, j)
        if k is None or nums[k].broken:
            return None
        gap_end = minus_before(text, nums[k].start) or nums[k].start  # "2.4 and −0.3 percent"
        if not CHAIN_GAP.fullmatch(text, bare[-1].end, gap_end):
            return None
        member = bare_value(text, nums[k])
        if member is None:
            return bare, nums[k]
        bare.append(member)
        j = k
    return None


def bare_value(text: str, num: Number) -> Bare | None:
    """Return the number as a unit-less value, or None when it has a unit or a counted noun of its own."""
    if num.broken or num.kind != "arabic":
        return None
    unit = money_or_unit(text, num)
    if unit is not None and (unit.unit != "count" or unit.noun is not None):
        return None
    mult, end = en_magnitude(text, num.end)
    return Bare(num, end, mult)


def shared_unit_fits(text: str, bare: list[Bare], last: Number, unit: Unit) -> bool:
    """Tell whether the last value's unit may serve all: a rate or an amount, no years, no range."""
    first = bare[0].num.start
    if not strong(unit.unit) or anchored(data()["range_between"]).search(text, max(0, first - 10), first):
        return False
    if any(text.startswith("个", m.end) for m in bare) and not text[last.end:unit.end].lstrip().startswith("个"):
        return False  # 个 before 、 is the start of the unit 个百分点, or a classifier of its own
    nums = [m.num for m in bare] + [last]
    if any(m.kind != "arabic" or rejected_around(text, m) or is_code(text, m, m.raw) for m in nums):
        return False
    integers = any("." not in m.raw and "．" not in m.raw for m in nums)
    return not integers or says_respectively(text, first, unit.end)


def says_respectively(text: str, start: int, end: int) -> bool:
    """Tell whether "respectively" or 分别 stands in the sentence near start…end."""
    before = SENTENCE_CUT.split(text[max(0, start - CHAIN_REACH):start])[-1]
    after = SENTENCE_CUT.split(text[end:end + CHAIN_REACH])[0]
    return bool(RESPECTIVELY.search(before) or RESPECTIVELY.search(after))


# --- span, sign and qualifier ----------------------------------------------------------------
def make_core(text: str, num: Number, unit: Unit, value: float) -> Core:
    """Attach sign, qualifier and span to a number with its unit."""
    start = unit.start if unit.start is not None else num.start
    sign = minus_before(text, start)
    if sign is not None:
        start, value = sign, -value
    qual, start, end = qualifier(text, start, unit.end)
    return Core(start, end, tidy(value), unit.unit, None, unit.noun, qual or num.qualifier)


def tidy(value: float) -> float:
    """Drop the binary noise a magnitude leaves (17.22万亿 is 1.722e13, not 17219999999999.998)."""
    return float(f"{value:.12g}")


def qualifier(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """Find "more than", 超过, 以上 … around the span; return it and the widened span."""
    d = data()
    before = text[max(0, start - 24):start]
    m = anchored(rf"{WORD_START}(?:\b{d['qualifiers_before_en']}|{d['qualifiers_before_zh']})\s?+$").search(before)
    if m:
        return m.group(0).strip().lower(), start - (len(before) - m.start()), end
    m = anchored(rf"\s?+(?:{d['qualifiers_after_en']}\b|{d['qualifiers_after_zh']})").match(text, end, end + 12)
    if m:
        return m.group(0).strip(), start, m.end()
    return None, start, end
