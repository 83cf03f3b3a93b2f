"""The orchestrator: read → clean → extract → bilingual → archive → compose → render → deliver, and the cron run
around it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing import archive, bilingual, compose, deliver, render
from briefing import read as reader
from briefing.archive import Archive, Selection, Window, WindowSpec
from briefing.bilingual.pair import memory_segments
from briefing.config import Settings
from briefing.deliver import send as sending
from briefing.deliver import state
from briefing.errors import SkippedUnchanged, SourceError, SourceSkipped
from briefing.models import Article, Brief, BuildResult, Document, Pair, Source
from briefing.primitives import build_lock

Progress = Callable[[int, int], None]  # (done, total)
FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Extraction:
    """The documents extracted from a set of sources, their pairs, and what was skipped."""

    documents: tuple[Document, ...]
    pairs: tuple[Pair, ...]
    skipped: tuple[str, ...]


def extract(paths: Sequence[Path], settings: Settings, progress: Progress | None = None) -> Extraction:
    """Read, clean and extract every source, then pair the documents."""
    documents: list[Document] = []
    skipped: list[str] = []
    for done, path in enumerate(paths, start=1):
        try:
            documents.append(extract_document(read(path, settings)))
        except SourceSkipped as exc:
            if settings.strict:
                raise
            skipped.append(str(exc))
        if progress:
            progress(done, len(paths))
    pairs = bilingual.find_pairs(documents, settings.pair_threshold)
    if pairs:  # every figure of a pair gets its other-language label, and where it came from
        pairs = bilingual.label_pairs(documents, pairs, bilingual.label_sources(settings))
    return Extraction(tuple(documents), pairs, tuple(skipped))


def read(path: Path, settings: Settings) -> Source:
    """Read one source within the configured size limit."""
    return reader.read_source(path, int(settings.max_source_mb * 1024 * 1024))


def extract_document(source: Source) -> Document:
    """Clean one source and extract its figures and lists."""
    return archive.document_of(source)


@dataclass(frozen=True)
class Translation:
    """What makes texts bilingual: the glossary, the translation memory, an optional engine."""

    glossary: Any
    memory: Any
    translator: Any
    known: int  # segments the memory held when loaded

    @classmethod
    def load(cls, settings: Settings) -> Translation:
        """Load the glossary, the memory and the engine the settings name."""
        from briefing.bilingual.glossary import load_glossary
        from briefing.bilingual.memory import TranslationMemory
        from briefing.bilingual.translate import get_translator

        memory = TranslationMemory.load(settings.translation_memory) if settings.translation_memory else None
        return cls(load_glossary(settings.glossary), memory, get_translator(settings.translator),
                   len(memory) if memory is not None else 0)

    def articles(self, documents: Sequence[Document], pairs: Sequence[Pair], settings: Settings) -> tuple[Article, ...]:
        """Make documents bilingual (make_articles first stores the pairs' aligned segments)."""
        return bilingual.make_articles(documents, pairs, self.glossary, self.memory, settings.memory_threshold,
                                       self.translator)

    def save(self, settings: Settings) -> None:
        """Write the memory back when it learnt new segments."""
        if self.memory is not None and settings.translation_memory is not None and len(self.memory) > self.known:
            self.memory.save(settings.translation_memory)


def make_articles(extraction: Extraction, settings: Settings) -> tuple[Article, ...]:
    """Make the documents bilingual and remember newly aligned segments."""
    tools = Translation.load(settings)
    articles = tools.articles(extraction.documents, extraction.pairs, settings)
    tools.save(settings)
    return articles


CHUNK = 256  # documents decoded at once: a first build of thousands never holds them all


@dataclass(frozen=True)
class Drawn:
    """The articles of a selection, and how many figures and lists its documents hold."""

    articles: tuple[Article, ...]
    figures: int
    lists: int


def selection_articles(selection: Selection, settings: Settings) -> Drawn:
    """Make the selection's documents bilingual chunk by chunk, as one make_articles call would."""
    tools = Translation.load(settings)
    if tools.memory is not None:  # every pair's segments first: they serve every unpaired document
        for documents, pairs in selection.chunks(CHUNK):
            for en, zh in memory_segments(documents, pairs):
                tools.memory.add(en, zh, origin="pair")
    articles: list[Article] = []
    figures = lists = 0
    for documents, pairs in selection.chunks(CHUNK):
        articles += tools.articles(documents, pairs, settings)
        figures += sum(len(d.figures) for d in documents)
        lists += sum(len(d.lists) for d in documents)
    tools.save(settings)
    return Drawn(tuple(articles), figures, lists)


def build(settings: Settings, date: str | None = None, formats: Collection[str] = FORMATS,
          progress: Progress | None = None, *, jobs: int | None = None,
          window: WindowSpec | None = None) -> BuildResult:
    """Build the brief of the sources new since the last brief and write it to the output folder."""
    date = date or dt.date.today().isoformat()
    ordered = tuple(f for f in FORMATS if f in formats)
    with build_lock(settings.output_dir):
        paths = reader.discover_sources(settings.sources_dir)
        if not paths:
            raise SourceError(f"{settings.sources_dir}: no sources (.txt, .md, .html) found")
        with archive.open_archive(settings.archive) as store:
            return _build_archived(store, paths, settings, date, ordered, progress, jobs, window)


def _build_archived(store: Archive, paths: Sequence[Path], settings: Settings, date: str,
                    formats: tuple[str, ...], progress: Progress | None, jobs: int | None,
                    spec: WindowSpec | None) -> BuildResult:
    """Ingest, select the window, compose, render and publish; then remember the brief."""
    ingested = archive.ingest_sources(store, paths, int(settings.max_source_mb * 1024 * 1024),
                                      settings.glossary, jobs, progress)
    chosen, selection, skipped = _select(store, ingested, settings, date, spec, len(paths))
    drawn = selection_articles(selection, settings)
    brief = _brief(store, chosen, selection, drawn.articles, settings)
    drawn = replace(drawn, articles=())  # let the articles go before the renderer needs its memory
    rendered = render.render(brief, settings, formats)
    outputs = deliver.publish(rendered, settings.output_dir, date, formats)
    _remember(store, chosen, selection)
    return BuildResult(
        date=date, sources_read=len(selection.ids), skipped=skipped, figures=drawn.figures, lists=drawn.lists,
        omitted_figures=rendered.brief.omitted_figures, omitted_items=rendered.brief.omitted_items,
        outputs=outputs, warnings=tuple(w for p in selection.pairs for w in p.discrepancies),
        extracted=ingested.extracted, archived=store.count_sources())


def _select(store: Archive, ingested: archive.Ingested, settings: Settings, date: str,
            spec: WindowSpec | None, found: int) -> tuple[Window, Selection, tuple[str, ...]]:
    """Choose the brief's window and its documents; say so when there is nothing to brief."""
    chosen = archive.select(store, date, ingested.run, spec)
    if not chosen.sources and (chosen.previous is not None or chosen.since is not None):
        raise archive.NothingNew(f"{settings.sources_dir}: nothing new for the brief of {date}: no "
                                 f"{chosen.describe()}; no brief written")
    selection = archive.gather(store, chosen, settings.pair_threshold)
    skipped = tuple(sorted(ingested.unread + ingested.failed + selection.skipped))  # in file-name order
    if settings.strict and skipped:
        raise SourceSkipped(skipped[0])
    if not selection.ids:
        raise SourceError(f"{settings.sources_dir}: none of the {len(chosen.sources) or found} sources "
                          "could be read")
    return chosen, selection, skipped


def _brief(store: Archive, chosen: Window, selection: Selection, articles: tuple[Article, ...],
           settings: Settings) -> Brief:
    """Compose the brief of the articles, with each figure's history from the archive."""
    keys = archive.keys_for(settings.glossary)
    keyed = archive.key_articles(articles, keys)
    brief = compose.compose(keyed, settings, chosen.date)
    brief = archive.add_history(brief, store, chosen, keys, selection.article_sources(),
                                selection.when(keyed))
    return replace(brief, window=chosen.describe())


def _remember(store: Archive, chosen: Window, selection: Selection) -> None:
    """Record the brief's pairs and the brief itself, so that the next window starts after it."""
    confidence = [p.confidence for p in selection.pairs]
    store.save_pairs(chosen.ids, [(en, zh, c) for (en, zh), c in zip(selection.pair_ids, confidence)],
                     chosen.run)
    store.record_brief(chosen.date, chosen.run, len(chosen.sources))


def run(settings: Settings, date: str | None, formats: Collection[str], *,
        progress: Progress | None = None, if_changed: bool = False,
        send: sending.SendOptions | None = None, jobs: int | None = None,
        window: WindowSpec | None = None) -> sending.RunResult:
    """Build under the lock, skip when nothing changed, record the state, then mail if asked."""
    email = sending.mail_settings(settings, formats, send)
    with build_lock(settings.output_dir):
        current = state.fingerprint(settings, formats)
        if if_changed and state.is_unchanged(settings.output_dir, current):
            raise SkippedUnchanged(f"{settings.output_dir}: sources, config and templates are "
                                   "unchanged since the last successful build; nothing to do")
        result = build(settings, date, formats, progress, jobs=jobs, window=window)
        state.record_build(settings.output_dir, current, result.date, result.outputs)
        if send is None or email is None:
            return sending.RunResult(result)
        pdf = settings.output_dir / f"brief-{result.date}.pdf"
        return sending.RunResult(result, sending.send_locked(settings, email, pdf, send))
