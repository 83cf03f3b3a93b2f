"""Headline figures in English and Chinese texts: value, unit, basis, period, label, rank."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from briefing.extract.context import (
    Segments,
    comparative_after,
    declines,
    find_basis,
    find_direction,
    find_period,
    label_after_zh,
    label_en,
    label_zh,
    of_phrase_en,
    span_of,
)
from briefing.extract.numbers import (
    STRONG,
    WORD_START,
    Number,
    Unit,
    anchored,
    count_unit,
    data,
    find_numbers,
    is_code,
    money_or_unit,
    rejected_around,
)
from briefing.models import Figure

REACH = 300  # sentence context looked at on each side of a figure; bounds the work per figure
SHARE_AFTER = 12  # a share cue after a figure is its own only when close: "34.6 percent of", "%的份额"
SPLIT_REACH = 200  # how far a "respectively" is looked for around a group of figures
TABLE_SHARE = 0.5  # a long line with more digits than this share is a table or a code, not prose
TABLE_CHARS = "0123456789,.亿万"
RESPECTIVELY = re.compile(r"respectively|分别", re.I)
JOINER = re.compile(r"\s*+(?:,|，|、|and|&|和|与|及)\s*+", re.I)
SUBJECT_SPLIT = re.compile(r",\s|\s(?:and|&)\s|、|和|与|及")
CLAUSE_CUT = re.compile(r"[，,；;。：:\n]")
ELIDED_VERB = re.compile(r"\bby\s?+$")  # "mining rose 4.6%, manufacturing by 5.5%": the verb is elided
LEAD_ADVERBIAL = re.compile(r"^(?:in|from|as|at|on|during|since|by|with|after|before|over|under|"
                            r"according|for|so far|up to)\b[^,]{0,80},\s", re.I)


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


def extract_figures(text: str, lang: str) -> tuple[Figure, ...]:
    """Return the figures of a cleaned text, in text order, scored and with duplicates merged."""
    cores = find_cores(text)
    segs = Segments.of(text, [(c.start, c.end) for c in cores], REACH + SPLIT_REACH)
    figures: list[Figure] = []
    for i, core in enumerate(cores):
        prev = figures[-1] if figures else None
        nxt = cores[i + 1].start if i + 1 < len(cores) else len(text)
        figures.append(describe(text, segs, core, lang, prev, nxt))
    figures = default_yoy(text, apply_respectively(text, segs, figures))
    figures = [with_fields(f, score=score(text, f)) for f in figures]
    return merge_duplicates(figures)


# --- finding numbers that are figures --------------------------------------------------------
def find_cores(text: str) -> list[Core]:
    """Scan the text for numbers and keep those that are figures."""
    nums: list[Number] = []
    last = 0
    for start, end in table_lines(text) + [(len(text), len(text))]:
        nums += find_numbers(text, last, start)  # tables are skipped, not scanned
        last = end
    cores: list[Core] = []
    skip_until = -1
    for i, num in enumerate(nums):
        if num.start < skip_until:
            continue
        core = read_core(text, num, nums[i + 1] if i + 1 < len(nums) else None)
        if core is not None:
            cores.append(core)
            skip_until = core.end
    return cores


def table_lines(text: str) -> list[tuple[int, int]]:
    """Return the long lines made mostly of digits (tables, code dumps): not prose."""
    spans, start = [], 0
    for line in text.split("\n"):
        if len(line) >= 400:
            sample = line[:2000]
            if sum(map(sample.count, TABLE_CHARS)) > TABLE_SHARE * len(sample):
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
    if num.kind == "arabic" and not num.has_magnitude and (unit is None or unit.unit not in STRONG) \
            and is_code(text, num, num.raw):  # 1900万人 is no year
        return None
    if num.kind in ("zh", "en") and (unit is None or unit.unit not in STRONG):
        return big_zh_count(text, num)
    unit = unit or count_unit(text, num, num.end)
    if unit is None and (num.comma or num.has_magnitude):
        unit = Unit("count", num.end)
    if unit is None:
        return None
    return make_core(text, num, unit, num.value * unit.multiplier)


def big_zh_count(text: str, num: Number) -> Core | None:
    """Keep 六百万份, 三千六百多万人次: a spelled number with 万/亿 and a classifier is a count."""
    if num.kind != "zh" or not num.has_magnitude:
        return None  # small spelled numbers are words (一是, 统一, 两个市场), not figures
    unit = count_unit(text, num, num.end)
    return make_core(text, num, unit, num.value) if unit is not None else None


def read_range(text: str, num: Number, unit: Unit | None, nxt: Number | None) -> Core | None:
    """Read "5.5-6%", "5%至6%", "2-3 trillion yuan" as one figure with two ends."""
    pos = unit.end if unit and unit.unit == "percent" else num.end
    sep = anchored(rf"\s?+{data()['range_sep']}\s?+").match(text, pos, pos + 8)
    if nxt is None or sep is None or sep.end() != nxt.start:
        return None
    if re.search(r"\bfrom\s[^,;]{0,12}$|从$", text[max(0, num.start - 20):num.start], re.I):
        return None  # "rose from 5% to 6%" is a change, not a range
    unit2 = money_or_unit(text, nxt) or count_unit(text, nxt, nxt.end)
    if unit2 is None or (unit is not None and unit.unit != unit2.unit):
        return None
    scale = unit2.multiplier * (nxt.mag if num.mag == 1.0 else 1.0)
    low = num.value * (unit.multiplier if unit else scale)
    core = make_core(text, num, replace(unit2, start=None), low)
    return replace(core, value_max=nxt.value * unit2.multiplier)


def make_core(text: str, num: Number, unit: Unit, value: float) -> Core:
    """Attach sign, qualifier and span to a number with its unit."""
    start = unit.start if unit.start is not None else num.start
    if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        start, value = start - 1, -value
    qual, start, end = qualifier(text, start, unit.end)
    return Core(start, end, value, unit.unit, None, unit.noun, qual or num.qualifier)


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


# --- describing a figure from its sentence ---------------------------------------------------
def describe(text: str, segs: Segments, core: Core, lang: str, prev: Figure | None, nxt: int) -> Figure:
    """Build the Figure: sentence, basis, direction, period and label of one core."""
    s0, s1 = clip(span_of(segs.sentences, core.start, core.end, len(text)), core)
    c0, c1 = clip(span_of(segs.clauses, core.start, core.end, len(text)), core)
    same_clause = prev is not None and prev.end > c0 and prev.start >= s0
    left = max(c0, prev.end) if same_clause and prev else c0
    scope_end = min(c1, max(nxt, core.end))
    scope = text[left:scope_end]
    rate = core.unit in ("percent", "percentage_point")
    after = text[core.end:c1] if rate else ""
    direction = comparative_after(text[core.end:c1], rate) or find_direction(text[left:core.start], after)
    basis = find_basis(scope, core.unit, direction, lang)
    if basis == "share":  # "grew by 7.7 percent and accounted for 16.5 percent": the cue is the next one's
        basis = find_basis(text[left:min(scope_end, core.end + SHARE_AFTER)], core.unit, direction, lang)
    basis = basis_before(text[left:core.start], core.unit, basis)
    prev_in_sentence = prev if prev is not None and prev.start >= s0 else None
    if prev_in_sentence is not None and prev_in_sentence.unit == core.unit:
        basis = inherit_basis(basis, prev_in_sentence.basis, same_clause)
        if same_clause and direction is None:
            direction = prev_in_sentence.direction  # "分别增长4.2%和9.3%": one verb for both
        if direction is None and ELIDED_VERB.search(text[left:core.start]):
            direction, basis = prev_in_sentence.direction, prev_in_sentence.basis
    if direction and basis == "none":
        basis = find_basis(text[s0:left], core.unit, direction, lang)  # "On a month-on-month basis, it grew 0.4%"
    sentence = text[s0:s1]
    period = find_period(sentence, core.start - s0, (c0 - s0, c1 - s0), lang)
    value, value_max = signed(core, basis, declines(text[c0:core.start], direction))
    fig = Figure(value=value, unit=core.unit, basis=basis, text=text[core.start:core.end],
                 sentence=sentence.strip(), start=core.start, end=core.end, lang=lang,
                 period=period, direction=direction, qualifier=core.qualifier,
                 value_max=value_max, noun=core.noun)
    return with_fields(fig, label=find_label(text, fig, s0, c0, prev_in_sentence))


def basis_before(before: str, unit: str, basis: str) -> str:
    """Correct the basis from the words right before the number: 的 (a share), "to" (a level)."""
    if unit == "percent" and anchored(data()["share_before"]).search(before[-4:]):
        return "share"  # "完成全年目标任务的114.2%": a part of a whole
    if unit != "percentage_point" and anchored(data()["level_to"]).search(before[-6:]):
        return "level"  # "the unemployment rate fell to 5.0%": the new level, not the change
    return basis


def signed(core: Core, basis: str, falling: bool) -> tuple[float, float | None]:
    """Return (value, value_max) negative for a decline when the basis is a change (yoy, mom, change)."""
    if not falling or basis not in data()["signed_bases"] or core.value < 0:
        return core.value, core.value_max  # levels and shares stay positive; "-3%" is signed already
    return -core.value, None if core.value_max is None else -core.value_max


def default_yoy(text: str, figures: list[Figure]) -> list[Figure]:
    """Read a growth rate with no stated basis as year-on-year once the text has stated one so."""
    out, seen = [], False  # statistical releases say "year on year" once, then "up 5.0 percent"
    for fig in figures:
        if seen and fig.unit == "percent" and fig.basis == "none" and fig.direction \
                and not compared(text, fig.start):
            falling = fig.direction == "down" and fig.value > 0
            fig = replace(fig, basis="yoy", value=-fig.value if falling else fig.value,
                          value_max=-fig.value_max if falling and fig.value_max is not None else fig.value_max)
        seen = seen or (fig.unit == "percent" and fig.basis == "yoy")
        out.append(fig)
    return out


def compared(text: str, start: int) -> bool:
    """Tell whether the clause before a figure names its own base ("较上届增长1.1%")."""
    before = text[max(0, start - 40):start]
    clause = CLAUSE_CUT.split(before)[-1]
    return bool(anchored(data()["comparison"]).search(clause))


def with_fields(fig: Figure, **changes: object) -> Figure:
    """Return a copy of `fig` with some fields changed (dataclasses.replace, without its checks)."""
    return Figure(**{**vars(fig), **changes})  # type: ignore[arg-type]


def clip(span: tuple[int, int], core: Core) -> tuple[int, int]:
    """Keep at most REACH characters of context on each side of the figure."""
    return max(span[0], core.start - REACH), min(span[1], core.end + REACH)


def inherit_basis(own: str, previous: str, same_clause: bool) -> str:
    """Let "15.3% and 32.9%" or "同比增长5%，进口增长3%" share the basis said once."""
    if own in ("level", "none") and same_clause and previous != "level":
        return previous
    if own == "none" and previous in ("yoy", "mom"):
        return previous
    return own


def find_label(text: str, fig: Figure, s0: int, c0: int, prev: Figure | None) -> str:
    """Say what the figure measures, in the text's language."""
    if fig.lang == "zh":
        label = label_after_zh(text, fig.end) if fig.unit == "count" and fig.noun else ""
        left = max(c0, prev.end) if prev and prev.end > c0 else c0
        label = label or label_zh(text[left:fig.start])
    elif fig.unit == "count" and fig.noun:
        label = fig.noun
    else:
        label = english_label(text, fig, s0, prev)
        if fig.unit == "percent":
            label = with_of_phrase(label, of_phrase_en(text[fig.end:fig.end + 200]), fig.basis)
    return label or (prev.label if prev else "")


