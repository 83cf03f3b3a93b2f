"""Render: Jinja (user templates first, shipped theme last) → HTML; WeasyPrint → a one-page PDF."""
from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

import briefing
from briefing import compose
from briefing.compose import present
from briefing.config import Settings
from briefing.errors import RenderError
from briefing.models import Brief, Rendered

HTML_TEMPLATE = "brief.html.j2"
TEXT_TEMPLATE = "brief.txt.j2"
log = logging.getLogger(__name__)


# --- templates -------------------------------------------------------------------------------
def default_templates_dir() -> Path:
    """Return the shipped theme: inside the installed package, else the repo's templates/."""
    packaged = Path(briefing.__file__).parent / "templates"
    if (packaged / HTML_TEMPLATE).is_file():
        return packaged
    return Path(briefing.__file__).parent.parent / "templates"


def template_dirs(settings: Settings | None) -> tuple[Path, ...]:
    """Return the template folders in lookup order: the user's override (if any), the theme."""
    default = default_templates_dir().resolve()
    user = settings.templates_dir if settings is not None else None
    if user is not None and user.is_dir() and user.resolve() != default:
        return (user.resolve(), default)
    return (default,)


class TemplateOutsideFolder(jinja2.TemplateError):
    """A template name that resolves (through a link) outside its template folder."""


class FolderLoader(jinja2.FileSystemLoader):
    """Load templates from one folder, refusing any whose real path lies outside it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        """Check where the file really is before reading it, then load it as FileSystemLoader does."""
        candidate = self.folder.joinpath(*split_template_path(template))
        if candidate.is_symlink() or candidate.exists():
            real = candidate.resolve()
            if not real.is_relative_to(self.folder):
                raise TemplateOutsideFolder(f"{template} in {self.folder} leads to {real}, outside the "
                                            "template folder; templates may only use files inside it")
        return super().get_source(environment, template)


def _sandboxed(dirs: tuple[Path, ...], **options: Any) -> jinja2.Environment:
    """Return a sandboxed environment over the folders (user templates are code we did not write)."""
    env = ImmutableSandboxedEnvironment(loader=jinja2.ChoiceLoader([FolderLoader(d) for d in dirs]),
                                        undefined=jinja2.StrictUndefined, trim_blocks=True,
                                        lstrip_blocks=True, **options)
    env.filters.update(present.filters())
    env.tests.update(present.tests())
    return env


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...], drop: frozenset[str] = frozenset()) -> jinja2.Environment:
    """Return the HTML environment: escape everything, fail on undefined names, leave out `drop`."""
    return _sandboxed(dirs, autoescape=True, finalize=_leaving_out(drop) if drop else None)


def _leaving_out(drop: frozenset[str]) -> Callable[[Any], Any]:
    """Return a Jinja finalize that removes the characters in `drop` from every value printed."""
    table = {ord(ch): None for ch in drop}

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return Markup(str(value).translate(table))
        return value.translate(table) if isinstance(value, str) else value

    return finalize


@lru_cache(maxsize=8)
def text_environment(dirs: tuple[Path, ...] | None = None) -> jinja2.Environment:
    """Return the plain-text environment: the e-mail's text part is not HTML, so no escaping."""
    return _sandboxed(dirs or (default_templates_dir(),), autoescape=False, keep_trailing_newline=True)


def context(brief: Brief, page_size: str = "A4", screen: bool = False) -> dict[str, Any]:
    """Return what the templates see."""
    numbers: dict[str, int | str] = {ref.name: n for n, ref in enumerate(brief.sources, start=1)}
    cited = {f.source for f in brief.figures} | {lst.source for lst in brief.lists}
    # a figure may come from a source the foot does not list (a trimmed or unpaired one)
    numbers.update({name: "–" for name in cited - numbers.keys()})
    return {"brief": brief, "scale": brief.scale, "page_size": page_size, "source_no": numbers,
            "tags": present.data()["untranslated"], "screen": screen}


def render_html(brief: Brief, settings: Settings, screen: bool = False, drop: frozenset[str] = frozenset()) -> str:
    """Render the brief to self-contained HTML (CSS inlined); `screen` for the browser version."""
    env = environment(template_dirs(settings), drop)
    return _render(env, HTML_TEMPLATE, context(brief, settings.page_size, screen))


def render_text(brief: Brief, settings: Settings | None = None) -> str:
    """Render the plain-text version of the brief (the e-mail's text part), user's brief.txt.j2 first."""
    env = text_environment(template_dirs(settings))
    return _render(env, TEXT_TEMPLATE, context(brief, settings.page_size if settings else "A4"))


def _render(env: jinja2.Environment, name: str, values: dict[str, Any]) -> str:
    """Render one template, turning any template failure (sandbox, loader, syntax) into a RenderError."""
    try:
        return env.get_template(name).render(values)
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {name}: {type(exc).__name__}: {exc}") from exc


