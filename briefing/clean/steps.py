"""Clean a source with small, named, ordered steps that record what they removed → CleanText.

Like ftfy's fixers, each step is a function `(text, context) -> StepResult`; `clean_source` runs
them in order and keeps one `CleanStep` per step so `explain` can say why a line vanished. The
noise vocabularies live in briefing/clean/data/noise.yaml.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from string import ascii_letters, ascii_lowercase

from briefing.clean import blocks
from briefing.clean import markup as cleanmarkup
from briefing.clean import meta as cleanmeta
from briefing.clean.vocab import noise_data
from briefing.clean.words import (
    best_spaces,
    keeps_apostrophe,
    odd_words,
    pinyin_syllables,
    space_between,
    words_join,
)
from briefing.models import CleanStep, CleanText, Source
from briefing.primitives import CJK_CLASS, CJK_RE, CJK_RUN_RE, detect_lang, to_simplified

MARK = "\x00"  # marks where injected symbols were cut out; NUL never survives `normalise`
MAX_EXAMPLES = 3
EXAMPLE_CHARS = 60


@dataclass(frozen=True)
class Context:
    """What the steps know about the text as a whole."""

    noisy: bool = False
    cjk: bool = False
    fmt: str = "txt"
    # furniture verdicts of this text's lines: the related blocks, the furniture step and the
    # metadata reader each ask about the same lines (one text's, so nothing carries over)
    furniture_seen: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def is_furniture(self, line: str) -> bool:
        """Tell whether a stripped line is furniture, each distinct line judged once per text."""
        found = self.furniture_seen.get(line)
        if found is None:
            found = self.furniture_seen[line] = is_furniture(line)
        return found


@dataclass
class StepResult:
    """A step's output text, how many things it changed and a few examples."""

    text: str
    removed: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, example: str) -> None:
        """Count one change and keep it as an example while there is room."""
        self.removed += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(_short(example))


StepFn = Callable[[str, Context], StepResult]


def _short(text: str) -> str:
    """Shorten an example for display, showing where a cut happened."""
    text = text.replace(MARK, "").strip()
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"


# --- data ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _furniture_res() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """Compile the furniture patterns: whole line, line start; and the length limit of 'anywhere'."""
    data = noise_data()["furniture"]
    whole = re.compile("(?:" + "|".join(data["whole_line"]) + r")[\s.。!！]*+", re.I)
    start = re.compile("(?:" + "|".join(data["line_start"]) + ")", re.I)
    return whole, start, int(data["anywhere_max_length"])


@lru_cache(maxsize=1)
def _anywhere_by_script() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the 'anywhere' furniture patterns in two: those opening with a Latin letter, and the
    others; a line without Latin letters is searched with the second only (half the alternatives).
    Both are searched in the lower-cased line without re.I, so re skips ahead by the patterns'
    first characters instead of trying every alternative at every position."""
    patterns = [_lower_literals(p) for p in noise_data()["furniture"]["anywhere"]]
    latin = [p for p in patterns if p[:1].isascii() and p[:1].isalpha()]
    other = [p for p in patterns if p not in latin]
    return re.compile("(?:" + "|".join(latin) + ")"), re.compile("(?:" + "|".join(other) + ")")


LATIN_LETTER_RE = re.compile(r"[a-z]")


def _anywhere(low: str) -> bool:
    """Tell whether a lower-cased line holds one of the 'anywhere' furniture patterns."""
    latin, other = _anywhere_by_script()
    if other.search(low):
        return True
    return LATIN_LETTER_RE.search(low) is not None and latin.search(low) is not None


ESCAPED_OR_UPPER_RE = re.compile(r"\\.|[A-Z]")


def _lower_literals(pattern: str) -> str:
    """Lower-case a pattern's literal capitals, leaving escapes such as \\S and \\D alone."""
    return ESCAPED_OR_UPPER_RE.sub(lambda m: m.group().lower() if len(m.group()) == 1 else m.group(),
                                   pattern)


@lru_cache(maxsize=1)
def _metadata_re() -> re.Pattern[str]:
    """Compile the metadata-line patterns."""
    return re.compile("(?:" + "|".join(noise_data()["metadata_lines"]) + r")\s*+", re.I)


@lru_cache(maxsize=1)
def _symbol_classes() -> tuple[str, str]:
    """Return the character-class bodies of always-noise and ambiguous symbols."""
    data = noise_data()["injected"]
    return "".join(data["always"]), re.escape(data["ambiguous"])


