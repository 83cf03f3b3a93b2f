"""Lists as real pages damage them (issue 14): a destroyed first marker, a page cut short, English
keyed lists, unannounced paragraph lists, and the look-alikes that are no list. Texts written for
these tests, in both languages, none taken from the samples."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.extract import lists as measures
from briefing.models import MeasureList


def heads(lists: tuple[MeasureList, ...]) -> list[list[str]]:
    """Return the headlines of every list found."""
    return [[i.headline for i in m.items] for m in lists]


def shape(lst: MeasureList) -> tuple[int, int | None, bool, int]:
    """Return a list's tier, announced count, completeness and number of items."""
    return lst.tier, lst.announced, lst.complete, len(lst.items)


# --- a first marker destroyed by noise or censorship -----------------------------------------
DAMAGED_FIRST = [
    ("zh", "国家发展改革委新闻发言人表示，下一步将从三个方面推进相关工作：*是加快资金下达使用，督促各地尽快"
           "形成实物工作量；二是推进重大项目建设，加快新型基础设施建设；三是进一步激发民间投资活力。",
     ["加快资金下达使用", "推进重大项目建设", "进一步激发民间投资活力"], 3),
    ("zh", "会议强调，做好下半年工作要把握好以下三点。□，坚持稳中求进，巩固经济回升向好态势。第二，扩大国内"
           "需求，激发消费潜力。第三，防范化解风险，守住底线。",
     ["坚持稳中求进", "扩大国内需求", "防范化解风险"], 3),
    # the noise cleaning cut a symbol that stood where the numeral was: a bare 是 is left
    ("zh", "今年重点抓好三项工作：是稳定外贸外资基本盘，加大出口信贷支持；二是拓展中间品贸易；三是发展跨境电商。",
     ["稳定外贸外资基本盘", "拓展中间品贸易", "发展跨境电商"], 3),
    # the marker is gone altogether: the count and the remaining markers make the list
    ("zh", "商务部将从四个方面发力：稳住外贸基本盘，加大出口信贷支持力度；二是拓展中间品贸易；三是发展跨境电商；"
           "四是优化贸易环境。", ["稳住外贸基本盘", "拓展中间品贸易", "发展跨境电商", "优化贸易环境"], 4),
    ("zh", "一是扩大有效需求，释放消费潜力；*是稳定就业岗位；三是防范金融风险。",
     ["扩大有效需求", "稳定就业岗位", "防范金融风险"], None),
    ("en", "The commission will work in three areas. *, we will speed up the allocation of funds. Second, "
           "we will push forward major projects. Third, we will stimulate private investment.",
     ["Speed up the allocation of funds", "Push forward major projects", "Stimulate private investment"], 3),
    ("en", "Next, the commission will take measures in four respects. The *** is to speed up the use of "
           "funds. The second is to advance major projects. The third is to boost private investment. "
           "The fourth is to improve services for projects.",
     ["Speed up the use of funds", "Advance major projects", "Boost private investment",
      "Improve services for projects"], 4),
    ("en", "The bank will focus on three tasks:\n\n□, keep liquidity reasonably ample. Details follow.\n\n"
           "Second, guide lending to small firms. More details.\n\nThird, keep the yuan basically stable.",
     ["Keep liquidity reasonably ample", "Guide lending to small firms", "Keep the yuan basically stable"], 3),
    ("en", "The plan sets out two priorities: lower the cost of finance for small firms. Second, widen "
           "access to export credit insurance.",
     ["Lower the cost of finance for small firms", "Widen access to export credit insurance"], 2),
]


DAMAGED_FIRST += [
    # ASCII punctuation in a Chinese page
    ("zh", "主要有三方面考虑:*是加快资金下达;二是推进项目建设;三是激发民间投资。",
     ["加快资金下达", "推进项目建设", "激发民间投资"], 3),
]


@pytest.mark.parametrize("lang,text,expected,announced", DAMAGED_FIRST)
def test_damaged_first_marker_recovers_item_one(lang: str, text: str, expected: list[str],
                                                announced: int | None) -> None:
    """The remaining markers (and the count) make the list; item 1 is recovered."""
    lists = measures.extract_lists(text, lang)
    assert heads(lists) == [expected]
    assert shape(lists[0]) == (1, announced, True, len(expected))
    assert all(text[i.start:i.end] == i.text for i in lists[0].items)


