"""The words that announce a list: count phrases ("three aspects", 4个方面), cues and colons."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from briefing.extract.headlines import data

FULLWIDTH = str.maketrans("１２３４５６７８９０", "1234567890")
COUNT_WINDOW = 400  # a count is read in the last characters of an intro: a page-long sentence stays cheap


@lru_cache(maxsize=2)
def count_re(lang: str) -> re.Pattern[str]:
    """Compile the count-phrase pattern ("three main aspects", 4个方面, 三大特点)."""
    cfg = data()
    if lang == "zh":
        nums = "|".join(cfg["count_words_zh"])
        nouns = "|".join(sorted(cfg["count_nouns_zh"], key=len, reverse=True))
        cls = "".join(cfg["count_classifiers_zh"])
        bare = "".join(cfg["count_bare_zh"])
        # Not an ordinal (第三方面) nor the tail of a longer number (12个, 十二项); a bare
        # classifier (强调两点。) counts only at a clause end.
        return re.compile(rf"(?<![第0-9０-９一二两三四五六七八九十百])"
                          rf"(?P<num>[1-9][0-9]?|[１-９]|{nums})"
                          rf"(?:(?:[{cls}])?+(?:{nouns})|[{bare}](?=[。：:；;，,]))")
    nums = "|".join(cfg["count_words_en"])
    adjs = "|".join(re.escape(a) for a in cfg["count_adjectives_en"])
    nouns = "|".join(sorted(cfg["count_nouns_en"], key=len, reverse=True))
    return re.compile(rf"(?<![\d.,])\b(?P<num>{nums}|[2-9]|1[0-9])\s(?:(?:{adjs})\s){{0,2}}(?:{nouns})\b",
                      re.IGNORECASE)


def count(sentence: str, lang: str) -> int | None:
    """Return the count a sentence announces ("four aspects" → 4), if any."""
    match = count_re(lang).search(sentence[-COUNT_WINDOW:])
    if not match:
        return None
    word = match.group("num").lower()
    table = data()[f"count_words_{lang}"]
    return int(table[word]) if word in table else int(word.translate(FULLWIDTH))


def colon(sentence: str) -> bool:
    """Tell whether a sentence ends with a colon (it announces what follows)."""
    return sentence.rstrip().endswith((":", "："))


def announces(sentence: str, lang: str) -> bool:
    """Tell whether a sentence looks forward to items: it ends with a colon or has a cue word."""
    return colon(sentence) or has_any(sentence, data()[f"count_cues_{lang}"], lang)


def has_any(sentence: str, words: list[str], lang: str) -> bool:
    """Tell whether a sentence contains any of `words` (whole words in English)."""
    if lang == "zh":
        return any(w in sentence for w in words)
    low = f" {' '.join(re.findall(r'[a-z]++', sentence.lower()))} "
    return any(f" {w} " in low for w in words)


class Taken:
    """The spans of the lists found so far, asked in increasing order whether they cover a position.

    Built once per extraction phase from the lists of the phases before (sorted starts with the
    running maximum of their ends), plus the lists the phase itself adds, which come in order.
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []
        reach = -1
        for _, end in spans:
            reach = max(reach, end)
            self._reach.append(reach)
        self._added = -1  # the furthest end of the spans added during this phase

    def covers(self, pos: int) -> bool:
        """Tell whether `pos` lies inside a list found so far."""
        if pos < self._added:
            return True
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and self._reach[k] > pos

    def add(self, end: int) -> None:
        """Record where a list found in this phase ends (a phase finds lists in order of position)."""
        self._added = max(self._added, end)
