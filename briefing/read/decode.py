"""Decode a source's bytes: BOMs, strict UTF-8, a declared charset, GB18030 vs Big5, then a detector."""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from briefing.errors import SourceError, SourceSkipped
from briefing.primitives import to_simplified  # Big5 text is traditional; the common list is simplified

BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: the UTF-32 LE BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CJK_CODECS = ("gb18030", "big5")
SAMPLE_BYTES = 64 * 1024  # enough to judge an encoding; keeps detection cheap on big files
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CJK = re.compile(r"[\u4e00-\u9fff]")
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{1,20})""", re.I)
ODD_CONTROL_SHARE = 0.1  # more control characters than this and a file is binary


def decode_bytes(data: bytes, path: Path, html: bool = False) -> tuple[str, str]:
    """Decode bytes: BOMs, strict UTF-8, GB18030 vs Big5 by plausibility, then charset-normalizer."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name, path), name
    if b"\x00" in data:
        raise SourceSkipped(f"{path.name}: skipped, binary file (NUL bytes)")
    for attempt in (_try_utf8, _try_declared if html else None, _try_cjk, _try_detector):
        found = attempt(data) if attempt else None
        if found is not None:
            return _reject_binary(found[0], path), found[1]
    raise SourceError(f"{path.name}: cannot decode: not UTF-8, GB18030, Big5 or another known encoding")


def _strict(data: bytes, name: str, path: Path) -> str:
    """Decode with a BOM-announced codec, or fail with the file's name."""
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path.name}: cannot decode as {name}: {exc.reason}") from exc
    return _reject_binary(text.lstrip("\ufeff"), path)


def _reject_binary(text: str, path: Path) -> str:
    """Skip text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:SAMPLE_BYTES]
    if "\x00" in sample or len(CONTROL.findall(sample)) > ODD_CONTROL_SHARE * max(len(sample), 1):
        raise SourceSkipped(f"{path.name}: skipped, binary file (control characters)")
    return text


def _try_utf8(data: bytes) -> tuple[str, str] | None:
    """Decode as strict UTF-8."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _try_declared(data: bytes) -> tuple[str, str] | None:
    """Decode HTML with the charset its <meta> tag declares."""
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = "gb18030" if name in ("gb2312", "gbk") else name  # GB18030 is a superset of both
    try:
        return data.decode(name), codecs.lookup(name).name
    except (LookupError, UnicodeDecodeError):
        return None


def _try_cjk(data: bytes) -> tuple[str, str] | None:
    """Decode as GB18030 and Big5 strictly and keep the more plausible Chinese."""
    best: tuple[float, str, str] | None = None
    for name in CJK_CODECS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(text[:SAMPLE_BYTES])
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None or best[0] < 0.8:  # garbage either way: let the detector judge
        return None
    return best[1], best[2]


def plausibility(text: str) -> float:
    """Return the share of non-ASCII characters that are common Chinese characters or punctuation."""
    wide = [ch for ch in to_simplified(text) if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    common = _common_chars()
    return sum(1 for ch in wide if ch in common or 0x3000 <= ord(ch) <= 0x303F
               or 0xFF00 <= ord(ch) <= 0xFFEF or 0x2010 <= ord(ch) <= 0x2027) / len(wide)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Return the Chinese characters of the commonest words in wordfreq's Chinese list."""
    from wordfreq import top_n_list

    return frozenset(ch for word in top_n_list("zh", 30000) for ch in word if CJK.match(ch))


def _try_detector(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer for its best guess, as the last resort."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding
