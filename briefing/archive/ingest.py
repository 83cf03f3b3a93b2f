"""Ingest: record every source file once by content hash and extract only what the archive lacks.

New and changed files (and those extracted by an older extractor version) are extracted in
parallel by a process pool; the parent writes the results in transactions. A worker that fails
on one source (an exception, or a crash that breaks the pool) costs a skip warning for that
source only: the others are retried in a fresh pool.
"""
from __future__ import annotations

import multiprocessing
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from briefing import clean
from briefing import extract as extractors
from briefing.archive import codec
from briefing.archive.keys import Keys
from briefing.archive.signature import signature
from briefing.archive.store import Archive, Extracted, FigureRow, FileRecord, path_text
from briefing.archive.version import derived_version, extractor_version
from briefing.bilingual.glossary import load_glossary
from briefing.errors import SourceError, SourceSkipped
from briefing.models import Document, Figure, Source
from briefing.primitives import content_hash
from briefing.read import read_source
from briefing.read.decode import display_name
from briefing.read.files import inside, read_bytes, read_raw

Progress = Callable[[int, int], None]  # (done, total)
BATCH = 64  # extractions per transaction: few commits, little lost to a kill
IN_FLIGHT = 4  # tasks queued per worker: enough to keep it busy, few results held at once
PARENT_POLL = 0.2  # seconds between a worker's checks that its build is still alive


@dataclass(frozen=True)
class Task:
    """One source to extract, as a worker receives it."""

    source: int
    path: Path
    digest: str
    max_bytes: int
    glossary: Path | None


@dataclass(frozen=True)
class Ingested:
    """What ingesting the sources folder did."""

    run: int
    present: tuple[int, ...]  # the sources the folder holds now
    extracted: int
    failed: tuple[str, ...]  # warnings: sources a worker failed on (retried next build)
    unread: tuple[str, ...]  # skip warnings for files never read (too large, not a file, a link out …)


def default_jobs() -> int:
    """Return how many worker processes to use: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ingest_sources(archive: Archive, paths: Sequence[Path], max_bytes: int, glossary: Path | None,
           jobs: int | None = None, progress: Progress | None = None) -> Ingested:
    """Record the files of the sources folder and extract the sources the archive lacks."""
    version = extractor_version()
    run = archive.begin_run(version)
    refresh_derived(archive, glossary)
    present, tasks, unread = record_files(archive, paths, run, max_bytes, glossary)
    stale = archive.unextracted((t.source for t in tasks), version)
    todo = [t for t in tasks if t.source in stale]
    failed, errors = store_all(archive, extract_all(todo, jobs or default_jobs(), progress), version,
                               derived_version(glossary))
    if errors:
        raise SourceError(errors[0])
    return Ingested(run=run, present=present, extracted=len(todo) - len(failed), failed=failed,
                    unread=unread)


def record_files(archive: Archive, paths: Sequence[Path], run: int, max_bytes: int,
                 glossary: Path | None) -> tuple[tuple[int, ...], list[Task], tuple[str, ...]]:
    """Record each file's source (a new one for new content) in one transaction; skip unusable files."""
    known = archive.files()
    present: dict[int, Task] = {}
    unread: list[str] = []
    with archive.transaction():
        for path in paths:
            try:
                info = _regular_stat(path, max_bytes)
                record = known.get(path_text(path))
                source, digest = _source_of(archive, path, record, info, run, max_bytes)
            except SourceSkipped as exc:  # never read, so never recorded: said again every build
                unread.append(str(exc))
                continue
            if record != FileRecord(source, info.st_size, info.st_mtime_ns):
                archive.set_file(path, source, info.st_size, info.st_mtime_ns)
            if source in present:  # the same bytes as another file: read once, but an unusable copy is named too
                unread += _unusable(path, max_bytes)
            present.setdefault(source, Task(source, path, digest, max_bytes, glossary))
    return tuple(present), list(present.values()), tuple(unread)


def _unusable(path: Path, max_bytes: int) -> list[str]:
    """Return the skip warning of a file the read stage would skip (an empty one), or none."""
    try:
        read_bytes(path, max_bytes)
    except SourceSkipped as exc:
        return [str(exc)]
    return []


