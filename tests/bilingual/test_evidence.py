"""The evidence pairing reads from each text: numbers with units normalised, dates and periods."""
from __future__ import annotations

import pytest

from briefing.bilingual.evidence import document_evidence
from briefing.bilingual.periods import scan_periods
from briefing.bilingual.quantities import chance_of, scan_quantities
from tests.bilingual.test_pair import doc


def keys(text: str, lang: str) -> list[str]:
    return [q.key for q in scan_quantities(text, lang, scan_periods(text, lang))]


@pytest.mark.parametrize(("en", "zh"), [
    ("retail sales reached 3,124.86 billion yuan", "社会消费品零售总额31248.6亿元"),
    ("3.12486 trillion yuan", "3.12486万亿元"),
    ("the output of raw coal was 135.02 million tons", "原煤产量13502万吨"),
    ("electricity generation 712.7 billion kWh", "发电量7127亿千瓦时"),
    ("13.08 million new urban jobs", "城镇新增就业1308万人"),
    ("an exhibition area of 100,000 square meters", "展览面积10万平方米"),
    ("up by 6.4 percent", "增长6.4%"),
    ("up 6.4 per cent", "增长６.４％"),
    ("1.3 percentage points faster", "加快1.3个百分点"),
    ("natural gas 21.53 billion cubic meters", "天然气215.3亿立方米"),
])
def test_one_number_in_both_languages(en, zh):
    assert keys(en, "en") == keys(zh, "zh") and len(keys(en, "en")) == 1


def test_percent_and_points_are_different_numbers():
    assert keys("up 0.3 percent", "en") != keys("up 0.3 percentage points", "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2023, the ministry took three aspects and 12 measures on March 26.", "en"),
    ("2023年3月26日，商务部从3个方面推出12项措施。", "zh"),
    ("Released 2025-06-16 10:00, tel. 010-68783311, 5G networks, Q3, H1", "en"),
    ("发布时间：2025-06-16 10:00 京ICP备05034670号 1—8月份 前三季度 上半年", "zh"),
])
def test_dates_years_small_counts_and_identifiers_are_no_evidence(text, lang):
    assert keys(text, lang) == []


def test_distinctive_numbers_weigh_more():
    assert chance_of(3124.86e9) <= chance_of(13502) < chance_of(178.0) < chance_of(7.5) < chance_of(3.0)
    assert chance_of(-3.1) == chance_of(3.1)


@pytest.mark.parametrize(("en", "zh", "key"), [
    ("in July 2019", "2019年7月份", "M:7"),
    ("from January to July", "1—7月份", "M:1-7"),
    ("in the first seven months", "前7个月", "M:1-7"),
    ("January-July", "1-7月", "M:1-7"),
    ("in the first half of the year", "上半年", "H:1"),
    ("in the first quarter", "一季度", "Q:1"),
    ("in the third quarter", "第三季度", "Q:3"),
    ("in the first three quarters", "前三季度", "Q:1-3"),
    ("on March 26", "3月26日", "D:3-26"),
    ("on 26 March", "3月26日", "D:3-26"),
])
def test_periods_in_both_languages(en, zh, key):
    found_en = [p.key for p in scan_periods(en, "en") if p.key]
    found_zh = [p.key for p in scan_periods(zh, "zh") if p.key]
    assert found_en == found_zh == [key] or (found_en[0] == found_zh[0] == key)


def test_years_are_kept_with_their_period():
    (july,) = [p for p in scan_periods("2019年7月份", "zh") if p.key]
    (july_en,) = [p for p in scan_periods("in July 2019,", "en") if p.key]
    assert (july.key, july.year) == (july_en.key, july_en.year) == ("M:7", 2019)


def test_main_period_counts_title_mentions_more():
    text = "In July, sales grew. Compared with June, June and June."
    found = document_evidence(doc("a.txt", "en", text, title="Retail sales in July 2023"))
    assert found.main_period == "M:7"
    assert document_evidence(doc("b.txt", "en", text)).main_period == "M:6"


def test_index_keys_are_rare_numbers_or_rare_runs_of_adjacent_numbers():
    found = document_evidence(doc("a.txt", "en", "Sales reached 4,132.6 billion yuan, up 6.4% and 5.8%, then 3%."))
    keys_ = dict(found.index_keys)
    assert "number:4.1326E+12" in keys_  # five digits: rare on its own
    assert "percent:5.8E+0|percent:6.4E+0" in keys_  # two common ones, rare together (either order)
    assert "percent:3E+0|percent:5.8E+0" not in keys_  # 3% is too common: the run needs a third number
    assert all(chance <= 0.05 for chance in keys_.values())
