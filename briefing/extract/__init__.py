"""Stage 3, extract: CleanText → figures (Figure) and measure lists (MeasureList), making a Document."""
from briefing.extract.figures import extract_figures
from briefing.extract.lists import extract_lists

__all__ = ["extract_figures", "extract_lists"]
