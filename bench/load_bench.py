"""Load benchmark of `kg serve`: many clients of simple queries, with runaway queries in the mix.

Why: the endpoint promises that a runaway query (a memory bomb, a cartesian COUNT, a SELECT * that
never ends) costs only itself: the other clients keep their latency, and the server's memory stays
bounded (docs/endpoint.md). This starts a real `kg serve` process on 127.0.0.1 over a built graph,
then, for ``--seconds``:

* ``--clients`` client threads (spread over ``--procs`` processes, so the client side is not one
  GIL) each send simple queries back to back (labels, a report's title, an ASK, a small join);
* ``--runaways`` more clients each send runaway queries in turn, each waiting for its answer;
* the server's process tree (server, fork server, workers) is sampled for resident memory.

It prints the simple queries' error count and latency percentiles, what the runaways got, and the
peak resident memory of the server's process tree; ``--json FILE`` keeps the numbers.

    .venv/bin/python bench/load_bench.py                       # seeds graph, 64 + 4 clients, 30 s
    .venv/bin/python bench/load_bench.py --reports 100         # a synthetic 100-report graph
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIMPLE = [
    "ASK { ?r a kg:Report }",
    "SELECT ?r ?t WHERE { ?r a kg:Report ; dcterms:title ?t } LIMIT 5",
    "SELECT ?p ?l WHERE { ?p a kg:Place ; rdfs:label ?l } LIMIT 10",
    "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Enterprise }",
    "SELECT ?e ?place WHERE { ?e a kg:Enterprise ; kg:locatedIn/rdfs:label ?place } LIMIT 3",
]


def _bomb() -> str:
    inner = '"aaaaaaaaaa"'
    for _ in range(9):
        inner = f'REPLACE({inner}, "", "aaaaaaaaaa")'
    return f"SELECT (STRLEN({inner}) AS ?n) WHERE {{}}"


RUNAWAY = [
    _bomb(),
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
]


def ask(port: int, query: str, timeout: float = 120) -> tuple[int, float, int]:
    """One GET over a plain socket (http.client costs the client side more CPU than the server);
    (status, seconds, bytes read). Status 0: the connection failed; -1: the answer was cut short."""
    req = (f"GET /sparql?{urllib.parse.urlencode({'query': query})} HTTP/1.1\r\n"
           f"Host: 127.0.0.1:{port}\r\nAccept: application/sparql-results+json\r\n\r\n").encode()
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(req)
            chunks = []
            while chunk := s.recv(1 << 16):
                chunks.append(chunk)
    except OSError:
        return 0, time.perf_counter() - t0, 0
    data = b"".join(chunks)
    sec = time.perf_counter() - t0
    try:
        status = int(data[9:12])
    except ValueError:
        return 0, sec, len(data)
    head = data.split(b"\r\n\r\n", 1)[0].lower()
    if b"transfer-encoding: chunked" in head and not data.endswith(b"0\r\n\r\n"):
        return -1, sec, len(data)
    return status, sec, len(data)


def _client_proc(port: int, threads: int, seconds: float, rate: float, out: mp.Queue) -> None:
    """One client process: ``threads`` clients of simple queries, back to back (rate 0) or each
    at ``rate`` queries a second (open loop: latency is measured from the planned send time)."""
    end = time.monotonic() + seconds
    results: list[tuple[int, float, float]] = []
    lock = threading.Lock()

    def loop(i: int) -> None:
        n = i
        mine = []
        start = time.monotonic() + (i / threads / rate if rate else 0)
        k = 0
        while time.monotonic() < end:
            if rate:
                planned = start + k / rate
                k += 1
                wait = planned - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                late = max(0.0, time.monotonic() - planned)
            else:
                late = 0.0
            t_send = time.time()
            status, sec, _ = ask(port, SIMPLE[n % len(SIMPLE)], timeout=60)
            mine.append((status, sec + late, t_send))
            n += 1
        with lock:
            results.extend(mine)
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put(results)


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            status = (d / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d.name))
        rss[int(d.name)] = next((int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS")), 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def build_store(reports: int, work: Path) -> Path:
    from kg.pipeline import Settings, build

    if reports:
        from bench.corpus import generate

        src = work / "corpus"
        generate(reports, src)
    else:
        src = ROOT / "seeds"
    out = work / "out"
    build([str(src)], out, Settings(formats=("oxigraph",)))
    return out / "graph.oxigraph"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=0, help="synthetic reports to build (0: the seeds)")
    ap.add_argument("--store", help="an existing store folder (skips the build)")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--procs", type=int, default=4, help="client processes the clients are spread over")
    ap.add_argument("--runaways", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--rate", type=float, default=0.0,
                    help="queries a second per simple client (0: back to back, the saturating case)")
    ap.add_argument("--kinds", default="0,1,2,3", help="which RUNAWAY queries to send (indexes)")
    ap.add_argument("--serve-args", default="", help="extra `kg serve` flags, e.g. '--timeout 10'")
    ap.add_argument("--json", help="write the numbers to this file")
    args = ap.parse_args(argv)

    load0 = Path("/proc/loadavg").read_text().split()[0]  # other work on the machine skews all of this
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        store = Path(args.store) if args.store else build_store(args.reports, Path(tmp))
        cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", "-q",
               *args.serve_args.split()]
        server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            line = server.stdout.readline() if server.stdout else ""
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            for q in SIMPLE:  # warm up, and check every simple query answers
                assert ask(port, q)[0] == 200, q
            base = tree_rss_kb(server.pid)
            peak = [base]
            stop = threading.Event()

            def sample() -> None:
                while not stop.is_set():
                    peak[0] = max(peak[0], tree_rss_kb(server.pid))
                    time.sleep(0.2)
            runaway_results: list[tuple[str, int, float]] = []
            kinds = [RUNAWAY[int(k)] for k in args.kinds.split(",")]

            def runaway(i: int) -> None:
                end = time.monotonic() + args.seconds
                n = i
                while time.monotonic() < end:
                    q = kinds[n % len(kinds)]
                    status, sec, _ = ask(port, q)
                    runaway_results.append((q[:40], status, sec))
                    n += 1
            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            rts = [threading.Thread(target=runaway, args=(i,)) for i in range(args.runaways)]
            for t in rts:
                t.start()
            time.sleep(1.5)  # the runaways are running (and demoted) before the load starts
            q: mp.Queue = mp.Queue()
            per = [args.clients // args.procs + (1 if i < args.clients % args.procs else 0) for i in range(args.procs)]
            procs = [mp.Process(target=_client_proc, args=(port, n, args.seconds, args.rate, q))
                     for n in per if n]
            for p in procs:
                p.start()
            simple: list[tuple[int, float, float]] = []
            for _ in procs:
                simple.extend(q.get())
            for p in procs:
                p.join()
            for t in rts:
                t.join()
            stop.set()
            sampler.join()
        finally:
            server.terminate()
            server.wait(10)

    lat = sorted(s for _, s, _ in simple)
    errors = sum(1 for st, _, _ in simple if st != 200)
    if os.environ.get("KG_BENCH_DEBUG"):
        t0 = min(t for _, _, t in simple)
        slow: dict[int, int] = {}
        for _, s, t in simple:
            if s > 0.1:
                slow[int(t - t0)] = slow.get(int(t - t0), 0) + 1
        print("slow (>100 ms) queries by second:", dict(sorted(slow.items())), file=sys.stderr)
        for q, st, sec in runaway_results:
            print(f"runaway {q[:30]!r} {st} {sec:.1f}s", file=sys.stderr)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
    outcomes: dict[str, dict[str, int]] = {}
    for q, st, _ in runaway_results:
        outcomes.setdefault(q, {}).setdefault(str(st), 0)
        outcomes[q][str(st)] += 1
    res = {"clients": args.clients, "rate_per_client": args.rate or "closed loop",
           "runaways": args.runaways, "seconds": args.seconds, "loadavg_before": load0,
           "simple_queries": len(simple), "errors": errors, "qps": round(len(simple) / args.seconds, 1),
           "p50_ms": round(pct(0.50), 1), "p90_ms": round(pct(0.90), 1), "p99_ms": round(pct(0.99), 1),
           "max_ms": round(lat[-1] * 1000, 1) if lat else None,
           "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
           "runaway_outcomes": outcomes, "rss_idle_mb": round(base / 1024, 1), "rss_peak_mb": round(peak[0] / 1024, 1),
           "cpus": os.cpu_count()}
    print(json.dumps(res, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
