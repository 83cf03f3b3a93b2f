"""Candidates come from an inverted index of rare numbers: no document is compared with all others."""
from __future__ import annotations

import random

from briefing.bilingual import index, pair
from briefing.bilingual.evidence import document_evidence
from tests.bilingual.test_pair import doc


def release(k: int, lang: str, rng: random.Random) -> tuple:
    """Return an English or Chinese release whose numbers are its own (k seeds them)."""
    local = random.Random(k)
    values = [round(local.uniform(1000, 99999), 1) for _ in range(4)] + [round(local.uniform(1, 9), 1)]
    if lang == "en":
        text = (f"In May, retail sales reached {values[0]:,.1f} billion yuan, up by {values[4]} percent. "
                f"Investment reached {values[1]:,.1f} billion yuan and exports {values[2]:,.1f} billion yuan; "
                f"imports {values[3]:,.1f} billion yuan.")
    else:
        text = (f"5月份，社会消费品零售总额{values[0]*10:.0f}亿元，同比增长{values[4]}%。"
                f"投资{values[1]*10:.0f}亿元，出口{values[2]*10:.0f}亿元，进口{values[3]*10:.0f}亿元。")
    return doc(f"{k:03d}_{lang}.txt", lang, text)


def test_candidates_grow_with_the_documents_not_their_pairs():
    rng = random.Random(1)
    english = [document_evidence(release(k, "en", rng)) for k in range(60)]
    chinese = [document_evidence(release(k, "zh", rng)) for k in range(60)]
    found = index.candidate_pairs(english, chinese)
    assert {(e, e) for e in range(60)} <= set(found)  # every translation is a candidate
    assert len(found) < 2 * 60  # not 60 × 60


def test_a_number_in_many_documents_finds_nothing():
    common = [document_evidence(doc(f"{k}.txt", "en", "Sales reached 4,132.6 billion yuan.")) for k in range(70)]
    chinese = [document_evidence(doc("z.txt", "zh", "社会消费品零售总额41326亿元。"))]
    assert index.candidate_pairs(common, chinese) == []  # 70 > max_postings: common, not evidence


def test_find_pairs_pairs_each_release_with_its_own_translation():
    rng = random.Random(2)
    docs = [release(k, lang, rng) for k in range(30) for lang in ("en", "zh")]
    found = {(p.en, p.zh) for p in pair.find_pairs(docs, 0.6)}
    assert found == {(f"{k:03d}_en.txt", f"{k:03d}_zh.txt") for k in range(30)}
