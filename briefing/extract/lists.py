"""Numbered measure lists (English and Chinese) → MeasureList.

Three kinds, by confidence: tier 1 lists marked by explicit ordinals ("First, …", 一是…), also when
the first marker was destroyed ("*是…二是…"); tier 2 lists announced by a count ("three aspects",
4个方面) whose items are the following paragraphs; tier 3 lists announced without a count ("the
following measures:"), keyed lists (一增一降, "one increase, one decrease") and unannounced runs of
paragraphs that each open with a short measure headline. A list the page cuts short keeps the
count it announced and says it is incomplete.

Every step works from one split of the text into paragraphs and sentences (list_text.Layout) and
looks things up by binary search, so the cost grows linearly with the text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from briefing.extract.headlines import data, headline
from briefing.extract.list_keyed import keyed_lists
from briefing.extract.list_markers import SCAN, Hit, Run, RunBuilder, find_hits, match_at
from briefing.extract.list_paragraphs import counted_lists, following_lists, unannounced_lists
from briefing.extract.list_text import Layout, Span, at_page_end
from briefing.extract.list_words import Taken, colon, count
from briefing.models import ListItem, MeasureList

__all__ = ["extract_lists", "headline"]
LAST_ITEM_SENTENCES = 10  # an inline list's last item runs on for at most this many sentences
LOOK_BACK = 3  # sentences searched back for the intro of a list whose first marker is lost


def extract_lists(text: str, lang: str) -> tuple[MeasureList, ...]:
    """Return the measure lists of a cleaned text, in order of appearance, scored."""
    lay = Layout(text, "zh" if lang.lower().startswith("zh") else "en")  # others read as English
    if not lay.paras:
        return ()
    hits = find_hits(lay)
    opened = {h.para for h in hits if h.start == lay.paras[h.para][0]}
    builder = RunBuilder()
    for hit in hits:
        builder.add(hit)
    runs = builder.finished()
    lists = [m for m in (_ordinal_list(lay, run, opened, _next_start(runs, k)) for k, run in enumerate(runs)) if m]
    lists += counted_lists(lay, _taken(lists))
    for phase in (following_lists, keyed_lists, unannounced_lists):
        lists += phase(lay, _taken(lists))
    lists = [m for m in lists if not _notes(m.intro, lay.lang)]
    lists.sort(key=lambda m: (m.start, -m.end))
    return tuple(_nest(lists))


def _notes(intro: str, lang: str) -> bool:
    """Tell whether an intro is only a notes label ("附注：", "Notes:"): an annex, not measures."""
    label = intro.strip().rstrip(":：").strip().lower()
    return label in data()[f"notes_labels_{lang}"]


def _taken(lists: list[MeasureList]) -> Taken:
    """Return the spans of the lists found so far, for the next phase to avoid."""
    return Taken([(m.start, m.end) for m in lists])


# --- tier 1: explicit ordinals ---------------------------------------------------------------
def _next_start(runs: list[Run], k: int) -> int | None:
    """Return where the run after run `k` starts, if there is one."""
    return runs[k + 1].hits[0].start if k + 1 < len(runs) else None


def _ordinal_list(lay: Layout, run: Run, opened: set[int], after: int | None) -> MeasureList | None:
    """Build a tier-1 list from a run of hits, or None when the run is no list.

    `after` is where the next run starts: the last item stops before that run's intro when both
    share a paragraph, so a page without line breaks does not make every last item its rest.
    """
    numbered = sum(1 for h in run.hits if h.n)
    if run.headless:
        return _headless_list(lay, run, opened, after)
    items = _items(lay, run.hits, opened, after)
    intro_span = _intro(lay, run.hits[0].start)
    intro = lay.text[intro_span[0]:intro_span[1]]
    announced = count(intro, lay.lang)
    if numbered < 2 and not _cut_short(lay, items, announced):
        return None
    doubtful = run.hits[0].damaged or any(h.weak for h in run.hits)
    if doubtful and len(items) < 3 and not (announced or colon(intro)):
        return None  # a stand-in or weak marker ("是…", "one is") needs a clear intro or a longer run
    return MeasureList(intro, tuple(items), min(intro_span[0], run.hits[0].start), items[-1].end,
                       tier=1, announced=announced, complete=announced is None or len(items) >= announced)


def _cut_short(lay: Layout, items: list[ListItem], announced: int | None) -> bool:
    """Tell whether a one-item list is an announced list the page cut short after its first item."""
    has_text = len(items[-1].headline) >= 2  # the page did not end right after the marker
    return announced is not None and announced >= 2 and has_text and at_page_end(lay, items[-1].end)


def _items(lay: Layout, hits: list[Hit], opened: set[int], after: int | None) -> list[ListItem]:
    """Cut the items of a run: each from its marker to the next marker (the last to its paragraph's end)."""
    items = []
    for k, hit in enumerate(hits):
        end = hits[k + 1].start if k + 1 < len(hits) else _last_end(lay, hit, opened, after)
        start, end = _trim(lay.text, hit.body, end)
        # The headline comes from the item's first paragraph (a heading, not its body).
        gist = lay.text[start:min(end, lay.paras[hit.para][1])]
        items.append(ListItem(k + 1, headline(gist, lay.lang), lay.text[start:end], start, end))
    return items


def _last_end(lay: Layout, hit: Hit, opened: set[int], after: int | None) -> int:
    """Return where a list's last item ends: its paragraph, or a heading's numbered body."""
    index = hit.para
    if not hit.heading:
        # A page without line breaks is one paragraph: the last item stops before the next
        # list's own intro, and after a few sentences, not at the end of the page.
        end = lay.end_after(index, hit.body, LAST_ITEM_SENTENCES)
        intro = lay.sentences_before(index, after, 1) if after is not None and after < end else None
        return intro[0][0] if intro and intro[0][0] > hit.body else end
    # The last section runs over the numbered paragraphs (its nested list) under it.
    limit = min(len(lay.paras) - 1, index + int(data()["max_heading_gap"]))
    while index < limit and index + 1 in opened:
        index += 1
    return lay.paras[index][1]


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink a span past whitespace and trailing commas or semicolons between inline items."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;，；"):
        end -= 1
    return start, end


