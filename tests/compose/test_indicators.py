"""Compose with the archive's indicators: one row per indicator and period, dissent flagged, history on
the page estimate, the brief as JSON."""
from __future__ import annotations

import json
from dataclasses import replace

from briefing.compose import estimate
from briefing.compose import select as compose
from briefing.compose.brief_json import brief_json
from briefing.models import Article, BiFigure, Bilingual, Indicator, Previous
from tests.brief_samples import bifig, demo_articles, demo_brief, fig, settings

RETAIL = "total retail sale consumer good|percent|yoy"


def keyed(value: float, source: str, score: float, period: str = "2025:5", key: str = RETAIL) -> BiFigure:
    """Return a retail-sales figure from `source` with its indicator keys."""
    return replace(bifig(value, "Total retail sales of consumer goods", "社会消费品零售总额", score, source=source),
                   indicator=Indicator(key=key, period=period))


def articles(*figures: BiFigure) -> tuple[Article, ...]:
    """Return one single-source article per figure."""
    title = demo_articles()[0].title
    return tuple(Article(sources=(f.source,), lang="en", date="2025-06-16", title=title, figures=(f,)) for f in figures)


def test_one_row_per_indicator_and_period_with_the_dissent_flagged() -> None:
    brief = compose.compose(articles(keyed(6.4, "nbs.txt", 0.9), keyed(6.2, "wire.txt", 0.5),
                                     keyed(6.4, "paper.txt", 0.4)), settings(), "2025-06-16")
    assert len(brief.figures) == 1
    row = brief.figures[0]
    assert (row.figure.value, row.source, row.agreeing) == (6.4, "nbs.txt", ("paper.txt",))
    assert [(d.figure.value, d.source) for d in row.disagreeing] == [(6.2, "wire.txt")]
    assert {"nbs.txt", "wire.txt"} <= {ref.name for ref in brief.sources}  # the dissent is cited
    assert brief.omitted_figures == 0


def test_other_periods_and_unkeyed_figures_stay_rows_of_their_own() -> None:
    april, may = keyed(5.1, "a.txt", 0.8, period="2025:4"), keyed(6.4, "b.txt", 0.9)
    cumulative = keyed(5.0, "b.txt", 0.7, period="2025:1-5")
    no_period = keyed(6.0, "c.txt", 0.6, period="")
    unlabelled = replace(keyed(6.1, "d.txt", 0.5), indicator=Indicator(key=""))
    brief = compose.compose(articles(april, may, cumulative, no_period, unlabelled), settings(), "2025-06-16")
    assert sorted(f.figure.value for f in brief.figures) == [5.0, 5.1, 6.0, 6.1, 6.4]
    assert not any(f.disagreeing for f in brief.figures)


def test_ranges_agree_only_when_both_ends_do() -> None:
    a = replace(keyed(5.0, "a.txt", 0.9), figure=fig(5.0, score=0.9, value_max=5.5))
    b = replace(keyed(5.0, "b.txt", 0.8), figure=fig(5.0, score=0.8, value_max=6.0))
    row = compose.compose(articles(a, b), settings(), "2025-06-16").figures[0]
    assert [d.source for d in row.disagreeing] == ["b.txt"]


def with_history(brief_figure: BiFigure, dissent: bool = True) -> BiFigure:
    """Return a figure with a previous value, a new mark and (optionally) a dissenting source."""
    previous = Previous(figure=fig(4.8), period=Bilingual(en="Jan–Feb 2024", zh="2024年1—2月"), date="2024-03-18",
                        source="older.txt")
    marked = replace(brief_figure, indicator=Indicator(key="k", period="2024:1-3", previous=previous, new=True))
    return replace(marked, disagreeing=(compose.Disagreement(fig(9.9), "other.txt"),)) if dissent else marked


def test_the_page_estimate_counts_the_history_lines() -> None:
    plain = demo_brief()
    marked = replace(plain, figures=tuple(with_history(f) for f in plain.figures))
    assert estimate.brief_lines(marked, "A4", 1.0) > estimate.brief_lines(plain, "A4", 1.0)
    taller = estimate._figures_lines(marked, estimate.content_mm("A4")[0], 1.0)
    assert taller - estimate._figures_lines(plain, estimate.content_mm("A4")[0], 1.0) >= len(plain.figures)


def test_the_brief_json_carries_previous_values_and_dissent() -> None:
    brief = demo_brief()
    brief = replace(brief, figures=(with_history(brief.figures[0]),) + brief.figures[1:])
    data = json.loads(brief_json(brief))
    first = data["figures"][0]
    assert first["previous"] == {"value": 4.8, "value_max": None, "unit": "percent", "period": "Jan–Feb 2024",
                                 "date": "2024-03-18", "source": "older.txt"}
    assert first["new"] is True and first["disagreeing"][0]["source"] == "other.txt"
    assert data["figures"][1]["previous"] is None
    assert [s["name"] for s in data["sources"]] == [s.name for s in brief.sources]  # no window: the cited ones
    assert data["lists"][0]["items"][0]["headline"]["zh"].startswith("首先是改造升级传统产业")
