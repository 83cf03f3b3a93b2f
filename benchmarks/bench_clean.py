"""Cleaning throughput in MB/s on the samples repeated to 20 MB (one core).

usage: python benchmarks/bench_clean.py [MEGABYTES]

Prints two figures: documents of sample size (the real workload: each sample cleaned on its
own, cycled until MEGABYTES of UTF-8 text have been cleaned) and each sample repeated into one
large text. Target: at least 5 MB/s.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import clean  # noqa: E402

TARGET_MB_S = 5.0


def samples() -> list[str]:
    """Return the sample texts."""
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))]


def per_document(texts: list[str], megabytes: float) -> float:
    """Clean the samples one by one, cycling until `megabytes` are done; return MB/s."""
    goal, done, i = megabytes * 1e6, 0, 0
    start = time.perf_counter()
    while done < goal:
        text = texts[i % len(texts)]
        clean.clean_text(text)
        done += len(text.encode("utf-8"))
        i += 1
    return done / 1e6 / (time.perf_counter() - start)


def repeated(texts: list[str], megabytes: float) -> float:
    """Clean each sample repeated into one large text; return the overall MB/s."""
    share = megabytes * 1e6 / len(texts)
    done, seconds = 0, 0.0
    for text in texts:
        big = "\n\n".join([text] * max(1, int(share / len(text.encode("utf-8")))))
        start = time.perf_counter()
        clean.clean_text(big)
        seconds += time.perf_counter() - start
        done += len(big.encode("utf-8"))
    return done / 1e6 / seconds


def main() -> None:
    """Warm up the caches, then measure and print both throughputs."""
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    texts = samples()
    for text in texts:
        clean.clean_text(text)  # load word lists and OpenCC outside the timing
    docs = per_document(texts, megabytes)
    big = repeated(texts, megabytes)
    print(f"per document: {docs:.2f} MB/s   one large text: {big:.2f} MB/s   target: {TARGET_MB_S} MB/s")
    print(f"ratio to target: {min(docs, big) / TARGET_MB_S:.2f}")


if __name__ == "__main__":
    main()
