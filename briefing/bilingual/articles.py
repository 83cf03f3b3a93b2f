"""Make every article bilingual: a pair merged from its two versions, a single document filled where known.

A runner-up version (a second Chinese reprint of a paired English article) is the same article:
it does not become an article of its own, so its figures are not shown twice.
"""
from __future__ import annotations

from collections.abc import Sequence

from briefing.bilingual.glossary import Glossary
from briefing.bilingual.labels import Sources, pair_labels, paired
from briefing.bilingual.memory import TranslationMemory
from briefing.bilingual.translate import Translator
from briefing.models import Article, BiFigure, BiItem, BiList, Document, Figure, MeasureList, Pair


def make_articles(documents: Sequence[Document], pairs: Sequence[Pair], glossary: Glossary,
                  memory: TranslationMemory | None, threshold: float,
                  translator: Translator | None = None) -> tuple[Article, ...]:
    """Return one article per pair (English first) and one per unpaired document."""
    if memory is not None:  # this build's aligned segments serve its own unpaired documents too
        for en, zh in memory_segments(documents, pairs):
            memory.add(en, zh, origin="pair")
    sources = Sources(glossary, memory, threshold, translator)
    by_name = {d.name: d for d in documents}
    taken = {name for p in pairs for name in (p.en, p.zh, p.runner_up) if name}
    articles = [pair_article(by_name[p.en], by_name[p.zh], p, sources) for p in pairs
                if p.en in by_name and p.zh in by_name]
    articles += [single_article(d, sources) for d in documents if d.name not in taken]
    return tuple(articles)


def single_article(doc: Document, sources: Sources) -> Article:
    """Make one document bilingual where the glossary or the memory knows the other side."""
    figures = tuple(_single_figure(doc, f, sources) for f in doc.figures)
    lists = tuple(_single_list(doc, lst, sources) for lst in doc.lists)
    return Article(sources=(doc.name,), title=sources.fill(doc.clean.title, doc.lang), date=doc.clean.date,
                   lang=doc.lang, figures=figures, lists=lists)


def _single_figure(doc: Document, fig: Figure, sources: Sources) -> BiFigure:
    """Return a figure with its label and period filled from the glossary or memory."""
    return BiFigure(figure=fig, label=sources.fill(fig.label, doc.lang),
                    period=sources.fill(fig.period, doc.lang), source=doc.name, score=fig.score)


def _single_list(doc: Document, lst: MeasureList, sources: Sources) -> BiList:
    """Return a list with each part filled from the memory where it matches."""
    items = tuple(BiItem(n=i.n, headline=sources.fill(i.headline, doc.lang), text=sources.fill(i.text, doc.lang))
                  for i in lst.items)
    return BiList(intro=sources.fill(lst.intro, doc.lang), items=items, source=doc.name,
                  announced=lst.announced, complete=lst.complete, tier=lst.tier, score=lst.score)


def pair_article(en: Document, zh: Document, pair: Pair, sources: Sources) -> Article:
    """Merge a pair into one article: aligned parts from each other, the rest filled or alone."""
    title = paired("en", en.clean.title, zh.clean.title, sources)
    return Article(sources=(en.name, zh.name), title=title, date=en.clean.date or zh.clean.date,
                   lang="en+zh", figures=_pair_figures(en, zh, pair, sources),
                   lists=_pair_lists(en, zh, pair, sources), pair=pair)


def _pair_figures(en: Document, zh: Document, pair: Pair, sources: Sources) -> tuple[BiFigure, ...]:
    """Return the English figures with their counterparts, then the Chinese ones left over."""
    labels = pair_labels(en, zh, pair, sources)
    out: list[BiFigure] = []
    for mark in labels:
        doc, other = (en, zh) if mark.source == en.name else (zh, en)
        fig = doc.figures[mark.index]
        if doc is zh and mark.counterpart is not None:
            continue  # shown with its English counterpart
        twin = other.figures[mark.counterpart] if mark.counterpart is not None else None
        score = max(fig.score, twin.score) if twin is not None else fig.score
        out.append(BiFigure(figure=fig, other=twin, source=doc.name if twin is None else en.name,
                            score=score, label=mark.label, period=mark.period))
    return tuple(out)


def _pair_lists(en: Document, zh: Document, pair: Pair, sources: Sources) -> tuple[BiList, ...]:
    """Return the English lists with their aligned Chinese items, then unaligned Chinese lists."""
    twin = dict(pair.lists)
    out: list[BiList] = []
    for i, lst in enumerate(en.lists):
        if i not in twin:
            out.append(_single_list(en, lst, sources))
            continue
        items = {a: b for x, a, y, b in pair.items if x == i and y == twin[i]}
        out.append(_merged_list(en, lst, zh.lists[twin[i]], items, sources))
    aligned_zh = set(twin.values())
    out += [_single_list(zh, lst, sources) for j, lst in enumerate(zh.lists) if j not in aligned_zh]
    return tuple(out)


def _merged_list(en: Document, a: MeasureList, b: MeasureList, items: dict[int, int], sources: Sources) -> BiList:
    """Return one bilingual list from two aligned lists."""
    by_n = {item.n: item for item in b.items}
    merged = []
    for item in a.items:
        other = by_n.get(items[item.n]) if item.n in items else None
        merged.append(BiItem(n=item.n,
                             headline=paired("en", item.headline, other.headline if other else None, sources),
                             text=paired("en", item.text, other.text if other else None, sources)))
    return BiList(intro=paired("en", a.intro, b.intro, sources), items=tuple(merged), source=en.name,
                  announced=a.announced or b.announced, complete=a.complete and b.complete, tier=a.tier,
                  score=max(a.score, b.score))


# --- memory ------------------------------------------------------------------------------------
def memory_segments(documents: Sequence[Document], pairs: Sequence[Pair]) -> list[tuple[str, str]]:
    """Return the aligned (en, zh) segments of every pair: titles, intros, items, figure labels."""
    by_name = {d.name: d for d in documents}
    segments: list[tuple[str, str]] = []
    for p in pairs:
        if p.en in by_name and p.zh in by_name:
            segments += _pair_segments(by_name[p.en], by_name[p.zh], p)
    return [s for s in dict.fromkeys(segments) if s[0] and s[1]]  # unique, in order


def _pair_segments(en: Document, zh: Document, pair: Pair) -> list[tuple[str, str]]:
    """Return the aligned segments of one pair."""
    out = [(en.clean.title or "", zh.clean.title or "")]
    out += [(en.lists[i].intro, zh.lists[j].intro) for i, j in pair.lists]
    for i, a, j, b in pair.items:
        x = next((it for it in en.lists[i].items if it.n == a), None)
        y = next((it for it in zh.lists[j].items if it.n == b), None)
        if x and y:
            out += [(x.headline, y.headline), (x.text, y.text)]
    for i, j in pair.figures:
        e, z = en.figures[i], zh.figures[j]
        out += [(e.label, z.label), (e.period or "", z.period or "")]
    return out
