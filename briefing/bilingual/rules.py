"""The pairing rules as data: briefing/bilingual/data/pairing.yaml, read once."""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from briefing.primitives import load_yaml


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """Return the pairing data (vocabularies, chances, evidence weights)."""
    text = resources.files("briefing.bilingual").joinpath("data/pairing.yaml").read_text(encoding="utf-8")
    return load_yaml(text)
