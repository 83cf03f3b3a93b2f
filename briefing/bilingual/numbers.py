"""Compare the numbers of two versions: which match in order, which the overlap misses, how the text scales.

Versions of unequal coverage are normal (a page cut sooner, a dropped paragraph, a reprint's own
lead), so a number only counts as missing when it lies inside the stretch the other version
covers: the span of the shared numbers, widened by the other version's text before and after it.
"""
from __future__ import annotations

import bisect
import math
import statistics
from dataclasses import dataclass

from briefing.bilingual.align import Match, in_order, near_order
from briefing.bilingual.evidence import Evidence
from briefing.bilingual.rules import rules


@dataclass(frozen=True)
class NumberComparison:
    """How the distinctive numbers of an English and a Chinese text correspond."""

    matched: tuple[str, ...]  # keys shared in the same order (or swapped within a sentence)
    out_of_order: tuple[str, ...]  # keys both state, but elsewhere
    missing_en: tuple[str, ...]  # English keys inside the overlap that the Chinese never states
    missing_zh: tuple[str, ...]
    runs_en: tuple[tuple[str, ...], ...]  # the missing English numbers, in runs not broken by a shared one
    runs_zh: tuple[tuple[str, ...], ...]
    substitutions: tuple[int, ...]  # per stretch between matches where both miss numbers: the fewer misses
    consistent_gaps: int  # text between consecutive matches that scales like a translation
    inconsistent_gaps: int
    ratio: float  # English characters per Chinese character between the matches
    containment: float  # share of the shorter version's numbers that the other states


def compare_numbers(en: Evidence, zh: Evidence) -> NumberComparison:
    """Align the numbers of two texts and classify every distinctive number."""
    candidates = _candidates(en, zh)
    anchors = in_order(candidates)
    matched = {en.quantities[i].key for i, _ in anchors + near_order(anchors, candidates)}
    shared = en.occurrences.keys() & zh.occurrences.keys()
    ratio, consistent, inconsistent = _gaps(en, zh, anchors)
    window_en, window_zh = _windows(en, zh, anchors, ratio)
    runs_en, runs_zh = _missing_runs(en, zh, window_en), _missing_runs(zh, en, window_zh)
    return NumberComparison(
        matched=tuple(sorted(matched, key=lambda k: en.occurrences[k][0])),
        out_of_order=tuple(sorted(shared - matched)),
        missing_en=_flat(runs_en), missing_zh=_flat(runs_zh), runs_en=runs_en, runs_zh=runs_zh,
        substitutions=_substitutions(en, zh, anchors, _flat(runs_en), _flat(runs_zh)),
        consistent_gaps=consistent, inconsistent_gaps=inconsistent, ratio=ratio,
        containment=_containment(en, zh, shared, ratio))


def _candidates(en: Evidence, zh: Evidence) -> list[tuple[int, int, float]]:
    """Return every (English index, Chinese index, weight) of two occurrences of one number."""
    present = rules()["present_in_translation"]
    return [(i, j, math.log(present / en.chance(key)))
            for key in en.occurrences.keys() & zh.occurrences.keys()
            for i in en.occurrences[key] for j in zh.occurrences[key]]


def _gaps(en: Evidence, zh: Evidence, anchors: list[Match]) -> tuple[float, int, int]:
    """Return the text ratio between matches and how many gaps fit it and how many do not."""
    data = rules()["gap"]
    low, high = data["ratio_bounds"]
    smooth, default = data["smoothing"], data["default_ratio"]
    ratios = [(en.start(i2) - en.start(i1) + smooth * default) / (zh.start(j2) - zh.start(j1) + smooth)
              for (i1, j1), (i2, j2) in zip(anchors, anchors[1:])]
    ratio = min(max(statistics.median(ratios), low), high) if ratios else default
    fits = sum(abs(math.log(r / ratio)) <= math.log(data["tolerance"]) for r in ratios)
    return ratio, fits, len(ratios) - fits


def _windows(en: Evidence, zh: Evidence, anchors: list[Match], ratio: float) -> tuple[range, range]:
    """Return the stretch of each text that the other version covers."""
    if not anchors:
        return range(en.length + 1), range(zh.length + 1)
    first_en, first_zh = en.start(anchors[0][0]), zh.start(anchors[0][1])
    last_en, last_zh = en.start(anchors[-1][0]), zh.start(anchors[-1][1])
    # a version that ends whole (not cut) covers the other to its end: numbers the other goes on
    # with after the last match are its own additions, as a news report adds its analysts' numbers
    end_en = en.length if zh.complete else min(en.length, int(last_en + (zh.length - last_zh) * ratio))
    end_zh = zh.length if en.complete else min(zh.length, int(last_zh + (en.length - last_en) / ratio))
    window_en = range(max(0, int(first_en - first_zh * ratio)), end_en + 1)
    window_zh = range(max(0, int(first_zh - first_en / ratio)), end_zh + 1)
    return window_en, window_zh


def _missing_runs(mine: Evidence, other: Evidence, window: range) -> tuple[tuple[str, ...], ...]:
    """Return my numbers inside the window that the other text never states, in unbroken runs.

    A translation that drops a paragraph misses its numbers together; a text that only quotes
    some numbers misses them here and there, between the ones it shares.
    """
    runs: list[list[str]] = [[]]
    seen: set[str] = set()
    for q in mine.quantities:
        if q.key in other.occurrences:
            if runs[-1]:
                runs.append([])  # a shared number ends a run
        elif q.start in window and q.value not in other.values and q.key not in seen:
            seen.add(q.key)
            runs[-1].append(q.key)
    return tuple(tuple(run) for run in runs if run)


def _substitutions(en: Evidence, zh: Evidence, anchors: list[Match], missing_en: tuple[str, ...],
                   missing_zh: tuple[str, ...]) -> tuple[int, ...]:
    """Return, for each stretch between two matches (or before the first, after the last) where
    both versions state numbers the other lacks, the smaller count.

    A translation may leave a passage out, but it does not put other numbers in its place; a
    commentary or a news report goes on with numbers of its own where the release goes on with others.
    """
    per_en = _per_stretch(en, [i for i, _ in anchors], missing_en)
    per_zh = _per_stretch(zh, [j for _, j in anchors], missing_zh)
    return tuple(min(per_en[k], per_zh[k]) for k in sorted(per_en.keys() & per_zh.keys()))


def _per_stretch(side: Evidence, anchors: list[int], missing: tuple[str, ...]) -> dict[int, int]:
    """Count the missing numbers of one version in each stretch between its matched numbers."""
    starts = [side.start(i) for i in anchors]
    counts: dict[int, int] = {}
    for key in missing:
        stretch = bisect.bisect_left(starts, side.start(side.occurrences[key][0]))
        counts[stretch] = counts.get(stretch, 0) + 1
    return counts


def _flat(runs: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Return the keys of all runs."""
    return tuple(k for run in runs for k in run)


def _containment(en: Evidence, zh: Evidence, shared: set[str], ratio: float) -> float:
    """Return the share of the shorter version's distinct numbers that the other one states."""
    shorter = en if en.length / ratio < zh.length else zh
    return len(shared) / len(shorter.occurrences) if shorter.occurrences else 0.0
