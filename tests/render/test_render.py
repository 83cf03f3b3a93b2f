"""Render: HTML (golden), plain text, the one-page PDF (real WeasyPrint, read back with pypdf).

Refresh the golden HTML after an intended change:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_render.py
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import pypdf
import pytest

from briefing.compose import select as compose
from briefing.errors import RenderError
from briefing.models import Bilingual, Brief, Rendered
from briefing.render import page as render
from tests.brief_samples import big_articles, demo_brief, settings

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REPO = Path(__file__).resolve().parents[2]
A4 = (595.28, 841.89)  # points
INJECTED = ('<script>alert(1)</script>', '<link rel="attachment" href="file:///etc/hostname">')


def pdf_text(pdf: bytes) -> str:
    """Return the text of every page."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    """Return the base names of the fonts the PDF embeds."""
    names: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        names.update(str(font.get_object()["/BaseFont"]) for font in fonts.values())
    return names


@pytest.fixture(scope="module")
def demo() -> Rendered:
    return render.render(demo_brief(), settings(), ("pdf", "html"))


@pytest.fixture(scope="module")
def big() -> Rendered:
    brief = compose.compose(big_articles(100, 60), settings(), "2024-03-27")
    return render.render(brief, settings(), ("pdf",))


@pytest.fixture(scope="module")
def injected() -> Rendered:
    brief = demo_brief()
    figure = replace(brief.figures[0], label=Bilingual(en=INJECTED[0], zh="标签"))
    lst = brief.lists[0]
    # the page shows headlines and the HTML folds in the full text: inject into both
    item = replace(lst.items[0], headline=Bilingual(en=INJECTED[1], zh="措施"),
                   text=Bilingual(en=INJECTED[1] + " in full", zh="措施全文"))
    brief = replace(brief, figures=(figure,), lists=(replace(lst, items=(item,)),))
    return render.render(brief, settings(), ("pdf", "html"))


# --- PDF ---------------------------------------------------------------------------------------
def test_demo_pdf_is_one_a4_page(demo: Rendered) -> None:
    reader = pypdf.PdfReader(io.BytesIO(demo.pdf or b""))
    assert len(reader.pages) == 1 == demo.pages
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


def test_demo_pdf_embeds_a_noto_cjk_font(demo: Rendered) -> None:
    assert any("NotoSansCJKSC" in name.replace("-", "") for name in pdf_fonts(demo.pdf or b""))


@pytest.mark.parametrize("expected", ["+7.5%", "¥1.15 trn", "规模以上高技术制造业增加值", "经济简报",
                                      "EN only", "仅中文", "TM 92%", "+7 more figures"])
def test_demo_pdf_text(demo: Rendered, expected: str) -> None:
    assert expected in pdf_text(demo.pdf or b"").replace("\n", " ")


def test_demo_fits_at_full_scale_untrimmed(demo: Rendered) -> None:
    assert demo.brief == demo_brief()


def test_overfull_brief_still_one_page_and_says_what_is_left_out(big: Rendered) -> None:
    assert big.pages == 1 and len(pypdf.PdfReader(io.BytesIO(big.pdf or b"")).pages) == 1
    fitted = big.brief
    assert fitted.omitted_figures >= 90 and fitted.omitted_items >= 40
    text = pdf_text(big.pdf or b"").replace("\n", " ")
    assert f"+{fitted.omitted_figures} more figures" in text
    assert f"+{fitted.omitted_items} more measures" in text


def test_injected_markup_is_text_and_nothing_is_embedded(injected: Rendered) -> None:
    assert "<script>" not in injected.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in injected.html
    assert '<link rel="attachment"' not in injected.html
    raw = injected.pdf or b""
    assert b"/EmbeddedFiles" not in raw and b"/FileAttachment" not in raw
    reader = pypdf.PdfReader(io.BytesIO(raw))
    assert not reader.attachments
    text = pdf_text(raw).replace("\n", "")
    assert "alert(1)" in text and "/etc/hostname" in text


def test_missing_glyph_fails_instead_of_printing_a_box() -> None:
    brief = replace(demo_brief(), figures=(), lists=(), title=Bilingual(en="Hieroglyph \U00013000", zh="简报"))
    with pytest.raises(RenderError, match="notdef"):
        render.render(brief, settings(), ("pdf",))


# --- fonts -------------------------------------------------------------------------------------
def test_no_cjk_font_is_an_error() -> None:
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        render.require_cjk_font([])
    render.require_cjk_font(["Noto Sans CJK SC"])


def test_real_font_check_sees_no_fonts_with_empty_fontconfig(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<cachedir>{tmp_path}</cachedir></fontconfig>")
    code = textwrap.dedent("""
        from briefing.render import page as render
        from briefing.errors import RenderError
        print(render.cjk_fonts())
        try:
            render.require_cjk_font()
        except RenderError as exc:
            print("RenderError:", exc)
    """)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.splitlines()[0] == "()" and "RenderError: no Chinese (CJK) font" in out


def test_installed_cjk_font_is_found() -> None:
    assert any("CJK" in family for family in render.cjk_fonts() or ())


# --- HTML --------------------------------------------------------------------------------------
@pytest.mark.parametrize("screen, name", [(False, "brief.html"), (True, "brief-screen.html")])
def test_golden_html(screen: bool, name: str) -> None:
    """The print HTML (what WeasyPrint lays out) and the browser HTML (the output file)."""
    html = render.render_html(demo_brief(), settings(), screen=screen)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 if the change is intended"


@pytest.mark.parametrize("needle", ['<html lang="en">', 'lang="zh-CN"', "<style>", "Noto Sans CJK SC",
                                    "@media screen and (max-width", "size: A4"])
def test_html_is_self_contained_and_bilingual(demo: Rendered, needle: str) -> None:
    assert needle in demo.html


@pytest.mark.parametrize("needle", ["<link", "<script", "http://", "https://", "src="])
def test_html_requests_nothing(demo: Rendered, needle: str) -> None:
    assert needle not in demo.html


def test_html_shows_everything_while_pdf_is_fitted(big: Rendered) -> None:
    assert big.html.count('<tr class="item">') > sum(len(lst.items) for lst in big.brief.lists)
    assert big.brief.scale < 1.0 and "--scale: 1.000" in big.html


def test_html_only_skips_pdf() -> None:
    done = render.render(demo_brief(), settings(), ("html",))
    assert done.pdf is None and "经济简报" in done.html


def test_user_css_overrides_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "brief.css").write_text("body { color: #123456; }")
    html = render.render_html(demo_brief(), settings(templates_dir=tmp_path))
    assert "#123456" in html and "Headline figures" in html  # the shipped brief.html.j2 is still used


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://example.org/x.png", "../outside.png"])
def test_user_template_cannot_fetch_outside_its_folders(tmp_path: Path, url: str) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (tmp_path / "outside.png").write_bytes(b"not really")
    (theme / "brief.css").write_text(f'body {{ background: url("{url}"); }}')
    small = replace(demo_brief(), figures=(), lists=())
    with pytest.raises(RenderError, match="not allowed"):
        render.render(small, settings(templates_dir=theme), ("pdf",))


def test_render_text_is_plain(demo: Rendered) -> None:
    brief = replace(demo_brief(), title=Bilingual(en="R&D <brief>", zh="简报"))
    text = render.render_text(brief)
    assert "R&D <brief>" in text and "&amp;" not in text
    for needle in ("+7.5%", "规模以上高技术制造业增加值", "[仅中文]", "+7 more figures"):
        assert needle in text


def test_default_templates_dir_holds_the_theme() -> None:
    folder = render.default_templates_dir()
    assert {"brief.html.j2", "brief.css", "brief.txt.j2"} <= {p.name for p in folder.iterdir()}


# --- the fit loop, with a fake layout (no WeasyPrint) ------------------------------------------
@dataclass
class FakeDoc:
    pages: list[int]


def fake_layout(capacity: float, calls: list[Brief]):  # type: ignore[no-untyped-def]
    """Return a layout whose page count grows with the brief's size times its scale."""
    def lay(brief: Brief) -> FakeDoc:
        calls.append(brief)
        size = (len(brief.figures) + 2 * sum(len(lst.items) for lst in brief.lists) + 1) * brief.scale
        return FakeDoc(pages=[1] * max(1, -int(-size // capacity)))
    return lay


@pytest.mark.parametrize(("capacity", "max_layouts", "scale"), [
    (100.0, 1, 1.0),   # fits at once: ONE layout
    (35.0, 5, None),   # fits smaller
    (10.0, 12, 0.8),   # needs trimming at min scale
])
def test_fit_loop(capacity: float, max_layouts: int, scale: float | None) -> None:
    brief = compose.compose(big_articles(10, 24), settings(max_items=4), "2024-03-27")
    calls: list[Brief] = []
    fitted, doc = render.fit(brief, fake_layout(capacity, calls), 0.8)
    assert len(doc.pages) == 1 and len(calls) <= max_layouts
    assert fitted.scale == scale if scale is not None else 0.8 <= fitted.scale < 1.0
    # the fitted brief is the largest that fits: one thing more would overflow
    if fitted.scale == 0.8 and (fitted.figures != brief.figures or fitted.lists != brief.lists):
        chain = render._trims(replace(brief, scale=0.8))
        previous = chain[chain.index(fitted) - 1]
        assert len(fake_layout(capacity, [])(previous).pages) > 1


def test_fit_gives_up_when_nothing_fits() -> None:
    with pytest.raises(RenderError, match="one page"):
        render.fit(demo_brief(), lambda brief: FakeDoc(pages=[1, 2]), 0.8)


@pytest.mark.parametrize(("min_scale", "steps"), [(1.0, []), (0.9, [0.95, 0.9]), (0.82, [0.95, 0.9, 0.85, 0.82])])
def test_scale_steps(min_scale: float, steps: list[float]) -> None:
    assert compose.render_scales(min_scale) == steps


@pytest.mark.parametrize("text, lang, heading", [
    ("Vice Minister Guo Tingting said that this year, the Ministry of Commerce will focus on four aspects.",
     "en", "The Ministry of Commerce will focus on four aspects."),
    ("In the next step, the ministry will work from three aspects:", "en",
     "The ministry will work from three aspects:"),
    ("The main work is as follows:", "en", "The main work is as follows:"),
    ("商务部副部长郭婷婷表示,今年,商务部将继续抓好4个方面的工作。", "zh", "商务部将继续抓好4个方面的工作。"),
    ("下一步，工业和信息化部主要从3个方面努力：", "zh", "工业和信息化部主要从3个方面努力："),
])
def test_list_intro_heading_drops_who_said_it_and_when(text: str, lang: str, heading: str) -> None:
    from briefing.compose import present

    assert present.intro(text, lang) == heading
