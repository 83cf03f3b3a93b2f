"""Time `briefing build` on the shipped sources against a bare WeasyPrint render of its HTML.

Run: .venv/bin/python benchmarks/bench_build.py [--runs N]
Prints the median wall time of each and their ratio; the target is build ≤ 1.3 × bare render.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATE = "2024-03-27"
TARGET = 1.3


def temp_config(folder: Path) -> Path:
    """Copy briefing.yaml into `folder` with sources absolute and outputs kept in `folder`."""
    data = yaml.safe_load((REPO / "briefing.yaml").read_text(encoding="utf-8")) or {}
    data["sources_dir"] = str(REPO / data.get("sources_dir", "sources"))
    data["output_dir"] = str(folder / "output")
    if data.get("templates_dir"):
        data["templates_dir"] = str(REPO / data["templates_dir"])
    if data.get("translation_memory"):
        data["translation_memory"] = str(folder / "memory.tmx")  # never touch the repo's memory
    data.pop("email", None)
    path = folder / "briefing.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def timed(command: list[str]) -> float:
    """Run a command and return its wall time in seconds; fail loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> None:
    """Time both commands alternately and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = temp_config(folder)
        build = [PYTHON, "-m", "briefing", "build", "--config", str(config), "--date", DATE, "-q"]
        html = folder / "output" / f"brief-{DATE}.html"
        bare = [PYTHON, "-m", "weasyprint", str(html), str(folder / "bare.pdf")]
        timed(build)  # warm the disk cache and create the HTML the bare render reads
        builds, bares = [], []
        for _ in range(runs):  # alternate, so drift in machine load hits both alike
            builds.append(timed(build))
            bares.append(timed(bare))
    build_s, bare_s = statistics.median(builds), statistics.median(bares)
    ratio = build_s / bare_s
    print(f"briefing build     median {build_s:.3f} s  ({', '.join(f'{t:.3f}' for t in builds)})")
    print(f"weasyprint (bare)  median {bare_s:.3f} s  ({', '.join(f'{t:.3f}' for t in bares)})")
    print(f"ratio build/bare   {ratio:.2f}  (target ≤ {TARGET}: {'OK' if ratio <= TARGET else 'OVER'})")
    if ratio > TARGET:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
