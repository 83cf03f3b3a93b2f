"""Tests for briefing.pair: pairing without file names, alignment, bilingual articles, memory."""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from briefing import pipeline
from briefing.bilingual import discrepancies, pair
from briefing.bilingual.glossary import load_glossary
from briefing.bilingual.memory import TranslationMemory
from briefing.bilingual.quantities import chance_of
from briefing.compose import select as compose
from briefing.config import Settings
from briefing.models import CleanText, Document, Figure, ListItem, MeasureList, Source

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"


# --- hand-built documents ---------------------------------------------------------------------
def fig(value: float, unit: str, start: int, lang: str, label: str = "", basis: str = "yoy",
        period: str | None = None, text: str | None = None) -> Figure:
    return Figure(value=value, unit=unit, basis=basis, text=text or f"{value:g}", sentence="",
                  start=start, end=start + 4, lang=lang, label=label, period=period, score=1.0)


def mlist(heads: list[str], start: int, tier: int = 1, announced: int | None = None) -> MeasureList:
    items = tuple(ListItem(n=k + 1, headline=h, text=h, start=start + 20 * k, end=start + 20 * k + 15)
                  for k, h in enumerate(heads))
    return MeasureList(intro=f"intro {start}", items=items, start=start, end=start + 20 * len(heads),
                       tier=tier, announced=announced)


def doc(name: str, lang: str, text: str, figures=(), lists=(), title=None, date=None) -> Document:
    source = Source(path=Path(name), name=name, text=text, encoding="utf-8", format="txt", size=len(text))
    clean = CleanText(source=source, text=text, lang=lang, title=title, date=date)
    return Document(clean=clean, figures=tuple(figures), lists=tuple(lists))


EN_TEXT = "On March 26 output rose 7.5% and sales 5.5%; 178 zones and 45 clusters. " * 8
ZH_TEXT = "3月26日产出增长7.5%,销售5.5%,178家高新区、45个集群。" * 5


def english(name: str = "a.txt") -> Document:
    return doc(name, "en", EN_TEXT, title="Economy recovers",
               figures=[fig(7.5, "percent", 10, "en", "total retail sales of consumer goods", period="first two months"),
                        fig(5.5, "percent", 40, "en", "value added of industrial enterprises above designated size"),
                        fig(178, "count", 60, "en", "national high-tech zones", basis="level"),
                        fig(45, "count", 70, "en", "national advanced manufacturing clusters", basis="level")],
               lists=[mlist(["Transform industries", "Improve industries", "Grow industries"], 200),
                      mlist(["Organize events", "Trade-in", "New consumption", "Markets"], 400, 2, 4)])


def chinese(name: str = "b.txt", drop_last: bool = False) -> Document:
    figures = [fig(7.5, "percent", 5, "zh", "社会消费品零售总额", period="前两月"),
               fig(5.5, "percent", 20, "zh", "规模以上工业增加值"),
               fig(178, "count", 30, "zh", "国家高新区", basis="level"),
               fig(45, "count", 36, "zh", "国家先进制造业集群", basis="level")]
    return doc(name, "zh", ZH_TEXT, title="经济回升向好", date="2024-03-27",
               figures=figures[:-1] if drop_last else figures,
               lists=[mlist(["改造升级传统产业", "巩固提升优势产业", "培育壮大新兴产业"], 80),
                      mlist(["办好活动", "以旧换新", "新型消费", "流通体系"], 160, 2, 4)])


def unrelated(name: str = "c.txt") -> Document:
    return doc(name, "en", "A different story about 178 zones. " * 30, date="2023-01-03",
               figures=[fig(178, "count", 20, "en", "national high-tech zones", basis="level"),
                        fig(12.3, "percent", 50, "en", "exports")],
               lists=[mlist(["One", "Two", "Three", "Four", "Five"], 300)])


