"""Measure lists on the held-out texts (tests/heldout/lists_*.txt), scored with the project scorer.

The texts are not derived from the samples and their gold was written before the extractor ran
on them, so these tests measure how well the rules generalise.
"""
from __future__ import annotations

from dataclasses import asdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from briefing import clean
from briefing import read as sources
from briefing.extract import lists as measures
from briefing.models import MeasureList
from tests.tools import score_extract as scorer

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(HELDOUT.glob("lists_*.yaml"))}
CASES = [(stem, gl["id"]) for stem, doc in GOLD.items() for gl in doc["lists"]]


@cache
def _extracted(stem: str) -> tuple[MeasureList, ...]:
    """Return the lists extracted from a held-out text, cleaned as the pipeline cleans it."""
    source = sources.read_source(HELDOUT / GOLD[stem]["source"], 10_000_000)
    return measures.extract_lists(clean.clean_source(source).text, GOLD[stem]["lang"])


def _as_json(lists: tuple[MeasureList, ...]) -> list[dict]:
    """Return lists in the shape the scorer reads."""
    return [asdict(m) for m in lists]


def _gold_list(stem: str, list_id: str) -> dict:
    """Return one gold list by id."""
    return next(gl for gl in GOLD[stem]["lists"] if gl["id"] == list_id)


def _best(stem: str, gold: dict) -> tuple[int, MeasureList | None]:
    """Return the extracted list matching most gold items in order, with that count."""
    found = [(scorer.score_list([asdict(m)], gold["items"])[0], m) for m in _extracted(stem)]
    return max(found, key=lambda f: f[0], default=(0, None))


TIER12 = [c for c in CASES if _gold_list(*c)["tier"] <= 2]


@pytest.mark.parametrize("stem,list_id", TIER12)
def test_heldout_list_recall(stem: str, list_id: str) -> None:
    """Tier-1 lists are found whole, tier-2 lists at 90 % of their items, in order."""
    gold = _gold_list(stem, list_id)
    matched, total = scorer.score_list(_as_json(_extracted(stem)), gold["items"])
    required = total if gold["tier"] == 1 else max(1, int(0.9 * total + 0.999))
    assert matched >= required, f"{stem} {list_id}: {matched}/{total}"


@pytest.mark.parametrize("stem,list_id", TIER12)
def test_heldout_list_count_and_completeness(stem: str, list_id: str) -> None:
    """The matching list carries the announced count, the tier and completeness of the gold."""
    gold = _gold_list(stem, list_id)
    _, match = _best(stem, gold)
    assert match is not None
    assert (match.tier, match.announced, match.complete) == \
        (gold["tier"], gold.get("announced"), gold.get("complete", True))


@pytest.mark.parametrize("stem,list_id", [c for c in CASES if _gold_list(*c).get("parent")])
def test_heldout_nested_parent(stem: str, list_id: str) -> None:
    """A nested list names the enclosing list and item the gold names."""
    gold = _gold_list(stem, list_id)
    parent_id, item_n = gold["parent"]
    _, match = _best(stem, gold)
    _, outer = _best(stem, _gold_list(stem, parent_id))
    assert match is not None and outer is not None
    assert match.parent == (_extracted(stem).index(outer), item_n)


@pytest.mark.parametrize("stem", GOLD)
def test_heldout_no_invented_lists(stem: str) -> None:
    """Every extracted list corresponds to a gold list (any tier), as in tests/test_gold.py."""
    gold_lists = GOLD[stem]["lists"]
    for lst in _as_json(_extracted(stem)):
        best = max((scorer.score_list([lst], gl["items"])[0] for gl in gold_lists), default=0)
        assert best >= 2 or (best >= 1 and len(lst["items"]) <= 2), f"invented: {lst['intro']!r}"


def test_heldout_total_recall() -> None:
    """Across the held-out set, tier-1/2 item recall is at least 0.95."""
    hit = total = 0
    for stem, list_id in TIER12:
        m, n = scorer.score_list(_as_json(_extracted(stem)), _gold_list(stem, list_id)["items"])
        hit, total = hit + m, total + n
    assert hit / total >= 0.95, f"{hit}/{total}"
