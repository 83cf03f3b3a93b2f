"""The gist of a list item as a short phrase: filler removed, cut at the first clause."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.primitives import load_yaml

DATA = Path(__file__).with_name("data") / "measures.yaml"

# English clause ends: comma/semicolon/colon/full stop not inside a number, dashes, brackets.
_EN_END = re.compile(r"[.!?;](?=\s|$|[\"”’])")
_EN_CUT = re.compile(r"(?<!\d)[,:](?!\d)|\s[-–—]\s|\s\(")
_ZH_CUT = re.compile(r"[。；，,;！？!?：:（(]")
_ZH_STOPS = frozenset("。；;！？!?")
GIST_WINDOW = 1000  # characters of an item a headline is read from (it keeps 12 words, 20 characters)
_QUOTES = "\"'“”‘’「」『』"
# Words that open a new clause after a comma, so the comma is not a series comma.
_CLAUSE_OPENERS = frozenset({"and", "or", "but", "which", "while", "so", "who", "where", "with",
                             "including", "such", "as", "to", "in", "by", "through", "thus"})


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """Load the measure-list data file once."""
    return load_yaml(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _filler_re(lang: str) -> re.Pattern[str]:
    """Compile the leading-filler pattern for a language, longest filler first."""
    words = sorted(data()[f"fillers_{lang}"], key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s++") for w in words)
    tail = r"\s++" if lang == "en" else ""
    return re.compile(rf"(?:{alts}){tail}", re.IGNORECASE)


def strip_filler(text: str, lang: str) -> str:
    """Remove leading filler ("we will", "is to", 要, 将) repeatedly."""
    pattern = _filler_re(lang)
    for _ in range(4):  # a few rounds: "is to we will …" is rare but cheap to handle
        match = pattern.match(text)
        rest = text[match.end():] if match else text
        if not match or len(rest.strip()) < 2:
            break
        text = rest
    return text


def headline(item_text: str, lang: str) -> str:
    """Return an item's gist: marker-free text without filler, cut at the first clause."""
    lang = "zh" if lang.lower().startswith("zh") else "en"
    item_text = item_text[:GIST_WINDOW]  # the gist is in the first clause: a page-long item stays cheap
    text = " ".join(item_text.split()) if lang == "en" else "".join(item_text.split())
    text = strip_filler(text.strip(_QUOTES + " "), lang)
    text = strip_filler(drop_lead_clause(text, lang), lang)
    cut = _cut_en(text) if lang == "en" else _cut_zh(text)
    cut = cut.strip(_QUOTES + " ,.;:，。；：、") if not _balanced(cut) else cut.strip(" ,.;:，。；：、")
    if lang == "en" and cut:
        cut = cut[0].upper() + cut[1:]
    return cut


def drop_lead_clause(text: str, lang: str) -> str:
    """Drop a leading adverbial clause ("Under the leadership of …, we …") before the gist."""
    words = data()[f"lead_clause_{lang}"]
    first = text.split(maxsplit=1)[0].lower() if lang == "en" and text.strip() else text
    if lang == "en" and first not in words or lang == "zh" and not text.startswith(tuple(words)):
        return text
    comma = re.search(r"[,，](?!\d)", text[:200])
    rest = text[comma.end():].lstrip() if comma else ""
    enough = len(rest.split()) >= 3 if lang == "en" else len(rest) >= 4
    return rest if enough else text


def _balanced(text: str) -> bool:
    """Tell whether curly and straight double quotes are paired in `text`."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


@lru_cache(maxsize=1)
def _tail_re() -> re.Pattern[str]:
    """Compile what starts a headline's tail: examples, means, or a second verb clause."""
    verbs = "|".join(sorted(set(data()["clause_verbs_en"]), key=len, reverse=True))
    phrases = "|".join(data()["cut_phrases_en"])
    return re.compile(rf"\s(?:{phrases}|and\s(?:{verbs}))\b", re.IGNORECASE)


def _cut_en(text: str) -> str:
    """Cut English at the first clause end that leaves enough words, then to the word limit."""
    cfg = data()
    least = cfg["headline_min_words_en"]
    end = _EN_END.search(text)
    text = text[:end.start()] if end else text
    for pattern in (_EN_CUT, _tail_re()):
        text = _cut_first(text, pattern, least)
    return _limit_words(text, cfg["headline_max_words_en"], least)


def _cut_first(text: str, pattern: re.Pattern[str], least: int) -> str:
    """Cut `text` at the first match of `pattern` that leaves at least `least` words."""
    for match in pattern.finditer(text):
        if len(text[:match.start()].split()) >= least and not _in_series(text, match):
            return text[:match.start()]
    return text


def _in_series(text: str, match: re.Match[str]) -> bool:
    """Tell whether a comma joins a series ("high-end, intelligent and green development")."""
    if match.group().strip() != ",":
        return False
    segment = text[match.end():].split(",", 1)[0].strip().lower()
    first = segment.split(maxsplit=1)[0] if segment else ""
    return first not in _CLAUSE_OPENERS and (" and " in segment or " or " in segment)


def _limit_words(text: str, most: int, least: int) -> str:
    """Keep at most `most` words, preferably ending before a joining word such as "to"."""
    words = text.split()
    if len(words) <= most + data()["headline_slack_words_en"]:
        return text
    joiners = set(data()["cut_before_en"])
    for k in range(most, least - 1, -1):
        if words[k].lower() in joiners:
            return " ".join(words[:k])
    return " ".join(words[:most])


def _cut_zh(text: str) -> str:
    """Cut Chinese at the first clause end after the core phrase, then to the length limit."""
    cfg = data()
    least, most = cfg["headline_min_chars_zh"], cfg["headline_max_chars_zh"]
    for match in _ZH_CUT.finditer(text):
        # a sentence end closes even a short gist (一是生产稳。…); a comma only a long enough one
        if match.start() >= least or (match.group() in _ZH_STOPS and match.start() >= 2):
            text = text[:match.start()]
            break
    if len(text) <= most + cfg["headline_slack_chars_zh"]:
        return text
    # Prefer an enumeration comma or 的 near the limit to a blind cut.
    for k in range(most, least, -1):
        if text[k] in "、的和及与":
            return text[:k]
    return text[:most]
