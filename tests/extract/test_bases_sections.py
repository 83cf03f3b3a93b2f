"""Bases a sentence or a section states once for several rates (texts of our own)."""
from __future__ import annotations

import pytest

from briefing.extract.figures import extract_figures


def bases(text: str, lang: str) -> list[tuple[float, str]]:
    """Return (value, basis) of every rate of a text."""
    return [(f.value, f.basis) for f in extract_figures(text, lang) if f.unit == "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    # a gapped verb: "…, manufacturing 6.9 percent, and water 2.5 percent" grew as mining did
    ("Industrial output grew 5.8 percent year on year. By sector, mining went up by 4.1 percent, "
     "manufacturing 6.2 percent, and utilities 2.7 percent.", [(5.8, "yoy"), (4.1, "yoy"), (6.2, "yoy"), (2.7, "yoy")]),
    # no gapping where the noun phrase names a rate that is a level, or a "to" reading
    ("Exports rose 5.2 percent year on year, the jobless rate 5.0 percent.", [(5.2, "yoy"), (5.0, "level")]),
])
def test_a_gapped_verb_lends_its_rate_and_basis(text: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, "en") == expected


def test_of_which_details_the_headline_rate_of_the_sentence_before() -> None:
    text = "10月份，全国规模以上工业增加值同比增长5.3%，环比增长0.21%。其中，装备制造业增加值增长8.1%。"
    assert bases(text, "zh") == [(5.3, "yoy"), (0.21, "mom"), (8.1, "yoy")]


def test_a_section_heading_names_the_basis_of_its_paragraphs() -> None:
    text = ("一、同比变动情况\n\n生产资料价格下降2.4%。其中，采掘工业价格上涨0.6%。\n\n"
            "二、环比变动情况\n\n生产资料价格下降0.2%。其中，采掘工业价格下降1.4%，原材料工业价格上涨0.3%。")
    assert bases(text, "zh") == [(-2.4, "yoy"), (0.6, "yoy"), (-0.2, "mom"), (-1.4, "mom"), (0.3, "mom")]
    english = ("I. Year-on-year Changes of Producer Prices\n\nThe prices of the means of production fell 2.4 percent.\n\n"
               "II. Month-on-month Changes of Producer Prices\n\nThe prices of the means of production went down by 0.2 percent.")
    assert bases(english, "en") == [(-2.4, "yoy"), (-0.2, "mom")]


def test_growth_on_the_year_before_the_one_a_text_is_about_is_year_on_year() -> None:
    text = ("2023年全国棉花产量数据公告\n\n2023年全国棉花总产量561.8万吨，比2022年减少36.3万吨，下降6.1%。"
            "其中，新疆棉花产量511.2万吨，下降1.5%。2023年全国棉花播种面积2788.8千公顷。")
    assert bases(text, "zh") == [(-6.1, "yoy"), (-1.5, "yoy")]


def test_growth_on_an_earlier_base_year_keeps_no_basis() -> None:
    # 2019 is no year before 2024: a two-year or base-year comparison is not year on year
    text = "2024年全国旅游收入比2019年增长8.5%。2024年国内出游人次比2023年增长14.8%。"
    assert bases(text, "zh") == [(8.5, "none"), (14.8, "yoy")]


@pytest.mark.parametrize(("text", "expected"), [
    ("On a quarterly basis, GDP grew 1.1 percent in the second quarter.", [(1.1, "mom")]),
    ("Exports rose 4.2 percent year on year. The trade surplus widened 9.4 percent to 4.1 trillion yuan.",
     [(4.2, "yoy"), (9.4, "yoy")]),
])
def test_more_basis_and_direction_words(text: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one 比 for two comparatives, each value with its own: never the first one's sign for both
    ("广义货币余额同比增长7.5%，增速分别比上月末和上年同期高0.7个和低2.8个百分点。", [(0.7, "up"), (-2.8, "down")]),
    ("增速分别比上月末和上年同期低0.3个和高1.2个百分点。", [(-0.3, "down"), (1.2, "up")]),
])
def test_paired_comparatives_sign_each_value(text: str, expected: list[tuple[float, str]]) -> None:
    points = [(f.value, f.direction) for f in extract_figures(text, "zh") if f.unit == "percentage_point"]
    assert points == [(pytest.approx(v), d) for v, d in expected]


@pytest.mark.parametrize(("text", "expected"), [
    # the size of a decline compared: "more" deepens it (the rate moved down), "less" eases it
    ("Pork prices fell by 3.4 percent year on year, 0.7 percentage points more than in the previous month.", -0.7),
    ("Pork prices fell by 3.4 percent year on year, 0.7 percentage points less than in the previous month.", 0.7),
    ("Prices rose 2.1 percent year on year, 0.3 percentage points more than in May.", 0.3),
])
def test_a_decline_compared_in_size_signs_the_point_change(text: str, expected: float) -> None:
    points = [f.value for f in extract_figures(text, "en") if f.unit == "percentage_point"]
    assert points == [pytest.approx(expected)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the sign in words
    ("CPI growth turned negative at minus 0.5 percent year on year.", "en", [(-0.5, "yoy")]),
    # the earlier value of a decline is a decline too
    ("Producer prices were down 2.9 percent year on year, the decline easing from 2.8 percent in September.", "en",
     [(-2.9, "yoy"), (-2.8, "yoy")]),
    ("Output grew 5.2 percent year on year, up from 4.8 percent.", "en", [(5.2, "yoy"), (4.8, "yoy")]),
    # a growth rate's new value: positive whatever its verb, and no level
    ("M2 growth slowed to 7.5 percent.", "en", [(7.5, "none")]),
    ("The jobless rate fell to 5.0 percent.", "en", [(5.0, "level")]),
])
def test_signs_of_words_earlier_declines_and_new_growth_rates(text: str, lang: str,
                                                               expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == expected


def test_a_balance_that_narrowed_by_an_amount_is_a_negative_change() -> None:
    found = [(f.value, f.basis) for f in extract_figures(
        "The trade surplus narrowed by 12 billion dollars to 95.7 billion dollars.", "en")]
    assert found == [(-1.2e10, "change"), (9.57e10, "level")]


@pytest.mark.parametrize(("text", "expected"), [
    ("CPI edged up 0.2 percent year on year. The growth eased by 0.1 percentage points from October.", [-0.1]),
    ("Prices fell 0.6 percent year on year, the decline easing by 0.2 percentage points from October.", [0.2]),
])
def test_eased_growth_and_an_easing_decline_sign_points_apart(text: str, expected: list[float]) -> None:
    assert [f.value for f in extract_figures(text, "en") if f.unit == "percentage_point"] == expected


def test_amounts_after_a_gerund_by_are_signed_changes() -> None:
    text = ("Household loans increased by RMB2.08 trillion, with short-term loans dropping by RMB163.2 billion "
            "and long-term loans growing by RMB2.24 trillion.")
    assert [(f.value, f.basis) for f in extract_figures(text, "en")] == [
        (2.08e12, "change"), (-1.632e11, "change"), (2.24e12, "change")]
