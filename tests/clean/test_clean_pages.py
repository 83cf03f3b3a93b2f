"""What mirror and API pages add around an article (issue 14): symbol and line-number prefixes,
sparse noise in other symbols, menus led by a site name, advertising and related-news lines, JSON
wrappers. Texts written for these tests; each rule with the prose that must survive it."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.clean import steps as clean
from briefing.models import Source

EN = ["The ministry said industrial output grew 5.6 percent year on year in August.",
      "Retail sales of consumer goods rose 3.4 percent, and online sales rose faster.",
      "Fixed-asset investment grew 3.2 percent in the first eight months.",
      "The surveyed urban unemployment rate stood at 5.3 percent in August.",
      "Exports of electric vehicles and ships rose strongly over the period.",
      "The spokesperson said the economy would keep recovering in the fourth quarter."]
ZH = ["8月份，规模以上工业增加值同比增长4.5%。", "社会消费品零售总额同比增长2.1%，网上零售额增长较快。",
      "1—8月份，全国固定资产投资同比增长3.4%。", "8月份，全国城镇调查失业率为5.3%。",
      "船舶、新能源汽车等产品出口增长较快。", "发言人表示，四季度经济将继续回升向好。"]


@pytest.mark.parametrize("prefix", ["» ", "| ", "▎", "• ", "◇ "])
@pytest.mark.parametrize("body", [EN, ZH], ids=["en", "zh"])
def test_symbol_prefix_on_most_lines_goes(prefix: str, body: list[str]) -> None:
    lines = [prefix + line for line in body] + [prefix.strip()]  # an empty line keeps its prefix
    out = clean.clean_text("\n".join(lines))
    assert out.split("\n\n") == body or out.split("\n") == body


@pytest.mark.parametrize("style", ["{:02d}  ", "{}  ", "{:03d} "])
def test_line_numbers_go(style: str) -> None:
    lines = [style.format(k + 1) + line for k, line in enumerate(EN)]
    out = clean.clean_text("\n".join(lines))
    assert all(line in out for line in EN) and not out.lstrip().startswith(("0", "1"))


@pytest.mark.parametrize("text", [
    # numbered list items: the numbers are the list's, not the page's
    "The plan has five parts:\n1. Cut taxes for small firms.\n2. Reduce fees.\n3. Open markets.\n"
    "4. Support exporters.\n5. Stabilise jobs.",
    "2019 was a good year for exports.\n2020 brought the pandemic.\n2021 saw a rebound.\n"
    "2022 was harder.\n2023 was steady.\n2024 grew again.",
    "主要措施：\n1 扩大有效投资。\n2 提振消费。\n3 稳定外贸。",
])
def test_numbered_lines_that_are_content_stay(text: str) -> None:
    assert clean.clean_text(text) == text


@pytest.mark.parametrize("line", [
    "news.example-mirror.cn | Home | World | Business",
    "english.example.gov.cn | Home | Press Room",
    "State Information Center of the Province >> Data >> Monthly Releases",
    "[Ad] Earn money from home every day >>> click here",
    "[Hot] Cheap hotel deals - book now at www.deal-site99.com",
    "Most read | Bank cuts rates | Port traffic rises in October | Top 5 cities for jobs",
    "推荐阅读：某某娱乐城注册即送彩金 www.example88.com",
    "热门：彩票开奖结果查询 >> 点此进入",
    "相关新闻：国家统计局：9月份CPI同比上涨0.4%",
    "猜你喜欢：十一假期出行指南",
])
def test_menu_ad_and_related_lines_go(line: str) -> None:
    for body in (EN, ZH):
        out = clean.clean_text("\n\n".join(body[:3] + [line] + body[3:]))
        assert line not in out and all(b in out for b in body)


@pytest.mark.parametrize("line", [
    "Click here, the minister joked, is what every online shop wants its buyers to do.",
    "相关新闻报道显示，消费市场持续回暖，热门旅游城市客流明显增加。",
    "The Most Read Library opened in Shanghai | a venue for 300 readers",
])
def test_prose_mentioning_ads_and_related_news_stays(line: str) -> None:
    out = clean.clean_text("\n\n".join(EN[:3] + [line] + EN[3:]))
    assert line in out


SPARSE = ("The provincial econ†omy grew steadily in the third quarter, officials said on Monday.\n\n"
          "Industrial output rose 5.▲2 percent, and the output of new energy vehicles grew faster than "
          "expected, driven by strong exports and domestic comp※etition among carmakers.\n\n"
          "Retail sales rose 3.1 percent as consumers spent more on services and travel.")
SPARSE_ZH = "前三季度，全省服务进出口总额1.◆24万亿元，同比增长9.▲3%。其中，知识密集型服务贸¤易增长较快，旅游服务加快恢复。"


def test_sparse_noise_in_other_symbols_is_cut() -> None:
    out = clean.clean_text(SPARSE)
    assert "economy grew steadily" in out and "5.2 percent" in out and "competition" in out
    assert clean.clean_text(SPARSE_ZH) == SPARSE_ZH.replace("◆", "").replace("▲", "").replace("¤", "")


@pytest.mark.parametrize("text", [
    "Resolution 1024×768 is best, and 3×3 basketball is popular; the 2×2 matrix was shown.",
    "◆ 加快推进重大项目建设。\n◆ 扩大有效投资。\n◆ 稳定外贸基本盘。",
    "Huawei™ and Xiaomi® phones sold well, the report said.",
])
def test_symbols_used_as_such_do_not_make_a_text_noisy(text: str) -> None:
    assert not clean.is_noisy(text)


API_PAGE = ('{"status":0,"message":"ok","result":{"docid":"88213","column":"经济","headline":'
            '"国家发展改革委：前三季度经济运行总体平稳","published":"2024-10-18 10:30:00","origin":"发改委网站",'
            '"body":"\\u003cp\\u003e国家发展改革委18日召开新闻发布会，介绍前三季度经济运行情况。\\u003c/p\\u003e'
            '\\u003cp\\u003e发言人表示，下一步将从三个方面发力：一是扩大有效投资；二是提振消费；三是稳定外贸。\\u003c/p\\u003e",'
            '"author":"责任编辑：李强","keywords":["发改委","经济运行"],"share_to":"分享到：微信 微博"}}')


def test_json_wrapper_keeps_the_article_only() -> None:
    source = Source(Path("api.txt"), "api.txt", API_PAGE, "utf-8", "txt", len(API_PAGE))
    result = clean.clean_source(source)
    text = result.text
    assert "国家发展改革委18日召开新闻发布会" in text and "一是扩大有效投资" in text
    for leak in ('"status"', "docid", "88213", "keywords", "发改委网站\"", "分享到", "责任编辑", "{", "}"):
        assert leak not in text
    assert result.title == "国家发展改革委：前三季度经济运行总体平稳" and result.date == "2024-10-18"


@pytest.mark.parametrize("text", [
    'He said: {"the point is"} growth, and the code "x":1 was quoted.',
    "The set {a, b} and the pair (c, d) are shown.",
])
def test_braces_in_prose_are_no_json_page(text: str) -> None:
    assert clean.clean_text(text) == text


@pytest.mark.parametrize("line", [
    "World >> Asia-Pacific",  # a breadcrumb needs no third segment: ">>" is no prose
    "Markets » Stocks",
    "Read more in Discuss >>12 Comment(s)",
    "Go to Forum >>3 Comment(s)",
    "Follow Example Daily on Twitter and WeChat for the latest news.",
    "Tags: economy  trade  PBOC",
    "标签：统计 数据 工业",
    "Related: best phone deals 2020 | free games online | top 5 loans",
    "热门影视_免费观看_高清下载_最新综艺",
    "扫描二维码关注",
    "| 相关阅读： 国家统计局：10月份工业生产平稳增长 | 前三季度经济稳中有进",
    "• Most read: Port volumes rise | New rules for fintech",
    "文章类型：原创",
    "浏览次数：2310",
    "本站所载文章仅代表作者观点，不代表本网观点。如需转载请注明出处。",
    "凡本网注明来源的作品，版权均属原作者，如有侵权请联系删除。",
    "Articles on this site do not represent the views of this website. Please indicate the source when reprinting.",
])
def test_more_page_furniture_goes(line: str) -> None:
    for body in (EN, ZH):
        out = clean.clean_text("\n\n".join(body[:3] + [line] + body[3:]))
        assert line.strip("|• ") not in out and all(b in out for b in body)


@pytest.mark.parametrize("line", [
    "Follow-up measures on Twitter use by officials were discussed.",
    "Comments from firms were mixed, the survey said.",
    "Related measures include tax cuts and fee reductions.",
    "The report type is a quarterly review, the bureau said.",
])
def test_prose_near_furniture_words_stays(line: str) -> None:
    out = clean.clean_text("\n\n".join(EN[:3] + [line] + EN[3:]))
    assert line in out


def test_a_dated_field_line_gives_the_date_and_goes() -> None:
    text = "Steel output rises in October\nExample News | November 3, 2024 | Print | E-mail\n\n" + "\n\n".join(EN)
    result = clean.clean_source(Source(Path("p.txt"), "p.txt", text, "utf-8", "txt", len(text)))
    assert result.date == "2024-11-03" and "Print | E-mail" not in result.text
