"""Primitives every stage may use: atomic file writes, the run lock, content hashes, the language test.

Imports no stage, so that any stage can import it.
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.errors import LockedError

CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]++")
LATIN_RUN_RE = re.compile(r"[A-Za-z]++")


# --- files -----------------------------------------------------------------------------------
LOCK_NAME = ".briefing.lock"
TMP_SUFFIX = ".tmp"
# Locks this process holds, by folder: a nested build_lock (build --send calls pipeline.build,
# which locks again) must not try a second flock, which would fail against our own lock.
_HELD: dict[Path, int] = {}


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(path))  # mkstemp makes 0600; readers need more
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets 0666 less the umask, like open()."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    """Read the process umask once (it can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Flush the folder entry so the rename survives a crash (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


@contextmanager
def build_lock(output_dir: Path) -> Iterator[None]:
    """Hold a non-blocking exclusive lock on the output folder, or raise LockedError."""
    output_dir.mkdir(parents=True, exist_ok=True)
    key = output_dir.resolve()
    if key in _HELD:  # already ours: nest without a second flock
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    lock_path = output_dir / LOCK_NAME
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError(f"{lock_path}: another briefing run holds the lock; try again later") from exc
        _HELD[key] = 1
        try:
            remove_stale_temporaries(output_dir)
            yield
        finally:
            del _HELD[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_temporaries(output_dir: Path) -> int:
    """Delete temporary files a killed run left behind; call only while holding the lock."""
    removed = 0
    for tmp in output_dir.glob(f".*{TMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


def content_hash(data: bytes) -> str:
    """Return the SHA-256 hex digest that identifies a content."""
    return hashlib.sha256(data).hexdigest()


# --- language --------------------------------------------------------------------------------
def detect_lang(text: str) -> str:
    """Return "zh" when Chinese characters carry the text, else "en"."""
    sample = text[:20000]
    if not CJK_RE.search(sample):
        return "en"
    # count characters by runs: one match object per word, not one per character
    cjk = sum(map(len, CJK_RUN_RE.findall(sample)))
    latin = sum(map(len, LATIN_RUN_RE.findall(sample)))
    return "zh" if cjk * 3 >= latin else "en"


def sentence_lang(text: str, default: str) -> str:
    """Return the language of one sentence of a mixed text; `default` when it has letters of neither script.

    The same test as detect_lang, so a sentence reads as its document would if it stood alone; a
    line of digits and symbols ("2024-03-27 10:00", "5.2%") says nothing and keeps the document's.
    """
    cjk = sum(map(len, CJK_RUN_RE.findall(text)))
    latin = sum(map(len, LATIN_RUN_RE.findall(text)))
    if not cjk and not latin:
        return default
    return "zh" if cjk * 3 >= latin else "en"


@lru_cache(maxsize=1)
def _converter() -> Any:
    """Return the OpenCC traditional-to-simplified converter."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Return `text` with traditional Chinese characters made simplified."""
    if not CJK_RE.search(text):
        return text
    return _converter().convert(text)