# --- fonts -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def cjk_fonts() -> tuple[str, ...] | None:
    """Return the font families fontconfig says cover Chinese; None when fc-list is missing."""
    try:
        done = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                              timeout=30, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None  # cannot tell; the .notdef check during rendering still stops boxes
    return tuple(sorted({f.strip() for line in done.stdout.splitlines() for f in line.split(",")
                         if f.strip()}))


def require_cjk_font(fonts: Sequence[str] | None = None) -> None:
    """Raise RenderError unless a Chinese font is installed."""
    found = cjk_fonts() if fonts is None else tuple(fonts)
    if found is not None and not found:
        raise RenderError("no Chinese (CJK) font found by fontconfig (fc-list :lang=zh); "
                          "install one, e.g. Debian/Ubuntu: apt-get install fonts-noto-cjk")


# --- WeasyPrint ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _fatal_log() -> re.Pattern[str]:
    """Compile the patterns of WeasyPrint log messages that make a render fail."""
    return re.compile("|".join(present.data()["fatal_log_patterns"]))


class _Collector(logging.Handler):
    """Keep WeasyPrint's log records of one render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_log_checked() -> Iterator[None]:
    """Raise RenderError if WeasyPrint logs a missing glyph or resource inside the block."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    level, propagate = logger.level, logger.propagate
    replay_from = logger.getEffectiveLevel()
    logger.addHandler(collector)
    logger.setLevel(min(replay_from, logging.WARNING))  # the CLI may have raised it to ERROR
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
        logger.propagate = propagate
    _check_records(logger, collector.records, replay_from)


class MissingGlyphs(RenderError):
    """The page uses characters that no installed font has (WeasyPrint would draw boxes)."""

    def __init__(self, message: str, chars: frozenset[str]) -> None:
        super().__init__(message)
        self.chars = chars


def _check_records(logger: logging.Logger, records: list[logging.LogRecord], replay_from: int) -> None:
    """Raise on fatal records; pass the others on as if nothing had intercepted them."""
    fatal = [r for r in records if _fatal_log().search(r.getMessage())]
    if fatal:
        more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
        message = f"the PDF would be wrong: {fatal[0].getMessage()}{more}"
        glyphs = [_missing_glyph(r) for r in fatal]
        if all(glyphs):
            raise MissingGlyphs(message, frozenset(ch for ch in glyphs if ch))
        raise RenderError(message)
    for record in records:
        if record.levelno >= replay_from:
            logger.handle(record)


def _missing_glyph(record: logging.LogRecord) -> str | None:
    """Return the character a WeasyPrint ".notdef glyph" record is about, or None for other records."""
    args = record.args if isinstance(record.args, tuple) else ()
    if str(record.msg).startswith(".notdef glyph") and len(args) == 2 and isinstance(args[0], str):
        return args[0]
    return None


def _fetcher(roots: tuple[Path, ...]) -> Any:
    """Return a WeasyPrint URL fetcher allowing only data: URLs and files in the template folders."""
    from weasyprint.urls import URLFetcher

    class TemplateOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file" and not _inside(Path(unquote(urlsplit(url).path)), roots):
                raise ValueError(f"{url} is not allowed: only files in the template folders are")
            if scheme not in ("data", "file"):
                raise ValueError(f"{url} is not allowed: no network access while rendering")
            return super().fetch(url, headers)

    return TemplateOnlyFetcher(allowed_protocols=("data", "file"), fail_on_errors=True)


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Tell whether a path lies inside one of the folders, after resolving links and '..'."""
    real = path.resolve()
    return any(real.is_relative_to(root) for root in roots)


def layout(html: str, roots: tuple[Path, ...]) -> Any:
    """Lay out HTML with WeasyPrint and return its Document (pages counted, not yet written)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        with weasyprint_log_checked():
            return HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=_fetcher(roots)).render()
    except FatalURLFetchingError as exc:
        raise RenderError(f"template resource refused: {exc}: {exc.__cause__}") from exc


