"""Compare briefing.figures with quantulum3 on the samples: throughput and gold recall/precision.

usage: .venv/bin/python benchmarks/bench_figures.py [--repeat N]

quantulum3 runs paragraph by paragraph (its fastest mode); both read the cleaned texts.
Accuracy uses the gold scorer's rule (same value and unit), over required + acceptable figures.
"""
from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path
from typing import Any

import yaml

from briefing import clean, sources
from briefing.figures import extract_figures

ROOT = Path(__file__).resolve().parent.parent
UNIT_MAP = {"percentage": "percent", "percentage point": "percentage_point", "chinese yuan": "yuan",
            "renminbi": "yuan", "united states dollar": "usd", "dollar": "usd", "dimensionless": "count"}


def load() -> list[tuple[str, str, dict[str, Any]]]:
    """Return (cleaned text, lang, gold) for every sample with a gold file."""
    out = []
    for gold_path in sorted((ROOT / "tests" / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        cleaned = clean.clean_source(sources.read_source(ROOT / "sources" / gold["source"], 10_000_000))
        out.append((cleaned.text, cleaned.lang, gold))
    return out


def ours(text: str, lang: str) -> list[tuple[float, str]]:
    """Run our extractor; return (value, unit) pairs."""
    return [(f.value, f.unit) for f in extract_figures(text, lang)]


def theirs(text: str, _lang: str) -> list[tuple[float, str]]:
    """Run quantulum3 paragraph by paragraph; return (value, unit) pairs in our unit names."""
    from quantulum3 import parser
    found = []
    for para in filter(None, (p.strip() for p in text.split("\n"))):
        for q in parser.parse(para):
            found.append((float(q.value), UNIT_MAP.get(q.unit.name, q.unit.name)))
    return found


def accuracy(found: list[tuple[float, str]], gold: dict[str, Any]) -> tuple[int, int, int, int]:
    """Return (required hit, required, extracted matching gold, extracted)."""
    def match(f: tuple[float, str], g: dict[str, Any]) -> bool:
        want = float(g["value"])
        return f[1] == g["unit"] and abs(f[0] - want) <= 1e-6 * max(1.0, abs(want))
    req = gold["figures"]["required"]
    allowed = req + (gold["figures"].get("acceptable") or [])
    hit = sum(any(match(f, g) for f in found) for g in req)
    good = sum(any(match(f, g) for g in allowed) for f in found)
    return hit, len(req), good, len(found)


def run(name: str, fn: Any, docs: list[tuple[str, str, dict[str, Any]]], repeat: int) -> dict[str, float]:
    """Time `fn` over all documents and score its output."""
    fn(docs[0][0], docs[0][1])  # warm caches and lazy imports outside the timing
    elapsed = float("inf")
    for _ in range(repeat):  # best of `repeat` runs: the least disturbed by other load on the box
        began = time.perf_counter()
        results = [fn(text, lang) for text, lang, _ in docs]
        elapsed = min(elapsed, time.perf_counter() - began)
    totals = [sum(x) for x in zip(*(accuracy(r, d[2]) for r, d in zip(results, docs)))]
    chars = sum(len(t) for t, _, _ in docs)
    return {"name": name, "seconds": elapsed, "chars_per_s": chars / elapsed,
            "recall": totals[0] / max(totals[1], 1), "precision": totals[2] / max(totals[3], 1),
            "found": totals[3]}


def main() -> None:
    """Run both extractors and print throughput, speed ratio and accuracy."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    docs = load()
    a = run("briefing.figures", ours, docs, args.repeat)
    b = run("quantulum3", theirs, docs, max(1, args.repeat // 4))
    for r in (a, b):
        print(f"{r['name']:17s} {r['chars_per_s'] / 1000:10.1f} kchar/s  ({r['seconds'] * 1000:8.1f} ms for "
              f"{len(docs)} texts)  recall {r['recall']:.3f}  precision {r['precision']:.3f}  "
              f"({r['found']:.0f} figures)")
    print(f"speed ratio briefing.figures / quantulum3: {a['chars_per_s'] / b['chars_per_s']:.1f}x")


if __name__ == "__main__":
    main()
