"""Blind held-out set 2 (tests/heldout2): figure recall, precision and basis against its gold, via the scorer.

The gold already follows our sign convention (a decline with basis yoy, mom or change is negative),
so it is scored as written.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.heldout_figures import extracted, gold_files, totals

FOLDER = "heldout2"
GOLD = gold_files(FOLDER)
MIN_RECALL = 0.97
MIN_PRECISION = 0.95
MIN_BASIS = 0.92


def test_heldout2_set_is_there() -> None:
    assert len(GOLD) >= 10


def test_heldout2_recall() -> None:
    t = totals(FOLDER)
    assert t["fig_hit"] / t["fig_req"] >= MIN_RECALL, t["missed"]


def test_heldout2_precision() -> None:
    t = totals(FOLDER)
    assert (t["fig_n"] - t["fig_fp"]) / max(t["fig_n"], 1) >= MIN_PRECISION, t["false"]


def test_heldout2_basis() -> None:
    t = totals(FOLDER)
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


if __name__ == "__main__":  # print the totals: .venv/bin/python -m tests.extract.test_figures_heldout2
    print(totals(FOLDER))
