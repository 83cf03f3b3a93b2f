"""Blind held-out set 2 (tests/heldout2): figure recall, precision and basis against its gold, via the scorer.

The gold already follows our sign convention (a decline with basis yoy, mom or change is negative),
so it is scored as written.
"""
from __future__ import annotations

from dataclasses import asdict
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing import clean
from briefing import read as sources
from briefing.extract.figures import extract_figures
from tests.tools.score_extract import score_doc

HELDOUT = Path(__file__).resolve().parents[1] / "heldout2"
GOLD = sorted(HELDOUT.glob("*.yaml"))
MIN_RECALL = 0.97
MIN_PRECISION = 0.95
MIN_BASIS = 0.92


@cache
def extracted(gold_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (gold, document JSON as `briefing extract` prints it) for one held-out text."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    cleaned = clean.clean_source(sources.read_source(HELDOUT / gold["source"], 10_000_000))
    figs = [asdict(f) for f in extract_figures(cleaned.text, cleaned.lang)]
    return gold, {"source": gold["source"], "text": cleaned.text, "figures": figs, "lists": []}


@lru_cache(maxsize=1)
def totals() -> dict[str, Any]:
    """Score every held-out text with score_doc; return the summed counts and the misses."""
    results = [score_doc(doc, gold, 2) for gold, doc in map(extracted, GOLD)]
    out: dict[str, Any] = {k: sum(r[k] for r in results) for k in ("fig_req", "fig_hit", "fig_basis", "fig_n", "fig_fp")}
    out["missed"] = {r["source"]: r["fig_missed"] for r in results if r["fig_missed"]}
    out["false"] = {r["source"]: r["fig_fp_examples"] for r in results if r["fig_fp_examples"]}
    return out


def test_heldout2_set_is_there() -> None:
    assert len(GOLD) >= 10


def test_heldout2_recall() -> None:
    t = totals()
    assert t["fig_hit"] / t["fig_req"] >= MIN_RECALL, t["missed"]


def test_heldout2_precision() -> None:
    t = totals()
    assert (t["fig_n"] - t["fig_fp"]) / max(t["fig_n"], 1) >= MIN_PRECISION, t["false"]


def test_heldout2_basis() -> None:
    t = totals()
    assert t["fig_basis"] / t["fig_req"] >= MIN_BASIS


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:3] for p in GOLD])
def test_heldout2_declines_are_negative(gold_path: Path) -> None:
    gold, doc = extracted(gold_path)
    for want in gold["figures"]["required"]:
        if float(want["value"]) < 0:
            assert any(f["value"] == pytest.approx(float(want["value"])) and f["unit"] == want["unit"]
                       for f in doc["figures"]), want["text"]


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:3] for p in GOLD])
def test_heldout2_never_strings_and_spans(gold_path: Path) -> None:
    gold, doc = extracted(gold_path)
    spans = {f["text"] for f in doc["figures"]}
    for never in gold["figures"].get("never") or []:
        assert never not in spans, never
    assert all(doc["text"][f["start"]:f["end"]] == f["text"] for f in doc["figures"])


if __name__ == "__main__":  # print the totals: .venv/bin/python -m tests.test_figures_heldout2
    print(totals())
