"""The in-order alignment of two versions' numbers and figures (a weighted longest increasing subsequence)."""
from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from briefing.bilingual.align import in_order, near_order

matches = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.floats(0.1, 5.0)), max_size=9,
                   unique_by=lambda c: c[:2])


def increasing(chain) -> bool:
    return all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))


def brute_force_best(candidates) -> float:
    best = 0.0
    for size in range(1, len(candidates) + 1):
        for subset in itertools.combinations(sorted(candidates), size):
            if increasing(subset):
                best = max(best, sum(w for _, _, w in subset))
    return best


@given(matches)
def test_in_order_is_increasing_and_heaviest(candidates):
    chain = in_order(candidates)
    weight = {c[:2]: c[2] for c in candidates}
    assert increasing(chain) and all(m in weight for m in chain)
    assert abs(sum(weight[m] for m in chain) - brute_force_best(candidates)) < 1e-9


def test_a_heavy_match_outweighs_two_light_ones_out_of_its_order():
    # 31,248.6 billion (heavy) against two 7.5%-like numbers that would cross it
    assert in_order([(0, 2, 0.5), (1, 3, 0.5), (2, 0, 8.0)]) == [(2, 0)]


def test_a_swap_within_a_sentence_is_kept_beside_the_alignment():
    # English numbers 2 and 3 swapped in the Chinese ("28 out of 41" ↔ 41个…中有28个); English 1 also
    # appears far later in the Chinese text, where it is another mention, not its counterpart
    candidates = [(0, 0, 1.0), (1, 9, 1.0), (2, 2, 1.0), (3, 1, 1.0), (4, 3, 1.0), (5, 4, 1.0), (6, 5, 1.0),
                  (7, 6, 1.0), (8, 7, 1.0)]
    anchors = in_order(candidates)
    extra = near_order(anchors, candidates)
    assert len(anchors) == 7 and len(extra) == 1
    assert {m for m in anchors + extra if m[0] in (2, 3)} == {(2, 2), (3, 1)}
    assert (1, 9) not in anchors + extra
