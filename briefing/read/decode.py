"""Decode a source's bytes: BOMs, UTF-16, strict UTF-8, a declared charset, GB18030 vs Big5, cp1252, a detector.

Every guess (anything but a BOM or strict UTF-8) must read as plausible English or Chinese, or the
file is skipped: a refused file costs one source, mojibake costs the brief its credibility.
"""
from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from briefing.errors import SourceSkipped
from briefing.primitives import to_simplified  # Big5 text is traditional; the common list is simplified

BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: the UTF-32 LE BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CJK_CODECS = ("gb18030", "big5")
GB_NAMES = frozenset({"gb2312", "gbk", "gb18030", "cp936", "euc-cn", "x-gbk", "hz-gb-2312"})
BIG5_NAMES = frozenset({"big5", "big5-hkscs", "big5hkscs", "cp950", "x-x-big5"})
WESTERN_NAMES = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"})
SAMPLE_BYTES = 64 * 1024  # enough to judge an encoding; keeps detection cheap on big files
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CJK = re.compile(r"[\u4e00-\u9fff]")
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{1,20})""", re.I)
ODD_CONTROL_SHARE = 0.1  # more control characters than this and a file is binary
CHINESE_MIN = 0.8  # share of wide characters that must be common Chinese characters or punctuation
UTF16_MIN = 0.9  # share of characters a UTF-16 reading must make ordinary text
# cp1252's typographic extras (0x80-0x9F) beside Latin-1's letters and signs (U+00A0-U+00FF)
WESTERN_EXTRA = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
WESTERN_CLUSTERED_MAX = 0.25  # in Western text accents and quotes stand alone between ASCII letters
WESTERN_WIDE_MAX = 0.2  # … and are a small share of the text
CANNOT_DECODE = ("cannot decode, skipped: not UTF-8, UTF-16, GB18030, Big5 or Windows-1252 text, "
                 "and no other encoding reads it as English or Chinese")
Decoded = tuple[str, str]  # (text, encoding name)


def decode_bytes(data: bytes, path: Path, html: bool = False) -> Decoded:
    """Decode bytes by exact checks first, then by guesses that must read as English or Chinese."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name, path), name
    if b"\x00" in data:
        found = _try_utf16(data)
        if found is None:
            raise SourceSkipped(f"{display_name(path)}: skipped, binary file (NUL bytes)")
        return _reject_binary(found[0], path), found[1]
    attempts: tuple[Callable[[bytes], Decoded | None], ...] = (
        _try_utf8, *((_try_declared,) if html else ()), _try_cjk, _try_western, _try_detector)
    for attempt in attempts:
        found = attempt(data)
        if found is not None:
            return _reject_binary(found[0], path), found[1]
    raise SourceSkipped(f"{display_name(path)}: {CANNOT_DECODE}")


def display_name(path: Path) -> str:
    """Return a file name as text every later stage can encode: undecodable bytes as \\xNN."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def _strict(data: bytes, name: str, path: Path) -> str:
    """Decode with a BOM-announced codec, or skip the file naming the codec."""
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise SourceSkipped(f"{display_name(path)}: skipped, cannot decode as {name} (its byte order mark): "
                            f"{exc.reason}") from exc
    return _reject_binary(text.lstrip("\ufeff"), path)


def _reject_binary(text: str, path: Path) -> str:
    """Skip text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:SAMPLE_BYTES]
    if "\x00" in sample or len(CONTROL.findall(sample)) > ODD_CONTROL_SHARE * max(len(sample), 1):
        raise SourceSkipped(f"{display_name(path)}: skipped, binary file (control characters)")
    return text


