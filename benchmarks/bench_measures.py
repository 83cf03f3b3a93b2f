"""Time list extraction: the sample sources (ms per run against a budget) or doubling sizes.

usage: .venv/bin/python benchmarks/bench_measures.py [SOURCES_DIR]
       .venv/bin/python benchmarks/bench_measures.py --doubling [--start CHARS] [--steps N]

The doubling mode builds list-heavy texts of doubling size in both languages, each once as many
paragraphs and once as a single paragraph (a page without line breaks), and exits 1 when a
doubling costs more than 2.5× the size before it (a linear stage costs about 2×).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import doubling  # noqa: E402
from briefing import clean, read  # noqa: E402
from briefing.extract import lists as measures  # noqa: E402

BUDGET_MS = 50.0  # the whole sample set must take well under this
RUNS = 20

# Units of list-heavy prose: every list shape the extractor reads, repeated to any size.
EN_UNITS = (
    "The ministry will mainly work from three aspects: First, we will cut taxes for small firms. "
    "Second, we will reduce fees. Third, we will open markets wider.",
    "The measures are as follows. The first is to expand demand. The second is to stabilise jobs. "
    "The third is to control risks. Finally, we will deepen reform.",
    "We will focus on four aspects:\n\nCut taxes. Details follow here.\n\nReduce fees. More "
    "detail.\n\nOpen markets. Even more.\n\nSupport firms. The last one.",
    "The ministry will take the following measures:\n\nImprove the coordination mechanism.\n\n"
    "Strengthen the monitoring of industrial performance.",
    "Customs will serve trade through one increase, one decrease and one strength. Increase "
    "convenience for traders. Reduce costs for firms. Strengthen innovation in supervision.",
    "Deepen cooperation in supply chains. We will act.\n\nPromote green trade. We will act.\n\n"
    "Promote new trade formats. We will act.\n\nHe said the outlook is good.",
    "The plan has three parts: (1) cut taxes; (2) reduce fees; (3) open markets. In the first "
    "quarter, GDP grew 5%. *, cut costs. Second, raise wages. Third, add jobs.",
)
ZH_UNITS = (
    "主要有五项举措：一是减税降费；二是扩大内需；三是稳定就业；四是防范风险；五是深化改革。",
    "今年将抓好4个方面的工作：\n\n扩大内需。具体。\n\n稳定就业。具体。\n\n防范风险。具体。\n\n深化改革。具体。",
    "通过“一增一降、一优一强”服务外贸。\n\n增便利，提升效率。降成本，减轻负担。优服务，优化环境。强创新，培育动能。",
    "重点工作：\n\n（一）扩大国内需求。具体措施。\n\n（二）稳定就业岗位。\n\n（三）防范金融风险。",
    "首先，要扩大内需。其次，要稳定就业。再次，要防范风险。最后，要深化改革。第一季度增长5%。",
    "深化外贸供应链国际合作。将聚焦供应链。\n\n推动贸易数字化发展。将依托平台。\n\n促进外贸新业态发展。将推进建设。",
    "从三个方面推进：*是加快资金下达；二是推进项目建设；三是激发民间投资。具体措施如下：\n\n扩大有效投资。用好专项债。",
)


def load(folder: Path) -> list[tuple[str, str]]:
    """Return (cleaned text, lang) per source."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        doc = clean.clean_source(read.read_source(path, 10_000_000))
        out.append((doc.text, doc.lang))
    return out


def samples(folder: Path) -> int:
    """Time the sample sources cold and warm; print ms and the budget ratio."""
    docs = load(folder)
    first = time.perf_counter()
    for text, lang in docs:
        measures.extract_lists(text, lang)
    cold = (time.perf_counter() - first) * 1000
    start = time.perf_counter()
    for _ in range(RUNS):
        for text, lang in docs:
            measures.extract_lists(text, lang)
    warm = (time.perf_counter() - start) * 1000 / RUNS
    chars = sum(len(t) for t, _ in docs)
    print(f"{len(docs)} sources, {chars} chars: cold {cold:.1f} ms, warm {warm:.1f} ms per run")
    print(f"ratio to the {BUDGET_MS:.0f} ms budget: "
          f"cold {cold / BUDGET_MS:.2f}, warm {warm / BUDGET_MS:.2f}")
    return 0


def doubled(start: int, steps: int) -> int:
    """Check that list extraction grows linearly on list-heavy texts; return the exit code."""
    sizes = [start * 2 ** k for k in range(steps + 1)]
    ok = True
    for lang, units in (("en", EN_UNITS), ("zh", ZH_UNITS)):
        for shape, joiner in (("paragraphs", "\n\n"), ("one paragraph", " ")):
            pieces = units if joiner == "\n\n" else tuple(u.replace("\n\n", " ") for u in units)
            ok &= doubling.check(f"lists {lang}, {shape}", lambda n, p=pieces, j=joiner: doubling.repeat_to(n, p, j),
                                 lambda text, lg=lang: measures.extract_lists(text, lg), sizes)
    print("lists: linear" if ok else "lists: a doubling cost more than "
          f"{doubling.LIMIT}× — not linear")
    return 0 if ok else 1


def main() -> int:
    """Parse the arguments and run the chosen measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent / "sources")
    parser.add_argument("--doubling", action="store_true", help="check linear growth instead")
    parser.add_argument("--start", type=int, default=25_000, help="first size in characters")
    parser.add_argument("--steps", type=int, default=4, help="how many doublings")
    args = parser.parse_args()
    return doubled(args.start, args.steps) if args.doubling else samples(args.folder)


if __name__ == "__main__":
    sys.exit(main())
