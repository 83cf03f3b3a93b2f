"""Pair English and Chinese versions of one article and make every article bilingual.

Pairing never looks at file names: it weighs figures in common (value and unit), distinctive
numbers and dates in the texts, the shape of the measure lists and the length ratio.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.bilingual.glossary import Glossary
from briefing.bilingual.memory import TranslationMemory
from briefing.bilingual.translate import Translator
from briefing.models import (
    Article,
    BiFigure,
    BiItem,
    Bilingual,
    BiList,
    Document,
    Figure,
    ListItem,
    MeasureList,
    Pair,
)

# Weights of the pairing evidence; missing evidence counts as none (false pairs are worse).
WEIGHTS = {"figures": 0.4, "numbers": 0.25, "lists": 0.25, "length": 0.1}
SMALL_COUNT = 12  # counts up to this ("four aspects") are common to unrelated articles: weigh less
SMALL_WEIGHT = 0.25
LENGTH_RATIO = (1.5, 6.0)  # plausible English characters per Chinese character
DATE_GAP_DAYS = 3  # a reprint or a next-day paper may shift the date a little
MIN_LIST_SIM = 0.5
MIN_ITEM_SIM = 0.3
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")
DATE_EN = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")\s++(\d{1,2})\b", re.IGNORECASE)
DATE_ZH = re.compile(r"(\d{1,2})\s*+月\s*+(\d{1,2})\s*+日")
NUMBER_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                        "ten", "eleven", "twelve"),
                 "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")}
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})++(?:\.\d++)?|\d++(?:\.\d++)?")


# --- finding pairs -----------------------------------------------------------------------------
def find_pairs(documents: Sequence[Document], threshold: float) -> tuple[Pair, ...]:
    """Return the English/Chinese pairs whose confidence reaches `threshold`, best first."""
    candidates = [score_pair(en, zh) for en in documents if en.lang == "en"
                  for zh in documents if zh.lang == "zh"]
    candidates.sort(key=lambda p: -p.confidence)
    taken: set[str] = set()
    pairs: list[Pair] = []
    by_name = {d.name: d for d in documents}
    for cand in candidates:
        if cand.confidence >= threshold and cand.en not in taken and cand.zh not in taken:
            taken.update((cand.en, cand.zh))
            pairs.append(complete_pair(cand, by_name[cand.en], by_name[cand.zh]))
    return tuple(pairs)


def score_pair(en: Document, zh: Document) -> Pair:
    """Return a candidate pair with its confidence and the evidence for it."""
    figures = match_figures(en, zh)
    lists = align_lists(en, zh)
    parts = {"figures": _figure_similarity(en, zh, figures), "numbers": _number_similarity(en, zh),
             "lists": _list_similarity(en, zh, lists), "length": _length_similarity(en, zh)}
    confidence = sum(WEIGHTS[k] * v for k, v in parts.items())
    evidence = [f"{len(figures)} figures in common", f"{len(lists)} lists of the same shape",
                f"numbers in common {parts['numbers']:.2f}", f"length ratio {_length_ratio(en, zh):.1f}"]
    gap = _date_gap(en.clean.date, zh.clean.date)
    if gap is not None and gap <= DATE_GAP_DAYS:
        evidence.append("same date" if gap == 0 else f"dates {gap} days apart")
    elif gap is not None:
        confidence *= 0.5
        evidence.append(f"dates differ ({en.clean.date} vs {zh.clean.date})")
    return Pair(en=en.name, zh=zh.name, confidence=round(min(confidence, 1.0), 3),
                evidence=tuple(evidence), lists=tuple(lists), figures=tuple(figures))


def complete_pair(cand: Pair, en: Document, zh: Document) -> Pair:
    """Fill the item alignment and the figure discrepancies of an accepted pair."""
    items = tuple((i, a, j, b) for i, j in cand.lists
                  for a, b in align_items(en.lists[i], zh.lists[j]))
    return Pair(en=cand.en, zh=cand.zh, confidence=cand.confidence, evidence=cand.evidence,
                lists=cand.lists, items=items, figures=cand.figures,
                discrepancies=discrepancies(en, zh, cand.figures))


# --- evidence ----------------------------------------------------------------------------------
def _weight(fig: Figure) -> float:
    """Weigh a figure as evidence: small whole counts are common to unrelated texts."""
    small = fig.unit == "count" and 0 <= fig.value <= SMALL_COUNT and float(fig.value).is_integer()
    return SMALL_WEIGHT if small else 1.0


def _figure_similarity(en: Document, zh: Document, matched: list[tuple[int, int]]) -> float:
    """Return the weighted Dice similarity of the two documents' figures."""
    total = sum(map(_weight, en.figures)) + sum(map(_weight, zh.figures))
    common = sum(_weight(en.figures[i]) + _weight(zh.figures[j]) for i, j in matched)
    return common / total if total else 0.0


