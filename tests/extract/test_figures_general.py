"""Figures on topics the first rules were not written against (customs, money supply, property, PMI and jobs,
FDI, tax, State Council meetings): an amount next to a growth rate, currency codes before a number, shares
and rates compared with a month, section headings, and numbers that are no figures. Sentences written for
these tests, in both languages, with Chinese and ASCII commas as real pages mix them."""
from __future__ import annotations

import pytest

from briefing.extract.figures import extract_figures
from briefing.models import Figure


def read(text: str, lang: str) -> list[tuple[float, str, str]]:
    """Return (value, unit, basis) of every figure of `text`."""
    return [(f.value, f.unit, f.basis) for f in extract_figures(text, lang)]


def want(*figures: tuple[float, str, str]) -> list[tuple[object, str, str]]:
    """Compare (value, unit, basis) triples with a tolerance on the value."""
    return [(pytest.approx(v), u, b) for v, u, b in figures]


def find(text: str, lang: str, wording: str) -> Figure:
    """Return the one figure whose text contains `wording`."""
    found = [f for f in extract_figures(text, lang) if wording in f.text]
    assert len(found) == 1, [f.text for f in extract_figures(text, lang)]
    return found[0]


# --- 1. an amount beside a growth rate is a level; a change only with change wording of its own -------
@pytest.mark.parametrize("text,lang,expected", [
    ("1—10月份，全国房地产开发投资86152亿元，同比下降10.4%。", "zh",
     [(8.6152e12, "yuan", "level"), (-10.4, "percent", "yoy")]),
    ("1—10月份,全国房地产开发投资86152亿元,同比下降10.4%。", "zh",
     [(8.6152e12, "yuan", "level"), (-10.4, "percent", "yoy")]),
    ("9月末,外币贷款余额6394亿美元,同比下降13.9%。", "zh", [(6.394e11, "usd", "level"), (-13.9, "percent", "yoy")]),
    ("对外承包工程新签合同额1.04万亿元人民币,同比下降2.6%。", "zh",
     [(1.04e12, "yuan", "level"), (-2.6, "percent", "yoy")]),
    ("全国新设立外商投资企业40617家,同比增长12.4%。", "zh", [(40617, "count", "level"), (12.4, "percent", "yoy")]),
    ("西部陆海新通道班列发送货物18.4万标准箱,同比增长4.1%。", "zh",
     [(1.84e5, "teu", "level"), (4.1, "percent", "yoy")]),
    ("前三季度，全国税务部门组织税收收入13.2万亿元，比上年同期增长8.6%。", "zh",
     [(1.32e13, "yuan", "level"), (8.6, "percent", "yoy")]),
    ("全国规模以上工业企业实现利润总额54119.9亿元,同比下降9.0%。", "zh",
     [(5.41199e12, "yuan", "level"), (-9.0, "percent", "yoy")]),
    ("9月末，广义货币(M2)余额289.67万亿元，同比增长10.3%。", "zh",
     [(2.8967e14, "yuan", "level"), (10.3, "percent", "yoy")]),
    ("全国港口完成货物吞吐量126.7亿吨,同比增长8.5%,其中外贸货物吞吐量36.7亿吨,同比增长9.5%。", "zh",
     [(1.267e10, "tons", "level"), (8.5, "percent", "yoy"), (3.67e9, "tons", "level"), (9.5, "percent", "yoy")]),
    ("新能源汽车出口82.5万辆，环比增长3.3%。", "zh", [(8.25e5, "count", "level"), (3.3, "percent", "mom")]),
    ("Imports totalled 1.45 trillion yuan, down 2.1 percent year on year.", "en",
     [(1.45e12, "yuan", "level"), (-2.1, "percent", "yoy")]),
    ("Property investment reached 8.62 trillion yuan in the first ten months, down 10.4 percent year on year.",
     "en", [(8.62e12, "yuan", "level"), (-10.4, "percent", "yoy")]),
    ("China's ports handled 25.3 million TEUs in September, up 6.2 percent from a year earlier.", "en",
     [(2.53e7, "teu", "level"), (6.2, "percent", "yoy")]),
])
def test_an_amount_beside_a_growth_rate_is_a_level(text: str, lang: str,
                                                   expected: list[tuple[float, str, str]]) -> None:
    assert read(text, lang) == want(*expected)


