"""Tests for briefing.memory: TMX 1.4 round trip, dedupe, fuzzy lookup and its guards."""
from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage import tmx

from briefing.bilingual.memory import TmEntry, TranslationMemory
from briefing.errors import ConfigError

SEGMENTS = [
    ("transform and upgrade traditional industries", "改造升级传统产业"),
    ("Promote the trade-in of old consumer goods for new ones", "推动消费品以旧换新"),
    ("January to February", "1—2月"),
    ("value added of 178 national high-tech zones", "178家国家高新区增加值"),
]


@pytest.fixture()
def memory() -> TranslationMemory:
    tm = TranslationMemory()
    for en, zh in SEGMENTS:
        tm.add(en, zh, origin="pair")
    return tm


def test_save_writes_tmx14_that_the_library_reads_back(memory, tmp_path: Path):
    path = tmp_path / "sub" / "briefing.tmx"
    memory.save(path)
    text = path.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'xml:lang="zh"' in text
    store = tmx.tmxfile(path.open("rb"))
    assert [(u.source, u.target) for u in store.units] == SEGMENTS
    again = TranslationMemory.load(path)
    assert list(again) == [TmEntry(en, zh, "pair") for en, zh in SEGMENTS]
    assert [p.name for p in path.parent.iterdir()] == ["briefing.tmx"]  # no temp file left


def test_missing_file_loads_empty(tmp_path: Path):
    assert len(TranslationMemory.load(tmp_path / "none.tmx")) == 0


def test_broken_file_is_a_config_error(tmp_path: Path):
    path = tmp_path / "broken.tmx"
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.tmx"):
        TranslationMemory.load(path)


def test_add_dedupes_and_skips_empty(memory):
    before = len(memory)
    assert memory.add("  transform and upgrade   traditional industries ", "改造升级传统产业") is False
    assert memory.add("", "空") is False and memory.add("empty", "") is False
    assert len(memory) == before


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The first is to transform and upgrade traditional industries.", "en", "改造升级传统产业"),
    ("Transform and upgrade traditional industries", "en", "改造升级传统产业"),
    ("Promote the trade-in of old consumer goods for new ones.", "en", "推动消费品以旧换新"),
    ("一是改造升级传统产业", "zh", "transform and upgrade traditional industries"),
    ("from January to February", "en", "1—2月"),
])
def test_lookup_finds_close_segments(memory, text, lang, expected):
    found = memory.lookup(text, lang, 85)
    assert found is not None and found[0] == expected and 85 <= found[1] <= 100


@pytest.mark.parametrize(("text", "lang"), [
    ("January to March", "en"),  # a month changes the meaning
    ("value added of 179 national high-tech zones", "en"),  # a number changes the meaning
    ("cultivate new consumption", "en"),
    ("改造", "zh"),
])
def test_lookup_refuses_different_meaning(memory, text, lang):
    assert memory.lookup(text, lang, 85) is None


def test_import_reads_other_tools_and_merges(memory, tmp_path: Path):
    other = tmp_path / "other.tmx"
    other.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" '
        'datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>完善市场和流通体系</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Improve the market and circulation system</seg></tuv></tu>'
        '<tu><tuv xml:lang="zh-CN"><seg>推动消费品以旧换新</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Promote the trade-in of old consumer goods for new ones</seg></tuv></tu>'
        '</body></tmx>', encoding="utf-8")
    assert memory.import_file(other) == 1
    assert memory.lookup("Improve the market and circulation system", "en", 90) == ("完善市场和流通体系", 100.0)
    assert [e.origin for e in memory][-1] == "import"


def test_export_then_import_round_trips(memory, tmp_path: Path):
    out = tmp_path / "export.tmx"
    memory.export(out)
    fresh = TranslationMemory()
    assert fresh.import_file(out) == len(memory)
    assert list(fresh) == list(memory)


def test_cli_tm_import_list_export(memory, tmp_path: Path, monkeypatch):
    from click.testing import CliRunner

    from briefing.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.yaml").write_text("translation_memory: mem/tm.tmx\n", encoding="utf-8")
    memory.save(tmp_path / "in.tmx")
    runner = CliRunner()
    result = runner.invoke(main, ["tm", "import", "in.tmx"])
    assert result.exit_code == 0 and f"imported {len(SEGMENTS)} new segments" in result.output
    listed = runner.invoke(main, ["tm", "list", "--limit", "2"])
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [f"{en}\t{zh}\tpair" for en, zh in SEGMENTS[:2]]
    exported = runner.invoke(main, ["tm", "export", "out.tmx"])
    assert exported.exit_code == 0 and len(TranslationMemory.load(tmp_path / "out.tmx")) == len(SEGMENTS)


def test_cli_tm_off_is_a_config_error(tmp_path: Path, monkeypatch):
    from click.testing import CliRunner

    from briefing.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.yaml").write_text("translation_memory: null\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["tm", "list"])
    assert result.exit_code == 2 and "translation_memory is off" in result.output


def _brute_force(memory: TranslationMemory, text: str, lang: str, threshold: float) -> tuple[str, float] | None:
    """The lookup as it was before the index: every entry scored."""
    from rapidfuzz import fuzz, process

    from briefing.bilingual.memory import CANDIDATES, match_key, same_key_words

    query = match_key(text, lang)
    entries = list(memory)
    keys = [match_key(e.side(lang), lang) for e in entries]
    for key, score, index in process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=threshold,
                                             limit=CANDIDATES):
        if same_key_words(query, key, lang):
            return entries[index].side("zh" if lang == "en" else "en"), round(float(score), 1)
    return None


def test_indexed_lookup_finds_what_scoring_every_entry_finds() -> None:
    import random

    rng = random.Random(7)
    words = "retail sales industrial output exports imports grew fell rose investment profits services".split()
    chars = "社会消费品零售总额工业增加值出口进口增长下降固定资产投资利润服务业"
    memory = TranslationMemory()
    for _ in range(600):
        en = " ".join(rng.choice(words) for _ in range(rng.randint(2, 7))) + f" {rng.randint(1, 40)}"
        zh = "".join(rng.choice(chars) for _ in range(rng.randint(4, 14))) + str(rng.randint(1, 40))
        memory.add(en, zh)
    entries = list(memory)
    for probe in range(150):
        entry = rng.choice(entries)
        for lang in ("en", "zh"):
            text = entry.side(lang)
            if probe % 2:  # a near miss: one character dropped
                cut = rng.randrange(len(text))
                text = text[:cut] + text[cut + 1:]
            assert memory.lookup(text, lang, 85) == _brute_force(memory, text, lang, 85), (text, lang)