NOT_DAMAGED = [
    ("en", "No one is exempt from the rules, the second is that firms must report. The second is due in May."),
    ("en", "One is tempted to say, the second is harder than the first, but the data disagree."),
    ("zh", "这是一个好消息，是各方共同努力的结果。二是否成立还要看数据。"),
    ("zh", "今年以来，经济持续回升。二是关键一年，要做好各项工作。"),
    ("zh", "会议指出，下半年工作任务艰巨。第二，要狠抓落实。"),  # one marker, no count: no list
    ("en", "Prices rose in March. Second, the bureau said, wages also grew."),
    ("en", "The outlook is good. *, we believe. The second half will be harder."),
]


@pytest.mark.parametrize("lang,text", NOT_DAMAGED)
def test_stray_second_marker_without_count_is_no_list(lang: str, text: str) -> None:
    """A lone second marker, or one with no announcing intro, makes no list."""
    assert measures.extract_lists(text, lang) == ()


# --- a list the page cuts short --------------------------------------------------------------
CUT_SHORT = [
    ("en", "Looking ahead, the ministry will work from three aspects: First, we will step up support for",
     ["Step up support for"], 3),
    ("en", "The bank said it would act in four areas. First, cut taxes for small firms. Second, reduce fees",
     ["Cut taxes for small firms", "Reduce fees"], 4),
    ("zh", "今年消费市场呈现五方面特点：一是总量扩大，社会消费品零售总额稳步增长；二是结构优化，服务消费占比提升；"
           "三是新业态加快涌现；四是农村市场增速快于城镇",
     ["总量扩大", "结构优化", "新业态加快涌现", "农村市场增速快于城镇"], 5),
    ("zh", "下一步，工业和信息化部将从三个方面发力：一是加快推进新型工业化，",
     ["加快推进新型工业化"], 3),
    ("zh", "下一步，将重点抓好以下四项工作：\n\n扩大有效投资。用好超长期特别国债。\n\n提振消费",
     ["扩大有效投资", "提振消费"], 4),
]


CUT_SHORT += [
    ("zh", "今年消费市场呈现五方面特点:一是总量扩大,零售总额稳步增长;二是结构优化;三是新业态加快涌现;四是农村市场增速快于城镇",
     ["总量扩大", "结构优化", "新业态加快涌现", "农村市场增速快于城镇"], 5),
]


@pytest.mark.parametrize("lang,text,expected,announced", CUT_SHORT)
def test_list_cut_short_keeps_its_count(lang: str, text: str, expected: list[str], announced: int) -> None:
    """A list cut by the page end is reported with its count, the items there and complete: false."""
    lists = measures.extract_lists(text, lang)
    assert heads(lists) == [expected]
    assert lists[0].announced == announced and not lists[0].complete
    assert lists[0].score < 0.8  # an incomplete list ranks below a whole one of its tier


NOT_CUT_SHORT = [
    # one announced item in the middle of a page is no list: the page went on
    ("zh", "下一步将从三个方面发力：一是加快推进新型工业化。\n\n他表示，前景向好。"),
    ("en", "The ministry will work from three aspects: First, we will cut taxes.\n\nHe said the outlook is good."),
    # one item at the end, but nothing announced
    ("en", "The ministry said more would follow. First, we will cut taxes."),
]


@pytest.mark.parametrize("lang,text", NOT_CUT_SHORT)
def test_one_item_not_at_the_page_end_is_no_list(lang: str, text: str) -> None:
    assert measures.extract_lists(text, lang) == ()


# --- tier 3: English keyed lists ------------------------------------------------------------
KEYED_EN = [
    ("The bureau will pursue \"one expansion, one reduction and one improvement\" this year. Expand the "
     "digital services platform to all county offices. Reduce the processing time for export "
     "declarations. Improve the quality of supervision at inland ports.",
     ["Expand the digital services platform to all county offices",
      "Reduce the processing time for export declarations",
      "Improve the quality of supervision at inland ports"]),
    ("Customs will serve trade through one increase, one decrease, one optimisation and one "
     "reinforcement.\n\nIncrease convenience for traders. Customs will extend the single window. Cut "
     "costs for firms. Port charges will be lowered. Optimise services at ports. More will follow. "
     "Reinforce supervision of risks. Checks will be targeted.",
     ["Increase convenience for traders", "Cut costs for firms", "Optimise services at ports",
      "Reinforce supervision of risks"]),
]


