"""Alignments of two versions: matches kept in order, lists and items of the same shape.

`in_order` keeps the heaviest set of matches that runs forward in both texts (a weighted longest
increasing subsequence, O(m log m) in the number of candidate matches), so a translation's
numbers and figures line up by value and order; `near_order` adds the few a translator swapped
within a sentence.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence

from briefing.bilingual.quantities import chance_of, scan_quantities
from briefing.bilingual.rules import rules
from briefing.models import Document, Figure, MeasureList

Match = tuple[int, int]  # (index in the English sequence, index in the Chinese one)
MIN_LIST_SIM = 0.5
MIN_ITEM_SIM = 0.3


def in_order(candidates: Sequence[tuple[int, int, float]]) -> list[Match]:
    """Return the heaviest subset of weighted (i, j) matches increasing in both i and j."""
    order = sorted(range(len(candidates)), key=lambda c: (candidates[c][0], -candidates[c][1]))
    columns = sorted({j for _, j, _ in candidates})
    tree = _MaxTree(len(columns))
    best: list[float] = [0.0] * len(candidates)
    back: list[int] = [-1] * len(candidates)
    for c in order:
        i, j, weight = candidates[c]
        column = bisect.bisect_left(columns, j)
        before, link = tree.best_before(column)
        best[c], back[c] = before + weight, link
        tree.raise_to(column, best[c], c)
    if not candidates:
        return []
    chain, c = [], max(range(len(candidates)), key=best.__getitem__)
    while c != -1:
        chain.append(candidates[c][:2])
        c = back[c]
    return sorted(chain)


class _MaxTree:
    """A Fenwick tree of prefix maxima: the best chain ending before a column, and its end."""

    def __init__(self, size: int) -> None:
        self.value = [0.0] * (size + 1)
        self.link = [-1] * (size + 1)

    def best_before(self, column: int) -> tuple[float, int]:
        """Return the best chain weight over columns < `column` and the match that ends it."""
        best, link, k = 0.0, -1, column
        while k > 0:
            if self.value[k] > best:
                best, link = self.value[k], self.link[k]
            k -= k & -k
        return best, link

    def raise_to(self, column: int, value: float, link: int) -> None:
        """Record a chain of weight `value` ending at `column`."""
        k = column + 1
        while k < len(self.value):
            if value > self.value[k]:
                self.value[k], self.link[k] = value, link
            k += k & -k


def near_order(anchors: Sequence[Match], candidates: Sequence[tuple[int, int, float]], reach: int = 1) -> list[Match]:
    """Return the candidates outside `anchors` that sit within `reach` anchors of the alignment."""
    left = [i for i, _ in anchors]
    used_i, used_j = {i for i, _ in anchors}, {j for _, j in anchors}
    extra: list[Match] = []
    for i, j, _ in sorted(candidates, key=lambda c: -c[2]):
        if i in used_i or j in used_j:
            continue
        k = bisect.bisect_left(left, i)  # anchors before i
        low = anchors[k - reach - 1][1] if k - reach - 1 >= 0 else -1
        high = anchors[k + reach][1] if k + reach < len(anchors) else math.inf
        if low < j < high:
            extra.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return extra


# --- lists and items ---------------------------------------------------------------------------
def align(n: int, m: int, sim: Callable[[int, int], float], floor: float) -> list[Match]:
    """Return the monotone alignment of two short sequences that maximises the summed similarity."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = sim(i, j)
            take = best[i + 1][j + 1] + s if s >= floor else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        s = sim(i, j)
        if s >= floor and math.isclose(best[i][j], best[i + 1][j + 1] + s):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def position(doc: Document, offset: int) -> float:
    """Return an offset as a fraction of the document's length."""
    return offset / max(len(doc.clean.text), 1)


