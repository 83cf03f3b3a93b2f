"""Frozen dataclasses ⇄ JSON-ready data, exactly: what is stored comes back equal, field for field."""
from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(obj: Any) -> Any:
    """Return a dataclass (nested ones, tuples, paths) as JSON-ready dicts, lists and scalars."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [to_data(item) for item in obj]
    if isinstance(obj, Path):
        return _path_data(obj)
    return obj


def _path_data(path: Path) -> Any:
    """Return a path as text, or as its bytes in hex when its name is not UTF-8 (it must come back equal)."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return {"bytes": os.fsencode(path).hex()}
    return text


def _path(data: Any) -> Path:
    """Rebuild a path _path_data stored."""
    return Path(os.fsdecode(bytes.fromhex(data["bytes"]))) if isinstance(data, dict) else Path(data)


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild an instance of the dataclass `cls` from what to_data returned."""
    return typing.cast(T, _builder(cls)(data))


def dumps(obj: Any) -> str:
    """Return a dataclass as compact JSON text (Chinese kept readable for analysts)."""
    return json.dumps(to_data(obj), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    """Rebuild a dataclass from the JSON text dumps wrote."""
    return from_data(cls, json.loads(text))


Builder = Callable[[Any], Any]


def _same(data: Any) -> Any:
    """Return a scalar unchanged: an int stays an int, so the rebuilt value is the stored one."""
    return data


@lru_cache(maxsize=128)
def _builder(kind: Any) -> Builder:
    """Return a function that rebuilds a value of the annotated type `kind` (made once per type)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        inner = _builder(options[0]) if len(options) == 1 else _same
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        return _tuple_builder(typing.get_args(kind))
    if is_dataclass(kind):
        return _dataclass_builder(kind)  # type: ignore[arg-type]
    return _path if kind is Path else _same


def _tuple_builder(args: tuple[Any, ...]) -> Builder:
    """Rebuild tuple[X, ...] and fixed tuple[X, Y] from a list."""
    if len(args) == 2 and args[1] is Ellipsis:
        item = _builder(args[0])
        return lambda data: tuple(map(item, data))
    parts = tuple(_builder(arg) for arg in args)
    return lambda data: tuple(build(value) for build, value in zip(parts, data))


def _dataclass_builder(cls: type) -> Builder:
    """Rebuild a dataclass from a dict, each field by its own builder."""
    hints = typing.get_type_hints(cls)  # the models use postponed annotations
    parts = {f.name: _builder(hints[f.name]) for f in fields(cls)}
    plain = {name for name, build in parts.items() if build is _same}

    def build(data: dict[str, Any]) -> Any:
        return cls(**{name: value if name in plain else parts[name](value) for name, value in data.items()})

    return build
