"""Read a cleaned text's title, publication date and byline with small, robust heuristics."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

LONE_DATE_MAX = 40  # a line holding only a date (and a time) is never longer
HEAD_LINES = 8  # title, byline and date stamps live in the first few lines
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
MONTH = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?)"
DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    re.compile(MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d{2})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+" + MONTH + r",?\s+(?P<y>(?:19|20)\d{2})(?!\d)", re.I),
)
TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
CITATION_RE = re.compile(r"^[(（]?\s*(?:《[^》\n]{1,30}》|people's daily|renmin ribao)", re.I)
STAMP_RE = re.compile(r"^(?:发布时间|发布日期|时间|日期|published|release time|publication date|date)"
                      r"\s*[:：]", re.I)
TAG_RE = re.compile(r"[(（][^()（）]{2,30}[)）]$")
SENTENCE_END = tuple(".。;；")
HAN_RUN_RE = re.compile("[\u4e00-\u9fff]++")
EN_BYLINE_RE = re.compile(
    r"(?:by|reporters?|correspondents?|written by|authors?)[:：]?\s+"
    r"[A-Z][\w'-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'-]*){0,7}", re.I)
ZH_BYLINE_RE = re.compile(r"[(（]?\s*(?:本报|新华社)?(?:记者|通讯员|作者|文)\s*[:：/]?\s*"
                          r"[\u4e00-\u9fff·]{2,5}(?:[\s、,，]+[\u4e00-\u9fff·]{2,5}){0,5}\s*[)）]?")
ZH_DATELINE_BYLINE_RE = re.compile(r"电\s*[(（]\s*((?:记者|通讯员)[^)）\n]{2,40})[)）]")


@dataclass(frozen=True)
class Meta:
    """A document's title, ISO publication date and byline, each None when not found."""

    title: str | None = None
    date: str | None = None
    byline: str | None = None


def read_meta(text: str, is_furniture: Callable[[str], bool] = lambda line: False) -> Meta:
    """Read the title, date and byline of a cleaned text."""
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    # Only the head lines and the citation lines are read, so only they are tested for furniture.
    head = list(islice((line for line in lines if not is_furniture(line)), HEAD_LINES))
    cited = (line for line in lines if CITATION_RE.match(line) and not is_furniture(line))
    return Meta(title=find_title(head), date=_find_date(cited, head), byline=find_byline(head))


def parse_date(text: str) -> tuple[str, re.Match[str]] | None:
    """Return the first valid full date (with a year) in `text` as ISO, and its match."""
    found: list[tuple[int, str, re.Match[str]]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso:
                found.append((match.start(), iso, match))
                break
    if not found:
        return None
    _, iso, match = min(found, key=lambda item: item[0])
    return iso, match


def _iso(match: re.Match[str]) -> str | None:
    """Turn a date match into YYYY-MM-DD, or None when it is not a real date."""
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _month(parts.get("mon") or "")
    try:
        return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
    except (TypeError, ValueError):
        return None


def _month(name: str) -> int | None:
    """Return the number of an English month name or abbreviation."""
    name = name.lower().rstrip(".")
    return next((n for full, n in MONTHS.items() if full.startswith(name) and len(name) >= 3), None)


def lone_date(line: str) -> str | None:
    """Return the ISO date when a line holds nothing but a date (and maybe a time)."""
    found = parse_date(line) if len(line) <= LONE_DATE_MAX else None
    if not found:
        return None
    iso, match = found
    rest = line[: match.start()] + line[match.end():]
    return iso if re.fullmatch(r"[\s(（)）,，]*" + TIME + r"[\s(（)）]*", rest) else None


def find_date(lines: list[str]) -> str | None:
    """Return the publication date: a newspaper citation, a lone date line, then a stamp."""
    return _find_date((line for line in lines if CITATION_RE.match(line)), lines[:HEAD_LINES])


def _find_date(cited: Iterable[str], head: list[str]) -> str | None:
    """Return the date of the first citation line that has one, else of the head lines."""
    for line in cited:
        if found := parse_date(line):
            return found[0]
    for line in head:
        if iso := lone_date(line):
            return iso
    for line in head:
        if STAMP_RE.match(line) and (found := parse_date(line)):
            return found[0]
    return None


def is_meta_line(line: str) -> bool:
    """Tell whether a line is a date, a stamp, a citation or a byline rather than a title."""
    return bool(lone_date(line) or STAMP_RE.match(line) or CITATION_RE.match(line)
                or _byline(line))


def find_title(lines: list[str]) -> str | None:
    """Return the headline: among the heading lines at the top, the tagged one or the first."""
    heads: list[str] = []
    for line in lines[:HEAD_LINES]:
        if is_meta_line(line):
            continue
        if not _heading_like(line):
            break
        heads.append(line)
    tagged = [line for line in heads if TAG_RE.search(line)]
    return (tagged or heads or [None])[0]


def _heading_like(line: str) -> bool:
    """Tell whether a line reads as a heading: short, and not a finished sentence."""
    if len(line) > 250 or line.endswith(SENTENCE_END):
        return False
    # mostly Chinese lines must be shorter (80); count only when the limit decides
    return len(line) <= 80 or sum(map(len, HAN_RUN_RE.findall(line))) * 2 <= len(line)


def _byline(line: str) -> str | None:
    """Return the byline a short line holds, if it is one."""
    if len(line) > 60:
        return None
    for pattern in (EN_BYLINE_RE, ZH_BYLINE_RE):
        if pattern.fullmatch(line):
            return line.strip("()（） ")
    return None


def find_byline(lines: list[str]) -> str | None:
    """Return the byline from the first lines ("Reporter Luo Shanshan", 记者 xxx)."""
    for line in lines[:HEAD_LINES]:
        if found := _byline(line):
            return found
        if match := ZH_DATELINE_BYLINE_RE.search(line):
            return match.group(1).strip()
    return None
