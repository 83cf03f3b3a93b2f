"""Inject symbols into clean text the way noisy real pages show them (a test helper).

Two pages of the project carry injected noise: sources/004_… (runs of 1–5 symbols, some holding a
space anywhere in the run) and tests/heldout2/202_… (runs of 1–4 symbols whose space, when there
is one, sits at an edge of the run: "hε eld", "C≠ hina"). A NoiseModel is measured from such a
page — how often a run starts, which symbols, how long, where its space goes — and `inject` puts
the same noise into a clean text, reproducibly for a seed. Recovery is then measured against the
clean text itself, with no hand labels.
"""
from __future__ import annotations

import difflib
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.clean import steps as clean

ROOT = Path(__file__).resolve().parents[2]
NOISY_PAGES = {"004": ROOT / "sources" / "004_c9713b0c270de763.txt",
               "202": ROOT / "tests" / "heldout2" / "202_7b7002c4d39babd5.txt"}


@dataclass(frozen=True)
class NoiseModel:
    """What one noisy page shows of its injected runs."""

    rate: float  # runs per character
    symbols: tuple[str, ...]  # every symbol of every run, as often as it occurs
    lengths: tuple[int, ...]  # symbols per run, as often as each occurs
    spaced: float  # share of runs holding a space
    inner: float  # of those, the share whose space is inside the run, not at an edge


@cache
def measured(name: str) -> NoiseModel:
    """Measure the noise of a noisy page (see NOISY_PAGES) with the cleaner's own run pattern."""
    text = NOISY_PAGES[name].read_text(encoding="utf-8")
    runs = [m.group() for m in clean._injection_res()[0].finditer(text)]
    spaced = [run for run in runs if " " in run]
    inner = sum(" " in run.strip() for run in spaced)
    return NoiseModel(rate=len(runs) / len(text),
                      symbols=tuple(ch for run in runs for ch in run if ch != " "),
                      lengths=tuple(len(run.replace(" ", "")) for run in runs),
                      spaced=len(spaced) / len(runs), inner=inner / max(1, len(spaced)))


def inject(text: str, seed: int, model: NoiseModel) -> str:
    """Return `text` with runs of symbols injected at the model's rate (never at a line start)."""
    rng = random.Random(seed)
    spots = [i for i, ch in enumerate(text) if i and ch != "\n" and text[i - 1] != "\n"]
    chars = list(text)
    for i in sorted(rng.sample(spots, min(len(spots), int(model.rate * len(text)))), reverse=True):
        chars[i:i] = _run(rng, model)
    return "".join(chars)


def _run(rng: random.Random, model: NoiseModel) -> list[str]:
    """Draw one run of symbols, with a space where the model puts one."""
    run = [rng.choice(model.symbols) for _ in range(rng.choice(model.lengths))]
    if rng.random() < model.spaced:
        inside = rng.random() < model.inner and len(run) > 1
        run.insert(rng.randrange(1, len(run)) if inside else rng.choice((0, len(run))), " ")
    return run


EN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")
ZH_KEPT = re.compile(f"[{clean.CJK_CLASS}0-9A-Za-z%.，。、：“”]")


def recovered(truth: list[str], back: list[str]) -> float:
    """Return the share of `truth`'s tokens found again, in order, in `back`."""
    matcher = difflib.SequenceMatcher(None, truth, back, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(truth))


def word_errors(truth: list[str], back: list[str]) -> list[tuple[str, str]]:
    """Return the (clean, recovered) word groups that differ: the splits and glues left."""
    matcher = difflib.SequenceMatcher(None, truth, back, autojunk=False)
    return [(" ".join(truth[a:b]), " ".join(back[c:d]))
            for op, a, b, c, d in matcher.get_opcodes() if op != "equal"]
