"""The orchestrator: read → clean → extract → bilingual → compose → render → deliver, and the cron run around it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import bilingual, clean, compose, deliver, render
from briefing import extract as extractors
from briefing import read as reader
from briefing.config import Settings
from briefing.deliver import send as sending
from briefing.deliver import state
from briefing.errors import SkippedUnchanged, SourceError, SourceSkipped
from briefing.models import Article, BuildResult, Document, Pair, Source
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
    cleaned = clean.clean_source(source)
    found = extractors.extract_figures(cleaned.text, cleaned.lang)
    lists = extractors.extract_lists(cleaned.text, cleaned.lang)
    return Document(clean=cleaned, figures=found, lists=lists)


def make_articles(extraction: Extraction, settings: Settings) -> tuple[Article, ...]:
    """Make the documents bilingual and remember newly aligned segments."""
    from briefing.bilingual.glossary import load_glossary
    from briefing.bilingual.memory import TranslationMemory
    from briefing.bilingual.translate import get_translator

    glossary = load_glossary(settings.glossary)
    memory = TranslationMemory.load(settings.translation_memory) if settings.translation_memory else None
    before = len(memory) if memory is not None else 0
    # make_articles first stores this build's aligned segments, so its own unpaired documents use them
    articles = bilingual.make_articles(extraction.documents, extraction.pairs, glossary, memory,
                                  settings.memory_threshold, get_translator(settings.translator))
    if memory is not None and settings.translation_memory is not None and len(memory) > before:
        memory.save(settings.translation_memory)
    return articles


def build(settings: Settings, date: str | None = None, formats: Collection[str] = FORMATS,
          progress: Progress | None = None) -> BuildResult:
    """Build the brief from the configured sources and write it to the output folder."""
    date = date or dt.date.today().isoformat()
    ordered = tuple(f for f in FORMATS if f in formats)
    with build_lock(settings.output_dir):
        paths = reader.discover_sources(settings.sources_dir)
        if not paths:
            raise SourceError(f"{settings.sources_dir}: no sources (.txt, .md, .html) found")
        extraction = extract(paths, settings, progress)
        if not extraction.documents:
            raise SourceError(f"{settings.sources_dir}: none of {len(paths)} sources could be read")
        brief = compose.compose(make_articles(extraction, settings), settings, date)
        rendered = render.render(brief, settings, ordered)
        outputs = deliver.publish(rendered, settings.output_dir, date, ordered)
    return BuildResult(
        date=date,
        sources_read=len(extraction.documents),
        skipped=extraction.skipped,
        figures=sum(len(d.figures) for d in extraction.documents),
        lists=sum(len(d.lists) for d in extraction.documents),
        omitted_figures=rendered.brief.omitted_figures,
        omitted_items=rendered.brief.omitted_items,
        outputs=outputs,
        warnings=tuple(w for p in extraction.pairs for w in p.discrepancies),
    )


def run(settings: Settings, date: str | None, formats: Collection[str], *,
        progress: Progress | None = None, if_changed: bool = False,
        send: sending.SendOptions | None = None) -> sending.RunResult:
    """Build under the lock, skip when nothing changed, record the state, then mail if asked."""
    email = sending.mail_settings(settings, formats, send)
    with build_lock(settings.output_dir):
        current = state.fingerprint(settings, formats)
        if if_changed and state.is_unchanged(settings.output_dir, current):
            raise SkippedUnchanged(f"{settings.output_dir}: sources, config and templates are "
                                   "unchanged since the last successful build; nothing to do")
        result = build(settings, date, formats, progress)
        state.record_build(settings.output_dir, current, result.date, result.outputs)
        if send is None or email is None:
            return sending.RunResult(result)
        pdf = settings.output_dir / f"brief-{result.date}.pdf"
        return sending.RunResult(result, sending.send_locked(settings, email, pdf, send))
