"""Hand-built Articles and Briefs for the compose and render tests (no extraction stages)."""
from __future__ import annotations

from pathlib import Path

from briefing.config import Settings
from briefing.models import Article, BiFigure, BiItem, Bilingual, BiList, Brief, Figure, SourceRef

EN, ZH = "000_release_en.txt", "001_release_zh.txt"


def settings(tmp: Path | None = None, **changes: object) -> Settings:
    """Return Settings with no user templates and the given overrides."""
    base = tmp or Path("/nonexistent")
    changes.setdefault("templates_dir", base / "no-templates")
    return Settings(base_dir=base, **changes)  # type: ignore[arg-type]


def fig(value: float, unit: str = "percent", basis: str = "yoy", score: float = 1.0, lang: str = "en",
        text: str = "", **extra: object) -> Figure:
    """Return a Figure with the fields the page uses."""
    return Figure(value=value, unit=unit, basis=basis, text=text or str(value), sentence="", start=int(value),
                  end=int(value) + 1, lang=lang, score=score, **extra)  # type: ignore[arg-type]


def both(en: str | None, zh: str | None, **extra: object) -> Bilingual:
    """Return a Bilingual with both sides from the sources."""
    return Bilingual(en=en, zh=zh, en_origin="source" if en else None, zh_origin="pair" if zh else None,
                     **extra)  # type: ignore[arg-type]


def bifig(value: float, en: str | None, zh: str | None, score: float, source: str = EN,
          period: tuple[str | None, str | None] = ("January-February", "1—2月"), **extra: object) -> BiFigure:
    """Return a BiFigure with labels and period in both languages."""
    return BiFigure(figure=fig(value, score=score, **extra), label=both(en, zh),
                    period=both(*period), source=source, score=score)


def items(*pairs: tuple[str | None, str | None]) -> tuple[BiItem, ...]:
    """Return numbered list items from (en, zh) texts."""
    # the full text goes on after the headline, as extracted items do (the HTML folds it in)
    return tuple(BiItem(n=n, headline=both(en, zh), text=both(en and f"{en}. In full: {en.lower()}.",
                                                               zh and f"{zh}。全文：{zh}。"))
                 for n, (en, zh) in enumerate(pairs, 1))


MIIT_ITEMS = (
    ("The first is to transform and upgrade traditional industries, towards high-end, intelligent "
     "and green production.", "首先是改造升级传统产业，推动传统产业向高端化、智能化、绿色化转型。"),
    ("The second is to consolidate and improve advantageous industries through quality improvement "
     "and brand building.", "第二是巩固提升优势产业，开展质量提升和品牌建设。"),
    ("The third is to cultivate and strengthen emerging industries, and accelerate the large-scale "
     "application of Beidou.", "第三是培育壮大新兴产业，加快北斗产业发展和规模应用。"),
)
MOFCOM_ITEMS = (
    ("Successfully organise the \"Year of Consumption Promotion\" series of activities.", "办好“消费促进年”系列活动。"),
    ("Promote the trade-in of old consumer goods for new ones (cars, home appliances).",
     "推动消费品以旧换新：汽车换“能”、家电换“智”。"),
    ("Cultivate and expand new types of consumption: digital, green and national-trend brands.",
     "培育壮大新型消费，顺应数字、绿色、国潮等消费新趋势。"),
    ("Improve the market and circulation system, including county-wide commercial networks.",
     "完善市场和流通体系，健全县域商业网络。"),
)


