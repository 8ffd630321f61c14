"""Benchmark the competency queries (queries/*.rq) on Oxigraph and on plain rdflib, same graph.

Why: `kg query` and `kg serve` need a store that stays fast as the corpus grows. The goal is every
competency query under 100 ms on a graph of 1,000 reports. For each size N the script generates N
synthetic reports (bench/corpus.py: seed paragraphs recombined, places and firms varied), builds
the graph with the real pipeline, maps it to RDF once (kg.export.turtle.to_rdf), loads that into
an Oxigraph store (kg.export.oxigraph.write_store) and keeps the rdflib Graph itself for the rdflib side, so
both engines answer over exactly the same triples. Each query runs once cold and then ``--repeat``
times on Oxigraph (best time reported), and once on rdflib under a timeout (``>60s`` when cut off).
Row counts of the two engines are compared, so a speed-up that changed the answer would show.
It also times writing Turtle with rdflib and with Oxigraph.

Run from the repository root (a 1,000-report build takes minutes; extractions are cached):

    .venv/bin/python bench/query_bench.py                  # N = 100 and 1000
    .venv/bin/python bench/query_bench.py --sizes 100 --timeout 10
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402  (import after the path fix so the script runs uninstalled)
from kg.atomic import atomic_write  # noqa: E402
from kg.query import QueryError, bind_values, competency_queries, execute  # noqa: E402


@dataclass
class QueryTiming:
    name: str
    rows: int
    oxigraph_cold_ms: float
    oxigraph_ms: float
    rdflib_ms: float | None  # None: timed out
    rdflib_rows: int | None


@dataclass
class SizeResult:
    reports: int
    triples: int
    build_s: float
    to_rdf_s: float
    store_write_s: float
    turtle_rdflib_s: float
    turtle_oxigraph_s: float
    queries: list[QueryTiming] = field(default_factory=list)
    bindings: dict[str, str] = field(default_factory=dict)
    rdflib_skipped: bool = False


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


def timed_rdflib(text: str, graph: Any, timeout: float) -> tuple[float | None, int | None]:
    """Seconds and row count of one rdflib run, or (None, None) past ``timeout`` (SIGALRM: rdflib
    evaluates in Python, so the alarm interrupts it between bytecodes)."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        res = execute(text, graph, prefixes={})
        return res.seconds, len(res.rows)
    except Timeout:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def bindings_for(g: Any) -> dict[str, str]:
    """Values for the queries' VALUES lines that exist in this graph: the seeds' examples
    (科尔沁左翼后旗, 四好农村路) may not. The place is the report place with the most figures,
    the policy the one most projects implement; 两不愁三保障 is national and stays."""
    from collections import Counter

    figures = Counter(d["area"] for _, d in g.nodes(data=True) if d.get("kind") == "observation" and d.get("area"))
    place = min(figures, key=lambda n: (-figures[n], n))
    implemented = Counter(v for _, v, k in g.edges(keys=True) if k == "implements")
    policy = min(implemented, key=lambda n: (-implemented[n], n))
    return {"placeName": g.nodes[place]["label"], "name": g.nodes[place]["label"],
            "policyName": g.nodes[policy]["label"]}


