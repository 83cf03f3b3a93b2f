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
    langs = {d.name: d.lang for d in documents}
    payload = {"version": JSON_VERSION,
               "documents": [document_dict(d, partner.get(d.name), langs) for d in documents]}
    return json.dumps(payload, ensure_ascii=False, indent=1)


def document_dict(doc: Document, pair: Pair | None, langs: dict[str, str] | None = None) -> dict[str, Any]:
    """Return one document as a JSON-ready dict (`langs`: each document's language, for a runner-up)."""
    clean = doc.clean
    return {
        "source": doc.name,
        "lang": clean.lang,
        "title": clean.title,
        "date": clean.date,
        "byline": clean.byline,
        "encoding": clean.source.encoding,
        "format": clean.source.format,
        **_pair_fields(doc, pair, langs or {}),
        "text": clean.text,
        "steps": [asdict(step) for step in clean.steps],
        "warnings": list(clean.source.warnings) + list(clean.warnings),
        "figures": _figure_dicts(doc, pair),
        "lists": [_list_dict(lst) for lst in doc.lists],
    }


def _pair_fields(doc: Document, pair: Pair | None, langs: dict[str, str]) -> dict[str, Any]:
    """Return the pairing fields of a document: its pair, or the pair it is the runner-up version of."""
    if pair is None:
        return {"pair": None, "pair_confidence": None, "pair_evidence": [], "pair_rank": None,
                "pair_runner_up": None, "discrepancies": []}
    if doc.name == pair.runner_up:  # a second version of the article: the same article, not the one chosen
        return {"pair": pair.zh if doc.lang == "en" else pair.en, "pair_confidence": pair.runner_up_confidence,
                "pair_evidence": list(pair.runner_up_evidence), "pair_rank": 2, "pair_runner_up": None,
                "discrepancies": []}
    # the runner-up is a version in one language; the document of the other language is the one it matched
    beaten = pair.runner_up is not None and langs.get(pair.runner_up, doc.lang) != doc.lang
    runner = ({"source": pair.runner_up, "confidence": pair.runner_up_confidence,
               "evidence": list(pair.runner_up_evidence)} if beaten else None)
    return {"pair": pair.zh if pair.en == doc.name else pair.en, "pair_confidence": round(pair.confidence, 3),
            "pair_evidence": list(pair.evidence), "pair_rank": 1, "pair_runner_up": runner,
            "discrepancies": list(pair.discrepancies)}


def _figure_dicts(doc: Document, pair: Pair | None) -> list[dict[str, Any]]:
    """Return the figures, each with its counterpart in the pair and its labels in both languages."""
    marks = {m.index: m for m in pair.labels if m.source == doc.name} if pair is not None else {}
    figures = []
    for index, fig in enumerate(doc.figures):
        mark = marks.get(index)
        figures.append({**asdict(fig), "counterpart": mark.counterpart if mark else None,
                        "labels": asdict(mark.label) if mark else None,
                        "period_labels": asdict(mark.period) if mark else None})
    return figures


def _list_dict(lst: MeasureList) -> dict[str, Any]:
    """Return one measure list as a JSON-ready dict."""
    data = asdict(lst)
    data["parent"] = list(lst.parent) if lst.parent else None
    return data


def _partners(pairs: tuple[Pair, ...]) -> dict[str, Pair]:
    """Map each paired document name, and each runner-up version, to its pair."""
    return {name: p for p in pairs for name in (p.en, p.zh, p.runner_up) if name}


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
    if pair and doc.name == pair.runner_up:
        lines.append(f"   runner-up version for: {pair.zh if doc.lang == 'en' else pair.en} "
                     f"({pair.runner_up_confidence:.2f})")
    elif pair:
        runner = f"; runner-up {pair.runner_up} ({pair.runner_up_confidence:.2f})" if pair.runner_up else ""
        lines.append(f"   pair: {pair.zh if pair.en == doc.name else pair.en} ({pair.confidence:.2f}){runner}")
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
