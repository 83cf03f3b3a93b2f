"""Nothing lost: builds killed mid-ingest, queries during a build, damaged and newer archives,
a worker that dies on one source. Real child processes, real SIGKILL, real SQLite files."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import ExitCode
from tests.archive.project import REPO, SAMPLES, Project, cli, project, source_names
from tests.deliver.test_cron import wait_for

PYTHON = sys.executable
# Runs the CLI with the archive's writes slowed at a chosen point (argv: mode, marker, CLI args…):
#   inside   — stop inside the second extraction transaction, rows written but not committed
#   between  — stop after the first extraction transaction committed
#   crash    — the worker extracting a file whose name holds "crash" dies (os._exit)
CHILD = """
import os, sys, time
from pathlib import Path
from briefing.archive import ingest, store
from briefing.cli import main
mode, marker = sys.argv[1], Path(sys.argv[2])
save_one, save_batch = store.Archive._save_extraction, store.Archive.save_extractions
written = [0]
def slow_one(self, item, extractor):
    save_one(self, item, extractor)
    written[0] += 1
    if mode == "inside" and written[0] == ingest.BATCH + 10:
        marker.write_text("inside")
        time.sleep(120)
def slow_batch(self, *args):
    save_batch(self, *args)
    if mode == "between":
        marker.write_text("between")
        time.sleep(120)
document_of = ingest.document_of
def crashing(source):
    if "crash" in source.name:
        os._exit(3)
    return document_of(source)
store.Archive._save_extraction = slow_one
store.Archive.save_extractions = slow_batch
ingest.document_of = crashing
main(sys.argv[3:])
"""


def many_sources(p: Project, count: int) -> list[str]:
    """Write `count` distinct sources: the samples, each copy with its own reference line."""
    samples = sorted(SAMPLES.glob("*.txt"))
    names = []
    for i in range(count):
        sample = samples[i % len(samples)]
        name = f"{i:04d}_{sample.name}"
        text = sample.read_text(encoding="utf-8") + f"\n\nReference {i:04d}\n"
        (p.sources / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


def child(mode: str, marker: Path, *args: str) -> subprocess.Popen[str]:
    """Start the CLI in a child process with the archive's writes slowed (see CHILD)."""
    return subprocess.Popen([PYTHON, "-c", CHILD, mode, str(marker), *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the child and reap it."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.communicate()


def integrity(path: Path) -> str:
    """Return SQLite's integrity check of the archive."""
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.parametrize("mode", ["inside", "between"])
def test_killed_mid_ingest_then_rerun_records_every_source_once(tmp_path: Path, mode: str) -> None:
    p = project(tmp_path)
    names = many_sources(p, 90)
    proc = child(mode, tmp_path / "marker", "build", "--config", str(p.config), "--date", "2025-06-16",
                 "--format", "html", "--jobs", "2", "--quiet")
    try:
        wait_for(tmp_path / "marker", proc, 120.0)
    finally:
        kill(proc)
    assert integrity(p.archive) == "ok"
    stored = p.query("SELECT count(*) FROM extractions")[0][0]
    assert stored == 64  # the first transaction's batch; the second never committed
    result = p.build("2025-06-16")
    assert result.exit_code == 0, result.stderr
    assert integrity(p.archive) == "ok"
    assert p.query("SELECT count(*), count(DISTINCT hash) FROM sources") == [(90, 90)]
    assert p.query("SELECT count(*) FROM extractions WHERE document IS NOT NULL") == [(90,)]
    assert sorted(n for (n,) in p.query("SELECT name FROM sources")) == sorted(names)
    assert p.query("SELECT count(*) FROM figures")[0][0] == p.query(
        "SELECT sum(json_array_length(document, '$.figures')) FROM extractions")[0][0]
    assert len(source_names(p.brief("2025-06-16"))) >= 80  # the killed run's window, completed


def test_history_works_while_a_build_holds_a_write_transaction(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_april_en.txt", "nbs_april_zh.txt")
    assert p.build("2025-05-19").exit_code == 0
    many_sources(p, 80)
    proc = child("inside", tmp_path / "marker", "build", "--config", str(p.config), "--date", "2025-06-16",
                 "--format", "html", "--jobs", "1", "--quiet")
    try:
        wait_for(tmp_path / "marker", proc, 120.0)
        result = cli("history", "retail sales", "--config", str(p.config), "--format", "csv")
        listing = cli("archive", "list", "--config", str(p.config))
        assert proc.poll() is None  # the build still holds its transaction
    finally:
        kill(proc)
    assert result.exit_code == 0, result.stderr
    assert "nbs_april_en.txt" in result.stdout and "nbs_april_zh.txt" in result.stdout
    assert listing.exit_code == 0 and "nbs_april_en.txt" in listing.stdout


def test_a_worker_dying_on_one_source_costs_that_source_only(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt", "nbs_may_zh.txt", "wire_may_en.txt")
    (p.sources / "crash_report_en.txt").write_text((p.sources / "wire_may_en.txt").read_text(encoding="utf-8")
                                                   + "\nUpdated.\n", encoding="utf-8")
    done = subprocess.run([PYTHON, "-c", CHILD, "crash", str(tmp_path / "marker"), "build", "--config",
                           str(p.config), "--date", "2025-06-16", "--format", "html", "--jobs", "2"],
                          cwd=REPO, text=True, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert len(warnings) == 1 and "crash_report_en.txt" in warnings[0] and "died" in warnings[0]
    assert source_names(p.brief("2025-06-16")) == {"nbs_may_en.txt", "nbs_may_zh.txt", "wire_may_en.txt"}
    assert p.query("SELECT count(*) FROM extractions") == [(3,)]  # the failure is not cached
    rerun = p.build("2025-06-16")  # a healthy worker completes the work
    assert rerun.exit_code == 0 and "crash_report_en.txt" in source_names(p.brief("2025-06-16"))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_archive_is_a_clear_error_and_is_not_reset(tmp_path: Path, damage: str) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt")
    assert p.build("2025-06-16").exit_code == 0
    if damage == "garbage":
        p.archive.write_bytes(b"this is not a database, it is a note someone saved here\n" * 100)
    else:
        data = p.archive.read_bytes()
        p.archive.write_bytes(data[:4096] + b"\0" * 64 + data[4096 + 64: len(data) // 2])
    before = p.archive.read_bytes()
    p.add("wire_may_en.txt")
    result = p.build("2025-06-17")
    assert result.exit_code == ExitCode.CONFIG == 2
    assert str(p.archive) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert p.archive.read_bytes() == before
    history = cli("history", "retail", "--config", str(p.config))
    assert history.exit_code == 2 and str(p.archive) in history.stderr


def test_an_archive_from_a_newer_briefing_is_refused(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt")
    assert p.build("2025-06-16").exit_code == 0
    with sqlite3.connect(p.archive) as db:
        db.execute("PRAGMA user_version = 99")
    result = p.build("2025-06-17")
    assert result.exit_code == 2 and str(p.archive) in result.stderr and "newer" in result.stderr
    assert p.query("PRAGMA user_version") == [(99,)]