@pytest.mark.parametrize("text,expected", KEYED_EN)
def test_english_keyed_list(text: str, expected: list[str]) -> None:
    """"one X, one Y and one Z" announces a tier-3 list of that many headline sentences."""
    lists = measures.extract_lists(text, "en")
    assert heads(lists) == [expected]
    assert shape(lists[0]) == (3, len(expected), True, len(expected))


@pytest.mark.parametrize("text", [
    "The policy of one country, two systems has been a success. Promote exchanges. Deepen trust.",
    "It built one road, one bridge and one tunnel last year. The road opened in May. The bridge in June.",
])
def test_english_keyed_look_alikes(text: str) -> None:
    """Two keys, or keys followed by no headline sentences, make no keyed list."""
    assert measures.extract_lists(text, "en") == ()


# --- tier 3: unannounced paragraphs, each opening with a short measure headline ----------------
UNANNOUNCED = [
    ("en", "Speaking at the forum, the vice minister said the focus this year is on quality.\n\n"
           "Deepen reform of the approval system. The ministry will cut the number of approval steps "
           "and publish a list of the remaining ones.\n\n"
           "Expand the opening up of services. Pilot zones will open more sectors to foreign firms.\n\n"
           "Improve the protection of intellectual property. Courts will handle more cases online.\n\n"
           "The vice minister said the measures would take effect in July.",
     ["Deepen reform of the approval system", "Expand the opening up of services",
      "Improve the protection of intellectual property"]),
    ("zh", "副部长在论坛上表示，今年工作的重点是提质增效。\n\n深化审批制度改革。将进一步压减审批环节，公布保留事项清单。\n\n"
           "扩大服务业对外开放。自贸试验区将向外资开放更多领域。\n\n加强知识产权保护。法院将更多在线审理案件。\n\n"
           "副部长表示，上述措施将于7月起实施。", ["深化审批制度改革", "扩大服务业对外开放", "加强知识产权保护"]),
]


@pytest.mark.parametrize("lang,text,expected", UNANNOUNCED)
def test_unannounced_paragraph_list(lang: str, text: str, expected: list[str]) -> None:
    """Three paragraphs in a row, each opening with a short measure headline, are a tier-3 list."""
    lists = measures.extract_lists(text, lang)
    assert heads(lists) == [expected]
    assert shape(lists[0]) == (3, None, True, 3)


NOT_LISTS = [
    # statistics-release section headings, "first quarter", 第一产业
    ("zh", "一、各类商品及服务价格同比变动情况\n\n食品价格下降0.2%。\n\n二、各类商品及服务价格环比变动情况\n\n"
           "交通通信类价格下降1.0%。"),
    ("zh", "分产业看，第一产业增加值增长3.5%，第二产业增加值增长5.9%，第三产业增加值增长5.3%。"),
    ("en", "In the first quarter, GDP grew 5.4 percent. In the second quarter, it grew 5.2 percent. "
           "The third quarter is expected to be slower."),
    # only two measure paragraphs in a row
    ("en", "He spoke on Monday.\n\nDeepen reform. The ministry will act.\n\nExpand opening up. Zones will open."),
]


@pytest.mark.parametrize("lang,text", NOT_LISTS)
def test_statements_headings_and_ordinal_words_are_no_lists(lang: str, text: str) -> None:
    assert measures.extract_lists(text, lang) == ()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["*是", "二是", "三是", "*, ", "Second, ", "Third, ", "three aspects:",
                                 "三个方面：", "。", "，", "\n\n", "cut taxes. ", "Deepen reform. ", "扩大内需。",
                                 "one increase, one decrease and one strength. ", "Increase it. "]),
                max_size=30),
       st.sampled_from(["en", "zh"]))
