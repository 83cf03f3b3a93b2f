"""The blind held-out set (tests/heldout2): texts and gold written without sight of the code.

Lists, pairs, language, titles and dates here; figures and cleaning have their own modules
(test_figures_heldout2.py, test_clean_heldout2.py). The gold writes traditional characters where
the source has them, while the spec normalises to simplified: expectations are converted likewise.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
import yaml

from briefing import pipeline, report
from briefing.config import Settings
from tests.tools import score_extract as scorer
from tests.tools.signs import sign_misses

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "heldout2"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.yaml"))}
SIMPLIFIED = opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def extracted() -> dict[str, dict]:
    """Extract the whole set once, as `briefing extract` would; map name → JSON document."""
    result = pipeline.extract(sorted(FOLDER.glob("*.txt")), Settings(base_dir=ROOT))
    data = json.loads(report.extraction_json(result.documents, result.pairs))
    return {doc["source"]: doc for doc in data["documents"]}


def doc(stem: str) -> dict:
    return extracted()[GOLD[stem]["source"]]


def test_the_set_is_there():
    assert len(GOLD) == 10 and all((FOLDER / g["source"]).is_file() for g in GOLD.values())


@pytest.mark.parametrize("stem", GOLD)
def test_declines_are_signed(stem):
    assert sign_misses(doc(stem), GOLD[stem]) == []


@pytest.mark.parametrize("stem", GOLD)
def test_pair(stem):
    assert doc(stem)["pair"] == GOLD[stem]["pair"]


@pytest.mark.parametrize("stem", GOLD)
def test_language_title_date(stem):
    gold, found = GOLD[stem], doc(stem)
    assert found["lang"] == gold["lang"]
    assert found["date"] == gold["date"]
    if gold.get("title_contains"):
        assert SIMPLIFIED.convert(gold["title_contains"]) in (found["title"] or "")


def test_list_items_tier_1_all_and_tier_2_most():
    by_tier = {1: [0, 0], 2: [0, 0]}
    for stem, gold in GOLD.items():
        for gold_list in gold["lists"]:
            if gold_list["tier"] in by_tier:
                matched, total = scorer.score_list(doc(stem)["lists"], gold_list["items"])
                by_tier[gold_list["tier"]][0] += matched
                by_tier[gold_list["tier"]][1] += total
    assert by_tier[1][0] == by_tier[1][1], by_tier
    assert by_tier[2][0] >= 0.9 * by_tier[2][1], by_tier


@pytest.mark.parametrize("stem", GOLD)
def test_no_invented_lists(stem):
    gold_lists = GOLD[stem]["lists"]
    for found in doc(stem)["lists"]:
        best = max((scorer.score_list([found], g["items"])[0] for g in gold_lists), default=0)
        assert best >= 2, f"{stem}: no gold list for {found['intro']!r}"
