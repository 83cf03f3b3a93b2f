"""What changed: each figure's indicator key, its previous value from the archive, new indicators."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefing.archive.keys import Keys, period_label, period_shape, same_period
from briefing.archive.store import Archive, Observation
from briefing.archive.window import Window
from briefing.models import Article, BiFigure, Bilingual, Brief, Figure, Indicator, Previous


def key_articles(articles: Sequence[Article], keys: Keys) -> tuple[Article, ...]:
    """Give every figure of the articles its indicator and period keys."""
    return tuple(replace(a, figures=tuple(key_figure(f, keys, a.date) for f in a.figures)) for a in articles)


def key_figure(figure: BiFigure, keys: Keys, date: str | None) -> BiFigure:
    """Return a figure with its Indicator: label from either language version, period likewise."""
    main, other = figure.figure, figure.other
    labelled = main if main.label or other is None or not other.label else other
    dated = main if main.period or other is None or not other.period else other
    indicator = Indicator(key=keys.indicator(labelled.label, labelled.lang, main.unit, main.basis),
                          period=keys.period(dated.period, dated.lang, date))
    return replace(figure, indicator=indicator)


When = tuple[str, int]  # a source's (date, first run): what came before it is earlier in both senses


def add_history(brief: Brief, archive: Archive, window: Window, keys: Keys,
                article_of: Mapping[str, tuple[int, ...]], when: Mapping[str, When]) -> Brief:
    """Set the previous value and the new mark of every figure on the brief."""
    keyed = [f.indicator.key for f in brief.figures if f.indicator and f.indicator.key]
    before = window.before()
    known = archive.known_indicators(keyed, *before) if before is not None else set(keyed)
    figures = tuple(_with_history(f, archive, window, keys, article_of.get(f.source, ()),
                                  when.get(f.source, (window.date, window.run)), known) for f in brief.figures)
    return replace(brief, figures=figures)


def _with_history(figure: BiFigure, archive: Archive, window: Window, keys: Keys, own: tuple[int, ...],
                  when: When, known: set[str]) -> BiFigure:
    """Return one figure with its previous value and whether its indicator is new."""
    indicator = figure.indicator
    if indicator is None or not indicator.key:
        return figure
    previous = find_previous(archive, indicator, window.run, when, own, keys)
    return replace(figure, indicator=replace(indicator, previous=previous, new=indicator.key not in known))


def find_previous(archive: Archive, indicator: Indicator, run: int, when: When, own: tuple[int, ...],
                  keys: Keys) -> Previous | None:
    """Return the latest value of the indicator for an earlier period of the same kind (a month's
    previous month, January–May's January–April), from a source before this one."""
    shape = period_shape(indicator.period)
    for found in archive.observations(indicator.key, run, when, exclude_period=indicator.period):
        if (found.source_id in own or same_period(found.period_key, indicator.period)
                or period_shape(found.period_key) != shape):
            continue
        figure = _figure(archive, found)
        if figure is not None:
            return Previous(figure=figure, period=_period(figure, found.period_key, keys), date=found.date,
                            source=found.source)
    return None


def _period(figure: Figure, key: str, keys: Keys) -> Bilingual:
    """Return a previous value's period in both languages: from its key ("Jan–Feb 2024"), else as written."""
    label = period_label(key)
    if label is not None:
        return Bilingual(en=label[0], zh=label[1], en_origin="glossary", zh_origin="glossary")
    return Bilingual(en=keys.english(figure.period, figure.lang), zh=keys.chinese(figure.period, figure.lang))


def _figure(archive: Archive, found: Observation) -> Figure | None:
    """Return the archived figure an observation points at."""
    doc = archive.document(found.source_id)
    return doc.figures[found.idx] if doc is not None and found.idx < len(doc.figures) else None
