"""Publishing a build's files together, our temporaries only, and state that sees deleted outputs."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import primitives
from briefing.config import Settings
from briefing.deliver import send as sending
from briefing.deliver import state as deliver_state
from briefing.deliver.publish import PENDING_NAME, Output, outputs_for, publish, publish_outputs, recover
from briefing.errors import ExitCode, OutputError, SourceError
from briefing.models import Brief, Rendered
from tests.brief_samples import demo_brief

REPO = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
DATE = "2024-03-28"
OLD = "2024-03-27"


def rendered(pdf: bytes = PDF) -> Rendered:
    """Return a rendered brief with stand-in PDF bytes and a text part."""
    brief: Brief = demo_brief()
    return Rendered(brief=brief, html="<html><body>brief</body></html>", pdf=pdf, pages=1, text="brief\n")


def published(folder: Path) -> list[str]:
    """List the visible (not hidden) files of an output folder."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """An output folder holding a complete earlier build."""
    folder = tmp_path / "output"
    publish(rendered(PDF + b"% old"), folder, OLD, ("pdf", "html"))
    return folder


# --- all files of a build, or none ---------------------------------------------------------------
def test_publish_writes_the_dated_set_and_latest_copies(out: Path) -> None:
    paths = publish(rendered(), out, DATE, ("pdf", "html"))
    assert paths == (out / f"brief-{DATE}.pdf", out / f"brief-{DATE}.html")
    assert (out / "latest.pdf").read_bytes() == PDF == (out / f"brief-{DATE}.pdf").read_bytes()
    assert (out / f"brief-{DATE}.txt").read_text(encoding="utf-8") == "brief\n"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or p.name == PENDING_NAME]


def test_outputs_are_a_list_more_files_can_join(out: Path) -> None:
    files = outputs_for(rendered(), DATE, ("pdf", "html"))
    files.append(Output(f"brief-{DATE}.json", b"{}\n"))
    publish_outputs(out, files)
    assert (out / f"brief-{DATE}.json").read_bytes() == b"{}\n"
    assert sending.newest_brief(out) == out / f"brief-{DATE}.pdf"


def failing_replace(monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """Make renaming onto a name ending in `suffix` fail as on a full disk."""
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(suffix):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("suffix", [f"brief-{DATE}.html", f"brief-{DATE}.txt"])
def test_failure_mid_publish_leaves_no_part_of_the_build(out: Path, monkeypatch: pytest.MonkeyPatch,
                                                         suffix: str) -> None:
    before = {name: (out / name).read_bytes() for name in published(out)}
    failing_replace(monkeypatch, suffix)
    with pytest.raises(OutputError) as info:
        publish(rendered(), out, DATE, ("pdf", "html"))
    assert info.value.exit_code == ExitCode.OUTPUT == 8
    assert str(info.value).startswith(f"{out / suffix}: cannot write: No space left on device")
    assert {name: (out / name).read_bytes() for name in published(out)} == before  # no orphan PDF
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_failure_writing_a_temporary_names_the_file(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second temporary: the HTML
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match=f"brief-{DATE}.html: cannot write: No space left on device"):
        publish(rendered(), out, DATE, ("pdf", "html"))
    monkeypatch.setattr(os, "fsync", real)
    assert f"brief-{DATE}.pdf" not in published(out)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_interrupted_publication_is_rolled_back_by_the_next_run(out: Path) -> None:
    """What a run killed between two renames leaves: the marker and part of the dated set."""
    (out / f"brief-{DATE}.pdf").write_bytes(PDF)
    (out / PENDING_NAME).write_text(
        f'{{"date": "{DATE}", "files": ["brief-{DATE}.pdf", "brief-{DATE}.html", "brief-{DATE}.txt", '
        '"../elsewhere.txt", "/etc/passwd"]}\n', encoding="utf-8")
    (out.parent / "elsewhere.txt").write_text("not ours", encoding="utf-8")
    settings = Settings(base_dir=out.parent, output_dir=out)
    assert recover(out) == (f"brief-{DATE}.pdf",)
    assert f"brief-{DATE}.pdf" not in published(out) and not (out / PENDING_NAME).exists()
    assert (out.parent / "elsewhere.txt").exists()  # only names in the output folder are touched
    assert sending.newest_brief(settings.output_dir) == out / f"brief-{OLD}.pdf"


def test_send_never_picks_an_orphan_pdf(out: Path) -> None:
    (out / f"brief-{DATE}.pdf").write_bytes(PDF)  # a killed build: the PDF without its set
    (out / PENDING_NAME).write_text(f'{{"date": "{DATE}", "files": ["brief-{DATE}.pdf"]}}',
                                            encoding="utf-8")
    assert sending.newest_brief(out) == out / f"brief-{OLD}.pdf"  # passed over while listed
    with primitives.build_lock(out):  # and removed by the next run
        assert sending.newest_brief(out) == out / f"brief-{OLD}.pdf"
    assert f"brief-{DATE}.pdf" not in published(out)


def test_send_with_only_incomplete_builds_is_an_input_error(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / f"brief-{DATE}.pdf").write_bytes(PDF)
    (out / PENDING_NAME).write_text(f'{{"date": "{DATE}", "files": ["brief-{DATE}.pdf"]}}',
                                            encoding="utf-8")
    with pytest.raises(SourceError, match="no brief-DATE.pdf to send"):
        with primitives.build_lock(out):
            sending.newest_brief(out)


# --- temporaries: only ours, and only those, are removed -----------------------------------------
def test_temporaries_carry_this_programs_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    primitives.write_atomic(tmp_path / "latest.pdf", PDF)
    (name,) = seen
    assert name.startswith(".latest.pdf.briefing-") and name.endswith(".tmp")


def test_cleanup_removes_only_this_programs_temporaries(tmp_path: Path) -> None:
    ours = [".latest.pdf.briefing-k2j3h4g5.tmp", f".brief-{DATE}.html.briefing-abc_1234.tmp",
            ".latest.pdf.abc123.tmp",  # an older version's name: one of our outputs, no mark
            "..briefing-state.json.briefing-x1y2z3w4.tmp", ".brief.eml.briefing-k2j3h4g5.tmp"]
    theirs = [".foo.tmp", ".data.csv.1234.tmp", ".report.pdf.kk2j3h4g5.tmp", ".x.tmp", "notes.tmp",
              ".latest.pdf.tmp", ".latest.pdf.briefing-toolongname.tmp"]
    for name in ours + theirs:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".dir.briefing-aaaa1111.tmp").mkdir()
    (tmp_path / ".latest.html.briefing-zzzz9999.tmp").mkdir()  # a folder under our name: not a file we made
    with primitives.build_lock(tmp_path):
        pass
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(theirs + [".dir.briefing-aaaa1111.tmp", ".latest.html.briefing-zzzz9999.tmp",
                                    primitives.LOCK_NAME])


# --- --if-changed sees every output ------------------------------------------------------------
@pytest.mark.parametrize("deleted", ["latest.pdf", "latest.html", f"brief-{DATE}.txt"])
def test_unchanged_needs_latest_copies_and_text_too(out: Path, deleted: str) -> None:
    paths = publish(rendered(), out, DATE, ("pdf", "html"))
    deliver_state.record_build(out, "abc", DATE, paths)
    assert deliver_state.is_unchanged(out, "abc")
    (out / deleted).unlink()
    assert not deliver_state.is_unchanged(out, "abc")


# --- the fingerprint reads only what the build would -------------------------------------------
def test_fingerprint_does_not_block_on_a_fifo_or_follow_links_out(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("GDP grew 5.3%.", encoding="utf-8")
    os.mkfifo(sources / "pipe.txt")
    (sources / "zero.txt").symlink_to("/dev/zero")  # reading it never ends
    probe = ("import sys; from pathlib import Path; from briefing.config import Settings\n"
             "from briefing.deliver import state\n"
             "s = Settings(base_dir=Path(sys.argv[1]), sources_dir=Path(sys.argv[1]) / 'sources',"
             " output_dir=Path(sys.argv[1]) / 'output', templates_dir=None)\n"
             "print(state.fingerprint(s, ('pdf',)))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip()) == 64
