"""Tests for briefing.figures: values, units, bases, periods, labels, not-figures, gold, speed."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from briefing import clean, read
from briefing.extract.figures import extract_figures, merge_duplicates
from briefing.extract.numbers import find_numbers
from briefing.models import Figure

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "gold").glob("*.yaml"))


def only(text: str, lang: str) -> Figure:
    """Return the single figure of `text`."""
    found = extract_figures(text, lang)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# --- values and units ------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,value,unit", [
    ("New tax cuts exceeded 1.15 trillion yuan.", "en", 1.15e12, "yuan"),
    ("The number of enterprises has reached 478,000.", "en", 478000, "count"),
    ("减税降费1.15万亿元。", "zh", 1.15e12, "yuan"),
    ("全国一般公共预算收入34.6万亿元。", "zh", 3.46e13, "yuan"),
    ("参保人数达5.3亿。", "zh", 5.3e8, "count"),
    ("安排资金三千亿元。", "zh", 3e11, "yuan"),
    ("新能源汽车销量299万辆。", "zh", 2.99e6, "count"),
    ("Exports rose 5.2 percent.", "en", 5.2, "percent"),
    ("Growth was 0.3 percentage points faster.", "en", 0.3, "percentage_point"),
    ("增速加快0.5个百分点。", "zh", 0.5, "percentage_point"),
    ("Investment reached US$2.5 billion.", "en", 2.5e9, "usd"),
    ("实际使用外资800亿美元。", "zh", 8e10, "usd"),
    ("产量增长2.5倍。", "zh", 2.5, "times"),
    ("Output was 1.5 times that of last year.", "en", 1.5, "times"),
    ("利润增长百分之十二。", "zh", 12, "percent"),
    ("Loans fell -2.3% in May.", "en", -2.3, "percent"),
])
def test_value_and_unit(text: str, lang: str, value: float, unit: str) -> None:
    fig = only(text, lang)
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit
    assert text[fig.start:fig.end] == fig.text


@pytest.mark.parametrize("text,lang,low,high", [
    ("The target is growth of 5.5-6% this year.", "en", 5.5, 6),
    ("预期增长5%至6%。", "zh", 5, 6),
    ("Funding of 2-3 trillion yuan is planned.", "en", 2e12, 3e12),
])
def test_range(text: str, lang: str, low: float, high: float) -> None:
    fig = only(text, lang)
    assert (fig.value, fig.value_max) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text,lang,qualifier", [
    ("In September, more than 60% of sectors grew.", "en", "more than"),
    ("Exports were about 70% of the total.", "en", "about"),
    ("Nearly 300 enterprises joined.", "en", "nearly"),
    ("培育超过10万家企业。", "zh", "超过"),
    ("全国有近300家企业参与。", "zh", "近"),
    ("占比约70%。", "zh", "约"),
    ("新增就业1200余万人。", "zh", "余"),
    ("已有300多家企业。", "zh", "多"),
    ("增长5%以上。", "zh", "以上"),
])
def test_qualifier(text: str, lang: str, qualifier: str) -> None:
    assert only(text, lang).qualifier == qualifier


@pytest.mark.parametrize("text,lang,noun", [
    ("There are 178 national high-tech zones.", "en", "national high-tech zones"),
    ("We issued 17 policies and measures.", "en", "policies"),
    ("已有178家国家高新区。", "zh", "家"),
    ("建成45个国家先进制造业集群。", "zh", "个"),
])
def test_count_noun(text: str, lang: str, noun: str) -> None:
    fig = only(text, lang)
    assert (fig.unit, fig.noun) == ("count", noun)


# --- basis, direction, period, label ---------------------------------------------------------
@pytest.mark.parametrize("text,lang,basis,direction", [
    ("Retail sales increased by 5.5% year-on-year.", "en", "yoy", "up"),
    ("Output rose 3% over the same period last year.", "en", "yoy", "up"),
    ("社会消费品零售总额同比增长5.5%。", "zh", "yoy", "up"),
    ("工业生产者出厂价格同比下降2.5%。", "zh", "yoy", "down"),
    ("Prices decreased by 0.2% month-on-month.", "en", "mom", "down"),
    ("GDP grew 1.3% quarter-on-quarter.", "en", "mom", "up"),
    ("居民消费价格环比上涨0.3%。", "zh", "mom", "up"),
    ("Services accounted for 54.6% of GDP.", "en", "share", None),
    ("服务业增加值占国内生产总值比重为54.6%。", "zh", "share", None),
    ("The PMI was 50.6%.", "en", "level", None),
    ("The number of firms reached 478,000, an increase of 26,000 from the end of 2022.", "en", None, None),
    ("增速比上季度加快1.2个百分点。", "zh", "change", "up"),
    ("The rate narrowed by 0.4 percentage points.", "en", "change", "down"),
    ("增幅回落0.4个百分点。", "zh", "change", "down"),
])
def test_basis_and_direction(text: str, lang: str, basis: str | None, direction: str | None) -> None:
    figs = extract_figures(text, lang)
    fig = figs[-1]
    assert fig.basis == (basis or "change")
    assert fig.direction == (direction or "up" if basis is None else direction)


@pytest.mark.parametrize("text,lang,period", [
    ("In September, the electricity consumption of small firms increased by 9.4% year-on-year.",
     "en", "September"),
    ("Retail sales in the first eight months increased by 3% year-on-year.", "en", "first eight months"),
    ("The value added increased by 7.5% year-on-year from January to February.", "en", "January to February"),
    ("1—2月规模以上工业增加值同比增长7%。", "zh", "1—2月"),
    ("前三季度国内生产总值同比增长5.2%。", "zh", "前三季度"),
    ("In the first quarter, output increased by 4% year-on-year, and in September it increased by 4.5%.",
     "en", "first quarter"),
])
def test_period(text: str, lang: str, period: str) -> None:
    assert extract_figures(text, lang)[0].period == period


@pytest.mark.parametrize("text,lang,label", [
    ("The value added of high-tech manufacturing above designated size increased by 7.5% year-on-year.",
     "en", "value added of high-tech manufacturing above designated size"),
    ("前两月社会消费品零售总额同比增长5.5%。", "zh", "社会消费品零售总额"),
    ("In the first eight months, new tax cuts exceeded 1.15 trillion yuan.", "en", "new tax cuts"),
])
def test_label(text: str, lang: str, label: str) -> None:
    assert only(text, lang).label == label


@pytest.mark.parametrize("text,lang,labels", [
    ("High-tech manufacturing and equipment manufacturing accounted for 15.3% and 32.9% of the "
     "added value respectively.", "en", ["High-tech manufacturing", "equipment manufacturing"]),
    ("出口和进口同比分别增长13.8%和13.3%。", "zh", ["出口", "进口"]),
])
def test_respectively(text: str, lang: str, labels: list[str]) -> None:
    figs = extract_figures(text, lang)
    assert [f.label.split(" share of ")[0] for f in figs] == labels
    assert len({f.basis for f in figs}) == 1 and figs[0].basis in ("share", "yoy")


# --- not figures -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang", [
    ("On March 26, the office held a press conference.", "en"),
    ("The plan was released in 2023.", "en"),
    ("Published 2023-01-03 at 10:30:15.", "en"),
    ("Tel:020-817896455", "en"),
    ("粤ICP备19140089号 Copyright © 2019", "zh"),
    ("1746-IV16 Reporter: what happened?", "en"),
    ("5G applications and 6G research advance.", "en"),
    ("the 14th Five-Year Plan", "en"),
    ("“十四五”规划顺利实施。", "zh"),
    ("See page 5 and Article 3.", "en"),
    ("2024年03月27日 03 版", "zh"),
    ("3月26日，国务院新闻办举行发布会。", "zh"),
    ("第二是巩固提升优势产业。", "zh"),
    ("1. Stabilize growth\n2. Expand demand", "en"),
    ("围绕两个关键词，统一推进一是改造。", "zh"),
    ("make good use of two markets and two resources", "en"),
    ("It ranked 1st and 3rd.", "en"),
    ("发布时间:2024-11-22 03:41:54", "zh"),
])
def test_not_figures(text: str, lang: str) -> None:
    assert [f.text for f in extract_figures(text, lang)] == []


# --- ranking and merging ---------------------------------------------------------------------
def test_rates_outrank_counts_of_aspects() -> None:
    text = ("Work will focus on 4 aspects this year. Retail sales increased by 5.5% year-on-year.")
    figs = extract_figures(text, "en")
    by_text = {f.text: f.score for f in figs}
    assert by_text["5.5%"] > by_text["4 aspects"]


def test_heading_figure_scores_higher_than_body_figure() -> None:
    body = "Imports increased by 3.1% year-on-year in the period under review, officials said today."
    text = f"Exports increased by 3.1% year-on-year\n\nA long paragraph of text. {body}\n"
    head, tail = extract_figures("Exports increased by 2.0% year-on-year\n" + body + " " * 50, "en")
    assert head.score > tail.score
    assert len(extract_figures(text, "en")) == 2


def test_duplicates_merged_keep_best_label_and_score() -> None:
    text = ("Retail sales rose 5.5% year-on-year\n"
            "In the first two months, total retail sales of consumer goods increased by 5.5% year-on-year.")
    figs = extract_figures(text, "en")
    assert len(figs) == 1
    assert figs[0].label == "total retail sales of consumer goods"


def test_merge_keeps_different_measures_apart() -> None:
    text = "Exports increased by 5% year-on-year. Fixed-asset investment in mining increased by 5% year-on-year."
    assert len(extract_figures(text, "en")) == 2


def test_merge_duplicates_across_languages_and_idempotent() -> None:
    en = extract_figures("Retail sales increased by 5.5% year-on-year.", "en")
    zh = extract_figures("社会消费品零售总额同比增长5.5%。", "zh")
    merged = merge_duplicates(en + zh)
    assert len(merged) == 1
    assert merge_duplicates(merged) == merged


# --- gold ------------------------------------------------------------------------------------
def cleaned(name: str) -> tuple[str, str]:
    """Return the cleaned text and language of a sample."""
    path = ROOT / "sources" / name
    result = clean.clean_source(read.read_source(path, 10_000_000))
    return result.text, result.lang


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_gold(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text, lang = cleaned(gold["source"])
    figs = extract_figures(text, lang)
    for want in gold["figures"]["required"]:
        hits = [f for f in figs if f.value == pytest.approx(float(want["value"])) and f.unit == want["unit"]]
        assert hits, f"missing {want['text']}"
        assert any(f.basis == want["basis"] for f in hits), f"basis of {want['text']}"
    extracted = {f.text for f in figs} | {f"{f.value:g}" for f in figs}
    for never in gold["figures"].get("never") or []:
        assert never not in extracted, never
    assert all(text[f.start:f.end] == f.text for f in figs)


# --- speed -----------------------------------------------------------------------------------
@pytest.mark.parametrize("chunk", ["1,234,5678亿", "9" * 50 + ",", "12亿,3,4亿亿5.6"])
def test_no_catastrophic_backtracking(chunk: str) -> None:
    line = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    began = time.perf_counter()
    find_numbers(line)  # the raw scanner, which sees every digit even on a table line
    extract_figures(line, "zh")
    extract_figures(line.replace(",", "，增长"), "zh")  # the same digits as prose
    assert time.perf_counter() - began < 5.0


# --- general rules from the held-out set (tests/heldout/figures_*) ----------------------------
@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("实际使用外资下降约三成。", 30, "percent", "约"),                   # 成: tenths of a whole
    ("其中近五成用于基础设施建设。", 50, "percent", "近"),
    ("两成以上投向科技创新。", 20, "percent", "以上"),
    ("销售额同比增长百分之十二点五。", 12.5, "percent", None),           # 点: a Chinese decimal point
    ("专项债券发行约三点九万亿元。", 3.9e12, "yuan", "约"),
    ("惠及消费者三千六百多万人次。", 3.6e7, "count", "多"),             # 多 before the magnitude
    ("补贴申请超过六百万份。", 6e6, "count", "超过"),                   # spelled number with 万 + classifier
])
def test_chinese_numerals(text: str, value: float, unit: str, qualifier: str | None) -> None:
    fig = only(text, "zh")
    assert (fig.value, fig.unit, fig.qualifier) == (pytest.approx(value), unit, qualifier)
    assert text[fig.start:fig.end] == fig.text


@pytest.mark.parametrize("text,lang", [
    ("欧盟三成员国签署协议。", "zh"),          # 成员: 成 starts a word, not tenths
    ("政策一成不变。", "zh"),
    ("两项支出合计较多。", "zh"),              # a small spelled count stays a word
    ("十万火急的任务。", "zh"),                # a spelled number with 万 but no classifier
    ("Containers at the top 10 ports grew.", "en"),     # a rank
    ("The rate for those aged 16-24 fell.", "en"),      # an age bracket
])
def test_more_not_figures(text: str, lang: str) -> None:
    assert [f.text for f in extract_figures(text, lang)] == []


@pytest.mark.parametrize("text,value,unit", [
    ("Exports of electric vehicles were 1.8 times those of last year.", 1.8, "times"),
    ("The output was 2.5 times in value.", 2.5, "times"),   # a fraction of a time is a ratio
])
def test_times_ratio(text: str, value: float, unit: str) -> None:
    fig = only(text, "en")
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text,lang,bases", [
    # "N percent of X" is a share
    ("High-tech industries attracted 34.6 percent of the total.", "en", ["share"]),
    # a growth rate with no stated basis is yoy once the text has said "year on year"
    ("Sales rose 4.8 percent year on year. Online sales were up by 5.0 percent.", "en", ["yoy", "yoy"]),
    ("Online sales were up by 5.0 percent.", "en", ["none"]),
    ("出口同比增长5.2%。进口增长3.2%。", "zh", ["yoy", "yoy"]),
    ("出口同比增长5.2%。成交额较上届增长1.1%。", "zh", ["yoy", "none"]),   # its own base: not yoy
    # an elided verb ("manufacturing by 5.5 percent") shares the previous figure's verb and basis
    ("Mining went up by 4.6 percent year on year, manufacturing by 5.5 percent.", "en", ["yoy", "yoy"]),
    # a basis said earlier in the sentence, in its own clause
    ("On a month-on-month basis, it grew by 0.41 percent.", "en", ["mom"]),
    ("新能源汽车产量是去年同期的1.5倍。", "zh", ["yoy"]),
    ("基础设施投资、制造业投资同比分别增长4.2%和9.3%。", "zh", ["yoy", "yoy"]),
    ("近五成用于市政建设。", "zh", ["share"]),                             # tenths without a verb
])
def test_basis_rules(text: str, lang: str, bases: list[str]) -> None:
    assert [f.basis for f in extract_figures(text, lang)] == bases


def test_shared_verb_gives_direction_to_each_value() -> None:
    figs = extract_figures("基础设施投资、制造业投资分别下降4.2%和9.3%。", "zh")
    assert [f.direction for f in figs] == ["down", "down"]


@pytest.mark.parametrize("clause,unit,direction", [
    ("社会消费品零售总额同比增长", "percent", "up"),
    ("环比下降", "percent", "down"),
    ("占社会消费品零售总额的比重为", "percent", None),
    ("比上年末增加", "count", "up"),
    ("increased by 7.5% year-on-year", "percent", "up"),
    ("accounted for", "percent", None),
    ("an increase of", "count", "up"),
    ("近五成用于", "percent", None),
])
def test_language_cues_agree_with_all_cues(clause: str, unit: str, direction: str | None) -> None:
    from briefing.extract.context import find_basis
    lang = "zh" if clause[0] > "\x7f" else "en"
    assert find_basis(clause, unit, direction, lang) == find_basis(clause, unit, direction)
    assert find_basis(clause, unit, direction, lang) != "level" or unit == "count"


def test_segments_near_figures_match_the_whole_text() -> None:
    from briefing.extract.context import Segments
    text = ("In October, sales rose 5%. " * 40) + "Next, prices fell 2%, and more. " * 40
    spans = [(m, m + 2) for m in (100, 900, 1500)]
    whole, near = Segments.of(text), Segments.of(text, spans, 300)
    for start, end in spans:
        for bounds in ("sentences", "clauses"):
            w = [b for b in getattr(whole, bounds) if start - 300 <= b <= end + 300]
            n = [b for b in getattr(near, bounds) if start - 300 <= b <= end + 300]
            assert w == n


@pytest.mark.parametrize("text, lang, label", [
    ("Second, retail sales increased by 5.5% year-on-year in the first two months.", "en", "retail sales"),
    ("Thirdly, exports grew by 3.1% year-on-year in October.", "en", "exports"),
    ("一是社会消费品零售总额同比增长5.5%。", "zh", "社会消费品零售总额"),
    ("首先，规模以上工业增加值同比增长6.1%。", "zh", "规模以上工业增加值"),
])
def test_enumeration_markers_are_not_part_of_labels(text, lang, label):
    (figure,) = extract_figures(text, lang)
    assert figure.label == label


# --- signed declines, comparatives, absolute changes -----------------------------------------
@pytest.mark.parametrize("text,lang,value,basis", [
    # a decline is negative when the basis is yoy, mom or change
    ("Imports were down 3.1 percent year on year.", "en", -3.1, "yoy"),
    ("Prices went down by 0.2 percent month on month.", "en", -0.2, "mom"),
    ("The number of firms was 478,000, a decrease of 5,000 from the end of 2022.", "en", -5000, "change"),
    ("全国居民消费价格同比下降0.1%。", "zh", -0.1, "yoy"),
    ("汽油价格环比下降3.6%。", "zh", -3.6, "mom"),
    ("城镇调查失业率比上年回落0.3个百分点。", "zh", -0.3, "change"),
    ("涨幅比上月回落0.2个百分点。", "zh", -0.2, "change"),
    # a falling rate turns the verb round: a deeper decline is negative, a shallower one positive
    ("PPI同比降幅比上月扩大0.6个百分点。", "zh", -0.6, "change"),
    ("PPI同比降幅比上月收窄0.2个百分点。", "zh", 0.2, "change"),
    ("The decline widened by 0.6 percentage points.", "en", -0.6, "change"),
    ("The decline narrowed by 0.2 percentage points.", "en", 0.2, "change"),
    # rises stay positive
    ("Exports rose 6.1 percent year on year.", "en", 6.1, "yoy"),
    ("核心CPI同比上涨0.6%。", "zh", 0.6, "yoy"),
    # levels and shares stay positive even when the text says they fell
    ("The surveyed urban unemployment rate fell to 5.0%.", "en", 5.0, "level"),
    ("城镇调查失业率回落至5.0%。", "zh", 5.0, "level"),
    ("Services accounted for 54.6% of GDP, down from last year.", "en", 54.6, "share"),
])
def test_declines_are_signed(text: str, lang: str, value: float, basis: str) -> None:
    fig = extract_figures(text, lang)[-1]
    assert (fig.value, fig.basis) == (pytest.approx(value), basis)


@pytest.mark.parametrize("text,lang,low,high", [
    ("Sales were down 3-5% year on year.", "en", -3.0, -5.0),
    ("出口同比下降3%至5%。", "zh", -3.0, -5.0),
    ("Sales were up 3-5% year on year.", "en", 3.0, 5.0),
])
def test_declining_range_signs_both_ends(text: str, lang: str, low: float, high: float) -> None:
    fig = only(text, lang)
    assert (fig.value, fig.value_max) == (pytest.approx(low), pytest.approx(high))


def test_decline_keeps_its_direction_and_qualifier() -> None:
    fig = only("出口同比下降超过3%。", "zh")
    assert (fig.value, fig.direction, fig.qualifier) == (-3.0, "down", "超过")


@pytest.mark.parametrize("text,lang,value,direction", [
    ("新发放企业贷款利率比上年同期低约0.5个百分点。", "zh", -0.5, "down"),
    ("增速比上年同期高0.2个百分点。", "zh", 0.2, "up"),
    ("增速低于全国平均水平0.5个百分点。", "zh", -0.5, "down"),
    ("增速高于全国平均水平1.2个百分点。", "zh", 1.2, "up"),
    ("年末就业人员比上年末少58万人。", "zh", -580000, "down"),
    ("The rate was 0.3 percentage points lower than that of April.", "en", -0.3, "down"),
    ("The rate was 0.2 percentage points higher than in April.", "en", 0.2, "up"),
    ("Growth was 0.4 percentage points below the national average.", "en", -0.4, "down"),
    ("Growth was 0.4 percentage points above the national average.", "en", 0.4, "up"),
    ("Debt will reach 2.9 trillion yuan more than last year.", "en", 2.9e12, "up"),
    ("Revenue was 1.3 trillion yuan less than last year.", "en", -1.3e12, "down"),
])
def test_comparatives_give_the_direction(text: str, lang: str, value: float, direction: str) -> None:
    fig = extract_figures(text, lang)[-1]
    assert (fig.value, fig.direction, fig.basis) == (pytest.approx(value), direction, "change")


def test_a_comparative_after_a_figure_beats_the_previous_figures_word() -> None:
    text = "The rate was 0.3 percentage points lower than in April and 0.2 percentage points above the average."
    assert [f.value for f in extract_figures(text, "en")] == [pytest.approx(-0.3), pytest.approx(0.2)]


@pytest.mark.parametrize("text,lang,basis", [
    # an absolute amount with a change verb and a base is a change, not yoy
    ("2025届高校毕业生预计达1222万人，同比增加43万人。", "zh", "change"),
    ("参保人数达10.7亿人，比上年末增加1900万人。", "zh", "change"),
    ("Revenue reached 11.86 trillion yuan, an increase of 2.9 trillion yuan year on year.", "en", "change"),
    ("The number of firms reached 478,000, an increase of 26,000.", "en", "change"),
    ("前四个月净投放现金2811亿元。", "zh", "change"),
    # a percent with 同比 stays yoy
    ("出口同比增加5.2%。", "zh", "yoy"),
    # a flow total named with 新增 is a level
    ("全国城镇新增就业1256万人。", "zh", "level"),
    ("Newly added urban jobs reached 12.56 million.", "en", "level"),
    # X% of a target is a share
    ("完成全年目标任务的114.2%。", "zh", "share"),
    ("Investment reached 104.5 percent of the annual plan.", "en", "share"),
    # a growth rate next to another figure's share cue is not a share
    ("Trade with ASEAN grew by 7.7 percent year on year and accounted for 16.5 percent of the total.", "en", "yoy"),
])
def test_basis_of_amounts_and_shares(text: str, lang: str, basis: str) -> None:
    first_or_last = extract_figures(text, lang)
    fig = first_or_last[0] if "ASEAN" in text else first_or_last[-1]
    assert fig.basis == basis


@pytest.mark.parametrize("text,value", [
    ("We will issue 1.3 trillion yuan of ultra-long special treasury bonds.", 1.3e12),   # "issue" the verb
    ("参保人数比上年末增加1900万人。", 1.9e7),                                          # 1900万 is no year
])
def test_numbers_that_look_like_codes_or_years(text: str, value: float) -> None:
    assert only(text, "zh" if text[0] > "\x7f" else "en").value == pytest.approx(value)


def test_issue_numbers_are_still_not_figures() -> None:
    assert extract_figures("See Issue 12 of the bulletin.", "en") == ()


def test_merge_keeps_a_decline_and_a_rise_of_the_same_size_apart() -> None:
    text = "Exports rose 3.1% year on year. Imports fell 3.1% year on year. Imports decreased by 3.1% year on year."
    figs = extract_figures(text, "en")
    assert sorted(f.value for f in figs) == [pytest.approx(-3.1), pytest.approx(3.1)]


# --- how a signed figure reads on the page ----------------------------------------------------
def page_figure(value: float, basis: str = "yoy", direction: str | None = "down", qualifier: str | None = None,
                value_max: float | None = None, unit: str = "percent") -> Figure:
    """Build a figure as extract_figures returns it, for figure_value."""
    return Figure(value=value, unit=unit, basis=basis, text="", sentence="", start=0, end=0, lang="en",
                  direction=direction, qualifier=qualifier, value_max=value_max)


@pytest.mark.parametrize("fig,en,zh", [
    (page_figure(-3.1), "−3.1%", "−3.1%"),
    (page_figure(7.5, direction="up"), "+7.5%", "+7.5%"),
    (page_figure(-0.6, "change", "up", unit="percentage_point"), "−0.6 pp", "−0.6个百分点"),   # 降幅扩大
    (page_figure(0.2, "change", "down", unit="percentage_point"), "+0.2 pp", "+0.2个百分点"),  # 降幅收窄
    (page_figure(-3.0, qualifier="超过"), "<−3%", "<−3%"),      # fell by more than 3%: below −3%
    (page_figure(-3.0, qualifier="about"), "~−3%", "~−3%"),
    (page_figure(3.0, direction="up", qualifier="more than"), ">3%", ">3%"),
    (page_figure(-3.0, value_max=-5.0), "−3–5%", "−3–5%"),
    (page_figure(5.0, "level"), "5%", "5%"),                   # "fell to 5.0%": a level, no sign
    (page_figure(-1.3e12, "change", unit="yuan"), "−¥1.3 trn", "−1.3万亿元"),
])
def test_signed_figures_read_right_on_the_page(fig: Figure, en: str, zh: str) -> None:
    from briefing.compose.present import figure_value
    assert (figure_value(fig, "en"), figure_value(fig, "zh")) == (en, zh)
