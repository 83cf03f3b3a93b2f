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
    # "14-Nov-2025" (CGTN's stamps)
    re.compile(r"(?<!\d)(?P<d>\d{1,2})-" + MONTH + r"-(?P<y>(?:19|20)\d{2})(?!\d)", re.I),
)
TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
CITATION_RE = re.compile(r"^[(（]?\s*(?:《[^》\n]{1,30}》|people's daily|renmin ribao)", re.I)
STAMP_RE = re.compile(r"^(?:发布时间|发布日期|时间|日期|published|release time|publication date|date)"
                      r"\s*[:：]", re.I)
# a stamp line: a full date with a clock time or a source/update label ("Source: Xinhua | Updated:
# 2025-04-18 08:45", "时间：2025-06-16 10:00  来源：国家统计局", "2025-06-09 09:30 來源：…")
STAMP_LABEL_RE = re.compile(r"来源|來源|发布|發佈|时间|時間|日期|\b(?:source|updated|published|posted|release|"
                            r"date)\b\s*[:：]|\bby\s+[A-Z]", re.I)
CLOCK_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
STAMP_MAX = 150  # a stamp is a short line …
STAMP_WORDS = 10  # … of a few fields: more words around the date make it a sentence
STAMP_WORD_RE = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2,}")
TOP_LINES = 15  # stamps are read among the first lines, furniture or not
TAG_RE = re.compile(r"[(（][^()（）]{2,30}[)）]$")
SUBTITLE_RE = re.compile(r"^(?:——|--|—|－－)")
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
    # Only the head lines and the citation lines are read, so only they are tested for furniture;
    # a stamp ("Source: Xinhua | Updated: …") is furniture for the text but metadata here.
    head = list(islice((line for line in lines if stamp_date(line) or not is_furniture(line)), HEAD_LINES))
    cited = (line for line in lines if CITATION_RE.match(line) and not is_furniture(line))
    return Meta(title=find_title(head), date=_find_date(cited, head, lines[:TOP_LINES]),
                byline=find_byline(head))


def stamp_date(line: str) -> str | None:
    """Return the ISO date of a stamp line: a full date with a clock time, a source label or fields."""
    if len(line) > STAMP_MAX or line.endswith(SENTENCE_END) or not (CLOCK_RE.search(line)
                                                                     or STAMP_LABEL_RE.search(line)
                                                                     or _fields(line)):
        return None
    found = parse_date(line)
    if not found:
        return None
    rest = line[: found[1].start()] + line[found[1].end():]
    # fields, not prose: "By WANG LEI | chinadaily.com.cn | Updated:" has few words around the date
    return found[0] if len(STAMP_WORD_RE.findall(rest)) <= STAMP_WORDS else None


FIELD_SEPARATOR = " | "
FIELD_MAX_WORDS = 4


def _fields(line: str) -> bool:
    """Tell whether a line is short fields between " | " ("Xinhua | October 13, 2024 | Print")."""
    fields = line.split(FIELD_SEPARATOR)
    return len(fields) >= 3 and all(0 < len(f.split()) <= FIELD_MAX_WORDS for f in fields)


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
    return _find_date((line for line in lines if CITATION_RE.match(line)), lines[:HEAD_LINES],
                      lines[:TOP_LINES])


def _find_date(cited: Iterable[str], head: list[str], top: list[str]) -> str | None:
    """Return the date of a citation line, else a lone date, a stamp, or a dated title."""
    for line in cited:  # a print edition's citation beats a web reprint's stamp
        if found := parse_date(line):
            return found[0]
    for line in head:
        if iso := lone_date(line):
            return iso
    for line in top:
        if iso := _labelled_or_stamp_date(line):
            return iso
    return _title_date(head)


def _labelled_or_stamp_date(line: str) -> str | None:
    """Return the date of a labelled line ("发布时间：…") or of a stamp-shaped line."""
    if STAMP_RE.match(line) and (found := parse_date(line)):
        return found[0]
    return stamp_date(line)


def _title_date(head: list[str]) -> str | None:
    """Return a date the headline carries in brackets ("Press Conference (May 15, 2025)")."""
    title = find_title(head)
    bracketed = re.search(r"[(（]([^()（）]{6,30})[)）]", title or "")
    found = parse_date(bracketed.group(1)) if bracketed else None
    return found[0] if found else None


def is_meta_line(line: str) -> bool:
    """Tell whether a line is a date, a stamp, a citation or a byline rather than a title."""
    return bool(lone_date(line) or STAMP_RE.match(line) or CITATION_RE.match(line)
                or _byline(line) or stamp_date(line))


def find_title(lines: list[str]) -> str | None:
    """Return the headline: the heading right above its stamp or byline, else the tagged one or the first."""
    heads: list[str] = []
    previous: str | None = None
    for line in lines[:HEAD_LINES]:
        if is_meta_line(line):
            if previous is not None:  # a site name or a kicker comes first; the title sits on its stamp
                return previous
            continue
        if not _heading_like(line):
            break
        if SUBTITLE_RE.match(line):  # "——访…部长": the subtitle under the headline
            continue
        heads.append(line)
        previous = line
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
