"""Stage 4, bilingual: Documents → Pairs → Articles, each text in both languages (pair, glossary, memory, engine)."""
from briefing.bilingual.articles import make_articles
from briefing.bilingual.labels import label_pairs, label_sources
from briefing.bilingual.pair import find_pairs

__all__ = ["find_pairs", "label_pairs", "label_sources", "make_articles"]
