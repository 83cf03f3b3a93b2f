"""Every clean.contains / clean.excludes of the blind held-out set tests/heldout2 holds."""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from briefing.clean import steps as clean
from briefing.models import Source
from tests.clean.test_clean import gold_cases

HELDOUT = Path(__file__).resolve().parents[1] / "heldout2"


def norm(s: str, compat: bool = True) -> str:
    """Normalise like tests/tools/score_extract.py's norm(); `compat=False` skips NFKC."""
    s = (unicodedata.normalize("NFKC", s or "") if compat else s or "").lower()
    s = re.sub(r"[\s\"'“”‘’«»]+", " ", s)
    return s.strip(" .,;:，。；：、")


@cache
def cleaned(stem: str) -> str:
    """Return a held-out text cleaned as the pipeline cleans it."""
    path = HELDOUT / f"{stem}.txt"
    text = path.read_text(encoding="utf-8")
    return clean.clean_source(Source(path, path.name, text, "utf-8", "txt", len(text.encode()))).text


def cases(key: str) -> list[tuple[str, str]]:
    """Return (stem, phrase) for every clean.<key> expectation in the held-out gold."""
    return gold_cases(key, HELDOUT)


def expected(phrase: str) -> str:
    """Return a gold phrase as cleaning shows it: traditional characters made simplified."""
    # the spec normalises traditional to simplified for extraction and display; 203's gold
    # quotes the traditional source, so compare its simplified form (the gold stays untouched)
    return clean.to_simplified(phrase)


@pytest.mark.parametrize(("stem", "phrase"), cases("contains"))
def test_heldout2_contains(stem: str, phrase: str) -> None:
    assert norm(expected(phrase)) in norm(cleaned(stem))


@pytest.mark.parametrize(("stem", "phrase"), cases("excludes"))
def test_heldout2_excludes(stem: str, phrase: str) -> None:
    text = cleaned(stem)
    # NFKC spells a lone "™" as "tm", which every "investment" holds: compare such symbols as written
    compat = unicodedata.normalize("NFKC", phrase).isalpha() == phrase.isalpha()
    assert norm(expected(phrase), compat) not in norm(text, compat)
    assert norm(phrase, compat) not in norm(text, compat)


def test_heldout2_has_expectations() -> None:
    assert len(cases("contains")) >= 10 and len(cases("excludes")) >= 40


@pytest.mark.parametrize("stem", sorted(p.stem for p in HELDOUT.glob("*.txt")))
def test_heldout2_cleaning_is_idempotent(stem: str) -> None:
    once = clean.clean_text((HELDOUT / f"{stem}.txt").read_text(encoding="utf-8"))
    assert clean.clean_text(once) == once
