"""English words for rejoining text split by injected noise: wordfreq's frequencies, and the
decision whether a cut site's space was in the text or came with the noise."""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from briefing.clean.vocab import noise_data

COMMON = 2.0  # wordfreq zipf below this: not a word on its own


def words_join(a: str, b: str, lenient: bool) -> bool:
    """Decide with wordfreq whether "a b" is one word split by an injected space."""
    za, zb = zipf(a), zipf(b)
    odd = min(za, zb) < COMMON or stray_letter(a) or stray_letter(b)
    if not (odd or lenient):
        return False  # two real words side by side: the common case, decided without a lookup
    joined = zipf(a + b)
    if joined < 2.5:
        return False
    if odd:
        return True
    if lenient and b.lower() in _suffixes():
        return True  # "inject ed": an ending cut off its word
    return lenient and joined >= min(za, zb) + 0.8


def stray_letter(part: str) -> bool:
    """Tell whether a part is a single letter that is not a word by itself."""
    return len(part) == 1 and part.lower() not in ("a", "i")


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    """Return the word endings that are never words after a cut ("ed", "ing", "tion")."""
    return frozenset(noise_data()["split_suffixes"])


_ZIPF: dict[str, float] = {}
_ODD: set[str] = set()  # verdicts of odd_words, as sets: a text's words are looked up in bulk
_PLAIN: set[str] = set()
ZIPF_CACHE_MAX = 200_000


def zipf(word: str) -> float:
    """Return the wordfreq Zipf frequency of an English word (cached: a dict beats lru_cache here)."""
    found = _ZIPF.get(word)
    if found is None:
        found = english_zipf().get(word.lower(), 0.0)
        if len(_ZIPF) < ZIPF_CACHE_MAX:
            _ZIPF[word] = found
    return found


@lru_cache(maxsize=1)
def english_zipf() -> dict[str, float]:
    """Load wordfreq's small English list (29k words) as word → Zipf frequency.

    Read straight from the package's data file: importing wordfreq and its large list costs
    ~0.3 s per run, this ~10 ms, and the small list rejoins split words as well (measured on the
    noise-recovery test). Its format is wordfreq's cBpack: after a header, bucket i holds the
    words at -i centibels, i.e. Zipf 9 - i/100.
    """
    import gzip

    import msgpack  # a dependency of wordfreq

    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    with gzip.open(folder / "data" / "small_en.msgpack.gz", "rb") as handle:  # type: ignore[operator]
        header, *buckets = msgpack.load(handle, raw=False)
    if header.get("format") != "cB" or header.get("version") != 1:
        raise RuntimeError(f"wordfreq's word list has an unknown format: {header!r}")
    return {word: round(9.0 - i / 100.0, 2) for i, bucket in enumerate(buckets) for word in bucket}


def odd_words(words: set[str]) -> set[str]:
    """Return the words that are not words on their own: rare in wordfreq, or a stray letter."""
    new = words - _ODD - _PLAIN
    found = {word for word in new if zipf(word) < COMMON or stray_letter(word)}
    if len(_ODD) + len(_PLAIN) < ZIPF_CACHE_MAX:  # bounded, like the zipf cache
        _ODD.update(found)
        _PLAIN.update(new - found)
    return (words & _ODD) | found




# --- cut sites between letters: which spaces were in the text --------------------------------
# A word's score is its log10 frequency (Zipf - 9); a word wordfreq does not know scores as one
# of length-dependent rarity, so a name ("Tingting") is kept whole rather than cut into known
# scraps ("Tin gting"), but two known words are not glued into one unknown ("ofthe"). A space at a
# cut site came with the noise about as often as it was in the text (a run lands next to a space
# as often as it carries one); SPLIT_BONUS tilts close calls to keeping it ("a way", not "away").
# A site without a space was a word's inside unless the words say loudly otherwise.
UNKNOWN_BASE = -10.0
UNKNOWN_PER_CHAR = -1.0
SPLIT_BONUS = 1.5
BARE_SPLIT = -10.0
MAX_SPAN = 6  # fragments one word may take: longer chains are decided piecewise, linearly
NAME_SCORE = -6.0  # a pinyin name or a furniture word wordfreq's small list lacks: as likely as Zipf 3


_SCORES: dict[tuple[str, bool], float] = {}


def word_score(word: str, prefix: bool = False) -> float:
    """Return how likely `word` is as an English word in running text (log10 frequency).

    A `prefix` word opens a hyphenated compound, where a single letter is a word ("e-commerce").
    Cached like `zipf`: a noisy text asks for the same fragments again and again.
    """
    found = _SCORES.get((word, prefix))
    if found is None:
        found = _word_score(word, prefix)
        if len(_SCORES) < ZIPF_CACHE_MAX:
            _SCORES[word, prefix] = found
    return found


def _word_score(word: str, prefix: bool) -> float:
    """Score a word (see word_score), uncached."""
    if not _cased(word):
        return _unknown(word) - 5.0  # "theN": no word is cased so
    if stray_letter(word) and not prefix:
        return _unknown(word)
    found = zipf(word)
    if found > 0:
        return found - 9.0
    if word.lower() in _page_words() or pinyin_name(word):
        return NAME_SCORE
    return _unknown(word)