@pytest.mark.parametrize("text,lang,expected", [
    ("商品房待售面积73169万平方米,比9月末减少297万平方米。", "zh",
     [(7.3169e8, "square_metres", "level"), (-2.97e6, "square_metres", "change")]),
    ("商品房待售面积73169万平方米，比9月末减少297万平方米。", "zh",
     [(7.3169e8, "square_metres", "level"), (-2.97e6, "square_metres", "change")]),
    ("全国城镇新增就业1022万人,同比增加12万人。", "zh", [(1.022e7, "count", "level"), (1.2e5, "count", "change")]),
    ("前三季度人民币贷款增加19.75万亿元,同比多增1.3万亿元。", "zh",
     [(1.975e13, "yuan", "change"), (1.3e12, "yuan", "change")]),
    ("10月份人民币贷款增加7384亿元，同比少增1.6万亿元。", "zh",
     [(7.384e11, "yuan", "change"), (-1.6e12, "yuan", "change")]),
    ("月末人民币存款余额286.62万亿元,比上年末增加22.6万亿元。", "zh",
     [(2.8662e14, "yuan", "level"), (2.26e13, "yuan", "change")]),
    ("全年粮食产量69541万吨,比上年增产888万吨。", "zh", [(6.9541e8, "tons", "level"), (8.88e6, "tons", "change")]),
    ("Grain output hit 695.41 million tons, an increase of 8.88 million tons over last year.", "en",
     [(6.9541e8, "tons", "level"), (8.88e6, "tons", "change")]),
    ("New yuan loans were 2.9 trillion yuan more than a year earlier.", "en", [(2.9e12, "yuan", "change")]),
    ("Tax revenue came to 1.2 trillion yuan, 85 billion yuan less than in the same period last year.", "en",
     [(1.2e12, "yuan", "level"), (-8.5e10, "yuan", "change")]),
])
def test_an_amount_is_a_change_only_when_the_change_wording_is_its_own(
        text: str, lang: str, expected: list[tuple[float, str, str]]) -> None:
    assert read(text, lang) == want(*expected)


@pytest.mark.parametrize("text,lang", [
    ("一般贸易进出口1.2万亿元,同比增长5.6%。", "zh"),
    ("一般贸易进出口1.2万亿元，环比增长5.6%。", "zh"),
    ("Exports of general trade were 1.2 trillion yuan, up 5.6 percent month on month.", "en"),
    ("Freight volume was 4.2 billion tons, 5.6 percent more than last year.", "en"),
])
def test_an_amount_is_never_a_growth_rate(text: str, lang: str) -> None:
    assert [f.basis for f in extract_figures(text, lang) if f.unit not in ("percent", "times")] == ["level"]


@pytest.mark.parametrize("text,lang,basis", [
    ("全国进出口总值是上年同期的1.8倍。", "zh", "yoy"),
    ("Exports of electric cars were 1.8 times those of the same period last year.", "en", "yoy"),
])
def test_a_multiple_of_last_year_stays_year_on_year(text: str, lang: str, basis: str) -> None:
    assert read(text, lang) == want((1.8, "times", basis))


