"""Read what a number is about from its sentence: basis, direction, period, label."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.figures_numbers import anchored, data

# Sentence ends: Chinese and English stops, semicolons, line breaks ("." only before a space,
# so decimals and "No." inside a line do not split).
SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
# Clause ends add commas (an English comma only when a space follows, so 478,000 stays whole).
CLAUSE_END = re.compile(r"[。！？!?；;\n，：:]|[.,](?=\s)")

NEWLINE = re.compile(r"\n")


@dataclass(frozen=True)
class Segments:
    """Sentence, clause and paragraph boundaries of one text, for fast lookup."""

    sentences: tuple[int, ...]
    clauses: tuple[int, ...]
    paragraphs: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Segments:
        """Index the boundaries of `text`."""
        return cls(tuple([m.end() for m in SENTENCE_END.finditer(text)]),
                   tuple([m.end() for m in CLAUSE_END.finditer(text)]),
                   tuple([m.end() for m in NEWLINE.finditer(text)]))


def span_of(bounds: tuple[int, ...], pos: int, end: int, length: int) -> tuple[int, int]:
    """Return the segment [start, end) that holds [pos, end) given boundary ends."""
    i = bisect.bisect_right(bounds, pos)
    start = bounds[i - 1] if i else 0
    j = bisect.bisect_left(bounds, end)
    stop = bounds[j] if j < len(bounds) else length
    return start, stop


def find_basis(clause: str, unit: str, direction: str | None) -> str:
    """Decide yoy | mom | share | change | level | none from the figure's clause."""
    cues = data()["basis"]
    if unit == "percentage_point":
        return "change"  # a difference of two rates is a change whatever it is compared with
    for basis in ("mom", "yoy"):
        if anchored(cues[basis]).search(clause):
            return basis
    if unit == "percent" and (anchored(cues["share"]).search(clause) or re.search(r"%\s?of\b", clause)):
        return "share"
    if unit != "percent" and anchored(cues["change"]).search(clause):
        return "change"
    if unit in ("percent", "times") and direction:
        return "none"
    return "level"


def find_direction(before: str, after: str) -> str | None:
    """Return up/down from the verb nearest before the number (or right after it)."""
    cues = data()["direction"]
    best: tuple[int, str] | None = None
    for name in ("up", "down"):
        for m in anchored(cues[name]).finditer(before[-30:]):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    if best:
        return best[1]
    for name in ("up", "down"):
        if anchored(cues[name]).match(after[:12].lstrip(" ")):
            return name
    return None


def find_period(sentence: str, rel: int, clause: tuple[int, int], lang: str) -> str | None:
    """Return the period nearest the figure in its clause, else the nearest earlier one."""
    found = periods_in(sentence, lang)
    inside = [p for p in found if p[0] >= clause[0] and p[1] <= clause[1]]
    if inside:
        return tidy_period(min(inside, key=lambda p: (abs(p[0] - rel), -len(p[2])))[2])
    earlier = [p for p in found if p[1] <= clause[0]]
    if earlier:
        return tidy_period(max(earlier, key=lambda p: (p[1], len(p[2])))[2])
    return None


@lru_cache(maxsize=64)
def periods_in(sentence: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    """Find every period phrase of a sentence (cached: a sentence often holds several figures)."""
    return tuple((m.start(), m.end(), m.group(0)) for m in period_pattern(lang).finditer(sentence))


@lru_cache(maxsize=4)
def period_pattern(lang: str, prefix: str = "") -> re.Pattern[str]:
    """Compile the period phrases of a language into one alternation, longest-first per data order."""
    patterns = data()["periods_zh" if lang == "zh" else "periods_en"]
    return re.compile(prefix + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.I)


def tidy_period(raw: str) -> str:
    """Drop a leading preposition and article from a period as written."""
    return re.sub(r"^(?:from|in|during|for|throughout|the)\s+(?:the\s+)?", "", raw.strip(), flags=re.I)


def label_en(scope: str) -> str:
    """Take the subject of an English clause: the words before its main verb."""
    verbs = list(anchored(data()["label_verb_en"]).finditer(scope))
    subject = strip_label_en(scope[:verbs[-1].start()] if verbs else scope)
    if verbs:
        # "… achieved a total output value of 23.5 trillion yuan": the measure follows the verb
        m = re.fullmatch(r"\s*+(?:an?|the|its|their)?\s?+([\w\s\-']{3,80}?)\s(?:of|at)\s*", scope[verbs[-1].end():])
        if m and not anchored(data()["label_pronouns_en"]).match(m.group(1).strip()):
            return f"{m.group(1).strip()} of {subject}" if subject else m.group(1).strip()
    return subject


def strip_label_en(subject: str) -> str:
    """Remove periods, connectors and articles around an English subject."""
    subject = period_pattern("en", r"(?:\b(?:in|from|during|for|since)\s)?").sub(" ", subject)
    subject = subject.rsplit(" said that ", 1)[-1]
    subject = anchored(data()["label_lead_strip_en"]).sub("", subject)
    subject = anchored(data()["label_trail_strip_en"]).sub("", subject)
    subject = anchored(data()["label_number_of_en"]).sub("", subject)
    subject = re.sub(r"\s{2,}", " ", subject).strip(" ,;:")
    if anchored(data()["label_pronouns_en"]).match(subject):
        return ""
    return subject[-120:].lstrip() if len(subject) > 120 else subject


def label_zh(scope: str) -> str:
    """Take the subject of a Chinese clause: the text before its first verb or basis cue."""
    m = anchored(data()["label_cut_zh"]).search(scope)
    subject = scope[:m.start()] if m else scope
    subject = period_pattern("zh").sub("", subject)
    subject = anchored(data()["label_lead_strip_zh"]).sub("", subject)
    subject = re.sub(r"^[在从对与]|[的，,、]+$", "", subject.strip())
    return subject[-40:]


def label_after_zh(text: str, pos: int) -> str:
    """Read what a Chinese count counts: the words after its classifier ("家国家高新区")."""
    m = anchored(rf"(?:(?!{data()['zh_label_stop']}).){{1,20}}", 0).match(text, pos, pos + 24)
    return m.group(0) if m else ""


def of_phrase_en(after: str) -> str:
    """Read "of X" after a percent ("60% of industrial sectors") up to the verb."""
    m = re.match(r"\s?+(?:\S+\s){0,3}?of\s((?:[\w\-'’\"“”]+\s?){1,12})", after[:160])
    if not m:
        return ""
    return label_en(m.group(1)) or strip_label_en(m.group(1))
