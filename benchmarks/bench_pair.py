"""Time pairing on 200, 1,000 and 5,000 distinct sources, and `briefing extract` on 200 and 800 copies of the samples.

Run: .venv/bin/python benchmarks/bench_pair.py [--runs N] [--skip-extract]
The sources are copies of sources/ whose numbers are shuffled per copy (shared/tools/scale_sources.py,
or the copy in tests/tools), so copy i of the English sample pairs only with copy i of the Chinese one.
Targets: pairing 5,000 sources ≤ 6 × pairing 1,000 (time per source flat), `briefing extract` of 800
copies ≤ 5 × 200 copies, and every copy paired with its own translation and nothing else. Exits 1 when missed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing import pipeline  # noqa: E402  (the repository, not an installed copy)
from briefing.bilingual import find_pairs  # noqa: E402
from briefing.models import Document, Pair  # noqa: E402

PYTHON = sys.executable
SIZES = (200, 1000, 5000)  # sources
EXTRACT_COPIES = (200, 800)  # copies of the five samples
PAIR_TARGET, EXTRACT_TARGET = 6.0, 5.0
THRESHOLD = 0.6
EN, ZH = "000_", "001_"  # the sample pair; the other samples have no translation


def scaler() -> Path:
    """Return the copy-maker: the shared tool when present, else the repository's copy."""
    shared = Path("/work/shared/tools/scale_sources.py")
    return shared if shared.is_file() else REPO / "tests" / "tools" / "scale_sources.py"


def make_copies(folder: Path, copies: int) -> list[Path]:
    """Write `copies` number-shuffled copies of the samples into `folder` and return the files."""
    subprocess.run([PYTHON, str(scaler()), str(REPO / "sources"), str(folder), str(copies)],
                   check=True, capture_output=True)
    return sorted(folder.glob("*.txt"))


def wrong_pairs(pairs: list[tuple[str, str]], copies: int) -> list[str]:
    """Return what is wrong with the pairs: a copy not paired with its own translation, or a false pair."""
    expected = {(f"{i:05d}_{EN}", f"{i:05d}_{ZH}") for i in range(copies)}
    found = {(en[:10], zh[:10]) for en, zh in pairs}
    return ([f"missed {en}… ↔ {zh}…" for en, zh in sorted(expected - found)]
            + [f"false pair {en}… ↔ {zh}…" for en, zh in sorted(found - expected)])


def verdict(ratio: float, target: float) -> str:
    """Say whether a ratio meets its target."""
    return "OK" if ratio <= target else "OVER"


def pair_verdict(problems: list[str]) -> str:
    """Say whether every copy was paired with its own translation only."""
    return "all right" if not problems else f"{len(set(problems))} wrong, e.g. {problems[0]}"


def extracted(files: list[Path]) -> list[Document]:
    """Clean and extract every file once."""
    from briefing.read import read_source

    return [pipeline.extract_document(read_source(path, 5 * 1024 * 1024)) for path in files]


def timed_pairing(documents: list[Document]) -> tuple[float, tuple[Pair, ...]]:
    """Return the wall time of pairing the documents, and the pairs."""
    start = time.perf_counter()
    pairs = find_pairs(documents, THRESHOLD)
    return time.perf_counter() - start, pairs


def bench_pairing(root: Path, runs: int) -> bool:
    """Time pairing at each size, alternating sizes; return whether the targets are met."""
    corpora = {}
    for size in SIZES:
        copies = size // 5
        corpora[size] = (copies, extracted(make_copies(root / f"pair{size}", copies)))
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    problems: list[str] = []
    for _ in range(runs):
        for size in SIZES:
            copies, documents = corpora[size]
            elapsed, pairs = timed_pairing(documents)
            times[size].append(elapsed)
            problems += wrong_pairs([(p.en, p.zh) for p in pairs], copies)
    medians = {size: statistics.median(values) for size, values in times.items()}
    for size in SIZES:
        print(f"pairing {size:>5} sources  median {medians[size]:7.3f} s  "
              f"({medians[size] / size * 1000:.2f} ms per source)")
    ratio = medians[5000] / medians[1000]
    ok = ratio <= PAIR_TARGET and not problems
    print(f"pairing 5,000 / 1,000  {ratio:.2f}  (target ≤ {PAIR_TARGET}: {verdict(ratio, PAIR_TARGET)}); "
          f"pairs {pair_verdict(problems)}")
    return ok


def timed_extract(files: list[Path], out: Path) -> float:
    """Run `briefing extract` on the files, writing the JSON to `out`; return the wall time."""
    command = [PYTHON, "-m", "briefing", "extract", "-q", *map(str, files)]
    start = time.perf_counter()
    with out.open("wb") as sink:
        done = subprocess.run(command, cwd=REPO, stdout=sink, stderr=subprocess.PIPE, check=False,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"briefing extract failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def extract_pairs(out: Path) -> list[tuple[str, str]]:
    """Return the (english, chinese) pairs in an extract JSON."""
    documents = json.loads(out.read_text(encoding="utf-8"))["documents"]
    return [(d["source"], d["pair"]) for d in documents if d["lang"] == "en" and d["pair"]]


def bench_extract(root: Path, runs: int) -> bool:
    """Time `briefing extract` on 200 and 800 copies, alternating; return whether the targets are met."""
    files = {copies: make_copies(root / f"extract{copies}", copies) for copies in EXTRACT_COPIES}
    times: dict[int, list[float]] = {copies: [] for copies in EXTRACT_COPIES}
    problems: list[str] = []
    for _ in range(runs):
        for copies in EXTRACT_COPIES:
            out = root / f"extract{copies}.json"
            times[copies].append(timed_extract(files[copies], out))
            problems += wrong_pairs(extract_pairs(out), copies)
    small, large = (statistics.median(times[c]) for c in EXTRACT_COPIES)
    ratio = large / small
    print(f"briefing extract  {EXTRACT_COPIES[0]} copies ({len(files[EXTRACT_COPIES[0]])} files) {small:.2f} s, "
          f"{EXTRACT_COPIES[1]} copies ({len(files[EXTRACT_COPIES[1]])} files) {large:.2f} s")
    print(f"extract 800 / 200  {ratio:.2f}  (target ≤ {EXTRACT_TARGET}: {verdict(ratio, EXTRACT_TARGET)}); "
          f"pairs {pair_verdict(problems)}")
    return ratio <= EXTRACT_TARGET and not problems


def main() -> None:
    """Run both measurements and exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-extract", action="store_true", help="only time the pairing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ok = bench_pairing(Path(tmp), args.runs)
        if not args.skip_extract:
            ok = bench_extract(Path(tmp), 1) and ok
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
