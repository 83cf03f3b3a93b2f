"""Tests for briefing.sources: discovery, encodings, skips and HTML."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from briefing.clean import steps as clean
from briefing.errors import SourceError, SourceSkipped
from briefing.read import decode
from briefing.read import files as sources

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sources"
EN = SAMPLES / "000_4f1f7586a0459ec1.txt"
ZH = SAMPLES / "001_20f21d32090ae5a6.txt"
LIMIT = 5 * 1024 * 1024


def _cleaned(path: Path) -> str:
    return clean.clean_source(sources.read_source(path, LIMIT)).text


def test_discover_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.html", "d.htm", ".hidden.txt", "e.pdf", "f.TXT"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    names = [p.name for p in sources.discover_sources(tmp_path)]
    # a directory named like a source is listed so that reading it reports it (issue 13)
    assert names == ["a.md", "b.txt", "c.html", "d.htm", "f.TXT", "sub.txt"]
    with pytest.raises(SourceSkipped, match="sub.txt: skipped, a directory"):
        sources.read_source(tmp_path / "sub.txt", LIMIT)


@pytest.mark.parametrize(("sample", "encoding", "expected"), [
    (ZH, "gbk", "gb18030"),
    (ZH, "gb18030", "gb18030"),
    (ZH, "utf-16", "utf-16"),
    (EN, "utf-16", "utf-16"),
    (ZH, "utf-8-sig", "utf-8-sig"),
    (EN, "utf-8", "utf-8"),
])
def test_encodings_give_the_same_clean_text(tmp_path: Path, sample: Path, encoding: str,
                                             expected: str) -> None:
    path = tmp_path / sample.name
    path.write_bytes(sample.read_text(encoding="utf-8").encode(encoding))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == expected
    assert _cleaned(path) == _cleaned(sample)


# 着 and 著 are one character in traditional text; t2s keeps 著 (著名), so the way back is lossy
ONE_IN_TRADITIONAL = str.maketrans("著", "着")


def test_big5_traditional_comes_back_simplified(tmp_path: Path) -> None:
    # s2t gives a few forms Big5 lacks (爲 羣 啓); s2tw gives the Big5 (Taiwan) forms
    traditional = opencc.OpenCC("s2tw").convert(ZH.read_text(encoding="utf-8"))
    assert traditional != ZH.read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5"))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == "big5"
    back = _cleaned(path)
    assert back.translate(ONE_IN_TRADITIONAL) == _cleaned(ZH).translate(ONE_IN_TRADITIONAL)


def test_short_gbk_text_is_not_mistaken(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("经济持续回升向好".encode("gbk"))
    source = sources.read_source(path, LIMIT)
    assert source.text == "经济持续回升向好" and source.encoding == "gb18030"


@pytest.mark.parametrize(("content", "why"), [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary"),
])
def test_skipped_files(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceSkipped, match=f"bad.txt: skipped.*{why}"):
        sources.read_source(path, LIMIT)


def test_too_large_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(SourceSkipped, match="big.txt: skipped, 500 bytes is over the limit of 100"):
        sources.read_source(path, 100)


def test_undecodable_raises_source_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"abc \xff\xfe\xfa\x80 def")
    monkeypatch.setattr(decode, "_try_detector", lambda data: None)
    with pytest.raises(SourceError, match="odd.txt: cannot decode"):
        sources.read_source(path, LIMIT)


def test_bad_bytes_never_crash(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Growth 5%. " + b"\xe9t\xe9 caf\xe9 " * 5)
    try:
        source = sources.read_source(path, LIMIT)
    except SourceError:
        return
    assert "Growth 5%." in source.text


def test_html_main_text_with_paragraphs(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i} says industrial output rose by {i}.5% year-on-year in March." * 2
                  for i in range(1, 5)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<html><head><meta charset='utf-8'><title>Output rises</title></head><body>"
            f"<nav><a href='/'>Home</a><a href='/x'>Return to list</a></nav>"
            f"<article><h1>Output rises</h1>{body}</article><footer>Copyright 2024</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    source = sources.read_source(path, LIMIT)
    assert source.format == "html"
    assert all(p in source.text for p in paragraphs)
    assert "\n\n" in source.text and "Return to list" not in source.text


def test_markdown_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Output rises\n\nIndustrial output **rose** 5%.\n", encoding="utf-8")
    result = clean.clean_source(sources.read_source(path, LIMIT))
    assert result.title == "Output rises" and "rose 5%" in result.text


@pytest.mark.parametrize("head, date", [
    ("", None),  # no declared date: the copyright year in the footer is not a publication date
    ('<meta property="article:published_time" content="2024-03-27T08:00:00+08:00">', "2024-03-27"),
])
def test_html_date_only_when_the_page_declares_it(tmp_path: Path, head: str, date: str | None) -> None:
    body = "".join(f"<p>Paragraph {i}: retail sales rose by {i}.5% year-on-year in March.</p>" for i in range(4))
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{head}<title>Sales rise</title></head><body><article>{body}</article>"
                    "<footer>Copyright 2024 example.org</footer></body></html>", encoding="utf-8")
    assert clean.clean_source(sources.read_source(path, LIMIT)).date == date
