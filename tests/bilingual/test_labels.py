"""Both labels of every figure of a pair: from the aligned counterpart, else the glossary or the memory."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from briefing import pipeline, report
from briefing.bilingual import label_pairs, pair
from briefing.bilingual.glossary import load_glossary
from briefing.bilingual.labels import Sources
from briefing.bilingual.memory import TranslationMemory
from briefing.config import Settings
from tests.bilingual.test_pair import chinese, english

UNKNOWN = "pilot cities for new forms of consumption"  # in no glossary


def labelled(memory: TranslationMemory | None = None):
    en, zh = english(), chinese()
    unknown = dataclasses.replace(en.figures[3], label=UNKNOWN)
    en = dataclasses.replace(en, figures=en.figures[:3] + (unknown,))
    zh = dataclasses.replace(zh, figures=zh.figures[:2])  # the Chinese states neither count
    pairs = pair.find_pairs([en, zh], 0.5)
    sources = Sources(load_glossary(None), memory, 85)
    return en, zh, label_pairs([en, zh], pairs, sources)[0]


def test_counterpart_labels_are_from_the_pair():
    en, zh, found = labelled()
    first = next(m for m in found.labels if m.source == en.name and m.index == 0)
    assert first.counterpart == 0
    assert first.label.en == en.figures[0].label
    assert (first.label.zh, first.label.zh_origin) == ("社会消费品零售总额", "pair")
    assert (first.period.zh, first.period.zh_origin) == ("前两月", "pair")
    back = next(m for m in found.labels if m.source == zh.name and m.index == 0)
    assert back.counterpart == 0 and (back.label.en_origin, back.label.zh_origin) == ("pair", "source")


def test_figures_without_counterpart_are_filled_from_glossary_then_memory():
    memory = TranslationMemory()
    memory.add(UNKNOWN, "新型消费试点城市", origin="pair")
    en, _, found = labelled(memory)
    zones = next(m for m in found.labels if m.source == en.name and m.index == 2)
    clusters = next(m for m in found.labels if m.source == en.name and m.index == 3)
    assert zones.counterpart is None and (zones.label.zh, zones.label.zh_origin) == ("国家高新区", "glossary")
    assert clusters.counterpart is None and clusters.label.zh_origin == "memory"
    assert clusters.label.zh == "新型消费试点城市" and clusters.label.match >= 85


def test_unknown_labels_stay_empty_never_invented():
    en, _, found = labelled()
    clusters = next(m for m in found.labels if m.source == en.name and m.index == 3)
    assert clusters.label.zh is None and clusters.label.zh_origin is None


def test_extract_json_reports_labels_with_their_origin(tmp_path: Path):
    root = Path(__file__).resolve().parents[2]
    memory = TranslationMemory()
    memory.add("Take multiple measures to promote continued economic recovery", "多措并举（记忆）")
    memory.save(tmp_path / "tm.tmx")
    settings = Settings(base_dir=root, translation_memory=tmp_path / "tm.tmx")
    ex = pipeline.extract(sorted((root / "sources").glob("*.txt")), settings)
    docs = {d["source"]: d for d in json.loads(report.extraction_json(ex.documents, ex.pairs))["documents"]}
    english_doc = docs["000_4f1f7586a0459ec1.txt"]
    origins = {f["labels"]["zh_origin"] for f in english_doc["figures"]}
    assert "pair" in origins and origins <= {"pair", "glossary", "memory", None}
    for fig in english_doc["figures"]:
        assert fig["labels"]["en"] == (fig["label"] or None) and fig["labels"]["en_origin"] in ("source", None)
    assert all(f["labels"] is None for f in docs["002_6cb24653960173db.txt"]["figures"])
