"""Versions of the code whose output the archive caches: a change to it makes the cache stale.

The extractor version hashes everything between a file's bytes and its Document (read/, clean/,
extract/, their data files, the models and primitives they use, and the versions of the
third-party packages they import); the derived version hashes what turns a Document into the
archive's figure rows and pairing signatures (the glossary, its data, the user's glossary).
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import briefing

PACKAGE = Path(briefing.__file__).resolve().parent
EXTRACTION_CODE = ("read", "clean", "extract", "models.py", "primitives.py", "errors.py")
DERIVED_CODE = ("bilingual/glossary.py", "bilingual/evidence.py", "bilingual/quantities.py", "bilingual/periods.py",
                "bilingual/rules.py", "bilingual/data/pairing.yaml", "bilingual/data/glossary.yaml",
                "archive/keys.py", "archive/signature.py", "archive/data/periods.yaml")
IMPORT = re.compile(r"^[ \t]*+(?:from|import)[ \t]++([A-Za-z_]\w*+)", re.MULTILINE)
SHORT = 12  # hex digits shown and stored: plenty to tell versions apart


def extractor_version() -> str:
    """Return the version of the extraction code (read, clean, extract and what they import)."""
    return _extractor_version(PACKAGE)


def derived_version(user_glossary: Path | None) -> str:
    """Return the version of the figure keys and pairing signatures derived from a Document."""
    digest = hashlib.sha256(_derived_code(PACKAGE).encode())
    if user_glossary is not None:
        digest.update(_read(Path(user_glossary)))
    return digest.hexdigest()[:SHORT]


@lru_cache(maxsize=4)
def _extractor_version(root: Path) -> str:
    """Hash the extraction code's files and the versions of its third-party imports."""
    files = _files(root, EXTRACTION_CODE)
    digest = hashlib.sha256()
    for path in files:
        _feed(digest, path.relative_to(root).as_posix(), _read(path))
    for name, version in _dependency_versions(p for p in files if p.suffix == ".py"):
        _feed(digest, f"dist:{name}", version.encode())
    return digest.hexdigest()[:SHORT]


@lru_cache(maxsize=4)
def _derived_code(root: Path) -> str:
    """Hash the code and data that derive figure rows and signatures from a Document."""
    digest = hashlib.sha256()
    for path in _files(root, DERIVED_CODE):
        _feed(digest, path.relative_to(root).as_posix(), _read(path))
    return digest.hexdigest()


def _files(root: Path, parts: Iterable[str]) -> list[Path]:
    """List the source and data files of the named packages and modules, sorted."""
    found: list[Path] = []
    for part in parts:
        path = root / part
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and p.suffix not in (".pyc", ".pyo")]
    return sorted(found)


def _dependency_versions(modules: Iterable[Path]) -> list[tuple[str, str]]:
    """Return (distribution, version) of every third-party package the modules import."""
    names: set[str] = set()
    for path in modules:
        names |= set(IMPORT.findall(_read(path).decode("utf-8", "replace")))
    found: set[tuple[str, str]] = set()
    for name in sorted(names - set(sys.stdlib_module_names) - {"briefing", "__future__"}):
        found |= {(dist, _version(dist)) for dist in _distributions(name)}
    return sorted(found)


def _distributions(module: str) -> tuple[str, ...]:
    """Return the distributions that provide a top-level module (most are named after it)."""
    if _version(module):
        return (module,)
    return tuple(_owners().get(module, ()))


@lru_cache(maxsize=1)
def _owners() -> dict[str, list[str]]:
    """Map top-level modules to their distributions (slow: only for names unlike their package)."""
    return dict(metadata.packages_distributions())


def _version(dist: str) -> str:
    """Return an installed distribution's version, or "" when it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def _feed(digest: Any, label: str, data: bytes) -> None:
    """Add a labelled, length-prefixed chunk, so that moving bytes between files changes the hash."""
    head = label.encode()
    digest.update(len(head).to_bytes(8, "big") + head + len(data).to_bytes(8, "big") + data)


def _read(path: Path) -> bytes:
    """Read a file's bytes; a missing one reads as empty (and still changes the hash)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""
