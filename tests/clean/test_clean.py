"""Tests for briefing.clean: gold expectations, clean texts untouched, idempotence, noise recovery."""
from __future__ import annotations

import difflib
import random
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.clean import meta as cleanmeta
from briefing.clean import steps as clean
from briefing.clean import words
from briefing.models import Source

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
GOLD = ROOT / "tests" / "gold"
EN_CLEAN, ZH_CLEAN, NOISY = "000_4f1f7586a0459ec1", "001_20f21d32090ae5a6", "004_c9713b0c270de763"
SEEDS = (1, 2, 3, 4, 5)


def norm(s: str) -> str:
    """Normalise like shared/tools/score_extract.py's norm()."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[\s\"'“”‘’«»]+", " ", s)
    return s.strip(" .,;:，。；：、")


def raw(stem: str) -> str:
    """Return a sample's text."""
    return (SOURCES / f"{stem}.txt").read_text(encoding="utf-8")


def cleaned(stem: str):
    """Clean a sample as the pipeline does."""
    path = SOURCES / f"{stem}.txt"
    text = raw(stem)
    return clean.clean_source(Source(path, path.name, text, "utf-8", "txt", len(text.encode())))


def gold_cases(key: str, folder: Path = GOLD) -> list[tuple[str, str]]:
    """Return (stem, phrase) for every clean.<key> expectation in a folder of gold files."""
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases += [(path.stem, phrase) for phrase in (data.get("clean") or {}).get(key) or []]
    return cases


@pytest.mark.parametrize(("stem", "phrase"), gold_cases("contains"))
def test_gold_contains(stem: str, phrase: str) -> None:
    assert norm(phrase) in norm(cleaned(stem).text)


@pytest.mark.parametrize(("stem", "phrase"), gold_cases("excludes"))
def test_gold_excludes(stem: str, phrase: str) -> None:
    assert norm(phrase) not in norm(cleaned(stem).text)


