"""Page furniture rules of briefing.clean: navigation, UI controls, bracketed tokens, licence lines,
stray prefixes; each with lines that must go and lines that must survive (EN and ZH)."""
from __future__ import annotations

import pytest

from briefing.clean import steps as clean

BODY_EN = "Industrial output grew by 5.8 percent year on year in May, the bureau said on Monday."
BODY_ZH = "5月份，全国规模以上工业增加值同比增长5.8%，比4月份回落0.3个百分点。"


def survives(line: str, body: str = BODY_EN) -> bool:
    """Tell whether `line` is still in the cleaned text of a small document holding it."""
    return line in clean.clean_text(f"Title\n\n{body}\n\n{line}\n\n{body}\n")


@pytest.mark.parametrize("line", [
    "Home | About NBS | News Release | Statistical Data | Publications | Contact Us",
    "Home > News Release > Press Release",
    "Home | China | World | Business | Lifestyle",
    "Related Links: Statistical Communiqué | Monthly Data | Data Release Calendar",
    "当前位置：首页 > 新闻 > 新闻发布",
    "首页 | 机构 | 新闻 | 数据 | 公开",
    "人民网>>经济·科技>>正文",
    "首页 〉 政策 〉 政策解读",
    "Home » Economy",
])
def test_navigation_lines_go(line: str) -> None:
    assert clean.is_navigation(line)
    assert not survives(line)


@pytest.mark.parametrize("line", [
    "Economic Watch | China's consumption recovers steadily as holiday spending surges",
    "China's GDP grows 5.3% in Q1 | Xinhua",
    "Exports rose 8.1% and imports fell 0.2% / year on year",
    "国家统计局：5月份国民经济保持稳定增长 | 新华网",
    "工业 / 服务业 增长较快，消费回升",
    "Business / Economy",
])
def test_headlines_and_prose_with_separators_survive(line: str) -> None:
    assert not clean.is_navigation(line)
    assert survives(line)


@pytest.mark.parametrize("line", [
    "Print    Close    Share to: WeChat  Weibo",
    "Share - WeChat  Twitter  Facebook",
    "Print    Share - WeChat  Twitter  Facebook",
    "Related Stories",
    "Back to top",
    "字号 大 中 小　　打印本页　　关闭窗口",
    "分享到：微信 微博 QQ空间",
    "分享让更多人看到",
    "网站地图 | 联系我们 | English",
])
def test_ui_control_lines_go(line: str) -> None:
    assert clean.is_furniture(line.strip())
    assert not survives(line)


@pytest.mark.parametrize(("line", "body"), [
    ("Share prices in Shanghai closed higher after the data were released.", BODY_EN),
    ("Print media and online platforms should share the statistics.", BODY_EN),
    ("Close cooperation will continue.", BODY_EN),
    ("分享经济快速发展", BODY_ZH),
    ("分享经济", BODY_ZH),
    ("大中小企业融通发展，打印机出口增长", BODY_ZH),
])
def test_sentences_mentioning_ui_words_survive(line: str, body: str) -> None:
    assert not clean.is_ui_line(line)
    assert survives(line, body)


@pytest.mark.parametrize(("line", "kept"), [
    ("【打印】【关闭】【分享到：微信 微博】", ""),
    ("【字体：大 中 小】【打印本页】【关闭窗口】", ""),
    ("新闻发言人还表示，将密切跟踪政策落实情况。【责任编辑：周航】", "新闻发言人还表示，将密切跟踪政策落实情况。"),
    ("The meeting ended. [Print] [Close]", "The meeting ended."),
    ("【纠错】", ""),
])
def test_bracketed_ui_tokens_are_cut(line: str, kept: str) -> None:
    body = BODY_EN if line.isascii() else BODY_ZH
    out = clean.clean_text(f"Title\n\n{body}\n\n{line}\n\n{body}\n")
    assert line not in out
    without = clean.clean_text(f"Title\n\n{body}\n\n{kept}\n\n{body}\n")
    assert out == without and (not kept or kept in out.split("\n"))


