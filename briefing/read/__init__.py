"""Stage 1, read: find the source files and decode them (encodings, HTML) → Source."""
from briefing.read.decode import decode_bytes
from briefing.read.files import SUFFIXES, discover_sources, read_source
from briefing.read.html import html_to_text

__all__ = ["SUFFIXES", "decode_bytes", "discover_sources", "html_to_text", "read_source"]
