"""Thin click CLI: parse options, call the library, map domain errors to exit codes."""
from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from briefing import __version__, pipeline, report
from briefing.config import Settings, load_settings
from briefing.deliver import send as sending
from briefing.errors import BriefingError, ConfigError, ExitCode, SkippedUnchanged

F = TypeVar("F", bound=Callable[..., Any])
PROGRESS_MIN_SOURCES = 8  # below this a progress bar is noise
log = logging.getLogger("briefing")
# what a file name must not bring to a terminal: controls (a newline forges a line, ESC recolours it),
# line separators, bidirectional overrides, and the lone surrogates undecodable names become
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """Escape what could forge or hide a line on a terminal, so every message stays one visible line."""
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                           else f"\\u{ord(m.group()):04x}", text)


def say(message: str, err: bool = False) -> None:
    """Print one message line, escaped."""
    click.echo(printable(message), err=err)


class EscapingFormatter(logging.Formatter):
    """Format log records as one escaped line each (tracebacks under -v stay as they are)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return printable(super().formatMessage(record))


def verbosity(func: F) -> F:
    """Add -q/--quiet and -v/--verbose to a command."""
    func = click.option("-v", "--verbose", is_flag=True, help="Say more, with tracebacks on errors.")(func)
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print nothing when all is well; warnings and errors still go to stderr.")(func)


def config_option(func: F) -> F:
    """Add --config PATH to a command."""
    return click.option("--config", "config_path", type=click.Path(dir_okay=False),
                        help="Config file (default: $BRIEFING_CONFIG, then ./briefing.yaml).")(func)


@contextmanager
def domain_errors(verbose: bool = False) -> Iterator[None]:
    """Turn a domain error into a one-line message on stderr and its exit code."""
    try:
        yield
    except BriefingError as exc:
        say(f"briefing: error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # an unexpected failure still gets one line and exit 1
        if verbose:
            log.exception("unexpected error")
        say(f"briefing: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(int(ExitCode.FAILURE))


def send_options(func: F) -> F:
    """Add --dry-run and --force to a command that mails the brief."""
    func = click.option("--force", is_flag=True,
                        help="Send even if this brief was already sent to these recipients.")(func)
    return click.option("--dry-run", is_flag=True,
                        help="Write the message to output/brief-DATE.eml instead of sending it.")(func)


@contextmanager
def skip_notice(quiet: bool) -> Iterator[None]:
    """Exit 5 on --if-changed skips, saying so on stderr only without --quiet (cron mails output)."""
    try:
        yield
    except SkippedUnchanged as exc:
        if not quiet:
            say(f"briefing: skipped: {exc}", err=True)
        sys.exit(int(exc.exit_code))


def window_options(func: F) -> F:
    """Add --jobs, --since and --days to the build command."""
    func = click.option("--days", type=click.IntRange(min=1),
                        help="Cover the sources dated in the N days ending on the brief date.")(func)
    func = click.option("--since", help="Cover the sources dated from YYYY-MM-DD (publication date, "
                                        "else the day first seen) instead of those new since the last brief.")(func)
    return click.option("--jobs", type=click.IntRange(min=1), default=None,
                        help="Extract new sources in N processes (default: all cores).")(func)


def parse_window(since: str | None, days: int | None, date: str | None) -> Any:
    """Turn --since/--days into the window the build covers (None: new since the last brief)."""
    from briefing.archive import WindowSpec

    if since is not None and days is not None:
        raise ConfigError("--since and --days: give one or the other")
    if days is not None:
        return WindowSpec.days(days, date or dt.date.today().isoformat())
    if since is not None:
        try:
            return WindowSpec(since=dt.date.fromisoformat(since).isoformat())
        except ValueError as exc:
            raise ConfigError(f"--since: expected YYYY-MM-DD, got {since!r}") from exc
    return None


@contextmanager
def nothing_new_notice(quiet: bool) -> Iterator[None]:
    """Exit 9 when no source is new: one line on stderr (none with --quiet), no brief, no mail."""
    from briefing.archive import NothingNew

    try:
        yield
    except NothingNew as exc:
        if not quiet:
            click.echo(f"briefing: {exc}", err=True)
        sys.exit(int(exc.exit_code))


def setup_logging(quiet: bool, verbose: bool) -> None:
    """Send warnings (or more, with -v) to stderr; --quiet silences success, never one of our warnings."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(EscapingFormatter("briefing: %(levelname)s: %(message)s"))
    if quiet:  # other libraries' deprecation chatter is not a problem cron should mail about
        handler.addFilter(lambda r: r.name.partition(".")[0] == "briefing" or r.levelno >= logging.ERROR)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler], force=True)
    logging.getLogger("weasyprint").setLevel(logging.ERROR if not verbose else logging.INFO)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def parse_date(value: str | None) -> str | None:
    """Check --date is YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(f"--date: expected YYYY-MM-DD, got {value!r}") from exc


def parse_formats(value: str) -> tuple[str, ...]:
    """Check --format is a comma list of pdf and html."""
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in pipeline.FORMATS]
    if unknown or not chosen:
        raise ConfigError(f"--format: expected a comma list of pdf, html; got {value!r}")
    return chosen


def progress_reporter(total_hint: int, quiet: bool) -> pipeline.Progress | None:
    """Return a stderr progress callback when stderr is a terminal and there are many sources."""
    if quiet or total_hint < PROGRESS_MIN_SOURCES or not sys.stderr.isatty():
        return None
    bar = click.progressbar(length=total_hint, label="reading sources", file=sys.stderr)

    def step(done: int, total: int) -> None:
        bar.update(1)
        if done == total:
            bar.render_finish()

    return step


@click.group()
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Build a one-page bilingual brief of China's economic-policy press texts."""