# --- 2. a currency code or sign before the number ----------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Trade in services reached RMB506.37 billion, up 10.6 percent year on year.",
     [(5.0637e11, "yuan", "level"), (10.6, "percent", "yoy")]),
    ("Exports of knowledge-intensive services were RMB 137.82 billion.", [(1.3782e11, "yuan", "level")]),
    ("New contracts were worth RMB1.04 trillion, down 2.6 percent year on year.",
     [(1.04e12, "yuan", "level"), (-2.6, "percent", "yoy")]),
    ("Foreign direct investment stood at USD45.6 billion in the period.", [(4.56e10, "usd", "level")]),
    ("Foreign capital in actual use was USD 45.6 billion, down 8.4 percent year on year.",
     [(4.56e10, "usd", "level"), (-8.4, "percent", "yoy")]),
    ("Foreign exchange reserves stood at US$3.12 trillion at the end of October.", [(3.12e12, "usd", "level")]),
    ("Outbound direct investment was $718 billion.", [(7.18e11, "usd", "level")]),
    ("Turnover rose by RMB12.5 billion year on year.", [(1.25e10, "yuan", "change")]),
    ("Total imports were CNY2.1 trillion in the first half.", [(2.1e12, "yuan", "level")]),
])
def test_currency_codes_before_a_number(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert read(text, "en") == want(*expected)


@pytest.mark.parametrize("text", [
    "Hong Kong's exports were HK$420 billion in October.",
    "The Taiwan firm reported sales of NT$55 billion.",
    "The deal was valued at A$1.2 billion.",
])
def test_other_dollars_are_not_us_dollars(text: str) -> None:
    assert [f.unit for f in extract_figures(text, "en")] == []


# --- 3. shares and rates ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,expected", [
    ("民营企业进出口11.64万亿元,占比为53.1%。", "zh", [(1.164e13, "yuan", "level"), (53.1, "percent", "share")]),
    ("对东盟进出口5.15万亿元,占同期总额的15.1%。", "zh", [(5.15e12, "yuan", "level"), (15.1, "percent", "share")]),
    ("新增专项债券下达比例达到93.1%。", "zh", [(93.1, "percent", "share")]),
    ("数字经济核心产业销售收入增长9.1%,占全国企业销售收入的比重为12.5%。", "zh",
     [(9.1, "percent", "none"), (12.5, "percent", "share")]),
    ("数字经济核心产业销售收入同比增长9.1%，占全国企业销售收入的比重为12.5%。", "zh",
     [(9.1, "percent", "yoy"), (12.5, "percent", "share")]),
    ("高技术产业投资同比增长10.2%,占全部投资的比重比上年提高0.8个百分点。", "zh",
     [(10.2, "percent", "yoy"), (0.8, "percentage_point", "change")]),
    ("Sales of the core digital industries grew 9.1 percent year on year, accounting for 12.5 percent of "
     "all firms' sales.", "en", [(9.1, "percent", "yoy"), (12.5, "percent", "share")]),
])
def test_a_share_cue_belongs_to_the_figure_it_comes_before(text: str, lang: str,
                                                          expected: list[tuple[float, str, str]]) -> None:
    assert read(text, lang) == want(*expected)


@pytest.mark.parametrize("text,lang,expected", [
    ("Excluding students, the jobless rate for young people was 14.9 percent in October, and new orders were "
     "2.4 percent higher than in September.", "en", [(14.9, "percent", "level"), (2.4, "percent", "mom")]),
    ("Retail sales in November were 0.8 percent lower than in October.", "en", [(-0.8, "percent", "mom")]),
    ("The index rose 1.2 percent from August.", "en", [(1.2, "percent", "mom")]),
    ("Consumer prices were up 1.9 percent from a year earlier.", "en", [(1.9, "percent", "yoy")]),
    ("Consumer prices were 1.9 percent higher than a year earlier.", "en", [(1.9, "percent", "yoy")]),
    # January to October is a cumulative period: its growth is on the same months a year before
    ("Output grew 4.6 percent from January to October.", "en", [(4.6, "percent", "yoy")]),
    ("Prices were 2.1 percent higher than in September last year.", "en", [(2.1, "percent", "yoy")]),
    ("10月份,社会消费品零售总额比9月份增长0.07%。", "zh", [(0.07, "percent", "mom")]),
])
def test_a_rate_compared_with_a_named_month_is_month_on_month(
        text: str, lang: str, expected: list[tuple[float, str, str]]) -> None:
    assert read(text, lang) == want(*expected)


