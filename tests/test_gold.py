"""The whole extraction against the gold annotations (tests/gold, copies of shared/gold).

Scored with a copy of the project's scorer (tests/tools/score_extract.py), one test per
expectation so a failure names the document and what went wrong.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from briefing import pipeline, report
from briefing.config import Settings
from tests.tools import score_extract as scorer
from tests.tools.signs import sign_misses

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.yaml"))}


@lru_cache(maxsize=1)
def extracted() -> dict[str, dict]:
    """Run `briefing extract` on the shipped sources once; map source name → JSON document."""
    paths = sorted((ROOT / "sources").glob("*.txt"))
    result = pipeline.extract(paths, Settings(base_dir=ROOT))
    data = json.loads(report.extraction_json(result.documents, result.pairs))
    return {doc["source"]: doc for doc in data["documents"]}


def scored(stem: str, tier: int = 2) -> dict:
    gold = GOLD[stem]
    return scorer.score_doc(extracted().get(gold["source"]), gold, tier)


@pytest.mark.parametrize("stem", GOLD)
def test_required_figures_found_with_basis(stem):
    r = scored(stem)
    assert r["fig_missed"] == [], f"{stem}: missed {r['fig_missed']}"
    assert r["fig_basis"] == r["fig_req"], f"{stem}: basis right for {r['fig_basis']}/{r['fig_req']}"


@pytest.mark.parametrize("stem", GOLD)
def test_required_figures_have_the_right_sign(stem):
    assert sign_misses(extracted().get(GOLD[stem]["source"]), GOLD[stem]) == []


def test_figure_precision_over_all_samples():
    results = [scored(stem) for stem in GOLD]
    found = sum(r["fig_n"] for r in results)
    false = sum(r["fig_fp"] for r in results)
    examples = [e for r in results for e in r["fig_fp_examples"]]
    assert found and (found - false) / found >= 0.95, f"{false} false of {found}: {examples}"


@pytest.mark.parametrize("stem", GOLD)
def test_never_figures_absent(stem):
    never = {str(s) for s in GOLD[stem]["figures"].get("never") or []}
    texts = [f["text"] for f in extracted()[GOLD[stem]["source"]]["figures"]]
    wrong = [t for t in texts if any(t.strip() == n or t.strip().startswith(n + " ") for n in never)]
    assert wrong == []


@pytest.mark.parametrize("stem, list_id", [(s, gl["id"]) for s, g in GOLD.items()
                                           for gl in g["lists"] if gl["tier"] <= 2])
def test_gold_list_items_found_in_order(stem, list_id):
    gold_list = next(gl for gl in GOLD[stem]["lists"] if gl["id"] == list_id)
    lists = extracted()[GOLD[stem]["source"]]["lists"]
    matched, total = scorer.score_list(lists, gold_list["items"])
    required = total if gold_list["tier"] == 1 else max(1, int(0.9 * total + 0.999))
    assert matched >= required, f"{stem} list {list_id}: {matched}/{total} items"


@pytest.mark.parametrize("stem", GOLD)
def test_no_invented_lists(stem):
    """Every extracted list corresponds to some gold list (any tier)."""
    gold_lists = GOLD[stem]["lists"]
    for lst in extracted()[GOLD[stem]["source"]]["lists"]:
        best = max((scorer.score_list([lst], gl["items"])[0] for gl in gold_lists), default=0)
        assert best >= 2 or (best >= 1 and len(lst["items"]) <= 2), f"{stem}: no gold list for {lst['intro']!r}"


@pytest.mark.parametrize("stem", GOLD)
def test_pair_detected(stem):
    assert extracted()[GOLD[stem]["source"]]["pair"] == GOLD[stem]["pair"]


@pytest.mark.parametrize("stem", GOLD)
def test_language_title_and_date(stem):
    gold, doc = GOLD[stem], extracted()[GOLD[stem]["source"]]
    assert doc["lang"] == gold["lang"]
    assert doc["date"] == gold["date"]
    if gold.get("title_contains"):
        assert gold["title_contains"] in (doc["title"] or "")


@pytest.mark.parametrize("stem", GOLD)
def test_clean_text_contains_and_excludes(stem):
    r = scored(stem)
    assert r["clean_miss"] == [] and r["clean_leak"] == []


def test_sign_check_catches_a_decline_published_as_a_rise():
    gold = {"figures": {"required": [{"value": -2.5, "unit": "percent", "text": "同比增长−2.5%"}]}}
    assert sign_misses({"figures": [{"value": 2.5, "unit": "percent"}]}, gold) == ["同比增长−2.5%"]
    assert sign_misses({"figures": [{"value": -2.5, "unit": "percent"}]}, gold) == []