def write_pdf(document: Any) -> bytes:
    """Write a laid-out Document to PDF bytes (glyphs are drawn here, so check the log again)."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        with weasyprint_log_checked():
            return bytes(document.write_pdf())
    except FatalURLFetchingError as exc:
        raise RenderError(f"template resource refused: {exc}: {exc.__cause__}") from exc


# --- fitting one page ------------------------------------------------------------------------
Layout = Callable[[Brief], Any]  # a brief → its WeasyPrint Document


def _first_fitting(candidates: Sequence[Brief], lay: Layout, docs: dict[int, Any]) -> int:
    """Binary-search the first candidate that fits one page; the last one is known to fit."""
    lo, hi = 0, len(candidates) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        docs[mid] = lay(candidates[mid])
        if _fits(docs[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def fit(brief: Brief, lay: Layout, min_scale: float) -> tuple[Brief, Any]:
    """Fit the brief on one page: as it is, then smaller type, then trimmed; return it laid out."""
    document = lay(brief)
    if len(document.pages) <= 1:
        return brief, document
    steps = [s for s in compose.render_scales(min_scale) if s < brief.scale - 1e-9]
    # start at the scale the overflow suggests: usually the second layout is the last one
    scaled = [replace(brief, scale=s) for s in steps if s <= brief.scale / overflow(document) + 1e-9]
    fitted = _fit_scaled(scaled, lay) if scaled else None
    if fitted is not None:
        return fitted
    return _fit_trimmed(replace(brief, scale=min(brief.scale, min_scale)), lay)


def _fits(document: Any) -> bool:
    """Tell whether a layout is one page."""
    return len(document.pages) <= 1


def _fit_scaled(scaled: Sequence[Brief], lay: Layout) -> tuple[Brief, Any] | None:
    """Try the largest scale, then the smallest, then search between; None if none fits."""
    first = lay(scaled[0])
    if _fits(first):
        return scaled[0], first
    rest = list(scaled[1:])
    if not rest:
        return None
    docs = {len(rest) - 1: lay(rest[-1])}
    if not _fits(docs[len(rest) - 1]):
        return None
    best = _first_fitting(rest, lay, docs)
    return rest[best], docs[best]


def overflow(document: Any) -> float:
    """Return how many pages' worth of content a layout holds (1.4 = 40% too much)."""
    pages = document.pages
    try:  # WeasyPrint keeps the laid-out box tree on a private attribute
        box = pages[-1]._page_box
        used = box.children[0].margin_height() / box.height
    except (AttributeError, IndexError, ZeroDivisionError):
        return 1.0  # unknown: let the caller start at the largest smaller scale
    return max(1.0, len(pages) - 1 + min(used, 1.0))


def _trims(brief: Brief) -> list[Brief]:
    """Return the brief and each successively trimmed version, down to nothing left."""
    chain = [brief]
    while (smaller := compose.trim(chain[-1])) is not None:
        chain.append(smaller)
    return chain


def _fit_trimmed(brief: Brief, lay: Layout) -> tuple[Brief, Any]:
    """Trim the fewest things that make the brief fit one page."""
    chain = _trims(brief)[1:]
    if not chain:
        raise RenderError("the brief does not fit on one page and there is nothing left to trim")
    docs = {len(chain) - 1: lay(chain[-1])}
    if len(docs[len(chain) - 1].pages) > 1:
        raise RenderError("the brief does not fit on one page even with every figure and list "
                          "dropped (note or source list too long?)")
    best = _first_fitting(chain, lay, docs)
    return chain[best], docs[best]


def render(brief: Brief, settings: Settings, formats: Collection[str]) -> Rendered:
    """Render the HTML of the full brief and, if asked, the PDF fitted to exactly one page."""
    html = render_html(brief, settings, screen=True)
    if "pdf" not in formats:
        return Rendered(brief=brief, html=html, pdf=None, pages=0, text=render_text(brief, settings))
    require_cjk_font()
    fitted, pdf, pages = printable_pdf(brief, settings)
    return Rendered(brief=fitted, html=html, pdf=pdf, pages=pages, text=render_text(fitted, settings))


def printable_pdf(brief: Brief, settings: Settings) -> tuple[Brief, bytes, int]:
    """Fit and draw the PDF; characters of the sources no font has are left out of it, with a warning.

    One source's odd character (an emoji in its title) must not cost the brief. The render still
    fails for a character of the configured title or note (the user's to fix), and for a digit,
    sign or other character a number is written with (never a wrong number).
    """
    drop: frozenset[str] = frozenset()
    configured = set(brief.title.en + brief.title.zh + (brief.note_html or ""))
    while True:
        try:
            fitted, pdf, pages = _fit_and_draw(brief, settings, drop)
        except MissingGlyphs as exc:
            if exc.chars <= drop or exc.chars & configured or not all(map(_may_leave_out, exc.chars)):
                raise
            drop |= exc.chars
            continue
        if drop:
            shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in sorted(drop))
            log.warning("the PDF leaves out %d character%s no installed font has: %s; the HTML keeps them",
                        len(drop), "s" if len(drop) > 1 else "", shown)
        return fitted, pdf, pages


def _may_leave_out(ch: str) -> bool:
    """Tell whether a character can be left out of the page without changing what a number says."""
    import unicodedata

    category = unicodedata.category(ch)
    return category[0] != "N" and category not in ("Sm", "Sc", "Pd") and ch not in "%‰.,"


def _fit_and_draw(brief: Brief, settings: Settings, drop: frozenset[str]) -> tuple[Brief, bytes, int]:
    """Fit the brief on one page and draw it, leaving out the characters in `drop`."""
    roots = template_dirs(settings)

    def lay(candidate: Brief) -> Any:
        return layout(render_html(candidate, settings, drop=drop), roots)

    # the estimate picks the scale and trims first, so the first layout usually fits
    fitted, document = fit(compose.prefit(brief, settings), lay, settings.min_scale)
    return fitted, write_pdf(document), len(document.pages)
