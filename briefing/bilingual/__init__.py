"""Stage 4, bilingual: Documents → Pairs → Articles, each text in English and Chinese (pair, glossary, memory, engine)."""
from briefing.bilingual.pair import find_pairs, make_articles

__all__ = ["find_pairs", "make_articles"]
