"""Candidate pairs from an inverted index of rare numbers: no document is compared with all others.

Every document is indexed by its rare numbers (and rare pairs of adjacent numbers); a key found
in many documents of one language is common and finds nothing. Each document keeps its best few
candidates by the weight of the keys it shares, so the work grows with the number of documents.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from briefing.bilingual.evidence import Evidence
from briefing.bilingual.rules import rules


def candidate_pairs(english: Sequence[Evidence], chinese: Sequence[Evidence]) -> list[tuple[int, int]]:
    """Return (english index, chinese index) of the pairs worth scoring in full."""
    shared = _shared_weights(english, chinese)
    keep = rules()["index"]["candidates_per_document"]
    by_en: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_zh: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (e, z), weight in shared.items():
        by_en[e].append((weight, z))
        by_zh[z].append((weight, e))
    chosen = {(e, z) for e, options in by_en.items() for _, z in heapq.nlargest(keep, options)}
    chosen |= {(e, z) for z, options in by_zh.items() for _, e in heapq.nlargest(keep, options)}
    return sorted(chosen)


def _shared_weights(english: Sequence[Evidence], chinese: Sequence[Evidence]) -> dict[tuple[int, int], float]:
    """Return the summed rarity (-ln chance) of the keys each (english, chinese) pair shares."""
    limit = rules()["index"]["max_postings"]
    postings = _postings(chinese)
    common = {key for key, count in _key_counts(english).items() if count > limit}
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for e, evidence in enumerate(english):
        for key, chance in evidence.index_keys:
            found = postings.get(key, ())
            if key in common or not found or len(found) > limit:
                continue
            for z in found:
                shared[(e, z)] += -math.log(chance)
    return shared


def _postings(documents: Sequence[Evidence]) -> dict[str, list[int]]:
    """Map each index key to the documents that have it."""
    postings: dict[str, list[int]] = defaultdict(list)
    for d, evidence in enumerate(documents):
        for key, _ in evidence.index_keys:
            postings[key].append(d)
    return postings


def _key_counts(documents: Sequence[Evidence]) -> dict[str, int]:
    """Count the documents each index key occurs in."""
    counts: dict[str, int] = defaultdict(int)
    for evidence in documents:
        for key, _ in evidence.index_keys:
            counts[key] += 1
    return counts
