"""Settings: defaults → briefing.yaml → CLI flags; every problem reported at once."""
from __future__ import annotations

import difflib
import math
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError

CONFIG_ENV = "BRIEFING_CONFIG"
CONFIG_NAME = "briefing.yaml"
PAGE_SIZES = ("A4", "Letter", "A3", "Legal")
SECURITY_MODES = ("starttls", "ssl", "none")
MAX_SOURCE_MB = 1024.0  # a source is read whole into memory
MAX_SECONDS = 3600.0  # an SMTP timeout or retry backoff longer than this is a hung cron job
MAX_RETRIES = 20


@dataclass(frozen=True)
class EmailSettings:
    """Where and how the brief is mailed."""

    host: str = "localhost"
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    username: str | None = None
    password_env: str | None = None  # name of the environment variable holding the password
    sender: str = ""  # the `from` key in YAML
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str = "Economic briefing {date}"
    retries: int = 3
    timeout: float = 30.0
    backoff: float = 2.0  # seconds before the first retry; doubles each time

    @property
    def recipients(self) -> tuple[str, ...]:
        """Return every envelope recipient."""
        return self.to + self.cc + self.bcc


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know, paths already absolute."""

    base_dir: Path
    config_path: Path | None = None
    title_en: str = "Economic Briefing"
    title_zh: str = "经济简报"
    sources_dir: Path = Path("sources")
    output_dir: Path = Path("output")
    templates_dir: Path | None = Path("templates")
    page_size: str = "A4"
    max_figures: int = 10
    max_lists: int = 4
    max_items: int = 5
    min_scale: float = 0.8  # the smallest font scale the one-page fit may use
    note: str | None = None  # editor's note in Markdown
    max_source_mb: float = 5.0
    strict: bool = False
    pair_threshold: float = 0.6
    glossary: Path | None = None  # a user glossary that extends the shipped one
    translation_memory: Path | None = Path("memory/briefing.tmx")
    memory_threshold: float = 85.0
    translator: str | None = None  # optional offline engine; None = off
    email: EmailSettings | None = None
    archive: Path | None = Path("memory/archive.sqlite")  # SQLite archive; None = keep none (in memory)

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with CLI flags applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# key → (expected type name, Settings field, is a path)
TOP_KEYS: dict[str, tuple[str, str, bool]] = {
    "title": ("mapping", "", False),
    "sources_dir": ("str", "sources_dir", True),
    "output_dir": ("str", "output_dir", True),
    "templates_dir": ("str|null", "templates_dir", True),
    "page_size": ("str", "page_size", False),
    "max_figures": ("int", "max_figures", False),
    "max_lists": ("int", "max_lists", False),
    "max_items": ("int", "max_items", False),
    "min_scale": ("float", "min_scale", False),
    "note": ("str|null", "note", False),
    "max_source_mb": ("float", "max_source_mb", False),
    "strict": ("bool", "strict", False),
    "pair_threshold": ("float", "pair_threshold", False),
    "glossary": ("str|null", "glossary", True),
    "translation_memory": ("str|null", "translation_memory", True),
    "memory_threshold": ("float", "memory_threshold", False),
    "translator": ("str|null", "translator", False),
    "email": ("mapping", "", False),
    "archive": ("str|null", "archive", True),
}
TITLE_KEYS = {"en": "title_en", "zh": "title_zh"}
EMAIL_KEYS: dict[str, tuple[str, str]] = {
    "host": ("str", "host"),
    "port": ("int", "port"),
    "security": ("str", "security"),
    "username": ("str|null", "username"),
    "password_env": ("str|null", "password_env"),
    "from": ("str", "sender"),
    "to": ("list", "to"),
    "cc": ("list", "cc"),
    "bcc": ("list", "bcc"),
    "subject": ("str", "subject"),
    "retries": ("int", "retries"),
    "timeout": ("float", "timeout"),
    "backoff": ("float", "backoff"),
}


def find_config(explicit: str | Path | None, cwd: Path | None = None) -> Path | None:
    """Return the config path: --config, then $BRIEFING_CONFIG, then ./briefing.yaml."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found (from --config)")
        return path.resolve()
    env = os.environ.get(CONFIG_ENV)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found (from ${CONFIG_ENV})")
        return path.resolve()
    local = (cwd or Path.cwd()) / CONFIG_NAME
    return local.resolve() if local.is_file() else None


def load_settings(explicit: str | Path | None = None, cwd: Path | None = None) -> Settings:
    """Find, parse and validate the config; defaults relative to cwd when there is none."""
    path = find_config(explicit, cwd)
    if path is None:
        settings = _resolve_paths(Settings(base_dir=(cwd or Path.cwd()).resolve()))
        problems = check_folders(settings, explicit=set())
        if problems:
            raise ConfigError("the default settings (no briefing.yaml): " + "; ".join(problems))
        return settings
    return parse_settings(_read_yaml(path), path)


