"""Time measures.extract_lists over the sample sources and print ms per run and the budget ratio.

usage: .venv/bin/python benchmarks/bench_measures.py [SOURCES_DIR]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing import clean, read  # noqa: E402
from briefing.extract import lists as measures  # noqa: E402

BUDGET_MS = 50.0  # the whole sample set must take well under this
RUNS = 20


def load(folder: Path) -> list[tuple[str, str]]:
    """Return (cleaned text, lang) per source."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        doc = clean.clean_source(read.read_source(path, 10_000_000))
        out.append((doc.text, doc.lang))
    return out


def main() -> None:
    """Run the timing and print the results."""
    default = Path(__file__).resolve().parent.parent / "sources"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    docs = load(folder)
    first = time.perf_counter()
    for text, lang in docs:
        measures.extract_lists(text, lang)
    cold = (time.perf_counter() - first) * 1000
    start = time.perf_counter()
    for _ in range(RUNS):
        for text, lang in docs:
            measures.extract_lists(text, lang)
    warm = (time.perf_counter() - start) * 1000 / RUNS
    chars = sum(len(t) for t, _ in docs)
    print(f"{len(docs)} sources, {chars} chars: cold {cold:.1f} ms, warm {warm:.1f} ms per run")
    print(f"ratio to the {BUDGET_MS:.0f} ms budget: "
          f"cold {cold / BUDGET_MS:.2f}, warm {warm / BUDGET_MS:.2f}")


if __name__ == "__main__":
    main()
