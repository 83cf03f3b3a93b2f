"""Headline figures in English and Chinese texts: value, unit, basis, period, label, rank."""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from briefing.extract.context import (
    PERIOD_PREPOSITION,
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
    period_pattern,
    span_of,
)
from briefing.extract.cores import Core, find_cores
from briefing.extract.numbers import anchored, data
from briefing.extract.respectively import SPLIT_REACH, apply_respectively
from briefing.models import Figure
from briefing.primitives import sentence_lang

REACH = 300  # sentence context looked at on each side of a figure; bounds the work per figure
SHARE_AFTER = 12  # a share cue after a figure is its own only when close: "34.6 percent of", "%的份额"
RATES = ("percent", "percentage_point", "times")
AMOUNT_BASES = ("level", "change")  # an amount (yuan, tons, a count …) is never a growth rate or a share
CLAUSE_CUT = re.compile(r"[，,；;。：:\n]")
BRACKETED = re.compile(r"[(（][^()（）]{0,200}[)）]")  # an aside in brackets, e.g. the other language's figures
BRACKET_CLOSE = re.compile(r"[)）]")
BRACKET_OPEN = re.compile(r"[(（]")
CJK = re.compile(r"[\u4e00-\u9fff]")
# the same change said again after "or", in another unit or another measure ("…, or 1.1 percent in real terms")
RESTATED = re.compile(r"\s*+(?:(?:year|month|quarter)[- ](?:on|over)[- ](?:year|month|quarter)\s*+)?(?:,\s*+)?"
                      r"(?:or|或)\s*+", re.I)
# "mining rose 4.6%, manufacturing by 5.5%", "and that of solar cells 61.2 percent": the verb is elided
ELIDED_VERB = re.compile(r"\bby\s?+$|\b(?:that|those) of\b[^,;:]{1,60}?\s$")
# "mining went up by 6.0 percent, manufacturing 6.9 percent, and water 2.5 percent": after a rate
# of the same unit, a comma and a bare noun phrase gap the verb (no to/at/for: "to 5.0%" is a level)
GAPPED = re.compile(r"[,，]\s*+(?:and\s++)?(?!(?:to|at|for|of|with|or|while|up|down|from)\b)"
                    r"(?:[A-Za-z][\w'’-]*+,?\s++){1,14}", re.I)
GAP_STOPS = re.compile(r"\b(?:to|at|for|from|than|accounting|share|reading|rate|ratio|index|was|were|is|are)\b", re.I)
LEAD_ADVERBIAL = re.compile(r"^(?:in|from|as|at|on|during|since|by|with|after|before|over|under|"
                            r"according|for|so far|up to)\b[^,]{0,80},\s", re.I)


def extract_figures(text: str, lang: str) -> tuple[Figure, ...]:
    """Return the figures of a cleaned text, in text order, scored and with duplicates merged.

    `lang` is the document's language; each sentence is read in its own (a mixed text quotes
    Chinese in English and English in Chinese).
    """
    cores = find_cores(text)
    spans = [(c.start, c.end) for c in cores]
    segs = Segments.of(text, spans, REACH + SPLIT_REACH).without(spans)
    figures: list[Figure] = []
    last_of: dict[str, Figure] = {}  # the last figure of each unit, for a verb elided after it
    opener: Figure | None = None  # the first figure of the latest sentence
    for i, core in enumerate(cores):
        prev = figures[-1] if figures else None
        nxt = cores[i + 1].start if i + 1 < len(cores) else len(text)
        figures.append(describe(text, segs, core, lang, (prev, last_of.get(core.unit), opener), nxt))
        last_of[core.unit] = figures[-1]
        if prev is None or prev.sentence != figures[-1].sentence:
            opener = figures[-1]
    figures = heading_bases(text, default_rate_basis(text, apply_respectively(text, segs, figures)))
    figures = earlier_declines(text, figures)
    figures = [with_fields(f, score=score(text, f)) for f in figures]
    return merge_duplicates(figures)


