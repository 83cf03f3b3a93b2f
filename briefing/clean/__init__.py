"""Stage 2, clean: Source → CleanText, by small named steps that record what they removed; title, date, byline."""
from briefing.clean.steps import clean_source, clean_text, explain

__all__ = ["clean_source", "clean_text", "explain"]