@pytest.mark.parametrize("text,lang,heading", [
    ("一、广义货币增长7.9%,狭义货币增长3.2%\n"
     "10月末，广义货币(M2)余额288.23万亿元，同比增长7.9%。狭义货币(M1)余额67.17万亿元，同比增长3.2%。",
     "zh", [(7.9, "yoy"), (3.2, "yoy")]),
    ("二、工业生产者出厂价格下降2.6%\n10月份，全国工业生产者出厂价格同比下降2.6%，环比持平。",
     "zh", [(-2.6, "yoy")]),
    ("三、居民消费价格环比下降0.1%\n10月份，全国居民消费价格同比下降0.2%，环比下降0.1%。",
     "zh", [(-0.1, "mom")]),
    ("Exports fell 6.4 percent\nIn October, exports fell 6.4 percent year on year to 274.8 billion U.S. dollars.",
     "en", [(-6.4, "yoy")]),
])
def test_a_heading_repeating_a_body_figure_takes_its_basis(text: str, lang: str,
                                                         heading: list[tuple[float, str]]) -> None:
    found = extract_figures(text, lang)
    for value, basis in heading:  # the heading's figure is the body's (merged with it or not)
        same = [(f.value, f.basis) for f in found if f.unit == "percent" and abs(f.value) == pytest.approx(abs(value))]
        assert same and set(same) == {(value, basis)}, [(f.text, f.value, f.basis) for f in found]
    assert all(f.basis != "none" for f in found)


def test_a_heading_rate_the_body_does_not_repeat_keeps_no_basis() -> None:
    text = "一、广义货币增长7.9%\n10月末，狭义货币(M1)余额67.17万亿元，同比增长3.2%。"
    assert find(text, "zh", "7.9%").basis == "none"


# --- 4. numbers that are no figures, and counts of real things ---------------------------------------
@pytest.mark.parametrize("text,lang,expected", [
    ("The surveyed unemployment rate for people aged 16 to 24, excluding students, was 14.9 percent.", "en",
     [(14.9, "percent", "level")]),
    ("The jobless rate for those aged 25-59 was 4.1 percent.", "en", [(4.1, "percent", "level")]),
    ("The rate for people between the ages of 30 and 59 stood at 4.0 percent.", "en", [(4.0, "percent", "level")]),
    ("16—24岁劳动力失业率为14.9%。", "zh", [(14.9, "percent", "level")]),
])
def test_age_brackets_are_no_figures(text: str, lang: str, expected: list[tuple[float, str, str]]) -> None:
    assert read(text, lang) == want(*expected)


@pytest.mark.parametrize("text", [
    "Most read\n1 Xi meets Biden in San Francisco\n2 Chinese scientists map the deep sea\n3 Li chairs State "
    "Council executive meeting\nExports grew 1.2 percent year on year.",
    "Exports grew 1.2 percent year on year.\n2 Photos\nPhoto taken on Oct. 12 shows containers at a port.",
    "Exports grew 1.2 percent year on year.\nSlide 3 of 12\n5 Pictures | Share",
    "Exports grew 1.2 percent year on year.\n1 Xi Jinping meets foreign envoys\nShare",
    "Exports grew 1.2 percent year on year.\n(Photo by Li Xin)\n12 Images",
])
def test_ranks_and_picture_counters_are_no_figures(text: str) -> None:
    assert read(text, "en") == want((1.2, "percent", "yoy"))


@pytest.mark.parametrize("text,lang,expected", [
    ("Railway operators made 2,000 trips during the holiday.", "en", [(2000, "trips")]),
    ("The port handled 1,250 ships and 3,400 trains in October.", "en", [(1250, "ships"), (3400, "trains")]),
])
def test_counts_of_real_things_stay(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit, f.noun) for f in extract_figures(text, lang)] == [(v, "count", n) for v, n in expected]


