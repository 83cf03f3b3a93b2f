"""Bad source files: each is skipped with a reason naming it, never read outside the folder, never mojibake."""
from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest

from briefing.errors import SourceSkipped
from briefing.read import files as sources

ROOT = Path(__file__).resolve().parents[2]
EN = (ROOT / "sources" / "000_4f1f7586a0459ec1.txt").read_text(encoding="utf-8")
ZH = (ROOT / "sources" / "001_20f21d32090ae5a6.txt").read_text(encoding="utf-8")
LIMIT = 5 * 1024 * 1024
CJK = re.compile(r"[\u4e00-\u9fff]")


def noise(size: int, seed: int) -> bytes:
    """Return random bytes without NULs, like `head -c N /dev/urandom | tr -d '\\000'`."""
    return random.Random(seed).randbytes(size).replace(b"\x00", b"")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# --- files that are not text -------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("size", [300, 20000])
def test_random_bytes_are_skipped_not_an_input_error(tmp_path: Path, seed: int, size: int) -> None:
    path = write(tmp_path, "x.txt", noise(size, seed))
    with pytest.raises(SourceSkipped, match=r"^x\.txt: (skipped, |cannot decode, skipped)"):
        sources.read_source(path, LIMIT)


@pytest.mark.parametrize("name", ["x.txt", "x.html"])
def test_undecodable_is_skipped_with_the_reason(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, noise(20000, 99))
    with pytest.raises(SourceSkipped) as info:
        sources.read_source(path, LIMIT)
    assert str(info.value).startswith(f"{name}: ")
    assert "cannot decode, skipped" in str(info.value) or "skipped, binary" in str(info.value)


def test_dangling_symlink_is_listed_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert [p.name for p in sources.discover_sources(tmp_path)] == ["gone.txt"]
    with pytest.raises(SourceSkipped, match=r"gone\.txt: skipped, a symbolic link to a missing file"):
        sources.read_source(tmp_path / "gone.txt", LIMIT)


def test_directory_named_like_a_source_is_listed_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    assert [p.name for p in sources.discover_sources(tmp_path)] == ["x.txt"]
    with pytest.raises(SourceSkipped, match=r"x\.txt: skipped, a directory, not a file"):
        sources.read_source(tmp_path / "x.txt", LIMIT)


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    assert [p.name for p in sources.discover_sources(tmp_path)] == ["pipe.txt"]
    with pytest.raises(SourceSkipped, match=r"pipe\.txt: skipped, a named pipe \(FIFO\), not a file"):
        sources.read_source(tmp_path / "pipe.txt", LIMIT)


def test_symlink_outside_the_folder_is_refused_naming_the_link(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", b"Secret profits rose by 99.9% year-on-year.")
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "b.txt").symlink_to(secret)
    with pytest.raises(SourceSkipped) as info:
        sources.read_source(folder / "b.txt", LIMIT, root=folder)
    assert str(info.value).startswith("b.txt: skipped, a symbolic link to ")
    assert "outside the sources folder" in str(info.value) and "99.9" not in str(info.value)


def test_symlink_outside_its_own_folder_is_refused_without_a_root(tmp_path: Path) -> None:
    write(tmp_path, "secret.txt", b"Secret profits rose by 99.9% year-on-year.")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "b.txt").symlink_to(Path("..") / "secret.txt")  # relative, through ..
    with pytest.raises(SourceSkipped, match="outside the sources folder"):
        sources.read_source(tmp_path / "sources" / "b.txt", LIMIT)


def test_symlink_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    (folder / "archive").mkdir(parents=True)
    write(folder / "archive", "a.txt", b"Retail sales rose by 5.5% year-on-year.")
    (folder / "a.txt").symlink_to(Path("archive") / "a.txt")
    assert "5.5%" in sources.read_source(folder / "a.txt", LIMIT, root=folder).text


def test_sources_folder_reached_through_a_symlink_is_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    write(real, "a.txt", b"Exports grew by 3.1% year-on-year.")
    (tmp_path / "sources").symlink_to(real)
    folder = tmp_path / "sources"
    assert "3.1%" in sources.read_source(folder / "a.txt", LIMIT, root=folder).text


