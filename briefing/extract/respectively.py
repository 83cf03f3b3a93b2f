"""Lists of values said in one breath: "A, B and C grew 6.2, 2.4 and 4.8 percent year on year respectively".

Each value is its own figure (cores.read_chain gives them the unit written once); here they share
the verb and the basis said once for the list, and take their own subject, in order, from the list
of subjects before them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from briefing.extract.context import Segments, span_of
from briefing.extract.numbers import data
from briefing.models import Figure

SPLIT_REACH = 200  # how far a "respectively" is looked for around a group of figures
RESPECTIVELY = re.compile(r"respectively|分别", re.I)
JOINER = re.compile(r"\s*+(?:,|，|、|and|&|和|与|及)\s*+", re.I)
SUBJECT_SPLIT = re.compile(r",\s|\s(?:and|&)\s|、|和|与|及")
LIST_END = re.compile(r"、|和|与|及|&|\band\b", re.I)  # what joins the last two values of a list
DEFAULT_BASES = ("level", "none")  # what a value gets when it has no cue of its own


def apply_respectively(text: str, segs: Segments, figures: list[Figure]) -> list[Figure]:
    """Give the values of each list of figures one verb and basis, and each its own subject."""
    out = list(figures)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and joined(text, out[j], out[j + 1]):
            j += 1
        if j > i:
            group = out[i:j + 1]
            if is_list(text, segs, group):
                group = split_subjects(text, segs, share_verb_and_basis(group))
            out[i:j + 1] = group
        i = j + 1
    return out


def is_list(text: str, segs: Segments, group: list[Figure]) -> bool:
    """Tell a list ("6.2%, 2.4% and 4.8%", 6.2%、2.4%) from an apposition ("11.86 trillion yuan, 2.9 trillion more")."""
    return LIST_END.search(text, group[-2].end, group[-1].start) is not None or respectively_near(text, segs, group)


def respectively_near(text: str, segs: Segments, group: list[Figure]) -> bool:
    """Tell whether "respectively" or 分别 stands in the group's sentence, near it."""
    s0, s1 = span_of(segs.sentences, group[0].start, group[-1].end, len(text))
    return RESPECTIVELY.search(text, max(s0, group[0].start - SPLIT_REACH), min(s1, group[-1].end + SPLIT_REACH)) \
        is not None


def joined(text: str, a: Figure, b: Figure) -> bool:
    """Tell whether two figures of one unit stand next to each other with only a comma or "and" between."""
    return a.unit == b.unit and a.end <= b.start and JOINER.fullmatch(text, a.end, b.start) is not None


def share_verb_and_basis(group: list[Figure]) -> list[Figure]:
    """Let values without a cue of their own take the list's verb (its first) and basis (any stated one)."""
    lead = group[0] if group[0].direction else None
    stated = next((f.basis for f in group if f.basis not in DEFAULT_BASES), group[0].basis)
    if lead is None and stated in DEFAULT_BASES:
        return group  # neither a verb nor a basis to share
    # a list that falls falls throughout, unless its first value says the decline narrowed (降幅收窄)
    falling = lead is not None and lead.direction == "down" and (lead.value < 0 or lead.basis not in signed())
    return [with_list_cues(f, lead, stated, falling) for f in group]


def with_list_cues(fig: Figure, lead: Figure | None, stated: str, falling: bool) -> Figure:
    """Fill one value's missing direction and basis from its list, and sign it as the list's others."""
    direction = fig.direction or (lead.direction if lead else None)
    basis = stated if fig.basis in DEFAULT_BASES and (fig.direction is None or fig.basis == "none") else fig.basis
    value, value_max = fig.value, fig.value_max
    if falling and direction == "down" and basis in signed() and value > 0:
        value, value_max = -value, None if value_max is None else -value_max
    return replace(fig, direction=direction, basis=basis, value=value, value_max=value_max)


def signed() -> list[str]:
    """Return the bases whose declines are negative values."""
    return data()["signed_bases"]


def split_subjects(text: str, segs: Segments, group: list[Figure]) -> list[Figure]:
    """Split the shared subject of a "respectively" group, one part per value."""
    if not respectively_near(text, segs, group):
        return group
    subject, _, tail = group[0].label.partition(" share of ")
    parts = [p.strip() for p in SUBJECT_SPLIT.split(subject) if p.strip()]
    if len(parts) != len(group):
        return group
    tail = f" share of {tail}" if tail else ""
    return [replace(f, label=part + tail) for f, part in zip(group, parts)]