def test_pairs_translations_regardless_of_names():
    docs = [unrelated("zz.txt"), chinese("aa.txt"), english("mm.txt")]
    pairs = pair.find_pairs(docs, 0.6)
    assert [(p.en, p.zh) for p in pairs] == [("mm.txt", "aa.txt")]
    found = pairs[0]
    assert found.confidence >= 0.6 and any("figures in common" in e for e in found.evidence)
    assert found.figures == ((0, 0), (1, 1), (2, 2), (3, 3))
    assert found.lists == ((0, 0), (1, 1))
    assert found.items[:3] == ((0, 1, 0, 1), (0, 2, 0, 2), (0, 3, 0, 3))
    assert found.discrepancies == ()


def test_each_document_in_at_most_one_pair():
    docs = [english("e1.txt"), english("e2.txt"), chinese("z1.txt")]
    pairs = pair.find_pairs(docs, 0.6)
    assert len(pairs) == 1 and pairs[0].zh == "z1.txt"


@pytest.mark.parametrize("threshold", [0.6, 0.3])
def test_unrelated_article_is_not_paired(threshold):
    assert pair.find_pairs([unrelated(), chinese()], threshold) == ()


def test_missing_figure_is_a_discrepancy():
    found = pair.find_pairs([english(), chinese(drop_last=True)], 0.5)
    assert len(found) == 1
    assert any("45" in d and "no counterpart" in d for d in found[0].discrepancies)


def test_differing_figure_is_reported():
    zh = chinese()
    changed = dataclasses.replace(zh.figures[1], value=5.6, text="5.6%")
    zh = dataclasses.replace(zh, figures=(zh.figures[0], changed) + zh.figures[2:])
    found = pair.find_pairs([english(), zh], 0.5)
    assert any("differs" in d and "5.6%" in d for d in found[0].discrepancies)


def test_make_articles_fills_labels_from_pair_glossary_and_memory():
    en, zh, other = english(), chinese(), unrelated()
    pairs = pair.find_pairs([en, zh, other], 0.6)
    memory = TranslationMemory()
    articles = pair.make_articles([en, zh, other], pairs, load_glossary(None), memory, 85)
    merged, single = articles
    assert merged.sources == ("a.txt", "b.txt") and merged.lang == "en+zh"
    assert (merged.title.en, merged.title.zh, merged.title.zh_origin) == ("Economy recovers", "经济回升向好", "pair")
    first = merged.figures[0]
    assert (first.label.zh, first.label.zh_origin, first.period.zh) == ("社会消费品零售总额", "pair", "前两月")
    assert first.other is zh.figures[0]
    assert merged.lists[0].items[0].headline.zh == "改造升级传统产业"
    zones = single.figures[0]
    assert (zones.label.zh, zones.label.zh_origin) == ("国家高新区", "glossary")
    exports = single.figures[1]
    assert exports.label.zh == "出口"
    assert single.lists[0].items[0].headline.zh is None  # nothing known: never invented
    assert len(memory) > 0  # this build's pairs fed the memory


def test_memory_segments_are_aligned_and_unique():
    en, zh = english(), chinese()
    segments = pair.memory_segments([en, zh], pair.find_pairs([en, zh], 0.6))
    assert ("Transform industries", "改造升级传统产业") in segments
    assert ("national high-tech zones", "国家高新区") in segments
    assert ("Economy recovers", "经济回升向好") in segments
    assert len(segments) == len(set(segments)) and all(a and b for a, b in segments)


# --- the real samples ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def samples() -> pipeline.Extraction:
    settings = Settings(base_dir=ROOT)
    return pipeline.extract(sorted((ROOT / "sources").glob("*.txt")), settings)


