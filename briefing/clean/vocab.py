"""The noise vocabularies of the cleaning stage (briefing/clean/data/noise.yaml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.primitives import load_yaml

DATA = Path(__file__).parent / "data" / "noise.yaml"


@lru_cache(maxsize=1)
def noise_data() -> dict[str, Any]:
    """Load the noise vocabularies."""
    return load_yaml(DATA.read_text(encoding="utf-8"))
