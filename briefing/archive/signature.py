"""A document's pairing signature: the index keys bilingual.evidence gives it, kept in the archive.

The archive stores one per source, and an index of its keys, so that a new document finds the
archived documents worth pairing with among thousands without decoding any other.
"""
from __future__ import annotations

from dataclasses import dataclass

from briefing.bilingual.evidence import document_evidence
from briefing.models import Document


@dataclass(frozen=True)
class Signature:
    """A document's language and its rare-number index keys with their chance (bilingual.evidence)."""

    lang: str
    keys: tuple[tuple[str, float], ...]

    def tokens(self) -> tuple[str, ...]:
        """Return the index tokens, each once."""
        return tuple(dict.fromkeys(key for key, _ in self.keys))


def signature(doc: Document) -> Signature:
    """Return a document's pairing signature."""
    return Signature(lang=doc.lang, keys=tuple(document_evidence(doc).index_keys))