def demo_articles() -> tuple[Article, ...]:
    """Return a paired article and a Chinese-only one, like a day's sources."""
    paired = Article(
        sources=(EN, ZH), lang="en+zh", date="2024-03-27",
        title=both("Take multiple measures to promote continued economic recovery", "多措并举推动经济持续回升向好"),
        figures=(
            bifig(7.5, "High-tech manufacturing value added above designated size", "规模以上高技术制造业增加值",
                  0.95, direction="up"),
            bifig(5.5, "Total retail sales of consumer goods", "社会消费品零售总额", 0.9, direction="up"),
            BiFigure(figure=fig(178, unit="count", basis="level", score=0.7, noun="zones"),
                     label=Bilingual(en="National high-tech zones established", zh="已建国家高新区",
                                     en_origin="source", zh_origin="memory", match=92.0),
                     period=both(None, None), source=EN, score=0.7),
            bifig(1.15e12, "Investment in equipment renewal", None, 0.6, unit="yuan", basis="level",
                  period=("this year", None)),
        ),
        lists=(
            BiList(intro=both("MIIT will work in three areas to speed up new productive forces",
                              "工业和信息化部主要从3个方面努力，促进加快形成新质生产力"),
                   items=items(*MIIT_ITEMS), source=EN, announced=3, score=0.9),
            BiList(intro=both("MOFCOM: four areas to keep consumption growing", "商务部：抓好4个方面工作推动消费稳定增长"),
                   items=items(*MOFCOM_ITEMS), source=EN, announced=4, score=0.8),
        ),
    )
    single = Article(
        sources=("002_customs_zh.txt",), lang="zh", date=None, title=Bilingual(zh="海关总署：更好服务外贸“质升量稳”"),
        figures=(BiFigure(figure=fig(4.3, lang="zh", score=0.5, direction="up"), label=Bilingual(zh="进出口总值"),
                          period=Bilingual(zh="前两个月"), source="002_customs_zh.txt", score=0.5),),
        lists=(BiList(intro=Bilingual(zh="海关总署推出“一增一降、一优一强”措施"), source="002_customs_zh.txt",
                      items=tuple(BiItem(n=n, headline=Bilingual(zh=t), text=Bilingual(zh=t)) for n, t in
                                  enumerate(("增便利，提升贸易便利化水平。", "降成本，助力企业减负降费。",
                                             "优服务，优化口岸营商环境。", "强创新，培育外贸新动能。"), 1)),
                      tier=3, score=0.4),),
    )
    return (paired, single)


def demo_brief() -> Brief:
    """Return a fixed Brief for the golden HTML (built by hand, not by compose)."""
    paired, single = demo_articles()
    return Brief(
        date="2024-03-27", title=both("Economic Briefing", "经济简报"),
        figures=paired.figures + single.figures, lists=paired.lists + single.lists,
        sources=(SourceRef(EN, "en", paired.title.en, "2024-03-27"), SourceRef(ZH, "zh", paired.title.zh, "2024-03-27"),
                 SourceRef("002_customs_zh.txt", "zh", single.title.zh, None)),
        note_html="<p>Data for <strong>January–February</strong>; see the sources.</p>",
        omitted_figures=7, omitted_items=3, omitted_lists=1,
    )


LONG_MEASURES = (
    ("Strengthen support for enterprises through targeted credit, tax relief and faster approvals ",
     "加大对企业的支持力度，落实定向信贷、减税降费和审批提速等措施。"),
    ("Expand imports of quality consumer goods and open more border ports to cross-border e-commerce ",
     "扩大优质消费品进口，向跨境电商开放更多边境口岸。"),
    ("Build new energy infrastructure in rural counties, from charging piles to distributed solar power ",
     "在农村县域建设充电桩、分布式光伏等新型能源基础设施。"),
    ("Train young graduates for digital jobs and subsidise firms that hire them in their first year ",
     "面向高校毕业生开展数字技能培训，对首年吸纳就业的企业给予补贴。"),
    ("Speed up payments owed to small suppliers and punish large buyers that delay them repeatedly ",
     "加快清理拖欠中小企业账款，惩戒屡次拖欠的大型采购方。"),
    ("Protect intellectual property in emerging industries with faster patent review and tougher fines ",
     "加快新兴产业专利审查，加大侵权处罚力度，保护知识产权。"),
)


def big_articles(n_figures: int = 100, n_items: int = 60) -> tuple[Article, ...]:
    """Return one article with many figures and many long measures (more than a page holds)."""
    figures = tuple(bifig(float(i + 1), f"Indicator number {i + 1} of industrial output", f"第{i + 1}项工业指标",
                          score=1.0 - i / 1000) for i in range(n_figures))
    # six different lists (the page merges lists that say the same thing), long items each
    lists = tuple(BiList(intro=both(f"Measures group {k + 1}", f"第{k + 1}组措施"), source=EN, score=1.0 - k / 100,
                         items=items(*[(f"{en * 2}({k}.{j})", f"{zh * 2}（{k}.{j}）") for j in range(n_items // 6)]))
                  for k, (en, zh) in enumerate(LONG_MEASURES))
    return (Article(sources=(EN,), lang="en", date="2024-03-27", title=both("Many figures", None),
                    figures=figures, lists=lists),)