def _regular_stat(path: Path, max_bytes: int) -> os.stat_result:
    """Stat a source that is a regular file inside its folder within the size limit; else skip it,
    saying why as the read stage does (it reads the file only to find the reason)."""
    inside(path, path.parent)
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        read_raw(path, max_bytes)  # raises SourceSkipped with the reason (non-blocking, no links out)
        raise SourceSkipped(f"{display_name(path)}: skipped, not a regular file")
    return info


def _source_of(archive: Archive, path: Path, record: FileRecord | None, info: os.stat_result,
               run: int, max_bytes: int) -> tuple[int, str]:
    """Return the source a file holds: the recorded one when size and mtime are unchanged."""
    if record is not None and (record.size, record.mtime_ns) == (info.st_size, info.st_mtime_ns):
        return record.source, ""
    digest = content_hash(read_raw(path, max_bytes))
    found = archive.source_by_hash(digest)
    if found is not None:
        return found, digest
    previous = record.source if record is not None else None  # a changed file: a new version
    return archive.add_source(digest, path, info.st_size, run, previous), digest


def store_all(archive: Archive, results: Iterable[Extracted], extractor: str,
              derived: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Write results in batches of one transaction each; return (failure warnings, read errors)."""
    batch: list[Extracted] = []
    failed: list[str] = []
    errors: list[str] = []
    for result in results:
        failed += [result.failed] if result.failed else []
        errors += [result.error] if result.error else []
        batch.append(result)
        if len(batch) >= BATCH:
            archive.save_extractions(batch, extractor, derived)
            batch = []
    if batch:
        archive.save_extractions(batch, extractor, derived)
    return tuple(failed), tuple(errors)


# --- extraction, in a worker or in this process ----------------------------------------------
def document_of(source: Source) -> Document:
    """Clean one source and extract its figures and lists."""
    cleaned = clean.clean_source(source)
    found = extractors.extract_figures(cleaned.text, cleaned.lang)
    lists = extractors.extract_lists(cleaned.text, cleaned.lang)
    return Document(clean=cleaned, figures=found, lists=lists)


def extract_task(task: Task) -> Extracted:
    """Read, clean and extract one source; every failure becomes part of the result."""
    try:
        doc = document_of(read_source(task.path, task.max_bytes))
        if task.digest and content_hash(read_raw(task.path, task.max_bytes)) != task.digest:
            return Extracted(task.source, failed=f"{task.path.name}: skipped, it changed while it was read")
        return derive(task.source, doc, keys_for(task.glossary), codec.dumps(doc))
    except SourceSkipped as exc:
        return Extracted(task.source, skipped=str(exc))
    except SourceError as exc:
        return Extracted(task.source, error=str(exc))
    except Exception as exc:  # a bug on one source must not cost the others
        return Extracted(task.source, failed=f"{task.path.name}: skipped, extraction failed: "
                                             f"{type(exc).__name__}: {exc}")


def derive(source: int, doc: Document, keys: Keys, document: str | None = None) -> Extracted:
    """Return a Document's figure rows and signature, ready to store."""
    rows = tuple(figure_row(i, f, keys, doc.clean.date) for i, f in enumerate(doc.figures))
    return Extracted(source, document=document, published=doc.clean.date, lang=doc.lang,
                     title=doc.clean.title, figures=rows, signature=codec.dumps(signature(doc)))


def figure_row(idx: int, figure: Figure, keys: Keys, date: str | None) -> FigureRow:
    """Return one figure's row: as extracted, with its indicator and period keys."""
    return FigureRow(idx=idx, value=figure.value, value_max=figure.value_max, unit=figure.unit,
                     basis=figure.basis, period=figure.period, label=figure.label, lang=figure.lang,
                     text=figure.text, indicator=keys.indicator(figure.label, figure.lang, figure.unit, figure.basis),
                     period_key=keys.period(figure.period, figure.lang, date),
                     label_en=keys.english(figure.label, figure.lang), label_zh=keys.chinese(figure.label, figure.lang))


@lru_cache(maxsize=4)
def keys_for(glossary: Path | None) -> Keys:
    """Return the keys of a glossary, loaded once per process."""
    return Keys(load_glossary(glossary))


def extract_all(tasks: Sequence[Task], jobs: int, progress: Progress | None = None) -> Iterator[Extracted]:
    """Yield each task's result: in a process pool when there is more than one to do."""
    results = (map(extract_task, tasks) if jobs <= 1 or len(tasks) <= 1 else in_pool(list(tasks), jobs))
    for done, result in enumerate(results, start=1):
        if progress:
            progress(done, len(tasks))
        yield result


def in_pool(tasks: list[Task], jobs: int) -> Iterator[Extracted]:
    """Run tasks in worker processes; when a worker dies, rerun the unfinished ones in halves."""
    warm_up(tasks[0].glossary)
    groups = [tasks]
    while groups:
        group = groups.pop()
        broken = yield from _run_group(group, jobs)
        if len(broken) == 1:
            yield Extracted(broken[0].source, failed=f"{broken[0].path.name}: skipped, the extraction "
                                                     "process died on it")
        elif broken:
            middle = len(broken) // 2
            groups += [broken[middle:], broken[:middle]]


def _run_group(group: list[Task], jobs: int) -> Iterator[Extracted]:
    """Yield the results of one pool's tasks; return the tasks a broken pool left unfinished.

    Only a few tasks are in flight at a time: a finished one's result is let go once yielded, so
    memory does not grow with the number of sources.
    """
    broken: list[Task] = []
    queue = iter(group)
    with ProcessPoolExecutor(max_workers=min(jobs, len(group)), mp_context=_context(),
                             initializer=watch_parent, initargs=(os.getpid(),)) as pool:
        running: dict[Future[Extracted], Task] = {}
        _submit(pool, islice(queue, jobs * IN_FLIGHT), running, broken)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                task = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken.append(task)
            if not broken:  # a broken pool takes no more work: the rest go to a fresh one
                _submit(pool, islice(queue, len(done)), running, broken)
        broken += list(queue)
    return sorted(broken, key=lambda t: t.source)


def _submit(pool: ProcessPoolExecutor, tasks: Iterable[Task], running: dict[Future[Extracted], Task],
            broken: list[Task]) -> None:
    """Queue tasks on the pool; those a pool that just broke refuses count as unfinished."""
    for task in tasks:
        try:
            running[pool.submit(extract_task, task)] = task
        except BrokenProcessPool:
            broken.append(task)


WARM_UP = (("en", "Retail sales rose 5.5% year-on-year in January-February.\n\nThe ministry will "
                  "focus on three aspects. First, expand demand. Second, stabilise trade. Third, support firms.\n"),
           ("zh", "1—2月份，社会消费品零售总额同比增长5.5%。\n\n下一步将重点做好三方面工作：一是扩大需求；"
                  "二是稳定外贸；三是支持企业。\n"))


def warm_up(glossary: Path | None) -> None:
    """Extract two tiny texts here, so forked workers inherit loaded data instead of each loading it."""
    for lang, text in WARM_UP:
        source = Source(path=Path(f"warm-up.{lang}.txt"), name=f"warm-up.{lang}.txt", text=text,
                        encoding="utf-8", format="txt", size=len(text.encode()))
        derive(0, document_of(source), keys_for(glossary))


def watch_parent(parent: int) -> None:
    """Make a worker exit when the build that started it is killed.

    A forked worker holds copies of the parent's files (the run lock, its output pipes): left
    running after a SIGKILL, it would keep the lock taken and cron's pipes open for ever.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it: workers start at once with the parent's modules loaded."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


# --- derived rows after a glossary or pairing change -------------------------------------------
def refresh_derived(archive: Archive, glossary: Path | None) -> int:
    """Recompute figure keys and signatures from the stored Documents when their code changed."""
    version = derived_version(glossary)
    stored = archive.derived_version()
    if stored == version:
        return 0
    sources = archive.extracted_sources()
    keys = keys_for(glossary)
    for start in range(0, len(sources), BATCH * 4):
        chunk = sources[start:start + BATCH * 4]
        docs = archive.documents(chunk)
        archive.save_derived([derive(s, docs[s], keys) for s in chunk if s in docs], version)
    if not sources:
        archive.save_derived([], version)
    return len(sources)