def test_damaged_and_cut_lists_keep_invariants(parts: list[str], lang: str) -> None:
    """Any mix of damaged markers and fragments gives well-formed lists: offsets right, numbered from 1."""
    text = "".join(parts)
    for lst in measures.extract_lists(text, lang):
        assert [i.n for i in lst.items] == list(range(1, len(lst.items) + 1))
        assert all(text[i.start:i.end] == i.text for i in lst.items)
        assert lst.complete == (lst.announced is None or len(lst.items) >= lst.announced)
        assert len(lst.items) >= 2 or not lst.complete


# --- held-out follow-up: shapes pinned with texts of our own before any rule was written -------
MORE_ORDINAL = [
    # 首先 after a comma opens a run continued by 其次, 再次, 最后
    ("zh", "会议安排方面，首先，召开全体会议，听取工作报告；其次，分组讨论重点议题；最后，形成会议纪要并印发。",
     ["召开全体会议", "分组讨论重点议题", "形成会议纪要并印发"], None),
    # "The first is" destroyed down to its placeholder: "□ is …. The second is …"
    ("en", "Retail has shown several new trends. □ is the fast growth of instant retail in small cities. "
           "The second is the spread of trade-in programmes to more products. The third is the rise of "
           "guochao brands among young buyers.",
     ["The fast growth of instant retail in small cities", "The spread of trade-in programmes to more products",
      "The rise of guochao brands among young buyers"], None),
]


MORE_ORDINAL += [
    # an inline list after a colon, its items between commas: "one is …, the second is …"
    ("en", "The bank will help small exporters in two ways: one is offering cheaper export credit, and the "
           "second is simplifying the approval of trade loans.",
     ["Offering cheaper export credit", "Simplifying the approval of trade loans"], 2),
]


@pytest.mark.parametrize("lang,text,expected,announced", MORE_ORDINAL)
def test_more_ordinal_shapes(lang: str, text: str, expected: list[str], announced: int | None) -> None:
    lists = measures.extract_lists(text, lang)
    assert heads(lists) == [expected]
    assert shape(lists[0]) == (1, announced, True, len(expected))


RESTATED_KEYS = [
    ("zh", "发言人把新政策概括为“一放一管一服”。一放，即放宽市场准入，取消部分行业资质限制；一管，即加强事中事后监管，"
           "推行信用分级分类；一服，是优化政务服务，推广“一件事一次办”。",
     ["放宽市场准入", "加强事中事后监管", "优化政务服务"]),
    ("zh", "今年财政政策可以用“一增一减”来概括。\n\n一增，就是增加对科技创新的支出，重点支持基础研究。"
           "一减，就是减轻企业税费负担，延续实施结构性减税政策。",
     ["增加对科技创新的支出", "减轻企业税费负担"]),
    ("en", "The central bank summed up its stance as \"one cut, one rise and one hold\". One cut means lowering "
           "the reserve requirement ratio for rural banks; one rise means raising re-lending quotas for "
           "technology firms; one hold refers to keeping the policy rate unchanged this quarter.",
     ["Lowering the reserve requirement ratio for rural banks", "Raising re-lending quotas for technology firms",
      "Keeping the policy rate unchanged this quarter"]),
]


@pytest.mark.parametrize("lang,text,expected", RESTATED_KEYS)
def test_keyed_items_restating_their_key(lang: str, text: str, expected: list[str]) -> None:
    """一放，即… / "One cut means …": each item opens with its key restated, the gist after it."""
    lists = measures.extract_lists(text, lang)
    found = [m for m in lists if m.tier == 3]
    assert heads(tuple(found)) == [expected]
    assert found[0].announced == len(expected)


HEADLINE_RUNS = [
    ("en", "Overall, the provincial economy kept recovering in the third quarter.\n\n"
           "Output rose steadily. Factories in the south added shifts, and mining recovered.\n\n"
           "Consumption picked up. Holiday travel and catering sales were strong.\n\n"
           "Jobs held up. The surveyed unemployment rate edged down in September.\n\n"
           "The bureau will publish the full data next week.",
     ["Output rose steadily", "Consumption picked up", "Jobs held up"]),
    ("zh", "答：总体看，三季度全省经济延续回升向好态势。\n\n工业生产稳步回升。重点行业生产加快，企业订单有所增加。\n\n"
           "消费市场持续活跃。节假日出行和餐饮消费较旺。\n\n就业形势总体稳定。城镇调查失业率有所下降。\n\n问：下阶段有何考虑？",
     ["工业生产稳步回升", "消费市场持续活跃", "就业形势总体稳定"]),
]


