"""Keyed lists (tier 3): an intro names its items by one word each — 一增一降、一优一强, or in
English "one increase, one decrease, one excellence and one strength" — and the items follow."""
from __future__ import annotations

import re
from functools import lru_cache

from briefing.extract.headlines import data, headline
from briefing.extract.list_paragraphs import imperative
from briefing.extract.list_text import Layout, Span
from briefing.extract.list_words import Taken
from briefing.models import ListItem, MeasureList

_KEYED_ZH = re.compile(r"(?:一[\u4e00-\u9fff][、，,]?){2,8}")
_KEY_ZH = re.compile(r"一([\u4e00-\u9fff])")
_KEYED_EN = re.compile(r"\bone\s[a-z]{2,20}(?:(?:,\s(?:and\s)?|\sand\s)one\s[a-z]{2,20}){1,7}\b", re.IGNORECASE)
MIN_KEYS = 3  # two keys make a list only when each item restates its key: "one belt, one road" is none
_KEY_EN = re.compile(r"\bone\s([a-z]{2,20})", re.IGNORECASE)
WINDOW_SENTENCES = 40  # items follow their intro closely: look no further than this many sentences
STEM = 4  # a key and an item word "share a stem" when they open with the same 4 letters or more


def keyed_lists(lay: Layout, found: Taken) -> list[MeasureList]:
    """Find keyed lists whose items follow their intro, in the text's language."""
    pattern, key, build = ((_KEYED_ZH, _KEY_ZH, _keyed_list_zh) if lay.lang == "zh"
                           else (_KEYED_EN, _KEY_EN, _keyed_list_en))
    out = []
    for match in pattern.finditer(lay.text):
        index = lay.para_of(match.start())
        if found.covers(match.start()):
            continue
        intro = lay.sentence_at(index, match.start()) or lay.paras[index]
        keys = key.findall(match.group())
        found_list = build(lay, intro, keys, match.end())
        if found_list:
            out.append(found_list)
            found.add(found_list.end)
    return out


def _following_sentences(lay: Layout, intro: Span) -> list[Span]:
    """Return the sentences after an intro sentence, in its paragraph and the next ones (bounded)."""
    index = lay.para_of(intro[0])
    out = lay.sentences_from(index, intro[1], WINDOW_SENTENCES)
    while index + 1 < len(lay.paras) and len(out) < WINDOW_SENTENCES:
        index += 1
        out += lay.sents[index][:WINDOW_SENTENCES - len(out)]
    return out


def _items(lay: Layout, marks: list[tuple[int, int]]) -> list[ListItem]:
    """Cut items at their marks, (where an item starts, where its gist starts): an item runs from its
    gist to the next item's start or its paragraph's end."""
    items = []
    for k, (start, body) in enumerate(marks):
        para_end = lay.paras[lay.para_of(start)][1]
        end = marks[k + 1][0] if k + 1 < len(marks) and marks[k + 1][0] < para_end else para_end
        end = _trim_end(lay.text, body, end)
        items.append(ListItem(k + 1, headline(lay.text[body:end], lay.lang), lay.text[body:end], body, end))
    return items


