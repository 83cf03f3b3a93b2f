"""The confidence that two documents are one article in two languages, and the evidence in words.

Each piece of evidence is a log-likelihood ratio of "translation" against two other explanations:
an unrelated text, and a related text that is not a translation (commentary on the same release,
a news report quoting some of its numbers, last month's release in the same words). Evidence
neither text offers adds nothing. confidence = 1 / (1 + Σ prior × exp(−log-odds)), so it is high
only when the evidence rules out both.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from briefing.bilingual.align import align_lists
from briefing.bilingual.evidence import Evidence
from briefing.bilingual.numbers import NumberComparison, compare_numbers
from briefing.bilingual.rules import rules

SHOWN_NUMBERS = 4  # numbers quoted in the evidence line


@dataclass(frozen=True)
class Term:
    """One piece of evidence: what it is, and its log-likelihood ratios against each explanation."""

    label: str
    unrelated: float
    related: float


@dataclass(frozen=True)
class Scored:
    """A candidate pair with its confidence."""

    en: Evidence
    zh: Evidence
    confidence: float
    strength: float  # the smaller log-odds: ranks candidates whose confidence rounds alike
    evidence: tuple[str, ...]
    lists: tuple[tuple[int, int], ...]


def score(en: Evidence, zh: Evidence) -> Scored:
    """Return the confidence that `en` and `zh` are versions of one article."""
    numbers = compare_numbers(en, zh)
    lists = tuple(align_lists(en.doc, zh.doc)) if en.doc.lists and zh.doc.lists else ()
    terms = number_terms(en, zh, numbers) + other_terms(en, zh, len(lists))
    unrelated, related = sum(t.unrelated for t in terms), sum(t.related for t in terms)
    priors = rules()["priors"]
    doubt = priors["unrelated"] * _exp(-unrelated) + priors["related"] * _exp(-related)
    confidence = 1.0 / (1.0 + doubt)
    words = describe(en, numbers) + [t.label for t in terms if t.label] + [_decided(unrelated, related)]
    return Scored(en, zh, round(confidence, 3), min(unrelated, related), tuple(words), lists)


def _exp(x: float) -> float:
    """Return exp(x) without overflow."""
    return math.exp(min(x, 700.0))


def number_terms(en: Evidence, zh: Evidence, numbers: NumberComparison) -> list[Term]:
    """Return the evidence of the numbers: matches, numbers out of order, misses, gaps."""
    data = rules()
    present, related = data["present_in_translation"], data["present_in_related"]
    half = data["out_of_order_factor"]
    terms = [Term("", math.log(present / en.chance(k)), math.log(present / related)) for k in numbers.matched]
    terms += [Term("", half * math.log(present / en.chance(k)), half * math.log((1 - present) / (1 - related)))
              for k in numbers.out_of_order]
    terms += [_run_term(side, run) for side, runs in ((en, numbers.runs_en), (zh, numbers.runs_zh)) for run in runs]
    substitution = data["substitution"]
    for fewer in numbers.substitutions:
        llr = math.log(substitution["first"]) + (fewer - 1) * math.log(substitution["each_more"])
        terms.append(Term("", llr, llr))
    gap = data["gap"]
    terms.append(Term("", 0.0, numbers.consistent_gaps * gap["consistent"]["related"]
                      + numbers.inconsistent_gaps * gap["inconsistent"]["related"]))
    return terms


def _run_term(side: Evidence, run: tuple[str, ...]) -> Term:
    """Weigh a run of numbers the other version misses: one omission, longer ones a little more likely."""
    data = rules()
    omitted, goes_on = 1 - data["present_in_translation"], data["omission_continues"]
    related = data["present_in_related"]
    as_translation = math.log(omitted) + (len(run) - 1) * math.log(goes_on)
    unrelated = as_translation - sum(math.log(1 - side.chance(k)) for k in run)
    return Term("", unrelated, as_translation - len(run) * math.log(1 - related))


def other_terms(en: Evidence, zh: Evidence, aligned_lists: int) -> list[Term]:
    """Return the evidence beyond the numbers: periods, dates, titles, lists."""
    return [t for t in (_period_term(en, zh), _publication_term(en, zh), _text_date_term(en, zh),
                        _title_term(en, zh), _list_term(en, zh, aligned_lists)) if t is not None]


def _term(name: str, label: str, times: float = 1.0) -> Term:
    """Return the named evidence of pairing.yaml, `times` over."""
    weights = rules()["evidence"][name]
    return Term(label, times * weights["unrelated"], times * weights["related"])


def _period_term(en: Evidence, zh: Evidence) -> Term | None:
    """Compare the periods the versions are about: one main period, or a conflict."""
    if en.main_period is None or zh.main_period is None:
        return None
    if en.main_period == zh.main_period:
        return _term("same_main_period", f"same period: {period_words(en.main_period)}")
    if en.main_period not in zh.periods or zh.main_period not in en.periods:
        return _term("main_period_conflict", f"periods differ: {period_words(en.main_period)} vs "
                                             f"{period_words(zh.main_period)}")
    return None


def _publication_term(en: Evidence, zh: Evidence) -> Term | None:
    """Compare the publication dates the pages give."""
    if en.published is None or zh.published is None:
        return None
    gap = abs((en.published - zh.published).days)
    if gap == 0:
        return _term("same_publication_date", "same date")
    if gap <= rules()["publication_date_gap_days"]:
        return _term("near_publication_date", f"dates {gap} days apart")
    return _term("publication_dates_differ", f"dates differ ({en.published} vs {zh.published})")


def _text_date_term(en: Evidence, zh: Evidence) -> Term | None:
    """Count the days both texts name ("March 26" ↔ 3月26日)."""
    shared = sorted(en.text_dates & zh.text_dates)
    if not shared:
        return None
    shown = ", ".join(k[2:].replace("-", "/") for k in shared)
    return _term("shared_text_date", f"dates in the text in common: {shown}",
                 min(len(shared), rules()["max_text_dates"]))


def _title_term(en: Evidence, zh: Evidence) -> Term | None:
    """Count the numbers both titles state."""
    shared = en.title_keys & zh.title_keys
    if not shared:
        return None
    times = min(len(shared), rules()["max_title_numbers"])
    return _term("title_number", f"{len(shared)} numbers in both titles", times)


def _list_term(en: Evidence, zh: Evidence, aligned: int) -> Term | None:
    """Weigh the lists of the same shape, when both texts have lists."""
    if not en.doc.lists or not zh.doc.lists:
        return None
    unaligned = len(en.doc.lists) + len(zh.doc.lists) - 2 * aligned
    aligned_term, unaligned_term = _term("aligned_list", "", aligned), _term("unaligned_list", "", unaligned)
    return Term(f"{aligned} lists of the same shape, {unaligned} without a counterpart",
                aligned_term.unrelated + unaligned_term.unrelated, aligned_term.related + unaligned_term.related)


def describe(en: Evidence, numbers: NumberComparison) -> list[str]:
    """Say in words what the numbers show."""
    shown = "; ".join(_as_written(en, k) for k in numbers.matched[:SHOWN_NUMBERS])
    common = len(numbers.matched) + len(numbers.out_of_order)
    lines = [f"{common} figures in common (distinctive numbers, units normalised), "
             f"{len(numbers.matched)} in the same order" + (f": {shown}" if shown else "")]
    lines.append(f"{numbers.containment:.0%} of the shorter version's numbers are in the other")
    missing = len(numbers.missing_en) + len(numbers.missing_zh)
    lines.append(f"{missing} numbers of the overlap missing from the other version")
    if numbers.substitutions:
        lines.append(f"{len(numbers.substitutions)} passages where each version has numbers the other lacks")
    gaps = numbers.consistent_gaps + numbers.inconsistent_gaps
    if gaps:
        lines.append(f"text between matches scales alike in {numbers.consistent_gaps} of {gaps} gaps "
                     f"(length ratio {numbers.ratio:.1f})")
    return lines


def _as_written(en: Evidence, key: str) -> str:
    """Return a key as the English text writes it."""
    return en.quantities[en.occurrences[key][0]].text


def _decided(unrelated: float, related: float) -> str:
    """Say which explanation the evidence is weakest against, and by how much."""
    weaker = "a related text (commentary, report, another release)" if related < unrelated else "an unrelated text"
    return f"log-odds {min(unrelated, related):+.1f} against {weaker}, {max(unrelated, related):+.1f} against the other"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def period_words(key: str) -> str:
    """Return a period key in words: M:7 → July, M:1-7 → January to July, Q:1-3 → quarters 1 to 3."""
    kind, _, value = key.partition(":")
    low, _, high = value.partition("-")
    if kind == "M":
        return MONTHS[int(low) - 1] + (f" to {MONTHS[int(high) - 1]}" if high else "")
    name = {"Q": "quarter", "H": "half"}.get(kind, kind)
    return f"{name}s {low} to {high}" if high else f"{name} {low}"
