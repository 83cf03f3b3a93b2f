"""How things read on the page: figure values, basis tags, excerpts (Jinja filters for render)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.models import Bilingual, Figure
from briefing.primitives import load_yaml

DATA = Path(__file__).with_name("data") / "brief.yaml"
_SENTENCE_END = {"en": re.compile(r"[.;!?](?=\s)"), "zh": re.compile(r"[。；！？]")}
_SPACE = re.compile(r"\s++")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FLIPPED = {">": "<", "≥": "≤", "<": ">", "≤": "≥"}  # a bound on a decline's size, on the signed value


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """Load the presentation data file once."""
    return load_yaml(DATA.read_text(encoding="utf-8"))


def number(value: float, places: int = 2) -> str:
    """Write a number with at most `places` decimals and no trailing zeros, thousands grouped."""
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scaled(value: float, lang: str) -> str:
    """Write a large amount with its word suffix (trn/bn, 万亿/亿)."""
    for threshold, suffix in data()[f"scale_{lang}"]:
        if abs(value) >= threshold:
            return number(value / threshold) + suffix
    return number(value)


def _sign(figure: Figure) -> str:
    """Return the sign the value needs: a change's sign, a qualifier like '>', or both ("<−3%")."""
    qualifier = (figure.qualifier or "").strip().lower()
    mark = data()["qualifier"].get(qualifier, "")
    change = figure.basis in ("yoy", "mom", "change")
    if change and figure.value < 0:
        # a decline is a negative value: "下降超过3%" lies below −3%, so the comparison turns round
        return _FLIPPED.get(mark, mark) + "−"
    if mark:
        return mark
    # a positive change is a rise, or a decline that narrowed (降幅收窄 0.2 pp reads +0.2 pp)
    return "+" if change and figure.direction in ("up", "down") else ""


def figure_value(figure: Figure, lang: str = "en") -> str:
    """Write a figure's value the way a reader expects it ("+7.5%", "−3.1%", "¥1.15 trn", "1.15万亿元")."""
    prefix, suffix = data()["unit"].get(figure.unit, {"en": ["", ""], "zh": ["", ""]})[lang]
    big = figure.unit in data()["scaled_units"]
    places = data()["decimals"].get(figure.unit, 2)  # an exchange rate is quoted to four (7.1779)
    write = (lambda v: _scaled(v, lang)) if big else (lambda v: number(v, places))
    sign = _sign(figure)
    # a sign carries the minus, so the numbers themselves are written unsigned ("−3–5%": down 3 to 5)
    signed = sign.endswith(("+", "−"))
    body = write(abs(figure.value) if signed else figure.value)
    if figure.value_max is not None:
        body += "–" + write(abs(figure.value_max) if signed else figure.value_max)
    return f"{sign}{prefix}{body}{suffix}{_noun(figure, lang)}"


def _noun(figure: Figure, lang: str) -> str:
    """Return the counted noun written after the number (" enterprises", 家), if any."""
    if not figure.noun or figure.unit != "count" or figure.lang != lang:
        return ""
    return f" {figure.noun}" if lang == "en" else figure.noun


def basis_tag(basis: str, lang: str) -> str:
    """Return the short basis tag ("y/y", 同比) or ""."""
    return data()["basis"].get(basis, {}).get(lang, "")


def excerpt(text: str | None, lang: str) -> str:
    """Return the first sentence of a text, cut at a word boundary to the language's budget."""
    clean = _SPACE.sub(" ", text or "").strip()
    limit = data()["excerpt_chars"][lang]
    match = _SENTENCE_END[lang].search(clean)
    if match and match.end() <= limit:
        return clean[: match.end()]
    if len(clean) <= limit:
        return clean
    cut = clean[:limit]
    if lang == "en" and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:，；：、") + "…"


@lru_cache(maxsize=2)
def _intro_leads(lang: str) -> tuple[re.Pattern[str], ...]:
    """Compile the lead patterns stripped from list intros."""
    return tuple(re.compile(p, re.IGNORECASE) for p in data()["intro_leads"][lang])


def intro(text: str | None, lang: str) -> str:
    """Return a list intro as a heading: without who said it and when, first sentence only."""
    heading = _SPACE.sub(" ", text or "").strip()
    for _ in range(3):  # "X said that this year, …" takes two passes
        before = heading
        for lead in _intro_leads(lang):
            heading = lead.sub("", heading, count=1)
        if heading == before:
            break
    if lang == "en" and heading[:1].islower():
        heading = heading[0].upper() + heading[1:]
    return excerpt(heading or text, lang)


def untranslated_tag(lang: str) -> str:
    """Return the tag that marks text shown in `lang` because the other side is missing."""
    return data()["untranslated"][lang]


def origin_tag(text: Bilingual, lang: str) -> str:
    """Return "TM 92%" when the `lang` side came from the translation memory, else ""."""
    origin = text.en_origin if lang == "en" else text.zh_origin
    if origin == "memory" and text.match is not None:
        return f"TM {text.match:.0f}%"
    return ""


def has_cjk(text: str) -> bool:
    """Tell whether a text contains a Chinese character (then it says more than the digits)."""
    return _CJK.search(text) is not None


def tests() -> dict[str, Any]:
    """Return the Jinja tests the templates use."""
    return {"cjk": has_cjk}


def filters() -> dict[str, Any]:
    """Return the Jinja filters the templates use."""
    return {"figure_value": figure_value, "basis_tag": basis_tag, "excerpt": excerpt, "intro": intro,
            "origin_tag": origin_tag, "number": number}
