"""Frozen dataclasses that flow between the pipeline stages; no I/O here.

sources → Source → clean → CleanText → figures/measures → Document → pair → Article
→ archive (Indicator, Previous) → compose → Brief → render → Rendered → deliver.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


# --- sources ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """One decoded input file, before cleaning."""

    path: Path
    name: str  # file name, the document's identity in JSON and in the brief
    text: str  # decoded text (HTML already reduced to its main text, paragraphs kept)
    encoding: str  # detected encoding, e.g. "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"
    format: str  # "txt" | "md" | "html"
    size: int  # bytes on disk
    warnings: tuple[str, ...] = ()


# --- clean -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CleanStep:
    """What one named cleaning step did to a text."""

    name: str
    description: str
    removed: int  # how many things (lines, symbols, joins) it removed or changed
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanText:
    """A source's cleaned text and what is known about the document."""

    source: Source
    text: str
    lang: str  # "en" | "zh"
    title: str | None = None
    date: str | None = None  # ISO date of publication; None when the text gives no year
    byline: str | None = None
    steps: tuple[CleanStep, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Return the source file name."""
        return self.source.name


# --- extract ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One number that matters, with what it measures."""

    value: float  # base units: 1.15 trillion yuan → 1.15e12; 7.5% → 7.5
    unit: str  # percent | percentage_point | yuan | usd | times | count
    basis: str  # yoy | mom | share | level | change | none
    text: str  # the span as written in the cleaned text
    sentence: str
    start: int  # character offsets of `text` in the cleaned text
    end: int
    lang: str
    label: str = ""  # what is measured, in the source's language
    period: str | None = None  # as written, possibly inherited from an earlier clause
    direction: str | None = None  # "up" | "down" where the text says so
    qualifier: str | None = None  # "more than", "about", 超过, 近, 约, 余, 多, 以上 …
    value_max: float | None = None  # upper end of a range ("5.5-6%": value 5.5, value_max 6)
    noun: str | None = None  # the counted noun for unit "count" ("enterprises", 家)
    score: float = 0.0  # headline rank; higher first


@dataclass(frozen=True)
class ListItem:
    """One numbered measure."""

    n: int
    headline: str  # the item's gist as a short phrase
    text: str  # the item's full text
    start: int
    end: int


@dataclass(frozen=True)
class MeasureList:
    """A numbered or counted list of measures."""

    intro: str  # the sentence that announces the list
    items: tuple[ListItem, ...]
    start: int
    end: int
    tier: int = 1  # 1 explicit ordinals; 2 announced by a count, one paragraph per item; 3 other
    announced: int | None = None  # the count the intro announces, if any
    complete: bool = True  # False when fewer items than announced were found
    parent: tuple[int, int] | None = None  # (index of the enclosing list, its item n) when nested
    score: float = 0.0


@dataclass(frozen=True)
class Document:
    """A cleaned source with its figures and lists."""

    clean: CleanText
    figures: tuple[Figure, ...] = ()
    lists: tuple[MeasureList, ...] = ()

    @property
    def name(self) -> str:
        """Return the source file name."""
        return self.clean.source.name

    @property
    def lang(self) -> str:
        """Return the document language."""
        return self.clean.lang


# --- pair ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    """Two documents that are the same article in English and Chinese."""

    en: str  # source names
    zh: str
    confidence: float  # 0..1
    evidence: tuple[str, ...] = ()  # why: "4 figures in common", "same date" …
    lists: tuple[tuple[int, int], ...] = ()  # (en list index, zh list index)
    items: tuple[tuple[int, int, int, int], ...] = ()  # (en list, en item n, zh list, zh item n)
    figures: tuple[tuple[int, int], ...] = ()  # (en figure index, zh figure index)
    discrepancies: tuple[str, ...] = ()  # figures missing or different in the other version
    runner_up: str | None = None  # another version of the same article that lost to this pair (a reprint)
    runner_up_confidence: float | None = None
    runner_up_evidence: tuple[str, ...] = ()
    labels: tuple[FigureLabel, ...] = ()  # every figure of both documents with its other-language label


@dataclass(frozen=True)
class Bilingual:
    """A text in English and Chinese, with where each side came from."""

    en: str | None = None
    zh: str | None = None
    en_origin: str | None = None  # source | pair | glossary | memory | engine
    zh_origin: str | None = None
    match: float | None = None  # translation-memory match percentage, when origin is memory

    def side(self, lang: str) -> str | None:
        """Return the text in `lang` ("en" or "zh")."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class FigureLabel:
    """A figure of a paired document with its label and period in both languages."""

    source: str  # the document the figure belongs to
    index: int  # the figure's index in that document
    counterpart: int | None  # the index of its aligned figure in the other document, if any
    label: Bilingual
    period: Bilingual


@dataclass(frozen=True)
class Previous:
    """The value an indicator had last time, as the archive holds it."""

    figure: Figure  # the earlier figure, as extracted from its source
    period: Bilingual  # its period in both languages where the glossary knows it
    date: str | None  # its source's publication date, else the date the source was first seen
    source: str  # its source's name


@dataclass(frozen=True)
class Indicator:
    """What a figure measures, the same across sources and languages, and its history."""

    key: str  # normalised label | unit | basis; "" when the figure has no label to key it by
    period: str = ""  # normalised period (year:months), "" when the text gives none
    previous: Previous | None = None
    new: bool = False  # no earlier brief's sources reported this indicator


@dataclass(frozen=True)
class Disagreement:
    """Another source's different value for the same indicator and period."""

    figure: Figure
    source: str


@dataclass(frozen=True)
class BiFigure:
    """A figure with its labels in both languages."""

    figure: Figure  # the figure as found (English one for a pair)
    label: Bilingual
    period: Bilingual
    source: str  # source name
    other: Figure | None = None  # the counterpart in the paired document
    score: float = 0.0
    indicator: Indicator | None = None  # set by the archive stage
    agreeing: tuple[str, ...] = ()  # other sources that report the same value for the same period
    disagreeing: tuple[Disagreement, ...] = ()  # other sources that report a different value


@dataclass(frozen=True)
class BiItem:
    """A list item in both languages."""

    n: int
    headline: Bilingual
    text: Bilingual


@dataclass(frozen=True)
class BiList:
    """A measure list in both languages."""

    intro: Bilingual
    items: tuple[BiItem, ...]
    source: str
    announced: int | None = None
    complete: bool = True
    tier: int = 1
    score: float = 0.0


@dataclass(frozen=True)
class Article:
    """One article: a pair of documents or a single one, made bilingual."""

    sources: tuple[str, ...]  # source names, English first
    title: Bilingual
    date: str | None
    lang: str  # "en+zh" for a pair, else the single document's language
    figures: tuple[BiFigure, ...] = ()
    lists: tuple[BiList, ...] = ()
    pair: Pair | None = None


# --- compose / render ------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceRef:
    """A source as cited at the foot of the brief."""

    name: str
    lang: str
    title: str | None
    date: str | None
    pair: str | None = None  # the other language version's source name


@dataclass(frozen=True)
class Brief:
    """What goes on the one page."""

    date: str  # ISO date of the brief
    title: Bilingual
    figures: tuple[BiFigure, ...]
    lists: tuple[BiList, ...]
    sources: tuple[SourceRef, ...]
    note_html: str | None = None
    omitted_figures: int = 0
    omitted_items: int = 0
    omitted_lists: int = 0
    scale: float = 1.0  # font scale the page was fitted at
    covered: tuple[SourceRef, ...] = ()  # every source the brief covers (its window), cited or not
    window: str | None = None  # what the brief covers, in words ("first seen since the brief of …")


@dataclass(frozen=True)
class Rendered:
    """The brief rendered: HTML always, PDF when asked for."""

    brief: Brief  # the brief as fitted to one page
    html: str
    pdf: bytes | None
    pages: int
    text: str | None = None  # the plain-text version (the e-mail's text part)


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line and the exit code."""

    date: str
    sources_read: int
    skipped: tuple[str, ...]
    figures: int
    lists: int
    omitted_figures: int
    omitted_items: int
    outputs: tuple[Path, ...]
    warnings: tuple[str, ...] = field(default=())
    extracted: int = 0  # sources extracted by this build; the rest came from the archive
    archived: int = 0  # sources the archive holds after the build
