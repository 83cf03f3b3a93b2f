"""Tests for briefing.glossary: shipped terms, generated periods, user overrides, validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.bilingual.glossary import load_glossary
from briefing.errors import ConfigError

EN_TO_ZH = [
    ("total retail sales of consumer goods", "社会消费品零售总额"),
    ("The total retail sales of consumer goods", "社会消费品零售总额"),
    ("value added of industrial enterprises above designated size", "规模以上工业增加值"),
    ("added value of industries above designated size", "规模以上工业增加值"),
    ("value-added of industrial enterprises above designated size", "规模以上工业增加值"),
    ("year-on-year", "同比"),
    ("y/y", "同比"),
    ("in the first quarter", "一季度"),
    ("first half of the year", "上半年"),
    ("January to February", "1—2月"),
    ("from January to September", "1—9月"),
    ("first eight months", "前8个月"),
    ("first two months", "前两个月"),
    ("MIIT", "工业和信息化部"),
    ("Ministry of Commerce", "商务部"),
    ("General Administration of Customs", "海关总署"),
    ("State Council Information Office", "国务院新闻办"),
    ("high-tech manufacturing share of value added of industries above designated size",
     "高技术制造业占规模以上工业增加值比重"),
]
ZH_TO_EN = [
    ("规模以上工业增加值", "value added of industrial enterprises above designated size"),
    ("同比", "year-on-year"),
    ("1—2月", "January to February"),
    ("1-2月", "January to February"),
    ("前8个月", "first eight months"),
    ("前８个月", "first eight months"),
    ("前八个月", "first eight months"),
    ("前两月", "first two months"),
    ("一季度", "first quarter"),
    ("工信部", "Ministry of Industry and Information Technology"),
]
UNKNOWN = [  # never a partial translation
    ("en", "total retail sales of consumer goods rose sharply in the countryside"),
    ("en", "value added"),
    ("en", ""),
    ("zh", "今年1—2月规模以上工业增加值"),
    ("zh", "规模以上"),
]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(None)


@pytest.mark.parametrize(("text", "expected"), EN_TO_ZH)
def test_translates_english(glossary, text, expected):
    assert glossary.translate(text, "zh") == expected


@pytest.mark.parametrize(("text", "expected"), ZH_TO_EN)
def test_translates_chinese(glossary, text, expected):
    assert glossary.translate(text, "en") == expected


@pytest.mark.parametrize(("lang", "text"), UNKNOWN)
def test_unknown_or_partial_gives_none(glossary, lang, text):
    assert glossary.translate(text, "zh" if lang == "en" else "en") is None


def test_user_glossary_extends_and_overrides(tmp_path: Path):
    user = tmp_path / "terms.yaml"
    user.write_text("mine:\n  - {en: steel output, zh: 粗钢产量}\n"
                    "  - {en: [year-on-year], zh: 比上年同期}\n", encoding="utf-8")
    glossary = load_glossary(user)
    assert glossary.translate("steel output", "zh") == "粗钢产量"
    assert glossary.translate("year-on-year", "zh") == "比上年同期"
    assert glossary.translate("total retail sales of consumer goods", "zh") == "社会消费品零售总额"


@pytest.mark.parametrize(("content", "named"), [
    ("- en: a\n  zh: b\n", "mapping of sections"),
    ("terms: {en: a, zh: b}\n", "section 'terms'"),
    ("terms:\n  - {en: a}\n", "terms[0].zh"),
    ("terms:\n  - {en: a, zh: b}\n  - {en: c, zh: d, fr: e}\n", "terms[1] has unknown key(s) fr"),
    ("terms:\n  - {en: [], zh: b}\n", "terms[0].en"),
    ("terms:\n  - just a string\n", "terms[0]"),
    ("terms: [\n", "syntax error at line"),
])
def test_bad_user_glossary_names_file_and_entry(tmp_path: Path, content, named):
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_glossary(user)
    message = str(err.value)
    assert str(user) in message and named in message and "\n" not in message


def test_missing_user_glossary_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read glossary"):
        load_glossary(tmp_path / "absent.yaml")
