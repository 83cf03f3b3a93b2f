"""Compose: rank and select what goes on the one page → Brief; trim it when it does not fit."""
from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from briefing.compose import estimate
from briefing.config import Settings
from briefing.models import Article, BiFigure, Bilingual, BiList, Brief, Disagreement, SourceRef

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
SCALE_STEP = 0.05  # font scales the fit tries: 1.0, 0.95, 0.9 … down to min_scale


def prefit(brief: Brief, settings: Settings) -> Brief:
    """Return the brief at the largest scale estimated to fit, trimmed if even min_scale would not."""
    for scale in (1.0, *render_scales(settings.min_scale)):
        if estimate.fits(brief, settings.page_size, scale):
            return replace(brief, scale=scale)
    fitted = replace(brief, scale=settings.min_scale)
    while not estimate.fits(fitted, settings.page_size, fitted.scale) and (smaller := trim(fitted)):
        fitted = smaller
    return fitted


def render_scales(min_scale: float) -> list[float]:
    """Return the font scales below 1 the fit may use, largest first, ending at min_scale."""
    steps = [round(1.0 - SCALE_STEP * i, 3) for i in range(1, int((1.0 - min_scale) / SCALE_STEP + 1e-9) + 1)]
    if min_scale < 1.0 and (not steps or steps[-1] != round(min_scale, 3)):
        steps.append(round(min_scale, 3))
    return steps


def compose(articles: Sequence[Article], settings: Settings, date: str) -> Brief:
    """Select the top figures and lists across articles, with sources, title and note."""
    figures = rank_figures(f for a in articles for f in a.figures)
    lists = rank_lists(lst for a in articles for lst in a.lists)
    shown_figures = figures[: settings.max_figures]
    shown_lists = tuple(_cut(lst, settings.max_items) for lst in lists[: settings.max_lists])
    left_lists = lists[settings.max_lists:]
    omitted_items = sum(len(lst.items) for lst in lists) - sum(len(lst.items) for lst in shown_lists)
    return Brief(
        date=date,
        title=Bilingual(en=settings.title_en, zh=settings.title_zh, en_origin="source", zh_origin="source"),
        figures=shown_figures,
        lists=shown_lists,
        sources=source_refs(articles, cited_sources(shown_figures, shown_lists)),
        note_html=note_to_html(settings.note),
        omitted_figures=len(figures) - len(shown_figures),
        omitted_items=omitted_items,
        omitted_lists=len(left_lists),
        covered=tuple(ref for article in articles for ref in _article_refs(article)),
    )


def cited_sources(figures: Sequence[BiFigure], lists: Sequence[BiList]) -> set[str]:
    """Return the sources the page cites: each figure's, its first dissenting source's, each list's."""
    cited = {f.source for f in figures} | {lst.source for lst in lists}
    return cited | {f.disagreeing[0].source for f in figures if f.disagreeing}


BILINGUAL_FIGURE_BONUS = 0.25  # a figure labelled in both languages is worth a quarter more
SAME_SOURCE_FACTOR = 0.75  # each further list from one source ranks lower: a brief covers articles
SAME_LIST_RATIO = 90  # rapidfuzz ratio of joined headlines above which two lists are one


def figure_score(figure: BiFigure) -> float:
    """Return a figure's rank: the pairing stage's score (else the extractor's), bilingual first."""
    base = figure.score or figure.figure.score
    both = bool(figure.label.en and figure.label.zh)
    return base * (1.0 + BILINGUAL_FIGURE_BONUS * both)


def bilingual_share(lst: BiList) -> float:
    """Return the share of a list's items that read in both languages."""
    if not lst.items:
        return 0.0
    return sum(1 for item in lst.items if item.headline.en and item.headline.zh) / len(lst.items)


def list_score(lst: BiList) -> float:
    """Return a list's rank: its extraction score, up to doubled when it reads in both languages."""
    return lst.score * (1.0 + bilingual_share(lst))


def rank_figures(figures: Iterable[BiFigure]) -> tuple[BiFigure, ...]:
    """Order figures best first (stable), one row per indicator and period, the same figure once."""
    unique: dict[tuple[Any, ...], BiFigure] = {}
    for figure in figures:
        key = _figure_key(figure)
        kept = unique.setdefault(key, figure)
        if kept is not figure and figure.source != kept.source:  # a reprint: its source agrees
            unique[key] = replace(kept, agreeing=tuple(dict.fromkeys((*kept.agreeing, figure.source))))
    return tuple(sorted(merge_indicators(list(unique.values())), key=figure_score, reverse=True))


