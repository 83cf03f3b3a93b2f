"""The blind pairs set (tests/pairs): written and annotated by someone who never saw the code.

Seven true pairs of statistics releases and a press-conference transcript, none with a measure
list, each half cut at a different point; one English release with two Chinese versions (the
official one and a mirror's reprint); distractors: a statistician's commentary, news reports on
the retail release and on the press conference, a same-day release on another indicator, and the
previous month's release in the same words (a true pair of its own). pairs.yaml lists them.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from briefing import pipeline, report
from briefing.config import Settings
from tests.tools import score_extract as scorer

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "pairs"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("4*.yaml"))}
SET = yaml.safe_load((FOLDER / "pairs.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def extracted() -> dict[str, dict]:
    """Extract the whole set once, as `briefing extract` would; map name → JSON document."""
    result = pipeline.extract(sorted(FOLDER.glob("*.txt")), Settings(base_dir=ROOT, translation_memory=None))
    data = json.loads(report.extraction_json(result.documents, result.pairs))
    return {doc["source"]: doc for doc in data["documents"]}


def test_the_set_is_there():
    assert len(GOLD) == 19 and all((FOLDER / g["source"]).is_file() for g in GOLD.values())
    assert len(SET["pairs"]) >= 6 and len(SET["distractors"]) >= 4 and SET["reprints"]


@pytest.mark.parametrize(("en", "zh"), SET["pairs"])
def test_true_pair_found(en, zh):
    assert extracted()[en]["pair"] == zh and extracted()[zh]["pair"] == en
    assert extracted()[en]["pair_rank"] == extracted()[zh]["pair_rank"] == 1


def test_no_false_pair():
    chosen = {(d["source"], d["pair"]) for d in extracted().values() if d["lang"] == "en" and d["pair"]}
    assert chosen == {tuple(p) for p in SET["pairs"]}
    runners = {d["source"] for d in extracted().values() if d["pair_rank"] == 2}
    assert runners == {versions[1] for versions in SET["reprints"].values()}


@pytest.mark.parametrize("stem", GOLD)
def test_pair_field_matches_the_gold(stem):
    assert scorer.score_doc(extracted()[GOLD[stem]["source"]], GOLD[stem], 2)["pair_ok"]


@pytest.mark.parametrize(("en", "versions"), SET["reprints"].items())
def test_reprint_best_version_chosen_and_runner_up_listed(en, versions):
    best, runner = versions
    doc = extracted()[en]
    assert doc["pair"] == best
    assert doc["pair_runner_up"]["source"] == runner
    assert doc["pair_runner_up"]["confidence"] <= doc["pair_confidence"]
    assert extracted()[runner]["pair"] == en and extracted()[runner]["pair_rank"] == 2


@pytest.mark.parametrize("name", sorted(SET["distractors"]))
def test_distractor_not_paired_with_what_it_imitates(name):
    pair = extracted()[name]["pair"]
    own = {b if a == name else a for a, b in SET["pairs"] if name in (a, b)}  # 407/418 pair with each other
    assert pair is None or pair in own


def test_paired_figures_carry_their_counterpart_and_labels():
    for en, zh in SET["pairs"]:
        figures_en, figures_zh = extracted()[en]["figures"], extracted()[zh]["figures"]
        twins = [(f, figures_zh[f["counterpart"]]) for f in figures_en if f["counterpart"] is not None]
        assert len(twins) >= 10, en
        assert all(math.isclose(a["value"], b["value"], rel_tol=1e-9) and a["unit"] == b["unit"] for a, b in twins)
        assert all(a["labels"]["zh_origin"] == "pair" for a, b in twins if a["label"] and b["label"])
