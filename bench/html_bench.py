"""Benchmark the HTML page: how long it takes to write, and to show, a small and a large graph.

Why: the page is where most users meet the graph; it must open at once for a real run (about 200
nodes) and stay usable at 5,000. For each synthetic graph this writes the page (layout included),
opens it from disk in headless Chromium and measures the time from navigation to the network's first
drawing ('afterDrawing'; physics is off, so there is no 'stabilized'), then one type-filter toggle
and one search.

What to expect (once asserted in tests/test_browser.py, which now checks only that the page works):
at 5,000 nodes one type-filter toggle well under 2,000 ms, and writing plus loading the page well
under a minute.

Run from the repository root:  .venv/bin/python bench/html_bench.py [--sizes 207 5000]
Needs /usr/bin/chromium (.ci/install-browser.sh) and the playwright package; without them only the
write times are printed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.export import html  # noqa: E402  (import after the path fix so the script runs uninstalled)
from kg.graph import build  # noqa: E402
from kg.model import Document, Entity, Evidence, Relation, ReportMeta, Sentence  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TYPES = ("Place", "Enterprise", "Project", "Policy", "Slogan")


def synthetic(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like real runs: one report per place and year, most names local to a report,
    a few shared ones (policies, slogans) named everywhere, and relations within sentences."""
    rng = random.Random(seed)
    n_reports = max(2, n_nodes // 100)
    n_ents = n_nodes - n_reports
    shared = [f"共同政策{i}" for i in range(max(3, n_ents // 30))]
    local = [f"地方实体{i}" for i in range(n_ents - len(shared))]
    home = {name: i % n_reports for i, name in enumerate(local)}
    docs, evidence, related = [], {n: [] for n in shared + local}, set()
    for r in range(n_reports):
        mine = [n for n in local if home[n] == r]
        rng.shuffle(mine)
        groups, i = [], 0
        while i < len(mine):  # every local name at least once, then some again
            step = rng.randint(1, 3)
            groups.append(mine[i:i + step])
            i += step
        groups += [rng.sample(mine, min(len(mine), 2)) for _ in range(len(mine) // 3)]
        groups += [[shared[j]] for j in range(r, len(shared), n_reports)]  # every shared name somewhere
        sents, pos = [], 0
        for group in groups:
            group = group + rng.sample(shared, rng.randint(0, 1))
            text = "、".join(group) + "协同推进。"
            sents.append((Sentence(pos, pos + len(text), text), group))
            pos += len(text)
        src = f"seeds/{r:03d}_synthetic.txt"
        meta = ReportMeta(f"{2015 + r % 10}年地区{r}政府工作报告", f"地区{r}", 2015 + r % 10)
        docs.append(Document(source=src, text="".join(s.text for s, _ in sents), meta=meta,
                             sentences=[s for s, _ in sents]))
        for s, group in sents:
            off = s.start
            for name in group:
                evidence[name].append(Evidence(src, s.text, off, off + len(name), name))
                off += len(name) + 1
            if len(group) > 1 and rng.random() < 0.5:
                related.add((group[0], group[1]))
    names = shared + local
    ids = {n: f"{TYPES[i % 5].lower()}/{n}" for i, n in enumerate(names)}
    ents = [Entity(ids[n], TYPES[i % 5], n, {n}, None, 0.8, evidence[n]) for i, n in enumerate(names)
            if evidence[n]]
    kept = {e.id for e in ents}
    rels = [Relation(ids[a], "relatedTo", ids[b], 0.6) for a, b in sorted(related)
            if ids[a] in kept and ids[b] in kept]
    return build(docs, ents, rels, [], {})


def measure_write(g: nx.MultiDiGraph, path: Path) -> float:
    t = time.perf_counter()
    html.write(g, path)
    return time.perf_counter() - t


def measure_browser(path: Path) -> dict[str, float]:
    """Milliseconds: navigation → first drawing, one filter toggle, one search."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="kg-bench-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), args=ARGS,
                                                       headless=True, viewport={"width": 1400, "height": 860})
            page = ctx.new_page()
            page.goto(path.as_uri())
            page.wait_for_function("window.kgReady === true", timeout=120_000)
            first_draw = page.evaluate("window.kgTimings.firstDraw")
            nodes = page.evaluate("kg.network.body.nodeIndices.length")
            toggle = page.evaluate("""() => { const t0 = performance.now();
                document.querySelector('#kg-legend li[data-type=Project] input').click();
                kg.network.redraw(); return performance.now() - t0; }""")
            search = page.evaluate("""() => { const t0 = performance.now();
                const box = document.getElementById('kg-search'); box.value = '实体1';
                box.dispatchEvent(new Event('input')); return performance.now() - t0; }""")
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {"first_draw": first_draw, "toggle": toggle, "search": search, "drawn": nodes}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[207, 5000], help="node counts to try")
    ap.add_argument("--keep", type=Path, help="also copy the pages to this folder")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds",
                    help="also measure the page of the graph built from these reports ('' to skip)")
    args = ap.parse_args()
    browser = CHROMIUM.exists()
    try:
        import playwright  # noqa: F401
    except ImportError:
        browser = False
    if not browser:
        print("(no chromium or playwright: write times only)")
    out = Path(tempfile.mkdtemp(prefix="kg-html-bench-"))
    rows = []
    graphs: list[tuple[str, nx.MultiDiGraph]] = []
    if str(args.seeds) and args.seeds.exists():
        from kg.pipeline import Settings
        from kg.pipeline import build as build_graph

        graphs.append(("seeds", build_graph([args.seeds], None, Settings(formats=())).graph))
    graphs += [(str(n), synthetic(n)) for n in args.sizes]
    for name, g in graphs:
        path = out / f"graph-{name}.html"
        write_s = measure_write(g, path)
        row = {"graph": name, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "write_s": write_s,
               "mb": path.stat().st_size / 1e6}
        if browser:
            row.update(measure_browser(path))
        rows.append(row)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, args.keep / path.name)
    head = f"{'graph':>6} {'nodes':>6} {'edges':>7} {'write s':>8} {'page MB':>8}"
    if browser:
        head += f" {'drawn':>6} {'load→draw ms':>13} {'filter ms':>10} {'search ms':>10}"
    print(head)
    for r in rows:
        line = f"{r['graph']:>6} {r['nodes']:>6} {r['edges']:>7} {r['write_s']:>8.2f} {r['mb']:>8.2f}"
        if browser:
            line += f" {r['drawn']:>6} {r['first_draw']:>13.0f} {r['toggle']:>10.0f} {r['search']:>10.1f}"
        print(line)
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
