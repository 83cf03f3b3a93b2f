"""Reduce an HTML page to its title, declared date and main text (trafilatura)."""
from __future__ import annotations

import logging
import re

QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def html_to_text(html: str) -> tuple[str, tuple[str, ...]]:
    """Return an HTML page's title, date and main text, paragraphs separated by blank lines."""
    import trafilatura  # slow to import: only when there is HTML to read

    for name in QUIET_LOGGERS:  # their complaints about broken pages become our own one-line skip
        logging.getLogger(name).setLevel(logging.CRITICAL)
    body = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    warnings: tuple[str, ...] = ()
    if not body:
        body = trafilatura.html2txt(html) or ""
        warnings = ("no main text found in the HTML; kept all of its text",)
    head = _html_head(trafilatura, html, body)
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return "\n\n".join(head + paragraphs) + "\n", warnings


def _html_head(trafilatura: object, html: str, body: str) -> list[str]:
    """Return the page title and date as lines to put above the text, when the text lacks them."""
    # only dates the page declares (meta tags, <time>): an extensive search guesses from text such
    # as a copyright year, and a guessed publication date is worse than none
    meta = trafilatura.extract_metadata(html, extensive=False,  # type: ignore[attr-defined]
                                        date_config={"extensive_search": False, "original_date": True})
    head: list[str] = []
    title = (getattr(meta, "title", None) or "").strip() if meta else ""
    if title and title not in body[:2000]:
        head.append(title)
    date = getattr(meta, "date", None) if meta else None
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        head.append(date)
    return head
