"""Estimate a brief's height on the page before laying it out, from the theme's geometry."""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from briefing.compose import present
from briefing.models import BiFigure, Bilingual, Brief

PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4), "A3": (297.0, 420.0), "Legal": (215.9, 355.6)}


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """Return the theme geometry from the presentation data."""
    return present.data()["fit_model"]


def content_mm(page_size: str) -> tuple[float, float]:
    """Return the width and height of the page's content box in millimetres."""
    width, height = PAGE_MM.get(page_size, PAGE_MM["A4"])
    m = model()["margins_mm"]
    return width - m["left"] - m["right"], height - m["top"] - m["bottom"]


def text_lines(text: str | None, lang: str, width_mm: float, scale: float, size: float = 1.0) -> float:
    """Return the height of a wrapped text in body lines (at scale 1 units)."""
    if not text:
        return 0.0
    per_line = width_mm * model()["chars_per_mm"][lang] / (scale * size)
    rows = math.ceil(len(text) / max(per_line, 1.0))
    return rows * size * scale * (model()["zh_line"] if lang == "zh" else 1.0)


def pair_lines(text: Bilingual, width_mm: float, scale: float, size: float = 1.0,
               excerpt: bool = False) -> float:
    """Return the height of a two-column row: the taller side, or one spanning cell."""
    en = present.excerpt(text.en, "en") if excerpt else text.en
    zh = present.excerpt(text.zh, "zh") if excerpt else text.zh
    if en and zh:
        return max(text_lines(en, "en", width_mm, scale, size), text_lines(zh, "zh", width_mm, scale, size))
    single = model()["columns"]["list_single"] / model()["columns"]["list_side"]
    return max(text_lines(en, "en", width_mm * single, scale, size),
               text_lines(zh, "zh", width_mm * single, scale, size))


def brief_lines(brief: Brief, page_size: str, scale: float) -> float:
    """Return the estimated height of the whole brief in body lines at scale 1."""
    width, _ = content_mm(page_size)
    fixed = model()["lines"]
    total = fixed["masthead"] * scale + _figures_lines(brief, width, scale) + _lists_lines(brief, width, scale)
    if brief.omitted_figures or brief.omitted_items:
        total += fixed["omitted"] * scale
    if brief.note_html:
        total += fixed["note_head"] * scale + text_lines(brief.note_html, "en", width, scale)
    return total + _sources_lines(brief, width, scale)


def page_lines(page_size: str) -> float:
    """Return how many modelled body lines the page holds (calibrated against real layouts)."""
    _, height = content_mm(page_size)
    return height / model()["line_mm"] * model()["capacity"]


def fits(brief: Brief, page_size: str, scale: float) -> bool:
    """Tell whether the brief is estimated to fit one page at `scale`."""
    return brief_lines(brief, page_size, scale) <= page_lines(page_size)


def _figures_lines(brief: Brief, width: float, scale: float) -> float:
    """Return the height of the figures table."""
    if not brief.figures:
        return 0.0
    fixed, cols, sizes = model()["lines"], model()["columns"], model()["sizes"]
    rows = 0.0
    for bf in brief.figures:
        label = pair_lines(bf.label, width * cols["figure_label"], scale)
        period = (text_lines(bf.period.en, "en", width * cols["figure_period"], scale, sizes["period"])
                  + text_lines(bf.period.zh, "zh", width * cols["figure_period"], scale, sizes["period"]))
        value = fixed["figure_value"] * scale + _history_lines(bf, width * cols["figure_value"], scale)
        rows += max(label, period, value) + fixed["row_pad"] * scale
    return (fixed["section"] + fixed["figure_head"]) * scale + rows


def _history_lines(figure: BiFigure, width: float, scale: float) -> float:
    """Return the height of the value cell's history: the previous value, the new mark, a dissent."""
    size = model()["sizes"]["history"]
    indicator = figure.indicator
    total = 0.0
    if indicator is not None and indicator.previous is not None:
        previous = indicator.previous
        text = f"← {present.figure_value(previous.figure)} {previous.period.en or previous.period.zh or previous.date}"
        total += text_lines(text, "en", width, scale, size)
    if indicator is not None and indicator.new:
        total += model()["lines"]["figure_new"] * scale
    if figure.disagreeing:  # as the theme writes it: "≠ +6.2% [3] +2 more"
        more = f" +{len(figure.disagreeing) - 1} more" if len(figure.disagreeing) > 1 else ""
        text = f"≠ {present.figure_value(figure.disagreeing[0].figure)} [00]{more}"
        total += text_lines(text, "en", width, scale, size)
    return total


def _lists_lines(brief: Brief, width: float, scale: float) -> float:
    """Return the height of the measure lists."""
    if not brief.lists:
        return 0.0
    fixed, side, sizes = model()["lines"], width * model()["columns"]["list_side"], model()["sizes"]
    total = fixed["section"] * scale
    for bl in brief.lists:
        total += pair_lines(bl.intro, side, scale, sizes["intro"], excerpt=True) + fixed["intro_pad"] * scale
        total += sum(pair_lines(item.headline, side, scale, excerpt=True) + fixed["item_pad"] * scale
                     for item in bl.items)
        total += fixed["list_gap"] * scale
        if bl.announced and bl.announced > len(bl.items):
            total += fixed["list_foot"] * scale
    return total


def _sources_lines(brief: Brief, width: float, scale: float) -> float:
    """Return the height of the sources at the foot."""
    fixed, size = model()["lines"], model()["sizes"]["sources"]
    rows = sum(text_lines(f"{ref.title or ''} · {ref.date or ''} {ref.name}", _lang(ref.lang),
                          width * model()["columns"]["sources"], scale, size) for ref in brief.sources)
    return fixed["sources_head"] * scale + rows


def _lang(lang: str) -> str:
    """Return the model language of a source: Chinese, or English for anything else."""
    return "zh" if lang.startswith("zh") else "en"