def english_label(text: str, fig: Figure, s0: int, prev: Figure | None) -> str:
    """Read an English subject after the previous figure, else from the sentence start."""
    scope = text[max(s0, prev.end) if prev else s0:fig.start]
    label = label_en(drop_adverbial(scope.lstrip(" ,;")))
    if label or prev is None or prev.unit != "count" or re.search(r"\b(?:it|they|which)\b", scope, re.I):
        return label  # an empty label is filled from the previous figure's
    return label_en(drop_adverbial(text[s0:fig.start]))


def drop_adverbial(scope: str) -> str:
    """Drop a leading "In the first quarter, " so the subject after it remains."""
    return LEAD_ADVERBIAL.sub("", scope.strip(), count=1)


def with_of_phrase(subject: str, whole: str, basis: str) -> str:
    """Combine a subject with the "of X" after a percent ("60% of industrial sectors")."""
    if not whole:
        return subject
    if not subject:
        return whole
    return f"{subject} share of {whole}" if basis == "share" else subject


def apply_respectively(text: str, segs: Segments, figures: list[Figure]) -> list[Figure]:
    """Give each value of "A and B … 15.3% and 32.9% … respectively" its own subject."""
    out = list(figures)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and JOINER.fullmatch(text[out[j].end:out[j + 1].start]):
            j += 1
        if j > i:
            out[i:j + 1] = split_subjects(text, segs, out[i:j + 1])
        i = j + 1
    return out