# --- small text helpers ----------------------------------------------------------------------
def _map_lines(text: str, keep: Callable[[str], bool], result: StepResult) -> str:
    """Drop the lines `keep` rejects, noting each; blank lines always stay."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip() and not keep(line.strip()):
            result.note(line)
            continue
        out.append(line)
    return "\n".join(out)


def is_furniture(line: str) -> bool:
    """Tell whether a stripped line is page furniture (a dated stamp is metadata, removed later)."""
    if cleanmeta.stamp_date(line):
        return False
    bullet = _symbol_prefix_re().match(line)
    if bullet and bullet.end() < len(line) and _furniture_text(line[bullet.end():]):
        return True  # "| 相关阅读：…", "• Most read: …": a bullet before the furniture
    return _furniture_text(line)


def _furniture_text(line: str) -> bool:
    """Tell whether a stripped line, bullet-free, is page furniture."""
    whole, start, limit = _furniture_res()
    if whole.fullmatch(line) or start.match(line):
        return True
    if len(line) <= limit and _anywhere(line.lower()):
        return True
    return (is_ui_line(line) or is_navigation(line) or is_link_line(line) or is_keyword_line(line)
            or is_spam_line(line))


@lru_cache(maxsize=1)
def _ui_re() -> re.Pattern[str]:
    """Compile the UI vocabulary, lower-cased: English words (ending whole), Chinese regexes, longest first."""
    data = noise_data()["ui_words"]
    english = sorted((word.lower() for word in data["en"]), key=len, reverse=True)
    zh = "|".join(sorted((word.lower() for word in data["zh"]), key=len, reverse=True))
    # searched in the lower-cased line, without re.I and without a look-behind in front, so re
    # skips ahead by the words' first characters (3x faster); a word's start is checked after
    en = "(?:" + "|".join(map(re.escape, english)) + ")(?![a-z])"
    return re.compile(f"{en}|{zh}")


NON_WORD_RE = re.compile(r"[\W_]++")


def ui_share(text: str) -> float:
    """Return the share of a text's letters, digits and Chinese characters that UI words cover
    (a domain in the line counts for neither: "… | 加入收藏 www.x.cn" is a bar of controls)."""
    low = text.lower()
    if DOT_LETTER_RE.search(low):
        low = _url_re().sub(" ", low)
        text = low
    covered = sum(len(NON_WORD_RE.sub("", m.group())) for m in _ui_re().finditer(low)
                  if not _inside_word(low, m.start()))
    if not covered:
        return 0.0  # most lines: no UI word at all, no need to count the rest
    return covered / max(1, len(NON_WORD_RE.sub("", text)))


def _inside_word(low: str, start: int) -> bool:
    """Tell whether an English word found at `start` begins inside a longer word ("reprint")."""
    return start > 0 and low[start] in ascii_lowercase and low[start - 1] in ascii_lowercase


def is_ui_line(line: str) -> bool:
    """Tell whether a short line is made of UI controls (print, close, share to, 字号 大 中 小)."""
    conf = noise_data()["ui_line"]
    return len(line) <= conf["max_length"] and ui_share(line) >= conf["min_share"]


SENTENCE_END_RE = re.compile(r"[.。!！?？;；]\s*+$")
SENTENCE_MARK_RE = re.compile(r"[。!！?？;；%％]|\.(?!\d)")
LATIN_WORD_RE = re.compile(r"[A-Za-z]++")
DOT_LETTER_RE = re.compile(r"\.[a-z]")


@lru_cache(maxsize=1)
def _url_re() -> re.Pattern[str]:
    """Compile the pattern of a domain or URL, matched in the lower-cased line."""
    return re.compile(noise_data()["link_line"]["url"])


def is_link_line(line: str) -> bool:
    """Tell whether a line is a link: a domain or URL alone or with a short label, not a sentence."""
    low = line.lower()
    if not DOT_LETTER_RE.search(low) or SENTENCE_END_RE.search(line):
        return False  # a domain has a dot before a letter
    label, found = _url_re().subn(" ", low)
    if not found:
        return False
    conf = noise_data()["link_line"]
    cjk = sum(map(len, CJK_RUN_RE.findall(label)))
    return cjk <= conf["max_label_cjk"] and len(LATIN_WORD_RE.findall(label)) <= conf["max_label_words"]


@lru_cache(maxsize=1)
def _spam_re() -> re.Pattern[str]:
    """Compile the gambling and lottery spam words, matched in the lower-cased line."""
    return re.compile("|".join(noise_data()["spam_line"]["words"]))


def is_spam_line(line: str) -> bool:
    """Tell whether a short line, no sentence, is a mirror's gambling or lottery advertisement."""
    if len(line) > noise_data()["spam_line"]["max_length"] or SENTENCE_END_RE.search(line):
        return False
    return _spam_re().search(line.lower()) is not None


@lru_cache(maxsize=1)
def _keyword_separators() -> re.Pattern[str]:
    """Compile the separators of a keyword line."""
    return re.compile(noise_data()["keyword_line"]["separators"])


def is_keyword_line(line: str) -> bool:
    """Tell whether a line is a spam mirror's keywords: many short segments between commas."""
    conf = noise_data()["keyword_line"]
    if line.endswith(("?", "？")) and line.rstrip("?？")[-1:].isspace():
        line = line.rstrip("?？").rstrip()  # a lost character at the end ("…阅读网 ?")
    if len(line) > conf["max_length"] or SENTENCE_MARK_RE.search(line) or ":" in line or "：" in line:
        return False  # a sentence mark anywhere: prose (a page cut mid-sentence ends without one)
    segments = [seg.strip() for seg in _keyword_separators().split(line)]
    # Chinese keywords between underscores (an SEO title); an identifier like file_name_here is none
    joined = line.count("_") >= 2 and all(CJK_RE.search(seg) for seg in segments)
    if len(segments) < (conf["min_segments_underscore"] if joined else conf["min_segments"]) or not all(segments):
        return False
    return all(sum(map(len, CJK_RUN_RE.findall(seg))) <= conf["max_segment_cjk"]
               and len(seg.split()) <= conf["max_segment_words"] for seg in segments)


@lru_cache(maxsize=1)
def _nav_res() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Compile the navigation separators and label, and read the start words."""
    conf = noise_data()["navigation"]
    starts = frozenset(word.lower() for word in conf["start_words"])
    return re.compile(conf["separators"]), re.compile(conf["label"]), starts


def is_navigation(line: str) -> bool:
    """Tell whether a line is a menu or breadcrumb: short segments between separators."""
    conf = noise_data()["navigation"]
    separators, label, starts = _nav_res()
    if len(line) > conf["max_length"] or not separators.search(line):
        return False
    body = label.sub("", line, count=1)
    segments = [seg for seg in separators.split(body) if seg]
    menu = segments[1:] if len(segments) >= 3 and _site_name(segments[0]) else segments
    # "news.example.cn | Home | World": the site, then its menu
    if len(menu) < 2 or not all(map(_menu_segment, menu)):
        return False
    # two segments ("Business / Economy", a "Topic | Headline" title) need a label, a start word
    # or a breadcrumb separator
    return (len(segments) >= conf["min_segments"] or len(body) < len(line)
            or any(seg.lower() in starts for seg in segments) or re.search(conf["breadcrumb"], body) is not None)


def _site_name(segment: str) -> bool:
    """Tell whether a menu's first segment names the site: a domain, or a name of a few words."""
    conf = noise_data()["navigation"]
    if re.fullmatch(conf["domain"], segment.lower()):
        return True
    words = segment.split()
    if any(ch.isdigit() for ch in segment) or SENTENCE_MARKS.intersection(segment):
        return False
    cjk = sum(map(len, CJK_RUN_RE.findall(segment)))
    if cjk:  # "国务院新闻办公室门户网站", "中华人民共和国财政部　网站导航": a Chinese site's name
        return cjk <= conf["site_name_max_cjk"] and cjk == len("".join(words))
    return len(words) <= conf["site_name_max_words"] and all(w[:1].isupper() or w.islower() for w in words)


