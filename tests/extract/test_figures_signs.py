"""Signs and languages (issue 13, "wrong numbers"): minus signs, negative-growth wording, mixed texts.

A decline is negative when the figure is a growth rate or a change, whatever way the text writes
it; a level or a share stays positive. A sentence in the other language of a mixed text is read
with its own language's cues.
"""
from __future__ import annotations

import pytest

from briefing.extract.figures import extract_figures
from briefing.models import Figure
from briefing.primitives import sentence_lang


def last(text: str, lang: str) -> Figure:
    """Return the last figure of `text`."""
    found = extract_figures(text, lang)
    assert found, text
    return found[-1]


# --- every minus sign ------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,value", [
    ("1—5月，进口同比增长−2.5%。", "zh", -2.5),                    # U+2212 minus sign
    ("规模以上工业企业利润同比增长-2.3%。", "zh", -2.3),            # ASCII hyphen-minus
    ("原油进口量增长－2.5％。", "zh", -2.5),                         # full-width minus and percent
    ("钢材出口额增长﹣1.1%。", "zh", -1.1),                          # small hyphen-minus U+FE63
    ("水泥产量同比增长‒4.0%。", "zh", -4.0),                         # figure dash U+2012
    ("粗钢产量同比增长–0.7%。", "zh", -0.7),                         # en dash used as a minus
    ("The index of services production grew −0.4 percent year on year.", "en", -0.4),
    ("Industrial profits changed by -2.3% year on year in May.", "en", -2.3),
    ("Exports grew by －1.5% year on year.", "en", -1.5),
])
def test_every_minus_sign_gives_a_negative_value(text: str, lang: str, value: float) -> None:
    fig = last(text, lang)
    assert fig.value == pytest.approx(value)
    assert fig.direction == "down"
    assert text[fig.start:fig.end] == fig.text and fig.text[0] in "-−－﹣‒–"


@pytest.mark.parametrize("text,lang,value,basis", [
    ("工业生产者出厂价格同比负2.3%。", "zh", -2.3, "yoy"),
    ("全国规模以上工业企业利润同比负增长0.8%。", "zh", -0.8, "yoy"),
    ("上半年，全省外贸进出口同比负增长1.6%。", "zh", -1.6, "yoy"),
    ("Industrial profits posted negative growth of 0.8% year on year.", "en", -0.8, "yoy"),
    ("The sector saw a contraction of 1.5 percent year on year in the first quarter.", "en", -1.5, "yoy"),
    ("Exports shrank 3.2 percent year on year in May.", "en", -3.2, "yoy"),
    ("Output contracted by 1.1 percent from a year earlier.", "en", -1.1, "yoy"),
    ("Imports fell 2.1 percent year on year.", "en", -2.1, "yoy"),
    ("货物进口额比上年减少1.2%。", "zh", -1.2, "yoy"),
    ("一季度，钢材价格环比回落0.6%。", "zh", -0.6, "mom"),
    ("Prices of crude oil shrank 0.9 percent month on month.", "en", -0.9, "mom"),
])
def test_negative_growth_wording_gives_a_negative_value(text: str, lang: str, value: float, basis: str) -> None:
    fig = last(text, lang)
    assert (fig.value, fig.basis, fig.direction) == (pytest.approx(value), basis, "down")


@pytest.mark.parametrize("text,lang", [
    ("Profits of state-owned firms declined 4.3 percent in the period.", "en"),
    ("国有企业利润下降4.3%。", "zh"),
])
def test_a_decline_with_no_stated_basis_keeps_its_direction(text: str, lang: str) -> None:
    fig = last(text, lang)  # basis none: unsigned, as tests/extract/test_figures.py pins ("下降约三成" is 30)
    assert (fig.value, fig.basis, fig.direction) == (pytest.approx(4.3), "none", "down")


@pytest.mark.parametrize("text,lang,value", [
    ("Exports rose 5.1 percent year on year. Profits of state-owned firms declined 4.3 percent.", "en", -4.3),
    ("出口同比增长5.1%。国有企业利润下降4.3%。", "zh", -4.3),
])
def test_a_decline_given_its_basis_by_the_text_is_negative(text: str, lang: str, value: float) -> None:
    fig = last(text, lang)
    assert (fig.value, fig.basis, fig.direction) == (pytest.approx(value), "yoy", "down")


@pytest.mark.parametrize("text,lang,value,basis", [
    ("The surveyed urban unemployment rate fell to 5.0 percent.", "en", 5.0, "level"),
    ("城镇调查失业率回落至5.0%。", "zh", 5.0, "level"),
    ("The share of services in GDP fell to 54.1 percent.", "en", 54.1, "share"),
    ("服务业增加值占比下降到54.1%。", "zh", 54.1, "share"),
    ("The unemployment rate dropped to 5.0 percent from 5.2 percent.", "en", 5.2, "level"),
])
def test_levels_and_shares_stay_positive(text: str, lang: str, value: float, basis: str) -> None:
    fig = last(text, lang)
    assert (fig.value, fig.basis) == (pytest.approx(value), basis)


