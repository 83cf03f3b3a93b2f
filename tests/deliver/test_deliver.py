"""Atomic writes, the lock, build fingerprints, sent markers and the send step (no WeasyPrint)."""
from __future__ import annotations

import fcntl
import os
import smtplib
import subprocess
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from briefing import primitives
from briefing.config import EmailSettings, Settings
from briefing.deliver import send as deliver_run
from briefing.deliver import state as deliver_state
from briefing.errors import ConfigError, LockedError, SendError, SkippedUnchanged, SourceError

PDF = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
DATE = "2024-03-27"


# --- atomic writes and the lock ---------------------------------------------------------------
def test_write_atomic_replaces_whole_file_and_leaves_no_temporaries(tmp_path: Path) -> None:
    target = tmp_path / "out" / "latest.pdf"
    primitives.write_atomic(target, b"old")
    primitives.write_atomic(target, PDF)
    assert target.read_bytes() == PDF
    assert sorted(p.name for p in target.parent.iterdir()) == ["latest.pdf"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~primitives._umask()  # not mkstemp's 0600


def test_write_atomic_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "latest.pdf"
    primitives.write_atomic(target, PDF)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        primitives.write_atomic(target, b"half")
    assert target.read_bytes() == PDF and [p.name for p in tmp_path.iterdir()] == ["latest.pdf"]


def test_lock_held_elsewhere_raises_locked(tmp_path: Path) -> None:
    with open(tmp_path / primitives.LOCK_NAME, "a+") as other:  # another process's open file description
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LockedError, match="another briefing run"):
            with primitives.build_lock(tmp_path):
                pass
    with primitives.build_lock(tmp_path):  # free again once released
        pass


def test_lock_is_reentrant_in_one_process_and_blocks_another(tmp_path: Path) -> None:
    probe = ("import sys; from pathlib import Path; from briefing import primitives\n"
             "try:\n    with primitives.build_lock(Path(sys.argv[1])): pass\n"
             "except primitives.LockedError: sys.exit(6)\n")
    with primitives.build_lock(tmp_path):
        with primitives.build_lock(tmp_path):  # build --send nests pipeline.build's lock
            child = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=Path(__file__).parents[2])
        assert child.returncode == 6
    assert primitives._HELD == {}


