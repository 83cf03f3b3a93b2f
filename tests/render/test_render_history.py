"""The page with history: previous values, new marks and dissent in the PDF (real WeasyPrint), still one page."""
from __future__ import annotations

import io
from dataclasses import replace

import pypdf
import pytest

from briefing.compose import estimate
from briefing.compose import select as compose
from briefing.models import Bilingual, Disagreement, Indicator, Previous, Rendered
from briefing.render import page as render
from tests.brief_samples import big_articles, demo_brief, fig, settings


def marked(brief_figures: tuple, dissent_every: int = 2) -> tuple:
    """Give every figure a previous value and a new mark, every other one a dissenting source."""
    out = []
    for i, bf in enumerate(brief_figures):
        previous = Previous(figure=fig(bf.figure.value - 0.7, direction="up"), period=Bilingual(en="Jan–Feb 2024", zh="2024年1—2月"),
                            date="2024-03-18", source="older.txt")
        bf = replace(bf, indicator=Indicator(key=f"k{i}", period="2024:1-3", previous=previous, new=i == 0))
        if i % dissent_every == 0:
            bf = replace(bf, disagreeing=(Disagreement(fig(bf.figure.value + 0.2, direction="up"), "wire.txt"),) * 3)
        out.append(bf)
    return tuple(out)


def text_of(rendered: Rendered) -> str:
    """Return the PDF's text on one line."""
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf or b""))
    return " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")


@pytest.fixture(scope="module")
def demo() -> Rendered:
    brief = demo_brief()
    return render.render(replace(brief, figures=marked(brief.figures)), settings(), ("pdf", "html"))


@pytest.mark.parametrize("expected", ["← +6.8% Jan–Feb 2024", "new", "新", "≠ +7.7%", "+2 more"])
def test_the_pdf_shows_history_beside_the_figures(demo: Rendered, expected: str) -> None:
    assert expected in text_of(demo)


def test_the_page_with_history_is_still_one_page(demo: Rendered) -> None:
    assert demo.pages == 1 and len(pypdf.PdfReader(io.BytesIO(demo.pdf or b"")).pages) == 1


def test_the_estimate_counts_history_so_that_the_first_layout_fits() -> None:
    s = settings()
    brief = compose.compose(big_articles(40, 12), s, "2024-03-27")
    fitted_without = compose.prefit(brief, s)  # fitted as if the figures had no history
    overfull = replace(fitted_without, figures=marked(fitted_without.figures, dissent_every=1))
    assert len(render.layout(render.render_html(overfull, s), render.template_dirs(s)).pages) == 2
    fitted = compose.prefit(replace(brief, figures=marked(brief.figures, dissent_every=1)), s)
    assert len(render.layout(render.render_html(fitted, s), render.template_dirs(s)).pages) == 1
    assert estimate.fits(fitted, "A4", fitted.scale)
    rendered = render.render(replace(brief, figures=marked(brief.figures, dissent_every=1)), s, ("pdf",))
    assert rendered.pages == 1 and rendered.brief == fitted  # no further trim was needed


def test_the_text_version_shows_history() -> None:
    brief = demo_brief()
    text = render.render_text(replace(brief, figures=marked(brief.figures)))
    assert "← +6.8% Jan–Feb 2024 (older.txt, 2024-03-18)" in text and "[new · 新]" in text
    assert "≠ +7.7% [wire.txt]" in text
