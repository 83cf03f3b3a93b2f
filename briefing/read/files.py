"""Find source files in the sources folder and read one into a Source.

Every per-file problem is a SourceSkipped naming the file, so that the pipeline skips it with a
warning (or fails under --strict): nothing in the folder is ignored silently, nothing outside it is read.
"""
from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from briefing.errors import SourceSkipped
from briefing.models import Source
from briefing.read.decode import decode_bytes, display_name
from briefing.read.html import html_to_text

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
NOT_FILES = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"))
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC  # a FIFO must not block the run


def discover_sources(folder: Path) -> list[Path]:
    """Return the entries named like sources in a folder, sorted by name, hidden ones left out.

    Directories, pipes and broken links named like sources are listed too: reading them raises
    SourceSkipped with the reason, so the build says so instead of ignoring them.
    """
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if not p.name.startswith(".") and p.suffix.lower() in SUFFIXES]
    return sorted(found, key=lambda p: p.name)


def read_source(path: Path, max_bytes: int, root: Path | None = None) -> Source:
    """Read a file inside `root` (default: its folder), detect its encoding and return its text."""
    data = read_bytes(path, max_bytes, root)
    fmt = SUFFIXES.get(path.suffix.lower(), "txt")
    text, encoding = decode_bytes(data, path, html=fmt == "html")
    warnings: tuple[str, ...] = ()
    if fmt == "html":
        text, warnings = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceSkipped(f"{display_name(path)}: skipped, no text in the file")
    return Source(path=path, name=display_name(path), text=text, encoding=encoding, format=fmt,
                  size=len(data), warnings=warnings)


def read_bytes(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """Return the bytes of a regular, non-empty file inside `root` within the size limit; skip anything else."""
    data = read_raw(path, max_bytes, root)
    if not data.strip():
        raise SourceSkipped(f"{display_name(path)}: skipped, the file is empty")
    return data


def read_raw(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """Return the bytes of a regular file inside `root` within the size limit, empty or not; skip anything else."""
    real = inside(path, root or path.parent)
    try:
        fd = os.open(real, OPEN_FLAGS)
    except OSError as exc:
        raise SourceSkipped(f"{display_name(path)}: skipped, {_open_problem(path, exc)}") from exc
    try:
        _require_regular(path, os.fstat(fd), max_bytes)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(max_bytes + 1)  # bounded even if the file grows meanwhile
        except OSError as exc:
            raise SourceSkipped(f"{display_name(path)}: skipped, cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise SourceSkipped(f"{display_name(path)}: skipped, it grew over the limit of {max_bytes} bytes while read")
    return data


def inside(path: Path, root: Path) -> Path:
    """Return the path with every link resolved, or skip it when that leads outside `root`."""
    real_root = _resolved(root)
    if path.parent == root and not path.is_symlink():  # the common case: a plain file in the folder
        return real_root / path.name
    real = path.resolve()
    if not real.is_relative_to(real_root):
        raise SourceSkipped(f"{display_name(path)}: skipped, a symbolic link to {real}, outside the sources "
                            f"folder {root}; only files inside it are read")
    return real


@functools.lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    """Return a folder with its links resolved, once per folder and process (thousands of files share it)."""
    return folder.resolve()


def _open_problem(path: Path, exc: OSError) -> str:
    """Say why a source cannot be opened."""
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return f"a symbolic link to a missing file ({os.readlink(path)})"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _require_regular(path: Path, info: os.stat_result, max_bytes: int) -> None:
    """Skip what is not a regular file, and regular files over the size limit."""
    for test, kind in NOT_FILES:
        if test(info.st_mode):
            raise SourceSkipped(f"{display_name(path)}: skipped, {kind}, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceSkipped(f"{display_name(path)}: skipped, not a regular file")
    if info.st_size > max_bytes:
        raise SourceSkipped(f"{display_name(path)}: skipped, {info.st_size} bytes is over the limit of {max_bytes}")
