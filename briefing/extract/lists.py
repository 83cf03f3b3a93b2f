"""Numbered measure lists (English and Chinese) → MeasureList.

Three kinds, by confidence: tier 1 lists marked by explicit ordinals ("First, …", 一是…);
tier 2 lists announced by a count ("three aspects", 4个方面) whose items are the following
paragraphs; tier 3 keyed lists (一增一降、一优一强) whose items start with the keys.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from briefing.extract.headlines import data, headline
from briefing.extract.list_text import Span, clause_starts, paragraph_index, paragraphs, sentences
from briefing.models import ListItem, MeasureList

__all__ = ["extract_lists", "headline"]

_ZH_NUM = "十[一二三四五]|[一二三四五六七八九十]"
_DIGITS = "[1-9][0-9]?|[１-９]"
_FULLWIDTH = str.maketrans("１２３４５６７８９０", "1234567890")


@dataclass(frozen=True)
class Marker:
    """One compiled marker style."""

    family: str
    regex: re.Pattern[str]
    n: int | None  # fixed number when the pattern has no `num` group
    last: bool  # closes a list ("Finally", 最后)
    comma_ok: bool  # may start after a comma


@dataclass(frozen=True)
class Hit:
    """One ordinal marker found at a sentence or clause start."""

    start: int  # where the marker starts
    body: int  # where the item text starts (after the marker)
    n: int  # 0 for a closing marker
    family: str
    para: int
    heading: bool = False  # the marker opens a heading line ("（一）Heading", no full stop)


@dataclass
class _Run:
    """A sequence of hits being grown into one list."""

    family: str
    hits: list[Hit]


def extract_lists(text: str, lang: str) -> tuple[MeasureList, ...]:
    """Return the measure lists of a cleaned text, in order of appearance, scored."""
    lang = "zh" if lang.lower().startswith("zh") else "en"  # other languages read as English
    paras = paragraphs(text)
    if not paras:
        return ()
    hits = _hits(text, paras, lang)
    opened = {h.para for h in hits if h.start == paras[h.para][0]}
    lists = [_ordinal_list(text, paras, run, lang, opened) for run in _runs(hits)]
    lists += _counted_lists(text, paras, lang, lists)
    lists += _following_lists(text, paras, lang, lists)
    if lang == "zh":
        lists += _keyed_lists(text, paras, lists)
    lists.sort(key=lambda m: (m.start, -m.end))
    return tuple(_nest(lists))


# --- markers ---------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def _markers(lang: str) -> tuple[Marker, ...]:
    """Compile the marker styles of a language from the data file."""
    cfg = data()
    ord_en = "|".join(sorted(cfg["ordinals_en"], key=len, reverse=True))
    out = []
    for spec in cfg[f"markers_{lang}"]:
        pattern = spec["pattern"].replace("{ORD_EN}", ord_en).replace("{ORD_ZH}", _ZH_NUM)
        pattern = pattern.replace("{NUM}", _DIGITS)
        out.append(Marker(spec["family"], re.compile(pattern, re.IGNORECASE), spec.get("n"),
                          bool(spec.get("last")), bool(spec.get("comma_ok"))))
    return tuple(out)


def _number(word: str) -> int:
    """Turn an ordinal word, Chinese numeral or digit string into an int."""
    cfg = data()
    key = word.lower()
    for table in ("ordinals_en", "ordinals_zh"):
        if key in cfg[table]:
            return int(cfg[table][key])
    return int(word.translate(_FULLWIDTH))


def _hits(text: str, paras: list[Span], lang: str) -> list[Hit]:
    """Find every ordinal marker at a sentence (or, for some zh styles, clause) start."""
    hits: list[Hit] = []
    for index, span in enumerate(paras):
        starts = {s for s, _ in sentences(text, span, lang)}
        commas = set(clause_starts(text, span, lang)) - starts
        for pos in sorted(starts | commas):
            hit = _match_at(text, pos, lang, index, pos in commas)
            if hit:
                hits.append(hit)
    return hits


def _match_at(text: str, pos: int, lang: str, para: int, after_comma: bool) -> Hit | None:
    """Return the first marker style matching at `pos`, as a hit."""
    for marker in _markers(lang):
        if after_comma and not marker.comma_ok:
            continue
        match = marker.regex.match(text, pos)
        if match:
            n = 0 if marker.last else marker.n or _number(match.group("num"))
            return Hit(pos, match.end(), n, marker.family, para, _is_heading(text, match, lang))
    return None


def _is_heading(text: str, match: re.Match[str], lang: str) -> bool:
    """Tell whether a marker opens a short line of its own with no closing stop (a heading)."""
    line_start = match.start() == 0 or text[match.start() - 1] == "\n"
    end = text.find("\n", match.end())
    line = text[match.end():len(text) if end < 0 else end].strip()
    if not line_start or not line or line[-1] in ".!?;:。！？；：，,":
        return False
    size = len(line.split()) if lang == "en" else len(line)
    return size <= data()[f"heading_max_{'words_en' if lang == 'en' else 'chars_zh'}"]


# --- tier 1: explicit ordinals ---------------------------------------------------------------
def _runs(hits: list[Hit]) -> list[list[Hit]]:
    """Group hits into numbered runs 1, 2, 3 … of one family; keep runs of two or more."""
    gap = int(data()["max_paragraph_gap"])
    open_runs: list[_Run] = []
    done: list[list[Hit]] = []
    for hit in hits:
        run = next((r for r in reversed(open_runs) if _continues(r, hit, gap)), None)
        if run:
            run.hits.append(hit)
            if run.family == "any":
                run.family = hit.family
        elif hit.n == 1:
            open_runs.append(_Run(hit.family, [hit]))
    for run in open_runs:
        numbered = [h for h in run.hits if h.n]
        if len(numbered) >= 2:
            done.append(run.hits)
    return sorted(done, key=lambda r: r[0].start)


def _continues(run: _Run, hit: Hit, gap: int) -> bool:
    """Tell whether `hit` is the next item of `run`."""
    last = run.hits[-1]
    if last.heading and hit.heading:
        gap = int(data()["max_heading_gap"])  # a section's body lies between two headings
    if last.n == 0 or hit.para - last.para > (gap if hit.n else data()["max_closer_gap"]):
        return False
    same = hit.family == run.family or "any" in (hit.family, run.family)
    if hit.n == 0:
        return len(run.hits) >= 2
    return same and hit.n == last.n + 1


def _ordinal_list(text: str, paras: list[Span], run: list[Hit], lang: str,
                  opened: set[int]) -> MeasureList:
    """Build a tier-1 list from a run of hits."""
    items = []
    for k, hit in enumerate(run):
        end = run[k + 1].start if k + 1 < len(run) else _last_end(paras, hit, opened)
        start, end = _trim(text, hit.body, end)
        # The headline comes from the item's first paragraph (a heading, not its body).
        gist = text[start:min(end, paras[hit.para][1])]
        items.append(ListItem(k + 1, headline(gist, lang), text[start:end], start, end))
    intro_span = _intro(text, paras, run[0].start, lang)
    intro = text[intro_span[0]:intro_span[1]]
    announced = _count(intro, lang)
    complete = announced is None or len(items) >= announced
    return MeasureList(intro, tuple(items), min(intro_span[0], run[0].start), items[-1].end,
                       tier=1, announced=announced, complete=complete)


def _last_end(paras: list[Span], hit: Hit, opened: set[int]) -> int:
    """Return where a list's last item ends: its paragraph, or a heading's numbered body."""
    index = hit.para
    if hit.heading:
        # The last section runs over the numbered paragraphs (its nested list) under it.
        while index + 1 < len(paras) and index + 1 in opened:
            index += 1
    return paras[index][1]


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink a span past whitespace and trailing commas or semicolons between inline items."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;，；"):
        end -= 1
    return start, end


def _intro(text: str, paras: list[Span], pos: int, lang: str) -> Span:
    """Return the span of the sentence that announces a list starting at `pos`."""
    index = paragraph_index(paras, pos)
    before = [s for s in sentences(text, paras[index], lang) if s[0] < pos]
    if before and text[before[-1][0]:pos].strip():
        start = before[-1][0]
        return _trim(text, start, min(pos, before[-1][1]))
    if index == 0:
        return pos, pos
    prev = sentences(text, paras[index - 1], lang)
    return _unmarked(text, prev[-1], lang) if prev else (pos, pos)


def _unmarked(text: str, span: Span, lang: str) -> Span:
    """Drop an ordinal marker opening an intro (a section heading "（一）Heading")."""
    hit = _match_at(text, span[0], lang, 0, False)
    return (hit.body, span[1]) if hit and hit.n and hit.body < span[1] else span


# --- tier 2: announced by a count, one paragraph per item ------------------------------------
@lru_cache(maxsize=2)
def _count_re(lang: str) -> re.Pattern[str]:
    """Compile the count-phrase pattern ("three main aspects", 4个方面, 三大特点)."""
    cfg = data()
    if lang == "zh":
        nums = "|".join(cfg["count_words_zh"])
        nouns = "|".join(sorted(cfg["count_nouns_zh"], key=len, reverse=True))
        cls = "".join(cfg["count_classifiers_zh"])
        bare = "".join(cfg["count_bare_zh"])
        # Not an ordinal (第三方面) nor the tail of a longer number (12个, 十二项); a bare
        # classifier (强调两点。) counts only at a clause end.
        return re.compile(rf"(?<![第0-9０-９一二两三四五六七八九十百])"
                          rf"(?P<num>[1-9][0-9]?|[１-９]|{nums})"
                          rf"(?:(?:[{cls}])?+(?:{nouns})|[{bare}](?=[。：:；;，,]))")
    nums = "|".join(cfg["count_words_en"])
    adjs = "|".join(re.escape(a) for a in cfg["count_adjectives_en"])
    nouns = "|".join(sorted(cfg["count_nouns_en"], key=len, reverse=True))
    return re.compile(rf"(?<![\d.,])\b(?P<num>{nums}|[2-9]|1[0-9])\s(?:(?:{adjs})\s){{0,2}}(?:{nouns})\b",
                      re.IGNORECASE)


def _count(sentence: str, lang: str) -> int | None:
    """Return the count a sentence announces ("four aspects" → 4), if any."""
    match = _count_re(lang).search(sentence)
    if not match:
        return None
    word = match.group("num").lower()
    table = data()[f"count_words_{lang}"]
    return int(table[word]) if word in table else int(word.translate(_FULLWIDTH))


def _paragraph_ends(text: str, paras: list[Span], lang: str) -> Iterator[tuple[int, Span, str]]:
    """Yield each paragraph but the last with its last sentence: where a list is announced."""
    for index in range(len(paras) - 1):
        last = sentences(text, paras[index], lang)[-1]
        yield index, last, text[last[0]:last[1]]


def _counted_lists(text: str, paras: list[Span], lang: str,
                   ordinal: list[MeasureList]) -> list[MeasureList]:
    """Find lists announced by a count at a paragraph's end, items in the next paragraphs."""
    out = []
    for index, last, sentence in _paragraph_ends(text, paras, lang):
        count = _count(sentence, lang) if _announces(sentence, lang) else None
        # A count sentence that already introduces an ordinal list is that list's intro.
        if count is None or _inside_item(last[0], ordinal):
            continue
        found = _counted_list(text, paras, index, last, count, lang, _colon(sentence))
        if found:
            out.append(found)
    return out