@main.command()
@config_option
@click.option("--date", "date", help="Brief date, YYYY-MM-DD (default: today).")
@click.option("--format", "formats", default="pdf,html", show_default=True,
              help="Comma list of outputs: pdf, html.")
@click.option("--strict", is_flag=True, help="Fail on any skipped source instead of warning.")
@click.option("--send", is_flag=True, help="Mail the brief after building (the config's email: block).")
@send_options
@click.option("--if-changed", is_flag=True,
              help="Skip (exit 5) when sources, config and templates are unchanged since the last build.")
@window_options
@verbosity
def build(config_path: str | None, date: str | None, formats: str, strict: bool, dry_run: bool,
          force: bool, send: bool, if_changed: bool, jobs: int | None, since: str | None, days: int | None,
          quiet: bool, verbose: bool) -> None:
    """Build the brief of the sources new since the last brief into the output folder."""
    setup_logging(quiet, verbose)
    with domain_errors(verbose), skip_notice(quiet), nothing_new_notice(quiet):
        settings = load_settings(config_path).with_overrides(strict=strict or None)
        mailing = sending.SendOptions(dry_run=dry_run, force=force) if send or dry_run else None
        window = parse_window(since, days, parse_date(date))
        run = _run_build(settings, parse_date(date), parse_formats(formats), quiet, if_changed, mailing,
                         jobs=jobs, window=window)
        for warning in run.build.skipped + run.build.warnings:
            log.warning("%s", warning)
        if not quiet:
            say(report.summary_line(run.build))
            if run.sent is not None:
                say(sending.describe(run.sent))


def _run_build(settings: Settings, date: str | None, formats: tuple[str, ...], quiet: bool,
               if_changed: bool = False, send: sending.SendOptions | None = None, **archive: Any) -> Any:
    """Run the pipeline (under the lock, then mail) with a progress bar when it helps."""
    from briefing.read import discover_sources

    total = len(discover_sources(settings.sources_dir)) if settings.sources_dir.is_dir() else 0
    return pipeline.run(settings, date, formats, progress=progress_reporter(total, quiet),
                                 if_changed=if_changed, send=send, **archive)


@main.command()
@click.argument("pdf", required=False, type=click.Path(dir_okay=False))
@config_option
@send_options
@verbosity
def send(pdf: str | None, config_path: str | None, dry_run: bool, force: bool,
         quiet: bool, verbose: bool) -> None:
    """Mail a built brief PDF (default: the newest output/brief-DATE.pdf) unless already sent."""
    setup_logging(quiet, verbose)
    with domain_errors(verbose):
        settings = load_settings(config_path)
        options = sending.SendOptions(dry_run=dry_run, force=force)
        outcome = sending.send_brief(settings, Path(pdf) if pdf else None, options)
        if not quiet:
            say(sending.describe(outcome))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@config_option