def text_numbers(text: str, lang: str) -> set[str]:
    """Return the distinctive numbers of a text: month-day dates and numbers of 10 or more."""
    dates = DATE_EN if lang == "en" else DATE_ZH
    found: set[str] = set()
    for m in dates.finditer(text):
        month = MONTHS_EN.index(m.group(1).lower()) + 1 if lang == "en" else int(m.group(1))
        found.add(f"{month}/{int(m.group(2))}")
    for m in NUMBER.finditer(dates.sub(" ", text)):
        value = float(m.group().replace(",", ""))
        if value >= 10 or not value.is_integer():
            found.add(f"{value:g}")
    return found


def _number_similarity(en: Document, zh: Document) -> float:
    """Return the cosine similarity of the two texts' sets of distinctive numbers."""
    a, b = text_numbers(en.clean.text, "en"), text_numbers(zh.clean.text, "zh")
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _list_similarity(en: Document, zh: Document, aligned: list[tuple[int, int]]) -> float:
    """Return how many lists have a counterpart of the same shape (Dice)."""
    total = len(en.lists) + len(zh.lists)
    return 2 * len(aligned) / total if total else 0.0


def _length_ratio(en: Document, zh: Document) -> float:
    """Return English characters per Chinese character."""
    return len(en.clean.text) / max(len(zh.clean.text), 1)


def _length_similarity(en: Document, zh: Document) -> float:
    """Return 1 for a plausible translation length ratio, less the further it is outside."""
    ratio = _length_ratio(en, zh)
    low, high = LENGTH_RATIO
    if ratio <= 0:
        return 0.0
    outside = math.log(low / ratio) if ratio < low else math.log(ratio / high) if ratio > high else 0.0
    return math.exp(-2 * outside)


def _date_gap(a: str | None, b: str | None) -> int | None:
    """Return the days between two ISO dates, or None when either is unknown."""
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


# --- figures -----------------------------------------------------------------------------------
def same_value(a: Figure, b: Figure) -> bool:
    """Tell whether two figures state the same number in the same unit."""
    return a.unit == b.unit and math.isclose(a.value, b.value, rel_tol=1e-6, abs_tol=1e-9)


def _position(doc: Document, offset: int) -> float:
    """Return an offset as a fraction of the document's length."""
    return offset / max(len(doc.clean.text), 1)