def _colon(sentence: str) -> bool:
    """Tell whether a sentence ends with a colon (it announces what follows)."""
    return sentence.rstrip().endswith((":", "："))


def _announces(sentence: str, lang: str) -> bool:
    """Tell whether a sentence looks forward to items: it ends with a colon or has a cue word."""
    if _colon(sentence):
        return True
    return _has_any(sentence, data()[f"count_cues_{lang}"], lang)


def _has_any(sentence: str, words: list[str], lang: str) -> bool:
    """Tell whether a sentence contains any of `words` (whole words in English)."""
    if lang == "zh":
        return any(w in sentence for w in words)
    low = f" {' '.join(re.findall(r'[a-z]++', sentence.lower()))} "
    return any(f" {w} " in low for w in words)


def _inside_item(pos: int, lists: list[MeasureList]) -> bool:
    """Tell whether `pos` lies in the intro or item of an already found list."""
    return any(m.start <= pos < m.end for m in lists)


def _counted_list(text: str, paras: list[Span], index: int, intro: Span, count: int,
                  lang: str, firm: bool) -> MeasureList | None:
    """Take up to `count` item-like paragraphs after paragraph `index` as a tier-2 list."""
    items = _paragraph_items(text, paras[index + 1:index + 1 + count], lang, firm)
    if len(items) < 2:
        return None
    return MeasureList(text[intro[0]:intro[1]], tuple(items), intro[0], items[-1].end, tier=2,
                       announced=count, complete=len(items) >= count)


