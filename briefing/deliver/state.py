"""What earlier runs left in the output folder: the build fingerprint and the sent markers."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.config import Settings
from briefing.primitives import write_atomic

STATE_NAME = ".briefing-state.json"
DATED = re.compile(r"brief-(\d{4}-\d{2}-\d{2})\.(pdf|html)")
SENT_NAME = ".briefing-sent.json"


# --- --if-changed -----------------------------------------------------------------------------
def fingerprint(settings: Settings, formats: Collection[str]) -> str:
    """Hash everything a build reads: sources, config, templates, glossary and the version."""
    digest = hashlib.sha256()
    _feed(digest, "version", __version__.encode())
    _feed(digest, "formats", ",".join(sorted(formats)).encode())
    if settings.config_path is not None:
        _feed(digest, "config", _read(settings.config_path))
    for path in _source_paths(settings):
        _feed(digest, f"source:{path.name}", _source_stamp(path))
    for label, folder in (("override", settings.templates_dir), ("shipped", _shipped_templates())):
        for name, path in _tree(folder):
            _feed(digest, f"{label}:{name}", _read(path))
    if settings.glossary is not None and settings.glossary.is_file():
        _feed(digest, "glossary", _read(settings.glossary))
    return digest.hexdigest()


def _feed(digest: Any, label: str, data: bytes) -> None:
    """Add a labelled, length-prefixed chunk, so moving bytes between files changes the hash."""
    head = label.encode("utf-8", "surrogateescape")  # a file name need not be valid UTF-8
    digest.update(len(head).to_bytes(8, "big") + head + len(data).to_bytes(8, "big"))
    digest.update(data)


def _read(path: Path) -> bytes:
    """Read a file's bytes; a vanished file reads as empty (it still changes the hash)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _source_stamp(path: Path) -> bytes:
    """Return what tells a source changed: its kind, size, modification time and inode (and a link's
    target), as make and rsync judge; no content is read, so a check costs a stat per file."""
    try:
        info = os.stat(path)
    except OSError as exc:  # a broken link or a vanished file still counts: fixing it changes the hash
        return f"missing: {exc.errno}".encode()
    target = os.readlink(path) if path.is_symlink() else ""
    stamp = f"{stat.S_IFMT(info.st_mode)}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{target}"
    return stamp.encode("utf-8", "surrogateescape")


def _source_paths(settings: Settings) -> list[Path]:
    """List the sources the build would read, in its order."""
    from briefing.read import discover_sources

    return list(discover_sources(settings.sources_dir)) if settings.sources_dir.is_dir() else []


def _shipped_templates() -> Path | None:
    """Return the default theme's folder, as the renderer finds it."""
    from briefing import render

    finder = getattr(render, "default_templates_dir", None)
    return finder() if finder is not None else None


def _tree(folder: Path | None) -> list[tuple[str, Path]]:
    """List (relative name, path) of the files under a folder, sorted; none when it does not exist."""
    if folder is None or not folder.is_dir():
        return []
    return sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())


def is_unchanged(output_dir: Path, current: str) -> bool:
    """Tell whether the last successful build had this fingerprint and all its files still exist."""
    state = _load(output_dir / STATE_NAME)
    outputs = state.get("outputs")
    if state.get("fingerprint") != current or not outputs or not isinstance(outputs, list):
        return False
    companions = state.get("published") if isinstance(state.get("published"), list) else []
    return all(Path(p).is_file() for p in [*outputs, *companions])


def _published_with(dated: Path) -> tuple[Path, ...]:
    """Return the files published with a dated output: its latest copy and the text part."""
    match = DATED.fullmatch(dated.name)
    if match is None:
        return ()
    return (dated.parent / f"latest.{match.group(2)}", dated.parent / f"brief-{match.group(1)}.txt")


def record_build(output_dir: Path, current: str, date: str, outputs: Iterable[Path]) -> None:
    """Remember a successful build's fingerprint and outputs."""
    dated = [Path(p) for p in outputs]
    # the latest copies and the text part too: --if-changed must rebuild when one was deleted
    companions = [str(q) for p in dated for q in _published_with(p) if q.is_file()]
    state = {"fingerprint": current, "date": date, "outputs": [str(p) for p in dated],
             "published": sorted(set(companions)), "version": __version__, "built_at": _now()}
    write_atomic(output_dir / STATE_NAME, _dump(state))


# --- sent markers -----------------------------------------------------------------------------
def sent_key(date: str, recipients: Iterable[str], content_hash: str) -> str:
    """Key a delivery by brief date, the set of recipients and the content."""
    who = ",".join(sorted({r.strip().lower() for r in recipients}))
    return hashlib.sha256(f"{date}\n{who}\n{content_hash}".encode()).hexdigest()


def was_sent(output_dir: Path, key: str) -> dict[str, Any] | None:
    """Return the record of an earlier delivery with this key, if any."""
    record = _load(output_dir / SENT_NAME).get("sent", {}).get(key)
    return record if isinstance(record, dict) else None


def delivered_to(output_dir: Path, date: str, content_hash: str) -> frozenset[str]:
    """Return every address (lower case) a recorded delivery of this brief reached."""
    found = _load(output_dir / SENT_NAME).get("sent")
    records = found.values() if isinstance(found, dict) else ()
    return frozenset(str(r).strip().lower() for record in records if isinstance(record, dict)
                     and record.get("date") == date and record.get("content_hash") == content_hash
                     for r in record.get("recipients") or ())


def mark_sent(output_dir: Path, key: str, record: dict[str, Any]) -> None:
    """Record a delivery so the same brief is not mailed twice."""
    found = _load(output_dir / SENT_NAME).get("sent")
    sent: dict[str, Any] = found if isinstance(found, dict) else {}
    sent[key] = {**record, "sent_at": _now()}
    write_atomic(output_dir / SENT_NAME, _dump({"sent": sent}))


def _load(path: Path) -> dict[str, Any]:
    """Read a JSON state file; a missing or damaged one counts as empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _dump(data: dict[str, Any]) -> bytes:
    """Serialise state readably."""
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _now() -> str:
    """Return the current UTC time, ISO formatted."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
