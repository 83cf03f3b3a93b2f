"""Blind held-out set 4 (tests/heldout4): 18 dirty pages written and annotated by an annotator who
never saw the code, before the extractor ran on them (tests/heldout4/README.md).

It was then used as a development set for cleaning round 2 (spam mirrors, related headlines,
promotion lines, rare symbols, toneless pinyin, keyed lists of two): it guards those rules now,
no longer measures how general they are — /work/annot/.final3 (outside the repository) did that.
Scored as `briefing extract` output is scored (tests/tools/score_extract.py) at tier 3.
"""
from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing import pipeline, report
from briefing.config import Settings
from tests.extract.test_lists_heldout3 import SIMPLIFIED, norm, simplified
from tests.tools.score_extract import score_doc

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "heldout4"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.yaml"))}
TARGETS = {"recall": 0.98, "precision": 0.97, "basis": 0.93, "items": 0.90}  # issue 14's, over the set


@cache
def extracted() -> dict[str, dict[str, Any]]:
    """Extract the whole set once, as `briefing extract` would; map name → JSON document."""
    result = pipeline.extract(sorted(FOLDER.glob("*.txt")), Settings(base_dir=ROOT))
    data = json.loads(report.extraction_json(result.documents, result.pairs))
    return {doc["source"]: doc for doc in data["documents"]}


@cache
def rates() -> dict[str, float]:
    """Return figure recall, precision, basis right and list-item recall (tier ≤ 3) over the set."""
    scores = [score_doc(extracted()[g["source"]], simplified(g), 3) for g in GOLD.values()]
    total = {k: sum(s[k] for s in scores) for k in ("fig_req", "fig_hit", "fig_basis", "fig_n", "fig_fp",
                                                     "item_hit", "item_n")}
    return {"recall": total["fig_hit"] / total["fig_req"],
            "precision": (total["fig_n"] - total["fig_fp"]) / max(total["fig_n"], 1),
            "basis": total["fig_basis"] / total["fig_req"], "items": total["item_hit"] / total["item_n"]}


def test_the_set_is_there() -> None:
    assert len(GOLD) == 18 and all((FOLDER / g["source"]).is_file() for g in GOLD.values())


@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_heldout4_meets_the_target(measure: str) -> None:
    assert rates()[measure] >= TARGETS[measure], rates()


def phrases(key: str) -> list[tuple[str, str]]:
    """Return (stem, phrase) for every clean.<key> expectation of the set."""
    return [(stem, p) for stem, gold in GOLD.items() for p in (gold.get("clean") or {}).get(key) or []]


@pytest.mark.parametrize("stem,phrase", phrases("contains"))
def test_clean_keeps(stem: str, phrase: str) -> None:
    assert norm(SIMPLIFIED.convert(phrase)) in norm(extracted()[GOLD[stem]["source"]]["text"])


@pytest.mark.parametrize("stem,phrase", phrases("excludes"))
def test_clean_drops(stem: str, phrase: str) -> None:
    text = extracted()[GOLD[stem]["source"]]["text"]
    compat = unicodedata.normalize("NFKC", phrase).isalpha() == phrase.isalpha()
    assert norm(SIMPLIFIED.convert(phrase), compat) not in norm(text, compat)


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_never_strings_are_no_figures(stem: str) -> None:
    spans = {f["text"] for f in extracted()[GOLD[stem]["source"]]["figures"]}
    assert not spans & set(GOLD[stem]["figures"].get("never") or [])