@pytest.mark.parametrize("text,lang,value", [
    ("10月31日，人民币汇率中间价为1美元兑7.1779元人民币。", "zh", 7.1779),
    ("人民币汇率中间价报1美元兑人民币7.1055元。", "zh", 7.1055),
    ("The central parity rate of the yuan stood at 7.1055 yuan per U.S. dollar on Monday.", "en", 7.1055),
    ("The central parity of the yuan was set at 7.1779 yuan against the U.S. dollar.", "en", 7.1779),
    ("The yuan was quoted at 1 U.S. dollar to 7.1055 yuan.", "en", 7.1055),
])
def test_an_exchange_rate_is_its_own_unit(text: str, lang: str, value: float) -> None:
    assert read(text, lang) == want((value, "yuan_per_usd", "level"))


def test_an_exchange_rate_without_a_unit_gives_no_figure() -> None:
    assert read("The yuan weakened to 7.1055 against the U.S. dollar.", "en") == []


@pytest.mark.parametrize("text,lang,value,noun", [
    ("1—10月，中欧班列累计开行1786列，发送货物19.4万标准箱。", "zh", 1786, "列"),
    ("10月份，新能源汽车产销分别完成95.6万辆和95.6万辆。", "zh", 9.56e5, "辆"),
    ("全国新增光伏发电用户58万户。", "zh", 5.8e5, "户"),
    ("国庆假期全国铁路发送旅客1.36亿人次。", "zh", 1.36e8, "人次"),
    ("民航保障航班11.8万架次。", "zh", 1.18e5, "架次"),
    ("Output of new energy vehicles reached 1.04 million units.", "en", 1.04e6, "units"),
])
def test_counts_with_measure_words(text: str, lang: str, value: float, noun: str) -> None:
    counts = [f for f in extract_figures(text, lang) if f.unit == "count"]
    assert counts and counts[0].value == pytest.approx(value) and counts[0].noun == noun
    assert counts[0].basis == "level"


def test_a_count_without_a_magnitude_is_a_whole_number() -> None:
    assert read("The index closed at 3,051.8 against 3,012.4 a day earlier.", "en") == []


@pytest.mark.parametrize("text,lang", [
    ("The jobless rate for people aged between 16 and 24, excluding students, was 14.9 percent.", "en"),
    ("The rate for those aged from 25 to 59 was 14.9 percent.", "en"),
])
def test_age_brackets_written_with_between_or_from(text: str, lang: str) -> None:
    assert read(text, lang) == want((14.9, "percent", "level"))


@pytest.mark.parametrize("text,lang,value", [
    ("The one-year loan prime rate was cut by 10 basis points to 3.45 percent.", "en", -0.1),
    ("The central bank lowered the reserve requirement ratio by 25 bps.", "en", -0.25),
    ("1年期贷款市场报价利率下调10个基点至3.45%。", "zh", -0.1),
    ("5年期以上LPR上调5个基点。", "zh", 0.05),
])
def test_basis_points_are_hundredths_of_a_percentage_point(text: str, lang: str, value: float) -> None:
    points = [f for f in extract_figures(text, lang) if f.unit == "percentage_point"]
    assert [(f.value, f.basis) for f in points] == [(pytest.approx(value), "change")]


@pytest.mark.parametrize("text,lang", [
    ("The yuan strengthened 12 pips against the U.S. dollar.", "en"),
    ("香港出口总值为4200亿港元。", "zh"),
    ("日本对华投资达到1000亿日元。", "zh"),
    ("欧盟承诺提供500亿欧元援助。", "zh"),
    ("The EU pledged 50 billion euros in aid.", "en"),
    ("Sales reached 300 billion yen.", "en"),
])
def test_other_currencies_and_pips_give_no_figure(text: str, lang: str) -> None:
    assert read(text, lang) == []