# --- describing a figure from its sentence ---------------------------------------------------
@dataclass(frozen=True)
class Place:
    """Where a figure sits: its sentence and clause, and the part of the clause that is its own."""

    s0: int
    s1: int
    c0: int
    c1: int
    left: int  # the figure's own part of its clause starts here (after a previous figure in it)
    scope_end: int  # … and ends here (before the next figure)
    same_clause: bool
    prev: Figure | None  # the previous figure when it is in the same sentence
    like: Figure | None  # the last figure of the same unit when it is in the same sentence
    lead_end: int  # the sentence's lead-in, before the clause of its first figure, ends here


Before = tuple[Figure | None, Figure | None, Figure | None]  # the previous figure, the last of the unit, the opener


def place_of(text: str, segs: Segments, core: Core, before: Before, nxt: int) -> Place:
    """Locate a core in its sentence and clause, next to the previous figure and the last of its unit."""
    prev, like, opener = before
    s0, s1 = clip(span_of(segs.sentences, core.start, core.end, len(text)), core)
    c0, c1 = clip(span_of(segs.clauses, core.start, core.end, len(text)), core)
    same_clause = prev is not None and prev.end > c0 and prev.start >= s0
    left = max(c0, prev.end) if same_clause and prev else c0
    prev_in_sentence = prev if prev is not None and prev.start >= s0 else None
    like_in_sentence = like if like is not None and like.start >= s0 else None
    first = opener if opener is not None and prev_in_sentence is not None and opener.start >= s0 else None
    lead_end = span_of(segs.clauses, first.start, first.end, len(text))[0] if first else left
    return Place(s0, s1, c0, c1, left, min(c1, max(nxt, core.end)), same_clause, prev_in_sentence,
                 like_in_sentence, max(s0, lead_end))


def describe(text: str, segs: Segments, core: Core, doc_lang: str,
             before: Before, nxt: int) -> Figure:
    """Build the Figure of one core, given the figure before it and the last of its unit."""
    at = place_of(text, segs, core, before, nxt)
    sentence = text[at.s0:at.s1]
    lang = sentence_language(sentence, doc_lang)
    direction, basis = read_basis(text, core, at, lang)
    direction = magnitude_compared(text, core, at.prev) or direction
    period = find_period(sentence, core.start - at.s0, (at.c0 - at.s0, at.c1 - at.s0), lang)
    if basis == "mom" and cumulative(period) and find_basis(text[at.left:at.scope_end], core.unit, direction, lang) != "mom":
        basis = "none"  # "环比增长0.39%，1—10月份增长4.1%": growth over ten months is not on the month before
    before = text[at.left:core.start]
    value, value_max = signed(core, basis, declines(text[at.c0:core.start], direction) and not after_from(before))
    if value < 0 and basis not in ("level", "share"):
        direction = "down"  # "增长−2.5%": growth of minus 2.5 percent is a decline
    fig = Figure(value=value, unit=core.unit, basis=basis, text=text[core.start:core.end],
                 sentence=sentence.strip(), start=core.start, end=core.end, lang=lang,
                 period=period, direction=direction, qualifier=core.qualifier,
                 value_max=value_max, noun=core.noun)
    return with_fields(fig, label=find_label(text, fig, at.s0, at.c0, at.prev))


MAGNITUDE_AFTER = re.compile(r"\s?+(?:(?P<more>more)|(?P<less>less|fewer))\b", re.I)
JUST_A_COMMA = re.compile(r"\s*+[,，]\s*+(?:or\s++)?")


def magnitude_compared(text: str, core: Core, prev: Figure | None) -> str | None:
    """Return the direction of a point change that compares a decline's size ("fell 3.4 percent,
    0.7 percentage points more than last month": the decline deepened, the rate moved down)."""
    if core.unit != "percentage_point" or prev is None or prev.direction != "down" or prev.unit != "percent":
        return None
    gap = text[prev.end:core.start]
    cue = anchored(r"\s*+(?:" + data()["basis"]["yoy"] + "|" + data()["basis"]["mom"] + ")").match(gap)
    if not JUST_A_COMMA.fullmatch(gap, cue.end() if cue else 0):
        return None  # only a comma (and the decline's basis) between: "fell 3.4 percent year on year, 0.7 …"
    found = MAGNITUDE_AFTER.match(text, core.end, core.end + 12)
    if not found:
        return None
    return "down" if found["more"] else "up"