def bind(text: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        try:
            text = bind_values(text, {k: v})
        except QueryError:
            pass  # the query has no such VALUES line
    return text


def bench_size(n: int, work: Path, jobs: int, repeat: int, timeout: float, skip_rdflib: bool) -> SizeResult:
    import pyoxigraph as ox

    from kg.export.oxigraph import write_store
    from kg.export.rdf import serialize
    from kg.export.turtle import to_rdf
    from kg.pipeline import Settings, build
    from kg.store import open_store

    paths = generate(n, work / f"corpus{n}")
    t0 = time.perf_counter()
    res = build([str(p) for p in paths], None, Settings(formats=(), jobs=jobs))
    t1 = time.perf_counter()
    rdf = to_rdf(res.graph)
    t2 = time.perf_counter()
    store_path = work / f"store{n}.oxigraph"
    write_store(res.graph, store_path)
    t3 = time.perf_counter()
    rdf.serialize(format="turtle", encoding="utf-8")
    t4 = time.perf_counter()
    serialize(res.graph, ox.RdfFormat.TURTLE)  # what kg writes (the store's default graph is empty)
    t5 = time.perf_counter()
    store = open_store(store_path, read_only=True)
    out = SizeResult(n, len(rdf), t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
    values = bindings_for(res.graph)
    out.bindings, out.rdflib_skipped = values, skip_rdflib
    print(f"N={n}: {len(rdf):,} triples; build {t1 - t0:.1f} s, to_rdf {t2 - t1:.1f} s, "
          f"store {t3 - t2:.1f} s, Turtle rdflib {t4 - t3:.1f} s vs Oxigraph {t5 - t4:.2f} s; {values}", flush=True)
    for name, (path, _) in competency_queries().items():
        text = bind(path.read_text(encoding="utf-8"), values)
        cold = execute(text, store, prefixes={})
        best = min(execute(text, store, prefixes={}).seconds for _ in range(repeat))
        r_s, r_rows = (None, None) if skip_rdflib else timed_rdflib(text, rdf, timeout)
        out.queries.append(QueryTiming(name, len(cold.rows), cold.seconds * 1000, best * 1000,
                                       None if r_s is None else r_s * 1000, r_rows))
        rd = "skipped" if skip_rdflib else f">{timeout:.0f}s" if r_s is None else f"{r_s * 1000:.1f} ms"
        print(f"  {name:28} {len(cold.rows):>6} rows  oxigraph {best * 1000:8.1f} ms  rdflib {rd}", flush=True)
    return out


def table(results: list[SizeResult], timeout: float) -> str:
    lines = []
    for r in results:
        speedup = r.turtle_rdflib_s / max(r.turtle_oxigraph_s, 1e-9)
        lines += ["", f"N = {r.reports} reports, {r.triples:,} triples (build {r.build_s:.0f} s; Turtle write: "
                      f"rdflib {r.turtle_rdflib_s:.2f} s, Oxigraph {r.turtle_oxigraph_s:.2f} s, {speedup:.0f}x)",
                  f"VALUES bound to: {r.bindings}",
                  f"{'query':28} {'rows':>6} {'oxigraph ms':>12} {'(cold)':>8} {'rdflib ms':>11} "
                  f"{'ratio':>8}"]
        for q in r.queries:
            if r.rdflib_skipped:
                rd, ratio = "-", ""
            elif q.rdflib_ms is None:
                rd, ratio = f">{timeout:.0f}s", f">{timeout * 1000 / max(q.oxigraph_ms, 1e-6):.0f}x"
            else:
                rd, ratio = f"{q.rdflib_ms:.1f}", f"{q.rdflib_ms / max(q.oxigraph_ms, 1e-6):.0f}x"
            flag = "" if q.rdflib_rows in (None, q.rows) else f"  rows differ: rdflib {q.rdflib_rows}"
            lines.append(f"{q.name:28} {q.rows:>6} {q.oxigraph_ms:>12.1f} {q.oxigraph_cold_ms:>8.1f} "
                         f"{rd:>11} {ratio:>8}{flag}")
        worst = max(r.queries, key=lambda q: q.oxigraph_ms)
        lines.append(f"slowest on Oxigraph: {worst.name} {worst.oxigraph_ms:.1f} ms "
                     f"({'meets' if worst.oxigraph_ms < 100 else 'misses'} the 100 ms goal)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="numbers of reports")
    ap.add_argument("--work", default="/tmp/kg-query-bench", help="folder for corpora and stores")
    ap.add_argument("--jobs", type=int, default=0, help="extraction processes (0: one per CPU)")
    ap.add_argument("--repeat", type=int, default=5, help="warm Oxigraph runs per query (best is kept)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before an rdflib query is cut off")
    ap.add_argument("--skip-rdflib", action="store_true", help="time Oxigraph only")
    args = ap.parse_args(argv)
    work = Path(args.work)
    results = [bench_size(n, work, args.jobs, args.repeat, args.timeout, args.skip_rdflib)
               for n in args.sizes]
    print(table(results, args.timeout))
    with atomic_write(work / "query_bench.json") as fh:
        json.dump([asdict(r) for r in results], fh, ensure_ascii=False, indent=1)
    print(f"\nwrote {work / 'query_bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