HEADLINE_RUNS += [
    # short statement paragraphs with a figure each are headlines too (issue 14: "unannounced
    # paragraph lists whose paragraphs each open with a short headline sentence")
    ("en", "Industrial production grew steadily. In May, value added grew by 5.8 percent.\n\n"
           "Market sales grew faster. Retail sales rose by 6.4 percent.\n\n"
           "Fixed-asset investment continued to grow. Investment rose by 3.7 percent.",
     ["Industrial production grew steadily", "Market sales grew faster", "Fixed-asset investment continued to grow"]),
    ("zh", "工业生产稳定增长。5月份，规模以上工业增加值同比增长5.8%。\n\n市场销售增长加快。社会消费品零售总额增长6.4%。\n\n"
           "固定资产投资继续增长。全国固定资产投资增长3.7%。", ["工业生产稳定增长", "市场销售增长加快", "固定资产投资继续增长"]),
]


@pytest.mark.parametrize("lang,text,expected", HEADLINE_RUNS)
def test_short_headline_paragraphs_are_a_tier3_list(lang: str, text: str, expected: list[str]) -> None:
    """Three short paragraphs, each a headline sentence and a line of detail, make a tier-3 list."""
    lists = measures.extract_lists(text, lang)
    assert heads(lists) == [expected]
    assert shape(lists[0]) == (3, None, True, 3)


RELEASE_SECTIONS = [
    # a statistics release: each paragraph a section packed with data, not a list item
    ("en", "Industrial output grew faster. In September, the value added of industrial enterprises above "
           "designated size grew by 5.4 percent year on year, 0.9 percentage points faster than in August. "
           "On a month-on-month basis, it grew by 0.59 percent. Manufacturing grew by 5.2 percent.\n\n"
           "Services production recovered. The index of services production grew by 5.1 percent year on "
           "year. Information services grew by 10.3 percent, and leasing services by 9.8 percent. From "
           "January to September, the index grew by 4.9 percent.\n\n"
           "Market sales grew steadily. Retail sales reached 4,174.8 billion yuan, up by 3.2 percent. "
           "Retail sales in rural areas grew by 4.1 percent, and in urban areas by 3.0 percent. Online "
           "retail sales grew by 8.2 percent from January to September."),
    ("zh", "工业生产加快。9月份，规模以上工业增加值同比增长5.4%，比8月份加快0.9个百分点。从环比看，规模以上工业增加值比上月增长"
           "0.59%。分三大门类看，采矿业增加值增长3.5%，制造业增长5.2%。1—9月份，规模以上工业增加值同比增长5.8%。\n\n"
           "服务业持续恢复。9月份，全国服务业生产指数同比增长5.1%，比8月份加快0.5个百分点。其中，信息传输、软件和信息技术服务业"
           "增长10.3%。1—9月份，全国服务业生产指数同比增长4.9%。\n\n市场销售平稳增长。9月份，社会消费品零售总额41748亿元，"
           "同比增长3.2%。按经营单位所在地分，城镇消费品零售额增长3.0%，乡村消费品零售额增长4.1%。1—9月份，全国网上零售额增长8.6%。"),
]


@pytest.mark.parametrize("lang,text", RELEASE_SECTIONS)
def test_statistics_release_sections_are_no_list(lang: str, text: str) -> None:
    assert measures.extract_lists(text, lang) == ()


@pytest.mark.parametrize("lang,text", [
    ("zh", "说明：\n1. 数据来源\n本公报数据来自全省统计年报。\n2. 计算方法\n增长速度按可比价格计算。"),
    ("en", "Notes:\n1. Data Sources\nThe figures come from the annual survey of enterprises.\n2. Methods\n"
           "Growth rates are calculated at comparable prices."),
])
def test_numbered_notes_of_a_release_are_no_list(lang: str, text: str) -> None:
    """An annex's numbered notes (说明：, Notes:) explain the data: no measures."""
    assert measures.extract_lists(text, lang) == ()