def _paragraph_items(text: str, spans: list[Span], lang: str, firm: bool,
                     opens: Callable[[str], bool] = lambda _: True) -> list[ListItem]:
    """Take paragraphs as items while each reads like one (and `opens` accepts its text)."""
    items: list[ListItem] = []
    for start, end in spans:
        if not (_item_like(text, (start, end), lang, firm) and opens(text[start:end])):
            break
        items.append(ListItem(len(items) + 1, headline(text[start:end], lang),
                              text[start:end], start, end))
    return items


def _item_like(text: str, span: Span, lang: str, firm: bool = False) -> bool:
    """Tell whether a paragraph reads like a list item: a short lead sentence, then detail.

    After a firm intro (a count and a colon) the lead may be one long sentence.
    """
    sents = sentences(text, span, lang)
    lead = text[sents[0][0]:sents[0][1]]
    if lead[:1] in "\"“「'‘" or lead[-1:] not in ".!。！；;":
        return False  # quotations and headings (no closing stop) are not items
    if _has_any(lead, data()[f"narration_{lang}"], lang):
        return False
    size = len(lead) if lang == "zh" else len(lead.split())
    if firm:
        return size <= data()[f"item_lead_max_{lang}"]
    most = 40 if lang == "zh" else 20
    alone = 20 if lang == "zh" else 12  # a one-sentence item must be a bare headline
    return size <= most if len(sents) > 1 else size <= alone


