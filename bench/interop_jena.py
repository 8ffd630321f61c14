"""Load graph.ttl and graph.nt into Apache Jena TDB2 (Debian's libapache-jena-java) and ask it the
16 competency questions, comparing its rows with `kg query`'s: the recipe of docs/querying.md, run.

Not part of `make test`: it needs `apt-get install libapache-jena-java default-jre-headless` and a
JVM start per query (about a minute in all).

    apt-get install libapache-jena-java default-jre-headless
    .venv/bin/kg build seeds -o output --format turtle --format ntriples --format oxigraph
    .venv/bin/python bench/interop_jena.py output

Debian ships Jena's command classes (tdb2.tdbloader, tdb2.tdbquery, arq.sparql) but no scripts
to start them, and its jena-core 4.5.0 moved the bundled Xerces classes to package ``xerces`` while
their message files stayed under ``org/apache/jena/ext/xerces``: every command then fails at start
with "RuntimeException: internal error" in XSSimpleTypeDecl. This script puts a copy of the
message files where the classes look for them; the Jena distribution from Apache needs none of it.
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
import zipfile
from collections import Counter
from pathlib import Path

from interop_virtuoso import normal

from kg.query import competency_queries, execute
from kg.store import open_store

JARS = Path("/usr/share/java")
NEEDED = ["commons-cli", "commons-codec", "commons-compress", "commons-io", "commons-lang3", "commons-csv",
          "dexx-collections", "gson", "guava", "failureaccess", "slf4j-api", "jackson-core", "jackson-databind",
          "jackson-annotations", "jsonld-java", "httpclient", "httpcore", "thrift", "protobuf",
          "titanium-json-ld", "jakarta.json-api"]


def classpath(fix: Path) -> str:
    """Jena's jars and those it needs, and the folder with the message files (see the docstring)."""
    with zipfile.ZipFile(JARS / "jena-core.jar") as z:
        for name in z.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = fix / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    jars = sorted(p for p in JARS.glob("jena-*.jar") if not re.search(r"-\d+(\.\d+)+$", p.stem))  # unversioned
    jars += [JARS / f"{n}.jar" for n in NEEDED if (JARS / f"{n}.jar").is_file()]
    return ":".join([str(fix), *map(str, jars)])


def java(cp: str, *args: str) -> str:
    r = subprocess.run(["java", "-cp", cp, *args], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"java {' '.join(args[:3])}: {r.stderr[-1500:]}")
    return r.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="a `kg build` output folder with graph.ttl, graph.nt, graph.oxigraph")
    args = ap.parse_args()
    if shutil.which("java") is None or not (JARS / "jena-tdb2.jar").is_file():
        print("Jena not found: apt-get install libapache-jena-java default-jre-headless", file=sys.stderr)
        return 2
    out = args.output.resolve()
    store = open_store(out / "graph.oxigraph", read_only=True)
    queries = competency_queries()
    expected = {name: normal(execute(p.read_text(encoding="utf-8"), store).values()) for name, (p, _) in queries.items()}
    bad = 0
    with tempfile.TemporaryDirectory() as d:
        cp = classpath(Path(d) / "fix")
        for name in ("graph.ttl", "graph.nt"):
            db = Path(d) / name
            t0 = time.perf_counter()
            java(cp, "tdb2.tdbloader", "--loc", str(db), str(out / name))
            took = time.perf_counter() - t0
            same = 0
            for q, (p, _) in queries.items():
                text = java(cp, "tdb2.tdbquery", "--loc", str(db), "--results=CSV", "--query", str(p))
                rows = list(csv.reader(io.StringIO(text)))
                got = normal(Counter(tuple(c or None for c in row) for row in rows[1:]))
                if got == expected[q]:
                    same += 1
                else:
                    bad += 1
                    print(f"  {name} {q}: {sum(got.values())} rows, kg query {sum(expected[q].values())}")
            print(f"{name}: loaded by tdb2.tdbloader in {took:.1f} s; {same} of {len(queries)} queries give kg query's rows")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