def _trim_end(text: str, start: int, end: int) -> int:
    """Move an item's end back over whitespace and a separating comma or semicolon."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;，；"):
        end -= 1
    return end


def _keyed_list(lay: Layout, intro: Span, items: list[ListItem], keys: list[str]) -> MeasureList:
    """Build the tier-3 keyed list of its items."""
    return MeasureList(lay.text[intro[0]:intro[1]], tuple(items), intro[0], items[-1].end, tier=3,
                       announced=len(keys))


# --- items restating their keys: "一增，即…；一减是…", "One rise means …; the "one fall" refers to …" ---
CLAUSE_BEFORE = frozenset("。；;：:，,.!?！？」”\"'")
RESTATED_WINDOW = 1500  # characters after the keys where their restated items are looked for
RESTATED_EXTRA_PARAS = 2  # paragraphs beyond one per key


def _restated(lay: Layout, intro: Span, keys: list[str], after: int) -> MeasureList | None:
    """Build a keyed list whose items restate their keys, in order, each at a clause start after the keys."""
    home = lay.para_of(intro[0])
    # the items may follow a paragraph or two of context, never far
    limit = min(len(lay.text), after + RESTATED_WINDOW,
                lay.paras[min(home + len(keys) + RESTATED_EXTRA_PARAS, len(lay.paras) - 1)][1])
    marks: list[tuple[int, int]] = []  # (where the restated key starts, where its gist starts)
    pos = after
    for key in keys:
        found = _clause_match(lay.text, _restated_re(lay.lang, key), pos, limit)
        if found is None:
            return None
        marks.append(found)
        pos = found[1]
    items = _items(lay, marks)
    if any(item.end <= item.start for item in items):
        return None  # a key restated with nothing after it
    return _keyed_list(lay, intro, items, keys)


def _clause_match(text: str, rx: re.Pattern[str], pos: int, limit: int) -> tuple[int, int] | None:
    """Return (start, end) of the first match of `rx` in text[pos:limit] that opens a clause."""
    for match in rx.finditer(text, pos, limit):
        i = match.start()
        while i > 0 and text[i - 1] in " \t":  # back over the spaces only: no copy of the text before
            i -= 1
        if i == 0 or text[i - 1] in CLAUSE_BEFORE or text[i - 1] == "\n":
            return match.start(), match.end()
    return None


@lru_cache(maxsize=256)
def _restated_re(lang: str, key: str) -> re.Pattern[str]:
    """Compile the pattern of an item restating its key ("一增，即", "one rise means")."""
    return re.compile(data()[f"keyed_restated_{lang}"].replace("{KEY}", re.escape(key)), re.IGNORECASE)


def _keyed_list_zh(lay: Layout, intro: Span, keys: list[str], after: int) -> MeasureList | None:
    """Build a keyed list when every key opens a sentence ("增便利，…") in the next paragraphs, in order."""
    restated = _restated(lay, intro, keys, after)
    if restated or len(keys) < MIN_KEYS:
        return restated
    home = lay.para_of(intro[0])
    starts = [s for s, _ in _following_sentences(lay, intro) if home < lay.para_of(s) <= home + len(keys)]
    found: list[int] = []
    for key in keys:
        keyed = re.compile(rf"{re.escape(key)}[\u4e00-\u9fff]{{1,6}}[，,]")
        nxt = next((s for s in starts if (not found or s > found[-1]) and keyed.match(lay.text, s)), None)
        if nxt is None:
            return None
        found.append(nxt)
    return _keyed_list(lay, intro, _items(lay, [(s, s) for s in found]), keys)


# --- English: "one increase, one decrease, …" → short headline sentences ----------------------
def _keyed_list_en(lay: Layout, intro: Span, keys: list[str], after: int) -> MeasureList | None:
    """Build a keyed list from the first short imperative headline sentences after the intro.

    As many headlines as keys, most of them sharing a stem with their key ("one excellence" →
    "Provide excellent services"): a translation renders a key by any verb ("one decrease" →
    "Reduce costs"), so a stem is asked of most keys, not all.
    """
    restated = _restated(lay, intro, keys, after)
    if restated or len(keys) < MIN_KEYS:
        return restated
    heads = [s for s, e in _following_sentences(lay, intro) if _headline_sentence(lay.text[s:e], keys)]
    if len(heads) < len(keys):
        return None
    heads = heads[:len(keys)]
    if lay.para_of(heads[0]) > lay.para_of(intro[0]) + 1:
        return None  # the items start in the intro's paragraph or the next one
    stems = sum(_shares_stem(key, lay.text[s:s + 80]) for key, s in zip(keys, heads))
    if stems * 2 < len(keys) + 1:
        return None
    return _keyed_list(lay, intro, _items(lay, [(s, s) for s in heads]), keys)


def _headline_sentence(sentence: str, keys: list[str]) -> bool:
    """Tell whether an English sentence is a short headline opening with an imperative or a key's stem."""
    if len(sentence.split()) > data()["keyed_headline_max_words_en"]:
        return False
    first = sentence.split(maxsplit=1)[0] if sentence.strip() else ""
    return imperative(sentence) or any(_shares_stem(key, first) for key in keys)


def _shares_stem(key: str, opening: str) -> bool:
    """Tell whether a key word and one of the first words of an item share a stem."""
    key = key.lower()
    for word in re.findall(r"[a-z]+", opening.lower())[:_opening_words()]:
        common = len(_common_prefix(key, word))
        if common >= min(STEM, len(key), len(word)) and common >= 3:
            return True
    return False


def _common_prefix(a: str, b: str) -> str:
    """Return the longest common prefix of two words."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return a[:k]


@lru_cache(maxsize=1)
def _opening_words() -> int:
    """Return how many opening words of an item may carry its key's stem."""
    return int(data()["keyed_stem_words_en"])
