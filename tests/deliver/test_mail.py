"""The brief's e-mail: message shape, retry policy, and a real SMTP server (aiosmtpd)."""
from __future__ import annotations

import smtplib
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from briefing.config import EmailSettings
from briefing.deliver import mail
from briefing.errors import ConfigError, ExitCode, SendError
from tests.smtpd_helpers import PASSWORD, USER, Certs, Recorder, free_port, make_certs, smtp_server

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"  # binary-safe attachment check
HTML = ("<!DOCTYPE html><html><head><style>.fig{color:#c00}"
        "@media (max-width:600px){.cols{display:block}}</style></head>"
        "<body><h1>Economic Briefing 经济简报</h1><p class='fig'>GDP +5.3% 同比</p>"
        "<script>ignored()</script></body></html>")
TEXT = "Economic Briefing 经济简报\nGDP +5.3% 同比\n"


def files(pdf: bytes = PDF, date: str = "2024-03-27") -> mail.BriefFiles:
    """Return a small brief to mail."""
    return mail.BriefFiles(date, f"brief-{date}.pdf", pdf, HTML, TEXT)


def settings(**changes: object) -> EmailSettings:
    """Return email settings for tests (fast backoff)."""
    base: dict[str, object] = dict(host="127.0.0.1", port=2525, security="none", sender="Brief <brief@example.org>",
                                   to=("a@example.com",), cc=("c@example.com",), bcc=("hidden@example.com",),
                                   subject="Briefing {date} 简报", retries=3, timeout=5.0, backoff=0.01)
    base.update(changes)
    return EmailSettings(**base)  # type: ignore[arg-type]


def parsed(msg: EmailMessage) -> EmailMessage:
    """Round-trip a message through bytes as a mail client would see it."""
    return message_from_bytes(msg.as_bytes(policy=policy.SMTP), policy=policy.default)  # type: ignore[return-value]


