"""Sign check beside the project scorer: it matches values by absolute value, we also want the sign right."""
from __future__ import annotations

from typing import Any

from tests.tools.score_extract import fig_matches


def sign_misses(doc: dict[str, Any] | None, gold: dict[str, Any]) -> list[str]:
    """Return the required figures found only with the wrong sign (a decline published as a rise)."""
    figures = (doc or {}).get("figures") or []
    misses = []
    for want in gold["figures"]["required"]:
        found = [f for f in figures if fig_matches(f, want)]
        negative = float(want["value"]) < 0
        if found and not any((float(f["value"]) < 0) == negative for f in found):
            misses.append(want["text"])
    return misses
