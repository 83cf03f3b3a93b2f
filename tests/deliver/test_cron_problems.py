"""Cron hears about every problem: partial delivery, killed and failed publishing, a full disk, stale state.

Real builds, the real CLI, a real SMTP server (aiosmtpd), child processes killed mid-publish.
The fixtures `sources` and `built` come from test_cron (through conftest.py).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from briefing.errors import ExitCode
from tests.deliver.test_cron import DATE, PYTHON, REPO, cli, project, valid_pdf, wait_for
from tests.smtpd_helpers import Recorder, smtp_server

NEW = "2024-03-28"
# Runs the CLI in a child whose os.replace onto a name ending in SUFFIX hangs (mode "hang", so the
# test can kill it there) or fails as on a full disk (mode "fail").
CHILD = """
import errno, os, sys, time
from pathlib import Path
from briefing.cli import main
mode, suffix, marker = sys.argv[1], sys.argv[2], Path(sys.argv[3])
real_replace = os.replace
def replace(src, dst):
    if str(dst).endswith(suffix):
        if mode == "hang":
            marker.write_text("publishing")
            time.sleep(60)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return real_replace(src, dst)
os.replace = replace
main(sys.argv[4:])
"""


def child(mode: str, suffix: str, marker: Path, *args: str) -> subprocess.Popen[str]:
    """Start the CLI in a child whose rename onto `suffix` hangs or fails."""
    return subprocess.Popen([PYTHON, "-c", CHILD, mode, suffix, str(marker), *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def sent_records(output: Path) -> list[dict[str, object]]:
    """Return the deliveries the sent marker records."""
    return list(json.loads((output / ".briefing-sent.json").read_text(encoding="utf-8"))["sent"].values())


# --- partial delivery ------------------------------------------------------------------------
def test_refused_recipient_exits_7_records_who_got_it_and_resends_only_to_the_others(
        tmp_path: Path, sources: Path) -> None:
    handler = Recorder(refuse={"cc@example.com"})
    with smtp_server(handler) as port:
        config = project(tmp_path, sources, port=port)
        first = cli("build", "--config", str(config), "--date", DATE, "--send", "--quiet")
        assert first.exit_code == ExitCode.PARTIAL_DELIVERY == 7 and first.stdout == ""
        error = first.stderr.splitlines()[-1]
        assert error.startswith("briefing: error: ") and "reached 2 of 3 recipients" in error
        assert "cc@example.com (550 5.1.1 no such user)" in error
        assert sorted(handler.received[0].rcpt_tos) == ["bcc@example.com", "desk@example.com"]
        (record,) = sent_records(tmp_path / "output")
        assert sorted(record["recipients"]) == ["bcc@example.com", "desk@example.com"]  # type: ignore[arg-type]
        assert record["refused"] == ["cc@example.com: 550 5.1.1 no such user"]

        still = cli("send", "--config", str(config), "--quiet")  # only cc is tried, and refused again
        assert still.exit_code == ExitCode.SEND_FAILED and len(handler.received) == 1
        handler.refuse.clear()
        fixed = cli("send", "--config", str(config))
        assert fixed.exit_code == 0 and "to 1 recipient (2 had it already)" in fixed.stdout
        assert handler.received[1].rcpt_tos == ["cc@example.com"]
        done = cli("send", "--config", str(config))
    assert done.exit_code == 0 and "already sent" in done.stdout and len(handler.received) == 2
    assert next(handler.messages()[1].iter_attachments()).get_filename() == f"brief-{DATE}.pdf"


# --- publishing: all of a build or none of it --------------------------------------------------
def test_build_killed_mid_publish_never_has_its_orphan_pdf_mailed(tmp_path: Path, sources: Path,
                                                                  built: Path) -> None:
    config = project(tmp_path, sources, built)
    out = tmp_path / "output"
    marker = tmp_path / "marker"
    proc = child("hang", f"brief-{NEW}.html", marker, "build", "--config", str(config), "--date", NEW,
                 "--quiet")
    try:
        wait_for(marker, proc, 60)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.communicate()
    assert valid_pdf(out / f"brief-{NEW}.pdf") == 1  # renamed before the kill, its HTML and text not
    handler = Recorder()
    with smtp_server(handler) as port:
        config = project(tmp_path, sources, port=port)
        result = cli("send", "--config", str(config), "--quiet")
    assert result.exit_code == 0, result.stderr
    (msg,) = handler.messages()
    assert next(msg.iter_attachments()).get_filename() == f"brief-{DATE}.pdf"  # the last complete build
    assert not list(out.glob(f"brief-{NEW}.*")) and not list(out.glob(".*.tmp"))
    assert f"removed brief-{NEW}.pdf, left by an interrupted build" in result.stderr


def test_build_failing_mid_publish_exits_8_naming_the_file_and_leaves_nothing(
        tmp_path: Path, sources: Path, built: Path) -> None:
    config = project(tmp_path, sources, built)
    out = tmp_path / "output"
    latest = (out / "latest.pdf").read_bytes()
    proc = child("fail", f"brief-{NEW}.txt", tmp_path / "marker", "build", "--config", str(config),
                 "--date", NEW, "--quiet")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == ExitCode.OUTPUT == 8
    assert (stdout, stderr) == ("", f"briefing: error: {out / f'brief-{NEW}.txt'}: cannot write: "
                                    "No space left on device\n")
    assert not list(out.glob(f"brief-{NEW}.*")) and not list(out.glob(".*.tmp"))
    assert (out / "latest.pdf").read_bytes() == latest


def can_mount_tmpfs() -> bool:
    """Tell whether this process may mount a tmpfs in a private mount namespace (root, unshare)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=4k none /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs root and unshare to mount a small tmpfs")