def list_similarity(en: Document, a: MeasureList, zh: Document, b: MeasureList) -> float:
    """Return how alike two lists are in shape: item count, position, tier, nesting."""
    count_a, count_b = a.announced or len(a.items), b.announced or len(b.items)
    count = 1.0 if len(a.items) == len(b.items) or count_a == count_b else \
        0.5 if abs(len(a.items) - len(b.items)) == 1 else 0.0
    if not count:  # lists of clearly different lengths are different lists, wherever they sit
        return 0.0
    place = max(0.0, 1 - max(0.0, abs(position(en, a.start) - position(zh, b.start)) - 0.1) / 0.3)
    return (0.45 * count + 0.3 * place + 0.15 * (a.tier == b.tier)
            + 0.1 * ((a.parent is None) == (b.parent is None)))


def align_lists(en: Document, zh: Document) -> list[Match]:
    """Return (en list index, zh list index) for lists that translate each other."""
    order_en = sorted(range(len(en.lists)), key=lambda i: en.lists[i].start)
    order_zh = sorted(range(len(zh.lists)), key=lambda j: zh.lists[j].start)

    def sim(i: int, j: int) -> float:
        a, b = en.lists[order_en[i]], zh.lists[order_zh[j]]
        return list_similarity(en, a, zh, b) if a.items and b.items else 0.0

    return sorted((order_en[i], order_zh[j]) for i, j in align(len(order_en), len(order_zh), sim, MIN_LIST_SIM))


def _item_place(lst: MeasureList, offset: int) -> float:
    """Return where an item starts within its list, 0..1."""
    return (offset - lst.start) / max(lst.end - lst.start, 1)


def _values(text: str, lang: str) -> set[str]:
    """Return the distinctive values a piece of text states."""
    return {q.value for q in scan_quantities(text, lang)}


def align_items(a: MeasureList, b: MeasureList) -> list[Match]:
    """Return (en item n, zh item n) for the items of two aligned lists."""
    if len(a.items) == len(b.items):
        return [(x.n, y.n) for x, y in zip(a.items, b.items)]
    values_a = [_values(x.text, "en") for x in a.items]
    values_b = [_values(y.text, "zh") for y in b.items]

    def sim(i: int, j: int) -> float:
        place = 1 - min(1.0, abs(_item_place(a, a.items[i].start) - _item_place(b, b.items[j].start)) * 3)
        return place - 0.5 * bool(values_a[i] ^ values_b[j])

    return [(a.items[i].n, b.items[j].n) for i, j in align(len(a.items), len(b.items), sim, MIN_ITEM_SIM)]


# --- figures -----------------------------------------------------------------------------------
def same_value(a: Figure, b: Figure) -> bool:
    """Tell whether two figures state the same number in the same unit."""
    return a.unit == b.unit and math.isclose(a.value, b.value, rel_tol=1e-6, abs_tol=1e-9)


def match_figures(en: Document, zh: Document) -> list[Match]:
    """Pair each figure with its counterpart: same value and unit, in order, same basis preferred."""
    present = rules()["present_in_translation"]
    by_value: dict[tuple[str, str], list[int]] = {}
    for j, z in enumerate(zh.figures):
        by_value.setdefault(figure_key(z), []).append(j)
    cap = rules()["index"]["max_occurrences"]
    candidates = [(i, j, math.log(present / chance_of(e.value)) + 0.5 * (e.basis == zh.figures[j].basis))
                  for i, e in enumerate(en.figures) for j in by_value.get(figure_key(e), [])[:cap]
                  if same_value(e, zh.figures[j])]
    by_start_en = _order(en.figures)
    by_start_zh = _order(zh.figures)
    ranked = [(by_start_en[i], by_start_zh[j], w) for i, j, w in candidates]
    anchors = in_order(ranked)
    found = anchors + near_order(anchors, ranked)
    back_en, back_zh = {v: k for k, v in by_start_en.items()}, {v: k for k, v in by_start_zh.items()}
    return sorted((back_en[i], back_zh[j]) for i, j in found)


def figure_key(fig: Figure) -> tuple[str, str]:
    """Return a figure's unit and value rounded far below any real difference, to look it up."""
    return fig.unit, f"{fig.value:.6g}"


def _order(figures: Sequence[Figure]) -> dict[int, int]:
    """Map each figure index to its rank by position in the text."""
    ranked = sorted(range(len(figures)), key=lambda k: (figures[k].start, k))
    return {index: rank for rank, index in enumerate(ranked)}
