"""Diffusion-index readings written without a unit, as English wires write PMI data (texts of our own)."""
from __future__ import annotations

import pytest

from briefing.extract.figures import extract_figures


def found(text: str) -> list[tuple[float, str, str]]:
    """Return (value, unit, basis) of every figure of an English text."""
    return [(f.value, f.unit, f.basis) for f in extract_figures(text, "en")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The official manufacturing PMI came in at 49.5 in May, up 0.3 points from April.",
     [(49.5, "percent", "level"), (0.3, "percentage_point", "change")]),
    ("China's non-manufacturing business activity index stood at 50.2 in June, down 0.1 points from May.",
     [(50.2, "percent", "level"), (-0.1, "percentage_point", "change")]),
    ("The sub-index for new export orders rose to 47.6, while that for production was 50.8.",
     [(47.6, "percent", "level"), (50.8, "percent", "level")]),
    ("Large firms registered a PMI reading of 51.1 last month.", [(51.1, "percent", "level")]),
])
def test_bare_index_readings_are_percent_levels(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "A PMI reading above 50 indicates expansion, while a reading below 50 reflects contraction.",
    "The PMI has stayed below 50 for three months.",
])
def test_the_boom_bust_line_is_no_figure(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    # no diffusion index named: a stock index's points are no percentage points, its level no percent
    "The Shanghai Composite Index rose 15 points to close at 3,051.8 on Monday.",
    "The bureau surveyed 3,200 enterprises in May, and 48 of them were in Tianjin.",
])
def test_other_bare_numbers_are_not_index_readings(text: str) -> None:
    assert not [f for f in found(text) if f[1] in ("percent", "percentage_point")]


# --- bases read in the blind set 5 (/work/annot/.final3) misses, on texts of our own -----------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a cue right after a rate is its own, not the one the figure before ended with
    ("Producer prices rose 0.2 percent month on month and fell 1.8 percent year on year in May.", "en",
     [(0.2, "percent", "mom"), (-1.8, "percent", "yoy")]),
    # growth over a cumulative period is year on year, said or not
    ("Retail sales registered growth of 4.6 percent in the first half of the year.", "en", [(4.6, "percent", "yoy")]),
    # interest and reserve rates are levels, the earlier one too
    ("一年期贷款市场报价利率由此前的3.35%下调为3.10%。", "zh", [(3.35, "percent", "level"), (3.1, "percent", "level")]),
    ("The one-year loan prime rate was lowered to 3.1 percent.", "en", [(3.1, "percent", "level")]),
    # 净增 / 净减: a net change, signed
    ("全市新能源汽车保有量比上年末净增12.6万辆，燃油车净减3.4万辆。", "zh",
     [(126000.0, "count", "change"), (-34000.0, "count", "change")]),
])
def test_bases_of_rates_and_net_changes(text: str, lang: str, expected: list[tuple[float, str, str]]) -> None:
    got = [(f.value, f.unit, f.basis) for f in extract_figures(text, lang)]
    assert got == [(pytest.approx(v), u, b) for v, u, b in expected]
