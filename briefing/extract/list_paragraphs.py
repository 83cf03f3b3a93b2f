"""Lists whose items are paragraphs: announced by a count (tier 2), by "the following" (tier 3),
or not announced at all but each opening with a short measure headline (tier 3)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from briefing.extract.headlines import data, headline
from briefing.extract.list_text import Layout, Span, at_page_end
from briefing.extract.list_words import Taken, announces, colon, count, has_any
from briefing.models import ListItem, MeasureList

MIN_UNANNOUNCED = 3  # paragraphs an unannounced list needs: two short leads in a row are chance


def _paragraph_ends(lay: Layout) -> Iterator[tuple[int, Span, str]]:
    """Yield each paragraph but the last with its last sentence: where a list is announced."""
    for index in range(len(lay.paras) - 1):
        last = lay.last_sentence(index)
        yield index, last, lay.text[last[0]:last[1]]


def counted_lists(lay: Layout, ordinal: Taken) -> list[MeasureList]:
    """Find lists announced by a count at a paragraph's end, items in the next paragraphs."""
    out = []
    for index, last, sentence in _paragraph_ends(lay):
        number = count(sentence, lay.lang) if announces(sentence, lay.lang) else None
        # A count sentence that already introduces an ordinal list is that list's intro.
        if number is None or ordinal.covers(last[0]):
            continue
        found = _counted_list(lay, index, last, number, colon(sentence))
        if found:
            out.append(found)
    return out


def _counted_list(lay: Layout, index: int, intro: Span, number: int, firm: bool) -> MeasureList | None:
    """Take up to `number` item-like paragraphs after paragraph `index` as a tier-2 list."""
    following = range(index + 1, min(index + 1 + number, len(lay.paras)))
    items = paragraph_items(lay, following, firm)
    if not firm and len(items) < number:
        # "lays out steps in four areas." then four one-sentence paragraphs: longer leads are items
        # too when exactly the announced number of them follows
        lenient = paragraph_items(lay, following, True)
        items = lenient if len(lenient) == number else items
    if items and len(items) < number:
        items += _cut_item(lay, index + 1 + len(items), len(items) + 1)
    if len(items) < 2 and not (items and firm and at_page_end(lay, items[-1].end)):
        return None
    return MeasureList(lay.text[intro[0]:intro[1]], tuple(items), intro[0], items[-1].end, tier=2,
                       announced=number, complete=len(items) >= number)


def _cut_item(lay: Layout, index: int, n: int) -> list[ListItem]:
    """Return the text's last paragraph as item `n` when the page cut it off mid-sentence."""
    if index != len(lay.paras) - 1:
        return []
    start, end = lay.paras[index]
    lead = lay.text[start:end]
    if lead[-1:] in ".!?。！？;；:：\"”)）" or has_any(lead, data()[f"narration_{lay.lang}"], lay.lang):
        return []
    return [ListItem(n, headline(lead, lay.lang), lead, start, end)]


def paragraph_items(lay: Layout, indices: range, firm: bool,
                    opens: Callable[[str], bool] = lambda _: True) -> list[ListItem]:
    """Take paragraphs as items while each reads like one (and `opens` accepts its text)."""
    items: list[ListItem] = []
    for index in indices:
        start, end = lay.paras[index]
        if not (item_like(lay, index, firm) and opens(lay.text[start:end])):
            break
        items.append(ListItem(len(items) + 1, headline(lay.text[start:end], lay.lang),
                              lay.text[start:end], start, end))
    return items


def item_like(lay: Layout, index: int, firm: bool = False) -> bool:
    """Tell whether a paragraph reads like a list item: a short lead sentence, then detail.

    After a firm intro (a count and a colon) the lead may be one long sentence.
    """
    sents = lay.sents[index]
    lead = lay.text[sents[0][0]:sents[0][1]]
    if lead[:1] in "\"“「'‘" or lead[-1:] not in ".!。！；;":
        return False  # quotations and headings (no closing stop) are not items
    if has_any(lead, data()[f"narration_{lay.lang}"], lay.lang):
        return False
    size = len(lead) if lay.lang == "zh" else len(lead.split())
    if firm:
        return size <= data()[f"item_lead_max_{lay.lang}"]
    most = 40 if lay.lang == "zh" else 20
    alone = 20 if lay.lang == "zh" else 12  # a one-sentence item must be a bare headline
    return size <= most if len(sents) > 1 else size <= alone


# --- tier 3: "the following measures:" with no count -----------------------------------------
def following_lists(lay: Layout, found: Taken) -> list[MeasureList]:
    """Find uncounted lists announced with a colon ("the following measures:", 如下：)."""
    out: list[MeasureList] = []
    # English items must each open with an imperative; Chinese ones with a bare heading.
    opens = imperative if lay.lang == "en" else bare_lead
    for index, last, sentence in _paragraph_ends(lay):
        if found.covers(last[0]) or not colon(sentence) or count(sentence, lay.lang) is not None:
            continue
        items = bulleted_items(lay, index + 1)  # "The measures include:" then "- …" paragraphs
        if len(items) < 2:
            if not _looks_forward(sentence, lay.lang):
                continue
            items = paragraph_items(lay, range(index + 1, len(lay.paras)), lay.lang == "en", opens)
        if len(items) >= 2:
            out.append(MeasureList(sentence, tuple(items), last[0], items[-1].end, tier=3))
            found.add(items[-1].end)
    return out


