"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, optional STARTTLS/SSL and AUTH."""
from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "bob"
PASSWORD = "s3cret"


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Recorder:
    """An aiosmtpd handler that answers DATA with scripted replies, then accepts and keeps."""

    replies: list[str] = field(default_factory=list)  # e.g. ["451 4.3.0 try later"] * 2
    received: list[Any] = field(default_factory=list)  # aiosmtpd Envelopes
    data_attempts: int = 0
    auth_attempts: int = 0  # smtplib's login() tries each offered mechanism once (PLAIN, LOGIN)
    auth_connections: set[int] = field(default_factory=set)  # distinct sessions that tried AUTH
    tls_sessions: int = 0

    refuse: set[str] = field(default_factory=set)  # recipients answered with 550

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_attempts += 1
        if server.transport.get_extra_info("ssl_object") is not None:
            self.tls_sessions += 1
        if self.replies:
            return self.replies.pop(0)
        self.received.append(envelope)
        return "250 2.0.0 OK"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        self.auth_attempts += 1
        self.auth_connections.add(id(session))
        ok = isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    def messages(self) -> list[EmailMessage]:
        """Parse what the server received."""
        return [message_from_bytes(e.original_content, policy=policy.default) for e in self.received]


@dataclass
class Certs:
    """A throwaway CA and a server certificate for 127.0.0.1."""

    ca_file: Path
    server_context: ssl.SSLContext


def make_certs(folder: Path) -> Certs:
    """Make a self-signed CA with trustme and a server context for 127.0.0.1."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certs(ca_file, context)


@contextmanager
def smtp_server(handler: Recorder, security: str = "none", certs: Certs | None = None,
                auth: bool = False, offer_starttls: bool = True) -> Iterator[int]:
    """Run aiosmtpd on a free port for the duration; yield the port."""
    port = free_port()
    kwargs: dict[str, Any] = {}
    if auth:
        # aiosmtpd only counts STARTTLS as TLS for AUTH; implicit TLS (ssl) is encrypted too
        kwargs.update(authenticator=handler.authenticate, auth_required=True,
                      auth_require_tls=security == "starttls")
    if security == "starttls" and offer_starttls and certs is not None:
        kwargs.update(tls_context=certs.server_context, require_starttls=True)
    if security == "ssl" and certs is not None:
        kwargs.update(ssl_context=certs.server_context, server_hostname="127.0.0.1")
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