def test_lock_removes_temporaries_a_killed_run_left(tmp_path: Path) -> None:
    (tmp_path / ".latest.pdf.abc123.tmp").write_bytes(b"half a pdf")
    (tmp_path / "latest.pdf").write_bytes(PDF)
    with primitives.build_lock(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [primitives.LOCK_NAME, "latest.pdf"]


# --- fingerprint ------------------------------------------------------------------------------
@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A config, two sources, an override theme and a stand-in shipped theme."""
    for folder in ("sources", "theme", "shipped", "output"):
        (tmp_path / folder).mkdir()
    (tmp_path / "sources" / "a.txt").write_text("GDP grew 5.3%.", encoding="utf-8")
    (tmp_path / "sources" / "b.txt").write_text("国内生产总值增长5.3%。", encoding="utf-8")
    (tmp_path / "theme" / "brief.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "shipped" / "brief.html.j2").write_text("<p>{{ x }}</p>", encoding="utf-8")
    (tmp_path / "briefing.yaml").write_text("max_figures: 8\n", encoding="utf-8")
    monkeypatch.setattr(deliver_state, "_shipped_templates", lambda: tmp_path / "shipped")
    return Settings(base_dir=tmp_path, config_path=tmp_path / "briefing.yaml", sources_dir=tmp_path / "sources",
                    output_dir=tmp_path / "output", templates_dir=tmp_path / "theme")


@pytest.mark.parametrize(("change", "args"), [
    ("write", ("sources/a.txt", "GDP grew 5.4%.")),
    ("rename", ("sources/a.txt", "sources/c.txt")),
    ("write", ("sources/d.txt", "A new source.")),
    ("write", ("briefing.yaml", "max_figures: 9\n")),
    ("write", ("theme/brief.css", "body{color:red}")),
    ("write", ("theme/brief.html.j2", "<p>override</p>")),
    ("write", ("shipped/brief.html.j2", "<p>{{ y }}</p>")),
])
def test_fingerprint_changes_with_every_input(project: Settings, change: str, args: tuple[str, str]) -> None:
    before = deliver_state.fingerprint(project, ("pdf",))
    assert deliver_state.fingerprint(project, ("pdf",)) == before  # stable when nothing changes
    base = project.base_dir
    if change == "rename":
        (base / args[0]).rename(base / args[1])
    else:
        (base / args[0]).write_text(args[1], encoding="utf-8")
    assert deliver_state.fingerprint(project, ("pdf",)) != before


def test_fingerprint_changes_with_version(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = deliver_state.fingerprint(project, ("pdf",))
    monkeypatch.setattr(deliver_state, "__version__", "99.0")
    assert deliver_state.fingerprint(project, ("pdf",)) != before


def test_unchanged_needs_same_fingerprint_and_outputs_on_disk(project: Settings) -> None:
    out = project.output_dir
    pdf = out / f"brief-{DATE}.pdf"
    pdf.write_bytes(PDF)
    deliver_state.record_build(out, "abc", DATE, [pdf])
    assert deliver_state.is_unchanged(out, "abc")
    assert not deliver_state.is_unchanged(out, "abd")
    pdf.unlink()
    assert not deliver_state.is_unchanged(out, "abc")  # a deleted brief is rebuilt


def test_run_build_if_changed_skips_without_building(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = project.output_dir / f"brief-{DATE}.pdf"
    pdf.write_bytes(PDF)
    current = deliver_state.fingerprint(project, ("pdf",))
    deliver_state.record_build(project.output_dir, current, DATE, [pdf])
    from briefing import pipeline

    monkeypatch.setattr(pipeline, "build", lambda *a, **k: pytest.fail("built although unchanged"))
    with pytest.raises(SkippedUnchanged) as info:
        pipeline.run(project, DATE, ("pdf",), if_changed=True)
    assert info.value.exit_code == 5


# --- sent markers -----------------------------------------------------------------------------
def test_sent_key_depends_on_date_recipients_and_content() -> None:
    key = deliver_state.sent_key(DATE, ["a@x.org", "b@x.org"], "h1")
    assert key == deliver_state.sent_key(DATE, ["B@x.org", "a@x.org"], "h1")  # order and case do not matter
    others = {deliver_state.sent_key("2024-03-28", ["a@x.org", "b@x.org"], "h1"),
              deliver_state.sent_key(DATE, ["a@x.org"], "h1"),
              deliver_state.sent_key(DATE, ["a@x.org", "b@x.org"], "h2")}
    assert key not in others and len(others) == 3


def test_damaged_marker_file_counts_as_nothing_sent(tmp_path: Path) -> None:
    (tmp_path / deliver_state.SENT_NAME).write_text("{not json", encoding="utf-8")
    assert deliver_state.was_sent(tmp_path, "k") is None
    deliver_state.mark_sent(tmp_path, "k", {"date": DATE})
    assert deliver_state.was_sent(tmp_path, "k")["date"] == DATE  # type: ignore[index]


# --- the send step with a fake transport ------------------------------------------------------
class Outbox:
    """A transport that records messages, failing with the scripted errors first."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.sent: list[EmailMessage] = []
        self.calls = 0

    def __call__(self, message: EmailMessage, email: EmailSettings, secret: str | None) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(message)


@pytest.fixture()
def built(tmp_path: Path) -> Settings:
    """An output folder with a built brief (PDF, HTML, text) and email settings."""
    out = tmp_path / "output"
    out.mkdir()
    (out / f"brief-{DATE}.pdf").write_bytes(PDF)
    (out / f"brief-{DATE}.html").write_text("<html><body><p>GDP 5.3%</p></body></html>", encoding="utf-8")
    (out / f"brief-{DATE}.txt").write_text("GDP 5.3%\n", encoding="utf-8")
    (out / "brief-2024-03-01.pdf").write_bytes(PDF)  # an older brief
    email = EmailSettings(host="127.0.0.1", port=1, security="none", sender="brief@example.org",
                          to=("a@example.com",), retries=2, backoff=0.0)
    return Settings(base_dir=tmp_path, output_dir=out, email=email)


def options(outbox: Outbox, **flags: bool) -> deliver_run.SendOptions:
    """Return send options around a fake transport that never sleeps."""
    return deliver_run.SendOptions(transport=outbox, sleep=lambda s: None, **flags)


def test_send_picks_newest_brief_with_its_text_and_html(built: Settings) -> None:
    outbox = Outbox()
    outcome = deliver_run.send_brief(built, None, options(outbox))
    assert (outcome.status, outcome.pdf.name, outcome.attempts) == ("sent", f"brief-{DATE}.pdf", 1)
    (msg,) = outbox.sent
    assert msg.get_body(("plain",)).get_content() == "GDP 5.3%\n"  # type: ignore[union-attr]
    assert "GDP 5.3%" in msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert next(msg.iter_attachments()).get_content() == PDF


def test_second_send_sends_nothing_unless_forced(built: Settings) -> None:
    outbox = Outbox()
    deliver_run.send_brief(built, None, options(outbox))
    again = deliver_run.send_brief(built, None, options(outbox))
    assert again.status == "already-sent" and len(outbox.sent) == 1
    assert "nothing sent" in deliver_run.describe(again)
    forced = deliver_run.send_brief(built, None, options(outbox, force=True))
    assert forced.status == "sent" and len(outbox.sent) == 2
    assert forced.message_id == again.message_id  # same brief, same Message-ID: clients can dedupe


def test_changed_brief_is_sent_again(built: Settings) -> None:
    outbox = Outbox()
    deliver_run.send_brief(built, None, options(outbox))
    (built.output_dir / f"brief-{DATE}.pdf").write_bytes(PDF + b"\n% rebuilt")
    assert deliver_run.send_brief(built, None, options(outbox)).status == "sent"


def test_dry_run_writes_eml_and_sends_nothing(built: Settings) -> None:
    outbox = Outbox()
    outcome = deliver_run.send_brief(built, None, options(outbox, dry_run=True))
    assert outcome.status == "dry-run" and outbox.calls == 0
    assert outcome.eml == built.output_dir / f"brief-{DATE}.eml"
    msg = message_from_bytes(outcome.eml.read_bytes(), policy=policy.default)
    assert next(msg.iter_attachments()).get_content() == PDF  # type: ignore[attr-defined]
    assert deliver_run.send_brief(built, None, options(outbox)).status == "sent"  # dry run marks nothing


def test_temporary_failure_keeps_pdf_and_says_how_to_resend(built: Settings) -> None:
    outbox = Outbox(*[ConnectionRefusedError(111, "Connection refused")] * 3)
    with pytest.raises(SendError) as info:
        deliver_run.send_brief(built, None, options(outbox))
    assert outbox.calls == 3 and info.value.exit_code == 4
    assert "briefing send" in str(info.value) and f"brief-{DATE}.pdf" in str(info.value)
    assert (built.output_dir / f"brief-{DATE}.pdf").read_bytes() == PDF
    assert deliver_run.send_brief(built, None, options(Outbox())).status == "sent"  # not marked as sent


def test_permanent_failure_is_not_retried(built: Settings) -> None:
    outbox = Outbox(smtplib.SMTPDataError(554, b"5.7.1 rejected"))
    with pytest.raises(SendError, match="554"):
        deliver_run.send_brief(built, None, options(outbox))
    assert outbox.calls == 1


def test_send_explicit_pdf_without_sidecars(built: Settings, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "report.pdf"
    other.parent.mkdir()
    other.write_bytes(PDF)
    outbox = Outbox()
    deliver_run.send_brief(built, other, options(outbox))
    (msg,) = outbox.sent
    assert "attached" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert next(msg.iter_attachments()).get_filename() == "report.pdf"


@pytest.mark.parametrize(("setup", "error"), [
    ("no-email", ConfigError),
    ("no-briefs", SourceError),
    ("not-a-pdf", SourceError),
])
def test_send_errors(built: Settings, setup: str, error: type[Exception]) -> None:
    settings = built
    if setup == "no-email":
        settings = Settings(base_dir=built.base_dir, output_dir=built.output_dir)
    for pdf in built.output_dir.glob("*.pdf"):
        if setup == "no-briefs":
            pdf.unlink()
        elif setup == "not-a-pdf":
            pdf.write_bytes(b"<html>")
    with pytest.raises(error):
        deliver_run.send_brief(settings, None, options(Outbox()))
