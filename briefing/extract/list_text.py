"""Paragraph and sentence spans of a cleaned text, as (start, end) character offsets."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Span = tuple[int, int]

# A sentence ends at terminal punctuation, optionally followed by closing quotes or brackets.
_EN_BOUNDARY = re.compile(r"[.!?;:]['\"”’)]*+\s++")
# an ASCII colon too (pages typed with ASCII punctuation), but not inside a clock time or a ratio
_ZH_BOUNDARY = re.compile(r"(?:[。！？；：!?;]|(?<![0-9]):)['\"”’）)」』]*+\s*+")
_ZH_CLAUSE = re.compile(r"[，,]\s*+")
_EN_CLAUSE = re.compile(r",\s++(?:and\s++)?")
_TERMINAL = tuple(".!?:;。！？：；\"”’)）")


def paragraphs(text: str) -> list[Span]:
    """Return paragraph spans: non-empty lines, with hard-wrapped lines joined back."""
    spans: list[Span] = []
    for match in re.finditer(r"[^\n]++", text):
        start, end = _strip(text, match.start(), match.end())
        if start >= end:
            continue
        if spans and _is_wrapped(text, spans[-1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _is_wrapped(text: str, prev: Span, start: int) -> bool:
    """Tell whether the line at `start` continues the previous line (a hard wrap)."""
    if "\n\n" in text[prev[1]:start] or text[prev[1] - 1] in _TERMINAL:
        return False
    # A wrapped line follows a long line and starts in lower case (English only).
    return prev[1] - prev[0] >= 60 and text[start].islower()


def _strip(text: str, start: int, end: int) -> Span:
    """Shrink a span so it has no surrounding whitespace (full-width spaces included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, span: Span, lang: str) -> list[Span]:
    """Return the sentence spans within a paragraph span."""
    boundary = _ZH_BOUNDARY if lang == "zh" else _EN_BOUNDARY
    out: list[Span] = []
    pos = span[0]
    for match in boundary.finditer(text, span[0], span[1]):
        if match.end() < span[1] and not _is_split_ok(text, match, lang):
            continue
        out.append(_strip(text, pos, match.end()))
        pos = match.end()
    if pos < span[1]:
        out.append(_strip(text, pos, span[1]))
    return [s for s in out if s[0] < s[1]]


def _is_split_ok(text: str, match: re.Match[str], lang: str) -> bool:
    """Reject English splits inside decimals or before a lower-case continuation."""
    if lang == "zh":
        return True
    nxt = text[match.end()] if match.end() < len(text) else ""
    return not nxt.islower() or text[match.start()] in ";:"


def clause_starts(text: str, span: Span, lang: str) -> list[int]:
    """Return the positions where a clause may start within a paragraph (after a comma, or ", and")."""
    clause = _ZH_CLAUSE if lang == "zh" else _EN_CLAUSE
    return [m.end() for m in clause.finditer(text, span[0], span[1]) if m.end() < span[1]]


def at_page_end(lay: Layout, pos: int) -> bool:
    """Tell whether only spaces and separating commas or semicolons follow `pos` in the text."""
    end = lay.paras[-1][1] if lay.paras else 0
    while end > pos and lay.text[end - 1] in ",;，；、":
        end -= 1
    return pos >= end


class Layout:
    """A text's paragraphs and their sentences, split once so every lookup is a binary search."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang
        self.paras = paragraphs(text)
        self.sents = [sentences(text, span, lang) for span in self.paras]
        self._starts = [[s for s, _ in para] for para in self.sents]
        self._para_starts = [s for s, _ in self.paras]

    def para_of(self, pos: int) -> int:
        """Return the index of the paragraph holding `pos` (or the last one before it)."""
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def sentence_at(self, index: int, pos: int) -> Span | None:
        """Return the sentence of paragraph `index` that holds `pos`."""
        k = bisect_right(self._starts[index], pos) - 1
        if k < 0 or pos >= self.sents[index][k][1]:
            return None
        return self.sents[index][k]

    def last_sentence(self, index: int) -> Span:
        """Return the last sentence of paragraph `index`."""
        return self.sents[index][-1]

    def sentences_before(self, index: int, pos: int, most: int) -> list[Span]:
        """Return up to `most` sentences of paragraph `index` that start before `pos`, nearest first."""
        k = bisect_left(self._starts[index], pos)
        return self.sents[index][max(0, k - most):k][::-1]

    def end_after(self, index: int, pos: int, most: int) -> int:
        """Return the end of the `most`-th sentence of paragraph `index` counted from the one holding `pos`."""
        k = max(0, bisect_right(self._starts[index], pos) - 1)
        return self.sents[index][min(len(self.sents[index]) - 1, k + most - 1)][1]

    def sentences_from(self, index: int, pos: int, most: int) -> list[Span]:
        """Return up to `most` sentences of paragraph `index` that start at or after `pos`."""
        k = bisect_left(self._starts[index], pos)
        return self.sents[index][k:k + most]
