"""Mail a built brief once: pick the brief, compose the message, send with retries, record it."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import EmailSettings, Settings
from briefing.deliver import state as deliver_state
from briefing.deliver.publish import text_path
from briefing.errors import ConfigError, PartialDeliveryError, SendError, SourceError
from briefing.models import BuildResult
from briefing.primitives import being_published, build_lock, write_atomic

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
    recipients: tuple[str, ...]  # those this run mailed (all of them unless some had it already)
    attempts: int = 0
    eml: Path | None = None  # the message written by --dry-run
    earlier: tuple[str, ...] = ()  # recipients an earlier run reached, not mailed again


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
    """Return the brief-DATE.pdf with the latest date in the output folder, of complete builds only.

    Under the lock an interrupted build is already rolled back (build_lock); without it, the files
    a publication in progress lists are not complete yet and are passed over.
    """
    unfinished = being_published(output_dir) or ()
    dated = sorted((m.group(1), p) for p in output_dir.glob("brief-*.pdf")
                   if (m := DATED_PDF.fullmatch(p.name)) and p.name not in unfinished)
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
    earlier = () if options.force else _reached(settings.output_dir, files, recipients)
    pending = tuple(r for r in recipients if r not in earlier)
    if not pending:
        return SendOutcome("already-sent", pdf, message_id, recipients)
    delivery = _deliver(message, only(email, pending), pdf, options)
    got = _record(settings.output_dir, files, pdf, message_id, pending, delivery)
    if delivery.refused:
        raise partial_delivery(pdf, pending, got, delivery)
    return SendOutcome("sent", pdf, message_id, pending, delivery.attempts, earlier=earlier)


def _reached(output_dir: Path, files: mail.BriefFiles, recipients: tuple[str, ...]) -> tuple[str, ...]:
    """Return the recipients that earlier runs delivered this very brief to."""
    done = deliver_state.delivered_to(output_dir, files.date, files.content_hash)
    return tuple(r for r in recipients if r.lower() in done)


def only(email: EmailSettings, addresses: Collection[str]) -> EmailSettings:
    """Return the email settings with the envelope cut down to `addresses` (the headers are composed already)."""
    from email.utils import getaddresses

    keep = {a.lower() for a in addresses}

    def pick(entries: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(addr for _, addr in getaddresses(list(entries)) if addr.lower() in keep)

    return replace(email, to=pick(email.to), cc=pick(email.cc), bcc=pick(email.bcc))


def _record(output_dir: Path, files: mail.BriefFiles, pdf: Path, message_id: str,
            pending: tuple[str, ...], delivery: mail.Delivery) -> tuple[str, ...]:
    """Mark the brief as sent to those who got it, noting who was refused; return who got it."""
    refused = {addr.lower() for addr, _ in delivery.refused}
    got = tuple(r for r in pending if r.lower() not in refused)
    key = deliver_state.sent_key(files.date, got, files.content_hash)
    deliver_state.mark_sent(output_dir, key, {
        "date": files.date, "pdf": str(pdf), "message_id": message_id, "recipients": list(got),
        "refused": [f"{addr}: {reply}" for addr, reply in delivery.refused],
        "content_hash": files.content_hash})
    return got


def partial_delivery(pdf: Path, pending: tuple[str, ...], got: tuple[str, ...],
                     delivery: mail.Delivery) -> PartialDeliveryError:
    """Describe a send the server accepted for some recipients and refused for others."""
    refused = "; ".join(f"{addr} ({reply})" for addr, reply in delivery.refused)
    return PartialDeliveryError(
        f"{pdf} reached {len(got)} of {len(pending)} recipients; refused: {refused}; the sent marker "
        "records who got it, so `briefing send` mails only the others (fix the address first)")


def _deliver(message: EmailMessage, email: EmailSettings, pdf: Path, options: SendOptions) -> mail.Delivery:
    """Send with retries; on failure say where the kept brief is and how to send it later."""
    from briefing.deliver import mail

    try:
        return mail.deliver(message, email, options.transport or mail.smtp_send, options.sleep)
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
    had = f" ({len(outcome.earlier)} had it already)" if outcome.earlier else ""
    return f"sent {outcome.pdf.name} to {who}{had} {outcome.message_id}"