def _read_yaml(path: Path) -> Any:
    """Parse YAML safely, turning syntax errors into one line with line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise ConfigError(f"{path}: YAML syntax error at {where}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: YAML error: {exc}") from exc


def parse_settings(data: Any, path: Path) -> Settings:
    """Validate a parsed config mapping and return Settings; raise with every error at once."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys, got {_type_name(data)}")
    errors: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in TOP_KEYS:
            errors.append(_unknown(key, TOP_KEYS, ""))
            continue
        expected, field_name, _ = TOP_KEYS[key]
        if key == "title":
            values.update(_parse_title(value, errors))
        elif key == "email":
            email = _parse_email(value, errors)
            if email is not None:
                values["email"] = email
        elif _check_type(key, value, expected, errors) and _check_path_text(key, value, errors):
            values[field_name] = value
    _check_values(values, errors)
    if "archive" not in data and values.get("translation_memory"):  # default: beside the memory
        values["archive"] = str(Path(values["translation_memory"]).parent / "archive.sqlite")
    settings = _resolve_paths(Settings(base_dir=path.parent, config_path=path, **_coerce(values)))
    errors.extend(check_folders(settings, explicit={k for k in data if isinstance(k, str)}))
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return settings


def _check_path_text(key: str, value: Any, errors: list[str]) -> bool:
    """Record an error for a path with a NUL byte, which no file system accepts."""
    if TOP_KEYS[key][2] and isinstance(value, str) and "\x00" in value:
        errors.append(f"'{key}' must be a path without NUL characters, got {value!r}")
        return False
    return True


def _parse_title(value: Any, errors: list[str]) -> dict[str, Any]:
    """Read `title: {en: …, zh: …}`."""
    if not isinstance(value, dict):
        errors.append(f"'title' must be a mapping with keys en and zh, got {_type_name(value)}")
        return {}
    out: dict[str, Any] = {}
    for key, text in value.items():
        if key not in TITLE_KEYS:
            errors.append(_unknown(key, TITLE_KEYS, "title."))
        elif _check_type(f"title.{key}", text, "str", errors):
            out[TITLE_KEYS[key]] = text
    return out


def _parse_email(value: Any, errors: list[str]) -> EmailSettings | None:
    """Read the `email:` block."""
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.append(f"'email' must be a mapping, got {_type_name(value)}")
        return None
    fields: dict[str, Any] = {}
    for key, item in value.items():
        if key not in EMAIL_KEYS:
            errors.append(_unknown(key, EMAIL_KEYS, "email."))
            continue
        expected, name = EMAIL_KEYS[key]
        if expected == "list" and isinstance(item, str):
            item = [item]
        if _check_type(f"email.{key}", item, expected, errors):
            fields[name] = tuple(item) if expected == "list" else item
    _check_email_numbers(fields, errors)
    if fields.get("security", "starttls") not in SECURITY_MODES:
        errors.append(f"'email.security' must be one of {', '.join(SECURITY_MODES)}, "
                      f"got {fields['security']!r}")
    if not fields.get("to"):
        errors.append("'email.to' must name at least one recipient")
    if not fields.get("sender"):
        errors.append("'email.from' is required")
    if "port" not in fields and fields.get("security") == "ssl":
        fields["port"] = 465
    return EmailSettings(**fields)


def _check_email_numbers(fields: dict[str, Any], errors: list[str]) -> None:
    """Check the numbers that would hang a cron job: endless timeouts, backoffs and retries."""
    for key, low in (("timeout", 0.0), ("backoff", 0.0)):
        value = fields.get(key)
        if value is not None and not (math.isfinite(value) and low <= value <= MAX_SECONDS
                                      and (key != "timeout" or value > 0)):
            errors.append(f"'email.{key}' must be a finite number of seconds between {low:g} and "
                          f"{MAX_SECONDS:g}{' (above 0)' if key == 'timeout' else ''}, got {value}")
            fields.pop(key)
    if "retries" in fields and not 0 <= fields["retries"] <= MAX_RETRIES:
        errors.append(f"'email.retries' must be between 0 and {MAX_RETRIES}, got {fields.pop('retries')}")


def _check_type(key: str, value: Any, expected: str, errors: list[str]) -> bool:
    """Record an error unless `value` has the expected type."""
    allowed = expected.split("|")
    ok = any(_is_type(value, name) for name in allowed)
    if not ok:
        want = " or ".join(allowed)
        errors.append(f"'{key}' must be {want}, got {_type_name(value)} {value!r}")
    return ok


def _is_type(value: Any, name: str) -> bool:
    """Tell whether a YAML value is of a schema type name."""
    if name == "null":
        return value is None
    if name == "str":
        return isinstance(value, str)
    if name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "bool":
        return isinstance(value, bool)
    if name == "list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if name == "mapping":
        return isinstance(value, dict)
    raise ValueError(name)


