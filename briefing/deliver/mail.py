"""E-mail: build the brief's message and send it over SMTP with bounded retries."""
from __future__ import annotations

import hashlib
import html as html_lib
import logging
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, parseaddr
from html.parser import HTMLParser

from briefing.config import EmailSettings
from briefing.errors import ConfigError, SendError

logger = logging.getLogger(__name__)
Refused = dict[str, tuple[int, bytes]]  # what smtplib's send_message returns: address → (code, reply)
# sends one message; returns the recipients the server refused while accepting the others
Transport = Callable[[EmailMessage, EmailSettings, "str | None"], "Refused | None"]
BLOCK_TAGS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                        "table", "section", "header", "footer", "ul", "ol", "article"})


@dataclass(frozen=True)
class BriefFiles:
    """What goes into one message: the PDF and the two body versions."""

    date: str
    pdf_name: str
    pdf: bytes
    html: str
    text: str

    @property
    def content_hash(self) -> str:
        """Return a SHA-256 of everything the message carries."""
        digest = hashlib.sha256()
        for part in (self.pdf, self.html.encode("utf-8"), self.text.encode("utf-8")):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()


class PermanentSendError(SendError):
    """The server refused for good (5xx, bad credentials, no STARTTLS): do not retry."""


@dataclass(frozen=True)
class Delivery:
    """What one successful send did: the attempts it took and the recipients the server refused."""

    attempts: int
    refused: tuple[tuple[str, str], ...] = ()  # (address, the server's reply on one line)


# --- the message ------------------------------------------------------------------------------
def compose_message(email: EmailSettings, files: BriefFiles) -> EmailMessage:
    """Return the brief as a multipart message: text, inlined HTML, and the PDF attached."""
    msg = EmailMessage()
    msg["Subject"] = subject(email, files.date)
    msg["From"] = email.sender
    msg["To"] = ", ".join(email.to)
    if email.cc:
        msg["Cc"] = ", ".join(email.cc)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id(files.date, files.content_hash, email.sender)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: tells vacation responders not to reply
    msg.set_content(files.text)
    msg.add_alternative(inline_css(files.html), subtype="html")
    msg.add_attachment(files.pdf, maintype="application", subtype="pdf", filename=files.pdf_name)
    return msg


def subject(email: EmailSettings, date: str) -> str:
    """Fill the subject template's {date}; other braces stay as written."""
    return email.subject.replace("{date}", date)


def message_id(date: str, content_hash: str, sender: str) -> str:
    """Return a Message-ID that is the same for the same brief sent from the same domain."""
    address = parseaddr(sender)[1]
    domain = address.rpartition("@")[2] or socket.getfqdn()
    return f"<briefing.{date}.{content_hash[:24]}@{domain}>"


def inline_css(html: str) -> str:
    """Inline the <style> rules into style attributes, keeping @media for narrow screens."""
    import css_inline  # imported here: only mail needs it

    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False,
                                    resolve_css_variables=True)
    try:
        return inliner.inline(html)
    except css_inline.InlineError:  # an odd user template: its <style> block still works in most clients
        return html


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page, a line per block (fallback text part)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def text_to_html(text: str) -> str:
    """Wrap plain text as a minimal HTML body (fallback when no HTML was published)."""
    return f"<!DOCTYPE html><html><body><pre>{html_lib.escape(text)}</pre></body></html>"


