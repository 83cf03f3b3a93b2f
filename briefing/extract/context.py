"""Read what a number is about from its sentence: basis, direction, period, label."""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.extract.numbers import WORD_START, anchored, data
from briefing.primitives import CJK_RE

# Clause ends: Chinese and English stops, semicolons, line breaks and commas ("." and "," only
# before a space, so decimals, 478,000 and "No." inside a line do not split; an ASCII comma also
# next to a Chinese character, as pages that mix punctuation write "86152亿元,同比下降10.4%").
# Sentence ends are the clause ends that are not commas or colons.
CJK_OR_WIDE = "\u2e80-\u9fff\uff00-\uffef"
CLAUSE_END = re.compile(rf"[。！？!?；;\n，：:]|[.,](?=\s)|,(?=[{CJK_OR_WIDE}])|(?<=[{CJK_OR_WIDE}]),")
CLAUSE_ONLY = frozenset("，：:,；;")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")  # an English word (GDP, CPI, PMI are common in Chinese clauses)
VERB_REACH = 30  # a direction verb is this close before its number …
VERB_BY_REACH = 80  # … or this close when "by" stands right before the number
BY_END = re.compile(r"\bby\s?$")
PERIOD_PREPOSITION = r"(?:\b(?:in|from|during|for|since)\s)?"  # "in the first quarter", "from January to …"
TRAIL = 80  # longest run of trailing filler words stripped from an English label


@dataclass(frozen=True)
class Segments:
    """Sentence and clause boundaries near the figures of one text, for fast lookup."""

    sentences: tuple[int, ...]
    clauses: tuple[int, ...]

    @classmethod
    def of(cls, text: str, spans: Sequence[tuple[int, int]] = (), reach: int | None = None) -> Segments:
        """Index the boundaries of `text`, or only those within `reach` of the given spans.

        A caller that never looks further than `reach` from a span gets the same answers either
        way; the windows spare scanning the prose between far-apart figures.
        """
        sentences: list[int] = []
        clauses: list[int] = []
        for a, b in windows(spans, reach, len(text)):
            for m in CLAUSE_END.finditer(text, a, b):
                clauses.append(m.end())
                if m.group() not in CLAUSE_ONLY:
                    sentences.append(m.end())
        return cls(tuple(sentences), tuple(clauses))

    def without(self, spans: Sequence[tuple[int, int]]) -> Segments:
        """Drop the boundaries inside the given sorted spans: "31, 248. 6 billion yuan" is one figure."""
        starts = [a for a, _ in spans]

        def outside(bound: int) -> bool:
            i = bisect.bisect_left(starts, bound) - 1  # the comma or point ends right before `bound`
            return i < 0 or bound > spans[i][1]

        return Segments(tuple(filter(outside, self.sentences)), tuple(filter(outside, self.clauses)))


def windows(spans: Sequence[tuple[int, int]], reach: int | None, length: int) -> list[tuple[int, int]]:
    """Merge the windows [start - reach, end + reach] of sorted spans; the whole text without reach."""
    if reach is None:
        return [(0, length)]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        a, b = max(0, start - reach), min(length, end + reach + 1)  # +1: room for "." before a space
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def span_of(bounds: tuple[int, ...], pos: int, end: int, length: int) -> tuple[int, int]:
    """Return the segment [start, end) that holds [pos, end) given boundary ends."""
    i = bisect.bisect_right(bounds, pos)
    start = bounds[i - 1] if i else 0
    j = bisect.bisect_left(bounds, end)
    stop = bounds[j] if j < len(bounds) else length
    return start, stop


def find_basis(clause: str, unit: str, direction: str | None, lang: str = "") -> str:
    """Decide yoy | mom | share | change | level | none from the figure's clause."""
    lang = cue_language(clause, lang)
    if unit == "percentage_point":
        return "change"  # a difference of two rates is a change whatever it is compared with
    found = {m.lastgroup for m in basis_cues(lang).finditer(clause)}
    if unit not in ("percent", "times") and direction and found & {"yoy", "mom", "change"}:
        return "change"  # "同比增加43万人", "2.9 trillion yuan more than last year": an absolute change
    for basis in ("mom", "yoy"):
        if basis in found:
            return basis
    if unit == "percent" and ("share" in found or "share_of" in found):
        return "share"
    if unit == "percent" and direction is None and "share_tenths" in found:
        return "share"  # "近五成用于…": tenths of a whole, unless said of a change ("下降约三成")
    if unit != "percent" and "change" in found:
        return "change"
    if unit in ("percent", "times") and direction:
        return "none"
    return "level"


