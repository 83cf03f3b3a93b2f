"""Does every stage stay linear? Double the input of each stage and time it; exit 1 above 2.5x per doubling.

usage: python benchmarks/bench_linear.py [--quick] [STAGE...]

Stages are called directly, on synthetic but realistic texts made here (varied sentences, not
one line repeated): `clean` (clean.clean_source) on a long statistics release, `figures`
(extract.extract_figures) on that release in English and Chinese, `lists`
(extract.extract_lists) on a long ordinal list text in English ("First, … Second, …") and in
Chinese (一是…二是…), and `pair` (bilingual.find_pairs) on a doubling number of documents, half
English, half their Chinese versions; and `memory` (TranslationMemory.lookup): a fixed day's lookups
against a memory of doubling size, which must stay flat (FLAT per doubling), since a memory grows
every day and a daily build must cost what is new. Each size is timed ROUNDS times, sizes alternating within a
round so that load from other processes hits all of them alike; the best CPU time counts. A stage's
growth is the geometric mean of its time ratios over the last two doublings (linear: 2.0,
quadratic: 4.0), where fixed costs no longer hide how the cost grows. Exits 1 when any grows
faster than LIMIT per doubling. --quick uses smaller sizes (a smoke test, noisier).
"""
from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import bilingual, clean, extract  # noqa: E402
from briefing.models import Document, Source  # noqa: E402

LIMIT = 2.5  # time ratio per doubling; linear is 2.0, quadratic 4.0
FLAT = 1.5  # for a stage whose cost must not grow with its input (the memory a day's lookups search)
ROUNDS = 3
DOUBLINGS = 3  # four sizes: n, 2n, 4n, 8n
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
INDICATORS = [("the value added of industrial enterprises above designated size", "规模以上工业增加值"),
              ("total retail sales of consumer goods", "社会消费品零售总额"),
              ("fixed-asset investment", "固定资产投资"), ("exports of goods", "货物出口"),
              ("imports of goods", "货物进口"), ("the output of new energy vehicles", "新能源汽车产量"),
              ("high-tech manufacturing", "高技术制造业增加值"), ("online retail sales", "网上零售额"),
              ("profits of industrial enterprises", "规模以上工业企业利润"), ("service output", "服务业生产指数")]
MEASURES_EN = ["upgrade traditional industries with digital technology", "expand effective investment in "
               "infrastructure", "stabilise employment for college graduates", "support small and micro "
               "enterprises with targeted credit", "open more pilot zones for cross-border e-commerce",
               "cut logistics costs for manufacturers", "protect intellectual property in new industries",
               "boost consumption of services in rural areas", "speed up payments owed to suppliers",
               "build charging networks in county towns"]
MEASURES_ZH = ["推动传统产业数字化改造升级", "扩大基础设施领域有效投资", "稳定高校毕业生就业",
               "加大对小微企业的定向信贷支持", "增设跨境电商综合试验区", "降低制造业企业物流成本",
               "加强新兴产业知识产权保护", "促进农村服务消费", "加快清理拖欠企业账款", "建设县城充电网络"]
ORDINALS_EN = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
ORDINALS_ZH = ["一是", "二是", "三是", "四是", "五是", "六是"]
COUNTS_ZH = "三四五六"


def statistics_en(rng: random.Random, chars: int) -> str:
    """Return an English statistics release of about `chars` characters."""
    paragraphs = ["Industrial production and consumption grew steadily\n"]
    while sum(map(len, paragraphs)) < chars:
        (name, _), month = rng.choice(INDICATORS), rng.choice(MONTHS)
        value, faster = rng.randint(1, 150) / 10, rng.randint(1, 30) / 10
        verb = rng.choice(["increased", "grew", "rose", "decreased", "fell"])
        paragraphs.append(f"In {month}, {name} {verb} by {value}% year-on-year, {faster} percentage points "
                          f"{rng.choice(['faster', 'slower'])} than in the previous month. From January to "
                          f"{month}, it reached {rng.randint(10, 900)}.{rng.randint(0, 9)} billion yuan, up "
                          f"{rng.randint(1, 90) / 10} percent.\n")
    return "\n".join(paragraphs)


