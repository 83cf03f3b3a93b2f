"""Deliver: atomic output files, the build lock, and the published brief's files."""
from __future__ import annotations

import fcntl
import functools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import LockedError
from briefing.models import Rendered

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


def publish(rendered: Rendered, output_dir: Path, date: str, formats: tuple[str, ...]) -> tuple[Path, ...]:
    """Write brief-DATE.{pdf,html} and latest.{pdf,html}, plus the text part; return the dated paths."""
    written: list[Path] = []
    payloads = {"html": rendered.html.encode("utf-8"), "pdf": rendered.pdf}
    for fmt in formats:
        data = payloads.get(fmt)
        if data is None:
            continue
        dated = output_dir / f"brief-{date}.{fmt}"
        write_atomic(dated, data)
        write_atomic(output_dir / f"latest.{fmt}", data)
        written.append(dated)
    text = plain_text(rendered)
    if text is not None:  # the e-mail's text alternative, so `briefing send` can rebuild the message
        write_atomic(text_path(output_dir, date), text.encode("utf-8"))
    return tuple(written)


def plain_text(rendered: Rendered) -> str | None:
    """Return the brief as plain text from the renderer, or None if it cannot make one."""
    from briefing import render

    render_text = getattr(render, "render_text", None)
    return render_text(rendered.brief) if render_text is not None else None


def text_path(output_dir: Path, date: str) -> Path:
    """Return where the plain-text version of a dated brief lives."""
    return output_dir / f"brief-{date}.txt"
