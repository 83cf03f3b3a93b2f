"""Find the English and Chinese versions of one article, in time linear in the number of documents.

Pairing never looks at file names. Each document's evidence is computed once (evidence.py);
candidates come from an inverted index of rare numbers (index.py); each candidate is scored on
the evidence there is (confidence.py); the best pairs are taken first, each document at most
once, and a second version of an article that also reaches the threshold is kept as the
pair's runner-up (a reprint).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing.bilingual.align import align_items, match_figures
from briefing.bilingual.articles import make_articles, memory_segments
from briefing.bilingual.confidence import Scored, score
from briefing.bilingual.discrepancies import discrepancies
from briefing.bilingual.evidence import Evidence, document_evidence
from briefing.bilingual.index import candidate_pairs
from briefing.models import Document, Pair

__all__ = ["choose", "complete_pair", "find_pairs", "make_articles", "memory_segments", "score_all",
           "score_evidence"]


def find_pairs(documents: Sequence[Document], threshold: float) -> tuple[Pair, ...]:
    """Return the English/Chinese pairs whose confidence reaches `threshold`, best first."""
    return tuple(complete_pair(s, runner) for s, runner in choose(score_all(documents), threshold))


def score_all(documents: Sequence[Document]) -> list[Scored]:
    """Score every candidate pair the index proposes."""
    return score_evidence([document_evidence(d) for d in documents])


def score_evidence(evidence: Sequence[Evidence]) -> list[Scored]:
    """Score the candidate pairs the index proposes among documents whose evidence is known."""
    english = [e for e in evidence if e.lang == "en"]
    chinese = [e for e in evidence if e.lang == "zh"]
    return [score(english[e], chinese[z]) for e, z in candidate_pairs(english, chinese)]


def choose(scored: Sequence[Scored], threshold: float) -> list[tuple[Scored, Scored | None]]:
    """Return the pairs taken best first, each document once, with each one's runner-up (or None)."""
    ranked = sorted(scored, key=lambda s: (-s.confidence, -s.strength, s.en.name, s.zh.name))
    chosen = _best_first(ranked, threshold)
    runners = _runners_up(ranked, chosen, threshold)
    return [(s, runners.get((s.en.name, s.zh.name))) for s in chosen]


def _best_first(ranked: Sequence[Scored], threshold: float) -> list[Scored]:
    """Take the best candidates first, each document in at most one pair."""
    taken: set[str] = set()
    chosen: list[Scored] = []
    for cand in ranked:
        if cand.confidence >= threshold and cand.en.name not in taken and cand.zh.name not in taken:
            taken.update((cand.en.name, cand.zh.name))
            chosen.append(cand)
    return chosen


def _runners_up(ranked: Sequence[Scored], chosen: Sequence[Scored], threshold: float) -> dict[tuple[str, str], Scored]:
    """Return, per chosen pair, the best other version of one of its documents left unpaired."""
    pair_of = {name: (s.en.name, s.zh.name) for s in chosen for name in (s.en.name, s.zh.name)}
    runners: dict[tuple[str, str], Scored] = {}
    used: set[str] = set()
    for cand in ranked:
        if cand.confidence < threshold:
            break
        for shared, other in ((cand.en.name, cand.zh.name), (cand.zh.name, cand.en.name)):
            key = pair_of.get(shared)
            if key and other not in pair_of and other not in used and key not in runners:
                runners[key] = cand
                used.add(other)
    return runners


def complete_pair(cand: Scored, runner: Scored | None = None) -> Pair:
    """Return the pair with its figures, lists and items aligned, its discrepancies and its runner-up."""
    en, zh = cand.en.doc, cand.zh.doc
    figures = tuple(match_figures(en, zh))
    items = tuple((i, a, j, b) for i, j in cand.lists for a, b in align_items(en.lists[i], zh.lists[j]))
    pair = Pair(en=en.name, zh=zh.name, confidence=cand.confidence, evidence=cand.evidence, lists=cand.lists,
                items=items, figures=figures, discrepancies=discrepancies(en, zh, figures))
    if runner is None:
        return pair
    other = runner.zh.name if runner.en.name == en.name else runner.en.name
    return replace(pair, runner_up=other, runner_up_confidence=runner.confidence,
                   runner_up_evidence=runner.evidence)
