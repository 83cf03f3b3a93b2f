"""Publish a rendered brief: brief-DATE.{pdf,html,txt,json} and latest.{pdf,html}, each written atomically."""
from __future__ import annotations

from pathlib import Path

from briefing.compose.brief_json import brief_json
from briefing.models import Rendered
from briefing.primitives import write_atomic


def publish(rendered: Rendered, output_dir: Path, date: str, formats: tuple[str, ...]) -> tuple[Path, ...]:
    """Write brief-DATE.{pdf,html} and latest.{pdf,html}, plus the text part; return the dated paths."""
    written: list[Path] = []
    payloads = {"html": rendered.html.encode("utf-8"), "pdf": rendered.pdf}
    for fmt in formats:
        data = payloads.get(fmt)
        if data is None:
            continue
        dated = output_dir / f"brief-{date}.{fmt}"
        write_atomic(dated, data)
        write_atomic(output_dir / f"latest.{fmt}", data)
        written.append(dated)
    text = plain_text(rendered)
    if text is not None:  # the e-mail's text alternative, so `briefing send` can rebuild the message
        write_atomic(text_path(output_dir, date), text.encode("utf-8"))
    write_atomic(output_dir / f"brief-{date}.json", brief_json(rendered.brief).encode("utf-8"))
    return tuple(written)


def plain_text(rendered: Rendered) -> str | None:
    """Return the brief as plain text from the renderer, or None if it cannot make one."""
    from briefing.render import page

    render_text = getattr(page, "render_text", None)
    return render_text(rendered.brief) if render_text is not None else None


def text_path(output_dir: Path, date: str) -> Path:
    """Return where the plain-text version of a dated brief lives."""
    return output_dir / f"brief-{date}.txt"
