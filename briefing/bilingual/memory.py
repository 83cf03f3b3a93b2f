"""Translation memory: aligned English/Chinese segments kept across builds as TMX 1.4.

Storage goes through translate-toolkit's `translate.storage.tmx` (writes TMX 1.4 with the DTD
header; reads `<tuv xml:lang>` of any tool), fuzzy lookup through rapidfuzz.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from translate.storage import tmx

from briefing.errors import ConfigError
from briefing.primitives import load_yaml, write_atomic

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGIN_NOTE = "origin: "
MIN_QUERY = 2  # shorter match keys are too ambiguous to look up fuzzily
CANDIDATES = 8  # fuzzy candidates checked for same numbers and key words, best first
RARE_GRAMS = 6  # the query's rarest grams that find candidates: a close match shares some of them
MAX_POSTINGS = 500  # entries read per gram at most, so a common gram costs the same in any memory
MAX_CANDIDATES = 256  # keys scored per lookup at most, those sharing the most grams
NUMBER = re.compile(r"\d++(?:\.\d++)?")
SHORT = {"en": 60, "zh": 20}  # up to this many characters one key word flips the meaning


@dataclass(frozen=True)
class TmEntry:
    """One aligned segment."""

    en: str
    zh: str
    origin: str = "pair"

    def side(self, lang: str) -> str:
        """Return the segment in `lang`."""
        return self.en if lang == "en" else self.zh


class KeyIndex:
    """Match keys with an inverted index of their grams (English words, Chinese character pairs).

    A fuzzy lookup compares the query only with keys that share one of its rarest grams and whose
    length allows the threshold, never with the whole memory: the cost of a lookup does not grow
    with the memory's size (each gram's postings are read up to a cap).
    """

    def __init__(self, keys: list[str], lang: str) -> None:
        self.keys, self.lang = keys, lang
        self.exact: dict[str, int] = {}
        self.postings: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            self.exact.setdefault(key, i)
            for gram in grams(key, lang):
                self.postings.setdefault(gram, []).append(i)

    def candidates(self, query: str, threshold: float, exact: bool = True) -> list[int]:
        """Return the entries that can score `threshold` with the query, by the grams they share
        (only the first equal key when there is one and `exact`)."""
        if exact and query in self.exact:
            return [self.exact[query]]
        rare = sorted((self.postings[g] for g in grams(query, self.lang) if g in self.postings), key=len)
        shared: Counter[int] = Counter()
        for postings in rare[:RARE_GRAMS]:
            shared.update(postings[-MAX_POSTINGS:])  # the newest entries of a common gram
        low, high = _length_bounds(len(query), threshold)
        fit = [(n, i) for i, n in shared.items() if low <= len(self.keys[i]) <= high]
        return [i for _, i in sorted(fit, key=lambda f: (-f[0], f[1]))[:MAX_CANDIDATES]]


def grams(key: str, lang: str) -> set[str]:
    """Return a match key's grams: its words in English, its character pairs in Chinese."""
    if lang == "en":
        return set(key.split())
    return {key[i:i + 2] for i in range(max(len(key) - 1, 1))}


def _length_bounds(length: int, threshold: float) -> tuple[float, float]:
    """Return the key lengths that can reach a fuzz.ratio of `threshold` with a query of `length`."""
    share = max(threshold, 1.0) / 100  # ratio = 2·matches / (a + b) ≤ 2·min(a, b) / (a + b)
    return length * share / (2 - share), length * (2 - share) / share


