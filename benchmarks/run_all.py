"""Run every benchmark in this folder in turn; exit 1 if any missed its target.

Run: ./bootstrap.sh bench [NAME...]   (or .venv/bin/python benchmarks/run_all.py [NAME...])
NAME picks benchmarks by substring, e.g. `pair` runs bench_pair.py only.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def selected(names: list[str]) -> list[Path]:
    """Return the benchmark scripts whose names contain one of `names` (all when empty)."""
    scripts = sorted(HERE.glob("bench_*.py"))
    return [s for s in scripts if not names or any(n in s.stem for n in names)]


def main(argv: list[str]) -> int:
    """Run the selected benchmarks, print one verdict line each and return the exit code."""
    failed = []
    for script in selected(argv):
        print(f"== {script.name}", flush=True)
        code = subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode
        if code != 0:
            failed.append(script.name)
    print("benchmarks missed: " + ", ".join(failed) if failed else "benchmarks: all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