@lru_cache(maxsize=64)
def sentence_language(sentence: str, doc_lang: str) -> str:
    """Return the language a sentence is read in (cached: a sentence often holds several figures)."""
    return sentence_lang(sentence, doc_lang)


def read_basis(text: str, core: Core, at: Place, lang: str) -> tuple[str | None, str]:
    """Read the direction and the basis of a core from its clause and the figure before it."""
    rate = core.unit in ("percent", "percentage_point")
    before = text[at.left:core.start]
    compared = comparative_after(text[core.end:at.c1], rate)
    direction = compared or find_direction(before, text[core.end:at.c1] if rate else "")
    if after_from(before):
        direction = compared = None  # "down from 5.1 percent in April": the earlier value, not the change
    if core.unit in RATES:
        basis = rate_basis(text, core, at, direction, lang)
    else:
        basis = amount_basis(text, core, at, direction, lang, compared is not None)
    basis = basis_before(before, text[at.c0:core.start], core.unit, basis)
    if core.unit == "percent" and basis == "level" and growth_rate_to(before, text[at.c0:core.start]):
        # "growth slowed to 3.0 percent": the new growth rate, positive; its verb moved the rate, not its sign
        basis, direction = "none", None
    direction, basis = inherited(text, core, at, direction, basis)
    if direction and basis == "none":  # "On a month-on-month basis, it grew 0.4%": a rate basis said earlier
        # only in the sentence's lead-in: "增速比上月加快11.1个百分点" is another figure's basis
        earlier = find_basis(BRACKETED.sub(" ", text[at.s0:at.lead_end]), core.unit, direction, lang)
        basis = earlier if earlier in ("yoy", "mom") else basis
    basis = own_kind(text, core, at, direction, basis)
    return direction, basis if core.unit in RATES or basis in AMOUNT_BASES else "level"


def rate_basis(text: str, core: Core, at: Place, direction: str | None, lang: str) -> str:
    """Read the basis of a rate from its part of the clause, up to the next figure."""
    right_after = rate_cue_after(text, core) if core.unit == "percent" else None  # points are a change
    if right_after:  # "rose 0.1 percent month on month and fell 2.1 percent year on year": each its own
        return right_after
    basis = find_basis(text[at.left:at.scope_end], core.unit, direction, lang)
    if basis == "share":  # "grew by 7.7 percent and accounted for 16.5 percent": the cue is the next one's
        basis = find_basis(text[at.left:min(at.scope_end, core.end + SHARE_AFTER)], core.unit, direction, lang)
    return basis


def rate_cue_after(text: str, core: Core) -> str | None:
    """Return "yoy" or "mom" when that cue follows the rate at once ("2.1 percent year on year")."""
    for basis in ("yoy", "mom"):
        if anchored(r"\s*+,?\s*+" + data()["basis"][basis]).match(text, core.end, core.end + 80):
            return basis
    return None


def amount_basis(text: str, core: Core, at: Place, direction: str | None, lang: str, compared: bool) -> str:
    """Read whether an amount is a level or a change: a change only when the change wording is its own.

    The wording must stand before the amount in its part of the clause ("同比增加12万人", "an increase
    of 2.76 million tons"), or be a comparative right after it ("2.9 trillion yuan more than last
    year"); a growth rate after it is the rate's ("86152亿元,同比下降10.4%": the amount is a level).
    """
    if compared:
        return "change"
    return "change" if find_basis(text[at.left:core.end], core.unit, direction, lang) == "change" else "level"


