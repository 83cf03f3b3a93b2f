"""The brief as data: output/brief-DATE.json, the page's figures and lists and every source covered."""
from __future__ import annotations

import json
from typing import Any

from briefing.compose import present
from briefing.models import BiFigure, Bilingual, BiList, Brief, Figure, Previous, SourceRef

BRIEF_JSON_VERSION = 1


def brief_json(brief: Brief) -> str:
    """Return the brief as the JSON documented in the README (stable field set, version 1)."""
    payload = {
        "version": BRIEF_JSON_VERSION,
        "date": brief.date,
        "window": brief.window,
        "title": {"en": brief.title.en, "zh": brief.title.zh},
        "sources": [source_dict(ref) for ref in brief.covered or brief.sources],
        "figures": [figure_dict(f) for f in brief.figures],
        "lists": [list_dict(lst) for lst in brief.lists],
        "omitted": {"figures": brief.omitted_figures, "items": brief.omitted_items, "lists": brief.omitted_lists},
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def source_dict(ref: SourceRef) -> dict[str, Any]:
    """Return one covered source."""
    return {"name": ref.name, "title": ref.title, "date": ref.date, "lang": ref.lang, "pair": ref.pair}


def figure_dict(bf: BiFigure) -> dict[str, Any]:
    """Return one figure on the page, with the indicator's previous value and who disagrees."""
    figure, indicator = bf.figure, bf.indicator
    return {
        **_value(figure),
        "period": bf.period.en or bf.period.zh,
        "period_zh": bf.period.zh,
        "label_en": bf.label.en,
        "label_zh": bf.label.zh,
        "label_origin": {"en": bf.label.en_origin, "zh": bf.label.zh_origin},  # source | pair | glossary | memory
        "source": bf.source,
        "shown": present.figure_value(figure),
        "indicator": indicator.key if indicator else None,
        "new": bool(indicator and indicator.new),
        "previous": _previous(indicator.previous) if indicator and indicator.previous else None,
        "agreeing": list(bf.agreeing),
        "disagreeing": [{**_value(d.figure), "source": d.source} for d in bf.disagreeing],
    }


def _value(figure: Figure) -> dict[str, Any]:
    """Return a figure's value fields."""
    return {"value": figure.value, "value_max": figure.value_max, "unit": figure.unit, "basis": figure.basis}


def _previous(previous: Previous) -> dict[str, Any]:
    """Return the previous value of an indicator."""
    return {"value": previous.figure.value, "value_max": previous.figure.value_max, "unit": previous.figure.unit,
            "period": previous.period.en or previous.period.zh or previous.figure.period,
            "date": previous.date, "source": previous.source}


def list_dict(lst: BiList) -> dict[str, Any]:
    """Return one measure list on the page."""
    return {"intro": _both(lst.intro), "source": lst.source, "announced": lst.announced,
            "complete": lst.complete,
            "items": [{"n": item.n, "headline": _both(item.headline), "text": _both(item.text)}
                      for item in lst.items]}


def _both(text: Bilingual) -> dict[str, str | None]:
    """Return a text's two sides."""
    return {"en": text.en, "zh": text.zh}
