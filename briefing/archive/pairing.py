"""Pair the window's documents with their translations, in the window or in the archive.

bilingual.find_pairs scores every English document against every Chinese one; over thousands
that is millions of scorings. Here a document's candidates are the few that share its rarest
numbers (the archive's token index), a candidate is scored only when the two signatures leave
room for the threshold, and the accepted pairs are chosen best first as find_pairs chooses them.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.archive.signature import Signature, may_pair
from briefing.archive.store import Archive
from briefing.bilingual.pair import complete_pair, score_pair
from briefing.models import Document, Pair

RARE = 64  # a number more sources than this hold (a year, a common date) suggests no translation
CANDIDATES = 4  # translations considered per document: the ones sharing the rarest numbers


@dataclass(frozen=True)
class Pairing:
    """The window's pairs and the archived sources they reach."""

    pairs: tuple[Pair, ...]
    ids: tuple[tuple[int, int], ...]  # (en source, zh source) of each pair
    partners: tuple[int, ...]  # archived sources outside the window that the pairs bring in


Loader = Callable[[int], Document]


def pair_window(archive: Archive, window: Sequence[int], run: int, threshold: float, load: Loader) -> Pairing:
    """Pair the window's sources with each other and with sources archived up to `run`."""
    signatures = archive.signatures(window)
    inside = set(signatures)
    taken = _taken(archive, run, inside)
    candidates = _candidates(archive, signatures, run, taken)
    involved = {s for pair in candidates for s in pair}
    everyone, names = archive.signatures(involved), archive.names(involved)
    # scored Chinese side by Chinese side, so that each document is decoded about once
    scored = [(score_pair(load(en), load(zh)), en, zh) for en, zh in sorted(candidates, key=lambda p: (p[1], p[0]))
              if may_pair(everyone[en], everyone[zh], threshold)]
    # then in name order, as find_pairs meets them in a folder sorted by name: ties break alike
    scored.sort(key=lambda item: (names[item[1]], names[item[2]], item[1], item[2]))
    return _choose(scored, threshold, inside, load)


def _candidates(archive: Archive, signatures: dict[int, Signature], run: int,
                taken: set[int]) -> set[tuple[int, int]]:
    """Return (en, zh) source pairs where one side is in the window and they share rare numbers
    (an archived source an earlier brief paired is taken)."""
    postings = archive.rare_postings(signatures, run, RARE)
    universe = max(archive.indexed_sources(run), 1)
    langs = _languages(archive, postings, signatures)
    found: set[tuple[int, int]] = set()
    for source, sig in signatures.items():
        weights: Counter[int] = Counter()
        for token in sig.tokens():
            holders = postings.get(token, ())
            idf = math.log(1 + universe / max(len(holders), 1))
            weights.update({other: idf for other in holders
                            if langs.get(other, sig.lang) != sig.lang and other not in taken})
        best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
        found |= {(source, other) if sig.lang == "en" else (other, source) for other, _ in best}
    return found


def _languages(archive: Archive, postings: dict[str, list[int]],
               known: dict[int, Signature]) -> dict[int, str]:
    """Return the language of every source the postings name."""
    langs = {s: sig.lang for s, sig in known.items()}
    missing = {s for holders in postings.values() for s in holders} - set(langs)
    langs.update({s: sig.lang for s, sig in archive.signatures(missing).items()})
    return langs


def _taken(archive: Archive, run: int, inside: set[int]) -> set[int]:
    """Return archived sources outside the window that an earlier brief paired with another."""
    return {s for pair in archive.paired_before(run) if not set(pair) & inside for s in pair}


def _choose(scored: list[tuple[Pair, int, int]], threshold: float, inside: set[int], load: Loader) -> Pairing:
    """Accept the best candidates first, each source in one pair at most (as find_pairs does)."""
    scored.sort(key=lambda item: -item[0].confidence)  # stable: ties keep the name order
    used: set[int] = set()
    accepted: list[tuple[Pair, int, int]] = []
    for candidate, en, zh in scored:
        if candidate.confidence >= threshold and en not in used and zh not in used:
            used |= {en, zh}
            accepted.append((candidate, en, zh))
    # completed Chinese side by Chinese side (each decoded once), kept in find_pairs' order: best first
    done = {(en, zh): complete_pair(candidate, load(en), load(zh))
            for candidate, en, zh in sorted(accepted, key=lambda item: (item[2], item[1]))}
    ids = [(en, zh) for _, en, zh in accepted]
    pairs = [done[pair] for pair in ids]
    partners = tuple(sorted({s for pair in ids for s in pair} - inside))
    return Pairing(tuple(pairs), tuple(ids), partners)