def inherited(text: str, core: Core, at: Place, direction: str | None, basis: str) -> tuple[str | None, str]:
    """Share a verb or basis said once for two figures of a sentence ("分别增长4.2%和9.3%")."""
    before = text[at.left:core.start]
    prev, like = at.prev, at.like
    if prev is not None and inside_aside(text, prev, core):
        prev = like = None  # "fell 2.8% (PPI环比下降0.2%), and the CPI rose 0.2%": an aside lends nothing
    if prev is not None and direction is None and RESTATED.fullmatch(text, prev.end, core.start):
        direction = prev.direction  # "a decrease of 3.63 million tons, or 2.5 percent": one change, twice
        if direction and basis == "level" and core.unit in ("percent", "times"):
            basis = "none"  # a rate of change after all: its basis may be said elsewhere in the sentence
    # (a point change is a change by its unit alone: it takes the elided verb's direction too,
    # "has declined by 0.35 percentage points, and the five-year rate by 0.6 percentage points")
    if like is not None and direction is None and (basis in ("level", "none") or core.unit == "percentage_point"):
        if ELIDED_VERB.search(before) or alone_but_periods(text, core, at) or gapped(text, like, core):
            return like.direction, like.basis  # "grew 5.3 percent in Q1, 4.7 percent in Q2": the verb is elided
        if compared_value(text, core, at):
            return None, like.basis  # "rose 4.3 percent, up from 3.2 percent in September": the same measure
    if prev is None or prev.unit != core.unit:
        return direction, basis
    if core.unit not in RATES and anchored(data()["level_to"]).search(before[-6:]):
        return None, "level"  # "narrowed by 12 billion dollars to 95.7 billion dollars": the new level
    basis = inherit_basis(basis, prev.basis, at.same_clause)
    if at.same_clause and direction is None:
        direction = prev.direction  # "分别增长4.2%和9.3%": one verb for both
    return direction, basis


def gapped(text: str, like: Figure, core: Core) -> bool:
    """Tell whether a rate follows one of its unit after a comma and a bare noun phrase (a gapped verb)."""
    gap = text[like.end:core.start]
    return core.unit in RATES and GAPPED.fullmatch(gap) is not None and GAP_STOPS.search(gap) is None


def alone_but_periods(text: str, core: Core, at: Place) -> bool:
    """Tell whether a rate has nothing of its own in its clause but periods ("…, 4.7 percent in the second quarter")."""
    if core.unit not in RATES:
        return False
    lang = "zh" if CJK.search(text, at.c0, at.c1) else "en"
    around = f"{text[at.left:core.start]} {text[core.end:at.scope_end]}"
    rest = period_pattern(lang, PERIOD_PREPOSITION).sub(" ", around)
    return anchored(data()["alone_joiners"]).fullmatch(rest) is not None


def compared_value(text: str, core: Core, at: Place) -> bool:
    """Tell whether a rate is what another is compared with ("up from 3.2 percent", "faster than 5.4 percent")."""
    d = data()
    return anchored(d["compared_before"]).search(text, max(at.c0, core.start - 24), core.start) is not None \
        or anchored(d["compared_after"]).match(text, core.end, core.end + 30) is not None


def inside_aside(text: str, prev: Figure, core: Core) -> bool:
    """Tell whether the previous figure stands in brackets that close before this one ("(PPI环比下降0.2%), and")."""
    close = BRACKET_CLOSE.search(text, prev.end, core.start)
    return close is not None and not BRACKET_OPEN.search(text, prev.end, close.start())


def own_kind(text: str, core: Core, at: Place, direction: str | None, basis: str) -> str:
    """Correct the basis for what the figure is: a rate that is a level, an amount that is a change."""
    d = data()
    if core.unit == "percent" and basis != "share" \
            and anchored(d["level_rate"]).search(text, max(at.c0, core.start - 60), core.start):
        return "level"  # "the jobless rate was down at 5.0 percent": the rate itself, not its growth
    if core.unit not in RATES and direction and basis != "change" and changed_by(text, at.left, core.start):
        return "change"  # "增产276万吨", "rose by 1.2 trillion yuan", ", up 26,000": an absolute increase
    return basis


def changed_by(text: str, left: int, start: int) -> bool:
    """Tell whether a change verb stands right before an amount ("增产", "rose by", a clause of only "up")."""
    d = data()
    return anchored(d["changed_by"]).search(text, max(left, start - 16), start) is not None \
        or anchored(d["changed_alone"]).fullmatch(text, left, start) is not None


