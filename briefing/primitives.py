"""Primitives every stage may use: atomic file writes, the run lock, content hashes, the language test.

Imports no stage, so that any stage can import it.
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import yaml

from briefing.errors import LockedError, OutputError

log = logging.getLogger(__name__)
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]++")
LATIN_RUN_RE = re.compile(r"[A-Za-z]++")


# --- files -----------------------------------------------------------------------------------
LOCK_NAME = ".briefing.lock"
PENDING_NAME = ".briefing-publishing.json"  # present only while a set of files is being published
TMP_SUFFIX = ".tmp"
TMP_MARK = ".briefing-"  # in every temporary's name: `.NAME.briefing-RANDOM.tmp`, so only ours are removed
OUR_TEMPORARY = re.compile(r"\..+\.briefing-[a-z0-9_]{8}\.tmp")  # mkstemp's random part: 8 of [a-z0-9_]
# what versions before the mark left: `.NAME.RANDOM.tmp` for the names this program publishes
OLD_TEMPORARY = re.compile(r"\.(?:latest\.[a-z]{3,4}|brief-\d{4}-\d{2}-\d{2}\.[a-z]{3,4}|\.briefing-[a-z]+\.json)"
                           r"\.[A-Za-z0-9_]{1,16}\.tmp")
# Locks this process holds, by folder: a nested build_lock (build --send calls pipeline.build,
# which locks again) must not try a second flock, which would fail against our own lock.
_HELD: dict[Path, int] = {}


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder and rename it into place."""
    tmp = write_temporary(path, data)
    replace_into(tmp, path)
    _fsync_dir(path.parent)


def write_temporary(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary beside `path`, flushed to disk; return the temporary's path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TMP_MARK}", suffix=TMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(path))  # mkstemp makes 0600; readers need more
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from exc
        raise
    return Path(tmp)


def replace_into(tmp: Path, path: Path) -> None:
    """Rename a temporary onto its final name; on failure remove it and name the file."""
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from exc
        raise


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """Return the one-line error for a file that cannot be written (disk full names no file by itself)."""
    if isinstance(exc, OutputError):
        return exc
    error = OutputError(f"{path}: cannot write: {exc.strerror or exc}")
    error.errno, error.filename = exc.errno, str(path)
    return error


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
    key = _make_folder(output_dir).resolve()
    if key in _HELD:  # already ours: nest without a second flock
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    lock_path = output_dir / LOCK_NAME
    with _open_lock(lock_path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError(f"{lock_path}: another briefing run holds the lock; try again later") from exc
        _HELD[key] = 1
        try:
            remove_stale_temporaries(output_dir)
            roll_back_interrupted(output_dir)
            yield
        finally:
            del _HELD[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


def _make_folder(folder: Path) -> Path:
    """Create a folder (and its parents) if need be, naming it when that fails."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from exc
    return folder


def _open_lock(lock_path: Path) -> IO[str]:
    """Open the lock file, naming it when that fails."""
    try:
        return open(lock_path, "a+")
    except OSError as exc:
        raise cannot_write(lock_path, exc) from exc


# --- publishing a set of files together --------------------------------------------------------
def publish_together(folder: Path, files: Sequence[tuple[str, bytes]],
                     copies: Sequence[tuple[str, bytes]] = ()) -> None:
    """Make `files` visible together or not at all, then replace `copies` (e.g. latest.pdf).

    Everything is written to temporaries first (a full disk fails here, before anything shows);
    the renames happen under a marker naming the files, so that the next run (build_lock) removes
    the part a killed run left instead of letting it pass for a complete build.
    """
    staged = _stage(folder, [*files, *copies])
    try:
        write_atomic(folder / PENDING_NAME, json.dumps({"files": [n for n, _ in files]}).encode())
        for (name, _), tmp in zip(files, staged):
            replace_into(tmp, folder / name)
        _fsync_dir(folder)
        (folder / PENDING_NAME).unlink()
        _fsync_dir(folder)
    except BaseException:
        _discard(staged)
        _undo_publication(folder)
        raise
    try:
        for (name, _), tmp in zip(copies, staged[len(files):]):
            replace_into(tmp, folder / name)
    finally:
        _discard(staged)  # whatever a failed copy left; renamed ones are gone already
    _fsync_dir(folder)


def _discard(temporaries: Sequence[Path]) -> None:
    """Remove temporaries that were not renamed into place."""
    for tmp in temporaries:
        tmp.unlink(missing_ok=True)


def _stage(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write every file to a temporary beside its final name; on any failure remove them all."""
    staged: list[Path] = []
    try:
        for name, data in files:
            staged.append(write_temporary(folder / name, data))
    except BaseException:
        _discard(staged)
        raise
    return staged


def roll_back_interrupted(folder: Path) -> tuple[str, ...]:
    """Remove what an interrupted publication made visible (see publish_together), saying so."""
    removed = _undo_publication(folder)
    if removed:
        log.warning("%s: removed %s, left by an interrupted build (killed or failed while publishing)",
                    folder, ", ".join(removed))
    return removed


def _undo_publication(folder: Path) -> tuple[str, ...]:
    """Delete the files the publication marker lists, then the marker; return the names deleted."""
    listed = being_published(folder)
    if listed is None:
        return ()
    removed = tuple(name for name in listed if _remove_published(folder, name))
    (folder / PENDING_NAME).unlink(missing_ok=True)
    return removed


def being_published(folder: Path) -> tuple[str, ...] | None:
    """Return the names a publication in progress (or an interrupted one) lists; None if there is none."""
    try:
        listed = json.loads((folder / PENDING_NAME).read_text(encoding="utf-8")).get("files", [])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        return ()  # a damaged marker: its files cannot be known, the marker still goes
    return tuple(name for name in listed if isinstance(name, str)) if isinstance(listed, list) else ()


def _remove_published(folder: Path, name: str) -> bool:
    """Delete one file a marker lists, only if it is a plain name in the folder; tell if it was there."""
    if Path(name).name != name or name in ("", ".", ".."):
        return False
    path = folder / name
    if not path.is_file() or path.is_symlink():
        return False
    path.unlink()
    return True


def remove_stale_temporaries(output_dir: Path) -> int:
    """Delete the temporary files a killed run of ours left behind; call only while holding the lock."""
    removed = 0
    for entry in os.scandir(output_dir):
        if is_our_temporary(entry.name) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


def is_our_temporary(name: str) -> bool:
    """Tell whether a file name is one this program gives its temporaries."""
    return bool(OUR_TEMPORARY.fullmatch(name) or OLD_TEMPORARY.fullmatch(name))


def load_yaml(text: str) -> Any:
    """Parse YAML with the safe loader, libyaml's C implementation when present (10× faster on the data files)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


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