class _TextParser(HTMLParser):
    """Collect text outside <style>/<script>, breaking lines at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("  ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# --- sending ----------------------------------------------------------------------------------
def password(email: EmailSettings) -> str | None:
    """Read the SMTP password from the environment variable the config names."""
    if not email.username:
        return None
    if not email.password_env:
        raise ConfigError(f"'email.username' is {email.username!r} but 'email.password_env' "
                          "does not name the environment variable holding the password")
    value = os.environ.get(email.password_env)
    if value is None:
        raise ConfigError(f"environment variable {email.password_env} (email.password_env) is not set")
    return value


def envelope_recipients(email: EmailSettings) -> list[str]:
    """Return the bare addresses of To, Cc and Bcc."""
    return [addr for _, addr in getaddresses(list(email.recipients)) if addr]


def smtp_send(message: EmailMessage, email: EmailSettings, secret: str | None) -> Refused:
    """Send one message over SMTP; never falls back to plain text when STARTTLS is asked for."""
    context = ssl.create_default_context()  # honours SSL_CERT_FILE for private CAs
    if email.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(email.host, email.port, timeout=email.timeout,
                                                context=context)
    else:
        client = smtplib.SMTP(email.host, email.port, timeout=email.timeout)
    with client:
        client.ehlo()
        if email.security == "starttls":
            if not client.has_extn("starttls"):
                raise PermanentSendError(f"{where(email)} does not offer STARTTLS; refusing to send "
                                         "in plain text (set email.security: none to allow it)")
            client.starttls(context=context)
            client.ehlo()
        if email.username and secret is not None:
            client.login(email.username, secret)
        refused = client.send_message(message, from_addr=parseaddr(email.sender)[1],
                                      to_addrs=envelope_recipients(email))
    for rcpt, (code, reply) in refused.items():  # the others got it: warn, do not resend to all
        logger.warning("%s refused recipient %s: %s %s", where(email), rcpt, code, _text(reply))
    return refused


def send_with_retries(message: EmailMessage, email: EmailSettings, transport: Transport = smtp_send,
                      sleep: Callable[[float], None] = time.sleep) -> int:
    """Send, retrying temporary failures with doubling backoff; return the attempts used."""
    return deliver(message, email, transport, sleep).attempts


def deliver(message: EmailMessage, email: EmailSettings, transport: Transport = smtp_send,
            sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Send, retrying temporary failures with doubling backoff; say who was refused."""
    secret = password(email)
    attempts = 1 + max(0, email.retries)
    for attempt in range(1, attempts + 1):
        try:
            refused = transport(message, email, secret) or {}
            return Delivery(attempt, tuple((rcpt, f"{code} {_text(reply)}".strip())
                                           for rcpt, (code, reply) in refused.items()))
        except PermanentSendError:
            raise
        except Exception as exc:  # classified below; anything unknown is not retried
            error = classify(exc, email)
            if isinstance(error, PermanentSendError) or attempt == attempts:
                raise error from exc
            sleep(email.backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def classify(exc: Exception, email: EmailSettings) -> SendError:
    """Turn a transport exception into a temporary SendError or a PermanentSendError."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return PermanentSendError(f"SMTP authentication failed for user {email.username!r} at "
                                  f"{where(email)}: {_reply(exc)}")
    code = smtp_code(exc)
    if code is not None:
        kind = SendError if 400 <= code < 500 else PermanentSendError
        return kind(f"{where(email)} refused the message: {_reply(exc)}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):  # e.g. AUTH not offered: retrying won't help
        return PermanentSendError(f"{where(email)}: {exc}")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return PermanentSendError(f"TLS with {where(email)} failed: {exc}")
    if isinstance(exc, OSError | smtplib.SMTPException):  # refused, reset, timeout, disconnected
        return SendError(f"cannot reach {where(email)}: {type(exc).__name__}: {exc}")
    return PermanentSendError(f"sending via {where(email)} failed: {type(exc).__name__}: {exc}")


def smtp_code(exc: Exception) -> int | None:
    """Return the SMTP reply code an exception carries (the worst one for refused recipients)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return max(codes) if codes else None
    code = getattr(exc, "smtp_code", None)
    return code if isinstance(code, int) and code >= 400 else None


def _reply(exc: Exception) -> str:
    """Render an SMTP error reply on one line."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in exc.recipients.items())
    code = getattr(exc, "smtp_code", "")
    return f"{code} {_text(getattr(exc, 'smtp_error', str(exc)))}".strip()


def _text(value: bytes | str) -> str:
    """Decode a server reply and keep it to one line."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())


def where(email: EmailSettings) -> str:
    """Name the server for error messages."""
    return f"{email.host}:{email.port}"