def gold_meta() -> list[tuple[str, str, str | None, str | None]]:
    """Return (stem, lang, title_contains, date) from the gold files."""
    rows = []
    for path in sorted(GOLD.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.append((path.stem, data["lang"], data.get("title_contains"), data.get("date")))
    return rows


@pytest.mark.parametrize(("stem", "lang", "title", "date"), gold_meta())
def test_gold_lang_title_date(stem: str, lang: str, title: str | None, date: str | None) -> None:
    result = cleaned(stem)
    assert result.lang == lang
    assert result.date == date
    if title:
        assert result.title and norm(title) in norm(result.title)


def test_byline_found_and_steps_explained() -> None:
    result = cleaned(EN_CLEAN)
    assert result.byline == "Reporter Luo Shanshan"
    report = clean.explain(result)
    assert [s.name for s in result.steps] == [name for name, _ in clean.STEPS]
    assert all(step.name in report for step in result.steps)


def test_furniture_step_records_examples() -> None:
    result = cleaned("002_6cb24653960173db")
    step = next(s for s in result.steps if s.name == "furniture")
    assert step.removed >= 6 and any("Source" in ex for ex in step.examples)
    assert "furniture" in clean.explain(result) and "Source:china.cn" in clean.explain(result)


# --- clean sources stay clean ---------------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _removed_lines(result) -> set[str]:
    """Return the stripped lines the line-removing steps removed (by re-checking raw lines)."""
    return {line.strip() for line in result.source.text.split("\n")
            if line.strip() and (clean.is_furniture(line.strip()) or clean.is_metadata_line(line.strip()))}


@pytest.mark.parametrize("stem", [EN_CLEAN, ZH_CLEAN])
def test_clean_sources_change_only_whitespace_and_furniture(stem: str) -> None:
    result = cleaned(stem)
    gone = _removed_lines(result)
    kept = "\n".join(line for line in raw(stem).split("\n") if line.strip() not in gone)
    assert _words(result.text) == _words(kept)
    assert re.sub(r"\s", "", result.text) == re.sub(r"\s", "", kept)


# --- idempotence ----------------------------------------------------------------------------
def _sample_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SOURCES.glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines


SAMPLE_LINES = _sample_lines()
symbols = st.sampled_from(list("αβπΩ∑≈≤★✔♥€£$¥'\"&<> \n-.,%0123456789一是统消費(fèi)１２％．"))
texts = st.one_of(
    st.text(alphabet=st.one_of(st.characters(codec="utf-8"), symbols), max_size=300),
    st.lists(st.sampled_from(SAMPLE_LINES), min_size=1, max_size=6).map("\n".join),
    st.tuples(st.sampled_from(SAMPLE_LINES), st.text(alphabet=symbols, max_size=40)).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean.clean_text(text)
    assert clean.clean_text(once) == once


@pytest.mark.parametrize("stem", [p.stem for p in sorted(SOURCES.glob("*.txt"))])
def test_samples_idempotent(stem: str) -> None:
    once = clean.clean_text(raw(stem))
    assert clean.clean_text(once) == once


# --- noise recovery without hand labels -----------------------------------------------------
def _noise_model() -> tuple[float, list[str], list[int], float]:
    """Measure from 004: cut runs per character, their symbols, their lengths, share with a space."""
    text = raw(NOISY)
    runs = [m.group() for m in clean._injection_res()[0].finditer(text)]
    rate = len(runs) / len(text)
    inventory = [ch for run in runs for ch in run if ch != " "]
    lengths = [len(run.replace(" ", "")) for run in runs]
    spaced = sum(" " in run.strip() or run != run.strip() for run in runs) / len(runs)
    return rate, inventory, lengths, spaced


NOISE_MODEL = _noise_model()


def inject(text: str, seed: int) -> str:
    """Inject symbols and spaces into `text` the way 004 shows, at 004's rate."""
    rate, inventory, lengths, spaced = NOISE_MODEL
    rng = random.Random(seed)
    spots = [i for i, ch in enumerate(text) if ch != "\n" and i and text[i - 1] != "\n"]
    chosen = sorted(rng.sample(spots, int(rate * len(text))), reverse=True)
    chars = list(text)
    for i in chosen:
        run = [rng.choice(inventory) for _ in range(rng.choice(lengths))]
        if rng.random() < spaced:
            run.insert(rng.randrange(len(run) + 1), " ")
        chars[i:i] = run
    return "".join(chars)


def test_noise_model_is_measured() -> None:
    rate, inventory, lengths, spaced = NOISE_MODEL
    assert 0.005 < rate < 0.1 and len(set(inventory)) > 20 and 0 < spaced < 1 and max(lengths) >= 3


EN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def _recovered(a: list[str], b: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


@pytest.mark.parametrize("seed", SEEDS)
def test_english_noise_recovery(seed: int) -> None:
    truth = clean.clean_text(raw(EN_CLEAN))
    noisy = inject(truth, seed)
    assert clean.is_noisy(noisy)
    back = clean.clean_text(noisy)
    assert _recovered(EN_WORD.findall(truth), EN_WORD.findall(back)) >= 0.98
    assert not Counter(NUMBER.findall(truth)) - Counter(NUMBER.findall(back))


@pytest.mark.parametrize("seed", SEEDS)
def test_chinese_noise_recovery(seed: int) -> None:
    truth = clean.clean_text(raw(ZH_CLEAN))
    back = clean.clean_text(inject(truth, seed))
    keep = re.compile(f"[{clean.CJK_CLASS}0-9A-Za-z%.，。、：“”]")
    assert _recovered(keep.findall(truth), keep.findall(back)) >= 0.99
    assert not Counter(NUMBER.findall(truth)) - Counter(NUMBER.findall(back))


# --- individual rules -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("消費(fèi)持续增长", "消费持续增长"),
    ("增长(zēngzhǎng)", "增长"),
    ("国内生产总值(GDP)增长", "国内生产总值(GDP)增长"),
    ("同比增长７．５％，一是稳增长，统一大市场", "同比增长7.5%，一是稳增长，统一大市场"),
    ("他说：“好。”", "他说：“好。”"),
    ("經濟持續回升向好", "经济持续回升向好"),
])
def test_chinese_normalisation(text: str, expected: str) -> None:
    assert clean.clean_text(text) == expected


CLEAN_EN = ("It cost $5 billion and £3 million, up 7.5% from the country's \"little giant\" firms. "
            "The \"Artificial Intelligence +\" action & R&D continue. ") * 3


def test_clean_english_keeps_real_symbols() -> None:
    assert not clean.is_noisy(CLEAN_EN)
    assert clean.clean_text(CLEAN_EN) == CLEAN_EN.strip()


@pytest.mark.parametrize(("noisy", "expected"), [
    ("comple£©÷πx", "complex"), ("Sept™€♥ ember", "September"), ("1.φ→✘15 trillion", "1.15 trillion"),
    ("9•≤£.4%", "9.4%"), ("competitivenes s?", "competitiveness?"), ("my country's indus<σtry", "my country's industry"),
    ("12,000 \"little gia$☆nt\" firms", "12,000 \"little giant\" firms"), ("year-on- '↕year", "year-on-year"),
])
def test_injected_symbols_removed(noisy: str, expected: str) -> None:
    filler = " ".join(["wor♦k", "gr★owth", "tr∑ade", "in✔dex", "st±eel"] * 2)
    assert clean.clean_text(f"{noisy} {filler}").startswith(expected + " ")


def test_stray_prefix_found_by_repetition() -> None:
    lines = [f"XQ-42b{i % 2} Line {i} says something." if i % 2 else f"Line {i} plain." for i in range(8)]
    text = "\n".join(f"ZZ9-Q7 {line}" if i % 3 == 0 else line for i, line in enumerate(lines))
    out = clean.clean_text(text)
    assert "ZZ9-Q7" not in out and "Line 0 plain." in out


@pytest.mark.parametrize("line", ["Q: What next?", "1. First item", "2023 was a good year", "The end"])
def test_repeated_ordinary_starts_are_kept(line: str) -> None:
    text = "\n".join([line] * 5)
    assert [ln for ln in clean.clean_text(text).split("\n") if ln] == [line] * 5


@pytest.mark.parametrize(("lines", "date"), [
    (["Title", "2023-01-03", "Body."], "2023-01-03"),
    (["标题", "发布时间:2024-11-22 03:41:54", "正文。", "《 人民日报 》( 2024年03月27日 03 版)"], "2024-03-27"),
    (["Title", "Published: March 5, 2024", "Body."], "2024-03-05"),
    (["Title", "On March 26, the office met."], None),
    (["Title", "2023-02-30"], None),
])
def test_dates(lines: list[str], date: str | None) -> None:
    assert cleanmeta.find_date(lines) == date


@pytest.mark.parametrize(("lines", "byline"), [
    (["Title", "Reporter Luo Shanshan", "Body text."], "Reporter Luo Shanshan"),
    (["标题", "本报记者 张三 李四", "正文。"], "本报记者 张三 李四"),
    (["标题", "新华社北京3月26日电(记者 王五)正文。"], "记者 王五"),
    (["Title", "Reporter: The main indicators of industrial production were better than expected."], None),
])
def test_bylines(lines: list[str], byline: str | None) -> None:
    assert cleanmeta.find_byline(lines) == byline


def test_no_title_when_text_starts_with_body() -> None:
    assert cleanmeta.find_title(["Since the beginning of this year, growth held up.", "More."]) is None


# --- speed-ups keep the behaviour -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "0§0×0•0←0☀０",  # full-width digits count as digits when judging noise (number_width makes them ASCII)
    "0§0×0•0←0\u200b☀0",  # so does a zero-width space that normalise will drop
    "Growth is u★p, tr∑ade, in✔dex, st±eel, gr★owth. \n%Ω",  # a line left with only "%" after the cut
])
def test_found_non_idempotent_cases(text: str) -> None:
    once = clean.clean_text(text)
    assert clean.clean_text(once) == once


