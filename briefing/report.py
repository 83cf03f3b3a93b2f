"""Present an extraction: the documented JSON of `briefing extract`, a text view, the build summary."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from briefing.models import BuildResult, Document, MeasureList, Pair

JSON_VERSION = 1


def extraction_json(documents: tuple[Document, ...], pairs: tuple[Pair, ...]) -> str:
    """Return the JSON described in tests/gold/README.md (plus documented extra fields)."""
    partner = _partners(pairs)
    payload = {"version": JSON_VERSION,
               "documents": [document_dict(d, partner.get(d.name)) for d in documents]}
    return json.dumps(payload, ensure_ascii=False, indent=1)


def document_dict(doc: Document, pair: Pair | None) -> dict[str, Any]:
    """Return one document as a JSON-ready dict."""
    clean = doc.clean
    other = None if pair is None else (pair.zh if pair.en == doc.name else pair.en)
    return {
        "source": doc.name,
        "lang": clean.lang,
        "title": clean.title,
        "date": clean.date,
        "byline": clean.byline,
        "encoding": clean.source.encoding,
        "format": clean.source.format,
        "pair": other,
        "pair_confidence": None if pair is None else round(pair.confidence, 3),
        "pair_evidence": [] if pair is None else list(pair.evidence),
        "discrepancies": [] if pair is None else list(pair.discrepancies),
        "text": clean.text,
        "steps": [asdict(step) for step in clean.steps],
        "warnings": list(clean.source.warnings) + list(clean.warnings),
        "figures": [asdict(f) for f in doc.figures],
        "lists": [_list_dict(lst) for lst in doc.lists],
    }


def _list_dict(lst: MeasureList) -> dict[str, Any]:
    """Return one measure list as a JSON-ready dict."""
    data = asdict(lst)
    data["parent"] = list(lst.parent) if lst.parent else None
    return data


def _partners(pairs: tuple[Pair, ...]) -> dict[str, Pair]:
    """Map each paired document name to its pair."""
    return {name: p for p in pairs for name in (p.en, p.zh)}


def extraction_text(documents: tuple[Document, ...], pairs: tuple[Pair, ...]) -> str:
    """Return a human-readable view of what was extracted."""
    partner = _partners(pairs)
    blocks = [_document_text(d, partner.get(d.name)) for d in documents]
    return "\n\n".join(blocks)


def _document_text(doc: Document, pair: Pair | None) -> str:
    """Describe one document's figures and lists."""
    clean = doc.clean
    lines = [f"== {doc.name} [{clean.lang}, {clean.source.encoding}] {clean.title or '(no title)'}"
             f" — {clean.date or 'no date'}"]
    if pair:
        lines.append(f"   pair: {pair.zh if pair.en == doc.name else pair.en} ({pair.confidence:.2f})")
    for f in doc.figures:
        period = f" [{f.period}]" if f.period else ""
        lines.append(f"   figure {f.value:g} {f.unit} {f.basis}{period}: {f.label} — «{f.text}»")
    for lst in doc.lists:
        announced = f", announced {lst.announced}" if lst.announced else ""
        lines.append(f"   list (tier {lst.tier}{announced}{'' if lst.complete else ', incomplete'}): {lst.intro}")
        lines.extend(f"     {item.n}. {item.headline}" for item in lst.items)
    return "\n".join(lines)


def summary_line(result: BuildResult) -> str:
    """Return the one-line summary printed at the end of a build."""
    skipped = f" ({len(result.skipped)} skipped)" if result.skipped else ""
    left = (f"; left out {result.omitted_figures} figures, {result.omitted_items} measures"
            if result.omitted_figures or result.omitted_items else "; nothing left out")
    outputs = ", ".join(str(p) for p in result.outputs)
    return (f"brief {result.date}: {result.sources_read} sources read{skipped}, {result.figures} figures, "
            f"{result.lists} lists{left} → {outputs}")