def cue_language(clause: str, lang: str) -> str:
    """Return the language whose cues a clause is read with: both when it mixes scripts ("(PPI环比下降0.2%)")."""
    if lang == "en" and CJK_RE.search(clause) or lang == "zh" and LATIN_WORD.search(clause):
        return ""
    return lang


@lru_cache(maxsize=4)
def basis_cues(lang: str = "") -> re.Pattern[str]:
    """Compile the basis cues of a language ("" for all) into one pass, a named group each.

    Groups keep the data's order of precedence. A Chinese text gets only the cues that start with
    a Chinese character, behind a lookahead on those first characters: most positions then fail
    on one character test instead of trying every alternative.
    """
    groups = []
    for name, cue in data()["basis"].items():
        alts = [a for a in alternatives(cue) if not lang or is_chinese(a) == (lang == "zh")]
        if alts:
            groups.append(f"(?P<{name}>{'|'.join(alts)})")
    if lang == "zh":
        firsts = "".join(sorted({c for g in data()["basis"].values() for a in alternatives(g) if is_chinese(a)
                                 for c in first_chars(a)}))
        return re.compile(f"(?=[{firsts}])(?:{'|'.join(groups)})", re.I)
    return re.compile(WORD_START + f"(?:{'|'.join(groups)})", re.I)


def first_chars(alt: str) -> str:
    """Return the characters an alternative can start with: its first, or its leading [class]."""
    return alt[1:alt.index("]")] if alt.startswith("[") and "]" in alt else alt[:1]


def is_chinese(alt: str) -> bool:
    """Tell whether a cue alternative starts with a Chinese character."""
    return any(c > "\x7f" for c in first_chars(alt))


def alternatives(pattern: str) -> list[str]:
    """Split a data pattern "(?:A|B|C)" into its top-level alternatives A, B, C."""
    body = pattern[3:-1] if pattern.startswith("(?:") and closing(pattern, 0) == len(pattern) - 1 else pattern
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 1  # an escaped character is never structure
        elif ch == "[":
            i = body.index("]", i + 2 if body[i + 1:i + 2] == "]" else i + 1)
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    return out + [body[start:]]


def closing(pattern: str, open_at: int) -> int:
    """Return the index of the parenthesis that closes the one at `open_at`."""
    depth, i = 0, open_at
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 1
        elif pattern[i] in "()":
            depth += 1 if pattern[i] == "(" else -1
            if depth == 0:
                return i
        i += 1
    return -1


def find_direction(before: str, after: str) -> str | None:
    """Return up/down from the verb nearest before the number (or right after it)."""
    comparative = comparative_before(before)
    if comparative:
        return comparative  # "比上年同期低约0.5个百分点": the comparative sits next to the number
    cues = data()["direction"]
    # "cutting the reserve requirement ratio by 0.25 points": "by" keeps the verb's object in between
    reach = VERB_BY_REACH if BY_END.search(before[-4:]) else VERB_REACH
    best: tuple[int, str] | None = None
    window = before[-reach:]
    for name in ("up", "down"):
        for m in anchored(cues[name]).finditer(window):
            if window.startswith("的", m.end()):
                continue  # "价格下降的城市有63个": the verb describes the cities, the count has no direction
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    if best:
        return best[1]
    skip = anchored(data()["direction_after_skip"]).match(after[:40])  # "9.8-percent year-on-year rise"
    rest = after[skip.end() if skip else 0:][:16]
    for name in ("up", "down"):
        if anchored(cues[name]).match(rest):
            return name
    return None