def _reference_injection_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the injected-symbol patterns as first written: plain, but tried at every position."""
    always, amb = clean._symbol_classes()
    cjk = clean.CJK_CLASS
    sure = f"[{amb} ]*+[{always}][{always}{amb} ]*+"
    wedged = (rf"(?<=[A-Za-z])(?!'(?:s|t|d|ll|re|ve|m)\b)[{amb}]++(?=[A-Za-z])"
              rf"|(?<=[A-Za-z])[$\u00a3\u20ac\u00a5<>][{amb}]*+ [{amb}]*+(?=[A-Za-z])"
              rf"|(?<=\d)[{amb}]++ ?(?=[\d%])|(?<=\d[.,])[{amb}]++(?=\d)|(?<=\d)[{amb}]++ ?(?=[.,]\d)"
              rf"|(?<=[{cjk}])[{amb}]++(?=[{cjk}0-9])|(?<=\d)[{amb}]++(?=[{cjk}])"
              rf"|[$\u00a3\u20ac\u00a5<>]++(?=[A-Za-z])|(?<![A-Z])&(?![A-Z ])|(?<! )&(?= )"
              rf"|(?<![<>])(?<! )[<>](?![<>\d=])|(?<![<>])(?<= )[<>](?![<>\d= ])")
    return re.compile(sure), re.compile(wedged)


DENSE = st.text(alphabet=st.sampled_from(list("$$<<>>&&''\"a1Z一 ★€£¥=∑α©\n")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(DENSE)
def test_fast_injection_patterns_find_the_reference_runs(text: str) -> None:
    for fast, slow in zip(clean._injection_res(), _reference_injection_res()):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@pytest.mark.parametrize("seed", SEEDS)
def test_fast_injection_patterns_on_noisy_samples(seed: int) -> None:
    text = inject(raw(EN_CLEAN), seed) + inject(raw(ZH_CLEAN), seed)
    for fast, slow in zip(clean._injection_res(), _reference_injection_res()):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


def _reference_rejoin_words(text: str) -> str:
    """Rejoin split words as first written: one regex alternation of the odd words."""
    odd = sorted({w for w in set(re.findall(r"[A-Za-z]++", text))
                  if words.zipf(w) < words.COMMON or words.stray_letter(w)}, key=len, reverse=True)
    if not odd:
        return text
    alt, word = "|".join(map(re.escape, odd)), r"[A-Za-z]++(?![A-Za-z])"
    pair = re.compile(rf"(?<![A-Za-z0-9'])(?:(?:{alt}) (?={word})|{word} (?=(?:{alt})(?![A-Za-z])))")

    def join(m: re.Match[str]) -> str:
        b = clean.WORD_START_RE.match(m.string, m.end()).group()
        return m.group()[:-1] if words.words_join(m.group()[:-1], b, lenient=False) else m.group()

    for _ in range(3):
        text, before = pair.sub(join, text), text
        if text == before:
            break
    return text


@pytest.mark.parametrize("seed", SEEDS)
def test_rejoin_words_matches_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    words = raw(EN_CLEAN).split()
    split = [w[:1] + " " + w[1:] if rng.random() < 0.2 else w for w in words]  # "c ompetitive"
    text = " ".join(split) + " competitivenes s, manufacturi ng 5 s x'y z"
    ctx = clean.Context(noisy=True)
    assert clean.rejoin_words(text, ctx).text == _reference_rejoin_words(text)


@pytest.mark.parametrize("text", [
    "a" + " " * 100_000 + "b",  # a long run of spaces in a noisy text
    "a " + "$" * 100_000 + " ",  # currency signs before no letter
    "< " + "<" * 100_000 + "1",  # angle brackets before a digit
    "'" * 100_000 + " x",
    "editor" + " " * 100_000 + "x",  # a furniture pattern with two \s* around an optional part
])
def test_long_symbol_runs_stay_linear(text: str) -> None:
    # quadratic matching would take minutes here; linear takes milliseconds
    start = time.perf_counter()
    clean.injected_symbols(text, clean.Context(noisy=True))
    clean.is_noisy(text)
    clean.is_furniture(text)
    assert time.perf_counter() - start < 3.0


def test_word_list_read_directly_matches_wordfreq() -> None:
    """The word list read from wordfreq's data file gives wordfreq's own frequencies."""
    from wordfreq import zipf_frequency

    table = words.english_zipf()
    assert len(table) > 20_000
    for word in ("the", "economy", "competitiveness", "industrial", "manufacturing", "steadily", "xqzt"):
        assert table.get(word, 0.0) == pytest.approx(zipf_frequency(word, "en", wordlist="small"), abs=0.011)


@pytest.mark.parametrize("head, title, date", [
    # site name and navigation first; the headline sits right above its stamp
    ("National Bureau of Statistics of China\nHome > News Release\n\nNational Economy Grew Steadily in May\n\n"
     "2025-06-16 10:00\n", "National Economy Grew Steadily in May", "2025-06-16"),
    ("中国人民银行\n\n2025年4月金融统计数据报告\n\n来源：调查统计司　　2025-05-14 16:00:00\n",
     "2025年4月金融统计数据报告", "2025-05-14"),
    ("NDRC unveils measures to expand investment\n\nSource: Xinhua | Updated: 2025-04-18 08:45\n",
     "NDRC unveils measures to expand investment", "2025-04-18"),
    ("More proactive fiscal policy: minister\n\nBy WANG LEI | chinadaily.com.cn | Updated: 2025-04-21 07:30\n",
     "More proactive fiscal policy: minister", "2025-04-21"),
    # a subtitle under the headline; the print citation gives the date
    ("把稳就业摆在更加突出位置\n——访人力资源和社会保障部部长\n本报记者 李心萍\n《人民日报》（2025年01月20日 第04版）\n",
     "把稳就业摆在更加突出位置", "2025-01-20"),
    # a date carried by the headline only
    ("MOFCOM Regular Press Conference (May 15, 2025)\n", "MOFCOM Regular Press Conference (May 15, 2025)",
     "2025-05-15"),
])
def test_title_and_date_from_page_heads(head: str, title: str, date: str) -> None:
    body = "\n\nIndustrial output grew by 5.8% year-on-year in May, and retail sales rose steadily.\n"
    result = clean.clean_source(Source(path=Path("x.txt"), name="x.txt", text=head + body, encoding="utf-8",
                                       format="txt", size=len(head + body)))
    assert (result.title, result.date) == (title, date)
    assert "Updated:" not in result.text and "来源：" not in result.text  # stamps leave the text


@pytest.mark.parametrize("line", [
    "On 2025-04-18 at 10:00 the ministry said exports grew by 5 percent.",
    "The State Council met at 10:00 on March 3, 2025 and decided to expand consumption across the country",
])
def test_prose_with_a_date_and_time_is_not_a_stamp(line: str) -> None:
    assert line in clean.clean_text(f"Title\n\n{line}\n")
