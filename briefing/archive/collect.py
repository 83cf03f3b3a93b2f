"""Collect what a brief draws on: the window's documents, their pairs, partners from the archive."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from briefing.archive.pairing import pair_window
from briefing.archive.store import Archive
from briefing.archive.window import Window
from briefing.models import Article, Document, Pair

CACHE = 512  # documents kept decoded while pairing: a candidate's sides, then let go


@dataclass
class Documents:
    """Load archived Documents on demand, keeping the most recently used ones decoded."""

    archive: Archive
    size: int = CACHE
    _cache: OrderedDict[int, Document] = field(default_factory=OrderedDict)

    def __call__(self, source: int) -> Document:
        """Return a source's Document."""
        if source in self._cache:
            self._cache.move_to_end(source)
            return self._cache[source]
        doc = self.archive.document(source)
        if doc is None:
            raise KeyError(f"source {source} has no stored document")
        self._cache[source] = doc
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return doc

    def clear(self) -> None:
        """Let every decoded document go."""
        self._cache.clear()

    def many(self, sources: Sequence[int]) -> list[Document]:
        """Return several Documents in order, decoded in one query."""
        found = self.archive.documents([s for s in sources if s not in self._cache])
        return [self._cache[s] if s in self._cache else found[s] for s in sources]


@dataclass(frozen=True)
class Selection:
    """The documents a brief draws on, in order, with their pairs."""

    window: Window
    ids: tuple[int, ...]  # the window's extracted sources, then archived pair partners
    names: dict[int, str]
    pairs: tuple[Pair, ...]
    pair_ids: tuple[tuple[int, int], ...]
    skipped: tuple[str, ...]  # why the window's other sources have no document
    load: Documents

    def chunks(self, size: int) -> Iterator[tuple[list[Document], list[Pair]]]:
        """Yield (documents, their pairs): paired documents first, pair by pair, then the others."""
        paired = {s for pair in self.pair_ids for s in pair}
        for start in range(0, len(self.pairs), max(size // 2, 1)):
            ids = self.pair_ids[start:start + max(size // 2, 1)]
            yield self.load.many([s for pair in ids for s in pair]), list(self.pairs[start:start + len(ids)])
        singles = [s for s in self.ids if s not in paired]
        for start in range(0, len(singles), size):
            yield self.load.many(singles[start:start + size]), []

    def when(self, articles: Sequence[Article]) -> dict[str, tuple[str, int]]:
        """Map each source name to its article's (date, first run): the article's date when it has one."""
        rows = {row.name: row for row in self.window.sources}
        out: dict[str, tuple[str, int]] = {}
        for article in articles:
            known = [rows[name] for name in article.sources if name in rows]
            run = min((row.first_run for row in known), default=self.window.run)
            date = article.date or min((row.date for row in known), default=self.window.date)
            out.update({name: (date, run) for name in article.sources})
        return out

    def article_sources(self) -> dict[str, tuple[int, ...]]:
        """Map each source name to the ids of its article's sources (itself, and its pair)."""
        family = {self.names[s]: (s,) for s in self.ids}
        for en, zh in self.pair_ids:
            family[self.names[en]] = family[self.names[zh]] = (en, zh)
        return family


def gather(archive: Archive, window: Window, threshold: float) -> Selection:
    """Return the window's documents and pairs, reaching into the archive for translations."""
    load = Documents(archive)
    skipped = archive.skipped(window.ids)
    inside = tuple(s.id for s in window.sources if s.extractor is not None and s.id not in skipped)
    pairing = pair_window(archive, inside, window.run, threshold, load.many)
    load.clear()  # pairing is done: the articles decode documents chunk by chunk
    names = {s.id: s.name for s in window.sources}
    names.update(archive.names(pairing.partners))
    window_names = {names[s] for s in inside}
    kept = [(pair, ids) for pair, ids in zip(pairing.pairs, pairing.ids)
            if all(s in inside or names[s] not in window_names for s in ids)]  # names identify sources
    partners = tuple(s for _, ids in kept for s in ids if s not in inside)
    return Selection(window=window, ids=inside + partners, names=names, pairs=tuple(p for p, _ in kept),
                     pair_ids=tuple(ids for _, ids in kept), skipped=tuple(skipped.values()), load=load)
