"""Markup left in a page's text: JSON escapes (\\u003cp\\u003e), HTML entities (&lt;p&gt;) and the
tags they spell, or tags copied literally. Decoded, then the tags are cut, block tags leaving a
paragraph break so the paragraphs (and the lists in them) come back."""
from __future__ import annotations

import html
import re
from functools import lru_cache

from briefing.clean.vocab import noise_data

JSON_ESCAPE_RE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
                            r"|\\u([0-9a-fA-F]{4})|\\([nrt\"/\\])")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# An API snapshot: a JSON object whose string values hold the article. Keys and short values
# (ids, codes, channel names, the editor, share buttons, tag lists) are the wrapper.
JSON_PAGE_RE = re.compile(r'\s*+[{\[]\s*+"[A-Za-z_][\w-]{0,40}"\s*+:')
JSON_STRING_PAIR_RE = re.compile(r'"[A-Za-z_][\w-]{0,40}"\s*+:\s*+"((?:[^"\\]|\\.)*+)"')
JSON_OTHER_PAIR_RE = re.compile(r'"[A-Za-z_][\w-]{0,40}"\s*+:\s*+(?:\[[^\[\]]{0,2000}\]|[-\w.+]{1,40}|(?=[{\[]))')
JSON_KEY_RE = re.compile(r'"[A-Za-z_][\w-]{0,40}"\s*+:')
SIMPLE_ESCAPES = {"n": "\n", "r": "", "t": " ", '"': '"', "/": "/", "\\": "\\"}
MAX_ROUNDS = 10  # "&amp;lt;p&amp;gt;": a page escaped twice, rarely more; each round is linear


def has_json_escapes(text: str) -> bool:
    """Tell whether a text carries JSON string escapes: a \\uXXXX spelling markup or several."""
    found = re.findall(r"\\u[0-9a-fA-F]{4}", text[:200_000])
    return any(code.lower() in ("\\u003c", "\\u003e", "\\u0026") for code in found) or len(found) >= 3


def decode_json_escapes(text: str) -> tuple[str, int]:
    """Decode JSON string escapes (\\u003c, \\u4e00, \\n, \\"); return the text and how many."""
    count = 0

    def one(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        high, low, code, simple = match.groups()
        if high:
            return (chr(int(high, 16)) + chr(int(low, 16))).encode("utf-16", "surrogatepass").decode("utf-16")
        if code:
            unit = int(code, 16)
            return "\ufffd" if 0xD800 <= unit <= 0xDFFF else chr(unit)  # a lone surrogate
        return SIMPLE_ESCAPES[simple]

    return JSON_ESCAPE_RE.sub(one, text), count


def unescape_entities(text: str) -> tuple[str, int]:
    """Decode HTML entities (&lt; &amp; &#39; &nbsp;), a few rounds for doubly escaped pages."""
    count = 0
    for _ in range(MAX_ROUNDS):
        found = ENTITY_RE.findall(text)
        if not found:
            break
        count += len(found)
        text = ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
    return text, count


@lru_cache(maxsize=1)
def _tag_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the tag pattern (known HTML tag names only) and the script/style block pattern."""
    conf = noise_data()["markup"]
    names = "|".join(sorted(conf["block_tags"] + conf["inline_tags"], key=len, reverse=True))
    tag = re.compile(rf"</?({names})(?![A-Za-z0-9])[^<>\n]{{0,400}}>", re.IGNORECASE)
    skip = "|".join(conf["dropped_tags"])
    dropped = re.compile(rf"<({skip})\b[^<>]{{0,400}}>[^<]{{0,20000}}</\1\s*>", re.IGNORECASE)
    return tag, dropped


def has_markup(text: str) -> bool:
    """Tell whether a text holds HTML tags: two known tags, one of them a closing tag or a break."""
    tags = _tag_res()[0].finditer(text)
    seen = [m.group() for _, m in zip(range(50), tags)]
    return len(seen) >= 2 and any(t.startswith("</") or t[1:3].lower() == "br" for t in seen)


def strip_tags(text: str) -> tuple[str, list[str]]:
    """Cut HTML tags (and script/style blocks); a block tag leaves a paragraph break."""
    tag, dropped = _tag_res()
    blocks = frozenset(noise_data()["markup"]["block_tags"])
    cut: list[str] = []

    def one(match: re.Match[str]) -> str:
        cut.append(match.group())
        name = match.group(1).lower()
        return "\n" if name == "br" else "\n\n" if name in blocks else ""

    text = dropped.sub(lambda m: cut.append(m.group()[:40]) or "", text)
    return tag.sub(one, text), cut


def is_json_page(text: str) -> bool:
    """Tell whether a text is a JSON object or array with several keys (an API snapshot)."""
    return JSON_PAGE_RE.match(text) is not None and len(JSON_KEY_RE.findall(text[:5000])) >= 3


def json_values(text: str, shortest: int) -> tuple[str, int]:
    """Keep the long string values of a JSON page, one per paragraph; drop keys and short values.

    Returns the text and how many key-value pairs were dropped.
    """
    dropped = 0

    def string_pair(match: re.Match[str]) -> str:
        nonlocal dropped
        value = match.group(1)
        if len(value) < shortest:
            dropped += 1
            return "\n"
        return f"\n\n{value}\n\n"

    def other_pair(match: re.Match[str]) -> str:
        nonlocal dropped
        dropped += 1
        return "\n"

    text = JSON_STRING_PAIR_RE.sub(string_pair, text)
    return JSON_OTHER_PAIR_RE.sub(other_pair, text), dropped