def _check_values(values: dict[str, Any], errors: list[str]) -> None:
    """Check ranges that types alone do not catch."""
    if values.get("page_size", "A4") not in PAGE_SIZES:
        errors.append(f"'page_size' must be one of {', '.join(PAGE_SIZES)}, got {values['page_size']!r}")
    for key in ("max_figures", "max_lists", "max_items"):
        if key in values and not 0 <= values[key] <= 200:
            errors.append(f"'{key}' must be between 0 and 200, got {values[key]}")
    if "min_scale" in values and not 0.5 <= values["min_scale"] <= 1.0:
        errors.append(f"'min_scale' must be between 0.5 and 1.0, got {values['min_scale']}")
    if "pair_threshold" in values and not 0.0 <= values["pair_threshold"] <= 1.0:
        errors.append(f"'pair_threshold' must be between 0 and 1, got {values['pair_threshold']}")
    if "memory_threshold" in values and not 0.0 <= values["memory_threshold"] <= 100.0:
        errors.append(f"'memory_threshold' must be between 0 and 100, got {values['memory_threshold']}")
    if "max_source_mb" in values and not (math.isfinite(values["max_source_mb"])
                                          and 0 < values["max_source_mb"] <= MAX_SOURCE_MB):
        errors.append(f"'max_source_mb' must be a finite number of megabytes between 0 and "
                      f"{MAX_SOURCE_MB:g}, got {values.pop('max_source_mb')}")


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn YAML scalars into the field types Settings holds."""
    out = dict(values)
    for _, field_name, is_path in TOP_KEYS.values():
        if is_path and out.get(field_name) is not None:
            out[field_name] = Path(out[field_name])
        if field_name in ("min_scale", "max_source_mb", "pair_threshold", "memory_threshold") \
                and field_name in out:
            out[field_name] = float(out[field_name])
    return out


def _resolve_paths(settings: Settings) -> Settings:
    """Make every path absolute against the config file's folder, not the working directory."""
    changes: dict[str, Path] = {}
    for _, field_name, is_path in TOP_KEYS.values():
        value = getattr(settings, field_name) if is_path else None
        if isinstance(value, Path) and not value.is_absolute():
            changes[field_name] = (settings.base_dir / value).resolve()
    return replace(settings, **changes)


# --- folders -----------------------------------------------------------------------------------
def check_folders(settings: Settings, explicit: set[str]) -> list[str]:
    """Return the problems a build would meet with the configured folders and files, all at once."""
    errors: list[str] = []
    _check_path("sources_dir", settings.sources_dir, errors)  # a missing one: build exits 3
    _check_path("output_dir", settings.output_dir, errors)
    if settings.templates_dir is not None:
        _check_path("templates_dir", settings.templates_dir, errors, must_exist="templates_dir" in explicit)
    if settings.translation_memory is not None:
        _check_path("translation_memory", settings.translation_memory, errors, file_hint="give a .tmx file path")
    if settings.archive is not None:
        _check_path("archive", settings.archive, errors, file_hint="give an SQLite file path")
    if settings.glossary is not None:
        _check_path("glossary", settings.glossary, errors, must_exist=True, file_hint="give a YAML file path")
    output, sources = settings.output_dir.resolve(), settings.sources_dir.resolve()
    if output.is_relative_to(sources):
        errors.append(f"'output_dir' {settings.output_dir} is inside 'sources_dir' {settings.sources_dir}: "
                      "old briefs would be read back as sources; use a folder of its own")
    return errors


def _check_path(key: str, path: Path, errors: list[str], must_exist: bool = False,
                file_hint: str | None = None) -> None:
    """Record an error unless `path` is (or could be made) a folder, or a regular file with `file_hint`."""
    if path.exists():
        problem = _wrong_kind(path, file_hint)
        if problem:
            errors.append(f"'{key}' {path} {problem}")
    elif must_exist:
        errors.append(f"'{key}' {path} does not exist")
    else:
        _check_parents(key, path, errors)


def _wrong_kind(path: Path, file_hint: str | None) -> str | None:
    """Say what is wrong with an existing path that should be a folder (no hint) or a file."""
    if file_hint is None:
        return None if path.is_dir() else f"is {_kind(path)}, not a folder"
    if path.is_dir():
        return f"is a folder; {file_hint}"
    return None if path.is_file() else f"is {_kind(path)}, not a regular file"


def _check_parents(key: str, path: Path, errors: list[str]) -> None:
    """Record an error when the nearest existing parent of a path to be made is not a folder."""
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                errors.append(f"'{key}' {path}: {parent} is {_kind(parent)}, not a folder")
            return


def _kind(path: Path) -> str:
    """Name what a path that is not a folder is."""
    return "a file" if path.is_file() else "not a folder or file"


def _unknown(key: Any, known: dict[str, Any], prefix: str) -> str:
    """Describe an unknown key, suggesting the closest known one."""
    close = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
    return f"unknown key '{prefix}{key}'{hint}"


def _type_name(value: Any) -> str:
    """Name a YAML value's type the way a user writes it."""
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
            int: "an integer", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)
