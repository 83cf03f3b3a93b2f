"""Mail a built brief once: pick the brief, compose the message, send with retries, record it."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import EmailSettings, Settings
from briefing.deliver import state as deliver_state
from briefing.deliver.publish import text_path
from briefing.errors import ConfigError, SendError, SourceError
from briefing.models import BuildResult
from briefing.primitives import build_lock, write_atomic

if TYPE_CHECKING:  # the mail module (smtplib, email) is imported only when a run sends
    from email.message import EmailMessage

    from briefing.deliver import mail

DATED_PDF = re.compile(r"brief-(\d{4}-\d{2}-\d{2})\.pdf")


@dataclass(frozen=True)
class SendOutcome:
    """What the mail step did."""

    status: str  # "sent" | "already-sent" | "dry-run"
    pdf: Path
    message_id: str
    recipients: tuple[str, ...]
    attempts: int = 0
    eml: Path | None = None  # the message written by --dry-run


@dataclass(frozen=True)
class RunResult:
    """A build and, when asked for, its delivery."""

    build: BuildResult
    sent: SendOutcome | None = None


@dataclass(frozen=True)
class SendOptions:
    """How to deliver: the seams tests replace, and the run's flags."""

    dry_run: bool = False
    force: bool = False
    transport: mail.Transport | None = None  # None: real SMTP (mail.smtp_send)
    sleep: Callable[[float], None] = time.sleep


def mail_settings(settings: Settings, formats: Collection[str], send: SendOptions | None) -> EmailSettings | None:
    """Check before building that the run can mail what it builds; return the email settings."""
    if send is None:
        return None
    from briefing.deliver import mail

    email = require_email(settings)
    if "pdf" not in formats:
        raise ConfigError("--send needs the PDF: add pdf to --format")
    if not send.dry_run:
        mail.password(email)  # a missing password variable fails before the build, not after
    return email


def send_brief(settings: Settings, pdf: Path | None = None, options: SendOptions = SendOptions()) -> SendOutcome:
    """Mail a built brief (the newest in the output folder by default) unless already sent."""
    email = require_email(settings)
    with build_lock(settings.output_dir):
        return send_locked(settings, email, pdf or newest_brief(settings.output_dir), options)


def require_email(settings: Settings) -> EmailSettings:
    """Return the email settings, or fail before any work when there are none."""
    if settings.email is None:
        where = settings.config_path or "the config"
        raise ConfigError(f"{where}: sending needs an 'email:' block (host, from, to …)")
    return settings.email


def newest_brief(output_dir: Path) -> Path:
    """Return the brief-DATE.pdf with the latest date in the output folder."""
    dated = sorted((m.group(1), p) for p in output_dir.glob("brief-*.pdf")
                   if (m := DATED_PDF.fullmatch(p.name)))
    if not dated:
        raise SourceError(f"{output_dir}: no brief-DATE.pdf to send; run `briefing build` first")
    return dated[-1][1]


def send_locked(settings: Settings, email: EmailSettings, pdf: Path, options: SendOptions) -> SendOutcome:
    """Compose the message and send it once; the caller holds the lock."""
    from email import policy

    from briefing.deliver import mail

    files = load_brief_files(pdf)
    message = mail.compose_message(email, files)
    message_id = str(message["Message-ID"])
    recipients = tuple(mail.envelope_recipients(email))
    if options.dry_run:
        eml = settings.output_dir / f"brief-{files.date}.eml"
        write_atomic(eml, message.as_bytes(policy=policy.SMTP))
        return SendOutcome("dry-run", pdf, message_id, recipients, eml=eml)
    key = deliver_state.sent_key(files.date, recipients, files.content_hash)
    if not options.force and deliver_state.was_sent(settings.output_dir, key):
        return SendOutcome("already-sent", pdf, message_id, recipients)
    attempts = _deliver(message, email, pdf, options)
    deliver_state.mark_sent(settings.output_dir, key, {
        "date": files.date, "pdf": str(pdf), "message_id": message_id,
        "recipients": list(recipients), "content_hash": files.content_hash})
    return SendOutcome("sent", pdf, message_id, recipients, attempts)


def _deliver(message: EmailMessage, email: EmailSettings, pdf: Path, options: SendOptions) -> int:
    """Send with retries; on failure say where the kept brief is and how to send it later."""
    from briefing.deliver import mail

    try:
        return mail.send_with_retries(message, email, options.transport or mail.smtp_send, options.sleep)
    except mail.PermanentSendError as exc:
        raise mail.PermanentSendError(f"{exc}; the brief is kept at {pdf}") from exc
    except SendError as exc:
        tries = 1 + max(0, email.retries)
        raise SendError(f"{exc} (gave up after {tries} attempts); the brief is kept at {pdf}; "
                        "run `briefing send` to deliver it later") from exc


def load_brief_files(pdf: Path) -> mail.BriefFiles:
    """Read a built PDF with the HTML and text versions published beside it."""
    from briefing.deliver import mail

    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise SourceError(f"{pdf}: cannot read the brief: {exc.strerror or exc}") from exc
    if not data.startswith(b"%PDF-"):
        raise SourceError(f"{pdf}: not a PDF file")
    match = DATED_PDF.fullmatch(pdf.name)
    date = match.group(1) if match else time.strftime("%Y-%m-%d")
    html = _read_text(pdf.with_suffix(".html"))
    text = _read_text(text_path(pdf.parent, date)) if match else None
    text = text or (mail.html_to_text(html) if html else f"The brief for {date} is attached.\n")
    return mail.BriefFiles(date, pdf.name, data, html or mail.text_to_html(text), text)


def _read_text(path: Path) -> str | None:
    """Read a UTF-8 sidecar file, or None when there is none."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def describe(outcome: SendOutcome) -> str:
    """Say in one line what the mail step did."""
    who = f"{len(outcome.recipients)} recipient{'s' if len(outcome.recipients) != 1 else ''}"
    if outcome.status == "dry-run":
        return f"dry run: wrote {outcome.eml} ({outcome.pdf.name} for {who}); nothing sent"
    if outcome.status == "already-sent":
        return f"already sent {outcome.pdf.name} to these {who}; nothing sent (use --force to resend)"
    return f"sent {outcome.pdf.name} to {who} {outcome.message_id}"