def statistics_zh(rng: random.Random, chars: int) -> str:
    """Return a Chinese statistics release of about `chars` characters."""
    paragraphs = ["工业生产和市场销售稳定增长\n"]
    while sum(map(len, paragraphs)) < chars:
        (_, name), month = rng.choice(INDICATORS), rng.randint(1, 12)
        value, faster = rng.randint(1, 150) / 10, rng.randint(1, 30) / 10
        trend = rng.choice(["增长", "下降"])
        paragraphs.append(f"{month}月份，{name}同比{trend}{value}%，增速比上月{rng.choice(['加快', '回落'])}"
                          f"{faster}个百分点。1—{month}月份，累计达到{rng.randint(10, 900)}亿元，增长"
                          f"{rng.randint(1, 90) / 10}%。\n")
    return "\n".join(paragraphs)


def lists_en(rng: random.Random, chars: int) -> str:
    """Return an English text of announced ordinal lists, about `chars` characters.

    Half of it keeps a paragraph per item; the other half is one paragraph, as pages whose line
    breaks were lost come out of the cleaner, where every list shares its paragraph with the others.
    """
    blocks, run_on = ["The ministry set out its work for the year\n"], []
    while sum(map(len, blocks)) + sum(map(len, run_on)) < chars:
        count = rng.randint(3, 6)
        words = ["three", "four", "five", "six"][count - 3]
        items = [f"{ORDINALS_EN[i]}, we will {rng.choice(MEASURES_EN)} and {rng.choice(MEASURES_EN)}, "
                 f"so that {rng.choice(INDICATORS)[0]} grows by {rng.randint(2, 9)}% this year."
                 for i in range(count)]
        intro = f"The vice minister said the ministry will focus on the following {words} aspects:"
        if len(blocks) <= len(run_on):
            blocks.append(intro + "\n\n" + "\n\n".join(items) + "\n")
        else:
            run_on.append(intro + " " + " ".join(items))
    return "\n".join(blocks) + "\n" + " ".join(run_on) + "\n"


def lists_zh(rng: random.Random, chars: int) -> str:
    """Return a Chinese text of announced 一是…二是… lists, about `chars` characters (half in one paragraph)."""
    blocks, run_on = ["商务部部署全年重点工作\n"], []
    while sum(map(len, blocks)) + sum(map(len, run_on)) < chars:
        count = rng.randint(3, 6)
        items = "".join(f"{ORDINALS_ZH[i]}{rng.choice(MEASURES_ZH)}，{rng.choice(MEASURES_ZH)}，力争"
                        f"{rng.choice(INDICATORS)[1]}增长{rng.randint(2, 9)}%。" for i in range(count))
        paragraph = f"副部长表示，下一步将重点抓好以下{COUNTS_ZH[count - 3]}个方面工作：{items}"
        (blocks if len(blocks) <= len(run_on) else run_on).append(paragraph)
    return "\n\n".join(blocks) + "\n\n" + "".join(run_on) + "\n"


def source(text: str, name: str) -> Source:
    """Wrap a text as the Source the pipeline would read."""
    return Source(ROOT / name, name, text, "utf-8", "txt", len(text.encode("utf-8")))


def memory(entries: int) -> object:
    """Return a translation memory of `entries` aligned segments, as years of builds would leave."""
    from briefing.bilingual.memory import TranslationMemory

    rng, tm = random.Random(entries), TranslationMemory()
    for i in range(entries):
        en, zh = rng.choice(INDICATORS)
        tm.add(f"{en} in {rng.choice(MONTHS)} {2000 + i % 30} grew {i % 97}.{i % 10} percent",
               f"{2000 + i % 30}年{rng.randint(1, 12)}月{zh}增长{i % 97}.{i % 10}%")
    tm.lookup("warm-up", "en", 85)  # the index is built once per build: outside the timing
    return tm


def day_of_lookups(tm: object) -> None:
    """Look up a day's labels (300, half English, half Chinese) in the memory."""
    rng = random.Random(1)
    for i in range(150):
        en, zh = rng.choice(INDICATORS)
        tm.lookup(f"{en} in {rng.choice(MONTHS)} grew {i % 50} percent", "en", 85)  # type: ignore[attr-defined]
        tm.lookup(f"{rng.randint(1, 12)}月{zh}增长{i % 50}%", "zh", 85)  # type: ignore[attr-defined]


