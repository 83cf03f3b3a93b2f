"""Cleaning, round 2 (texts written for these tests before the rules): spam-mirror link lines,
pinyin after simplified characters, rare symbols wedged inside words and numbers, English page
furniture and related-news headlines at a page's end, decorated headings. Each rule with the
prose that must survive it, in both languages where it applies."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.clean import steps as clean
from briefing.models import Source

EN = ["BEIJING, Nov. 18 (Xinhua) -- China's fiscal revenue rose 1.3 percent year on year in the first "
      "10 months, the Ministry of Finance said Monday.",
      "Tax revenue fell 3.4 percent, while non-tax revenue grew 15.1 percent, the ministry said.",
      "Spending on social security and employment rose 4.2 percent over the same period.",
      "The ministry said it would speed up the issuance of special-purpose bonds in the fourth quarter."]
ZH = ["据国家统计局网站消息，10月份，全国规模以上工业增加值同比增长4.6%，比上月加快0.1个百分点。",
      "社会消费品零售总额同比增长7.6%，其中，餐饮收入增长17.1%。",
      "1—10月份，全国固定资产投资同比增长2.9%，民间投资同比下降0.5%。",
      "国家统计局新闻发言人表示，国民经济持续恢复向好，高质量发展稳步推进。"]


def page(body: list[str], line: str, at: int = 2) -> str:
    """Return a page of `body` paragraphs with `line` put before paragraph `at`."""
    return "\n\n".join(body[:at] + [line] + body[at:])


def kept(body: list[str], line: str, at: int = 2) -> str:
    """Clean a page holding `line`; the body must come out whole."""
    out = clean.clean_text(page(body, line, at))
    assert all(paragraph in out for paragraph in body)
    return out


# --- 1. spam-mirror link lines ----------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "www.xx-9up.cn",
    "bbs.some-site88.com",
    "WWW.CAIPIAO-888.COM",
    "http://m.fz-88vip.net/?from=baidu",
    "https://www.example-mirror.top/news/2024/1118.html",
    "本站网址：www.lottery-777.vip",
    "手机访问 m.xinwen-tt.cc 更快捷",
    "Mirror site: news-cn88.xyz",
])
def test_bare_domain_and_url_lines_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)
    assert clean.is_furniture(line)


@pytest.mark.parametrize(("line", "body"), [
    ("详细数据请登录国家统计局网站（www.stats.gov.cn）查询。", ZH),
    ("更多信息请访问www.stats.gov.cn。", ZH),
    ("The full data are available on the bureau's website at www.stats.gov.cn.", EN),
    ("Visits to www.gov.cn rose 20 percent in 2024, the office said on Monday.", EN),
    ("According to the website of the Ministry of Commerce, exports rose 12.7 percent.", EN),
    ("据海关总署网站消息，前10个月我国货物贸易进出口总值增长5.2%。", ZH),
])
def test_sentences_mentioning_a_website_stay(line: str, body: list[str]) -> None:
    assert line in kept(body, line)


@pytest.mark.parametrize("line", [
    "★最新官网入口★ 手机版下载",
    "◆官方网站◆ 安卓APP下载 苹果版下载",
    "【官网】注册登录 免费下载",
    "Official site ★ Download the APP ★ Mobile version",
    "Download APP | Sign up | Log in",
])
def test_promotional_lines_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)


@pytest.mark.parametrize("line", [
    "点击进入:全国主要城市新房成交排行榜",
    "点击查看：2024年最新房价走势",
    "点此下载客户端，阅读更多资讯",
    "请点击这里>>十一假期出行指南",
    "Click here to read: Top 10 cities for home sales",
    "Click to see more: property prices in 70 cities",
])
def test_click_through_lines_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)


@pytest.mark.parametrize("line", [
    "【热门】楼市新政出台 首付比例下调",
    "【精彩推荐】十一假期出行指南",
    "【热读】多地发布购房补贴新政",
    "[Hot] Top 10 cities for home sales",
    "[Recommended] How to apply for a housing loan",
])
def test_tagged_link_lines_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)


@pytest.mark.parametrize(("line", "body"), [
    ("点击量同比增长35%，网络零售额持续扩大。", ZH),
    ("Clicks on the official portal rose 35 percent, the ministry said.", EN),
    ("【权威发布】国家统计局：10月份国民经济持续恢复向好", ZH),
    ("下载量居前的应用以生活服务类为主，手机版用户增长较快。", ZH),
])
def test_prose_and_titles_near_spam_words_stay(line: str, body: list[str]) -> None:
    assert line in kept(body, line)


@pytest.mark.parametrize("line", [
    "全国主要城市新房成交排行榜,北京二手房价格走势,上海楼市最新消息,广州限购政策解读,深圳房价",
    "房价,二手房,新房成交,楼市新政,限购政策,首付比例",
    "澳门新葡京，真人百家乐，北京赛车pk10，时时彩开奖，官网入口",
    "home prices, second-hand homes, new home sales, property news, purchase limits, down payments",
])
def test_comma_separated_spam_titles_at_the_top_go(line: str) -> None:
    for body in (EN, ZH):
        out = clean.clean_text(page(body, line, at=0))
        assert line not in out and all(paragraph in out for paragraph in body)


@pytest.mark.parametrize("line", [
    "生产供给稳中有升，市场销售较快增长，就业物价总体稳定，经济运行回升向好",
    "稳增长、促改革、调结构、惠民生、防风险、保稳定",
    "Output up, sales up, jobs stable",
])
def test_slogan_subtitles_with_commas_stay(line: str) -> None:
    body = ZH if not line.isascii() else EN
    out = clean.clean_text(page(body, line, at=0))
    assert line in out


# --- 2. pinyin after simplified characters ----------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("前三季度，投(tou)资增长3.2%，发(fa)展质量稳步提升。", "前三季度，投资增长3.2%，发展质量稳步提升。"),
    ("消(xiāo)费市场持续回暖。", "消费市场持续回暖。"),
    ("民间投（tóu）资降幅收窄，就（jiu）业形势总体稳定。", "民间投资降幅收窄，就业形势总体稳定。"),
    ("经(jing)济(ji)运(yun)行总体平稳。", "经济运行总体平稳。"),
    ("全年投资(touzi)增长较快。", "全年投资增长较快。"),
    ("就业(jiu ye)形势总体稳定。", "就业形势总体稳定。"),
    ("进出口(jin4)总值增长5.2%。", "进出口总值增长5.2%。"),
    ("外贸保持韧(ren)性。", "外贸保持韧性。"),
])
def test_pinyin_after_simplified_characters_goes(text: str, expected: str) -> None:
    assert clean.clean_text(text) == expected


@pytest.mark.parametrize("text", [
    "10月份，生产者价格指数(PPI)同比下降2.8%，国内生产总值(GDP)增长5.4%。",
    "本办法(以下简称“办法”)自发布之日起施行。",
    "国际货币基金组织（IMF）上调了增长预期。",
    "贵州茅台(sh600519)股价上涨。",
    "钢材产量(万吨)同比增长2.1%。",
    "The Chinese word for issue (fa) also means to develop, he said.",
    "Exports (fa) of the region grew.",
])
def test_real_brackets_stay(text: str) -> None:
    assert clean.clean_text(text) == text


# --- 3. rare symbols wedged inside words and numbers ------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("10月份，规模以上工业增加值同比增长8.⛦4%。", "10月份，规模以上工业增加值同比增长8.4%。"),
    ("社会消费品零售总额增长7⯁.6%，服务贸\U0001F680易增长较快。", "社会消费品零售总额增长7.6%，服务贸易增长较快。"),
    ("国内生产总值同比增长5.\ue6014%。", "国内生产总值同比增长5.4%。"),
    ("Retail sales rose 3.⬟1 percent as exp⬛orts picked up.", "Retail sales rose 3.1 percent as exports picked up."),
    ("Out⭐put grew 5.8 percent in May.", "Output grew 5.8 percent in May."),
    ("全年投资◍增长3.2%。", "全年投资增长3.2%。"),
    ("增长9☀️.3%", "增长9.3%"),
])
def test_rare_symbols_wedged_in_words_and_numbers_go(text: str, expected: str) -> None:
    assert clean.clean_text(text) == expected


@pytest.mark.parametrize("text", [
    "白天最高气温25℃以上，北纬30°以南地区降雨偏多。",
    "90㎡以下住房成交占比提高。",
    "二○二四年十一月十八日",
    "■是支持受灾地区恢复重建，优先修复水利设施。二是保障重要物资供应。",
    "□□表示，将加快推进项目建设。",
    "1─10月份，全国固定资产投资同比增长2.9%。",
    "Huawei™ and Xiaomi® phones sold well, the report said.",
    "规模以上⼯业增加值同比增长5.8%。",
])
def test_symbols_used_as_such_stay(text: str) -> None:
    assert clean.clean_text(text) == text


@pytest.mark.parametrize("text", [
    "增长8.⛦4%，出口7☀.6%，投资⛦⛦增长",
    "Out⭐put ⭐grew 5.⬟8 percent",
    "投(tou)(zi)资增长",
])
def test_round2_rules_are_idempotent(text: str) -> None:
    once = clean.clean_text(text)
    assert clean.clean_text(once) == once


# --- 4. English page furniture and related headlines ------------------------------------------
@pytest.mark.parametrize("line", [
    "Most Viewed in 24 Hours",
    "Most Popular",
    "Most Read This Week",
    "BACK TO THE TOP",
    "Back to the top",
    "(Web editor: Zhang Kaiwei, Liang Jun)",
    "Web Editor: Li Yan",
    "(Editor: Liu Jing)",
    "Translated and edited by Wang Lei, Li Ming and Chen Jie",
    "Translated by Wang Lei",
    "Edited and translated by Chen Jie",
    "(Source: MOFCOM Press Office)",
    "（来源：国家统计局）",
    "（责任编辑：王芳 刘洋）",
    "推荐阅读",
    "相关新闻",
])
def test_english_furniture_lines_go(line: str) -> None:
    body = EN if line.isascii() else ZH
    assert line not in kept(body, line, at=4)
    assert clean.is_furniture(line)


@pytest.mark.parametrize(("line", "body"), [
    ("The most popular products were new energy vehicles and smartphones.", EN),
    ("Edited volumes of the yearbook were translated by the bureau into English.", EN),
    ("He said the most viewed data series were prices and jobs.", EN),
])
def test_prose_near_english_furniture_words_stays(line: str, body: list[str]) -> None:
    assert line in kept(body, line)


RELATED_EN = ["China's exports beat forecasts in October", "Xi'an-Europe freight trains make 2,000 trips",
              "Beijing sees record tourism during holiday"]
RELATED_ZH = ["国家发改委：前三季度经济运行总体平稳", "财政部：1-10月全国一般公共预算收入增长1.3%",
              "海关总署：前10个月我国外贸进出口增长5.2%"]


@pytest.mark.parametrize("label", ["Related News", "Most Viewed in 24 Hours", "Most Popular", "You may also like"])
def test_headlines_under_a_related_label_go(label: str) -> None:
    out = clean.clean_text("\n\n".join(EN + [label] + RELATED_EN + ["BACK TO THE TOP"]))
    assert all(p in out for p in EN)
    assert not any(h in out for h in RELATED_EN) and label not in out


@pytest.mark.parametrize("label", ["相关新闻", "推荐阅读", "热门推荐", "延伸阅读"])
def test_headlines_under_a_chinese_related_label_go(label: str) -> None:
    out = clean.clean_text("\n".join(ZH + ["责任编辑：王芳", label] + RELATED_ZH))
    assert all(p in out for p in ZH)
    assert not any(h in out for h in RELATED_ZH) and label not in out


@pytest.mark.parametrize(("body", "related"), [(EN, RELATED_EN), (ZH, RELATED_ZH), (EN, RELATED_EN[:2])])
def test_a_run_of_headlines_after_the_article_end_goes(body: list[str], related: list[str]) -> None:
    tail = ["(Web editor: Zhang Kaiwei, Liang Jun)"] if body is EN else ["（责任编辑：王芳）"]
    out = clean.clean_text("\n\n".join(body + tail + related))
    assert all(p in out for p in body)
    assert not any(h in out for h in related)


def test_a_title_case_related_link_after_the_article_end_goes() -> None:
    link = "Xi'an-Europe Freight Trains Make 2,000 Trips in 2024"
    out = clean.clean_text("\n\n".join(EN + [link]))
    assert link not in out and all(p in out for p in EN)


@pytest.mark.parametrize("text", [
    # a list after a colon: its items are the article's
    "\n\n".join(EN[:2] + ["The ministry set three tasks for the rest of the year:", "Expand domestic demand",
                          "Stabilise foreign trade and investment", "Boost consumption in rural areas"]),
    "\n".join(ZH[:2] + ["下一步工作重点：", "扩大国内有效需求", "稳定外贸外资基本盘", "持续提振农村消费"]),
    # numbered or bulleted items and marker headings at the end
    "\n\n".join(EN[:2] + ["1. Expand domestic demand", "2. Stabilise foreign trade"]),
    "\n".join(ZH[:2] + ["一是扩大国内有效需求", "二是稳定外贸外资基本盘"]),
    "\n".join(ZH[:2] + ["（一）扩大国内有效需求", "（二）稳定外贸外资基本盘"]),
    # a page cut short inside its last paragraph
    "\n\n".join(EN[:3] + ["Fixed-asset investment rose 2.9 percent in the first"]),
    "\n".join(ZH[:3] + ["民间投资同比下降0.5%，其中制造业民间"]),
    # headings followed by their paragraphs
    "\n\n".join(["Industrial output", EN[0], "Fiscal revenue", EN[1]]),
])
def test_article_lines_at_the_end_stay(text: str) -> None:
    out = clean.clean_text(text)
    assert out == clean.clean_text(out)
    for line in text.split("\n"):
        assert line.strip() in out


# --- 5. decorated headings ----------------------------------------------------------------------
@pytest.mark.parametrize(("heading", "expected"), [
    ("▌重大项目方面", "重大项目方面"),
    ("■ 重大项目方面", "重大项目方面"),
    ("◆消费市场持续回暖", "消费市场持续回暖"),
    ("▶ 下一步工作安排", "下一步工作安排"),
    ("● Investment in major projects", "Investment in major projects"),
    ("★ Policy interpretation", "Policy interpretation"),
    ("▍▍ 外贸进出口", "外贸进出口"),
])
def test_decoration_before_a_heading_goes(heading: str, expected: str) -> None:
    body = EN if heading.isascii() or heading[-1].isascii() else ZH
    out = clean.clean_text(page(body, heading))
    assert expected in out.split("\n") and heading not in out


@pytest.mark.parametrize("line", [
    "■ is the rapid growth of knowledge-intensive services, which now account for a larger share.",
    "■是支持受灾地区恢复重建，优先修复水利、交通等基础设施。",
    "□□表示，将加快推进重大项目建设。",
    "●，加快推进重大项目建设。",
])
def test_placeholders_of_lost_words_at_a_line_start_stay(line: str) -> None:
    body = ZH if not line.isascii() else EN
    assert line in kept(body, line)


@pytest.mark.parametrize("bullet", ["•", "◆", "●", "▶"])
@pytest.mark.parametrize("body", [EN, EN[:1]])
def test_a_bulleted_list_at_the_end_keeps_its_items(bullet: str, body: list[str]) -> None:
    # with more lines than items the bullets stay; on most lines they go as a mirror's prefix
    items = ["Expand domestic demand in rural areas", "Stabilise foreign trade and investment",
             "Boost consumption of services"]
    text = "\n".join(body + ["The plan has three parts."] + [f"{bullet} {item}" for item in items])
    out = clean.clean_text(text)
    assert all(item in out for item in items) and clean.clean_text(out) == out
    assert (f"{bullet} {items[0]}" in out) == (len(body) > 2)


def test_a_title_under_a_related_block_at_the_top_stays() -> None:
    title = "China's fiscal revenue rises 1.3 pct in first 10 months"
    text = "\n".join(["Most Popular", "China's exports beat forecasts in October",
                      "Beijing sees record tourism during holiday", "", title, "Updated: 2024-11-18 16:22", ""] + EN)
    source = Source(Path("p.txt"), "p.txt", text, "utf-8", "txt", len(text))
    result = clean.clean_source(source)
    assert title in result.text and result.title == title
    assert "Beijing sees record tourism" not in result.text


# --- whole pages --------------------------------------------------------------------------------
MIRROR_ZH = """www.xx-9up.cn
★最新官网入口★ 手机版下载
全国主要城市新房成交排行榜,北京二手房价格走势,上海楼市最新消息,广州限购政策解读,深圳房价
国家统计局：10月份国民经济持续恢复向好
点击进入:全国主要城市新房成交排行榜
　　据国家统计局网站消息，10月份，全国规模以上工业增加值同比增长4.6%，比上月加快0.1个百分点。
▌重大项目方面
　　今年以来，重大项目建设加快推进，投(tou)资增长3.2%，发(fā)展质量提升，服务贸易增长8.⛦4%。
【热门】楼市新政出台 首付比例下调
bbs.some-site88.com
责任编辑：王芳
相关新闻
国家发改委：前三季度经济运行总体平稳
财政部：1-10月全国一般公共预算收入增长1.3%
"""
MIRROR_EN = """People's Daily Online | Home | China | World | Business
China's fiscal revenue rises 1.3 pct in first 10 months
By Xinhua | Updated: 2024-11-18 16:22
BEIJING, Nov. 18 (Xinhua) -- China's fiscal revenue rose 1.3 percent year on year in the first 10 months, the Ministry of Finance said Monday.
Tax revenue fell 3.⯁4 percent, while non-tax revenue grew 15.1 percent, the ministry said.
(Web editor: Zhang Kaiwei, Liang Jun)
Translated and edited by Wang Lei, Li Ming and Chen Jie
Most Viewed in 24 Hours
China's exports beat forecasts in October
Xi'an-Europe freight trains make 2,000 trips
Beijing sees record tourism during holiday
Most Popular
BACK TO THE TOP
"""


def test_a_chinese_mirror_page_comes_out_as_its_article() -> None:
    assert clean.clean_text(MIRROR_ZH).split("\n") == [
        "国家统计局：10月份国民经济持续恢复向好",
        "据国家统计局网站消息，10月份，全国规模以上工业增加值同比增长4.6%，比上月加快0.1个百分点。",
        "重大项目方面",
        "今年以来，重大项目建设加快推进，投资增长3.2%，发展质量提升，服务贸易增长8.4%。"]


def test_an_english_mirror_page_comes_out_as_its_article() -> None:
    source = Source(Path("p.txt"), "p.txt", MIRROR_EN, "utf-8", "txt", len(MIRROR_EN))
    result = clean.clean_source(source)
    assert result.text.split("\n\n") == [
        "China's fiscal revenue rises 1.3 pct in first 10 months",
        "BEIJING, Nov. 18 (Xinhua) -- China's fiscal revenue rose 1.3 percent year on year in the first 10 "
        "months, the Ministry of Finance said Monday.",
        "Tax revenue fell 3.4 percent, while non-tax revenue grew 15.1 percent, the ministry said."]
    assert result.title == "China's fiscal revenue rises 1.3 pct in first 10 months" and result.date == "2024-11-18"


def test_a_paragraph_cut_mid_sentence_is_no_keyword_line() -> None:
    # many short clauses between commas, no final full stop (the page ends there): prose all the same
    line = ("国家统计局新闻发言人表示，10月份，各项政策持续发力，新动能加快成长，经济运行总体平稳。"
            "1—10月份，全国固定资产投资同比下降1.7%；扣除房地产开发投资，全国固定资产投资增长")
    assert not clean.is_furniture(line)
    assert line in kept(ZH, line, at=4)


@pytest.mark.parametrize(("text", "expected"), [
    ("The GDP reached 94.97 trillion yuan, the NBS ◆ said.", "The GDP reached 94.97 trillion yuan, the NBS said."),
    ("Net exports contributed 23.8 percent, the NBS § data showed.", "Net exports contributed 23.8 percent, the NBS data showed."),
    ("Article 5 § 2 of the rules applies.", "Article 5 § 2 of the rules applies."),
])
def test_a_rare_symbol_set_between_two_words_goes(text: str, expected: str) -> None:
    assert clean.clean_text(text) == expected


@pytest.mark.parametrize("line", [
    "【热门推荐】免费领取本周牛股",
    "开户即送888元现金红包",
    "▲▲点击查看更多▲▲",
    "Facebook  X  WeChat  Copy link",
])
def test_more_promotion_and_share_lines_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)


@pytest.mark.parametrize("line", [
    "最新官网入口★ 手机版下载 | 设为首页 | 加入收藏 www.xx-9up.cn",  # controls and a domain
    "??>> 点击进入:全国主要城市二手房成交排行榜 bbs.lou-shi99.com",  # a click-through after a mirror's prefix
    "Translated and edited by Wang Lei, Chen Jie | Source: china.org.cn",  # a credit with a domain
])
def test_furniture_lines_with_domains_and_prefixes_go(line: str) -> None:
    for body in (EN, ZH):
        assert line not in kept(body, line)


def test_block_bars_before_a_paragraph_go() -> None:
    line = "▌重大项目方面，今年以来，共审批核准固定资产投资项目86个，总投资7920亿元。"
    out = clean.clean_text(page(ZH, line))
    assert line[1:] in out.split("\n") and "▌" not in out


@pytest.mark.parametrize("line", [
    "国务院新闻办公室门户网站 | 首页 > 新闻发布 > 部门发布会",  # a Chinese site's name before its menu
    "中华人民共和国商务部\u3000\u3000网站导航 | 无障碍 | English",
    "• 房产资讯即时更新_二手房免费看_装修攻略排行榜_楼盘点评网 ?",  # an SEO title between underscores
    "（文字实录以现场发言为准）",
])
def test_chinese_site_bars_seo_titles_and_transcript_notes_go(line: str) -> None:
    assert line not in kept(ZH, line)


@pytest.mark.parametrize("line", [
    "The field report_date_local is filled in by each bureau, the notice said.",
    "生产供给稳中有升，市场销售较快增长，就业物价总体稳定，经济运行回升向好",
])
def test_identifiers_and_four_clause_slogans_stay(line: str) -> None:
    body = EN if line.isascii() else ZH
    assert line in kept(body, line)


def test_a_quote_mark_before_one_paragraph_goes() -> None:
    line = "> 从区域看，东部地区实际使用外资下降12.1%，中部地区下降28.6%。"
    out = clean.clean_text(page(ZH, line))
    assert line[2:] in out.split("\n") and "> 从" not in out
