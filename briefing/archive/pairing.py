"""Pair the window's documents with their translations, in the window or in the archive.

The pairing is bilingual.find_pairs' own (evidence, candidates from the inverted index, the
log-odds confidence, best first with a runner-up), run over the window's documents and the few
archived ones that share their rare numbers: the archive's token index finds those without
decoding any other document, so a daily build costs what is new.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from briefing.archive.signature import Signature
from briefing.archive.store import Archive
from briefing.bilingual.confidence import Scored
from briefing.bilingual.evidence import Evidence, document_evidence, slim
from briefing.bilingual.pair import choose, complete_pair, score_evidence
from briefing.bilingual.rules import rules
from briefing.models import Document, Pair


@dataclass(frozen=True)
class Pairing:
    """The window's pairs and the archived sources they reach."""

    pairs: tuple[Pair, ...]
    ids: tuple[tuple[int, int], ...]  # (en source, zh source) of each pair
    partners: tuple[int, ...]  # archived sources outside the window that the pairs bring in


Many = Callable[[Sequence[int]], list[Document]]
CHUNK = 256  # documents decoded at once while their evidence is taken


def pair_window(archive: Archive, window: Sequence[int], run: int, threshold: float, load: Many) -> Pairing:
    """Pair the window's sources with each other and with sources archived up to `run`."""
    signatures = archive.signatures(window)
    inside = set(signatures)
    partners = _partners(archive, signatures, run, _taken(archive, run, inside))
    ids = sorted(inside) + partners
    evidence = _slim_evidence(ids, load)
    source_of = {id(e): s for e, s in zip(evidence, ids)}
    scored = [s for s in score_evidence(evidence)  # a pair of two archived documents is not this brief's
              if source_of[id(s.en)] in inside or source_of[id(s.zh)] in inside]
    taken = choose(scored, threshold)
    pair_ids = tuple((source_of[id(s.en)], source_of[id(s.zh)]) for s, _ in taken)
    pairs = tuple(_complete(taken, pair_ids, load))
    reached = tuple(sorted({s for pair in pair_ids for s in pair} - inside))
    return Pairing(pairs, pair_ids, reached)


def _slim_evidence(ids: Sequence[int], load: Many) -> list[Evidence]:
    """Return the documents' pairing evidence, decoded a chunk at a time and kept slim (bounded memory)."""
    found: list[Evidence] = []
    for start in range(0, len(ids), CHUNK):
        found += [slim(document_evidence(doc)) for doc in load(ids[start:start + CHUNK])]
    return found


def _complete(taken: Sequence[tuple[Scored, Scored | None]], pair_ids: Sequence[tuple[int, int]],
              load: Many) -> Iterator[Pair]:
    """Align the chosen pairs on their full documents, decoded a chunk of pairs at a time (bounded memory)."""
    step = CHUNK // 2
    for start in range(0, len(taken), step):
        ids = pair_ids[start:start + step]
        full = dict(zip((s for pair in ids for s in pair), load([s for pair in ids for s in pair])))
        for (scored, runner), (en, zh) in zip(taken[start:start + step], ids):
            yield complete_pair(_with_documents(scored, full[en], full[zh]), runner)


def _with_documents(scored: Scored, en: Document, zh: Document) -> Scored:
    """Give a chosen candidate its full documents back, for aligning figures and items."""
    return replace(scored, en=replace(scored.en, doc=en), zh=replace(scored.zh, doc=zh))


def _partners(archive: Archive, signatures: dict[int, Signature], run: int, taken: set[int]) -> list[int]:
    """Return archived sources outside the window worth pairing with: per window document, the few
    of the other language that share its rarest numbers (an archived source already paired is taken)."""
    index = rules()["index"]
    postings = archive.rare_postings(signatures, run, index["max_postings"])
    outside = {s for holders in postings.values() for s in holders} - set(signatures) - taken
    langs = {s: sig.lang for s, sig in archive.signatures(outside).items()}
    found: set[int] = set()
    for sig in signatures.values():
        weights: Counter[int] = Counter()
        for key, chance in sig.keys:
            weights.update({other: -math.log(chance) for other in postings.get(key, ())
                            if langs.get(other, sig.lang) != sig.lang})
        found |= {other for other, _ in weights.most_common(index["candidates_per_document"])}
    return _newest_by_name(archive, found, signatures)


def _newest_by_name(archive: Archive, found: set[int], window: dict[int, Signature]) -> list[int]:
    """Keep one version per file name, never a name the window has (names identify documents)."""
    names = archive.names(set(found) | set(window))
    mine = {names[s] for s in window}
    newest: dict[str, int] = {}
    for source in sorted(found):
        if names[source] not in mine:
            newest[names[source]] = source
    return sorted(newest.values())


def _taken(archive: Archive, run: int, inside: set[int]) -> set[int]:
    """Return archived sources outside the window that an earlier brief paired with another."""
    return {s for pair in archive.paired_before(run) if not set(pair) & inside for s in pair}