@pytest.mark.parametrize("line", [
    "【专家解读】稳增长政策持续发力",
    "“十四五”规划【2021-2025】确定的目标",
    "The rate [1] rose to 5.0 percent.",
])
def test_other_bracketed_tokens_stay(line: str) -> None:
    body = BODY_EN if line.isascii() else BODY_ZH
    assert line in clean.clean_text(f"Title\n\n{body}\n\n{line}\n\n{body}\n")


@pytest.mark.parametrize("line", [
    "License for publishing multimedia online 0108263    Registration Number: 130349",
    "互联网新闻信息服务许可证10120170001　举报电话：12377",
    "Note: Browsers with 1024*768 or higher resolution are suggested for this site.",
    "Address: No. 57, Yuetan Nanjie, Xicheng District, Beijing 100826   Tel: 86-10-68783311",
    "网站备案号：京ICP备05034670号",
    "主办单位：国务院办公厅　运行维护单位：中国政府网运行中心",
    "建议使用1024*768分辨率浏览本站",
])
def test_licence_contact_and_resolution_lines_go(line: str) -> None:
    assert not survives(line, BODY_EN if line.isascii() else BODY_ZH)


@pytest.mark.parametrize(("line", "body"), [
    ("The ministry issued 1,200 new business licenses in April, up 12 percent.", BODY_EN),
    ("High-resolution satellites and 5G base stations were built.", BODY_EN),
    ("全年发放排污许可证3万余张，高分辨率遥感卫星投入使用。", BODY_ZH),
    ("The hotel: 12 floors, 300 rooms.", BODY_EN),
])
def test_prose_about_licences_and_resolution_survives(line: str, body: str) -> None:
    assert survives(line, body)


ZH_PARAGRAPHS = [f"　　第{n}段，固定资产投资同比增长{n}.2%，民间投资继续回升。" for n in range(1, 9)]


@pytest.mark.parametrize(("prefix", "every"), [("ZB0418-7A", 1), ("ZB0418-7A", 3), ("1746-IV16", 2)])
def test_stray_prefix_on_most_lines_before_ideographic_spaces(prefix: str, every: int) -> None:
    # every `every`-th line lacks the prefix; a line holding the prefix alone goes with it
    lines = [p if k % every == every - 1 and every > 1 else f"{prefix} {p}" for k, p in enumerate(ZH_PARAGRAPHS)]
    out = clean.clean_text("标题\n" + "\n".join(lines) + f"\n{prefix} 【责任编辑：周航】\n")
    assert prefix not in out and "责任编辑" not in out
    assert all(p.strip() in out for p in ZH_PARAGRAPHS)


@pytest.mark.parametrize("start", ["一是", "1.", "(1)", "Q:", "第一，"])
def test_repeated_ordinals_are_not_prefixes(start: str) -> None:
    lines = [f"{start} 加快资金下达使用，推进重大项目建设{n}。" for n in range(6)]
    out = clean.clean_text("\n".join(lines))
    assert out.count(start) == 6


@pytest.mark.parametrize("text", [
    "国家统计局\n首页 | 机构 | 新闻\n【打印】【关闭】\n\n5月份国民经济保持稳定增长\n\n" + BODY_ZH + "【责任编辑：王宁】\n",
    "Home | About | News\nPrint  Close  Share to: WeChat\n\n" + BODY_EN + "\n\nRelated Stories\n",
    "ZB0418-7A 标题\nZB0418-7A 　　" + BODY_ZH + "\n　　" + BODY_ZH + "\nZB0418-7A 【责任编辑：周航】\nZB0418-7A",
])
def test_furniture_rules_are_idempotent(text: str) -> None:
    once = clean.clean_text(text)
    assert clean.clean_text(once) == once


def test_prose_ending_with_a_phone_number_survives() -> None:
    line = "该负责人表示，重大工程项目正有序推进，第二批资金已于3月1日下达。咨询电话：010-61965566。"
    assert survives(line, BODY_ZH)
