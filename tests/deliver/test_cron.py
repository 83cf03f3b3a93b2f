"""Cron behaviour end to end: real builds, the CLI, a real SMTP server, the lock, kills."""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from pypdf import PdfReader

from briefing import primitives as deliver
from briefing.cli import main
from briefing.errors import ExitCode
from tests.smtpd_helpers import PASSWORD, USER, Certs, Recorder, free_port, make_certs, smtp_server

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sources"
DATE = "2024-03-27"
PYTHON = sys.executable
# Runs the CLI in a child with render() slowed or stopped at a chosen point, for lock and kill tests.
CHILD = """
import os, sys, time
from pathlib import Path
from briefing import render
from briefing.cli import main
mode, marker = sys.argv[1], Path(sys.argv[2])
real_render, real_replace = render.render, os.replace
def slow_render(*args, **kwargs):
    result = real_render(*args, **kwargs)
    marker.write_text("rendered")
    release, deadline = marker.parent / "release", time.monotonic() + (60 if mode == "hang-render" else 30)
    while not release.exists() and time.monotonic() < deadline:  # hold the lock until told
        time.sleep(0.02)
    return result
def hang_replace(src, dst):
    if str(dst).endswith("latest.pdf"):
        marker.write_text("writing")
        time.sleep(60)
    return real_replace(src, dst)
render.render = slow_render if mode != "hang-write" else render.render
if mode == "hang-write":
    os.replace = hang_replace
main(sys.argv[3:])
"""


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """Make a throwaway CA and server certificate once."""
    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy the sample sources once (the samples themselves are read-only)."""
    folder = tmp_path_factory.mktemp("sources")
    for path in SAMPLES.glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    return folder


def write_config(folder: Path, sources: Path, port: int = 1, **email: Any) -> Path:
    """Write a config for a project in `folder` mailing to 127.0.0.1:`port`."""
    mail = {"host": "127.0.0.1", "port": port, "security": "none", "from": "Brief <brief@example.org>",
            "to": ["desk@example.com"], "cc": ["cc@example.com"], "bcc": ["bcc@example.com"],
            "subject": "Briefing {date}", "retries": 3, "timeout": 5, "backoff": 0.01, **email}
    config = {"sources_dir": str(sources), "output_dir": "output", "templates_dir": None,
              "translation_memory": None, "email": mail}
    path = folder / "briefing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def cli(*args: str) -> Result:
    """Run the CLI in-process and capture stdout and stderr apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sources: Path) -> Path:
    """Build the brief once; return its output folder (tests copy it, never change it)."""
    folder = tmp_path_factory.mktemp("built")
    result = cli("build", "--config", str(write_config(folder, sources)), "--date", DATE, "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder / "output"


def project(tmp_path: Path, sources: Path, built: Path | None = None, **email: Any) -> Path:
    """Make a project folder (optionally with the built brief already in output/); return its config."""
    if built is not None:
        shutil.copytree(built, tmp_path / "output", ignore=shutil.ignore_patterns(".briefing*"))
    return write_config(tmp_path, sources, **email)


@pytest.fixture()
def tls(certs: Certs, monkeypatch: pytest.MonkeyPatch) -> Certs:
    """Trust the test CA and put the SMTP password in the environment."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca_file))
    monkeypatch.setenv("BRIEF_TEST_PW", PASSWORD)
    return certs


def valid_pdf(path: Path) -> int:
    """Return the page count of a PDF that a reader can parse."""
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


# --- mail through the CLI ---------------------------------------------------------------------
def test_build_send_over_starttls_with_auth_then_second_send_sends_nothing(
        tmp_path: Path, sources: Path, tls: Certs) -> None:
    handler = Recorder()
    with smtp_server(handler, "starttls", tls, auth=True) as port:
        config = project(tmp_path, sources, port=port, security="starttls", username=USER,
                         password_env="BRIEF_TEST_PW")
        first = cli("build", "--config", str(config), "--date", DATE, "--send", "--quiet")
        second = cli("build", "--config", str(config), "--date", DATE, "--send")
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "")  # --quiet: silent when all is well
    assert second.exit_code == 0 and "already sent" in second.stdout
    assert len(handler.received) == 1 and handler.tls_sessions == 1
    (msg,) = handler.messages()
    out = tmp_path / "output"
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == f"brief-{DATE}.pdf"
    assert attachment.get_content() == (out / f"brief-{DATE}.pdf").read_bytes() == (out / "latest.pdf").read_bytes()
    assert msg["Subject"] == f"Briefing {DATE}" and msg["To"] == "desk@example.com" and msg["Bcc"] is None
    assert msg["Message-ID"].endswith("@example.org>")
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "style=" in html and "经济简报" in html
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n") == (out / f"brief-{DATE}.txt").read_text(encoding="utf-8")
    assert sorted(handler.received[0].rcpt_tos) == ["bcc@example.com", "cc@example.com", "desk@example.com"]


def test_server_down_exits_send_failed_keeps_pdf_then_send_delivers(tmp_path: Path, sources: Path) -> None:
    port = free_port()
    config = project(tmp_path, sources, port=port, retries=1)
    failed = cli("build", "--config", str(config), "--date", DATE, "--send", "--quiet")
    assert failed.exit_code == ExitCode.SEND_FAILED == 4
    assert failed.stdout == "" and len(failed.stderr.strip().splitlines()) == 1
    assert "briefing send" in failed.stderr and "gave up after 2 attempts" in failed.stderr
    pdf = tmp_path / "output" / f"brief-{DATE}.pdf"
    assert valid_pdf(pdf) == 1
    handler = Recorder()
    with smtp_server(handler) as up_port:
        assert up_port != port
        config = write_config(tmp_path, sources, port=up_port)
        later = cli("send", "--config", str(config))
    assert later.exit_code == 0 and "sent brief-" in later.stdout
    (msg,) = handler.messages()
    assert next(msg.iter_attachments()).get_content() == pdf.read_bytes()


def test_451_twice_then_accepted_is_delivered_once(tmp_path: Path, sources: Path, built: Path) -> None:
    handler = Recorder(replies=["451 4.3.0 mailbox busy, try later"] * 2)
    with smtp_server(handler) as port:
        config = project(tmp_path, sources, built, port=port)
        result = cli("send", "--config", str(config), str(tmp_path / "output" / f"brief-{DATE}.pdf"))
    assert result.exit_code == 0, result.stderr
    assert handler.data_attempts == 3 and len(handler.received) == 1


def test_wrong_password_one_clear_line_no_retries(tmp_path: Path, sources: Path, built: Path, tls: Certs,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_TEST_PW", "wrong")
    handler = Recorder()
    with smtp_server(handler, "starttls", tls, auth=True) as port:
        config = project(tmp_path, sources, built, port=port, security="starttls", username=USER,
                         password_env="BRIEF_TEST_PW", retries=5)
        result = cli("send", "--config", str(config))
    assert result.exit_code == ExitCode.SEND_FAILED
    (line,) = result.stderr.strip().splitlines()
    assert f"'{USER}'" in line and f"127.0.0.1:{port}" in line and "authentication failed" in line
    assert len(handler.auth_connections) == 1 and handler.received == []


def test_dry_run_writes_eml_in_output(tmp_path: Path, sources: Path, built: Path) -> None:
    config = project(tmp_path, sources, built)
    result = cli("send", "--config", str(config), "--dry-run")
    eml = tmp_path / "output" / f"brief-{DATE}.eml"
    assert result.exit_code == 0 and str(eml) in result.stdout
    assert eml.read_bytes().count(b"Content-Type: application/pdf") == 1


def test_missing_password_variable_is_a_config_error(tmp_path: Path, sources: Path, built: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEF_NO_SUCH_PW", raising=False)
    config = project(tmp_path, sources, built, username=USER, password_env="BRIEF_NO_SUCH_PW")
    result = cli("send", "--config", str(config))
    assert result.exit_code == ExitCode.CONFIG and "BRIEF_NO_SUCH_PW" in result.stderr


# --- --if-changed -----------------------------------------------------------------------------
def test_if_changed_skips_quietly_then_builds_after_a_change(tmp_path: Path, sources: Path) -> None:
    config = project(tmp_path, sources)
    assert cli("build", "--config", str(config), "--date", DATE, "--quiet").exit_code == 0
    skipped = cli("build", "--config", str(config), "--date", DATE, "--if-changed", "--quiet")
    assert (skipped.exit_code, skipped.stdout, skipped.stderr) == (ExitCode.SKIPPED, "", "")
    loud = cli("build", "--config", str(config), "--date", DATE, "--if-changed")
    assert loud.exit_code == 5 and "unchanged" in loud.stderr
    config.write_text(config.read_text(encoding="utf-8") + "max_figures: 6\n", encoding="utf-8")
    rebuilt = cli("build", "--config", str(config), "--date", DATE, "--if-changed", "--quiet")
    assert rebuilt.exit_code == 0


# --- the lock and kills (child processes) -----------------------------------------------------
def child(mode: str, marker: Path, *args: str) -> subprocess.Popen[str]:
    """Start the CLI in a child process with render() slowed or hung (see CHILD)."""
    return subprocess.Popen([PYTHON, "-c", CHILD, mode, str(marker), *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(path: Path, proc: subprocess.Popen[str], seconds: float = 30.0) -> None:
    """Wait until the child writes its marker."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "child never reached the marker"
        time.sleep(0.02)


def test_two_builds_at_once_one_builds_other_exits_locked(tmp_path: Path, sources: Path) -> None:
    config = project(tmp_path, sources)
    args = ("build", "--config", str(config), "--date", DATE, "--quiet")
    procs = [child("slow", tmp_path / f"marker{i}", *args) for i in range(2)]
    deadline = time.monotonic() + 60
    while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
        time.sleep(0.02)  # the holder waits in render() until the other one has exited
    (tmp_path / "release").write_text("go")
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [ExitCode.OK, ExitCode.LOCKED]
    (locked,) = [err for code, _, err in results if code == ExitCode.LOCKED]
    assert len(locked.strip().splitlines()) == 1 and "lock" in locked
    assert valid_pdf(tmp_path / "output" / "latest.pdf") == 1


@pytest.mark.parametrize("mode", ["hang-render", "hang-write"])
def test_killed_build_leaves_previous_latest_pdf_intact(tmp_path: Path, sources: Path, built: Path,
                                                        mode: str) -> None:
    config = project(tmp_path, sources, built)
    latest = tmp_path / "output" / "latest.pdf"
    before = latest.read_bytes()
    marker = tmp_path / "marker"
    proc = child(mode, marker, "build", "--config", str(config), "--date", "2024-03-28", "--quiet")
    try:
        wait_for(marker, proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.communicate()
    assert latest.read_bytes() == before and valid_pdf(latest) == 1
    if mode == "hang-write":  # killed between writing the temporary file and renaming it
        assert list((tmp_path / "output").glob(".latest.pdf.*.tmp"))
    with deliver.build_lock(tmp_path / "output"):  # the next run clears what the killed one left
        pass
    assert not list((tmp_path / "output").glob(".*.tmp"))


@pytest.mark.parametrize(("args", "email", "message"), [
    (("--send", "--format", "html"), {}, "add pdf to --format"),
    (("--send",), {"username": USER, "password_env": "BRIEF_NO_SUCH_PW"}, "BRIEF_NO_SUCH_PW"),
])
def test_send_config_errors_fail_before_building(tmp_path: Path, sources: Path, args: tuple[str, ...],
                                                 email: dict[str, str], message: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEF_NO_SUCH_PW", raising=False)
    config = project(tmp_path, sources, None, **email)
    result = cli("build", "--config", str(config), "--date", DATE, *args)
    assert result.exit_code == ExitCode.CONFIG and message in result.stderr
    assert not list((tmp_path / "output").glob("brief-*"))


def test_send_without_email_block_is_a_config_error(tmp_path: Path, sources: Path, built: Path) -> None:
    config = project(tmp_path, sources, built)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    del data["email"]
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = cli("send", "--config", str(config))
    assert result.exit_code == ExitCode.CONFIG and "email:" in result.stderr