class TranslationMemory:
    """Aligned English/Chinese segments with exact and fuzzy lookup."""

    def __init__(self, entries: Iterable[TmEntry] = ()) -> None:
        self._entries: list[TmEntry] = []
        self._seen: set[tuple[str, str]] = set()
        self._keys: dict[str, KeyIndex] | None = None  # match keys per language, built lazily
        for entry in entries:
            self.add(entry.en, entry.zh, origin=entry.origin)

    @classmethod
    def load(cls, path: Path) -> TranslationMemory:
        """Load a TMX file; a missing file gives an empty memory."""
        memory = cls()
        if Path(path).is_file():
            memory.import_file(path)
        return memory

    def add(self, en: str, zh: str, origin: str = "pair") -> bool:
        """Remember one aligned segment; return False when empty or already known."""
        en, zh = _tidy(en), _tidy(zh)
        key = (en.casefold(), zh)
        if not en or not zh or key in self._seen:
            return False
        self._seen.add(key)
        self._entries.append(TmEntry(en, zh, origin or "pair"))
        self._keys = None
        return True

    def lookup(self, text: str, lang: str, threshold: float) -> tuple[str, float] | None:
        """Return the other-language side of the best match of `text` (in `lang`) and its score."""
        query = match_key(text, lang)
        if len(query) < MIN_QUERY or not self._entries:
            return None
        index = self._index()[lang]
        candidates = index.candidates(query, threshold)
        keys = {i: index.keys[i] for i in candidates}
        found = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=CANDIDATES)
        other = "zh" if lang == "en" else "en"
        for key, score, i in sorted(found, key=lambda f: (-f[1], f[2])):  # best first, then the older entry
            if same_key_words(query, key, lang):
                return self._entries[i].side(other), round(float(score), 1)
        return None

    def _index(self) -> dict[str, KeyIndex]:
        """Return the match-key index of every entry, per language (built once after a change)."""
        if self._keys is None:
            self._keys = {lang: KeyIndex([match_key(e.side(lang), lang) for e in self._entries], lang)
                          for lang in ("en", "zh")}
        return self._keys

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[TmEntry]:
        return iter(list(self._entries))

    # --- files ---------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the memory as TMX 1.4, atomically (temp file in the same folder, then replace)."""
        write_atomic(Path(path), bytes(self._to_tmx()))

    def export(self, path: Path) -> None:
        """Write the memory to another TMX file."""
        self.save(path)

    def import_file(self, path: Path) -> int:
        """Merge the segments of a TMX file (any tool's en*/zh* languages); return how many were new."""
        try:
            with open(path, "rb") as handle:
                store = tmx.tmxfile(handle)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read translation memory: {exc.strerror or exc}") from exc
        except Exception as exc:  # lxml and the toolkit raise several types for a broken file
            raise ConfigError(f"{path}: not a valid TMX file: {exc}") from exc
        return sum(self.add(en, zh, origin=origin) for en, zh, origin in _read_units(store))

    def _to_tmx(self) -> tmx.tmxfile:
        """Build the toolkit's TMX store from the entries."""
        store = tmx.tmxfile(sourcelanguage="en", targetlanguage="zh")
        for entry in self._entries:
            store.addtranslation(entry.en, "en", entry.zh, "zh", comment=ORIGIN_NOTE + entry.origin)
        return store


def _read_units(store: tmx.tmxfile) -> Iterator[tuple[str, str, str]]:
    """Yield (en, zh, origin) for every unit that has both an English and a Chinese segment."""
    for unit in store.units:
        sides: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            lang = (node.get(XML_LANG) or node.get("lang") or "").lower()[:2]
            if lang in ("en", "zh") and lang not in sides:
                sides[lang] = unit.getNodeText(node) or ""
        if sides.get("en") and sides.get("zh"):
            yield sides["en"], sides["zh"], _origin(unit.getnotes() or "")


def _origin(notes: str) -> str:
    """Return the origin recorded in a unit's notes, or "import"."""
    for line in notes.splitlines():
        if line.startswith(ORIGIN_NOTE):
            return line[len(ORIGIN_NOTE):].strip() or "import"
    return "import"


def _tidy(text: str | None) -> str:
    """Collapse runs of white space and trim."""
    return re.sub(r"\s++", " ", text or "").strip()


# --- matching ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """Return briefing/bilingual/data/memory.yaml."""
    text = resources.files("briefing.bilingual").joinpath("data/memory.yaml").read_text(encoding="utf-8")
    return load_yaml(text)


@functools.lru_cache(maxsize=1)
def _lead_ins() -> dict[str, re.Pattern[str]]:
    """Return the lead-in pattern per language."""
    return {lang: re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
            for lang, patterns in _data()["lead_ins"].items()}


@functools.lru_cache(maxsize=1)
def _key_words() -> dict[str, frozenset[str]]:
    """Return the meaning-flipping words per language."""
    return {lang: frozenset(map(str, words)) for lang, words in _data()["key_words"].items()}


def same_key_words(query: str, candidate: str, lang: str) -> bool:
    """Tell whether two match keys agree on their numbers (and, when short, their key words)."""
    if sorted(NUMBER.findall(query)) != sorted(NUMBER.findall(candidate)):
        return False
    if max(len(query), len(candidate)) > SHORT[lang]:
        return True
    words = _key_words()[lang]
    split = (lambda t: set(t.split())) if lang == "en" else set
    return split(query) & words == split(candidate) & words


def match_key(text: str, lang: str) -> str:
    """Return the form of a segment that fuzzy scores compare: no case, punctuation or lead-in."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[^\w%.]++", " ", text).strip() if lang == "en" else re.sub(r"[^\w%.]++", "", text)
    text = text.strip(" .")
    pattern = _lead_ins().get(lang)
    stripped = pattern.sub("", text, count=1) if pattern else text
    return stripped.strip() or text


def configured_path(path: Path | None) -> Path:
    """Return the configured memory file, or raise ConfigError when the memory is turned off."""
    if path is None:
        raise ConfigError("translation_memory is off in the config (set a path to use `briefing tm`)")
    return Path(path)
