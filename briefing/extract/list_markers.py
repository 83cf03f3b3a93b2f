"""Ordinal markers ("First, …", 一是…, （一）) found at sentence and clause starts, and the numbered
runs 1, 2, 3 … they make. A damaged marker ("*是", "□，") may stand for a number a run misses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from briefing.extract.headlines import data
from briefing.extract.list_text import Layout, clause_starts

_ZH_NUM = "十[一二三四五]|[一二三四五六七八九十]"
_DIGITS = "[1-9][0-9]?|[１-９]"
_FULLWIDTH = str.maketrans("１２３４５６７８９０", "1234567890")
SCAN = 8  # open runs looked at per hit: a text with thousands of lists stays linear


@dataclass(frozen=True)
class Marker:
    """One compiled marker style."""

    family: str
    regex: re.Pattern[str]
    n: int | None  # fixed number when the pattern has no `num` group
    last: bool  # closes a list ("Finally", 最后)
    comma_ok: bool  # may start after a comma
    damaged: bool = False  # a marker whose number was destroyed ("*是"): stands in for a missing one
    weak: bool = False  # makes a list only where the list is clear ("one is …")


@dataclass(frozen=True)
class Hit:
    """One ordinal marker found at a sentence or clause start."""

    start: int  # where the marker starts
    body: int  # where the item text starts (after the marker)
    n: int  # 0 for a closing marker; for a damaged marker, the number it stands for once placed
    family: str
    para: int
    heading: bool = False  # the marker opens a heading line ("（一）Heading", no full stop)
    damaged: bool = False
    weak: bool = False  # a weak style, or an English marker after a comma


@dataclass
class Run:
    """A sequence of hits being grown into one list."""

    family: str
    hits: list[Hit]
    headless: bool = False  # opened by its second item: the first marker is missing


@lru_cache(maxsize=2)
def markers(lang: str) -> tuple[Marker, ...]:
    """Compile the marker styles of a language from the data file (damaged styles last)."""
    cfg = data()
    ord_en = "|".join(sorted(cfg["ordinals_en"], key=len, reverse=True))
    lost = re.escape(cfg["damaged_chars"])
    out = []
    for spec in cfg[f"markers_{lang}"] + cfg[f"damaged_markers_{lang}"]:
        pattern = spec["pattern"].replace("{ORD_EN}", ord_en).replace("{ORD_ZH}", _ZH_NUM)
        pattern = pattern.replace("{NUM}", _DIGITS).replace("{LOST}", lost)
        out.append(Marker(spec["family"], re.compile(pattern, re.IGNORECASE), spec.get("n"),
                          bool(spec.get("last")), bool(spec.get("comma_ok")), bool(spec.get("damaged")),
                          bool(spec.get("weak"))))
    return tuple(out)


def _number(word: str) -> int:
    """Turn an ordinal word, Chinese numeral or digit string into an int."""
    cfg = data()
    key = word.lower()
    for table in ("ordinals_en", "ordinals_zh"):
        if key in cfg[table]:
            return int(cfg[table][key])
    return int(word.translate(_FULLWIDTH))


def find_hits(lay: Layout) -> list[Hit]:
    """Find every ordinal marker at a sentence (or, for some zh styles, clause) start."""
    hits: list[Hit] = []
    for index, span in enumerate(lay.paras):
        starts = {s for s, _ in lay.sents[index]}
        commas = set(clause_starts(lay.text, span, lay.lang)) - starts
        for pos in sorted(starts | commas):
            hit = match_at(lay, pos, index, pos in commas)
            if hit:
                hits.append(hit)
    return hits


def match_at(lay: Layout, pos: int, para: int, after_comma: bool) -> Hit | None:
    """Return the first marker style matching at `pos`, as a hit."""
    for marker in markers(lay.lang):
        if after_comma and not marker.comma_ok:
            continue
        match = marker.regex.match(lay.text, pos)
        if match:
            n = 0 if marker.last else marker.n or _number(match.group("num"))
            weak = marker.weak or (after_comma and lay.lang == "en")
            return Hit(pos, match.end(), n, marker.family, para, _is_heading(lay, match), marker.damaged, weak)
    return None


def _is_heading(lay: Layout, match: re.Match[str]) -> bool:
    """Tell whether a marker opens a short line of its own with no closing stop (a heading)."""
    text = lay.text
    if not (match.start() == 0 or text[match.start() - 1] == "\n"):
        return False
    words = data()[f"heading_max_{'words_en' if lay.lang == 'en' else 'chars_zh'}"]
    # a heading is short: look for the line's end no further than a heading can reach
    reach = match.end() + (words * 20 if lay.lang == "en" else words * 2) + 2
    end = text.find("\n", match.end(), reach)
    if end < 0 and reach < len(text):
        return False
    line = text[match.end():len(text) if end < 0 else end].strip()
    if not line or line[-1] in ".!?;:。！？；：，,":
        return False
    size = len(line.split()) if lay.lang == "en" else len(line)
    return size <= words


# --- runs ------------------------------------------------------------------------------------
class RunBuilder:
    """Grow hits into runs 1, 2, 3 … of one family, in one pass over the hits.

    Open runs are kept by what they wait for (family, next number), so a hit looks only at the
    runs it can continue; a damaged marker waits until a run needs the number it stands for.
    """

    def __init__(self) -> None:
        cfg = data()
        self.gap, self.heading_gap = int(cfg["max_paragraph_gap"]), int(cfg["max_heading_gap"])
        self.closer_gap = int(cfg["max_closer_gap"])
        self.waiting: dict[tuple[str, int], dict[int, Run]] = {}
        self.closable: dict[int, Run] = {}
        self.runs: list[Run] = []
        self.damaged: list[Hit] = []

    def add(self, hit: Hit) -> None:
        """Continue a run with `hit`, or open one."""
        if hit.damaged:
            self.damaged.append(hit)
        elif hit.n == 0:
            self._close(hit)
        elif not self._continue(hit) and not self._repair(hit) and hit.n in (1, 2):
            self._open(Run(hit.family, [hit], headless=hit.n == 2))

    def _open(self, run: Run) -> None:
        """Start tracking a new run."""
        self.runs.append(run)
        self._file(len(self.runs) - 1, run)

    def _file(self, key: int, run: Run) -> None:
        """File a run under what it waits for; a run of two or more may also take a closer."""
        last = run.hits[-1]
        self.waiting.setdefault((run.family, last.n), {})[key] = run
        if sum(1 for h in run.hits if h.n) >= 2:
            self.closable.pop(key, None)
            self.closable[key] = run

    def _unfile(self, key: int, run: Run) -> None:
        """Stop tracking a run under its current wait."""
        self.waiting.get((run.family, run.hits[-1].n), {}).pop(key, None)

    def _fits(self, run: Run, hit: Hit) -> bool:
        """Tell whether `hit` is close enough to `run`'s last hit to continue it."""
        last = run.hits[-1]
        gap = self.heading_gap if last.heading and hit.heading else self.gap
        return hit.para - last.para <= gap

    def _candidates(self, hit: Hit, n: int) -> list[tuple[int, Run]]:
        """Return the open runs waiting for number `n` that `hit`'s family may continue."""
        found = []
        for family in {hit.family, "any"}:
            bucket = self.waiting.get((family, n - 1), {})
            for key in list(islice(reversed(bucket), SCAN)):
                run = bucket[key]
                if self._fits(run, hit):
                    found.append((key, run))
                    break
                if hit.para - run.hits[-1].para > self.heading_gap:
                    del bucket[key]  # too far behind ever to be continued
        return found

    def _continue(self, hit: Hit) -> bool:
        """Append `hit` to the newest run waiting for its number; tell whether one was."""
        found = self._candidates(hit, hit.n)
        if not found:
            return False
        key, run = max(found, key=lambda kr: kr[0])
        self._extend(key, run, [hit])
        return True

    def _extend(self, key: int, run: Run, hits: list[Hit]) -> None:
        """Append hits to a run and file it under its new wait."""
        self._unfile(key, run)
        run.hits.extend(hits)
        if run.family == "any":
            run.family = hits[-1].family
        self._file(key, run)

    def _repair(self, hit: Hit) -> bool:
        """Let a damaged marker stand for the number before `hit` (a destroyed "一是", "第二")."""
        at = self._damaged_before(hit)
        if at is None:
            return False
        stand_in = self.damaged[at]
        if hit.n == 2:
            del self.damaged[at]
            self._open(Run(hit.family, [_placed(stand_in, 1, hit.family), hit]))
            return True
        found = [(k, r) for k, r in self._candidates(hit, hit.n - 1) if r.hits[-1].start < stand_in.start]
        if not found:
            return False
        del self.damaged[at]
        key, run = max(found, key=lambda kr: kr[0])
        self._extend(key, run, [_placed(stand_in, hit.n - 1, hit.family), hit])
        return True

    def _damaged_before(self, hit: Hit) -> int | None:
        """Return the index of the latest damaged marker before `hit`, close enough and of its family."""
        for at in range(len(self.damaged) - 1, max(-1, len(self.damaged) - 1 - SCAN), -1):
            cand = self.damaged[at]
            if cand.start >= hit.start:
                continue
            if hit.para - cand.para > self.gap:
                return None
            if cand.family in (hit.family, "any"):
                return at
        return None

    def _close(self, hit: Hit) -> None:
        """Close the newest run of two or more items with a closer ("Finally", 最后)."""
        for key in list(islice(reversed(self.closable), SCAN)):
            run = self.closable[key]
            if hit.para - run.hits[-1].para <= self.closer_gap:
                self._unfile(key, run)
                del self.closable[key]
                run.hits.append(hit)
                return
            del self.closable[key]  # later closers are further still

    def finished(self) -> list[Run]:
        """Return every run, in order of its first hit."""
        return sorted(self.runs, key=lambda r: r.hits[0].start)


def _placed(hit: Hit, n: int, family: str) -> Hit:
    """Return a damaged marker as the item `n` of a run of `family`."""
    return Hit(hit.start, hit.body, n, family, hit.para, hit.heading, damaged=True)
