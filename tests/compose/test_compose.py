"""Compose: ranking, selection, omitted counts, sources, the editor's note, and trim()."""
from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.compose import select as compose
from briefing.models import Article, Brief
from tests.brief_samples import EN, ZH, bifig, big_articles, demo_articles, settings


def shown_and_omitted(brief: Brief) -> tuple[int, int, int]:
    """Return (figures, items, lists) on the page plus those left out: constant under trim."""
    items = sum(len(lst.items) for lst in brief.lists)
    return (len(brief.figures) + brief.omitted_figures, items + brief.omitted_items,
            len(brief.lists) + brief.omitted_lists)


@pytest.mark.parametrize("max_figures", [0, 1, 3, 10, 150])
def test_top_figures_by_score(max_figures: int) -> None:
    brief = compose.compose(big_articles(100, 12), settings(max_figures=max_figures), "2024-03-27")
    assert len(brief.figures) == min(max_figures, 100)
    assert brief.omitted_figures == 100 - len(brief.figures)
    scores = [compose.figure_score(f) for f in brief.figures]
    assert scores == sorted(scores, reverse=True)


def test_best_figure_first_across_articles() -> None:
    low = Article(sources=("a.txt",), lang="en", date=None, title=replace(demo_articles()[0].title),
                  figures=(bifig(1.0, "low", None, 0.1, source="a.txt"),))
    high = Article(sources=("b.txt",), lang="en", date=None, title=demo_articles()[0].title,
                   figures=(bifig(2.0, "high", None, 0.9, source="b.txt"),))
    brief = compose.compose((low, high), settings(), "2024-03-27")
    assert [f.label.en for f in brief.figures] == ["high", "low"]


def test_same_figure_in_two_articles_appears_once() -> None:
    one = bifig(7.5, "Retail sales", "社会消费品零售总额", 0.9, source="a.txt")
    two = replace(one, source="b.txt", score=0.5)
    arts = tuple(Article(sources=(f.source,), lang="en", date=None, title=demo_articles()[0].title, figures=(f,))
                 for f in (one, two))
    brief = compose.compose(arts, settings(), "2024-03-27")
    assert len(brief.figures) == 1 and brief.figures[0].source == "a.txt"


@pytest.mark.parametrize(("max_lists", "max_items"), [(1, 2), (2, 5), (4, 3), (10, 10)])
def test_lists_and_items_capped(max_lists: int, max_items: int) -> None:
    arts = big_articles(0, 60)  # 6 lists of 10 items
    brief = compose.compose(arts, settings(max_lists=max_lists, max_items=max_items), "2024-03-27")
    assert len(brief.lists) == min(max_lists, 6)
    assert all(len(lst.items) == min(max_items, 10) for lst in brief.lists)
    assert shown_and_omitted(brief) == (0, 60, 6)
    assert brief.omitted_lists == 6 - len(brief.lists)


def test_title_sources_and_dates() -> None:
    brief = compose.compose(demo_articles(), settings(title_en="Daily", title_zh="日报"), "2024-03-27")
    assert (brief.title.en, brief.title.zh, brief.date) == ("Daily", "日报", "2024-03-27")
    refs = {ref.name: ref for ref in brief.sources}
    assert [r.name for r in brief.sources][:2] == [EN, ZH]
    assert (refs[EN].lang, refs[ZH].lang) == ("en", "zh")
    assert refs[ZH].title == "多措并举推动经济持续回升向好" and refs[EN].date == "2024-03-27"
    assert refs["002_customs_zh.txt"].date is None


def test_article_with_nothing_shown_is_not_cited() -> None:
    empty = Article(sources=("empty.txt",), lang="en", date=None, title=demo_articles()[0].title)
    brief = compose.compose(demo_articles() + (empty,), settings(), "2024-03-27")
    assert "empty.txt" not in {r.name for r in brief.sources}