@lru_cache(maxsize=1)
def _page_words() -> frozenset[str]:
    """Return the words of page furniture the cleaner knows (WeChat, Weibo) that wordfreq lacks."""
    return frozenset(w.lower() for w in noise_data()["ui_words"]["en"] if w.isalpha())


def _unknown(word: str) -> float:
    """Return the score of a word wordfreq does not know: the longer, the less likely."""
    return UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(word)


CAMEL_RE = re.compile(r"(?:[A-Z][a-z]++){2,4}")


def _cased(word: str) -> bool:
    """Tell whether a word is cased as words are: lower, Capitalised, all capitals or CamelCase."""
    if word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()):
        return True
    return CAMEL_RE.fullmatch(word) is not None  # brand names: WeChat, PetroChina


def _syllable() -> str:
    """Return the pattern of one toneless pinyin syllable: an optional initial, then a final."""
    conf = noise_data()["pinyin"]
    initials = "|".join(sorted(conf["initials"], key=len, reverse=True))
    finals = "|".join(sorted(conf["finals"], key=len, reverse=True))
    return f"(?:(?:{initials})?(?:{finals}))"


@lru_cache(maxsize=1)
def _pinyin_re() -> re.Pattern[str]:
    """Compile the pattern of a word made of two to four pinyin syllables (Tianjin, Tingting)."""
    return re.compile(f"{_syllable()}{{2,4}}")


@lru_cache(maxsize=1)
def _syllables_re() -> re.Pattern[str]:
    """Compile the pattern of one to four toneless pinyin syllables written as one word."""
    return re.compile(f"{_syllable()}{{1,4}}")


def pinyin_syllables(word: str) -> bool:
    """Tell whether a lower-case word is one to four toneless pinyin syllables ("tou", "touzi")."""
    return len(word) <= 24 and word.islower() and _syllables_re().fullmatch(word.replace("ü", "v")) is not None


def pinyin_name(word: str) -> bool:
    """Tell whether a Capitalised word reads as a Chinese name in pinyin ("Guangdong", "Lingjun")."""
    return (len(word) <= 24 and word[:1].isupper() and word[1:].islower()
            and _pinyin_re().fullmatch(word.lower()) is not None)


def best_spaces(fragments: list[str], spaced: list[bool], hyphen_after: bool = False) -> list[bool]:
    """Return, for each cut site between letter fragments, whether a space belongs there.

    `spaced[k]` says whether site k (between fragments k and k+1) kept a space from the cut run;
    `hyphen_after` that a hyphen follows the last fragment (it opens a compound).
    Dynamic programming over the ways to group fragments into words, each word of at most
    MAX_SPAN fragments: linear in the number of fragments.
    """
    n = len(fragments)
    if n == 2:  # most chains: one cut, decided by one comparison
        return [space_between(fragments[0], fragments[1], spaced[0], hyphen_after)]
    best = [0.0] + [float("-inf")] * n  # best[i]: score of fragments[:i] grouped into words
    start = [0] * (n + 1)  # start[i]: where the last word of that best grouping starts
    for i in range(1, n + 1):
        word, prefix = "", hyphen_after and i == n
        for j in range(i - 1, max(-1, i - 1 - MAX_SPAN), -1):
            word = fragments[j] + word  # the word of fragments j … i-1, grown leftwards
            score = best[j] + word_score(word, prefix) + _site_cost(spaced, j)
            if score > best[i]:
                best[i], start[i] = score, j
    spaces = [False] * (n - 1)
    i = n
    while i > 0:
        if start[i] > 0:
            spaces[start[i] - 1] = True
        i = start[i]
    return spaces


def space_between(left: str, right: str, spaced: bool, hyphen_after: bool = False) -> bool:
    """Tell whether a space belongs between two letter fragments at one cut site."""
    split = word_score(left) + word_score(right, hyphen_after) + (SPLIT_BONUS if spaced else BARE_SPLIT)
    return split > word_score(left + right, hyphen_after)


def _site_cost(spaced: list[bool], j: int) -> float:
    """Return the prior for a word starting at fragment j: a space kept at site j-1, if any."""
    if j == 0:
        return 0.0
    return SPLIT_BONUS if spaced[j - 1] else BARE_SPLIT


# An apostrophe inside a cut run before a clitic was the text's far more often than noise: a run
# lands beside a given apostrophe as often as beside any character (two places: before it or
# before its "s"), but holds an apostrophe of its own rarely (about 1 symbol in 70, 2.7 symbols a
# run): about 50 to 1, weighed against how much likelier wordfreq finds "years" than "year's".
APOSTROPHE_PRIOR = 1.7  # log10(50); wordfreq knows "people's", "world's", "it's"


def keeps_apostrophe(word: str, clitic: str) -> bool:
    """Tell whether "word'clitic" ("people's") is likelier than "wordclitic" ("peoples")."""
    with_it = zipf(f"{word}'{clitic}")
    return with_it > 0 and with_it + APOSTROPHE_PRIOR >= zipf(word + clitic)