def split_subjects(text: str, segs: Segments, group: list[Figure]) -> list[Figure]:
    """Split the shared subject of a "respectively" group, one part per value."""
    s0, s1 = span_of(segs.sentences, group[0].start, group[-1].end, len(text))
    if not RESPECTIVELY.search(text[max(s0, group[0].start - SPLIT_REACH):min(s1, group[-1].end + SPLIT_REACH)]):
        return group
    subject, _, tail = group[0].label.partition(" share of ")
    parts = [p.strip() for p in SUBJECT_SPLIT.split(subject) if p.strip()]
    if len(parts) != len(group):
        return group
    tail = f" share of {tail}" if tail else ""
    return [replace(f, label=part + tail) for f, part in zip(group, parts)]


# --- ranking and merging ---------------------------------------------------------------------
def score(text: str, fig: Figure) -> float:
    """Rank a figure the way an analyst would: rates with a basis and amounts first."""
    w = data()["score"]
    value = w["unit"].get(fig.unit, 0.0) + w["basis"].get(fig.basis, 0.0)
    if in_heading(text, fig.start):
        value += w["heading"]
    lead_end = max(1.0, w["lead_share"] * len(text))
    if fig.start < lead_end:
        value += w["lead"] * (1.0 - fig.start / lead_end)
    value += w["labelled"] if fig.label else 0.0
    value += w["period"] if fig.period else 0.0
    if fig.unit == "count":
        value += low_count_penalty(fig)
    return round(value, 3)