@pytest.mark.parametrize("text,lang,value", [
    ("居民消费价格指数为−0.3%。", "zh", -0.3),            # an explicit sign is kept, even on a level
    ("The CPI reading was -0.3 percent in February.", "en", -0.3),
])
def test_an_explicit_minus_is_kept(text: str, lang: str, value: float) -> None:
    assert last(text, lang).value == pytest.approx(value)


def test_previous_value_after_from_is_not_signed() -> None:
    figs = extract_figures("Retail sales grew 3.1 percent in May, down from 5.1 percent in April.", "en")
    assert [f.value for f in figs] == [pytest.approx(3.1), pytest.approx(5.1)]


@pytest.mark.parametrize("text,lang,low,high", [
    ("CPI涨幅预计在−0.5%至0.5%之间。", "zh", -0.5, 0.5),
    ("预计利润增速为-3%至-1%。", "zh", -3.0, -1.0),
])
def test_minus_signs_in_ranges(text: str, lang: str, low: float, high: float) -> None:
    fig = last(text, lang)
    assert (fig.value, fig.value_max) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text,lang", [
    ("Q1-2024 results were released.", "en"),
    ("The 2023-2024 season ended.", "en"),
    ("误差为正负2个百分点以内。", "zh"),
])
def test_hyphens_that_are_not_minus_signs(text: str, lang: str) -> None:
    assert all(f.value >= 0 for f in extract_figures(text, lang))


# --- one language per sentence ---------------------------------------------------------------
@pytest.mark.parametrize("text,lang,want", [
    ("PPI同比下降2.7%。", "zh", "zh"),
    ("China's PPI fell 2.7 percent.", "en", "en"),
    ("GDP增长5.2%", "en", "zh"),
    ("2024-03-27 10:00", "zh", "zh"),        # no letters of either script: the document's language
    ("5.2%", "en", "en"),
])
def test_sentence_lang(text: str, lang: str, want: str) -> None:
    assert sentence_lang(text, lang) == want


def test_a_chinese_sentence_in_an_english_text_is_read_as_chinese() -> None:
    text = ("China's producer prices fell again in May. PPI同比下降2.7%。 "
            "Consumer prices rose 0.2 percent year on year, the bureau said.")
    figs = extract_figures(text, "en")
    ppi = next(f for f in figs if f.value == pytest.approx(-2.7))
    assert (ppi.basis, ppi.direction, ppi.lang, ppi.label) == ("yoy", "down", "zh", "PPI")
    cpi = next(f for f in figs if f.value == pytest.approx(0.2))
    assert (cpi.basis, cpi.lang) == ("yoy", "en")


def test_an_english_sentence_in_a_chinese_text_is_read_as_english() -> None:
    text = ("国家统计局今天发布数据。\nRetail sales dropped by 1.4 percent month on month in May.\n"
            "1—5月份，全国固定资产投资同比增长4.0%。")
    figs = extract_figures(text, "zh")
    retail = next(f for f in figs if f.lang == "en")
    assert (retail.value, retail.basis, retail.period) == (pytest.approx(-1.4), "mom", "May")
    invest = next(f for f in figs if f.lang == "zh")
    assert (invest.value, invest.basis, invest.period) == (pytest.approx(4.0), "yoy", "1—5月份")


def test_a_chinese_paragraph_in_an_english_text_keeps_its_periods() -> None:
    text = ("Profits of industrial firms rose in the period.\n\n"
            "1—5月份，全国规模以上工业企业实现利润总额27543.8亿元，同比增长3.4%。")
    figs = extract_figures(text, "en")
    assert [(f.value, f.unit, f.basis, f.period) for f in figs] == [
        (pytest.approx(2.75438e12), "yuan", "level", "1—5月份"),
        (pytest.approx(3.4), "percent", "yoy", "1—5月份")]


def test_a_chinese_aside_in_an_english_sentence_keeps_its_own_basis() -> None:
    text = ("The PPI fell 2.8 percent year on year in June (PPI同比下降2.8%，环比下降0.2%), "
            "and the CPI rose 0.2 percent.")
    got = [(f.value, f.basis) for f in extract_figures(text, "en")]
    assert got == [(pytest.approx(-2.8), "yoy"), (pytest.approx(-0.2), "mom"), (pytest.approx(0.2), "yoy")]


def test_sentences_are_not_cut_inside_a_broken_number() -> None:
    text = "Revenue was 11, 566. 1 billion yuan, down by 2. 8 percent year on year."
    figs = extract_figures(text, "en")
    assert [(f.value, f.basis, f.label) for f in figs] == [
        (pytest.approx(1.15661e13), "level", "Revenue"), (pytest.approx(-2.8), "yoy", "Revenue")]