# --- tier 3: "the following measures:" with no count -------------------------------------------
def _following_lists(text: str, paras: list[Span], lang: str,
                     found: list[MeasureList]) -> list[MeasureList]:
    """Find uncounted lists announced with a colon ("the following measures:", 如下：)."""
    out: list[MeasureList] = []
    for index, last, sentence in _paragraph_ends(text, paras, lang):
        if not _looks_forward(sentence, lang) or _inside_item(last[0], found + out):
            continue
        # English items must each open with an imperative; Chinese ones with a bare heading.
        opens = _imperative if lang == "en" else _bare_lead
        items = _paragraph_items(text, paras[index + 1:], lang, lang == "en", opens)
        if len(items) >= 2:
            out.append(MeasureList(sentence, tuple(items), last[0], items[-1].end, tier=3))
    return out


def _looks_forward(sentence: str, lang: str) -> bool:
    """Tell whether a sentence ends with a colon after "the following" (以下, 如下), no count."""
    if not _colon(sentence) or _count(sentence, lang) is not None:
        return False
    return _has_any(sentence, data()[f"following_{lang}"], lang)


def _bare_lead(item: str) -> bool:
    """Tell whether a Chinese item opens with a bare phrase: no comma, no number (扩大投资。)."""
    lead = re.split(r"[。；;！!]", item, maxsplit=1)[0]
    return not re.search(r"[，,、0-9０-９%％]", lead)


