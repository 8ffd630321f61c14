"""Load graph.ttl and graph.nt into Virtuoso 7 (Debian's virtuoso-opensource) and ask it the 16
competency questions, comparing its rows with `kg query`'s: the recipe of docs/querying.md, run.

Not part of `make test`: it needs `apt-get install virtuoso-opensource` (a server of ~100 MB) and
takes a minute. It starts a private Virtuoso on 127.0.0.1 (ports 11111 and 18890, or --port-base)
with its database in a temporary folder, and stops it at the end.

    apt-get install virtuoso-opensource
    .venv/bin/kg build seeds -o output --format turtle --format ntriples --format oxigraph
    .venv/bin/python bench/interop_virtuoso.py output

Virtuoso 7 keeps the backslashes of escaped prefixed names (``kgid:place\\/…``) in the IRIs it
stores, which is why graph.ttl writes ids as ``<…>``: both files must give the same answers.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from kg.query import competency_queries, execute
from kg.store import open_store

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {data}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
DefaultQuery = SELECT 1 WHERE {{}}
"""


def isql(port: int, sql: str) -> str:
    r = subprocess.run(["isql-vt", str(port), "dba", "dba", f"exec={sql}"], capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0 or "*** Error" in r.stdout + r.stderr:
        raise RuntimeError(f"isql: {sql}: {(r.stdout + r.stderr)[-1500:]}")
    return r.stdout


def sparql(http: int, graph: str, query: str) -> Counter:
    params = urllib.parse.urlencode({"query": query, "default-graph-uri": graph, "format": "text/csv"})
    with urllib.request.urlopen(f"http://127.0.0.1:{http}/sparql?{params}", timeout=120) as resp:
        rows = list(csv.reader(io.StringIO(resp.read().decode("utf-8"))))
    return Counter(tuple(c or None for c in row) for row in rows[1:])


def normal(rows) -> Counter:
    """Rows as text, numbers compared by value (Virtuoso and Oxigraph may print a number apart) and
    GROUP_CONCAT cells (query 12) as sets, since SPARQL gives their parts in no fixed order."""
    def cell(c: str | None) -> str | None:
        if c is None:
            return None
        if re.fullmatch(r"-?\d+(\.\d*)?([eE][-+]?\d+)?", c):
            return repr(float(c))
        c = c.replace("?", "、")  # Virtuoso 7.2 writes the non-ASCII separator of query 12 as '?'
        return " | ".join(sorted("、".join(sorted(part.split("、"))) for part in c.split(" | ")))
    return Counter(tuple(cell(c) for c in row) for row in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="a `kg build` output folder with graph.ttl, graph.nt, graph.oxigraph")
    ap.add_argument("--port-base", type=int, default=10000)
    args = ap.parse_args()
    if shutil.which("virtuoso-t") is None:
        print("virtuoso-t not found: apt-get install virtuoso-opensource", file=sys.stderr)
        return 2
    out = args.output.resolve()
    sql_port, http_port = args.port_base + 1111, args.port_base + 8890
    store = open_store(out / "graph.oxigraph", read_only=True)
    expected = {name: normal(execute(p.read_text(encoding="utf-8"), store).values())
                for name, (p, _) in competency_queries().items()}
    with tempfile.TemporaryDirectory() as d:
        ini = Path(d) / "virtuoso.ini"
        ini.write_text(INI.format(d=d, data=out, sql=sql_port, http=http_port), encoding="utf-8")
        server = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=d,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(120):
                time.sleep(0.5)
                try:
                    isql(sql_port, "status();")
                    break
                except (RuntimeError, subprocess.TimeoutExpired):
                    continue
            t0 = time.perf_counter()
            for name, graph in (("graph.ttl", "urn:kg:ttl"), ("graph.nt", "urn:kg:nt")):
                isql(sql_port, f"ld_dir('{out}', '{name}', '{graph}'); rdf_loader_run(); checkpoint;")
            print(f"loaded graph.ttl and graph.nt in {time.perf_counter() - t0:.1f} s")
            bad = 0
            for graph in ("urn:kg:ttl", "urn:kg:nt"):
                [[n]] = sparql(http_port, graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").keys()
                same = 0
                for name, (p, _) in competency_queries().items():
                    got = normal(sparql(http_port, graph, p.read_text(encoding="utf-8")))
                    if got == expected[name]:
                        same += 1
                    else:
                        bad += 1
                        print(f"  {graph} {name}: {sum(got.values())} rows, kg query {sum(expected[name].values())}")
                print(f"{graph}: {n} triples; {same} of {len(expected)} queries give kg query's rows")
            return 1 if bad else 0
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