def _intro(lay: Layout, pos: int) -> Span:
    """Return the span of the sentence that announces a list starting at `pos`."""
    index = lay.para_of(pos)
    before = lay.sentences_before(index, pos, 1)
    if before and lay.text[before[0][0]:pos].strip():
        return _trim(lay.text, before[0][0], min(pos, before[0][1]))
    if index == 0:
        return pos, pos
    return _unmarked(lay, lay.last_sentence(index - 1))


def _unmarked(lay: Layout, span: Span) -> Span:
    """Drop an ordinal marker opening an intro (a section heading "（一）Heading")."""
    hit = match_at(lay, span[0], 0, False)
    return (hit.body, span[1]) if hit and hit.n and hit.body < span[1] else span


# --- tier 1 with its first marker lost: "…三个方面：加快…；二是…；三是…" ------------------------
def _headless_list(lay: Layout, run: Run, opened: set[int], after: int | None) -> MeasureList | None:
    """Recover item 1 of a run that starts at 2: the text between the intro and the second marker.

    The intro must announce the list (a count, or a colon), and a run of one marker needs the
    count to say two: the remaining markers and the count make the list.
    """
    found = _headless_intro(lay, run.hits[0].start)
    if found is None:
        return None
    intro, first = found
    announced = count(lay.text[intro[0]:intro[1]], lay.lang)
    numbered = sum(1 for h in run.hits if h.n)
    if numbered < 2 and announced != 2:
        return None
    stand_in = Hit(first, first, 1, run.family, lay.para_of(first))
    items = _items(lay, [stand_in, *run.hits], opened, after)
    return MeasureList(lay.text[intro[0]:intro[1]], tuple(items), intro[0], items[-1].end, tier=1,
                       announced=announced, complete=announced is None or len(items) >= announced)


def _headless_intro(lay: Layout, pos: int) -> tuple[Span, int] | None:
    """Return the intro before a second marker at `pos`, and where item 1 starts after it.

    The sentence right before the marker belongs to item 1; the intro is one of the few before
    it, in the marker's paragraph or the one above.
    """
    index = lay.para_of(pos)
    back = lay.sentences_before(index, pos, LOOK_BACK)
    if index > 0:
        back += lay.sentences_before(index - 1, lay.paras[index - 1][1], LOOK_BACK)
    for span in back[1:LOOK_BACK + 1]:
        sentence = lay.text[span[0]:span[1]]
        if count(sentence, lay.lang) is not None or colon(sentence):
            return span, _trim(lay.text, span[1], pos)[0]
    return None


# --- nesting and score -----------------------------------------------------------------------
def _nest(lists: list[MeasureList]) -> list[MeasureList]:
    """Set `parent` on lists that lie inside another list's item, then score every list."""
    out: list[MeasureList] = []
    stack: list[int] = []  # lists that may still hold a later one, outermost first
    for lst in lists:
        first, last = lst.items[0].start, lst.items[-1].end
        while stack and out[stack[-1]].end <= first:
            stack.pop()
        parent = next(((k, item.n) for k in reversed(stack[-SCAN:])
                       if (item := _item_holding(out[k], first, last))), None)
        out.append(replace(lst, parent=parent))
        stack.append(len(out) - 1)
    return [replace(m, score=_score(m)) for m in out]


def _item_holding(lst: MeasureList, start: int, end: int) -> ListItem | None:
    """Return the item of `lst` that holds the span (start, end), if one does."""
    k = bisect_right([i.start for i in lst.items], start) - 1
    if k >= 0 and lst.items[k].end >= end:
        return lst.items[k]
    return None


def _score(lst: MeasureList) -> float:
    """Rank how much a reader wants a list: tier, completeness, size, clear intro, depth."""
    score = {1: 0.6, 2: 0.5, 3: 0.3}.get(lst.tier, 0.2)
    score += 0.2 if len(lst.items) >= 3 else 0.0
    score += 0.1 if lst.announced is not None or lst.intro.rstrip().endswith((":", "：")) else 0.0
    score += 0.1 if lst.complete else -0.2
    score -= 0.15 if lst.parent is not None else 0.0
    return round(max(score, 0.0), 3)
