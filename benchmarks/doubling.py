"""Doubling check shared by the benchmarks: time a stage on inputs of doubling size.

A linear stage costs about 2× per doubling; a quadratic one 4×. `check` prints one line per size
and returns False when any doubling costs more than LIMIT times the size before it. Each size is
timed as the best of a few runs so one burst of load on the shared box does not decide it.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
LIMIT = 2.5
REPEATS = 5


def best_time(run: Callable[[T], object], arg: T, repeats: int = REPEATS) -> float:
    """Return the fastest of `repeats` runs of `run(arg)` in CPU seconds (other processes' load aside)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()  # each run starts from the same heap, not the garbage of the one before
        start = time.process_time()
        run(arg)
        best = min(best, time.process_time() - start)
    return best


def check(name: str, make: Callable[[int], T], run: Callable[[T], object], sizes: Sequence[int],
          limit: float = LIMIT) -> bool:
    """Time `run` on `make(size)` for each size; print the ratios; tell whether all are ≤ limit."""
    before = None
    for size in sizes:
        seconds = best_time(run, make(size))
        ratio = seconds / before if before else None
        verdict = "" if ratio is None else f"  ×{ratio:.2f}" + ("  TOO STEEP" if ratio > limit else "")
        print(f"{name:<28} {size:>9,} chars  {seconds * 1000:9.1f} ms{verdict}", flush=True)
        if ratio is not None and ratio > limit:
            return False  # a steeper size would only take longer to say the same
        before = seconds
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
