"""Glossary of formulaic English/Chinese terms: indicators, periods, bases, units, ministries."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError
from briefing.primitives import load_yaml

MAX_TOKENS = 40  # longer texts are prose, not terms: never look for a covering phrase in them
# Words that may surround a known phrase without changing what it names.
FILLER_EN = frozenset({"the", "a", "an", "of", "in", "from", "during", "for", "on", "at", "its"})
FILLER_ZH = frozenset("的在")
EDGE_PUNCT = " \t\r\n.,;:!?\"'“”‘’()[]（）【】《》，。；：！？、"
DASHES = re.compile(r"(?<=\d)\s*+[-–—~～至到]\s*+(?=\d)")
TOKEN_EN = re.compile(r"[a-z0-9%]++(?:['’][a-z]++)?")


@dataclass(frozen=True)
class Glossary:
    """English ↔ Chinese term pairs, looked up by normalised text."""

    en_to_zh: dict[str, str] = field(default_factory=dict)  # normalised English → preferred Chinese
    zh_to_en: dict[str, str] = field(default_factory=dict)  # normalised Chinese → preferred English
    en_bags: dict[tuple[str, ...], str] = field(default_factory=dict)  # sorted content words → Chinese
    patterns: tuple[tuple[str, str], ...] = ()  # (en template, zh template) with {slots}

    def translate(self, text: str, to_lang: str) -> str | None:
        """Return the known translation of `text` into `to_lang`, or None; never a partial one."""
        if not text or not text.strip():
            return None
        lookup = self._en_to_zh if to_lang == "zh" else self._zh_to_en
        return lookup(text) or self._by_pattern(text, to_lang, lookup)

    def _by_pattern(self, text: str, to_lang: str, lookup: Callable[[str], str | None]) -> str | None:
        """Translate with a template whose every slot is a known term."""
        for en, zh in self.patterns:
            source, target = (en, zh) if to_lang == "zh" else (zh, en)
            found = _template_regex(source, to_lang == "zh").fullmatch(text.strip().strip(EDGE_PUNCT))
            if found:
                parts = {k: lookup(v) for k, v in found.groupdict().items()}
                if all(parts.values()):
                    return target.format(**parts)
        return None

    def _en_to_zh(self, text: str) -> str | None:
        """Translate English: exact, then same words in any order, then a phrase plus fillers."""
        tokens = en_tokens(text)
        if not tokens or len(tokens) > MAX_TOKENS:
            return None
        hit = self.en_to_zh.get(" ".join(tokens)) or self.en_bags.get(en_bag(tokens))
        return hit or _covering(tokens, lambda window: self.en_to_zh.get(" ".join(window))
                                or self.en_bags.get(en_bag(window)), FILLER_EN)

    def _zh_to_en(self, text: str) -> str | None:
        """Translate Chinese: exact, then the longest phrase plus filler characters."""
        key = zh_key(text)
        if not key or len(key) > MAX_TOKENS * 2:
            return None
        return self.zh_to_en.get(key) or _covering(list(key), lambda w: self.zh_to_en.get("".join(w)),
                                                   FILLER_ZH)

    def __len__(self) -> int:
        return len(self.en_to_zh)


@functools.lru_cache(maxsize=64)
def _template_regex(template: str, english: bool) -> re.Pattern[str]:
    """Compile a template like "{a} share of {b}": slots are bounded, lazy runs of characters."""
    pieces = re.split(r"\{(\w+)\}", template)
    regex = "".join(f"(?P<{p}>.{{1,200}}?)" if i % 2 else re.escape(p) for i, p in enumerate(pieces))
    return re.compile(regex, re.IGNORECASE if english else 0)


def _covering(tokens: list[str], find: Any, filler: frozenset[str]) -> str | None:
    """Return the translation of the longest known window when every other token is filler."""
    size = len(tokens)
    for length in range(size - 1, 0, -1):
        for start in range(size - length + 1):
            rest = tokens[:start] + tokens[start + length:]
            if all(t in filler for t in rest):
                hit = find(tokens[start:start + length])
                if hit:
                    return hit
    return None


def _singular(word: str) -> str:
    """Fold a crude plural to its singular so "industries" finds "industry"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def en_tokens(text: str) -> list[str]:
    """Return the normalised word tokens of an English term."""
    text = unicodedata.normalize("NFKC", text).lower().replace("-", " ").replace("/", " ")
    text = text.replace("added value", "value added")
    return [_singular(t.replace("’", "'")) for t in TOKEN_EN.findall(text)]


def en_bag(tokens: list[str]) -> tuple[str, ...]:
    """Return the content words of a term in a fixed order (word order and fillers ignored)."""
    return tuple(sorted(t for t in tokens if t not in FILLER_EN))


