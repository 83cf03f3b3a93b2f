"""Page furniture that only shows as a run of lines: related headlines under a label or after the
article's end, and a decoration before a lone heading. Decided on the lines, by index."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from briefing.clean.vocab import noise_data
from briefing.primitives import CJK_RUN_RE

Test = Callable[[str], bool]
QUOTE_PREFIX_RE = re.compile(r"(?:>|»|＞)\s++(?=[A-Za-z\u4e00-\u9fff])")
BLOCK_ELEMENTS = frozenset(chr(c) for c in range(0x2580, 0x25A0))  # ▌ ▍ █: a page's bars, never text
SENTENCE_END = tuple(".。!！?？;；:：…")
LIST_START_RE = re.compile(r"(?:\d{1,2}[.、)）]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}(?:是|、)"
                           r"|first|second|third|finally)", re.I)


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    """Compile the labels of a related-headlines block ("Related News", 相关新闻, "You may also like")."""
    labels = noise_data()["related_block"]["labels"]
    return re.compile(r"[\[【]?(?:" + "|".join(labels) + r")[\]】]?\s*+[:：]?\s*+", re.I)


def headline_like(line: str) -> bool:
    """Tell whether a stripped line reads as a headline: a short heading, not a list item, words not one."""
    if not short_heading(line) or LIST_START_RE.match(line):
        return False
    return CJK_RUN_RE.search(line) is not None or len(line.split()) >= 2


def short_heading(line: str) -> bool:
    """Tell whether a stripped line reads as a heading: short and no sentence (numbered ones too: "一、…")."""
    conf = noise_data()["related_block"]
    if not line or line.endswith(SENTENCE_END):
        return False
    cjk = sum(map(len, CJK_RUN_RE.findall(line)))
    return len(line) <= conf["max_headline_chars"] and cjk <= conf["max_headline_cjk"]


def title_case(line: str) -> bool:
    """Tell whether an English line is in Title Case ("Freight Trains Make 2,000 Trips in 2024")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", line) if len(w) >= 4]
    return len(line.split()) >= 4 and len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def related_lines(lines: Sequence[str], is_furniture: Test, is_stamp: Test) -> set[int]:
    """Return the indices of related blocks' lines: a label and its headlines, or headlines after the article's end."""
    drop: set[int] = set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        if _label_re().fullmatch(lines[i].strip()):
            drop |= {i} | _headlines_after(lines, filled[k + 1:], is_stamp)
    return drop | _trailing_headlines(lines, filled, is_furniture)


def _headlines_after(lines: Sequence[str], following: Sequence[int], is_stamp: Test) -> set[int]:
    """Return the run of headline lines right after a label, stopping before an article's title."""
    limit = noise_data()["related_block"]["max_headlines"]
    run: set[int] = set()
    for k, i in enumerate(following[:limit]):
        line = lines[i].strip()
        if not headline_like(line):
            break
        after = lines[following[k + 1]].strip() if k + 1 < len(following) else ""
        if is_stamp(after) or len(after) > noise_data()["related_block"]["max_headline_chars"]:
            break  # a headline followed by its stamp or its first paragraph is the article's title
        run.add(i)
    return run


def _trailing_headlines(lines: Sequence[str], filled: Sequence[int], is_furniture: Test) -> set[int]:
    """Return headline lines after the article's end: after its last paragraph and a furniture line
    (editor, credit, label), or Title Case links alone at the very end."""
    # from the end back to the last paragraph of prose: only the page's tail is tested
    last_prose = next((k for k in range(len(filled) - 1, -1, -1)
                       if not headline_like(lines[filled[k]].strip()) and not is_furniture(lines[filled[k]].strip())), -1)
    if last_prose < 0:
        return set()
    tail = filled[last_prose + 1:]
    credits = [k for k, i in enumerate(tail) if is_furniture(lines[i].strip())]
    if credits:
        return {i for i in tail[credits[0] + 1:] if headline_like(lines[i].strip())}
    if tail and all(title_case(lines[i].strip()) for i in tail):
        return set(tail)
    return set()


@lru_cache(maxsize=1)
def _decoration_re() -> re.Pattern[str]:
    """Compile the decoration symbols a page puts before a heading (▌ ■ ◆ ▶ ● ★)."""
    return re.compile("([" + noise_data()["related_block"]["decorations"] + r"]{1,3})\s*+")


def decorated_heading(lines: Sequence[str], i: int) -> int:
    """Return the length of the decoration opening a lone heading at line i (0 when none).

    A heading is short and no sentence; lone, because bullets come in runs (a list keeps its bullets).
    Block bars (▌ ▍) go before any line.
    """
    line = lines[i].strip()
    indent = len(lines[i]) - len(lines[i].lstrip())
    quoted = QUOTE_PREFIX_RE.match(line)
    if quoted:  # "> 从区域看，…": a mail or mirror's quote mark on one line, never the text's
        return indent + quoted.end()
    found = _decoration_re().match(line)
    if not found or found.end() == len(line):
        return 0
    if all(ch in BLOCK_ELEMENTS for ch in found.group(1)):
        return indent + found.end()  # ▌ ▍ never are text: before any line
    if not short_heading(line[found.end():]):
        return 0
    symbol = found.group(1)[0]
    near = [lines[j].strip() for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(lines)]
    if any(other.startswith(symbol) for other in near if other):
        return 0
    return indent + found.end()