# --- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "codec"), [
    (EN, "utf-16-le"), (EN, "utf-16-be"), (ZH, "utf-16-le"), (ZH, "utf-16-be"),
    ("国内生产总值同比增长5.3%。\n", "utf-16-le"),  # short: few ASCII characters, few NULs
    ("Industrial output rose 6.1% in March.\n", "utf-16-be"),
])
def test_utf16_without_bom_is_detected(tmp_path: Path, text: str, codec: str) -> None:
    path = write(tmp_path, "u16.txt", text.encode(codec))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == codec and source.text == text


CP1252_TEXTS = [
    "The minister said \u201cgrowth is steady\u201d \u2014 output rose 5.2% in the first quarter.\n",
    "Officials\u2019 forecast: exports will grow 3\u20134% \u2026 \u201cwe are confident,\u201d she said.\n"
    "The caf\u00e9 sector\u2019s revenue rose 8.1% year-on-year; prices were \u20ac2.5 on average.\n",
    EN.replace('"', "\u201d").replace("'", "\u2019").replace(" -- ", " \u2013 "),
]


@pytest.mark.parametrize("text", CP1252_TEXTS)
def test_cp1252_smart_quotes_are_read_as_cp1252(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "w.txt", text.encode("cp1252"))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == "cp1252" and source.text == text


def gbk_sentences_big5_can_decode() -> list[str]:
    """Return sample sentences whose GBK bytes also decode as Big5 (into the wrong characters)."""
    found = []
    for sentence in re.split(r"(?<=[。！？])", ZH):
        data = sentence.strip().encode("gbk", "ignore")
        try:
            if data and CJK.search(sentence) and "\n" not in sentence.strip() and data.decode("big5") != sentence.strip():
                found.append(sentence.strip())
        except UnicodeDecodeError:
            continue
    return found


@pytest.mark.parametrize("count", [1, 3, 12])
def test_html_declaring_big5_but_gbk_is_read_as_gbk(tmp_path: Path, count: int) -> None:
    sentences = gbk_sentences_big5_can_decode()[:count]
    assert len(sentences) == count  # the page really is ambiguous: Big5 decodes it without error
    body = "".join(f"<p>{s}</p>" for s in sentences)
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
            f"<title>统计</title></head><body><article>{body}</article></body></html>")
    path = write(tmp_path, "page.html", page.encode("gbk"))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == "gb18030"
    assert all(s in source.text for s in sentences)


def test_html_declaring_big5_that_is_big5_stays_big5(tmp_path: Path) -> None:
    text = "本月工業增加值同比增長百分之五點三，消費市場持續恢復。"
    page = f"<html><head><meta charset='big5'></head><body><article><p>{text}</p></article></body></html>"
    path = write(tmp_path, "tw.html", page.encode("big5"))
    source = sources.read_source(path, LIMIT)
    assert source.encoding == "big5" and text in source.text  # traditional: the cleaner simplifies it


@pytest.mark.parametrize(("text", "cut"), [(ZH.rstrip(), 1), (ZH.rstrip(), 2), (EN + "\u201cend\u201d", 2)])
def test_utf8_cut_short_mid_character_keeps_the_rest(tmp_path: Path, text: str, cut: int) -> None:
    data = text.encode("utf-8")[:-cut]  # a download cut inside the last character
    path = write(tmp_path, "cut.txt", data)
    source = sources.read_source(path, LIMIT)
    assert source.encoding == "utf-8" and source.text == data.decode("utf-8", "ignore")


@pytest.mark.parametrize("codec", ["shift_jis", "euc-kr", "koi8-r"])
def test_other_scripts_are_refused_clearly_not_guessed(tmp_path: Path, codec: str) -> None:
    text = {"shift_jis": "日本の国内総生産は前年比で増加した。" * 5,
            "euc-kr": "한국의 국내총생산이 전년 대비 증가했다. " * 5,
            "koi8-r": "Валовой внутренний продукт вырос на 5 процентов. " * 5}[codec]
    path = write(tmp_path, "other.txt", text.encode(codec))
    with pytest.raises(SourceSkipped, match=r"other\.txt: cannot decode, skipped"):
        sources.read_source(path, LIMIT)
