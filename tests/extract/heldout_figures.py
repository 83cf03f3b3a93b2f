"""Score a blind held-out folder (texts and gold YAML side by side) the way `briefing extract` output is scored."""
from __future__ import annotations

from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from briefing import clean
from briefing import read as sources
from briefing.extract.figures import extract_figures
from tests.tools.score_extract import score_doc

TESTS = Path(__file__).resolve().parents[1]


def gold_files(folder: str) -> list[Path]:
    """Return the gold YAML files of a held-out folder under tests/."""
    return sorted((TESTS / folder).glob("*.yaml"))


@cache
def extracted(gold_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (gold, document JSON as `briefing extract` prints it) for one held-out text."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    cleaned = clean.clean_source(sources.read_source(gold_path.parent / gold["source"], 10_000_000))
    figs = [asdict(f) for f in extract_figures(cleaned.text, cleaned.lang)]
    return gold, {"source": gold["source"], "text": cleaned.text, "figures": figs, "lists": []}


@cache
def totals(folder: str) -> dict[str, Any]:
    """Score every text of a folder with score_doc; return the summed counts and the misses."""
    results = [score_doc(doc, gold, 2) for gold, doc in map(extracted, gold_files(folder))]
    out: dict[str, Any] = {k: sum(r[k] for r in results) for k in ("fig_req", "fig_hit", "fig_basis", "fig_n", "fig_fp")}
    out["missed"] = {r["source"]: r["fig_missed"] for r in results if r["fig_missed"]}
    out["false"] = {r["source"]: r["fig_fp_examples"] for r in results if r["fig_fp_examples"]}
    return out
