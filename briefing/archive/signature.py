"""A document's pairing signature: what bilingual.pair.score_pair weighs, in a few numbers.

The archive keeps one per source so that a new document finds its translation among thousands
without scoring every one: candidates share rare numbers (the index), and a candidate is scored
only when the signatures leave room for a confidence above the threshold (`upper_bound`).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from briefing.bilingual.pair import WEIGHTS, text_numbers
from briefing.bilingual.pair import _weight as pair_weight  # the same weights, not a copy that drifts
from briefing.models import Document, Figure

SLACK = 0.05  # an upper bound this far under the threshold still gets scored: rounding, near-equal values


@dataclass(frozen=True)
class Signature:
    """The parts of a document that bound its pairing confidence with any other."""

    lang: str
    numbers: tuple[str, ...]  # text_numbers: month-day dates, numbers of 10 or more, decimals
    figures: tuple[tuple[str, int, float], ...]  # (unit:value, how many, weight of one)
    lists: int

    def tokens(self) -> tuple[str, ...]:
        """Return the index tokens: numbers and figure values, each once."""
        return tuple(f"n:{n}" for n in self.numbers) + tuple(f"f:{key}" for key, _, _ in self.figures)

    @property
    def figure_weight(self) -> float:
        """Return the summed weight of the document's figures."""
        return sum(count * weight for _, count, weight in self.figures)


def signature(doc: Document) -> Signature:
    """Return a document's pairing signature."""
    counts = Counter(_value_key(f) for f in doc.figures)
    weights = {_value_key(f): pair_weight(f) for f in doc.figures}
    return Signature(lang=doc.lang, numbers=tuple(sorted(text_numbers(doc.clean.text, doc.lang))),
                     figures=tuple(sorted((k, n, weights[k]) for k, n in counts.items())),
                     lists=len(doc.lists))


def _value_key(figure: Figure) -> str:
    """Key a figure by what pair.same_value compares: unit and value (to six significant digits)."""
    return f"{figure.unit}:{figure.value:.6g}"


def upper_bound(en: Signature, zh: Signature) -> float:
    """Return a confidence score_pair cannot exceed for these two documents."""
    return (WEIGHTS["figures"] * _figure_bound(en, zh) + WEIGHTS["numbers"] * _number_similarity(en, zh)
            + WEIGHTS["lists"] * _list_bound(en, zh) + WEIGHTS["length"])  # length: at most 1


def may_pair(en: Signature, zh: Signature, threshold: float) -> bool:
    """Tell whether two documents could reach the pairing threshold."""
    return upper_bound(en, zh) + SLACK >= threshold


def _figure_bound(en: Signature, zh: Signature) -> float:
    """Return the weighted Dice similarity of equal figures (each matched at most once)."""
    total = en.figure_weight + zh.figure_weight
    if not total:
        return 0.0
    theirs = {key: count for key, count, _ in zh.figures}
    common = sum(2 * weight * min(count, theirs.get(key, 0)) for key, count, weight in en.figures)
    return common / total


def _number_similarity(en: Signature, zh: Signature) -> float:
    """Return the cosine similarity of the two sets of distinctive numbers."""
    if not en.numbers or not zh.numbers:
        return 0.0
    return len(set(en.numbers) & set(zh.numbers)) / math.sqrt(len(en.numbers) * len(zh.numbers))


def _list_bound(en: Signature, zh: Signature) -> float:
    """Return the list similarity if every list of the shorter side had a counterpart."""
    total = en.lists + zh.lists
    return 2 * min(en.lists, zh.lists) / total if total else 0.0
