"""Held-out figure texts (tests/heldout/figures_*): recall and precision against their gold, via the scorer."""
from __future__ import annotations

import re
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing import clean
from briefing import read as sources
from briefing.extract.figures import extract_figures
from tests.tools.score_extract import score_doc

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
GOLD = sorted(HELDOUT.glob("figures_*.yaml"))
MIN_RECALL = 0.9
MIN_PRECISION = 0.9
# This gold predates the signed-decline convention (a decline with basis yoy, mom or change is
# negative): its decline values are positive, so they are signed here from the gold's own span.
DECLINE = re.compile(r"下降|回落|减少|降低|下滑|\b(?:down|dropp?(?:ed)?|decrease[ds]?|declined?|fell|lower|cut)\b",
                     re.I)
# It also predates the physical units (README: tons, kwh, kw, cubic_metres, square_metres, teu): its
# amounts in those units are counts, so they are given the unit their own span is written in.
PHYSICAL = [(re.compile(p, re.I), unit) for p, unit in (
    (r"平方米|square met", "square_metres"), (r"立方米|cubic met", "cubic_metres"), (r"千瓦时|kilowatt-hour|kwh", "kwh"),
    (r"千瓦|kilowatt", "kw"), (r"吨|\btonn?e?s?\b", "tons"), (r"标准箱|\bTEU", "teu"))]


def signed_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """Return the gold with its decline figures made negative and its physical amounts in their units."""
    def sign(fig: dict[str, Any]) -> dict[str, Any]:
        fig = {**fig, "unit": physical_unit(fig)}
        falling = fig.get("basis") in ("yoy", "mom", "change") and DECLINE.search(fig.get("text", ""))
        return {**fig, "value": -abs(float(fig["value"]))} if falling else fig
    figures = {k: [sign(f) for f in v or []] if k in ("required", "acceptable") else v
               for k, v in gold["figures"].items()}
    return {**gold, "figures": figures}


def physical_unit(fig: dict[str, Any]) -> str:
    """Return the physical unit a count of this gold is written in, else its own unit."""
    if fig.get("unit") != "count":
        return str(fig.get("unit"))
    return next((unit for pattern, unit in PHYSICAL if pattern.search(fig.get("text", ""))), "count")


@cache
def extracted(gold_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (gold, document JSON as `briefing extract` prints it) for one held-out text."""
    gold = signed_gold(yaml.safe_load(gold_path.read_text(encoding="utf-8")))
    cleaned = clean.clean_source(sources.read_source(HELDOUT / gold["source"], 10_000_000))
    figs = [asdict(f) for f in extract_figures(cleaned.text, cleaned.lang)]
    return gold, {"source": gold["source"], "text": cleaned.text, "figures": figs, "lists": []}


def scores() -> list[dict[str, Any]]:
    """Score every held-out text with the gold scorer's score_doc."""
    return [score_doc(doc, gold, 2) for gold, doc in map(extracted, GOLD)]


def test_heldout_set_is_there() -> None:
    assert len(GOLD) >= 6


def test_heldout_recall_and_precision() -> None:
    results = scores()
    req, hit = sum(r["fig_req"] for r in results), sum(r["fig_hit"] for r in results)
    n, fp = sum(r["fig_n"] for r in results), sum(r["fig_fp"] for r in results)
    missed = {r["source"]: r["fig_missed"] for r in results if r["fig_missed"]}
    false = {r["source"]: r["fig_fp_examples"] for r in results if r["fig_fp_examples"]}
    assert hit / req >= MIN_RECALL, missed
    assert (n - fp) / max(n, 1) >= MIN_PRECISION, false


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_heldout_never_strings(gold_path: Path) -> None:
    gold, doc = extracted(gold_path)
    spans = {f["text"] for f in doc["figures"]}
    for never in gold["figures"].get("never") or []:
        assert never not in spans, never
    assert all(doc["text"][f["start"]:f["end"]] == f["text"] for f in doc["figures"])


if __name__ == "__main__":  # print the per-text report: .venv/bin/python -m tests.test_figures_heldout
    for r in scores():
        print(f"{r['source']}: {r['fig_hit']}/{r['fig_req']} basis {r['fig_basis']}, {r['fig_fp']} false of "
              f"{r['fig_n']}\n  missed {r['fig_missed']}\n  false  {r['fig_fp_examples']}")