def documents(count: int) -> list[Document]:
    """Return `count` documents: English releases and their Chinese versions, sharing their figures."""
    from briefing.pipeline import extract_document

    docs = []
    for i in range(count // 2):
        seed = random.Random(1000 + i).randint(0, 10**9)
        docs.append(extract_document(source(statistics_en(random.Random(seed), 1500), f"{i:03d}_en.txt")))
        docs.append(extract_document(source(statistics_zh(random.Random(seed), 700), f"{i:03d}_zh.txt")))
    return docs


@dataclass(frozen=True)
class Stage:
    """A stage to time: what it is given at each size, and the call."""

    name: str
    unit: str
    base: int  # the smallest size
    make: Callable[[int], object]  # size → the input
    run: Callable[[object], object]  # input → (timed) result
    limit: float = LIMIT


def stages(quick: bool) -> list[Stage]:
    """Return the stages, sized so the smallest run takes some milliseconds."""
    k = 4 if quick else 1
    rng = random.Random
    return [
        Stage("clean", "chars", 100_000 // k, lambda n: source(statistics_en(rng(1), n), "s.txt"),
              clean.clean_source),  # type: ignore[arg-type]
        Stage("figures en", "chars", 25_000 // k, lambda n: statistics_en(rng(2), n),
              lambda t: extract.extract_figures(t, "en")),  # type: ignore[arg-type]
        Stage("figures zh", "chars", 12_500 // k, lambda n: statistics_zh(rng(3), n),
              lambda t: extract.extract_figures(t, "zh")),  # type: ignore[arg-type]
        Stage("lists en", "chars", 25_000 // k, lambda n: lists_en(rng(4), n),
              lambda t: extract.extract_lists(t, "en")),  # type: ignore[arg-type]
        Stage("lists zh", "chars", 10_000 // k, lambda n: lists_zh(rng(5), n),
              lambda t: extract.extract_lists(t, "zh")),  # type: ignore[arg-type]
        # from 64 documents: below the index's posting cap (64 per key) every shared value is a
        # candidate, so small sets are quadratic by design; the cost that matters is past the cap
        Stage("pair", "documents", 64 // k, documents,
              lambda docs: bilingual.find_pairs(docs, 0.6)),  # type: ignore[arg-type]
        Stage("memory", "entries", 20_000 // k, memory, day_of_lookups, limit=FLAT),  # type: ignore[arg-type]
    ]


def best_times(stage: Stage) -> list[tuple[int, float]]:
    """Return (size, best seconds) for each doubling of the stage's input."""
    sizes = [stage.base * 2 ** i for i in range(DOUBLINGS + 1)]
    inputs = [stage.make(n) for n in sizes]
    stage.run(inputs[0])  # warm caches (word lists, compiled patterns) outside the timing
    best = [float("inf")] * len(sizes)
    for _ in range(ROUNDS):
        for i, given in enumerate(inputs):
            start = time.process_time()  # CPU time: other engineers' processes on the box do not count
            stage.run(given)
            best[i] = min(best[i], time.process_time() - start)
    return list(zip(sizes, best))


def growth(times: list[tuple[int, float]]) -> float:
    """Return the geometric mean time ratio per doubling over the last two doublings."""
    mid, last = times[-3][1], times[-1][1]
    return (last / max(mid, 1e-9)) ** 0.5


def main(argv: list[str]) -> int:
    """Time every chosen stage, print the figures and return 1 if one grows faster than LIMIT."""
    quick = "--quick" in argv
    chosen = [a for a in argv if not a.startswith("--")]
    missed = []
    for stage in stages(quick):
        if chosen and not any(c in stage.name for c in chosen):
            continue
        times = best_times(stage)
        ratios = [b / max(a, 1e-9) for (_, a), (_, b) in zip(times, times[1:])]
        rate = growth(times)
        verdict = "ok" if rate <= stage.limit else "GROWS TOO FAST"
        cells = ", ".join(f"{n} {stage.unit}: {t * 1000:.0f} ms" for n, t in times)
        print(f"{stage.name:<11} {cells}; ratios {', '.join(f'{r:.2f}' for r in ratios)}; "
              f"growth {rate:.2f}x per doubling (limit {stage.limit}) {verdict}", flush=True)
        if rate > stage.limit:
            missed.append(stage.name)
    print("every stage linear" if not missed else f"not linear: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