def zh_key(text: str) -> str:
    """Return a Chinese term normalised: half-width digits, one dash in ranges, no spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = DASHES.sub("—", text)
    return re.sub(r"\s++", "", text).strip(EDGE_PUNCT)


# --- loading -----------------------------------------------------------------------------------
def load_glossary(user_path: Path | None) -> Glossary:
    """Load the shipped glossary, extended and overridden by the user's YAML file."""
    entries = list(_shipped_entries())
    if user_path is not None:
        entries.extend(_user_entries(Path(user_path)))
    return _build(entries, _shipped_patterns())


@functools.lru_cache(maxsize=1)
def _shipped_patterns() -> tuple[tuple[str, str], ...]:
    """Return the shipped (en, zh) templates."""
    text = resources.files("briefing.bilingual").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    return tuple((p["en"], p["zh"]) for p in load_yaml(text).get("patterns", []))


@functools.lru_cache(maxsize=1)
def _shipped_entries() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Return the shipped entries, with generated month ranges and "first N months"."""
    text = resources.files("briefing.bilingual").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    shipped = {k: v for k, v in data.items() if k not in ("patterns",)}
    entries = parse_entries(shipped, Path("briefing/bilingual/data/glossary.yaml"))
    return tuple(entries) + tuple(_generated(data))


def _user_entries(path: Path) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Read and validate a user glossary."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read glossary: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: glossary is not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}: glossary YAML syntax error{where}") from exc
    return parse_entries(data, path)


def parse_entries(data: Any, path: Path) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Validate `{section: [{en: …, zh: …}, …]}`; raise ConfigError listing every bad entry."""
    if data is None:
        return []
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a glossary must be a mapping of sections to lists of entries")
    errors: list[str] = []
    entries: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for section, items in data.items():
        if not isinstance(items, list):
            errors.append(f"section '{section}' must be a list of {{en: …, zh: …}} entries")
            continue
        for i, item in enumerate(items):
            entry = _parse_entry(item, f"{section}[{i}]", errors)
            if entry:
                entries.append(entry)
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return entries


def _parse_entry(item: Any, where: str, errors: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Validate one entry; record an error naming it when it is bad."""
    if not isinstance(item, dict):
        errors.append(f"entry {where} must be a mapping with keys en and zh, got {item!r}")
        return None
    unknown = sorted(set(map(str, item)) - {"en", "zh"})
    if unknown:
        errors.append(f"entry {where} has unknown key(s) {', '.join(unknown)} (expected en, zh)")
        return None
    sides = [_variants(item.get(lang), f"{where}.{lang}", errors) for lang in ("en", "zh")]
    return (sides[0], sides[1]) if sides[0] and sides[1] else None


def _variants(value: Any, where: str, errors: list[str]) -> tuple[str, ...]:
    """Return the variants of one side (a string or a list of strings)."""
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, (str, int, float)) and str(v).strip() for v in values):
        errors.append(f"entry {where} must be a non-empty string or list of strings, got {value!r}")
        return ()
    return tuple(str(v).strip() for v in values)


def _generated(data: dict[str, Any]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Generate month ranges and "first N months" from the months and numbers sections."""
    months = [(str(e["en"]), int(str(e["zh"]).rstrip("月"))) for e in data.get("months", [])]
    out = [((f"{a} to {b}", f"{a}-{b}"), (f"{m}—{n}月", f"{m}月—{n}月", f"{m}-{n}月"))
           for i, (a, m) in enumerate(months) for b, n in months[i + 1:]]
    for entry in data.get("numbers", []):
        en, forms = str(entry["en"]), [str(z) for z in entry["zh"]]
        digit = next((f for f in forms if f.isdigit()), forms[0])
        zh = tuple(f"前{f}个月" for f in forms) + tuple(f"前{f}月" for f in forms if not f.isdigit())
        out.append(((f"first {en} months", f"first {digit} months"), zh))
    return out


def _build(entries: list[tuple[tuple[str, ...], tuple[str, ...]]],
           patterns: tuple[tuple[str, str], ...] = ()) -> Glossary:
    """Index entries; later entries override earlier ones sharing a variant."""
    en_to_zh: dict[str, str] = {}
    zh_to_en: dict[str, str] = {}
    for en_variants, zh_variants in entries:
        en_to_zh.update({" ".join(en_tokens(v)): zh_variants[0] for v in en_variants})
        zh_to_en.update({zh_key(v): en_variants[0] for v in zh_variants})
    bags: dict[tuple[str, ...], set[str]] = {}
    for key, zh in en_to_zh.items():
        bags.setdefault(en_bag(key.split()), set()).add(zh)
    # A bag shared by terms with different translations is ambiguous: keep only exact lookups.
    en_bags = {bag: next(iter(zh)) for bag, zh in bags.items() if len(zh) == 1 and bag}
    return Glossary(en_to_zh=en_to_zh, zh_to_en=zh_to_en, en_bags=en_bags, patterns=patterns)