def after_from(before: str) -> bool:
    """Tell whether the number is the earlier value of a change ("from 5.2 percent", 从5%)."""
    return bool(anchored(data()["previous_from"]).search(before[-8:]))


GROWTH_RATE_SUBJECT = re.compile(r"\bgrowth\b|增速|增幅|涨幅|增长率", re.I)  # not "increase": "raising … to 60%"


def growth_rate_to(before: str, clause: str) -> bool:
    """Tell whether a rate is the new value of a growth rate ("growth slowed to 3.0 percent", 增速回落至5%)."""
    return anchored(data()["level_to"]).search(before[-6:]) is not None and GROWTH_RATE_SUBJECT.search(clause) is not None


def basis_before(before: str, clause: str, unit: str, basis: str) -> str:
    """Correct the basis from the words right before the number: 的 (a share), "to" (a level)."""
    if unit == "percent" and anchored(data()["share_before"]).search(before[-4:]):
        return "share"  # "完成全年目标任务的114.2%": a part of a whole
    if unit != "percentage_point" and basis != "share" and anchored(data()["level_to"]).search(before[-6:]):
        # "the unemployment rate fell to 5.0%": the new level; "the share … rose 0.8 points to 16.3%": a share
        share = unit == "percent" and anchored(data()["basis"]["share"]).search(clause[-120:])
        return "share" if share else "level"
    return basis


def signed(core: Core, basis: str, falling: bool) -> tuple[float, float | None]:
    """Return (value, value_max) negative for a decline when the basis is a rate of change or a change."""
    if not falling or basis not in data()["signed_bases"] or core.value < 0:
        return core.value, core.value_max  # levels and shares stay positive; "-3%" is signed already
    low = -core.value if core.value else 0.0  # 低0.0个百分点 is 0.0, not -0.0
    return low, None if core.value_max is None else -core.value_max


# --- a basis stated once for many figures ----------------------------------------------------
def default_rate_basis(text: str, figures: list[Figure]) -> list[Figure]:
    """Give a growth rate with no stated basis the one its paragraph, text or release states.

    Statistical releases say "year on year" once, then "up 5.0 percent"; a paragraph whose first
    rate is month on month, or that opens "从环比看", goes on "其中，食品价格下降0.4%"; a sentence that
    opens "其中" or "Of this" details the one before it, in its basis; a release may state once that
    all its growth rates are year on year.
    """
    breaks = [m.start() for m in re.finditer("\n", text)]
    out, seen_yoy, para, para_basis = [], release_says_yoy(text), -1, None
    first_yoy = first_yoy_cue(text)
    sections = section_bases(text)
    section_starts = [start for start, _ in sections]
    prior = prior_year(text)
    for fig, continued in zip(figures, continued_bases(figures)):
        seen_yoy = seen_yoy or fig.start > first_yoy
        here = bisect.bisect_right(breaks, fig.start)
        if here != para:
            para, para_basis, para_stated = here, None, False
        if fig.unit == "percent" and fig.basis == "none" and fig.direction and prior and \
                compared_with_year(text, fig.start) == prior:
            fig = as_rate(text, fig, "yoy")  # "比2023年增长1.6%" in a text on 2024: on the year before
        if fig.unit == "percent" and fig.basis == "none" and fig.direction and not compared(text, fig.start):
            basis = continued or para_basis or section_basis(sections, section_starts, fig.start)
            if basis is None or basis == "mom" and cumulative(fig.period):
                # growth over 1—10月, "the first three quarters" is never on the month before: on the
                # same months a year before, said or not
                basis = "yoy" if seen_yoy or cumulative(fig.period) else None
            fig = as_rate(text, fig, basis) if basis else fig
        if fig.unit == "percent" and fig.basis in ("yoy", "mom"):
            if fig.basis == "yoy" or not para_stated or opens_on_mom(fig.sentence):
                para_basis, seen_yoy = fig.basis, seen_yoy or fig.basis == "yoy"
            para_stated = True
        out.append(fig)
    return compared_bases(out)


