"""What changed: previous values from the archive, new indicators, one row per indicator and period,
and `briefing history` / `briefing archive list`."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from briefing.errors import ExitCode
from tests.archive.project import Project, cli, figure, project

RETAIL = "total retail sales of consumer goods"
HIGH_TECH = "value added of high-tech manufacturing"


@pytest.fixture(scope="module")
def june(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """April's releases briefed on 2025-05-19, May's (and a wire report) on 2025-06-16."""
    p = project(tmp_path_factory.mktemp("june"))
    p.add("nbs_april_en.txt", "nbs_april_zh.txt")
    assert p.build("2025-05-19").exit_code == 0
    p.add("nbs_may_en.txt", "nbs_may_zh.txt", "wire_may_en.txt")
    result = p.build("2025-06-16")
    assert result.exit_code == 0, result.stderr
    return p


def test_previous_value_of_an_indicator_the_archive_held(june: Project) -> None:
    may = figure(june.brief("2025-06-16"), RETAIL, 6.4)
    assert may["previous"] == {"value": 5.1, "value_max": None, "unit": "percent", "period": "Apr 2025",
                               "date": "2025-05-19", "source": "nbs_april_zh.txt"}
    cumulative = figure(june.brief("2025-06-16"), RETAIL, 5.0)  # January–May ← January–April
    assert (cumulative["previous"]["value"], cumulative["previous"]["period"]) == (4.7, "Jan–Apr 2025")


def test_previous_value_across_languages(june: Project) -> None:
    # the April figure came from the Chinese release; May's English one shares its indicator
    high_tech = figure(june.brief("2025-06-16"), HIGH_TECH, 8.6)
    assert high_tech["previous"]["value"] == 10.0


def test_the_page_shows_the_previous_value_beside_the_figure(june: Project) -> None:
    html = (june.output / "brief-2025-06-16.html").read_text(encoding="utf-8")
    assert '<span class="arrow">←</span> +5.1% <span lang="en">Apr 2025</span>' in html
    text = (june.output / "brief-2025-06-16.txt").read_text(encoding="utf-8")
    assert "← +5.1% Apr 2025 (nbs_april_zh.txt, 2025-05-19)" in text


def test_the_first_brief_has_no_previous_values_and_marks_nothing_new(june: Project) -> None:
    april = june.brief("2025-05-19")
    assert april["figures"] and all(f["previous"] is None and not f["new"] for f in april["figures"])


def test_indicators_new_since_the_last_brief_are_marked(june: Project) -> None:
    june_brief = june.brief("2025-06-16")
    assert not figure(june_brief, RETAIL, 6.4)["new"]  # April's brief had retail sales
    unemployment = [f for f in june_brief["figures"] if f["label_en"] == "surveyed urban unemployment rate"]
    assert unemployment and not any(f["new"] for f in unemployment)


def test_an_indicator_never_seen_before_is_new(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_april_en.txt")
    assert p.build("2025-05-19").exit_code == 0
    (p.sources / "pmi_en.txt").write_text(
        "Manufacturing PMI edges up in May\n\n2025-05-31\n\nThe purchasing managers' index for manufacturing "
        "stood at 49.5 percent in May, up 0.5 percentage points from April, the statistics bureau said.\n",
        encoding="utf-8")
    assert p.build("2025-05-31").exit_code == 0
    brief = p.brief("2025-05-31")
    assert [f["new"] for f in brief["figures"] if f["value"] == 49.5] == [True]
    html = (p.output / "brief-2025-05-31.html").read_text(encoding="utf-8")
    assert '<span class="tag new"><span lang="en">new</span> <span lang="zh-CN">新</span></span>' in html


def test_the_same_indicator_and_period_appears_once_and_dissent_is_flagged(june: Project) -> None:
    brief = june.brief("2025-06-16")
    may = [f for f in brief["figures"] if (f["label_en"] or "").lower() == RETAIL and f["unit"] == "percent"
           and f["period"] == "May"]
    assert len(may) == 1  # the NBS release (EN and ZH, paired) and the wire report: one row
    assert may[0]["value"] == 6.4
    assert may[0]["disagreeing"] == [{"value": 6.2, "value_max": None, "unit": "percent", "basis": "yoy",
                                      "source": "wire_may_en.txt"}]
    html = (june.output / "brief-2025-06-16.html").read_text(encoding="utf-8")
    assert '<span class="dissent"><span lang="en">≠ +6.2%</span>' in html


def test_agreeing_sources_are_noted_not_repeated(tmp_path: Path) -> None:
    p = project(tmp_path)
    p.add("nbs_may_en.txt")
    (p.sources / "wire_agrees_en.txt").write_text(
        "Retail sales up in May\n\n2025-06-16\n\nThe total retail sales of consumer goods grew by 6.4 percent "
        "year on year in May, the bureau said on Monday.\n", encoding="utf-8")
    assert p.build("2025-06-16").exit_code == 0
    rows = [f for f in p.brief("2025-06-16")["figures"] if f["value"] == 6.4]
    assert len(rows) == 1 and rows[0]["agreeing"] and not rows[0]["disagreeing"]
    assert set(rows[0]["agreeing"]) | {rows[0]["source"]} == {"nbs_may_en.txt", "wire_agrees_en.txt"}


# --- briefing history ------------------------------------------------------------------------
def history(june: Project, query: str, fmt: str) -> str:
    result = cli("history", query, "--config", str(june.config), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_history_json_lists_values_over_time_matched_in_english(june: Project) -> None:
    rows = json.loads(history(june, "retail sales", "json"))
    yoy = [(r["value"], r["period"], r["date"], r["source"]) for r in rows
           if r["unit"] == "percent" and r["source"].endswith("_en.txt")]
    assert (5.1, "April", "2025-05-19", "nbs_april_en.txt") in yoy
    assert (6.2, "May", "2025-06-16", "wire_may_en.txt") in yoy
    dates = [r["date"] for r in rows if r["indicator"] == rows[0]["indicator"]]
    assert dates == sorted(dates)


def test_history_matches_chinese_labels_and_shares_the_key(june: Project) -> None:
    rows = json.loads(history(june, "社会消费品零售总额", "json"))
    sources = {r["source"] for r in rows}
    assert {"nbs_april_zh.txt", "nbs_may_en.txt"} <= sources  # the English ones through the glossary
    keys = {r["indicator"] for r in rows if r["unit"] == "percent" and r["basis"] == "yoy"}
    assert keys == {"total retail sale consumer good|percent|yoy"}


def test_history_csv_reads_back_in_a_spreadsheet(june: Project) -> None:
    table = list(csv.DictReader(io.StringIO(history(june, "high-tech", "csv"))))
    values = sorted(float(r["value"]) for r in table if r["unit"] == "percent")
    assert values == [8.6, 8.6, 10.0, 10.0]
    assert {r["date"] for r in table} == {"2025-05-19", "2025-06-16"}
    assert set(table[0]) >= {"indicator", "label_en", "label_zh", "value", "unit", "basis", "period", "date",
                             "source"}


def test_history_table_aligns_chinese_text(june: Project) -> None:
    lines = history(june, "high-tech", "table").splitlines()
    assert lines[0].split() == ["indicator", "value", "basis", "period", "date", "source"]
    assert any("10%" in line and "2025-05-19" in line for line in lines[1:])
    start = lines[0].index("date")
    assert all(line[start:start + 10].startswith("2025-") for line in lines[1:])


def test_history_of_an_unknown_indicator_is_empty_and_says_so(june: Project) -> None:
    result = cli("history", "soybean imports", "--config", str(june.config), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no archived figure" in result.stderr


def test_history_without_an_archive_is_a_clear_error(tmp_path: Path) -> None:
    p = project(tmp_path)
    result = cli("history", "retail", "--config", str(p.config))
    assert result.exit_code == ExitCode.CONFIG and str(p.archive) in result.stderr


def test_archive_list_shows_every_source_with_its_pair(june: Project) -> None:
    result = cli("archive", "list", "--config", str(june.config))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and lines[0].split()[:3] == ["first", "seen", "date"]
    zh = next(line for line in lines if line.endswith("nbs_may_zh.txt"))
    assert "nbs_may_en.txt" in zh and "2025-06-16" in zh
    assert "5 of 5 sources" in result.stderr


def test_archive_list_since_a_date(june: Project) -> None:
    result = cli("archive", "list", "--since", "2025-06-01", "--config", str(june.config))
    names = [line.split()[-1] for line in result.stdout.splitlines()[1:]]
    assert sorted(names) == ["nbs_may_en.txt", "nbs_may_zh.txt", "wire_may_en.txt"]
