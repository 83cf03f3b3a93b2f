"""A character no installed font has: left out of the PDF when a source brought it, never in a number."""
from __future__ import annotations

import io
import logging
from dataclasses import replace

import pypdf
import pytest

from briefing.errors import RenderError
from briefing.models import Bilingual, SourceRef
from briefing.render import page as render
from tests.brief_samples import demo_brief, settings

HIEROGLYPH = "\U00013000"  # no font on the box has Egyptian hieroglyphs
RUNES = "\u16a0\u16c7\u16bb"


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_source_title_with_characters_no_font_has_still_gives_the_brief(caplog: pytest.LogCaptureFixture) -> None:
    brief = demo_brief()
    odd = replace(brief.sources[0], title=f"Trade {HIEROGLYPH} update {RUNES}")
    label = replace(brief.figures[0].label, en=f"{brief.figures[0].label.en} {HIEROGLYPH}")
    brief = replace(brief, sources=(odd, *brief.sources[1:]),
                    figures=(replace(brief.figures[0], label=label), *brief.figures[1:]))
    with caplog.at_level(logging.WARNING):
        done = render.render(brief, settings(), ("pdf", "html"))
    assert done.pdf is not None and done.pages == 1
    text = pdf_text(done.pdf)
    assert "+7.5%" in text and "Trade" in text and HIEROGLYPH not in text
    assert HIEROGLYPH in done.html and RUNES in done.html  # a browser may have the font
    assert "the PDF leaves out 4 characters no installed font has: ᚠ (U+16A0)" in caplog.text


def test_missing_glyph_that_is_a_digit_still_fails() -> None:
    """A digit or sign no font has must not vanish from the page: 12.5% would print as 1.5%."""
    brief = demo_brief()
    figure = brief.figures[0]
    period = Bilingual(en="Q\U0001e951 2024", zh="一季度")  # ADLAM DIGIT ONE (a digit, no font on the box)
    brief = replace(brief, figures=(replace(figure, period=period),), lists=())
    with pytest.raises(RenderError, match="notdef"):
        render.render(brief, settings(), ("pdf",))


def test_missing_glyph_in_the_configured_title_still_fails() -> None:
    brief = replace(demo_brief(), title=Bilingual(en=f"Brief {HIEROGLYPH}", zh="简报"),
                    sources=(SourceRef("a.txt", "en", f"Plain {RUNES}", None),))
    with pytest.raises(RenderError, match="notdef"):
        render.render(brief, settings(), ("pdf",))
