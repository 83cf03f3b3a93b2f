"""Keyed lists of two keys (round 2): "一增一减" / "one up, one down" announce a tier-3 list of two
items when each item restates its key ("一增，即…；一减，即…", "One up means …"). Texts written for
these tests, in both languages, with the wordings press releases use; and the look-alikes."""
from __future__ import annotations

import pytest

from briefing.extract import lists as measures
from briefing.models import MeasureList


def keyed(lists: tuple[MeasureList, ...]) -> list[list[str]]:
    """Return the headlines of the tier-3 lists found."""
    return [[i.headline for i in m.items] for m in lists if m.tier == 3]


TWO_KEYS = [
    ("zh", "今年前三季度，全国税费收入呈现“一增一减”的特点：一增，即税收收入同比增长2.1%，主要受企业利润回升带动；"
           "一减，即非税收入同比下降5.3%，主要是上年同期基数较高。",
     ["税收收入同比增长2.1%", "非税收入同比下降5.3%"]),
    ("zh", "从数据看，税费呈现'一增一减'：一增，即新增减税降费及退税缓税缓费规模继续扩大；一减，即企业实际税费负担进一步下降。",
     ["新增减税降费及退税缓税缓费规模继续扩大", "企业实际税费负担进一步下降"]),
    # the restated key joined by 是 without a comma, the second item after a comma
    ("zh", "发言人说，近期价格走势可以概括为“一升一降”，一升是服务价格温和上涨，一降是能源价格有所回落。",
     ["服务价格温和上涨", "能源价格有所回落"]),
    ("zh", "今年外贸呈现“一稳一进”态势。一稳，是规模保持稳定，前10个月进出口总值增长5.2%。"
           "一进，是结构持续优化，机电产品出口占比提高。",
     ["规模保持稳定", "结构持续优化"]),
    ("zh", "税务总局有关负责人介绍，发票管理改革体现“一减一增”。一减是指减少纳税人办税环节；一增是指增加电子发票应用场景。",
     ["减少纳税人办税环节", "增加电子发票应用场景"]),
    ("en", "Tax revenue showed \"one up, one down\": one up means tax revenue rose 2.1 percent year on year; "
           "one down means non-tax revenue fell 5.3 percent.",
     ["Tax revenue rose 2.1 percent year on year", "Non-tax revenue fell 5.3 percent"]),
    ("en", "Fiscal receipts moved \"one up and one down\" in the first three quarters. One up refers to tax "
           "revenue, which grew 2.1 percent. One down refers to non-tax revenue, which fell 5.3 percent.",
     ["Tax revenue, which grew 2.1 percent", "Non-tax revenue, which fell 5.3 percent"]),
    ("en", "The spokesperson described the trend as one rise and one fall: one rise is the growth of tax "
           "revenue from equipment makers; one fall is the drop in land-related revenue.",
     ["The growth of tax revenue from equipment makers", "The drop in land-related revenue"]),
    ("en", "Officials summed up the reform as \"one cut and one increase\". One cut: fewer steps for "
           "taxpayers to file returns. One increase: more uses for digital invoices.",
     ["Fewer steps for taxpayers to file returns", "More uses for digital invoices"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TWO_KEYS)
def test_two_keys_restated_make_a_tier3_list_of_two(lang: str, text: str, expected: list[str]) -> None:
    lists = measures.extract_lists(text, lang)
    found = [m for m in lists if m.tier == 3]
    assert keyed(lists) == [expected]
    assert found[0].announced == 2 and found[0].complete
    assert all(text[i.start:i.end] == i.text for i in found[0].items)


@pytest.mark.parametrize(("lang", "text"), [
    # two keys nobody restates
    ("zh", "坚持“一国两制”方针，推进“一带一路”建设。增进民生福祉，促进共同富裕。"),
    ("zh", "市场呈现“一增一减”态势，新房成交增加，二手房成交减少。"),
    ("en", "The policy of one country, two systems has been a success. Promote exchanges. Deepen trust."),
    ("en", "Prices moved one by one, one after another, as the market opened. One by one means slowly."),
    ("en", "Retail sales went one up and one down over the year. Sales rose in May. Sales fell in June."),
])
def test_two_keys_without_restated_items_make_no_keyed_list(lang: str, text: str) -> None:
    assert keyed(measures.extract_lists(text, lang)) == []


# --- counted lists of one-sentence paragraphs (texts of our own) ------------------------------
FOUR_AREAS = """The new plan lays out steps in four areas.

To improve the supply of elderly care, the country will support community canteens, day-care centres and home visits in every city.

Payment for long-term care will be widened through a national insurance scheme covering all urban employees by 2027.

Training for care workers will be stepped up, with vocational colleges asked to open courses and raise the number of graduates.

Standards for care homes will also be tightened, with stronger inspection and public ratings of service quality.

Separately, retail sales of medical devices rose 8.4 percent in the first ten months, the ministry said."""


def test_a_count_then_exactly_that_many_one_sentence_paragraphs_is_a_tier2_list() -> None:
    lists = measures.extract_lists(FOUR_AREAS, "en")
    assert [(m.tier, m.announced, m.complete, len(m.items)) for m in lists] == [(2, 4, True, 4)]
    assert lists[0].items[1].text.startswith("Payment for long-term care")


def test_long_one_sentence_paragraphs_short_of_the_count_make_no_list() -> None:
    # three long one-sentence paragraphs after "four areas" and then a report line: not the list announced
    paragraphs = FOUR_AREAS.split("\n\n")
    text = "\n\n".join(paragraphs[:4] + ["Officials said on Monday that retail sales of medical devices rose 8.4 percent "
                                          "in the first ten months, faster than a year earlier, as demand from an "
                                          "ageing population kept growing across most provinces."])
    assert [m for m in measures.extract_lists(text, "en") if m.tier == 2] == []


def test_yi_yao_er_yao_make_a_tier1_list() -> None:
    text = ("会议要求，要着力做好以下工作：一要加快项目审批，确保资金尽快落地；二要加强统筹调度，防止重复建设；"
            "三要强化监督检查，严肃查处违规行为。会议强调，统一要求，分级负责。")
    lists = measures.extract_lists(text, "zh")
    assert [(m.tier, len(m.items)) for m in lists] == [(1, 3)]
    assert lists[0].items[2].headline.startswith("强化监督检查")


def test_shouxian_qici_ciwai_make_a_list_and_a_ciwai_that_announces_does_not_close_one() -> None:
    text = ("今年以来，我们主要做了以下工作：首先，加大金融支持力度，扩大信贷投放。其次，推动外贸新业态加快发展。"
            "此外，积极为企业参展提供便利，支持企业拓市场。")
    assert [len(m.items) for m in measures.extract_lists(text, "zh")] == [3]
    announcing = text.replace("此外，积极为企业参展提供便利，支持企业拓市场。", "此外，今年要重点推进三大工程建设：")
    assert [len(m.items) for m in measures.extract_lists(announcing, "zh")] == [2]


def test_bullets_after_a_colon_make_a_tier3_list() -> None:
    text = ("The ministry also unveiled a plan to cut logistics costs. The measures include:\n\n"
            "- shifting more bulk cargo from roads to railways and waterways;\n\n"
            "- promoting multimodal transport for container shipping;\n\n"
            "• regulating highway tolls for truck drivers.\n\nFreight volume rose 3.2 percent in October.")
    lists = measures.extract_lists(text, "en")
    assert [(m.tier, len(m.items)) for m in lists] == [(3, 3)]
    assert all(text[i.start:i.end] == i.text and not i.text.startswith(("-", "•")) for i in lists[0].items)


def test_one_bullet_after_a_colon_is_no_list() -> None:
    text = "The note reads:\n\n- all figures are preliminary.\n\nOutput rose 3.2 percent in October."
    assert measures.extract_lists(text, "en") == ()
