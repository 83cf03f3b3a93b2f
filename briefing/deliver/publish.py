"""Publish a rendered brief: brief-DATE.{pdf,html,txt,json} together, then latest.{pdf,html}.

A build's files are one list (`outputs_for`); `publish_outputs` makes the dated ones visible all
together or not at all (primitives.publish_together), so `briefing send` never mails a PDF whose
build was killed or failed half-way. Another output joins by being appended to the list.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.compose.brief_json import brief_json
from briefing.models import Rendered
from briefing.primitives import PENDING_NAME, publish_together, roll_back_interrupted

__all__ = ["PENDING_NAME", "Output", "outputs_for", "publish", "publish_outputs", "recover", "text_path"]
recover = roll_back_interrupted  # what build_lock runs before any work: remove a half-published build


@dataclass(frozen=True)
class Output:
    """One file of a build: its name in the output folder, its bytes, and the name it is also copied to."""

    name: str
    data: bytes
    latest: str | None = None  # e.g. latest.pdf, replaced once the whole dated set is in place


def publish(rendered: Rendered, output_dir: Path, date: str, formats: tuple[str, ...]) -> tuple[Path, ...]:
    """Write brief-DATE.{pdf,html} and the text part together, then latest.*; return the dated paths."""
    outputs = outputs_for(rendered, date, formats)
    publish_outputs(output_dir, outputs)
    return tuple(output_dir / o.name for o in outputs if o.latest is not None)


def outputs_for(rendered: Rendered, date: str, formats: tuple[str, ...]) -> list[Output]:
    """Return the files a build publishes, in order: each requested format, then the text part."""
    payloads = {"html": rendered.html.encode("utf-8"), "pdf": rendered.pdf}
    outputs = [Output(f"brief-{date}.{fmt}", data, f"latest.{fmt}")
               for fmt in formats if (data := payloads.get(fmt)) is not None]
    text = plain_text(rendered)
    if text is not None:  # the e-mail's text alternative, so `briefing send` can rebuild the message
        outputs.append(Output(text_path(Path(), date).name, text.encode("utf-8")))
    outputs.append(Output(f"brief-{date}.json", brief_json(rendered.brief).encode("utf-8")))  # the brief as data
    return outputs


def publish_outputs(output_dir: Path, outputs: Sequence[Output]) -> None:
    """Make the outputs visible together (none if any fails), then replace their latest copies."""
    publish_together(output_dir, [(o.name, o.data) for o in outputs],
                     [(o.latest, o.data) for o in outputs if o.latest is not None])


def plain_text(rendered: Rendered) -> str | None:
    """Return the brief as plain text: what the renderer made (the user's brief.txt.j2 included)."""
    if rendered.text is not None:
        return rendered.text
    from briefing.render import page

    return page.render_text(rendered.brief)


def text_path(output_dir: Path, date: str) -> Path:
    """Return where the plain-text version of a dated brief lives."""
    return output_dir / f"brief-{date}.txt"
