"""Benchmark the ledger: cross-report queries on N synthetic reports plus the national reports.

Why: the ledger's questions (targets against outcomes, first mention of a policy, a project's years)
join figures and mentions across every report; issue 13 asks that linking stays a small share of
the build and that the ledger queries answer in under 100 ms warm at 1,000 reports. The corpus is
bench/corpus.py's synthetic reports (seed paragraphs recombined, one county each, with the seeds'
target and review sentences) and the national reports 2015–2025 of tests/data/national, so the
national ledger has real rows. Each query runs once cold and then ``--repeat`` times (best kept).

    .venv/bin/python bench/ledger_bench.py                 # N = 1000
    .venv/bin/python bench/ledger_bench.py --sizes 100 --jobs 2
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402  (import after the path fix so the script runs uninstalled)
from kg.pipeline import Settings, build  # noqa: E402
from kg.query import bind_values, execute, read_query  # noqa: E402
from kg.store import open_store  # noqa: E402

NATIONAL = ROOT / "tests" / "data" / "national"
QUERIES = {  # query → bindings (None: filled in from the built graph)
    "targets-vs-outcomes": {"placeName": "中华人民共和国"},
    "targets-vs-outcomes (a county)": None,
    "gdp-growth-ledger": {"placeName": "中华人民共和国"},
    "gdp-growth-ledger (all places)": {},
    "policy-first-mention": {"name": "乡村振兴战略"},
    "policy-first-mention (all)": {},
    "project-timeline": None,
    "project-timeline (all)": {},
}


def _most_mentioned(g, type_: str) -> str:
    n, d = max(((n, d) for n, d in g.nodes(data=True) if d.get("type") == type_),
               key=lambda nd: (len(nd[1].get("reports") or []), nd[0]))
    return str(d["label"])


def bench(n: int, work: Path, jobs: int, repeat: int) -> list[str]:
    corpus = work / f"corpus{n}"
    generate(n, corpus)
    for y in (2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025):
        shutil.copy(NATIONAL / f"{y}_guowuyuan.txt", corpus / f"{y}_guowuyuan.txt")
    out = work / f"out{n}"
    t0 = time.perf_counter()
    res = build([str(corpus)], out, Settings(formats=("turtle", "oxigraph"), jobs=jobs))
    total = time.perf_counter() - t0
    t = res.timings
    targets = sum(1 for _, d in res.graph.nodes(data=True) if d.get("kind") == "observation" and d.get("target"))
    outcomes = sum(1 for _, d in res.graph.nodes(data=True) if d.get("kind") == "observation" and not d.get("target"))
    lines = [f"## N = {n} synthetic reports + 10 national reports",
             f"build {total:.1f} s ({res.extracted} extracted, {res.cached} cached); timings: "
             + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()),
             f"link+graph share of the build: {t.get('link+graph', 0) / total:.1%}; figures: {outcomes} outcomes, {targets} targets",
             "", f"| query | rows | cold ms | warm ms (best of {repeat}) |", "|---|---|---|---|"]
    store = open_store(out / "graph.oxigraph", read_only=True)
    g = res.graph
    county = min(str(g.nodes[d["area"]]["label"]) for _, d in g.nodes(data=True)
                 if d.get("kind") == "observation" and d.get("target") and d.get("area")
                 and g.nodes[d["area"]].get("code") != "100000")
    filled = {"targets-vs-outcomes (a county)": {"placeName": county},
              "project-timeline": {"projectName": _most_mentioned(res.graph, "Project")}}
    for label, binding in QUERIES.items():
        binding = filled.get(label, binding)
        text = read_query(label.split(" ")[0])
        if binding:
            text = bind_values(text, binding)
        t1 = time.perf_counter()
        rows = len(execute(text, store).rows)
        cold = (time.perf_counter() - t1) * 1000
        warm = min(_timed(text, store) for _ in range(repeat))
        shown = label + (f" ({', '.join(f'{k}={v}' for k, v in binding.items())})" if binding else "")
        lines.append(f"| `{shown}` | {rows} | {cold:.1f} | {warm:.1f} |")
    return lines


def _timed(text: str, store) -> float:
    t = time.perf_counter()
    execute(text, store)
    return (time.perf_counter() - t) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000], help="numbers of synthetic reports")
    ap.add_argument("--work", default="/tmp/kg-ledger-bench", help="folder for corpora and outputs")
    ap.add_argument("--jobs", type=int, default=0, help="extraction processes (0: one per CPU)")
    ap.add_argument("--repeat", type=int, default=5, help="warm runs per query (best is kept)")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        print("\n".join(bench(n, work, args.jobs, args.repeat)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
