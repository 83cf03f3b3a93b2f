"""Both labels of every figure: from its aligned counterpart in the pair, else glossary, memory or engine."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.bilingual.glossary import Glossary, load_glossary
from briefing.bilingual.memory import TranslationMemory
from briefing.bilingual.translate import Translator
from briefing.config import Settings
from briefing.models import Bilingual, Document, Figure, FigureLabel, Pair


@dataclass(frozen=True)
class Sources:
    """Where missing sides come from: glossary, then memory, then an optional engine."""

    glossary: Glossary
    memory: TranslationMemory | None
    threshold: float
    engine: Translator | None = None

    def fill(self, text: str | None, lang: str) -> Bilingual:
        """Return `text` (in `lang`) with the other side filled where something knows it."""
        other = "zh" if lang == "en" else "en"
        found = self.find(text, lang, other) if text else None
        if found is None:
            return own(text, lang)
        value, origin, match = found
        return bilingual(lang, text, value, origin, match)

    def find(self, text: str, lang: str, other: str) -> tuple[str, str, float | None] | None:
        """Return (translation, origin, match) from the glossary, the memory or the engine."""
        hit = self.glossary.translate(text, other)
        if hit:
            return hit, "glossary", None
        remembered = self.memory.lookup(text, lang, self.threshold) if self.memory is not None else None
        if remembered:
            return remembered[0], "memory", remembered[1]
        made = self.engine.translate(text, lang, other) if self.engine is not None else None
        return (made, "engine", None) if made else None


def own(text: str | None, lang: str) -> Bilingual:
    """Wrap a text in its own language only."""
    text = text or None
    if lang == "en":
        return Bilingual(en=text, en_origin="source" if text else None)
    return Bilingual(zh=text, zh_origin="source" if text else None)


def bilingual(lang: str, text: str | None, other: str | None, origin: str, match: float | None = None) -> Bilingual:
    """Return a Bilingual with `text` as the source side and `other` from `origin`."""
    if lang == "en":
        return Bilingual(en=text, zh=other, en_origin="source", zh_origin=origin, match=match)
    return Bilingual(en=other, zh=text, en_origin=origin, zh_origin="source", match=match)


def paired(lang: str, text: str | None, other: str | None, sources: Sources) -> Bilingual:
    """Return both sides from a pair, filling a side the counterpart lacks."""
    if text and other:
        return bilingual(lang, text, other, "pair")
    if text:
        return sources.fill(text, lang)
    return sources.fill(other, "zh" if lang == "en" else "en")


def figure_label(doc: Document, index: int, twin: Figure | None, twin_index: int | None,
                 sources: Sources) -> FigureLabel:
    """Return a figure's label and period in both languages, its counterpart's first."""
    fig = doc.figures[index]
    if twin is None:
        label, period = sources.fill(fig.label, doc.lang), sources.fill(fig.period, doc.lang)
    else:
        label = paired(doc.lang, fig.label, twin.label, sources)
        period = paired(doc.lang, fig.period, twin.period, sources)
    return FigureLabel(source=doc.name, index=index, counterpart=twin_index, label=label, period=period)


def pair_labels(en: Document, zh: Document, pair: Pair, sources: Sources) -> tuple[FigureLabel, ...]:
    """Return every figure of both documents of a pair with its labels in both languages."""
    twin_of_en = dict(pair.figures)
    twin_of_zh = {j: i for i, j in pair.figures}
    labels = [figure_label(en, i, zh.figures[twin_of_en[i]] if i in twin_of_en else None, twin_of_en.get(i), sources)
              for i in range(len(en.figures))]
    labels += [figure_label(zh, j, en.figures[twin_of_zh[j]] if j in twin_of_zh else None, twin_of_zh.get(j), sources)
               for j in range(len(zh.figures))]
    return tuple(labels)


def label_pairs(documents: Sequence[Document], pairs: Sequence[Pair], sources: Sources) -> tuple[Pair, ...]:
    """Return the pairs with the labels of all their figures filled in."""
    by_name = {d.name: d for d in documents}
    return tuple(replace(p, labels=pair_labels(by_name[p.en], by_name[p.zh], p, sources))
                 if p.en in by_name and p.zh in by_name else p for p in pairs)


def label_sources(settings: Settings) -> Sources:
    """Return the configured glossary and translation memory (read only) for labelling pairs.

    No engine: `briefing extract` stays fast and works where the optional engine is not installed.
    """
    memory = TranslationMemory.load(settings.translation_memory) if settings.translation_memory else None
    return Sources(load_glossary(settings.glossary), memory, settings.memory_threshold)