# --- the message ------------------------------------------------------------------------------
def test_message_has_text_inlined_html_and_identical_pdf() -> None:
    msg = parsed(mail.compose_message(settings(), files()))
    assert msg.get_content_type() == "multipart/mixed"
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == TEXT  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert 'style="color: #c00' in html and "@media" in html  # inlined, responsive rules kept
    attachments = list(msg.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["brief-2024-03-27.pdf"]
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == PDF


@pytest.mark.parametrize(("header", "expected"), [
    ("Subject", "Briefing 2024-03-27 简报"),
    ("From", "Brief <brief@example.org>"),
    ("To", "a@example.com"),
    ("Cc", "c@example.com"),
    ("Bcc", None),  # blind copies are envelope-only
    ("Auto-Submitted", "auto-generated"),
])
def test_message_headers(header: str, expected: str | None) -> None:
    msg = parsed(mail.compose_message(settings(), files()))
    assert msg[header] == expected


def test_message_id_is_deterministic_per_content_and_sender_domain() -> None:
    first = mail.compose_message(settings(), files())["Message-ID"]
    again = mail.compose_message(settings(), files())["Message-ID"]
    other_pdf = mail.compose_message(settings(), files(pdf=PDF + b" "))["Message-ID"]
    other_day = mail.compose_message(settings(), files(date="2024-03-28"))["Message-ID"]
    assert first == again
    assert len({first, other_pdf, other_day}) == 3
    assert first.startswith("<briefing.2024-03-27.") and first.endswith("@example.org>")


def test_subject_keeps_other_braces() -> None:
    assert mail.subject(settings(subject="{x} brief {date}"), "2024-01-02") == "{x} brief 2024-01-02"


def test_html_to_text_drops_style_and_script() -> None:
    text = mail.html_to_text(HTML)
    assert "GDP +5.3% 同比" in text and "color" not in text and "ignored" not in text
    assert text.splitlines()[0] == "Economic Briefing 经济简报"


def test_envelope_has_every_recipient_without_display_names() -> None:
    email = settings(to=("Ann <a@example.com>", "b@example.com"))
    assert mail.envelope_recipients(email) == ["a@example.com", "b@example.com", "c@example.com",
                                               "hidden@example.com"]


# --- the retry policy (a fake transport) ------------------------------------------------------
class Script:
    """A transport that raises the scripted exceptions in turn, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self, message: EmailMessage, email: EmailSettings, secret: str | None) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)


def test_temporary_failures_are_retried_with_doubling_backoff() -> None:
    transport = Script(smtplib.SMTPDataError(451, b"try later"), ConnectionRefusedError())
    sleeps: list[float] = []
    attempts = mail.send_with_retries(EmailMessage(), settings(backoff=0.5), transport, sleeps.append)
    assert (attempts, transport.calls, sleeps) == (3, 3, [0.5, 1.0])


def test_retries_are_bounded() -> None:
    transport = Script(*[TimeoutError("timed out")] * 10)
    with pytest.raises(SendError) as info:
        mail.send_with_retries(EmailMessage(), settings(retries=2), transport, lambda s: None)
    assert transport.calls == 3
    assert info.value.exit_code == ExitCode.SEND_FAILED
    assert not isinstance(info.value, mail.PermanentSendError)


@pytest.mark.parametrize("error", [
    smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid"),
    smtplib.SMTPDataError(554, b"rejected"),
    smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")}),
    smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server."),
    ssl.SSLCertVerificationError("certificate verify failed"),
])
def test_permanent_failures_are_not_retried(error: Exception) -> None:
    transport = Script(error)
    with pytest.raises(mail.PermanentSendError):
        mail.send_with_retries(EmailMessage(), settings(), transport, lambda s: None)
    assert transport.calls == 1


@pytest.mark.parametrize("error", [
    smtplib.SMTPDataError(451, b"later"),
    smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"mailbox busy")}),
    smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    ConnectionRefusedError(111, "Connection refused"),
    TimeoutError("timed out"),
])
def test_temporary_classification(error: Exception) -> None:
    result = mail.classify(error, settings())
    assert isinstance(result, SendError) and not isinstance(result, mail.PermanentSendError)


def test_auth_failure_message_names_user_and_host() -> None:
    error = mail.classify(smtplib.SMTPAuthenticationError(535, b"bad\r\ncredentials"), settings(username="bob"))
    assert "'bob'" in str(error) and "127.0.0.1:2525" in str(error) and "\n" not in str(error)


def test_password_comes_from_the_named_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_TEST_PW", "pw")
    assert mail.password(settings(username="bob", password_env="BRIEF_TEST_PW")) == "pw"
    monkeypatch.delenv("BRIEF_TEST_PW")
    with pytest.raises(ConfigError, match="BRIEF_TEST_PW"):
        mail.password(settings(username="bob", password_env="BRIEF_TEST_PW"))
    assert mail.password(settings()) is None


# --- a real SMTP server -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """Make a throwaway CA and server certificate once."""
    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture()
def trust(certs: Certs, monkeypatch: pytest.MonkeyPatch) -> Certs:
    """Make the default TLS context trust the test CA, as SSL_CERT_FILE does for a private CA."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca_file))
    monkeypatch.setenv("BRIEF_TEST_PW", PASSWORD)
    return certs


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # aiosmtpd, implicit TLS
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_real_server_tls_and_auth(trust: Certs, security: str) -> None:
    handler = Recorder()
    with smtp_server(handler, security, trust, auth=True) as port:
        email = settings(port=port, security=security, username=USER, password_env="BRIEF_TEST_PW")
        assert mail.send_with_retries(mail.compose_message(email, files()), email) == 1
    assert len(handler.auth_connections) == 1 and handler.tls_sessions == 1
    (envelope,) = handler.received
    assert envelope.mail_from == "brief@example.org"
    assert sorted(envelope.rcpt_tos) == ["a@example.com", "c@example.com", "hidden@example.com"]
    (received,) = handler.messages()
    assert next(received.iter_attachments()).get_content() == PDF
    assert received["Bcc"] is None


def test_real_server_wrong_password_fails_once_naming_user_and_host(trust: Certs,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_TEST_PW", "wrong")
    handler = Recorder()
    with smtp_server(handler, "starttls", trust, auth=True) as port:
        email = settings(port=port, security="starttls", username=USER, password_env="BRIEF_TEST_PW")
        with pytest.raises(mail.PermanentSendError) as info:
            mail.send_with_retries(mail.compose_message(email, files()), email)
    assert len(handler.auth_connections) == 1 and handler.received == []  # one login, no retries
    assert f"'{USER}'" in str(info.value) and f"127.0.0.1:{port}" in str(info.value) and "535" in str(info.value)


def test_starttls_required_but_not_offered_never_sends_plain(trust: Certs) -> None:
    handler = Recorder()
    with smtp_server(handler, "starttls", trust, offer_starttls=False) as port:
        email = settings(port=port, security="starttls")
        with pytest.raises(mail.PermanentSendError, match="STARTTLS"):
            mail.send_with_retries(mail.compose_message(email, files()), email)
    assert handler.data_attempts == 0


def test_real_server_451_twice_then_accepts_delivers_once() -> None:
    handler = Recorder(replies=["451 4.3.0 try again later"] * 2)
    with smtp_server(handler) as port:
        email = settings(port=port)
        assert mail.send_with_retries(mail.compose_message(email, files()), email) == 3
    assert handler.data_attempts == 3 and len(handler.received) == 1


def test_server_down_is_a_temporary_failure() -> None:
    email = settings(port=free_port(), retries=1)
    with pytest.raises(SendError, match="cannot reach") as info:
        mail.send_with_retries(mail.compose_message(email, files()), email)
    assert not isinstance(info.value, mail.PermanentSendError)


def test_some_recipients_refused_sends_once_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    handler = Recorder(refuse={"c@example.com"})
    with smtp_server(handler) as port:
        email = settings(port=port)
        assert mail.send_with_retries(mail.compose_message(email, files()), email) == 1
    assert len(handler.received) == 1
    assert sorted(handler.received[0].rcpt_tos) == ["a@example.com", "hidden@example.com"]
    assert "refused recipient c@example.com: 550" in caplog.text