def merge_indicators(figures: Sequence[BiFigure]) -> list[BiFigure]:
    """Keep one figure per indicator and period: the best, noting who agrees and who reports another value."""
    groups: dict[tuple[str, str], list[BiFigure]] = {}
    order: list[BiFigure | tuple[str, str]] = []
    for figure in figures:
        key = _indicator_key(figure)
        if key is None:
            order.append(figure)
        elif key in groups:
            groups[key].append(figure)
        else:
            groups[key] = [figure]
            order.append(key)
    return [_merged(groups[item]) if isinstance(item, tuple) else item for item in order]


def _indicator_key(figure: BiFigure) -> tuple[str, str] | None:
    """Return (indicator, period) when both are known: only then are two figures the same thing."""
    indicator = figure.indicator
    if indicator is None or not indicator.key or not indicator.period:
        return None
    return indicator.key, indicator.period


def _merged(group: list[BiFigure]) -> BiFigure:
    """Return the group's best figure, with the other sources that agree and those that differ."""
    best = max(group, key=figure_score)  # the first of equals: the earlier source
    agreeing: dict[str, None] = dict.fromkeys(best.agreeing)
    disagreeing: list[Disagreement] = []
    for other in group:
        if other is best or other.source == best.source and same_value(other, best):
            continue
        if same_value(other, best):
            agreeing.update(dict.fromkeys((other.source, *other.agreeing)))
        else:
            disagreeing.append(Disagreement(figure=other.figure, source=other.source))
    agreeing.pop(best.source, None)
    return replace(best, agreeing=tuple(agreeing), disagreeing=tuple(disagreeing))


def same_value(a: BiFigure, b: BiFigure) -> bool:
    """Tell whether two figures state the same value (and the same range end)."""
    x, y = a.figure, b.figure
    if (x.value_max is None) != (y.value_max is None):
        return False
    ends = x.value_max is None or math.isclose(x.value_max, y.value_max or 0.0, rel_tol=1e-6, abs_tol=1e-9)
    return ends and math.isclose(x.value, y.value, rel_tol=1e-6, abs_tol=1e-9)


def _figure_key(figure: BiFigure) -> tuple[Any, ...]:
    """Identify a figure across articles: same number, unit, basis and label."""
    label = (figure.label.en or figure.label.zh or "").casefold().strip()
    found = figure.figure
    if not label:  # without a label two equal numbers may measure different things
        return (figure.source, found.start, found.end)
    top = None if found.value_max is None else round(found.value_max, 6)  # 5–5.5% is not 5–6%
    return (round(found.value, 6), top, found.unit, found.basis, label, found.period)


def rank_lists(lists: Iterable[BiList]) -> tuple[BiList, ...]:
    """Order lists best first, spreading the top places over sources; ties go to tier 1.

    Each further list of a source ranks lower (SAME_SOURCE_FACTOR); a heap whose entries are
    refreshed when their source took a place since they were pushed keeps this O(n log n).
    """
    pending = unique_lists(sorted(lists, key=lambda lst: (-list_score(lst), lst.tier)))
    taken: dict[str, int] = {}
    heap = [(-list_score(lst), lst.tier, i, 0) for i, lst in enumerate(pending)]
    heapq.heapify(heap)
    ranked: list[BiList] = []
    while heap:
        _, tier, i, seen = heapq.heappop(heap)
        lst = pending[i]
        now = taken.get(lst.source, 0)
        if now != seen:  # its source took places since: push it back with its lower score
            heapq.heappush(heap, (-list_score(lst) * SAME_SOURCE_FACTOR ** now, tier, i, now))
            continue
        ranked.append(lst)
        taken[lst.source] = now + 1
    return tuple(ranked)


