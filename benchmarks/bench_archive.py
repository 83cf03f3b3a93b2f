"""Time builds through the archive: first builds of 1,000 and 5,000 sources, then 20 new ones.

Run: .venv/bin/python benchmarks/bench_archive.py [--rounds N]
Sources are made with tests/tools/scale_sources.py (a copy of shared/tools/) from sources/ (distinct copies: the
numbers re-mapped per copy, so copies are near-duplicate distractors and copy i's EN/ZH stay a pair).
Targets (exit 1 when one is missed):
  - time per source is flat: the first build of 5,000 takes at most 6 × the first build of 1,000;
  - peak RSS of any build process (the build or one of its workers) under 400 MB;
  - 20 new sources added to the 5,000-source archive: that build takes at most 2 × a build of the
    same 20 sources alone (medians of alternating rounds).
The translation memory is on, as in production (memory/ beside the archive): its lookups go through an index.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALE = REPO / "tests" / "tools" / "scale_sources.py"  # a copy of ../shared/tools/scale_sources.py
FIRST, NEXT = "2024-03-27", "2024-03-28"
SEEDS = 5  # files per copy made by scale_sources.py
PER_SOURCE_TARGET, RSS_TARGET_MB, NEW_TARGET = 6.0, 400.0, 2.0
# Runs one command and prints the peak RSS (KB) of the largest process of its tree.
MEASURE = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)")


def make_sources(copies: int, folder: Path) -> list[Path]:
    """Write `copies` × 5 distinct sources into `folder` with the shared scaling tool."""
    if not SCALE.is_file():
        raise SystemExit(f"{SCALE}: the source scaling tool is missing")
    subprocess.run([PYTHON, str(SCALE), str(REPO / "sources"), str(folder), str(copies)], check=True,
                   capture_output=True)
    return sorted(folder.glob("*.txt"))


def project(folder: Path, sources: list[Path]) -> Path:
    """Make a project with these sources (hard links: no copying cost) and return its config."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for path in sources:
        target = folder / "sources" / path.name
        if not target.exists():
            target.hardlink_to(path)
    config = {"sources_dir": "sources", "output_dir": "output", "templates_dir": None,
              "translation_memory": "memory/briefing.tmx"}
    (folder / "briefing.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder / "briefing.yaml"


def build(config: Path, date: str) -> tuple[float, float]:
    """Build the brief and return (wall seconds, peak RSS in MB of its largest process)."""
    command = [PYTHON, "-c", MEASURE, PYTHON, "-m", "briefing", "build", "--config", str(config), "--date", date,
               "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build of {config.parent} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, int(done.stdout.strip().splitlines()[-1]) / 1024


def first_builds(work: Path, pool: list[Path]) -> tuple[dict[int, tuple[float, float]], Path]:
    """Time the first builds of 1,000 and 5,000 sources; return the results and the 5,000 project."""
    results = {}
    for count in (1000, 5000):
        config = project(work / f"first-{count}", pool[:count])
        results[count] = build(config, FIRST)
        print(f"first build, {count:5d} sources  {results[count][0]:7.1f} s  "
              f"{results[count][0] / count * 1000:6.1f} ms/source  peak RSS {results[count][1]:5.0f} MB", flush=True)
    return results, work / "first-5000"


def new_sources_rounds(work: Path, archived: Path, new: list[Path], rounds: int) -> tuple[list[float], list[float]]:
    """Alternate: 20 new sources into the 5,000-source archive (restored after each round), the 20 alone."""
    backup = work / "archive-backup"
    shutil.copytree(archived / "memory", backup)
    into, alone = [], []
    for i in range(rounds):
        config = project(archived, new)
        into.append(build(config, NEXT)[0])
        for path in new:
            (archived / "sources" / path.name).unlink()
        shutil.rmtree(archived / "memory")
        shutil.copytree(backup, archived / "memory")
        alone.append(build(project(work / f"alone-{i}", new), NEXT)[0])
        print(f"round {i + 1}: 20 new into 5,000 {into[-1]:5.2f} s   the 20 alone {alone[-1]:5.2f} s", flush=True)
    return into, alone


def verdicts(first: dict[int, tuple[float, float]], into: list[float], alone: list[float]) -> list[bool]:
    """Print each target's figure and verdict; return whether each was met."""
    per_source = first[5000][0] / first[1000][0]
    rss = max(first[1000][1], first[5000][1])
    new_ratio = statistics.median(into) / statistics.median(alone)
    checks = [("5,000 / 1,000 first build", per_source, PER_SOURCE_TARGET, "≤"),
              ("peak RSS (MB)", rss, RSS_TARGET_MB, "<"),
              ("20 new into 5,000 / 20 alone", new_ratio, NEW_TARGET, "≤")]
    met = []
    for name, value, target, sign in checks:
        ok = value <= target if sign == "≤" else value < target
        met.append(ok)
        print(f"{name:30s} {value:7.2f}  (target {sign} {target}: {'OK' if ok else 'MISSED'})")
    return met


def main() -> None:
    """Make the sources, run the builds and print the ratios; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        work = Path(tmp)
        pool = make_sources(5000 // SEEDS + 4, work / "pool")  # 5,020 distinct sources
        first, archived = first_builds(work, pool[:5000])
        shutil.rmtree(work / "first-1000")
        into, alone = new_sources_rounds(work, archived, pool[5000:5020], rounds)
    if not all(verdicts(first, into, alone)):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