def test_real_full_disk_exits_8_naming_the_file_and_leaves_nothing(tmp_path: Path, sources: Path) -> None:
    config = project(tmp_path, sources)
    out = tmp_path / "output"
    out.mkdir()
    # a 160 KiB file system, private to the child: the HTML fits, the PDF (about 270 KiB) does not
    script = ('mount -t tmpfs -o size=160k briefing-full "$0" && "$@"; code=$?; '
              'ls -A "$0" >&2; exit $code')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, str(out), PYTHON, "-m", "briefing", "build",
                           "--config", str(config), "--date", DATE, "--quiet"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == ExitCode.OUTPUT, done.stderr
    error, *listing = done.stderr.splitlines()
    assert error == f"briefing: error: {out / f'brief-{DATE}.pdf'}: cannot write: No space left on device"
    assert listing == [".briefing.lock"]  # no brief, no temporary, no state


# --- state and temporaries ---------------------------------------------------------------------
def test_if_changed_rebuilds_after_latest_pdf_was_deleted_and_keeps_others_temporaries(
        tmp_path: Path, sources: Path) -> None:
    config = project(tmp_path, sources)
    out = tmp_path / "output"
    assert cli("build", "--config", str(config), "--date", DATE, "--quiet").exit_code == 0
    theirs = [".foo.tmp", ".report.csv.k2j3h4g5.tmp", ".sync-latest.pdf.tmp"]
    for name in theirs + [".latest.pdf.briefing-k2j3h4g5.tmp"]:
        (out / name).write_bytes(b"someone's data")
    (out / "latest.pdf").unlink()
    rebuilt = cli("build", "--config", str(config), "--date", DATE, "--if-changed", "--quiet")
    assert (rebuilt.exit_code, rebuilt.stdout, rebuilt.stderr) == (0, "", "")
    assert valid_pdf(out / "latest.pdf") == 1
    assert sorted(p.name for p in out.glob(".*.tmp")) == sorted(theirs)  # ours removed, theirs kept
    skipped = cli("build", "--config", str(config), "--date", DATE, "--if-changed", "--quiet")
    assert skipped.exit_code == ExitCode.SKIPPED
