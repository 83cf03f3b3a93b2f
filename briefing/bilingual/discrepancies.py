"""Figures that one version of a pair states and the other does not, or states otherwise."""
from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.bilingual.align import figure_key, position
from briefing.models import Document, Figure

SMALL_COUNT = 12  # counts up to this are often written in words ("three aspects")
NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                        "ten", "eleven", "twelve"),
                 "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")}


def discrepancies(en: Document, zh: Document, matched: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """Describe each figure of one version that differs from or is missing in the other."""
    matched_en, matched_zh = {a for a, _ in matched}, {b for _, b in matched}
    in_zh, in_en = Statements(zh, "zh"), Statements(en, "en")
    lone_en = [i for i, f in enumerate(en.figures) if i not in matched_en and not in_zh.states(f)]
    lone_zh = [j for j, f in enumerate(zh.figures) if j not in matched_zh and not in_en.states(f)]
    notes: list[str] = []
    for i in list(lone_en):
        j = _differing(en, zh, en.figures[i], lone_zh)
        if j is not None:
            lone_en.remove(i)
            lone_zh.remove(j)
            notes.append(f"{en.name} ↔ {zh.name}: figure differs: «{en.figures[i].text}» "
                         f"vs «{zh.figures[j].text}»")
    notes += [f"{en.name}: figure «{en.figures[i].text}» has no counterpart in {zh.name}" for i in lone_en]
    notes += [f"{zh.name}: figure «{zh.figures[j].text}» has no counterpart in {en.name}" for j in lone_zh]
    return tuple(notes)


class Statements:
    """What a version states: its figures by value, and small counts in digits or words."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc, self.lang = doc, lang
        self.keys = {figure_key(f) for f in doc.figures}
        self.counts: dict[int, bool] = {}  # small count → written somewhere in the text

    def states(self, fig: Figure) -> bool:
        """Tell whether this version states `fig` too: as a figure, or a small count in words."""
        if figure_key(fig) in self.keys:
            return True  # a second mention of a figure the other version has: not a discrepancy
        # only small positive counts are written in words ("three aspects"); a change may be negative
        if fig.unit != "count" or not 0 <= fig.value <= SMALL_COUNT or not float(fig.value).is_integer():
            return False
        n = int(fig.value)
        if n not in self.counts:
            self.counts[n] = self._written(n)
        return self.counts[n]

    def _written(self, n: int) -> bool:
        """Tell whether the text writes the count `n` in digits or in words."""
        words = (str(n), NUMBER_WORDS[self.lang][n]) if n < len(NUMBER_WORDS[self.lang]) else (str(n),)
        pattern = r"\b(?:" + "|".join(words) + r")\b" if self.lang == "en" else "|".join(words)
        return re.search(pattern, self.doc.clean.text, re.IGNORECASE) is not None


def stated(fig: Figure, other: Document, lang: str) -> bool:
    """Tell whether the other version states the figure too: repeated, or a small count in words."""
    return Statements(other, lang).states(fig)


def _differing(en: Document, zh: Document, fig: Figure, candidates: list[int]) -> int | None:
    """Return the unmatched Chinese figure that seems to state `fig` with another value."""
    where = position(en, fig.start)
    for j in candidates:
        other = zh.figures[j]
        if (other.unit == fig.unit and other.basis == fig.basis and fig.basis != "none"
                and abs(position(zh, other.start) - where) < 0.1 and (fig.label or other.label)):
            return j
    return None
