"""Markup left in page text (issue 14): JSON escapes, HTML entities and literal tags are decoded
and cut in cleaning, paragraph breaks kept, so figures and lists read as in a clean page."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.clean import steps as clean
from briefing.extract import lists as measures
from briefing.models import Source

ZH_JSON = ('{"title":"工业经济","content":"\\u003cp\\u003e今年以来，工业经济运行呈现三个特点：\\u003c/p\\u003e'
           '\\u003cp\\u003e一是生产稳。规模以上工业增加值同比增长5.9%。\\u003c/p\\u003e'
           '\\u003cp\\u003e二是投资增。制造业投资同比增长9.1%。\\u003c/p\\u003e'
           '\\u003cp\\u003e三是出口强。机电产品出口增长7.3%。\\u003c/p\\u003e"}')
EN_ENTITIES = ("&lt;p&gt;The ministry will work in three areas.&lt;/p&gt;&lt;p&gt;First, we will cut "
               "taxes for small firms.&lt;/p&gt;&lt;p&gt;Second, we will reduce fees &amp; charges."
               "&lt;/p&gt;&lt;p&gt;Third, we will open markets wider.&lt;/p&gt;")
ZH_LITERAL = ("<div class=\"TRS_Editor\"><p style=\"text-indent:2em\">会议强调，要抓好四项工作：</p>"
              "<p>一是扩大有效投资；</p><p>二是提振消费；</p><p>三是稳定外贸；</p><p>四是防范风险。<br/></p></div>")
EN_DOUBLE = "&amp;lt;p&amp;gt;Exports rose 6.1 percent in April.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Imports fell.&amp;lt;/p&amp;gt;"


@pytest.mark.parametrize("raw,lang,heads", [
    (ZH_JSON, "zh", ["生产稳", "投资增", "出口强"]),
    (EN_ENTITIES, "en", ["Cut taxes for small firms", "Reduce fees & charges", "Open markets wider"]),
    (ZH_LITERAL, "zh", ["扩大有效投资", "提振消费", "稳定外贸", "防范风险"]),
])
def test_lists_inside_escaped_markup_are_found(raw: str, lang: str, heads: list[str]) -> None:
    text = clean.clean_text(raw)
    assert "<" not in text and "\\u00" not in text and "&lt;" not in text
    lists = measures.extract_lists(text, lang)
    assert [[i.headline for i in m.items] for m in lists] == [heads]
    assert lists[0].announced == len(heads) and lists[0].complete


def test_block_tags_leave_paragraphs() -> None:
    text = clean.clean_text(ZH_LITERAL)
    assert text.split("\n\n")[:2] == ["会议强调，要抓好四项工作：", "一是扩大有效投资；"]


def test_doubly_escaped_page_is_decoded() -> None:
    assert clean.clean_text(EN_DOUBLE) == "Exports rose 6.1 percent in April.\n\nImports fell."


def test_numbers_survive_decoding() -> None:
    assert "同比增长5.9%" in clean.clean_text(ZH_JSON)


@pytest.mark.parametrize("text", [
    "The index rose to 5 < 6 in the model, and a<b holds; x > y too.",
    "R&D spending rose, and AT&T said so.",
    "The path C:\\new\\table was named in the report.",
    "Use the <strategy> of growth, the ministry said.",  # not an HTML tag name
    "He wrote \\u4e00 once.",  # one escape that spells no markup: left alone
])
def test_prose_with_brackets_backslashes_and_ampersands_is_kept(text: str) -> None:
    assert clean.clean_text(text) == text


def test_markup_step_is_explained() -> None:
    source = Source(Path("page.txt"), "page.txt", EN_ENTITIES, "utf-8", "txt", len(EN_ENTITIES))
    step = next(s for s in clean.clean_source(source).steps if s.name == "markup")
    assert step.removed >= 8 and any("<p>" in example for example in step.examples)


@pytest.mark.parametrize("raw", [ZH_JSON, EN_ENTITIES, ZH_LITERAL, EN_DOUBLE])
def test_decoding_is_idempotent(raw: str) -> None:
    once = clean.clean_text(raw)
    assert clean.clean_text(once) == once
