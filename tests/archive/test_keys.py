"""Indicator and period keys: English and Chinese sources share them; different things never do."""
from __future__ import annotations

import pytest

from briefing.archive.keys import Keys, period_label, period_shape, same_period
from briefing.bilingual.glossary import load_glossary

KEYS = Keys(load_glossary(None))

SAME_INDICATOR = [  # (label, lang) groups that name one indicator
    [("total retail sales of consumer goods", "en"), ("retail sales of consumer goods", "en"),
     ("社会消费品零售总额", "zh")],
    [("added value of the high-tech manufacturing industry above designated size", "en"),
     ("value added of high-tech manufacturing industries above designated size", "en"),
     ("规模以上高技术制造业增加值", "zh")],
    [("value-added of industrial enterprises above designated size", "en"),
     ("added value of industries above designated size", "en"), ("规模以上工业增加值", "zh")],
    [("surveyed urban unemployment rate", "en"), ("城镇调查失业率", "zh")],
    [("national high-tech zones", "en"), ("国家高新区", "zh")],
]


@pytest.mark.parametrize("group", SAME_INDICATOR, ids=lambda g: g[0][0])
def test_english_and_chinese_labels_share_an_indicator_key(group: list[tuple[str, str]]) -> None:
    keys = {KEYS.indicator(label, lang, "percent", "yoy") for label, lang in group}
    assert len(keys) == 1 and "" not in keys


@pytest.mark.parametrize(("a", "b"), [
    (("exports", "en", "percent", "yoy"), ("imports", "en", "percent", "yoy")),
    (("total retail sales of consumer goods", "en", "percent", "yoy"),
     ("total retail sales of consumer goods", "en", "yuan", "level")),
    (("社会消费品零售总额", "zh", "percent", "yoy"), ("社会消费品零售总额", "zh", "percent", "mom")),
    (("exports to the United States", "en", "percent", "yoy"), ("exports from the United States", "en", "percent", "yoy")),
    (("出口", "zh", "percent", "yoy"), ("进口", "zh", "percent", "yoy")),
])
def test_different_indicators_get_different_keys(a: tuple[str, str, str, str], b: tuple[str, str, str, str]) -> None:
    assert KEYS.indicator(*a) != KEYS.indicator(*b)


def test_an_unlabelled_figure_has_no_key() -> None:
    assert KEYS.indicator("", "en", "percent", "yoy") == "" == KEYS.indicator("  ", "zh", "count", "level")


PERIODS = [  # (period as written, lang, source date, key)
    ("January to February this year", "en", "2024-03-27", "2024:1-2"),
    ("the first two months", "en", "2024-03-18", "2024:1-2"),
    ("Jan-Feb", "en", "2024-03-18", "2024:1-2"),
    ("今年1—2月", "zh", "2024-03-27", "2024:1-2"),
    ("前两个月", "zh", "2024-03-18", "2024:1-2"),
    ("1至2月份", "zh", "2024-03-18", "2024:1-2"),
    ("first quarter", "en", "2024-04-16", "2024:1-3"),
    ("一季度", "zh", "2024-04-16", "2024:1-3"),
    ("fourth quarter of last year", "en", "2024-01-17", "2023:10-12"),
    ("去年四季度", "zh", "2024-01-17", "2023:10-12"),
    ("first half of the year", "en", "2023-07-17", "2023:1-6"),
    ("上半年", "zh", "2023-07-17", "2023:1-6"),
    ("January-September 2023", "en", "2024-01-05", "2023:1-9"),
    ("2023年1—9月", "zh", "2024-01-05", "2023:1-9"),
    ("September", "en", "2023-10-18", "2023:9"),
    ("9月份", "zh", "2023-10-18", "2023:9"),
    ("first eight months", "en", "2023-09-15", "2023:1-8"),
    ("前8个月", "zh", "2023-09-15", "2023:1-8"),
    ("前八个月", "zh", "2023-09-15", "2023:1-8"),
    ("May", "en", None, ":5"),
]


@pytest.mark.parametrize(("period", "lang", "date", "key"), PERIODS, ids=lambda v: str(v))
def test_period_keys_in_both_languages(period: str, lang: str, date: str | None, key: str) -> None:
    assert KEYS.period(period, lang, date) == key


def test_no_period_is_no_key() -> None:
    assert KEYS.period(None, "en", "2024-01-01") == "" == KEYS.period("", "zh", None)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2024:1-2", "2024:1-2", True),
    ("2024:1-2", ":1-2", True),  # an unknown year may be the same year
    ("2024:1-2", "2023:1-2", False),
    ("2024:1-2", "2024:1-3", False),
    ("", "", False),  # without periods nothing says they are the same
])
def test_same_period(a: str, b: str, same: bool) -> None:
    assert same_period(a, b) is same


@pytest.mark.parametrize(("key", "shape"), [("2024:5", "month"), ("2024:1-5", "from-january"),
                                            ("2024:4-6", "3-months"), ("2024:", ""), ("", "")])
def test_period_shape_tells_a_month_from_a_year_to_date(key: str, shape: str) -> None:
    assert period_shape(key) == shape


@pytest.mark.parametrize(("key", "label"), [("2024:1-2", ("Jan–Feb 2024", "2024年1—2月")),
                                            ("2023:9", ("Sep 2023", "2023年9月")), (":1-3", ("Jan–Mar", "1—3月")),
                                            ("2024:", None), (":zh:同期", None)])
def test_period_labels_for_the_page(key: str, label: tuple[str, str] | None) -> None:
    assert period_label(key) == label