BULLET_RE = re.compile(r"[-–•·*▪◦●■◆]\s++")
MAX_BULLETS = 30


def bulleted_items(lay: Layout, first: int) -> list[ListItem]:
    """Return the run of paragraphs from `first` on that each open with a bullet ("- ", "• "), bullets cut."""
    items: list[ListItem] = []
    for index in range(first, min(first + MAX_BULLETS, len(lay.paras))):
        start, end = lay.paras[index]
        bullet = BULLET_RE.match(lay.text, start, end)
        if not bullet:
            break
        body = lay.text[bullet.end():end]
        items.append(ListItem(len(items) + 1, headline(body, lay.lang), body, bullet.end(), end))
    return items


def _looks_forward(sentence: str, lang: str) -> bool:
    """Tell whether a sentence ends with a colon after "the following" (以下, 如下), no count."""
    if not colon(sentence) or count(sentence, lang) is not None:
        return False
    return has_any(sentence, data()[f"following_{lang}"], lang)


LEAD_END_RE = re.compile(r"[。；;！!]")
LEAD_NOT_BARE_RE = re.compile(r"[，,、0-9０-９%％]")


def bare_lead(item: str) -> bool:
    """Tell whether a Chinese item opens with a bare phrase: no comma, no number (扩大投资。)."""
    end = LEAD_END_RE.search(item, 0, 200)
    lead = item[:end.start()] if end else item
    return not LEAD_NOT_BARE_RE.search(lead)


def imperative(item: str) -> bool:
    """Tell whether an English item opens with an imperative verb (or an adverb leading one)."""
    first = item[:40].split(maxsplit=1)
    return bool(first) and first[0].lower() in _imperatives("en")


@lru_cache(maxsize=2)
def _imperatives(lang: str) -> frozenset[str]:
    """Return the words an imperative item may open with (English words, Chinese verbs)."""
    return frozenset(data()[f"imperative_{lang}"])


MEASURE_LEAD_NOT_BARE_RE = re.compile(r"[，,0-9０-９%％]")


def measure_lead(item: str, lang: str) -> bool:
    """Tell whether an item opens with a measure: an imperative (en), a verb phrase (zh).

    A Chinese measure lead has no comma or number ("推动贸易数字化、绿色化发展。").
    """
    if lang == "en":
        return imperative(item)
    end = LEAD_END_RE.search(item, 0, 200)
    lead = item[:end.start()] if end else item[:200]
    return not MEASURE_LEAD_NOT_BARE_RE.search(lead) and item.startswith(_zh_openers())


@lru_cache(maxsize=1)
def _zh_openers() -> tuple[str, ...]:
    """Return the Chinese verbs (and adverbs leading one) a measure headline opens with."""
    return tuple(sorted(_imperatives("zh"), key=len, reverse=True))


# --- tier 3: unannounced paragraphs, each opening with a measure or a short headline ----------
def unannounced_lists(lay: Layout, found: Taken) -> list[MeasureList]:
    """Find runs of paragraphs that each open with a measure or a short headline, announced by no count."""
    out: list[MeasureList] = []
    index = 0
    while index < len(lay.paras):
        run = _measure_run(lay, index, found)
        if len(run) >= MIN_UNANNOUNCED:
            out.append(_unannounced_list(lay, run))
            found.add(lay.paras[run[-1]][1])
        index = run[-1] + 1 if run else index + 1
    return out


def _measure_run(lay: Layout, index: int, found: Taken) -> list[int]:
    """Return the paragraphs from `index` on that each open with a measure or a short headline."""
    run: list[int] = []
    while index < len(lay.paras) and not found.covers(lay.paras[index][0]):
        start, end = lay.paras[index]
        measure = item_like(lay, index) and measure_lead(lay.text[start:end], lay.lang)
        if not (measure or headline_paragraph(lay, index)):
            break
        run.append(index)
        index += 1
    return run


NUMBER_RE = re.compile(r"[0-9０-９]")


def headline_paragraph(lay: Layout, index: int) -> bool:
    """Tell whether a paragraph is a short headline sentence with a line or two of detail."""
    conf = data()["headline_run"]
    sents = lay.sents[index]
    start, end = lay.paras[index]
    lead = lay.text[sents[0][0]:sents[0][1]]
    if not 2 <= len(sents) <= conf["max_sentences"] or lead[-1:] not in ".。" or NUMBER_RE.search(lead):
        return False
    if lead[:1] in "\"“「'‘" or has_any(lead, data()[f"narration_{lay.lang}"], lay.lang):
        return False
    if lay.lang == "zh":
        return len(lead) <= conf["lead_max_chars_zh"] and "，" not in lead and end - start <= conf["max_chars_zh"]
    words = len(lay.text[start:end].split())
    return len(lead.split()) <= conf["lead_max_words_en"] and "," not in lead and words <= conf["max_words_en"]


def _unannounced_list(lay: Layout, run: list[int]) -> MeasureList:
    """Build a tier-3 list from a run of measure paragraphs; the paragraph before gives the intro."""
    items = tuple(ListItem(k + 1, headline(lay.text[s:e], lay.lang), lay.text[s:e], s, e)
                  for k, (s, e) in enumerate(lay.paras[i] for i in run))
    intro = lay.last_sentence(run[0] - 1) if run[0] > 0 else (items[0].start, items[0].start)
    return MeasureList(lay.text[intro[0]:intro[1]], items, intro[0], items[-1].end, tier=3)
