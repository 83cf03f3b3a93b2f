"""Stage 7, deliver: Rendered → files in the output folder (publish), the run state, and the e-mail."""
from briefing.deliver.publish import publish, text_path

__all__ = ["publish", "text_path"]