@pytest.mark.parametrize("text,lang,labels", [
    ("China's foreign trade went up 0.03 percent year on year to 34.32 trillion yuan.", "en",
     ["China's foreign trade", "China's foreign trade"]),
    ("Exports rose 0.4 percent from a year earlier to 19.55 trillion yuan.", "en", ["Exports", "Exports"]),
    ("10月末,商品房待售面积64726万平方米,比9月末增加209万平方米。", "zh", ["商品房待售面积", "商品房待售面积"]),
    ("我国对外非金融类直接投资6474.6亿元人民币,折合917.8亿美元。", "zh",
     ["对外非金融类直接投资", "对外非金融类直接投资"]),
])
def test_a_figure_with_no_subject_of_its_own_takes_the_previous_one(text: str, lang: str,
                                                                    labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text, lang)] == labels


def test_values_carry_no_binary_noise() -> None:
    assert [f.value for f in extract_figures("企(事)业单位贷款增加17.22万亿元。", "zh")] == [17.22e12]


@pytest.mark.parametrize("text,expected", [
    ("Exports were RMB 506.37 bln and imports 1.2 trln yuan.", [(5.0637e11, "yuan", "level"), (1.2e12, "yuan", "level")]),
    ("Foreign investment was 45.6 mln dollars.", [(4.56e7, "usd", "level")]),
    ("Loans reached 1.2tn yuan and exports $718bn.", [(1.2e12, "yuan", "level"), (7.18e11, "usd", "level")]),
])
def test_wire_abbreviations_of_magnitudes(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert read(text, "en") == want(*expected)


@pytest.mark.parametrize("text,basis", [
    ("Retail sales were 0.5 percent higher than last month.", "mom"),
    ("Output rose 0.5 percent from last month.", "mom"),
    ("Sales rose 0.3 percent from a month earlier.", "mom"),
    ("Profits grew 5.2 percent from the last quarter.", "mom"),
    ("Output grew 5.2 percent in the last quarter.", "none"),
])
def test_a_rate_compared_with_last_month(text: str, basis: str) -> None:
    assert [f.basis for f in extract_figures(text, "en")] == [basis]


@pytest.mark.parametrize("text", [
    "Exports grew 1.2 percent year on year.\n1 2 3 Next >>",
    "Exports grew 1.2 percent year on year.\n[1] [2] [3] Next Page",
])
def test_pagination_gives_no_figure(text: str) -> None:
    assert read(text, "en") == want((1.2, "percent", "yoy"))


def test_the_proportion_is_a_share() -> None:
    assert read("The proportion of funds allocated reached 93.1 percent.", "en") == want((93.1, "percent", "share"))


@pytest.mark.parametrize("text,direction", [
    ("The turnover of overseas contracted projects was RMB 716.06 billion, up 8.1% year on year.", "up"),
    ("The value of newly signed contracts was RMB1.04 trillion, up 2.6% year on year.", "up"),
    ("The economy contracted 1.5 percent year on year.", "down"),
    ("Output contracted by 0.8 percent year on year.", "down"),
])
def test_contracts_are_no_contraction(text: str, direction: str) -> None:
    assert [f.direction for f in extract_figures(text, "en")] == ([None, direction] if "RMB" in text else [direction])
    assert all(f.direction is None for f in extract_figures(text, "en") if f.unit == "yuan")


@pytest.mark.parametrize("text,lang,en,zh", [
    ("人民币汇率中间价为1美元兑7.1779元人民币。", "zh", "7.1779 yuan/$", "7.1779元/美元"),
    ("The central parity was 7.1 yuan per U.S. dollar.", "en", "7.1 yuan/$", "7.1元/美元"),
    ("LPR下调10个基点。", "zh", "−0.1 pp", "−0.1个百分点"),
])
def test_exchange_rates_and_basis_points_read_right_on_the_page(text: str, lang: str, en: str, zh: str) -> None:
    from briefing.compose.present import figure_value
    fig = extract_figures(text, lang)[-1]
    assert (figure_value(fig, "en"), figure_value(fig, "zh")) == (en, zh)


@pytest.mark.parametrize("text,label", [
    ("Output of new energy vehicles reached 1.04 million units in October.", "Output of new energy vehicles"),
    ("Sales of industrial robots hit 283,000 sets.", "Sales of industrial robots"),
    ("Exports of cars rose to 4.1 million vehicles.", "vehicles"),
])
def test_a_count_of_units_is_labelled_by_its_subject(text: str, label: str) -> None:
    counts = [f for f in extract_figures(text, "en") if f.unit == "count"]
    assert [(f.label, f.basis) for f in counts] == [(label, "level")]


# --- the basis a paragraph, a sentence before or a compared rate gives --------------------------------
def bases(text: str, lang: str) -> list[tuple[float, str]]:
    """Return (value, basis) of every percent figure of `text`."""
    return [(f.value, f.basis) for f in extract_figures(text, lang) if f.unit == "percent"]


def with_bases(*pairs: tuple[float, str]) -> list[tuple[object, str]]:
    """Compare (value, basis) pairs with a tolerance on the value."""
    return [(pytest.approx(v), b) for v, b in pairs]


@pytest.mark.parametrize("text,lang,expected", [
    ("Among the other categories, clothing prices fell 0.4 percent month on month; housing prices went up by "
     "0.1 percent; and the prices of health care edged up 0.2 percent.", "en", [(-0.4, "mom"), (0.1, "mom"), (0.2, "mom")]),
    ("10月份，交通通信类价格环比下降0.6%；教育文化娱乐类价格上涨0.3%。", "zh", [(-0.6, "mom"), (0.3, "mom")]),
])
def test_a_semicolon_does_not_end_the_sentence_its_basis_is_stated_in(
        text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == with_bases(*expected)


@pytest.mark.parametrize("text,lang,expected", [
    ("Producer prices fell 2.5 percent year on year.\nIn September, producer prices rose 0.4 percent month on month. "
     "The prices of means of production increased by 0.5 percent. Prices of mining products climbed 1.2 percent.",
     "en", [(-2.5, "yoy"), (0.4, "mom"), (0.5, "mom"), (1.2, "mom")]),
    ("9月份，全国工业生产者出厂价格同比下降2.5%。\n9月份，工业生产者出厂价格环比上涨0.4%。生产资料价格上涨0.5%。"
     "生活资料价格下降0.1%。", "zh", [(-2.5, "yoy"), (0.4, "mom"), (0.5, "mom"), (-0.1, "mom")]),
    # a month-on-month rate after the paragraph's first, year-on-year one does not carry
    ("Retail sales rose 7.6 percent year on year and 0.1 percent month on month. Catering revenue grew 17.1 percent.",
     "en", [(7.6, "yoy"), (0.1, "mom"), (17.1, "yoy")]),
])
def test_a_paragraph_whose_first_rate_is_month_on_month_goes_on_month_on_month(
        text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == with_bases(*expected)


@pytest.mark.parametrize("text,lang,expected", [
    ("10月份，全国居民消费价格同比上涨0.4%。环比下降0.2%。其中，食品价格下降0.9%，服务价格下降0.1%。", "zh",
     [(0.4, "yoy"), (-0.2, "mom"), (-0.9, "mom"), (-0.1, "mom")]),
    ("Consumer prices rose 0.4 percent year on year in October. They fell 0.2 percent month on month. Of this, food "
     "prices went down 0.9 percent.", "en", [(0.4, "yoy"), (-0.2, "mom"), (-0.9, "mom")]),
    ("Consumer prices rose 0.4 percent year on year. They fell 0.2 percent month on month. Among them, food prices "
     "went down 0.9 percent.", "en", [(0.4, "yoy"), (-0.2, "mom"), (-0.9, "mom")]),
])
def test_a_sentence_opening_of_which_goes_on_in_the_basis_before(
        text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == with_bases(*expected)


@pytest.mark.parametrize("text,lang,expected", [
    ("Exports grew 6.4 percent year on year in the first quarter, 5.2 percent in the second quarter and 3.1 percent "
     "in the third quarter.", "en", [(6.4, "yoy"), (5.2, "yoy"), (3.1, "yoy")]),
    ("一季度出口同比增长6.4%，二季度增长5.2%，三季度3.1%。", "zh", [(6.4, "yoy"), (5.2, "yoy"), (3.1, "yoy")]),
    ("Output of coal grew by 3.9 percent year on year, and the processing of food from farm produce by 1.6 percent.",
     "en", [(3.9, "yoy"), (1.6, "yoy")]),
    ("The PMI was 49.5 percent in October, 50.2 percent in September.", "en", [(49.5, "level"), (50.2, "level")]),
])
def test_a_rate_with_its_verb_elided_shares_the_rate_before(
        text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == with_bases(*expected)


@pytest.mark.parametrize("text,expected", [
    ("Industrial output grew 4.6 percent year on year in October, faster than 4.5 percent in September.",
     [(4.6, "yoy", "up"), (4.5, "yoy", None)]),
    ("Consumer prices rose 0.1 percent year on year, down from 0.4 percent in September.",
     [(0.1, "yoy", "up"), (0.4, "yoy", None)]),
    ("Retail sales grew 7.6 percent year on year, beating the 7.0 percent median forecast.",
     [(7.6, "yoy", "up"), (7.0, "yoy", None)]),
    ("Retail sales rose 4.3 percent year on year, the statistics bureau (NBS) said, up from 3.2 percent in September.",
     [(4.3, "yoy", "up"), (3.2, "yoy", None)]),
    ("Exports rose 5 percent year on year. Imports grew 3.2 percent in October, slower than 3.9 percent in September.",
     [(5.0, "yoy", "up"), (3.2, "yoy", "up"), (3.9, "yoy", None)]),
    ("The unemployment rate fell to 5.0 percent from 5.2 percent.", [(5.0, "level", "down"), (5.2, "level", None)]),
])
def test_a_rate_compared_with_takes_the_basis_of_the_rate_it_is_compared_to(
        text: str, expected: list[tuple[float, str, str | None]]) -> None:
    got = [(f.value, f.basis, f.direction) for f in extract_figures(text, "en")]
    assert got == [(pytest.approx(v), b, d) for v, b, d in expected]


@pytest.mark.parametrize("text,lang,expected", [
    ("Industrial output rose 0.39 percent month on month in October. In the first ten months, output grew 4.1 percent.",
     "en", [(0.39, "mom"), (4.1, "yoy")]),
    ("10月份，规模以上工业增加值同比增长4.6%。\n10月份，规模以上工业增加值环比增长0.39%。1—10月份，规模以上工业增加值增长4.1%。",
     "zh", [(4.6, "yoy"), (0.39, "mom"), (4.1, "yoy")]),
    # growth over a cumulative period is year on year by construction, said or not
    ("10月份，规模以上工业增加值环比增长0.39%，1—10月份增长4.1%。", "zh", [(0.39, "mom"), (4.1, "yoy")]),
    ("前三季度，社会消费品零售总额环比增长0.5%。", "zh", [(0.5, "mom")]),
])
def test_growth_over_several_months_is_never_carried_month_on_month(
        text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert bases(text, lang) == with_bases(*expected)


def test_a_change_of_zero_has_no_sign() -> None:
    found = extract_figures("广义货币(M2)余额同比增长10.3%，增速比上月末低0.0个百分点。", "zh")
    assert [str(f.value) for f in found if f.unit == "percentage_point"] == ["0.0"]
