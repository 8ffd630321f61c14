"""What ``--min-confidence`` buys: precision and recall per type at confidence levels, per dev split.

Builds the 21 dev-gold reports (seeds/ and tests/data/dev/, gold in tests/data/gold) once and scores
the graph with kg.evaluate at each level. The splits are the evaluation's: tune (000, 004, odd
excerpts 01–19), check (002, excerpts 21–29) and national (2021, 2022, 2024).

    .venv/bin/python bench/confidence.py
    .venv/bin/python bench/confidence.py --levels 0,0.3,0.5,0.7,0.9 --workdir /tmp/kg-conf
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import _View, load_gold, report, score_graph, split_of  # noqa: E402
from kg.pipeline import Settings, build  # noqa: E402

DATA = ROOT / "tests" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--levels", default="0,0.5,0.7,0.9")
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    levels = [float(x) for x in args.levels.split(",")]
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-conf-"))
    shutil.rmtree(work / "in", ignore_errors=True)
    (work / "in").mkdir(parents=True)
    golds = [load_gold(p) for p in sorted((DATA / "gold").glob("*.json"))]
    for g in golds:
        src = ROOT / "seeds" / g["doc"]
        shutil.copy(src if src.exists() else DATA / "dev" / g["doc"], work / "in" / g["doc"])
    build([work / "in"], work / "out", Settings(formats=("turtle",), cache=False))
    from rdflib import Graph

    graph = Graph()
    graph.parse(work / "out" / "graph.ttl", format="turtle")
    view = _View(graph)
    for split in ("tune", "check", "national"):
        part = [g for g in golds if split_of(Path(g["doc"]).stem) == split]
        base = score_graph(graph, part, view=view)
        print(f"== {split} ({len(part)} reports)")
        print(report(base, {x: score_graph(graph, part, x, view) for x in levels}))
        print()


if __name__ == "__main__":
    main()
