"""Find source files in the sources folder and read one into a Source."""
from __future__ import annotations

from pathlib import Path

from briefing.errors import SourceError, SourceSkipped
from briefing.models import Source
from briefing.read.decode import decode_bytes
from briefing.read.html import html_to_text

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}


def discover_sources(folder: Path) -> list[Path]:
    """Return the readable source files in a folder, sorted by name, hidden files skipped."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir()
             if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES]
    return sorted(found, key=lambda p: p.name)


def read_source(path: Path, max_bytes: int) -> Source:
    """Read a file, detect its encoding and return its text; skip empty, binary or huge files."""
    data = _read_bytes(path, max_bytes)
    fmt = SUFFIXES.get(path.suffix.lower(), "txt")
    text, encoding = decode_bytes(data, path, html=fmt == "html")
    warnings: tuple[str, ...] = ()
    if fmt == "html":
        text, warnings = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceSkipped(f"{path.name}: skipped, no text in the file")
    return Source(path=path, name=path.name, text=text, encoding=encoding, format=fmt,
                  size=len(data), warnings=warnings)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read the raw bytes, refusing empty and oversized files before reading them whole."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceSkipped(f"{path.name}: skipped, {size} bytes is over the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceSkipped(f"{path.name}: skipped, the file is empty")
    return data