def comparative_before(before: str) -> str | None:
    """Return up/down from a Chinese comparative right before the number (比…低, 高于…)."""
    cues = data()["comparative"]
    window = before[-30:]
    for name in ("up", "down"):
        if anchored(cues[f"{name}_before"]).search(window):
            return name
    return None


def comparative_after(after: str, rate: bool) -> str | None:
    """Return up/down from "lower", "more than" … right after the number.

    A rate needs only the comparative ("0.3 percentage points lower"); an amount or a count needs
    "than" too ("2.9 trillion yuan more than last year"), as "more" alone may start a new phrase.
    """
    cues = data()["comparative"]
    for name in ("up", "down"):
        m = anchored(cues[f"{name}_after"]).match(after[:16])
        if m and (rate or anchored(cues["than"]).match(after, m.end(), m.end() + 8)):
            return name
    return None


def declines(before: str, direction: str | None) -> bool:
    """Tell whether a change is a decline, reading 降幅扩大 (deeper) and 降幅收窄 (shallower) right."""
    turns = data()["decline_turn"]
    window = before[-40:]
    if anchored(turns["deeper"]).search(window):
        return True
    if anchored(turns["shallower"]).search(window):
        return False
    return direction == "down"


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


@lru_cache(maxsize=8)
def period_pattern(lang: str, prefix: str = "") -> re.Pattern[str]:
    """Compile the period phrases of a language into one alternation, longest-first per data order."""
    patterns = data()["periods_zh" if lang == "zh" else "periods_en"]
    return re.compile(WORD_START + prefix + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.I)


def tidy_period(raw: str) -> str:
    """Drop a leading preposition and article from a period as written."""
    return re.sub(r"^(?:from|in|during|for|throughout|the)\s+(?:the\s+)?", "", raw.strip(), flags=re.I)


def label_en(scope: str) -> str:
    """Take the subject of an English clause: the words before its main verb."""
    verbs = list(anchored(WORD_START + data()["label_verb_en"]).finditer(scope))
    subject = strip_label_en(scope[:verbs[-1].start()] if verbs else scope)
    if verbs:
        # "… achieved a total output value of 23.5 trillion yuan": the measure follows the verb
        m = re.fullmatch(r"\s*+(?:an?|the|its|their)?\s?+([\w\s\-']{3,80}?)\s(?:of|at)\s*", scope[verbs[-1].end():])
        if m and not anchored(data()["label_pronouns_en"]).match(m.group(1).strip()):
            return f"{m.group(1).strip()} of {subject}" if subject else m.group(1).strip()
    return subject


def strip_label_en(subject: str) -> str:
    """Remove periods, connectors and articles around an English subject."""
    subject = period_pattern("en", PERIOD_PREPOSITION).sub(" ", subject)
    subject = subject.rsplit(" said that ", 1)[-1]
    subject = anchored(data()["label_lead_strip_en"]).sub("", subject)
    head, tail = subject[:-TRAIL], subject[-TRAIL:]  # trailing filler is short: strip it from the tail only
    subject = head + anchored(data()["label_trail_strip_en"]).sub("", tail)
    subject = anchored(data()["label_number_of_en"]).sub("", subject)
    subject = re.sub(r"\s{2,}", " ", subject).strip(" ,;:")
    if anchored(data()["label_pronouns_en"]).match(subject):
        return ""
    return subject[-120:].lstrip() if len(subject) > 120 else subject


def label_zh(scope: str) -> str:
    """Take the subject of a Chinese clause: the text before its first verb or basis cue."""
    # an enumeration marker (一是, 首先) opens the clause: strip it before looking for the verb 是
    scope = anchored(data()["label_lead_strip_zh"]).sub("", scope)
    m = anchored(data()["label_cut_zh"]).search(scope)
    subject = scope[:m.start()] if m else scope
    subject = period_pattern("zh").sub("", subject)
    subject = anchored(data()["label_lead_strip_zh"]).sub("", subject)
    subject = re.sub(r"^(?:[在从与]|对(?![外华]))|(?:[的，,、]|人民币)+$", "", subject.strip())  # 对外投资 keeps 对
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