def unique_lists(lists: Sequence[BiList]) -> list[BiList]:
    """Keep the first of lists that say the same thing (a release reprinted by several sites).

    A list is compared only with earlier ones whose headlines share rare words or characters and
    have a length that allows SAME_LIST_RATIO (an index per language), not with every earlier one.
    """
    from briefing.bilingual.memory import KeyIndex

    indexes = {lang: KeyIndex([_headlines(lst, lang) for lst in lists], lang) for lang in ("en", "zh")}
    dropped: set[int] = set()
    for i, lst in enumerate(lists):
        for index in indexes.values():
            key = index.keys[i]
            earlier = [j for j in index.candidates(key, SAME_LIST_RATIO, exact=False) if j < i] if key else []
            if any(j not in dropped and same_list(lst, lists[j]) for j in earlier):
                dropped.add(i)
                break
    return [lst for i, lst in enumerate(lists) if i not in dropped]


def same_list(a: BiList, b: BiList) -> bool:
    """Tell whether two lists have the same items, in either language."""
    from rapidfuzz import fuzz

    if len(a.items) != len(b.items):
        return False
    for lang in ("en", "zh"):
        left, right = _headlines(a, lang), _headlines(b, lang)
        if left and right and fuzz.ratio(left, right) >= SAME_LIST_RATIO:
            return True
    return False


def _headlines(lst: BiList, lang: str) -> str:
    """Return a list's headlines in one language, joined; empty unless every item has one."""
    sides = [item.headline.side(lang) for item in lst.items]
    return "\n".join(s.casefold() for s in sides) if all(sides) else ""


def _cut(lst: BiList, max_items: int) -> BiList:
    """Keep a list's first `max_items` items."""
    return lst if len(lst.items) <= max_items else replace(lst, items=lst.items[:max_items])


def source_refs(articles: Sequence[Article], used: set[str]) -> tuple[SourceRef, ...]:
    """Cite the sources of the articles the page draws on (all of them when it draws on none)."""
    cited = [a for a in articles if used & set(a.sources)] or list(articles)
    return tuple(ref for article in cited for ref in _article_refs(article))


def _article_refs(article: Article) -> Iterable[SourceRef]:
    """Yield one SourceRef per source of an article, English first for a pair."""
    langs = ("en", "zh") if article.lang == "en+zh" else (article.lang,) * len(article.sources)
    pair = article.sources if len(article.sources) == 2 and article.pair is not None else None
    for name, lang in zip(article.sources, langs):
        title = article.title.side(lang) or article.title.en or article.title.zh
        other = (pair[1] if name == pair[0] else pair[0]) if pair else None
        yield SourceRef(name=name, lang=lang, title=title, date=article.date, pair=other)


def note_to_html(note: str | None) -> str | None:
    """Render the editor's Markdown note with raw HTML shown as text and unsafe links dropped."""
    if not note or not note.strip():
        return None
    import markdown  # imported here: only builds with a note pay for it

    md = markdown.Markdown(extensions=[_safe_links()])
    # without these two, Markdown passes raw HTML through untouched
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(note)


def _safe_links() -> Any:
    """Return a Markdown extension that removes images and non-web link targets."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class Strip(Treeprocessor):
        def run(self, root: Any) -> None:
            for parent in list(root.iter()):  # a copy: children are removed on the way
                for child in list(parent):
                    if child.tag == "img":  # an image would make the renderer fetch a URL
                        parent.remove(child)
                    elif child.tag == "a" and not child.get("href", "").startswith(SAFE_SCHEMES):
                        child.attrib.pop("href", None)

    class SafeLinks(Extension):
        def extendMarkdown(self, md: Any) -> None:
            md.treeprocessors.register(Strip(md), "safe_links", 0)

    return SafeLinks()


def trim(brief: Brief) -> Brief | None:
    """Drop the lowest-ranked thing on the page; None when nothing is left to drop."""
    items = sum(len(lst.items) for lst in brief.lists)
    # a measure takes about as much room as two figure rows, so lists give way first
    if brief.lists and (items >= len(brief.figures) or not brief.figures):
        return _trim_list(brief)
    if brief.figures:
        return replace(brief, figures=brief.figures[:-1], omitted_figures=brief.omitted_figures + 1)
    return None


def _trim_list(brief: Brief) -> Brief:
    """Drop the last item of the lowest-ranked list, or the list itself at its last item."""
    last = brief.lists[-1]
    if len(last.items) <= 1:
        return replace(brief, lists=brief.lists[:-1], omitted_lists=brief.omitted_lists + 1,
                       omitted_items=brief.omitted_items + len(last.items))
    shorter = replace(last, items=last.items[:-1])
    return replace(brief, lists=brief.lists[:-1] + (shorter,), omitted_items=brief.omitted_items + 1)