def low_count_penalty(fig: Figure) -> float:
    """Push counts of aspects, months or items, and small counts, down the ranking."""
    w = data()["score"]
    noun = f"{fig.noun or ''} {fig.label}".strip()
    penalty = w["low_count"] if anchored(data()["low_count_nouns"]).search(noun[:40]) else 0.0
    if abs(fig.value) < w["small_count_below"]:
        penalty += w["small_count"]
    return penalty


def in_heading(text: str, pos: int) -> bool:
    """Tell whether `pos` lies in a heading: a short one-sentence line before a longer one."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end + 1
    line = text[start:end].strip()
    limit = 60 if re.search(r"[\u4e00-\u9fff]", line[:20]) else 200
    if not line or len(line) > limit or len(re.findall(r"[。！？!?]|\.(?=\s)", line)) > 1:
        return False
    nxt_line = text[end:end + 400].strip()
    return len(nxt_line) > len(line)


def merge_duplicates(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """Merge the same figure said twice; keep the best-labelled one with the highest score."""
    groups: dict[tuple[str, str, float], list[list[Figure]]] = {}
    for fig in figures:
        # only figures with the same unit, basis and (rounded) value can be one
        bucket = groups.setdefault((fig.unit, fig.basis, float(f"{fig.value:.6g}")), [])
        home = next((g for g in bucket if same_figure(g[0], fig)), None)
        if home is None:
            bucket.append([fig])
        else:
            home.append(fig)
    merged = [merge_group(g) for bucket in groups.values() for g in bucket]
    return tuple(sorted(merged, key=lambda f: (f.start, f.end)))


def same_figure(a: Figure, b: Figure) -> bool:
    """Tell whether two figures are one: same value, unit and basis, compatible label and period."""
    if a.unit != b.unit or a.basis != b.basis or not close(a.value, b.value):
        return False
    if (a.value_max is None) != (b.value_max is None) or (a.value_max and not close(a.value_max, b.value_max or 0)):
        return False
    if a.lang != b.lang:
        return True  # labels in two languages cannot be compared here; the pair stage decides
    if a.period and b.period and fuzz.ratio(a.period, b.period) < 60:
        return False
    if not a.label or not b.label or a.label in b.label or b.label in a.label:
        return True
    return fuzz.token_set_ratio(a.label.lower(), b.label.lower()) >= 80


def close(a: float, b: float) -> bool:
    """Compare two values with a relative tolerance."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def merge_group(group: list[Figure]) -> Figure:
    """Keep the best-labelled figure of a group, with the group's best score and a period."""
    if len(group) == 1:
        return group[0]
    best = max(group, key=lambda f: (bool(f.label), bool(f.period), f.score, len(f.label)))
    period = best.period or next((f.period for f in group if f.period), None)
    top = max(f.score for f in group) + data()["score"]["repeated"]
    return replace(best, period=period, score=round(top, 3))