@click.option("--strict", is_flag=True, help="Fail on any skipped source instead of warning.")
@verbosity
def extract(files: tuple[str, ...], fmt: str, config_path: str | None, strict: bool,
            quiet: bool, verbose: bool) -> None:
    """Print the figures and measure lists extracted from FILES."""
    setup_logging(quiet, verbose)
    with domain_errors(verbose):
        settings = load_settings(config_path).with_overrides(strict=strict or None)
        result = pipeline.extract([Path(f) for f in files], settings)
        for warning in result.skipped:
            log.warning("%s", warning)
        render = report.extraction_json if fmt == "json" else report.extraction_text
        click.echo(render(result.documents, result.pairs))


@main.command(name="clean")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--explain", is_flag=True, help="Show each cleaning step and what it removed.")
@config_option
@verbosity
def clean_command(file: str, explain: bool, config_path: str | None, quiet: bool, verbose: bool) -> None:
    """Print the cleaned text of FILE."""
    from briefing import clean

    setup_logging(quiet, verbose)
    with domain_errors(verbose):
        settings = load_settings(config_path)
        cleaned = clean.clean_source(pipeline.read(Path(file), settings))
        click.echo(clean.explain(cleaned) if explain else cleaned.text)


@main.group()
def tm() -> None:
    """Inspect and exchange the translation memory (TMX 1.4)."""


@tm.command(name="list")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Segments to show (0: all).")
@config_option
def tm_list(limit: int, config_path: str | None) -> None:
    """Print remembered segments: English, Chinese, origin (tab-separated)."""
    from briefing.bilingual.memory import TranslationMemory, configured_path

    with domain_errors():
        path = configured_path(load_settings(config_path).translation_memory)
        memory = TranslationMemory.load(path)
        for entry in list(memory)[:limit or None]:
            click.echo(f"{entry.en}\t{entry.zh}\t{entry.origin}")
        say(f"{len(memory)} segments in {path}", err=True)


@tm.command(name="export")
@click.argument("path", type=click.Path(dir_okay=False))
@config_option
def tm_export(path: str, config_path: str | None) -> None:
    """Write the translation memory to PATH as TMX."""
    from briefing.bilingual.memory import TranslationMemory, configured_path

    with domain_errors():
        memory = TranslationMemory.load(configured_path(load_settings(config_path).translation_memory))
        memory.export(Path(path))
        say(f"exported {len(memory)} segments to {path}")


@tm.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@config_option
def tm_import(path: str, config_path: str | None) -> None:
    """Merge the segments of the TMX file PATH into the translation memory."""
    from briefing.bilingual.memory import TranslationMemory, configured_path

    with domain_errors():
        target = configured_path(load_settings(config_path).translation_memory)
        memory = TranslationMemory.load(target)
        added = memory.import_file(Path(path))
        memory.save(target)
        say(f"imported {added} new segments from {path} ({len(memory)} in {target})")


@main.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@config_option
def history(query: str, fmt: str, config_path: str | None) -> None:
    """Print an indicator's values over time: every archived figure whose label contains QUERY."""
    from briefing.archive import views

    with domain_errors():
        with views.existing_archive(load_settings(config_path).archive) as store:
            rows = views.history_rows(store, query)
        click.echo(views.render_history(rows, fmt), nl=False)
        if not rows:
            click.echo(f"no archived figure has a label containing {query!r}", err=True)


@main.group(name="archive")
def archive_group() -> None:
    """Inspect the archive of every source read."""


@archive_group.command(name="list")
@click.option("--since", help="Only sources dated from YYYY-MM-DD (publication date, else first seen).")
@config_option
def archive_list(since: str | None, config_path: str | None) -> None:
    """Print the archived sources: first seen, date, language, pair, figures, name."""
    from briefing.archive import views

    with domain_errors():
        start = parse_window(since, None, None)
        with views.existing_archive(load_settings(config_path).archive) as store:
            rows = store.list_sources(start.since if start else None)
            click.echo(views.render_sources(rows), nl=False)
            click.echo(f"{len(rows)} of {store.count_sources()} sources in {store.label}", err=True)