NOTES = [  # (markdown, must contain, must not contain)
    ("**Bold** note", "<strong>Bold</strong>", "**"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script"),
    ("x <img src=x onerror=alert(1)> y", "&lt;img", "<img"),
    ("[click](javascript:alert(1))", ">click</a>", "javascript:"),
    ("![pic](http://example.org/a.png)", "", "<img"),
    ("[site](https://example.org)", 'href="https://example.org"', "<script"),
]


@pytest.mark.parametrize(("note", "present", "absent"), NOTES)
def test_note_markdown_is_safe(note: str, present: str, absent: str) -> None:
    html = compose.compose(demo_articles(), settings(note=note), "2024-03-27").note_html or ""
    assert present in html
    assert absent not in html


@pytest.mark.parametrize("note", [None, "", "   "])
def test_no_note(note: str | None) -> None:
    assert compose.compose(demo_articles(), settings(note=note), "2024-03-27").note_html is None


def test_trim_drops_one_thing_at_a_time_until_nothing() -> None:
    brief: Brief | None = compose.compose(big_articles(12, 18), settings(max_items=3), "2024-03-27")
    total = shown_and_omitted(brief)
    steps = 0
    while brief is not None:
        before = brief
        brief = compose.trim(brief)
        steps += 1
        if brief is not None:
            assert shown_and_omitted(brief) == total
            shown = len(brief.figures) + sum(len(lst.items) for lst in brief.lists)
            assert shown == len(before.figures) + sum(len(lst.items) for lst in before.lists) - 1
    assert not before.figures and not before.lists
    assert steps == 10 + 4 * 3 + 1


def test_trim_takes_from_lowest_list_and_drops_it_at_its_last_item() -> None:
    brief = compose.compose(big_articles(0, 12), settings(max_lists=2, max_items=2), "2024-03-27")
    first, last = brief.lists
    once = compose.trim(brief)
    assert once is not None and once.lists[0] == first and len(once.lists[1].items) == 1
    twice = compose.trim(once)
    assert twice is not None and twice.lists == (first,)
    assert twice.omitted_lists == brief.omitted_lists + 1


def test_trim_prefers_lists_while_they_outweigh_figures() -> None:
    brief = compose.compose(big_articles(3, 60), settings(max_items=5), "2024-03-27")
    trimmed = compose.trim(brief)
    assert trimmed is not None and trimmed.figures == brief.figures
    few_items = replace(brief, lists=brief.lists[:1])
    only = compose.trim(replace(few_items, lists=(replace(few_items.lists[0], items=few_items.lists[0].items[:1]),)))
    assert only is not None and len(only.figures) == 2


def test_a_list_reprinted_by_several_sources_appears_once() -> None:
    """The same release from three sites gives one list on the page, not three."""
    from briefing.models import BiItem, Bilingual, BiList

    def measures(source: str, texts: tuple[str, ...], score: float = 0.8) -> BiList:
        items = tuple(BiItem(n=n, headline=Bilingual(en=t), text=Bilingual(en=t)) for n, t in enumerate(texts, 1))
        return BiList(intro=Bilingual(en="Three aspects:"), items=items, source=source, score=score)

    same = ("Transform and upgrade traditional industries", "Consolidate advantageous industries",
            "Cultivate emerging industries")
    copies = [measures(f"copy{i}.txt", same) for i in range(3)]
    reprint = measures("copy3.txt", (same[0] + ".", same[1], same[2]))  # punctuation differs
    other = measures("other.txt", ("Cut fees for exporters", "Expand credit to small firms",
                                   "Simplify customs clearance"), score=0.5)
    ranked = compose.rank_lists([*copies, reprint, other])
    assert [lst.source for lst in ranked] == ["copy0.txt", "other.txt"]


def _rank_by_scanning(lists):
    """The ranking as it was first written: pick the best pending list again and again (quadratic)."""
    pending = compose.unique_lists(sorted(lists, key=lambda lst: (-compose.list_score(lst), lst.tier)))
    ranked, taken = [], {}
    while pending:
        best = max(pending, key=lambda lst: (compose.list_score(lst) * compose.SAME_SOURCE_FACTOR
                                             ** taken.get(lst.source, 0), -lst.tier))
        pending.remove(best)
        ranked.append(best)
        taken[best.source] = taken.get(best.source, 0) + 1
    return tuple(ranked)


def _unique_by_scanning(lists):
    """Deduplication as first written: every list against every kept one."""
    kept = []
    for lst in lists:
        if not any(compose.same_list(lst, other) for other in kept):
            kept.append(lst)
    return kept


def test_heap_ranking_and_indexed_dedupe_equal_the_scanning_versions():
    import random

    from briefing.models import BiItem, Bilingual, BiList

    rng = random.Random(3)
    words = "expand domestic demand stabilise foreign trade support private firms cut fees boost consumption".split()

    def item(n):
        en = " ".join(rng.choice(words) for _ in range(4))
        return BiItem(n, Bilingual(en=en, zh=None), Bilingual(en=en, zh=None))

    lists = []
    for i in range(300):
        if lists and rng.random() < 0.3:  # a reprint, sometimes with one headline changed a little
            base = rng.choice(lists)
            items = list(base.items)
            if rng.random() < 0.5:
                first = items[0]
                items[0] = BiItem(1, Bilingual(en=first.headline.en + "s", zh=None), first.text)
            lists.append(BiList(base.intro, tuple(items), source=f"s{rng.randint(0, 40)}",
                                tier=rng.choice((1, 2)), score=rng.choice((1.0, 2.0, 3.5))))
        else:
            lists.append(BiList(Bilingual(en=f"intro {i}"), tuple(item(n) for n in range(1, rng.randint(2, 5))),
                                source=f"s{rng.randint(0, 40)}", tier=rng.choice((1, 2, 3)),
                                score=rng.choice((1.0, 2.0, 3.5))))
    assert compose.unique_lists(lists) == _unique_by_scanning(lists)
    assert len(compose.unique_lists(lists)) < len(lists)  # reprints were found
    assert compose.rank_lists(lists) == _rank_by_scanning(lists)
