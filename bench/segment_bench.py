"""Benchmark the segmenters on the five seed reports: speed, and fit to gold entity boundaries.

Why: the segmenter choice matters for extraction only through where it puts token boundaries.
An entity whose start and end fall on token boundaries can be found by joining whole tokens;
one that a token straddles cannot. So besides load time and chars/s we measure, for every gold
entity name or alias that occurs verbatim in its report, the share of occurrences whose start and
end are both token boundaries ("bound"), and the share that is exactly one token ("whole").

Run from the repository root:  .venv/bin/python bench/segment_bench.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.segment import (  # noqa: E402  (import after the path fix so the script runs uninstalled)
    FETCH_PKUSEG_COMMAND,
    NAMES,
    Segmenter,
    SegmenterUnavailable,
    get_segmenter,
)

SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"


@dataclass
class Tally:
    """Occurrence counts for one entity type and one segmenter."""

    names: set[str] = field(default_factory=set)
    occurrences: int = 0
    bound: int = 0
    whole: int = 0
    misses: list[str] = field(default_factory=list)


def load_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def gold_surfaces(texts: dict[str, str]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(doc, text, [(entity type, surface form)]) for every gold file whose report is a seed."""
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = texts.get(gold["doc"])
        if text is None:
            continue
        surfaces = {
            (ent["type"], form)
            for ent in gold["entities"]
            for form in [ent["name"], *ent.get("aliases", [])]
            if form
        }
        out.append((gold["doc"], text, sorted(surfaces)))
    return out


def occurrences(text: str, form: str) -> list[int]:
    """Start offsets of every (possibly overlapping) verbatim occurrence."""
    starts, i = [], text.find(form)
    while i >= 0:
        starts.append(i)
        i = text.find(form, i + 1)
    return starts


def time_segmenter(name: str, texts: dict[str, str], repeat: int) -> tuple[Segmenter, float, float]:
    """Build the segmenter (load time) and segment all texts ``repeat`` times (best chars/s)."""
    t0 = time.perf_counter()
    seg = get_segmenter(name)
    load = time.perf_counter() - t0
    chars = sum(len(t) for t in texts.values())
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text in texts.values():
            seg.cut(text)
        best = min(best, time.perf_counter() - t0)
    return seg, load, chars / best


def agreement(seg: Segmenter, docs: list[tuple[str, str, list[tuple[str, str]]]]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for _doc, text, surfaces in docs:
        tokens = seg.cut(text)
        starts = {s for _, s, _ in tokens}
        ends = {e for _, _, e in tokens}
        spans = {(s, e) for _, s, e in tokens}
        for etype, form in surfaces:
            for start in occurrences(text, form):
                end = start + len(form)
                for key in (etype, "ALL"):
                    tally = tallies[key]
                    tally.names.add(form)
                    tally.occurrences += 1
                    tally.bound += start in starts and end in ends
                    tally.whole += (start, end) in spans
                if not (start in starts and end in ends):
                    around = [w for w, s, e in tokens if e > start - 2 and s < end + 2]
                    tallies["ALL"].misses.append(f"{etype}:{form} <- {'/'.join(around)}")
    return tallies


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def print_tables(
    speed: dict[str, tuple[float, float]],
    quality: dict[str, dict[str, Tally]],
    texts: dict[str, str],
    ndocs: int,
) -> None:
    chars = sum(len(t) for t in texts.values())
    print(f"\nSpeed on {len(texts)} seed reports ({chars:,} chars)")
    print(f"{'segmenter':<10} {'load s':>7} {'chars/s':>10}")
    for name, (load, cps) in speed.items():
        print(f"{name:<10} {load:7.2f} {cps:10,.0f}")
    names = list(quality)
    if not names:
        return
    first = quality[names[0]]
    types = sorted((t for t in first if t != "ALL"), key=lambda t: -first[t].occurrences) + ["ALL"]
    print(f"\nGold entity boundary agreement ({ndocs} gold reports; names+aliases found verbatim)")
    print("bound = start and end on token boundaries; whole = exactly one token")
    header = f"{'type':<11} {'forms':>5} {'occ':>5}"
    for name in names:
        header += f" | {name + ' bound':>15} {'whole':>6}"
    print(header)
    print("-" * len(header))
    for etype in types:
        t0 = first[etype]
        row = f"{etype:<11} {len(t0.names):5d} {t0.occurrences:5d}"
        for name in names:
            t = quality[name][etype]
            row += f" | {pct(t.bound, t.occurrences):>15} {pct(t.whole, t.occurrences):>6}"
        print(row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segmenters", default=",".join(NAMES), help="comma-separated names")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; best is kept")
    parser.add_argument("--misses", type=int, default=0, help="show N boundary misses per segmenter")
    args = parser.parse_args(argv)

    import jieba  # noqa: F401  (import cost is not load cost of a segmenter)

    texts = load_texts()
    docs = gold_surfaces(texts)
    speed: dict[str, tuple[float, float]] = {}
    quality: dict[str, dict[str, Tally]] = {}
    for name in args.segmenters.split(","):
        try:
            seg, load, cps = time_segmenter(name, texts, args.repeat)
        except SegmenterUnavailable as exc:
            print(f"{name}: skipped ({exc}); install with {FETCH_PKUSEG_COMMAND}")
            continue
        speed[name] = (load, cps)
        quality[name] = agreement(seg, docs)
    print_tables(speed, quality, texts, len(docs))
    for name, tallies in quality.items() if args.misses else ():
        print(f"\n{name}: {len(tallies['ALL'].misses)} misses (type:form <- tokens around it)")
        for line in tallies["ALL"].misses[: args.misses]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
