"""Doubling check shared by the benchmarks: time a stage on inputs of doubling size.

A linear stage costs about 2× per doubling; a quadratic one 4×. `check` prints one line per
doubling and returns False when one costs more than LIMIT times the size before it. The two sizes
of a doubling are timed in turns, best of REPEATS each, in CPU time, so load from other processes
on the shared box hits both alike instead of deciding the ratio; a doubling over the limit is timed
once more and the gentler of the two counts (a quadratic cost is steep both times).
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
LIMIT = 2.5
REPEATS = 7


def cpu_time(run: Callable[[T], object], arg: T) -> float:
    """Return the CPU seconds of one run of `run(arg)`, started from a collected heap."""
    gc.collect()
    start = time.process_time()
    run(arg)
    return time.process_time() - start


def paired(run: Callable[[T], object], small: T, big: T, repeats: int = REPEATS) -> tuple[float, float]:
    """Time `run` on two inputs in turns; return the best time of each."""
    best_small = best_big = float("inf")
    for _ in range(repeats):
        best_small = min(best_small, cpu_time(run, small))
        best_big = min(best_big, cpu_time(run, big))
    return best_small, best_big


def check(name: str, make: Callable[[int], T], run: Callable[[T], object], sizes: Sequence[int],
          limit: float = LIMIT) -> bool:
    """Time `run` on `make(size)` for each doubling of sizes; print the ratios; tell whether all ≤ limit."""
    for small, big in zip(sizes, sizes[1:]):
        inputs = make(small), make(big)
        before, after = paired(run, *inputs)
        ratio = after / max(before, 1e-9)
        if ratio > limit:  # a burst of load can steepen one pair: a quadratic cost stays steep
            again = paired(run, *inputs)
            if again[1] / max(again[0], 1e-9) < ratio:
                before, after = again
                ratio = after / max(before, 1e-9)
        verdict = "  TOO STEEP" if ratio > limit else ""
        print(f"{name:<28} {small:>9,} → {big:>9,} chars  {before * 1000:8.1f} → {after * 1000:8.1f} ms"
              f"  ×{ratio:.2f}{verdict}", flush=True)
        if ratio > limit:
            return False  # a steeper size would only take longer to say the same
    return True


def repeat_to(size: int, units: Sequence[str], joiner: str) -> str:
    """Return `units` cycled and joined by `joiner` until the text holds `size` characters."""
    parts: list[str] = []
    total, k = 0, 0
    while total < size:
        unit = units[k % len(units)]
        parts.append(unit)
        total += len(unit) + len(joiner)
        k += 1
    return joiner.join(parts)