# --- exact readings --------------------------------------------------------------------------
def _try_utf8(data: bytes) -> Decoded | None:
    """Decode as strict UTF-8, forgiving only a last character cut short (a truncated download)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and exc.start >= len(data) - 3:
            return _try_utf8(data[:exc.start])
        return None


def _try_utf16(data: bytes) -> Decoded | None:
    """Read NUL-bearing bytes as UTF-16 without a BOM: the byte order that gives ordinary text."""
    even = data[: len(data) - len(data) % 2]
    best: tuple[float, str, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(name)
        except UnicodeDecodeError:
            continue
        score = _ordinary_share(text[: SAMPLE_BYTES // 2])
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None or best[0] < UTF16_MIN:
        return None
    return best[1], best[2]


def _ordinary_share(text: str) -> float:
    """Return the share of characters that ordinary English or Chinese text is made of."""
    if not text:
        return 0.0
    common = _common_chars()
    ordinary = sum(1 for ch in text if (" " <= ch <= "~") or ch in "\t\n\r" or _wide_ok(ch, common)
                   or "\u00a0" <= ch <= "\u00ff")
    return ordinary / len(text)


# --- guesses, each vetted ----------------------------------------------------------------------
def _try_declared(data: bytes) -> Decoded | None:
    """Decode HTML with the charset its <meta> tag declares, if that reads as English or Chinese."""
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in GB_NAMES or name in BIG5_NAMES:
        # pages declare big5 for GBK and back: take the Chinese reading that is plausible
        return _try_cjk(data, prefer="big5" if name in BIG5_NAMES else "gb18030")
    if name in WESTERN_NAMES:
        return _try_western(data)  # browsers read ISO-8859-1 as Windows-1252 too
    try:
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return (text, codecs.lookup(name).name) if _plausible(text) else None


def _try_cjk(data: bytes, prefer: str = "gb18030") -> Decoded | None:
    """Decode as GB18030 and Big5 strictly and keep the more plausible Chinese."""
    best: tuple[float, str, str] | None = None
    for name in sorted(CJK_CODECS, key=lambda n: n != prefer):  # the preferred one wins ties
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(text[:SAMPLE_BYTES])
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None or best[0] < CHINESE_MIN:  # garbage either way: let the next reading judge
        return None
    return best[1], best[2]


def _try_western(data: bytes) -> Decoded | None:
    """Decode as Windows-1252 (smart quotes, dashes, accents) when it reads as Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return (text, "cp1252") if western_plausible(text) else None


def _try_detector(data: bytes) -> Decoded | None:
    """Ask charset-normalizer for its best guess, as the last resort; keep it only if it reads right."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SAMPLE_BYTES * 4]).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return (text, best.encoding) if _plausible(text) else None


# --- what plausible text looks like --------------------------------------------------------------
def _plausible(text: str) -> bool:
    """Tell whether a guessed decoding reads as Chinese or as Western (English) text."""
    sample = text[:SAMPLE_BYTES]
    return plausibility(sample) >= CHINESE_MIN or western_plausible(sample)


def plausibility(text: str) -> float:
    """Return the share of non-ASCII characters that are common Chinese characters or punctuation."""
    wide = [ch for ch in to_simplified(text) if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    common = _common_chars()
    return sum(1 for ch in wide if _wide_ok(ch, common)) / len(wide)


def _wide_ok(ch: str, common: frozenset[str]) -> bool:
    """Tell whether a non-ASCII character is a common Chinese character or CJK/typographic punctuation."""
    code = ord(ch)
    return ch in common or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027


def western_plausible(text: str) -> bool:
    """Tell whether the non-ASCII characters are Latin-1 letters or typographic signs, mostly standing alone."""
    sample = text[:SAMPLE_BYTES]
    wide = [i for i, ch in enumerate(sample) if ord(ch) > 0x7F]
    if not wide:
        return True
    if any(not ("\u00a0" <= sample[i] <= "\u00ff" or sample[i] in WESTERN_EXTRA) for i in wide):
        return False
    taken = set(wide)
    clustered = sum(1 for i in wide if i - 1 in taken or i + 1 in taken)
    return clustered <= WESTERN_CLUSTERED_MAX * len(wide) and len(wide) <= WESTERN_WIDE_MAX * len(sample)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Return the Chinese characters of the commonest words in wordfreq's Chinese list."""
    from wordfreq import top_n_list

    return frozenset(ch for word in top_n_list("zh", 30000) for ch in word if CJK.match(ch))