def _imperative(item: str) -> bool:
    """Tell whether an English item opens with an imperative verb (or an adverb leading one)."""
    first = item.split(maxsplit=1)[0].lower() if item.strip() else ""
    return first in _imperatives()


@lru_cache(maxsize=1)
def _imperatives() -> frozenset[str]:
    """Return the words an English imperative item may open with."""
    return frozenset(data()["imperative_en"])


# --- tier 3: keyed lists (一增一降、一优一强) ------------------------------------------------
_KEYED = re.compile(r"(?:一[\u4e00-\u9fff][、，,]?){3,8}")


def _keyed_lists(text: str, paras: list[Span], lists: list[MeasureList]) -> list[MeasureList]:
    """Find keyed lists whose items start with each key in turn, right after the intro."""
    out = []
    for match in _KEYED.finditer(text):
        keys = re.findall(r"一([\u4e00-\u9fff])", match.group())
        index = paragraph_index(paras, match.start())
        if _inside_item(match.start(), lists) or index + 1 >= len(paras):
            continue
        found = _keyed_list(text, paras, index, match.start(), keys)
        if found:
            out.append(found)
    return out


def _keyed_list(text: str, paras: list[Span], index: int, pos: int,
                keys: list[str]) -> MeasureList | None:
    """Build a tier-3 list when every key starts a sentence in the next paragraphs, in order."""
    after = paras[index + 1:index + 1 + len(keys)]
    found = _key_starts(text, [s for p in after for s, _ in sentences(text, p, "zh")], keys)
    if found is None:
        return None
    items = []
    for k, start in enumerate(found):
        para_end = paras[paragraph_index(paras, start)][1]
        end = found[k + 1] if k + 1 < len(found) and found[k + 1] < para_end else para_end
        start, end = _trim(text, start, end)
        items.append(ListItem(k + 1, headline(text[start:end], "zh"), text[start:end], start, end))
    intro = next(s for s in sentences(text, paras[index], "zh") if s[0] <= pos < s[1])
    return MeasureList(text[intro[0]:intro[1]], tuple(items), intro[0], items[-1].end, tier=3,
                       announced=len(keys))


def _key_starts(text: str, starts: list[int], keys: list[str]) -> list[int] | None:
    """Return where each key opens a sentence ("增便利，…"), in order, or None if one is missing."""
    found: list[int] = []
    for key in keys:
        keyed = re.compile(rf"{re.escape(key)}[\u4e00-\u9fff]{{1,6}}[，,]")
        nxt = next((s for s in starts if (not found or s > found[-1]) and keyed.match(text, s)),
                   None)
        if nxt is None:
            return None
        found.append(nxt)
    return found


# --- nesting and score -----------------------------------------------------------------------
def _nest(lists: list[MeasureList]) -> list[MeasureList]:
    """Set `parent` on lists that lie inside another list's item, then score every list."""
    out: list[MeasureList] = []
    for lst in lists:
        parent = _parent(out, lst)
        out.append(replace(lst, parent=parent))
    return [replace(m, score=_score(m)) for m in out]


def _parent(before: list[MeasureList], lst: MeasureList) -> tuple[int, int] | None:
    """Return (list index, item n) of the innermost earlier list item that holds `lst`."""
    found = None
    for index, other in enumerate(before):
        for item in other.items:
            if item.start <= lst.items[0].start and lst.items[-1].end <= item.end:
                found = (index, item.n)
    return found


def _score(lst: MeasureList) -> float:
    """Rank how much a reader wants a list: tier, completeness, size, clear intro, depth."""
    score = {1: 0.6, 2: 0.5, 3: 0.3}.get(lst.tier, 0.2)
    score += 0.2 if len(lst.items) >= 3 else 0.0
    score += 0.1 if lst.announced is not None or lst.intro.rstrip().endswith((":", "：")) else 0.0
    score += 0.1 if lst.complete else -0.2
    score -= 0.15 if lst.parent is not None else 0.0
    return round(max(score, 0.0), 3)
