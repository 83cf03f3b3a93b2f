"""Archive, between bilingual and compose: Documents → the archive (every source once, by content
hash) → a Window of new sources, their Pairs (reaching into the archive) and Indicators (previous
values, new marks).

One SQLite file holds every source ever read, its extraction cached under the extractor's
version, its figures keyed by indicator, the pairs and the briefs built; store.py is the only
module that speaks SQL.
"""
from briefing.archive.collect import Selection, gather
from briefing.archive.history import add_history, key_articles
from briefing.archive.ingest import Ingested, default_jobs, document_of, ingest_sources, keys_for
from briefing.archive.store import Archive, ArchiveError, open_archive
from briefing.archive.window import NothingNew, Window, WindowSpec, select

__all__ = ["Archive", "ArchiveError", "Ingested", "NothingNew", "Selection", "Window", "WindowSpec", "add_history",
           "default_jobs", "document_of", "gather", "ingest_sources", "key_articles", "keys_for", "open_archive",
           "select"]
