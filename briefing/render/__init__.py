"""Stage 6, render: Brief → Rendered, HTML through Jinja and PDF through WeasyPrint, fitted to one page."""
from briefing.render.page import default_templates_dir, render, render_text

__all__ = ["default_templates_dir", "render", "render_text"]
