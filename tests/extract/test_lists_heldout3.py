"""Lists and cleaning on the blind held-out set 3 (tests/heldout3: 10 list- and cleaning-focused
texts, 12 figure-focused ones, gold written by an annotator who never saw the code).

Scored as `briefing extract` output is scored (tests/tools/score_extract.py, score_doc). The gold
quotes traditional characters where a page has them while cleaning makes text simplified, as the
README promises: such expectations are compared in their simplified form (the gold stays as
written), as tests/test_heldout2.py does.
"""
from __future__ import annotations

import copy
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml

from briefing import pipeline, report
from briefing.config import Settings
from tests.tools.score_extract import score_doc, score_list

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "heldout3"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.yaml"))}
SIMPLIFIED = opencc.OpenCC("t2s")


@cache
def extracted() -> dict[str, dict[str, Any]]:
    """Extract the whole set once, as `briefing extract` would; map name → JSON document."""
    result = pipeline.extract(sorted(FOLDER.glob("*.txt")), Settings(base_dir=ROOT))
    data = json.loads(report.extraction_json(result.documents, result.pairs))
    return {doc["source"]: doc for doc in data["documents"]}


def simplified(gold: dict[str, Any]) -> dict[str, Any]:
    """Return a gold file with its list items and clean phrases in simplified characters."""
    out = copy.deepcopy(gold)
    for lst in out["lists"]:
        lst["items"] = [SIMPLIFIED.convert(item) for item in lst["items"]]
    for key in ("contains", "excludes"):
        out["clean"][key] = [SIMPLIFIED.convert(p) for p in out["clean"].get(key) or []]
    return out


def recall(max_tier: int) -> tuple[int, int, list[str]]:
    """Return list items found and expected over the set up to a tier, and the lists short of items."""
    hit = total = 0
    short: list[str] = []
    for stem, gold in GOLD.items():
        result = score_doc(extracted()[gold["source"]], simplified(gold), max_tier)
        hit, total = hit + result["item_hit"], total + result["item_n"]
        short += [f"{stem[:3]} {entry}" for entry in result["lists"] if entry.split(":")[1].split("/")[0]
                  != entry.split("/")[1]]
    return hit, total, short


def test_the_set_is_there() -> None:
    assert len(GOLD) == 22 and all((FOLDER / g["source"]).is_file() for g in GOLD.values())
    assert sum(len(g["lists"]) for g in GOLD.values()) >= 40


def test_list_item_recall_all_tiers() -> None:
    hit, total, short = recall(3)
    assert hit / total >= 0.90, f"{hit}/{total}: {short}"


def test_list_item_recall_tiers_1_and_2() -> None:
    hit, total, short = recall(2)
    assert hit / total >= 0.90, f"{hit}/{total}: {short}"


def gold_lists() -> list[tuple[str, str]]:
    """Return (stem, list id) for every gold list of the set."""
    return [(stem, lst["id"]) for stem, gold in GOLD.items() for lst in gold["lists"]]


@pytest.mark.parametrize("stem,list_id", [c for c in gold_lists()
                                          if next(lst for lst in GOLD[c[0]]["lists"] if lst["id"] == c[1])
                                          .get("complete") is False])
def test_lists_cut_short_say_so(stem: str, list_id: str) -> None:
    """A list the page cuts short is found with its count and complete: false."""
    gold = next(lst for lst in simplified(GOLD[stem])["lists"] if lst["id"] == list_id)
    lists = extracted()[GOLD[stem]["source"]]["lists"]
    match = max(lists, key=lambda lst: score_list([lst], gold["items"])[0])
    assert (match["announced"], match["complete"]) == (gold["announced"], False)


def norm(s: str, compat: bool = True) -> str:
    """Normalise like the scorer's norm(); `compat=False` skips NFKC."""
    s = (unicodedata.normalize("NFKC", s or "") if compat else s or "").lower()
    s = re.sub(r"[\s\"'“”‘’«»]+", " ", s)
    return s.strip(" .,;:，。；：、")


def phrases(key: str) -> list[tuple[str, str]]:
    """Return (stem, phrase) for every clean.<key> expectation of the set."""
    return [(stem, p) for stem, gold in GOLD.items() for p in (gold.get("clean") or {}).get(key) or []]


@pytest.mark.parametrize("stem,phrase", phrases("contains"))
def test_clean_keeps(stem: str, phrase: str) -> None:
    text = extracted()[GOLD[stem]["source"]]["text"]
    assert norm(SIMPLIFIED.convert(phrase)) in norm(text)


@pytest.mark.parametrize("stem,phrase", phrases("excludes"))
def test_clean_drops(stem: str, phrase: str) -> None:
    text = extracted()[GOLD[stem]["source"]]["text"]
    # NFKC spells "™" as "tm": compare such symbols as written (as tests/clean/test_clean_heldout2.py)
    compat = unicodedata.normalize("NFKC", phrase).isalpha() == phrase.isalpha()
    assert norm(SIMPLIFIED.convert(phrase), compat) not in norm(text, compat)
    assert norm(phrase, compat) not in norm(text, compat)