SENTENCE_MARKS = frozenset(".,;!?。，；！？:：")


def _menu_segment(segment: str) -> bool:
    """Tell whether a segment reads as a menu entry: a few words, no digits or sentence marks."""
    conf = noise_data()["navigation"]
    if any(ch.isdigit() or ch in SENTENCE_MARKS for ch in segment):
        return False
    cjk = sum(map(len, CJK_RUN_RE.findall(segment)))
    if cjk:
        return cjk <= conf["max_segment_cjk"]
    return (len(segment) <= conf["max_segment_chars"]
            and len(segment.split()) <= conf["max_segment_words"])


def is_metadata_line(line: str) -> bool:
    """Tell whether a stripped line only carries a date or publication stamp."""
    if _metadata_re().fullmatch(line) or cleanmeta.stamp_date(line):
        return True
    return len(line) <= cleanmeta.LONE_DATE_MAX and cleanmeta.lone_date(line) is not None


# --- steps -----------------------------------------------------------------------------------
# control and invisible format characters: zero-width spaces and joiners, the soft hyphen a page
# puts inside words ("econ\u00adomy"), direction marks, invisible operators, variation selectors
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff]")
SPACE_RE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f]")


def markup(text: str, ctx: Context) -> StepResult:
    """Decode escaped markup (\\u003cp\\u003e, &lt;p&gt;) and cut HTML tags, keeping paragraph breaks."""
    result = StepResult(text)
    if cleanmarkup.is_json_page(text):
        text, dropped = cleanmarkup.json_values(text, noise_data()["markup"]["json_value_min_chars"])
        result.note(f"a JSON page: {dropped} keys and short values dropped")
        result.removed += dropped - 1
    if "\\u" in text and cleanmarkup.has_json_escapes(text):
        text, decoded = cleanmarkup.decode_json_escapes(text)
        result.removed += decoded
        result.examples.append(f"{decoded} JSON escapes decoded")
    if "&" in text:
        text, decoded = cleanmarkup.unescape_entities(text)
        if decoded:
            result.note(f"{decoded} HTML entities decoded")
            result.removed += decoded - 1
    if "<" in text and cleanmarkup.has_markup(text):
        text, cut = cleanmarkup.strip_tags(text)
        for tag in cut:
            result.note(tag)
    result.text = text
    return result


