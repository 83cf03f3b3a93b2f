"""Pairing on realistic texts written for these tests (tests/bilingual/texts, annotated in cases.yaml).

Statistics releases and a press-conference transcript without lists, each pair cut or changed
differently; a reprint; distractors of each kind: a statistician's commentary, a news report
quoting some numbers, a same-day release on another indicator, a news report on the press
conference, and the previous month's release in the same words (which pairs with its own
translation only).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from briefing import pipeline, report
from briefing.bilingual.confidence import score
from briefing.bilingual.evidence import document_evidence
from briefing.config import Settings
from briefing.models import Document

ROOT = Path(__file__).resolve().parents[2]
TEXTS = Path(__file__).resolve().parent / "texts"
CASES = yaml.safe_load((TEXTS / "cases.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def extraction() -> pipeline.Extraction:
    return pipeline.extract(sorted(TEXTS.glob("*.txt")), Settings(base_dir=ROOT, translation_memory=None))


@lru_cache(maxsize=1)
def as_json() -> dict[str, dict]:
    ex = extraction()
    return {d["source"]: d for d in json.loads(report.extraction_json(ex.documents, ex.pairs))["documents"]}


def document(name: str) -> Document:
    return next(d for d in extraction().documents if d.name == name)


def scored(en: str, zh: str):
    return score(document_evidence(document(en)), document_evidence(document(zh)))


@pytest.mark.parametrize(("en", "zh"), CASES["pairs"])
def test_every_true_pair_is_found(en, zh):
    assert as_json()[en]["pair"] == zh and as_json()[zh]["pair"] == en
    assert as_json()[en]["pair_rank"] == 1 and as_json()[en]["pair_confidence"] >= 0.9


def test_no_false_pair():
    true = {tuple(p) for p in CASES["pairs"]}
    found = {(p.en, p.zh) for p in extraction().pairs}
    assert found == true


@pytest.mark.parametrize("name", sorted(CASES["distractors"]))
def test_distractors_stay_unpaired_with_a_wide_margin(name):
    assert as_json()[name]["pair"] is None
    lang = document(name).lang
    others = [d.name for d in extraction().documents if d.lang != lang]
    best = max((scored(name, o) if lang == "en" else scored(o, name)).confidence for o in others)
    assert best < 0.3  # far below the 0.6 threshold, against every document of the other language


def test_reprint_best_version_chosen_and_runner_up_listed():
    (en, (best, runner)), = CASES["reprints"].items()
    doc = as_json()[en]
    assert doc["pair"] == best and doc["pair_runner_up"]["source"] == runner
    assert 0.6 <= doc["pair_runner_up"]["confidence"] <= doc["pair_confidence"]
    assert as_json()[runner]["pair"] == en and as_json()[runner]["pair_rank"] == 2
    assert as_json()[best]["pair_runner_up"] is None  # listed on the document both versions translate


def test_runner_up_is_not_an_article_of_its_own():
    from briefing.bilingual.articles import make_articles
    from briefing.bilingual.glossary import load_glossary

    ex = extraction()
    articles = make_articles(ex.documents, ex.pairs, load_glossary(None), None, 85)
    (_, (_, runner)), = CASES["reprints"].items()
    assert all(runner not in a.sources for a in articles)
    assert len(articles) == len(ex.documents) - len(ex.pairs) - 1


def test_previous_month_release_is_told_apart_by_its_period():
    found = scored("ip_jul_en.txt", "ip_aug_zh.txt")
    assert found.confidence < 0.01
    assert any(e.startswith("periods differ: July vs August") for e in found.evidence)


@pytest.mark.parametrize(("en", "zh"), [("ip_aug_en.txt", "ip_aug_comment_zh.txt"),
                                      ("ip_aug_report_en.txt", "ip_aug_zh.txt"),
                                      ("mofcom_sep_en.txt", "mofcom_news_zh.txt")])
def test_commentary_and_reports_are_told_apart_by_the_numbers_they_miss(en, zh):
    found = scored(en, zh)
    assert found.confidence < 0.01
    assert not any("periods differ" in e for e in found.evidence)  # the period does not tell them apart
    common = int(found.evidence[0].split()[0])
    missing = int(next(e for e in found.evidence if "missing from the other version" in e).split()[0])
    assert common >= 3 and missing >= common  # they share numbers, but miss at least as many of the other's
    assert any("passages where each version has numbers the other lacks" in e for e in found.evidence)


def test_a_cut_translation_is_judged_on_the_stretch_both_cover():
    found = scored("ip_aug_en.txt", "ip_aug_zh.txt")  # the Chinese page stops at 40% of the English
    assert found.confidence >= 0.99
    assert "100% of the shorter version's numbers are in the other" in found.evidence
    missing = next(e for e in found.evidence if "missing from the other version" in e)
    assert int(missing.split()[0]) <= 1  # the English numbers after the cut do not count against it


def test_evidence_says_what_decided():
    evidence = as_json()["mofcom_sep_en.txt"]["pair_evidence"]
    assert evidence[0].startswith("13 figures in common (distinctive numbers, units normalised), 13 in the same order")
    assert "847.17 billion" in evidence[0]  # ↔ 8471.7亿元: one number once units are normalised
    assert any(e.startswith("dates in the text in common: ") for e in evidence)
    assert evidence[-1].startswith("log-odds +")


def test_labels_come_from_the_counterpart_and_say_so():
    doc = as_json()["ip_aug_en.txt"]
    paired = [f for f in doc["figures"] if f["counterpart"] is not None]
    assert len(paired) >= 15
    other = as_json()["ip_aug_zh.txt"]["figures"]
    for fig in paired:
        twin = other[fig["counterpart"]]
        assert math.isclose(twin["value"], fig["value"], rel_tol=1e-9) and twin["unit"] == fig["unit"]
        assert twin["counterpart"] == doc["figures"].index(fig)
        if twin["label"]:
            assert fig["labels"] == {"en": fig["label"], "zh": twin["label"], "en_origin": "source",
                                     "zh_origin": "pair", "match": None}
    order = [f["counterpart"] for f in paired]
    swaps = sum(a > b for a, b in zip(order, order[1:]))
    assert swaps <= 1  # in order, but for "28 out of the 41" ↔ 41个…中有28个, swapped within the sentence


def test_unpaired_documents_have_no_labels_fields_filled():
    doc = as_json()["retail_aug_en.txt"]
    assert doc["pair"] is None and doc["pair_rank"] is None and doc["pair_runner_up"] is None
    assert all(f["counterpart"] is None and f["labels"] is None for f in doc["figures"])
