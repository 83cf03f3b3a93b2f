"""Stage 5, compose: Articles → Brief, ranked and selected to fit one page."""
from briefing.compose.select import compose, prefit, render_scales, trim

__all__ = ["compose", "prefit", "render_scales", "trim"]