def gold(name: str) -> dict:
    return yaml.safe_load((GOLD / name.replace(".txt", ".yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "sources").glob("*.txt")))
def test_sample_pairs_match_gold(name):
    partner = {n: p for p in samples().pairs for n, p in ((p.en, p.zh), (p.zh, p.en))}
    assert partner.get(name) == gold(name)["pair"]


def _gold_list_index(doc: Document, gold_list: dict) -> int | None:
    """Find the extracted list whose first item starts like the gold list's first item."""
    first = gold_list["items"][0].lower()[:12]
    hits = [i for i, lst in enumerate(doc.lists) if lst.items and first in lst.items[0].text.lower()]
    return hits[0] if hits else None


@pytest.mark.parametrize("list_id", ["A", "B", "C"])
def test_sample_lists_aligned_item_by_item(list_id):
    ex = samples()
    docs = {d.name: d for d in ex.documents}
    found = ex.pairs[0]
    en, zh = docs[found.en], docs[found.zh]
    gold_en = next(g for g in gold(found.en)["lists"] if g["id"] == list_id)
    zh_id = gold(found.zh)["aligned_lists"][list_id]
    gold_zh = next(g for g in gold(found.zh)["lists"] if g["id"] == zh_id)
    i, j = _gold_list_index(en, gold_en), _gold_list_index(zh, gold_zh)
    assert (i, j) in found.lists
    items = [(a, b) for x, a, y, b in found.items if (x, y) == (i, j)]
    assert items == [(n, n) for n in range(1, len(gold_en["items"]) + 1)]


def test_sample_brief_figures_are_bilingual(tmp_path: Path):
    settings = Settings(base_dir=ROOT, translation_memory=tmp_path / "tm.tmx")
    articles = pipeline.make_articles(samples(), settings)
    brief = compose.compose(articles, settings, "2024-03-28")
    both = [f for f in brief.figures if f.label.en and f.label.zh]
    assert brief.figures and len(both) / len(brief.figures) >= 0.9
    stored = TranslationMemory.load(tmp_path / "tm.tmx")
    assert len(stored) > 0


def test_sample_004_item_comes_from_memory_of_000_001(tmp_path: Path):
    ex = samples()
    path = tmp_path / "tm.tmx"
    memory = TranslationMemory.load(path)
    for en, zh in pair.memory_segments(ex.documents, ex.pairs):
        memory.add(en, zh, origin="pair")
    memory.save(path)
    reopened = TranslationMemory.load(path)
    found = reopened.lookup("The first is to transform and upgrade traditional industries", "en", 85)
    assert found is not None and found[0] == "改造升级传统产业" and found[1] >= 85
    single = [d for d in ex.documents if d.name.startswith("004")]
    article = pair.make_articles(single, (), load_glossary(None), reopened, 85)[0]
    items = [it.headline for lst in article.lists for it in lst.items]
    hit = next(h for h in items if "traditional industries" in (h.en or "").lower())
    assert (hit.zh, hit.zh_origin) == ("改造升级传统产业", "memory") and hit.match >= 85


def test_translator_is_off_by_default_and_checked():
    import importlib.util

    from briefing.bilingual.translate import get_translator
    from briefing.errors import ConfigError

    assert get_translator(None) is None
    with pytest.raises(ConfigError, match="unknown engine"):
        get_translator("deepl")
    if importlib.util.find_spec("argostranslate") is None:
        with pytest.raises(ConfigError, match="argostranslate"):
            get_translator("argos")


def test_a_negative_count_missing_from_the_other_version_is_a_discrepancy_not_a_crash():
    """A decline in a count is signed (-5000); checking it against the other text must not fail."""
    from briefing.models import CleanText, Document, Figure, Source

    def document(name: str, lang: str, text: str, figures: tuple[Figure, ...]) -> Document:
        source = Source(path=Path(name), name=name, text=text, encoding="utf-8", format="txt", size=len(text))
        return Document(clean=CleanText(source=source, text=text, lang=lang), figures=figures)

    drop = Figure(value=-5000, unit="count", basis="change", text="a decrease of 5,000", sentence="",
                  start=0, end=19, lang="en", direction="down")
    zh = document("zh.txt", "zh", "企业数量减少。", ())  # the Chinese version does not state it
    assert not discrepancies.stated(drop, zh, "zh")
    # weighed as evidence by its digits, whatever its sign
    assert chance_of(drop.value) == chance_of(5000.0) and 0 < chance_of(drop.value) < 1
    en = document("en.txt", "en", "The number of enterprises saw a decrease of 5,000.", (drop,))
    assert discrepancies.discrepancies(en, zh, ()) == ("en.txt: figure «a decrease of 5,000» has no counterpart in zh.txt",)