# opens with the digit, the look-behinds after it, so re skips to candidate digits
YEAR_RE = re.compile(r"[12](?<!\d.)(?:(?<=1)9|(?<=2)0)\d\d(?=年|\b)(?!\s?(?:-|–|—|至|到)\s?\d)")
YEAR_COMPARED_RE = re.compile(r"(?:比|较|与|同|\bthan\s(?:in\s)?|\bcompared\s(?:with|to)\s|\bover\s|\bfrom\s)((?:19|20)\d\d)(?:年|\b)")
SENTENCE_START_RE = re.compile(r"[。！？!?；;\n]|\.\s")


def prior_year(text: str) -> int | None:
    """Return the year before the one a text is about, or None: the latest year it names more than
    once (a release names its year and the one before often; a target year "by 2030" passes once)."""
    years = Counter(int(y) for y in YEAR_RE.findall(text))  # the whole match is the year
    repeated = [y for y, n in years.items() if n > 1] or list(years)
    return max(repeated) - 1 if repeated else None


def compared_with_year(text: str, start: int) -> int | None:
    """Return the year the sentence compares with before a figure ("比2023年", "than in 2023"), if any."""
    cut = max((m.end() for m in SENTENCE_START_RE.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    found = list(YEAR_COMPARED_RE.finditer(text, cut, start))
    return int(found[-1].group(1)) if found else None


SECTION_HEADING_RE = re.compile(r"^[ \t]*+([^\n]{3,80})$", re.M)
HEADING_END = tuple(".。;；:：,，")


def section_bases(text: str) -> list[tuple[int, str]]:
    """Return (where, basis) of section headings that name a basis ("II. Month-on-month Changes", 二、环比变动情况)."""
    out: list[tuple[int, str]] = []
    for match in SECTION_HEADING_RE.finditer(text):
        line = match.group(1).strip()
        if line.endswith(HEADING_END) or NUMBER_IN_HEADING.search(line):
            continue
        found = next((b for b in ("mom", "yoy") if anchored(data()["basis"][b]).search(line)), None)
        if found:
            out.append((match.start(), found))
    return out


NUMBER_IN_HEADING = re.compile(r"\d[\d.,]*\s?(?:%|％|percent)")


def section_basis(sections: list[tuple[int, str]], starts: list[int], pos: int) -> str | None:
    """Return the basis of the section a position lies in (`starts`: where each heading is), if its heading named one."""
    k = bisect.bisect_right(starts, pos) - 1
    return sections[k][1] if k >= 0 else None


def compared_bases(figures: list[Figure]) -> list[Figure]:
    """Give a rate another is compared with ("faster than 5.4 percent in September") the basis that rate got.

    Such a rate has no direction of its own and took its rate's basis when read; a basis the paragraph
    gave that rate afterwards is passed on here.
    """
    out: list[Figure] = []
    for fig in figures:
        last = out[-1] if out else None
        if fig.unit == "percent" and fig.basis == "none" and fig.direction is None and last is not None \
                and last.unit == "percent" and last.sentence == fig.sentence:
            fig = replace(fig, basis=last.basis)
        out.append(fig)
    return out


DECLINE_NOUN_BEFORE = re.compile(r"\b(?:decline|drop|fall|contraction|decrease)s?\b[^,;.]{0,30}?\b(?:from|after|than)\s?$"
                                 r"|(?:降幅|跌幅|减幅)[^，。；]{0,10}?(?:由|从|比)$", re.I)


def earlier_declines(text: str, figures: list[Figure]) -> list[Figure]:
    """Sign the earlier value of a decline compared ("the decline easing from 2.8 percent", 降幅由2.8%):
    a growth rate that was a decline is negative, as the decline itself is."""
    out = []
    for fig in figures:
        if fig.unit == "percent" and fig.basis in ("yoy", "mom") and fig.value > 0 and fig.direction is None \
                and DECLINE_NOUN_BEFORE.search(text, max(0, fig.start - 50), fig.start):
            fig = negated(fig)
        out.append(fig)
    return out


def cumulative(period: str | None) -> bool:
    """Tell whether a period runs over several months ("the first ten months", 1—10月份, 前三季度, 上半年)."""
    return period is not None and anchored(data()["cumulative_period"]).search(period) is not None


def continued_bases(figures: list[Figure]) -> list[str | None]:
    """Return for each figure the rate basis of the sentence before when its own sentence details that one.

    "全国居民消费价格环比下降0.2%。其中，城市下降0.2%": the sentence opening 其中 ("of which",
    "among them") goes on in the basis the previous sentence stated first (its headline rate).
    """
    out: list[str | None] = []
    sentence, stated, before = None, None, None
    for fig in figures:
        if fig.sentence != sentence:
            sentence, stated, before = fig.sentence, None, stated
        out.append(before if anchored(data()["continues_sentence"]).match(sentence) else None)
        if fig.unit == "percent" and fig.basis in ("yoy", "mom") and stated is None:
            stated = fig.basis  # the first: "同比增长4.9%，环比增长0.17%。其中，…" details the headline rate
    return out


def heading_bases(text: str, figures: list[Figure]) -> list[Figure]:
    """Give a heading's rate with no stated basis the basis of the body figure it repeats.

    Releases head a section "一、广义货币增长7.9%" and say below it "同比增长7.9%": the heading's
    figure is the body's, basis and sign included. A value stated with two bases is left alone.
    """
    stated: dict[tuple[str, str | None, float], set[tuple[str, float]]] = {}
    for fig in figures:
        if fig.unit == "percent" and fig.basis in ("yoy", "mom"):
            stated.setdefault(repeat_key(fig), set()).add((fig.basis, fig.value))
    out = []
    for fig in figures:
        found = stated.get(repeat_key(fig)) if fig.basis == "none" and fig.unit == "percent" else None
        if found and len(found) == 1 and in_heading(text, fig.start):
            basis, value = next(iter(found))
            fig = replace(fig, basis=basis, value=value, value_max=None if fig.value_max is None else
                          math.copysign(fig.value_max, value))
        out.append(fig)
    return out


def repeat_key(fig: Figure) -> tuple[str, str | None, float]:
    """Return what a heading and the body figure it repeats share: unit, direction, size."""
    return fig.unit, fig.direction, float(f"{abs(fig.value):.6g}")


def as_rate(text: str, fig: Figure, basis: str) -> Figure:
    """Give a growth rate its basis, and sign it now that it is a rate of change."""
    falling = fig.value > 0 and declines(text[max(0, fig.start - 40):fig.start], fig.direction)
    return negated(fig, basis=basis) if falling else replace(fig, basis=basis)


def negated(fig: Figure, **changes: object) -> Figure:
    """Return the figure with its value, and a range's other end, negated (and any other changes)."""
    high = None if fig.value_max is None else -fig.value_max
    return replace(fig, value=-fig.value, value_max=high, **changes)


def opens_on_mom(sentence: str) -> bool:
    """Tell whether a sentence opens on a month-on-month basis ("On a month-on-month basis, …", 从环比看)."""
    return anchored(data()["basis_topic_mom"]).match(sentence) is not None


def first_yoy_cue(text: str) -> int:
    """Return where the text first compares with a year before ("year on year", 比上年), or past its end."""
    # searched without the word-start test in front, so re skips by the cues' first characters;
    # a cue found inside an English word is passed over here
    for m in anchored(data()["basis"]["yoy"]).finditer(text):
        before = text[m.start() - 1:m.start()]
        if not (before.isascii() and before.isalpha()) or not text[m.start()].isascii():
            return m.start()
    return len(text)


def release_says_yoy(text: str) -> bool:
    """Tell whether the text states that its growth rates are year on year ("增速均为同比增速")."""
    return anchored(data()["release_yoy"]).search(text) is not None


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
    elif fig.unit == "count" and fig.noun and not anchored(data()["generic_nouns_en"]).fullmatch(fig.noun):
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
    if prev is not None and anchored(data()["label_connector_en"]).match(label):
        return ""  # "up 0.4 percent year on year to 34.32 trillion yuan": the previous figure's subject
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