def normalise(text: str, ctx: Context) -> StepResult:
    """Unify line ends and spaces; drop control and zero-width characters."""
    result = StepResult(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL_RE.findall(text)
    if found:  # most texts have none: spare them a second pass
        for char in found:
            result.note(repr(char))
        text = CONTROL_RE.sub("", text)
    result.text = SPACE_RE.sub(" ", text)
    return result


def related_blocks(text: str, ctx: Context) -> StepResult:
    """Remove related headlines (under a label, or after the article's end) and a lone heading's decoration."""
    result = StepResult(text)
    lines = text.split("\n")
    drop = blocks.related_lines(lines, ctx.is_furniture, lambda line: cleanmeta.stamp_date(line) is not None)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in drop:
            result.note(line)
            continue
        cut = blocks.decorated_heading(lines, i)
        if cut:
            result.note(line[:cut + 8])
            line = line[cut:]
        out.append(line)
    result.text = "\n".join(out)
    return result


def furniture(text: str, ctx: Context) -> StepResult:
    """Remove page furniture: UI lines, editor, source, contact, copyright and licence lines."""
    result = StepResult(text)
    result.text = _map_lines(text, lambda line: not ctx.is_furniture(line), result)
    return result


@lru_cache(maxsize=1)
def _bracket_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the bracketed-token pattern and the editor-credit pattern of its inside."""
    conf = noise_data()["bracket_token"]
    inner = int(conf["max_inner"])
    token = re.compile(rf"【([^【】\n]{{1,{inner}}})】|\[([^\[\]\n]{{1,{inner}}})\]")
    return token, re.compile(conf["credit"], re.I)


def _ui_token(match: re.Match[str]) -> bool:
    """Tell whether a bracketed token holds only UI words or an editor credit."""
    inside = (match.group(1) or match.group(2) or "").strip()
    if _bracket_res()[1].match(inside):
        return True
    return ui_share(inside) >= noise_data()["ui_line"]["min_share"]


def ui_tokens(text: str, ctx: Context) -> StepResult:
    """Cut bracketed UI and editor tokens (【打印】【关闭】, 【责任编辑：周航】); drop lines left empty."""
    result = StepResult(text)
    if "【" not in text and "[" not in text:
        return result  # the common case: no bracket at all
    token = _bracket_res()[0]
    out: list[str] = []
    for line in text.split("\n"):
        cut = token.sub(lambda m: _cut_token(m, result), line)
        if cut == line:
            out.append(line)
        elif cut.strip():
            out.append(cut.rstrip())
    result.text = "\n".join(out)
    return result


def _cut_token(match: re.Match[str], result: StepResult) -> str:
    """Return "" for a UI token (noting it), else the token unchanged."""
    if not _ui_token(match):
        return match.group()
    result.note(match.group())
    return ""


SYMBOL_LINE_RE = re.compile(f"[^\\w{CJK_CLASS}]*+")


def symbol_lines(text: str, ctx: Context) -> StepResult:
    """Remove lines with no letter, digit or Chinese character (stray '>', rules of dashes)."""
    result = StepResult(text)
    pattern = _noisy_symbol_line_re() if ctx.noisy else SYMBOL_LINE_RE
    result.text = _map_lines(text, lambda line: pattern.fullmatch(line) is None, result)
    return result


@lru_cache(maxsize=1)
def _noisy_symbol_line_re() -> re.Pattern[str]:
    """Compile the symbol-line pattern of a noisy text: sure noise symbols (Greek too) are no letters."""
    # injected_symbols cuts every sure symbol later: a line left with only "%" must go now, or a
    # second cleaning would remove it (idempotence)
    return re.compile(f"(?:[^\\w{CJK_CLASS}]|[{_symbol_classes()[0]}])*+")


MARKDOWN_RE = re.compile(r"^[ \t]*+(?:#{1,6}[ \t]++|>[ \t]?)|\*\*|__", re.M)


def markdown_marks(text: str, ctx: Context) -> StepResult:
    """Strip Markdown heading, quote and bold marks from .md sources."""
    result = StepResult(text)
    if ctx.fmt == "md":
        for match in MARKDOWN_RE.finditer(text):
            result.note(match.group())
        result.text = MARKDOWN_RE.sub("", text)
    return result


def line_prefixes(text: str, ctx: Context) -> StepResult:
    """Remove what a mirror puts before most lines: a symbol ("» ", "▍", "| ") or line numbers."""
    result = StepResult(text)
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    conf = noise_data()["line_prefix"]
    if len(filled) < conf["min_lines"]:
        return result
    lines = _strip_symbol_prefix(lines, len(filled), result)
    result.text = "\n".join(_strip_line_numbers(lines, len(filled), result))
    return result


@lru_cache(maxsize=1)
def _symbol_prefix_re() -> re.Pattern[str]:
    """Compile the pattern of a line-start symbol token and the spaces after it."""
    return re.compile(f"[ \t\u3000]*+({noise_data()['line_prefix']['symbol']})[ \t\u3000]*+")


def _strip_symbol_prefix(lines: list[str], filled: int, result: StepResult) -> list[str]:
    """Drop the symbol most non-empty lines start with, where it is followed by text or nothing."""
    pattern = _symbol_prefix_re()
    starts = Counter(m.group(1) for m in map(pattern.match, lines) if m)
    if not starts:
        return lines
    token, n = starts.most_common(1)[0]
    if n < noise_data()["line_prefix"]["min_share"] * filled:
        return lines
    out = []
    for line in lines:
        match = pattern.match(line)
        out.append(line[match.end():] if match and match.group(1) == token else line)
    result.removed += n
    result.examples.append(f"{token!r} (at the start of {n} lines)")
    return out


LINE_NUMBER_RE = re.compile(r"[ \t]*+(\d{1,4})(?:[ \t]++(?=\S)|[ \t]*+$)")


def _strip_line_numbers(lines: list[str], filled: int, result: StepResult) -> list[str]:
    """Drop line numbers counting up from 0 or 1 at the start of most lines ("01  ", "02  ", …)."""
    found = [(k, m) for k, m in enumerate(map(LINE_NUMBER_RE.match, lines)) if m]
    numbers = [int(m.group(1)) for _, m in found]
    conf = noise_data()["line_prefix"]
    counting = bool(numbers) and numbers[0] in (0, 1) and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    if not counting or len(numbers) < conf["numbers_min_lines"] or len(numbers) < conf["min_share"] * filled:
        return lines
    out = list(lines)
    for k, match in found:
        out[k] = lines[k][match.end():]
    result.removed += len(found)
    result.examples.append(f"line numbers {numbers[0]}…{numbers[-1]}")
    return out


# the token may be followed by ideographic spaces: Chinese paragraphs open with "　　"
FIRST_TOKEN_RE = re.compile(r"^[ \t\u3000]*+(\S{4,40})[ \t\u3000]++(?=\S)", re.M)


def stray_prefixes(text: str, ctx: Context) -> StepResult:
    """Remove code-like tokens repeated at the start of many lines (found by repetition)."""
    result = StepResult(text)
    for _ in range(3):  # a second prefix may show once the first is gone
        strays = _find_strays(result.text)
        if not strays:
            break
        for token in strays:
            # also where the token stands alone on its line (a line whose content was cut)
            pattern = re.compile(
                rf"^([ \t\u3000]*+){re.escape(token)}(?:[ \t\u3000]++(?=\S)|[ \t\u3000]*+$)", re.M)
            result.text, count = pattern.subn(r"\1", result.text)
            result.removed += count
            if len(result.examples) < MAX_EXAMPLES:
                result.examples.append(f"{token} (at the start of {count} lines)")
    return result


def _find_strays(text: str) -> list[str]:
    """Return the line-start tokens repeated often enough to be stray prefixes."""
    conf = noise_data()["stray_prefix"]
    often = [(tok, n) for tok, n in Counter(FIRST_TOKEN_RE.findall(text)).items()
             if n >= conf["min_lines"]]
    if not often:
        return []  # the common case: no need to count the lines
    lines = sum(1 for line in text.split("\n") if line.strip())
    return [tok for tok, n in often if n >= conf["min_share"] * lines and _code_like(tok)]


CODE_RE = re.compile(r"(?=[^\s]*\d)[\w-]*[^\d\s.,;:)、%][\w-]*")
ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)\W?|\d+[.,]\d+%?\W?", re.I)


def _code_like(token: str) -> bool:
    """Tell whether a token looks like a code ("1746-IV16"), not a word, number or label."""
    core = token.rstrip(".,;)、")
    if core.endswith((":", "：")) or ORDINAL_RE.fullmatch(core):
        return False
    return CODE_RE.fullmatch(core) is not None


def injected_symbols(text: str, ctx: Context) -> StepResult:
    """Cut symbols injected inside words and numbers, leaving a mark where each cut was made."""
    result = StepResult(text)
    if not ctx.noisy:
        return result
    for pattern in _injection_res():
        result.text = _cut_runs(result.text, pattern.split(result.text), result)
    return result


@lru_cache(maxsize=1)
def _rare_symbol_re() -> re.Pattern[str]:
    """Compile the pattern of a rare symbol run wedged inside a word, between Chinese characters or in a number."""
    rare = f"[{_rare_class()}]"
    cjk, letter = f"[{CJK_CLASS}]", "[A-Za-z]"
    # each alternative opens with the symbol class, so re skips from symbol to symbol; the text
    # before is checked behind the symbol just consumed (the "." of `(?<=X.)`)
    return re.compile(f"{rare}(?<={cjk}.){rare}*+(?={cjk})|{rare}(?<={letter}.){rare}*+(?={letter})"
                      rf"|{rare}(?<=\d.){rare}*+(?=[.,]\d|%)|{rare}(?<=\d[.,].){rare}*+(?=\d)"
                      # between two words of a sentence, spaced ("the NBS ◆ said"): the symbol and a space go
                      rf"|{rare}(?<=[A-Za-z] .){rare}*+ (?=[a-z])")


@lru_cache(maxsize=1)
def _rare_class() -> str:
    """Return the character-class body of the rare symbols."""
    return "".join(noise_data()["rare_symbols"]["ranges"])


@lru_cache(maxsize=1)
def _any_rare_re() -> re.Pattern[str]:
    """Compile the class of rare symbols (a first test: most texts have none)."""
    return re.compile(f"[{_rare_class()}]")


def rare_symbols(text: str, ctx: Context) -> StepResult:
    """Cut a rare symbol wedged in a word or number, or set between two words, in any text ("投⛦资", "8.⛦4%")."""
    result = StepResult(text)
    if not _any_rare_re().search(text):
        return result  # most texts: no rare symbol at all
    result.text = _rare_symbol_re().sub(lambda m: _cut_rare(m, result), text)
    return result


def _cut_rare(match: re.Match[str], result: StepResult) -> str:
    """Note one rare-symbol run with the text around it, and cut it."""
    result.note(match.string[max(0, match.start() - 4): match.end() + 4])
    return ""


QUOTES = "\"'"


def _cut_runs(text: str, parts: list[str], result: StepResult) -> str:
    """Replace the runs of split `text` (odd indices) by a mark, keeping one space if a run held any."""
    # one split and list work, not a Python callback per run: a noisy text has hundreds of runs
    _note_runs(text, parts, result)
    cuts = [MARK + " " if " " in run else MARK for run in parts[1::2]]
    for k in range(1, len(parts), 2):
        if "'" in parts[k] and _clitic_after(parts, k):
            cuts[k // 2] = "'" + MARK  # "people' β↔s": the apostrophe was the text's, the space noise
        elif ("<" in parts[k] or ">" in parts[k]) and (separator := _separator(parts, k)):
            cuts[k // 2] = f"{MARK} {separator} "  # "首页 ¶↕•> 新闻": a menu's separator was the page's
        elif parts[k][0] in QUOTES and _closing_quote(parts, k):
            cuts[k // 2] = parts[k][0] + cuts[k // 2]
    parts[1::2] = cuts
    return "".join(parts)


def _note_runs(text: str, parts: list[str], result: StepResult) -> None:
    """Count the runs of split `text` and keep the first few, with the text around them."""
    end = 0
    for k in range(1, len(parts), 2):
        if len(result.examples) >= MAX_EXAMPLES:
            break
        start = end + len(parts[k - 1])
        end = start + len(parts[k])
        result.examples.append(_short(text[max(0, start - 8): end + 8]))
    result.removed += len(parts) // 2


CLITIC_RE = re.compile(r"(?:s|t|d|ll|re|ve|m)(?![A-Za-z])")
SEPARATOR_RE = re.compile(r"([<>])(?= |$)")


def _separator(parts: list[str], k: int) -> str | None:
    """Return the < or > of run k of split text that stands between spaces (a menu's separator)."""
    found = SEPARATOR_RE.search(parts[k])
    if not found or (found.end() == len(parts[k]) and not parts[k + 1][:1].isspace()):
        return None
    if " " not in parts[k][:found.start()] and not parts[k - 1][-1:].isspace():
        return None
    return found.group(1)


def _clitic_after(parts: list[str], k: int) -> bool:
    """Tell whether run k of split text sits between a word and its clitic ("people' β↔s")."""
    clitic = CLITIC_RE.match(parts[k + 1])
    word = _word_before(parts, k)
    return bool(clitic and word) and keeps_apostrophe(word, clitic.group())


def _word_before(parts: list[str], k: int) -> str:
    """Return the word ending before run k, across earlier runs without a space ("y>∏ear")."""
    word = _word_end(parts[k - 1])
    while word == parts[k - 1] and k >= 3 and " " not in parts[k - 2] and len(word) < 40:
        k -= 2
        word = _word_end(parts[k - 1]) + word
    return word


def _closing_quote(parts: list[str], k: int) -> bool:
    """Tell whether run k of split text starts with a real closing quote: after a word, before no word."""
    before = parts[k - 1][-1:] or (parts[k - 2][-1:] if k > 1 else "")  # runs may touch
    after = parts[k + 1][:1] or (parts[k + 2][:1] if k + 2 < len(parts) else "")
    # a single quote closing a word is a plural possessive ("firms' profits"); else noise
    return (parts[k][0] in QUOTES and before.isalpha() and (parts[k][0] == '"' or before == "s")
            and not (after.isalnum() or CJK_RE.match(after)))


SIGN = "[$\u00a3\u20ac\u00a5<>]"  # ambiguous symbols that never end a word nor follow a decimal point


@lru_cache(maxsize=1)
def _injection_res() -> tuple[re.Pattern[str], ...]:
    """Compile the injected-symbol patterns: runs with a sure symbol, then wedged ambiguous ones."""
    always, ambiguous = _symbol_classes()
    # Both patterns open with a character class, so re jumps from candidate symbol to candidate
    # symbol instead of trying a match at every position; a condition on the text before the
    # match therefore looks back past the symbol just consumed (the "." in `(?<=[A-Za-z].)`).
    # A run is judged once, from its first character: `(?<!X.)` after that character fails at
    # once inside a run (the run start decided it already), which keeps long runs of spaces or
    # symbols linear instead of rescanning the rest of the run from every position.
    run = f"[{always}{ambiguous} ]"
    # a maximal run of symbols and spaces holding at least one sure symbol
    sure = f"{run}(?<!{run}.)(?:(?<=[{always}])|(?=[{ambiguous} ]*+[{always}])){run}*+"
    amb, cjk, sign = f"[{ambiguous}]", f"[{CJK_CLASS}]", SIGN
    wedged = (f"{amb}(?:"
              rf"(?<=[A-Za-z].)(?!(?<=')(?:s|t|d|ll|re|ve|m)\b){amb}*+(?=[A-Za-z])"  # in a word
              rf"|(?<=[A-Za-z]{sign}){amb}*+ {amb}*+(?=[A-Za-z])"  # a sign ending a word: "m¥ easures"
              rf"|(?<=\d.){amb}*+ ?(?=[\d%])"  # inside a number, before its percent sign
              rf"|(?<=\d[.,].){amb}*+(?=\d)"  # after a decimal point: "19.<¥9"
              rf"|(?<=\d.){amb}*+ ?(?=[.,]\d)"  # before one: "12££.34"
              rf"|(?<={cjk}.){amb}*+(?=[{CJK_CLASS}0-9])"  # inside Chinese
              rf"|(?<=\d.){amb}*+(?={cjk})"
              rf"|(?<={sign})(?<!{sign}.){sign}*+(?=[A-Za-z])"  # a currency sign before a letter
              rf"|(?<=&)(?<![A-Z].)(?![A-Z ])|(?<=&)(?<! .)(?= )"  # & not in "R&D" or " & "
              # a lone < or > not before a number and not a separator between spaces ("首页 > 新闻")
              rf"|(?<=[<>])(?<![<>].)(?![<>\d=])(?:(?<! .)|(?! )))")
    return re.compile(f"({sure})"), re.compile(f"({wedged})")  # one group: split keeps the runs


SITE_RE = re.compile(MARK + "( )")
WORD_START_RE = re.compile(r"[A-Za-z]++")
# letters split by cut sites ("tw\0 o\0 m\0onths"), from a word's start: not a clitic ('s), not "5G"
CHAIN_RE = re.compile(f"(?<![A-Za-z0-9'\u2019])[A-Za-z]++(?:{MARK}++ ?[A-Za-z]++)++")
SITE_SPLIT_RE = re.compile(f"({MARK}++ ?)")
SPACE_BEFORE_SITE_RE = re.compile(f"(?<=[A-Za-z]) {MARK}(?=[A-Za-z])")


def rejoin_cuts(text: str, ctx: Context) -> StepResult:
    """Close the gaps left by cut symbols: rejoin words and numbers split by an injected space."""
    result = StepResult(text)
    if MARK in text:
        # the sites between letters are decided word by word; the others (numbers, Chinese,
        # punctuation) one by one, while the marks still show where the other cuts were
        # a wedged symbol is cut without the space before it ("grow ¥th"): that space came with it
        if " " + MARK in text:
            text = SPACE_BEFORE_SITE_RE.sub(MARK + " ", text)
        text = CHAIN_RE.sub(lambda m: _close_chain(m, result), text)
        text = SITE_RE.sub(lambda m: _close_site(m, result), text)
        result.text = text.replace(MARK, "")
    return result


def _close_chain(match: re.Match[str], result: StepResult) -> str:
    """Rejoin the letter fragments of a chain of cut sites into the likeliest words."""
    chain = match.group()
    hyphen = match.string[match.end():match.end() + 1] == "-"
    if chain.count(MARK) == 1:  # the common case, one cut: no splitting machinery
        left, right = chain.split(MARK)
        spaced = right.startswith(" ")
        right = right[1:] if spaced else right
        space = space_between(left, right, spaced, hyphen)
        if space != spaced:
            result.note(f"{left[-12:]}{'·' if space else ''}{right[:12]}")
        return f"{left} {right}" if space else left + right
    parts = SITE_SPLIT_RE.split(chain)
    fragments, sites = parts[0::2], parts[1::2]
    spaces = best_spaces(fragments, [" " in site for site in sites], hyphen)
    out = [fragments[0]]
    for site, space, fragment in zip(sites, spaces, fragments[1:]):
        if space != (" " in site):
            result.note(f"{out[-1][-12:]}{'·' if space else ''}{fragment[:12]}")
        out.append((" " if space else "") + fragment)
    return "".join(out)


def _close_site(match: re.Match[str], result: StepResult) -> str:
    """Decide whether the space at one cut site is real."""
    text, start, end = match.string, match.start(), match.end()
    # the other cut sites nearby are no text: "0\0.\0 1" is "0.1" split once
    left, right = text[max(0, start - 40): start].replace(MARK, ""), text[end: end + 40].replace(MARK, "")
    if _joins(left, right, lenient=True):
        result.note(f"{left[-12:]} {right[:12]}")
        return ""
    return " "


def _joins(left: str, right: str, lenient: bool) -> bool:
    """Tell whether the text before and after a space was one word or one number."""
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    if CJK_RE.match(a) or CJK_RE.match(b):
        return True  # Chinese has no spaces between characters
    if lenient and b in ",.;:?!)%":
        return True  # a cut just before punctuation left its space behind
    if lenient and b in "'\u2019" and a.isalpha() and CLITIC_RE.match(right, 1):
        return True  # "people≈α₽ 's": a clitic goes with its word
    if _number_side(left[-2:], end=True) and _number_side(right[:2], end=False):
        return lenient
    if lenient and a == "-" and left[-2:-1].isalpha() and b.isalpha():
        return True  # "year-on- year": a compound split after its hyphen
    if lenient and a.isdigit() and b.isupper() and not right[1:2].isalnum():
        return True  # "5 G": a letter cut off its number ("5G", "3D")
    head, tail = _word_end(left), WORD_START_RE.match(right)
    if not (head and tail) or left.rstrip("\n")[: -len(head)].endswith(("'", "\u2019")):
        return False  # no word on one side, or a clitic ("China's top" is no "stop")
    return words_join(head, tail.group(), lenient)


def _word_end(left: str) -> str:
    """Return the letters ending `left`, before one final newline as `[A-Za-z]++$` finds them."""
    core = left[:-1] if left.endswith("\n") else left
    return core[len(core.rstrip(ascii_letters)):]  # rstrip: no regex tried at every position


def _number_side(chars: str, end: bool) -> bool:
    """Tell whether `chars` ends (or starts) a number: a digit or a separator beside one."""
    edge = chars[-1] if end else chars[0]
    inner = chars[-2:-1] if end else chars[1:2]
    return edge.isdigit() or (edge in ".," and inner.isdigit())


WORD_SPLIT_RE = re.compile(r"([A-Za-z]++)")
NO_PAIR_AFTER = frozenset("0123456789'")  # a word after these is never the left half of a pair


def rejoin_words(text: str, ctx: Context) -> StepResult:
    """Rejoin words split by an injected space alone ("competitivenes s") in noisy texts."""
    result = StepResult(text)
    if not ctx.noisy:
        return result
    parts = WORD_SPLIT_RE.split(text)  # odd indices hold the words, even ones the gaps between
    odd = odd_words(set(parts[1::2]))
    if not odd:
        return result
    for _ in range(3):  # a joined word may join its neighbour again
        gaps = _pair_gaps(parts, odd, result)
        if not gaps:
            break
        parts = _merge(parts, gaps)
    result.text = "".join(parts)
    return result


def _pair_gaps(parts: list[str], odd: set[str], result: StepResult) -> list[int]:
    """Return the gaps of the "word word" pairs with an odd half that wordfreq says are one word."""
    # only pairs with an odd half (not a word, or a stray letter) can be a split word
    at = [2 * n + 1 for n in compress(count(), map(odd.__contains__, parts[1::2]))]
    lefts = sorted({i - 2 for i in at if i > 1}.union(i for i in at if i + 2 < len(parts)))
    gaps: list[int] = []
    for i in lefts:
        before, a, gap, b = parts[i - 1], parts[i], parts[i + 1], parts[i + 2]
        if gap != " " or (before and before[-1] in NO_PAIR_AFTER):
            continue
        if words_join(a, b, lenient=False):
            result.note(f"{a} {b}")
            gaps.append(i + 1)
    return gaps


def _merge(parts: list[str], gaps: list[int]) -> list[str]:
    """Return split parts with the given gaps (ascending) deleted and the words around them joined."""
    out: list[str] = []
    done = 0  # parts before this index are in `out`
    for gap in gaps:
        if gap - 1 < done:  # the left word already ends `out`, joined to its own left neighbour
            out[-1] += parts[gap + 1]
        else:
            out.extend(parts[done: gap - 1])
            out.append(parts[gap - 1] + parts[gap + 1])
        done = gap + 2
    out.extend(parts[done:])
    return out


PINYIN_GROUP = r"[(（](?:[a-zü\u0101-\u01dc\u00e0-\u00fc]{1,6}[1-5]?[ ]?){1,4}[)）]"
PINYIN_RE = re.compile(f"(?<=[{CJK_CLASS}])(?:{PINYIN_GROUP})++")  # "投(tou)(zi)资": every group at once
TONE_RE = re.compile(r"[\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec"
                     r"\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc\u00fc]|\d")
GROUP_RE = re.compile(r"[(（]([^()（）]*+)[)）]")


def pinyin(text: str, ctx: Context) -> StepResult:
    """Remove pinyin added after Chinese characters: 消费(fèi) → 消费, 投(tou)资 → 投资."""
    result = StepResult(text)
    if ctx.cjk and ("(" in text or "（" in text):
        result.text = PINYIN_RE.sub(lambda m: _drop_pinyin(m, result), text)
    return result


def _drop_pinyin(match: re.Match[str], result: StepResult) -> str:
    """Drop parentheses that hold pinyin (toned, or toneless syllables); keep any other."""
    groups = GROUP_RE.findall(match.group())
    if not all(TONE_RE.search(g) or all(map(pinyin_syllables, g.split())) for g in groups):
        return match.group()
    result.note(match.string[max(0, match.start() - 2): match.end()])
    return ""


def simplified(text: str, ctx: Context) -> StepResult:
    """Convert traditional Chinese characters to simplified (OpenCC t2s)."""
    result = StepResult(text)
    if not ctx.cjk:
        return result
    converted = to_simplified(text)
    if converted != text:
        changed = [(a, b) for a, b in zip(text, converted) if a != b]
        result.removed = len(changed)
        result.examples = [f"{a}→{b}" for a, b in dict(changed).items()][:MAX_EXAMPLES]
    result.text = converted
    return result


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
WIDE_ANY_RE = re.compile(r"[０-９％．]")
WIDE_NUMBER_RE = re.compile(r"(?<=\d)(?:％|．(?=\d))")


def number_width(text: str, ctx: Context) -> StepResult:
    """Make full-width digits ASCII, and ％ and ． inside numbers; leave prose punctuation alone."""
    result = StepResult(text)
    if not WIDE_ANY_RE.search(text):
        return result
    for match in re.finditer(r"[０-９]++", text):
        result.note(match.group())
    text = text.translate(FULLWIDTH_DIGITS)
    for match in WIDE_NUMBER_RE.finditer(text):
        result.note(match.string[max(0, match.start() - 4): match.end() + 2])
    result.text = WIDE_NUMBER_RE.sub(lambda m: "%" if m.group() == "％" else ".", text)
    return result


def metadata_lines(text: str, ctx: Context) -> StepResult:
    """Remove lines that only carry a date or a publication stamp (kept in CleanText.date)."""
    result = StepResult(text)
    result.text = _map_lines(text, lambda line: not is_metadata_line(line), result)
    return result


def whitespace(text: str, ctx: Context) -> StepResult:
    """Trim lines, collapse space runs and blank lines; one blank line between paragraphs."""
    result = StepResult(text)
    lines = [" ".join(line.split()) for line in text.strip().split("\n")]
    if _lines_are_paragraphs(lines):
        result.note(f"{len(lines)} lines, one paragraph each")
        result.text = "\n\n".join(lines)
        return result
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    result.text = "\n".join(out)
    return result


def _lines_are_paragraphs(lines: list[str]) -> bool:
    """Tell whether a text without blank lines puts one paragraph on each line (not hard-wrapped)."""
    if len(lines) < 2 or not all(lines):
        return False
    return max(len(line) for line in lines) > 100


# Order matters: injected symbols are cut and the words they split rejoined first, so furniture
# is judged on the lines a reader sees ("Special stat♦ement" is a statement; "6878♣∏™©3311" is no
# copyright line); furniture is judged once stray prefixes and bracketed UI tokens are gone (a
# prefixed credit line is still one); metadata is read (see clean_source) just before its lines
# are removed.
STEPS: tuple[tuple[str, StepFn], ...] = (
    ("markup", markup),
    ("normalise", normalise),
    ("simplified", simplified),
    ("injected_symbols", injected_symbols),
    ("rare_symbols", rare_symbols),
    ("rejoin_cuts", rejoin_cuts),
    ("rejoin_words", rejoin_words),
    ("line_prefixes", line_prefixes),
    ("stray_prefixes", stray_prefixes),
    ("ui_tokens", ui_tokens),
    ("related_blocks", related_blocks),
    ("furniture", furniture),
    ("symbol_lines", symbol_lines),
    ("markdown", markdown_marks),
    ("pinyin", pinyin),
    ("number_width", number_width),
    ("metadata_lines", metadata_lines),
    ("whitespace", whitespace),
)
METADATA_BEFORE = "metadata_lines"
CONTEXT_AFTER = "normalise"  # the text is judged (noisy? Chinese?) as decoded and normalised


# --- public ----------------------------------------------------------------------------------
def clean_source(source: Source) -> CleanText:
    """Clean a source and read its language, title, date and byline."""
    text, steps, meta = _run(source.text, source.format)
    lang = detect_lang(text)
    return CleanText(source=source, text=text, lang=lang, title=meta.title, date=meta.date,
                     byline=meta.byline, steps=tuple(steps), warnings=source.warnings)


def clean_text(text: str) -> str:
    """Return the cleaned text only."""
    return _run(text, "txt")[0]


def _run(text: str, fmt: str) -> tuple[str, list[CleanStep], cleanmeta.Meta]:
    """Run every step in order, judging the text once decoded, reading metadata before its lines go."""
    steps: list[CleanStep] = []
    meta = cleanmeta.Meta()
    ctx = Context(fmt=fmt)
    for name, fn in STEPS:
        if name == METADATA_BEFORE:
            meta = cleanmeta.read_meta(text, is_furniture=ctx.is_furniture)
        result = fn(text, ctx)
        text = result.text
        steps.append(CleanStep(name, _describe(fn), result.removed, tuple(result.examples)))
        if name == CONTEXT_AFTER:
            ctx = make_context(text, fmt)
    return text, steps, meta


@lru_cache(maxsize=64)
def _describe(fn: StepFn) -> str:
    """Return a step's one-line description (its docstring)."""
    return (fn.__doc__ or "").strip().splitlines()[0]


def make_context(text: str, fmt: str) -> Context:
    """Look at the whole text once: is it noisy, does it hold Chinese."""
    return Context(noisy=is_noisy(text), cjk=CJK_RE.search(text) is not None, fmt=fmt)


@lru_cache(maxsize=1)
def _wedged_re() -> re.Pattern[str]:
    """Compile the pattern of a sure noise symbol run wedged between two word characters."""
    always, ambiguous = _symbol_classes()
    # full-width digits count as digits: number_width makes them ASCII, and a cleaned text must
    # be judged as its source was (idempotence)
    word, run = f"[A-Za-z0-9\uff10-\uff19{CJK_CLASS}]", f"[{always}{ambiguous}]"
    # opens with a character class so re skips to candidate symbols (see _injection_res)
    return re.compile(f"{run}(?<={word}.)(?:(?<=[{always}])|(?=[{ambiguous}]*+[{always}]))"
                      f"{run}*+(?={word})")


@lru_cache(maxsize=1)
def _decimal_wedged_re() -> re.Pattern[str]:
    """Compile the pattern of a sure noise symbol run right after a decimal point ("5.◆37")."""
    always, ambiguous = _symbol_classes()
    return re.compile(f"[{always}](?<=[0-9\uff10-\uff19][.,].)[{always}{ambiguous}]*+(?=[0-9\uff10-\uff19])")


@lru_cache(maxsize=1)
def _always_re() -> re.Pattern[str]:
    """Compile the class of sure noise symbols."""
    return re.compile(f"[{_symbol_classes()[0]}]")


def is_noisy(text: str) -> bool:
    """Tell whether symbols were injected into the text, from their density inside words."""
    if not _always_re().search(text):
        return False
    if _many_wedged(text):
        return True
    # judge the text as `normalise` leaves it too, or its cleaned text could be judged noisy
    # (idempotence); dropping characters never unwedges a symbol, so this only adds wedges
    return CONTROL_RE.search(text) is not None and _many_wedged(CONTROL_RE.sub("", text))


MATH_BETWEEN_DIGITS_RE = re.compile(r"(?<=\d)[×±÷](?=\d)")


def _many_wedged(text: str) -> bool:
    """Tell whether enough sure noise symbols sit inside words, in number and per 1000 characters."""
    conf = noise_data()["injected"]
    wedged = len(_wedged_re().findall(text))
    if wedged:  # "1024×768", "3±0.2" say what they mean: no noise
        wedged -= len(MATH_BETWEEN_DIGITS_RE.findall(text))
    if wedged < conf["min_wedged"]:  # a sparse noise hides in numbers too ("5.◆37万亿元")
        wedged += len(_decimal_wedged_re().findall(text))
    return wedged >= conf["min_wedged"] and wedged * 1000 >= conf["min_wedged_per_1000"] * len(text)


def explain(clean: CleanText) -> str:
    """Return the human report of what each cleaning step did."""
    src = clean.source
    head = [f"{src.name}: {src.format}, {src.encoding}, {src.size} bytes → lang {clean.lang}",
            f"  title:  {clean.title or '-'}",
            f"  date:   {clean.date or '-'}",
            f"  byline: {clean.byline or '-'}"]
    width = max(len(step.name) for step in clean.steps) if clean.steps else 10
    for step in clean.steps:
        head.append(f"  {step.name:<{width}}  {step.removed:>5}  {step.description}")
        head.extend(f"  {'':<{width}}         e.g. {ex!r}" for ex in step.examples)
    head.extend(f"  warning: {w}" for w in clean.warnings)
    return "\n".join(head)