def match_figures(en: Document, zh: Document) -> list[tuple[int, int]]:
    """Pair figures of equal value and unit, same basis and nearest position first."""
    costs = sorted((float(e.basis != z.basis) + abs(_position(en, e.start) - _position(zh, z.start)), i, j)
                   for i, e in enumerate(en.figures) for j, z in enumerate(zh.figures) if same_value(e, z))
    used_en: set[int] = set()
    used_zh: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in costs:
        if i not in used_en and j not in used_zh:
            used_en.add(i)
            used_zh.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def discrepancies(en: Document, zh: Document, matched: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """Describe each figure of one version that differs from or is missing in the other."""
    lone_en = [i for i in range(len(en.figures)) if i not in {a for a, _ in matched}
               and not _stated(en.figures[i], zh, "zh")]
    lone_zh = [j for j in range(len(zh.figures)) if j not in {b for _, b in matched}
               and not _stated(zh.figures[j], en, "en")]
    notes: list[str] = []
    for i in list(lone_en):
        j = _differing(en, zh, en.figures[i], lone_zh)
        if j is not None:
            lone_en.remove(i)
            lone_zh.remove(j)
            notes.append(f"{en.name} ↔ {zh.name}: figure differs: «{en.figures[i].text}» "
                         f"vs «{zh.figures[j].text}»")
    notes += [f"{en.name}: figure «{en.figures[i].text}» has no counterpart in {zh.name}" for i in lone_en]
    notes += [f"{zh.name}: figure «{zh.figures[j].text}» has no counterpart in {en.name}" for j in lone_zh]
    return tuple(notes)


def _stated(fig: Figure, other: Document, lang: str) -> bool:
    """Tell whether the other version states the figure too: repeated, or a small count in words."""
    if any(same_value(fig, f) for f in other.figures):
        return True  # a second mention of a figure the other version has: not a discrepancy
    # only small positive counts are written in words ("three aspects"); a change may be negative
    if fig.unit != "count" or not 0 <= fig.value <= SMALL_COUNT or not float(fig.value).is_integer():
        return False
    n = int(fig.value)
    words = (str(n), NUMBER_WORDS[lang][n]) if n < len(NUMBER_WORDS[lang]) else (str(n),)
    pattern = r"\b(?:" + "|".join(words) + r")\b" if lang == "en" else "|".join(words)
    return re.search(pattern, other.clean.text, re.IGNORECASE) is not None


def _differing(en: Document, zh: Document, fig: Figure, candidates: list[int]) -> int | None:
    """Return the unmatched Chinese figure that seems to state `fig` with another value."""
    where = _position(en, fig.start)
    for j in candidates:
        other = zh.figures[j]
        if (other.unit == fig.unit and other.basis == fig.basis and fig.basis != "none"
                and abs(_position(zh, other.start) - where) < 0.1 and (fig.label or other.label)):
            return j
    return None


# --- lists and items ---------------------------------------------------------------------------
def align(n: int, m: int, sim: Callable[[int, int], float], floor: float) -> list[tuple[int, int]]:
    """Return the monotone alignment of two sequences that maximises the summed similarity."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = sim(i, j)
            take = best[i + 1][j + 1] + s if s >= floor else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        s = sim(i, j)
        if s >= floor and math.isclose(best[i][j], best[i + 1][j + 1] + s):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def list_similarity(en: Document, a: MeasureList, zh: Document, b: MeasureList) -> float:
    """Return how alike two lists are in shape: item count, position, tier, nesting."""
    count_a, count_b = a.announced or len(a.items), b.announced or len(b.items)
    count = 1.0 if len(a.items) == len(b.items) or count_a == count_b else \
        0.5 if abs(len(a.items) - len(b.items)) == 1 else 0.0
    if not count:  # lists of clearly different lengths are different lists, wherever they sit
        return 0.0
    place = max(0.0, 1 - max(0.0, abs(_position(en, a.start) - _position(zh, b.start)) - 0.1) / 0.3)
    return (0.45 * count + 0.3 * place + 0.15 * (a.tier == b.tier)
            + 0.1 * ((a.parent is None) == (b.parent is None)))


def align_lists(en: Document, zh: Document) -> list[tuple[int, int]]:
    """Return (en list index, zh list index) for lists that translate each other."""
    order_en = sorted(range(len(en.lists)), key=lambda i: en.lists[i].start)
    order_zh = sorted(range(len(zh.lists)), key=lambda j: zh.lists[j].start)

    def sim(i: int, j: int) -> float:
        a, b = en.lists[order_en[i]], zh.lists[order_zh[j]]
        return list_similarity(en, a, zh, b) if a.items and b.items else 0.0

    return sorted((order_en[i], order_zh[j]) for i, j in align(len(order_en), len(order_zh), sim, MIN_LIST_SIM))


def _item_place(lst: MeasureList, item: ListItem) -> float:
    """Return where an item starts within its list, 0..1."""
    return (item.start - lst.start) / max(lst.end - lst.start, 1)


def align_items(a: MeasureList, b: MeasureList) -> list[tuple[int, int]]:
    """Return (en item n, zh item n) for the items of two aligned lists."""
    if len(a.items) == len(b.items):
        return [(x.n, y.n) for x, y in zip(a.items, b.items)]

    def sim(i: int, j: int) -> float:
        x, y = a.items[i], b.items[j]
        place = 1 - min(1.0, abs(_item_place(a, x) - _item_place(b, y)) * 3)
        nums = text_numbers(x.text, "en") ^ text_numbers(y.text, "zh")
        return place - 0.5 * bool(nums)

    return [(a.items[i].n, b.items[j].n) for i, j in align(len(a.items), len(b.items), sim, MIN_ITEM_SIM)]


# --- articles ----------------------------------------------------------------------------------
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
        return _bilingual(lang, text, value, origin, match)

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


def _bilingual(lang: str, text: str | None, other: str | None, origin: str,
               match: float | None = None) -> Bilingual:
    """Return a Bilingual with `text` as the source side and `other` from `origin`."""
    if lang == "en":
        return Bilingual(en=text, zh=other, en_origin="source", zh_origin=origin, match=match)
    return Bilingual(en=other, zh=text, en_origin=origin, zh_origin="source", match=match)


def _paired(lang: str, text: str | None, other: str | None, sources: Sources) -> Bilingual:
    """Return both sides from a pair, filling a side the counterpart lacks."""
    if text and other:
        return _bilingual(lang, text, other, "pair")
    if text:
        return sources.fill(text, lang)
    return sources.fill(other, "zh" if lang == "en" else "en")


def make_articles(documents: Sequence[Document], pairs: Sequence[Pair], glossary: Glossary,
                  memory: TranslationMemory | None, threshold: float,
                  translator: Translator | None = None) -> tuple[Article, ...]:
    """Return one article per pair (English first) and one per unpaired document."""
    if memory is not None:  # this build's aligned segments serve its own unpaired documents too
        for en, zh in memory_segments(documents, pairs):
            memory.add(en, zh, origin="pair")
    sources = Sources(glossary, memory, threshold, translator)
    by_name = {d.name: d for d in documents}
    paired = {name for p in pairs for name in (p.en, p.zh)}
    articles = [pair_article(by_name[p.en], by_name[p.zh], p, sources) for p in pairs
                if p.en in by_name and p.zh in by_name]
    articles += [single_article(d, sources) for d in documents if d.name not in paired]
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
    title = _paired("en", en.clean.title, zh.clean.title, sources)
    return Article(sources=(en.name, zh.name), title=title, date=en.clean.date or zh.clean.date,
                   lang="en+zh", figures=_pair_figures(en, zh, pair, sources),
                   lists=_pair_lists(en, zh, pair, sources), pair=pair)


def _pair_figures(en: Document, zh: Document, pair: Pair, sources: Sources) -> tuple[BiFigure, ...]:
    """Return the English figures with their counterparts, then the Chinese ones left over."""
    other = dict(pair.figures)
    out: list[BiFigure] = []
    for i, fig in enumerate(en.figures):
        twin = zh.figures[other[i]] if i in other else None
        if twin is None:
            out.append(_single_figure(en, fig, sources))
            continue
        out.append(BiFigure(figure=fig, other=twin, source=en.name, score=max(fig.score, twin.score),
                            label=_paired("en", fig.label, twin.label, sources),
                            period=_paired("en", fig.period, twin.period, sources)))
    matched_zh = set(other.values())
    out += [_single_figure(zh, f, sources) for j, f in enumerate(zh.figures) if j not in matched_zh]
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
        out.append(_merged_list(en, lst, zh, zh.lists[twin[i]], items, sources))
    aligned_zh = set(twin.values())
    out += [_single_list(zh, lst, sources) for j, lst in enumerate(zh.lists) if j not in aligned_zh]
    return tuple(out)


def _merged_list(en: Document, a: MeasureList, zh: Document, b: MeasureList, items: dict[int, int],
                 sources: Sources) -> BiList:
    """Return one bilingual list from two aligned lists."""
    by_n = {item.n: item for item in b.items}
    merged = []
    for item in a.items:
        other = by_n.get(items[item.n]) if item.n in items else None
        merged.append(BiItem(n=item.n,
                             headline=_paired("en", item.headline, other.headline if other else None, sources),
                             text=_paired("en", item.text, other.text if other else None, sources)))
    return BiList(intro=_paired("en", a.intro, b.intro, sources), items=tuple(merged), source=en.name,
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
