"""The exports in the engines users take them to, each installed from its registry.

SPARQL: the `oxigraph` server command (PyPI) serving the store `kg build` wrote, and the npm
`oxigraph` package (in Node) loading graph.ttl, must give the competency queries the same rows
as `kg query`, row by row. GraphML: graphology-graphml (npm), which refuses a file whose edge ids
repeat, and networkx. The property graph: LadybugDB, with every MENTIONS sentence. (pyoxigraph and
rdflib reading Turtle, N-Triples and JSON-LD: tests/test_exports.py.)

The npm packages are those tests/interop/package-lock.json pins, installed into
tests/interop/node_modules by `make interop` (which `make test` runs); the JavaScript tests skip
only where there is no node, and fail, saying so, where node is but the packages are not. Servers
listen on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from kg_seeds import Built, build_once, node_by_label

from kg.export.neo4j import DELIM, load_ladybug
from kg.query import competency_queries, execute
from kg.store import open_store

QUERIES = Path(__file__).resolve().parents[1] / "queries"

INTEROP = Path(__file__).resolve().parent / "interop"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


@pytest.fixture(scope="module")
def expected(seeds: Built) -> dict[str, Counter]:
    """`kg query`'s rows for each competency query, as multisets of value tuples."""
    store = open_store(seeds.store, read_only=True)
    out = {name: rows_of(execute(path.read_text(encoding="utf-8"), store).values())
           for name, (path, _) in competency_queries().items()}
    assert len(out) == len(list(QUERIES.glob("*.rq"))) >= 16 and sum(1 for rows in out.values() if rows) >= 12  # a comparison of real rows
    return out


def unordered(cell: str | None) -> str | None:
    """A GROUP_CONCAT cell as a set: SPARQL gives the parts in no fixed order (queries 12 and 14)."""
    if cell is None:
        return None
    return " | ".join(sorted("、".join(sorted(part.split("、"))) for part in cell.split(" | ")))


def rows_of(values) -> Counter:
    return Counter(tuple(unordered(c) for c in row) for row in values)


def sparql_json_rows(doc: dict) -> Counter:
    names = doc["head"]["vars"]
    return rows_of(tuple(b[v]["value"] if v in b else None for v in names) for b in doc["results"]["bindings"])


@pytest.fixture(scope="module")
def node() -> Path:
    """The folder of the npm packages, installed as the lock file says if they are not yet."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm not installed: the npm consumers (oxigraph, graphology-graphml) cannot run")
    if not (INTEROP / "node_modules" / ".package-lock.json").is_file():  # tests reach no registry
        pytest.fail("the npm packages are not installed: run `make interop` (npm ci in tests/interop)")
    return INTEROP


def node_json(folder: Path, *args: str) -> dict:
    r = subprocess.run(["node", *args], cwd=folder, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


# --- SPARQL -------------------------------------------------------------------------------------


def oxigraph_command() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(exe).is_file(), "the `oxigraph` command (pip install oxigraph, in the test extras) is missing"
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(port: int, query: str) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def serve(store: Path, *flags: str):
    """`oxigraph serve-read-only` on the store, as docs/querying.md tells a user to run it."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_command(), "serve-read-only", "--location", str(store),
                             "--bind", f"127.0.0.1:{port}", *flags],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("oxigraph serve-read-only did not start within 30 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_oxigraph_server_gives_kg_query_rows(seeds: Built, expected: dict[str, Counter]) -> None:
    proc, port = serve(seeds.store, "--union-default-graph")
    try:
        for name, (path, _) in competency_queries().items():
            assert sparql_json_rows(ask(port, path.read_text(encoding="utf-8"))) == expected[name], name
    finally:
        stop(proc)


def test_oxigraph_server_needs_the_union_flag(seeds: Built) -> None:
    """Why every recipe says --union-default-graph: the store keeps each report in a named graph."""
    proc, port = serve(seeds.store)
    try:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert ask(port, count)["results"]["bindings"][0]["n"]["value"] == "0"
        named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert int(ask(port, named)["results"]["bindings"][0]["n"]["value"]) == len(open_store(seeds.store, True))
    finally:
        stop(proc)


def test_pyoxigraph_store_opened_directly_with_the_union_default_graph(seeds: Built,
                                                                        expected: dict[str, Counter]) -> None:
    """The recipe for Python users who open the store themselves, without kg."""
    store = ox.Store.read_only(str(seeds.store))
    text = competency_queries()["03-admin-hierarchy"][0].read_text(encoding="utf-8")
    rows = rows_of(tuple(t.value if t else None for t in sol)
                   for sol in store.query(text, use_default_graph_as_union=True))
    assert rows == expected["03-admin-hierarchy"] and len(rows) == 8


def test_npm_oxigraph_gives_kg_query_rows(seeds: Built, node: Path, expected: dict[str, Counter]) -> None:
    files = [str(p) for p, _ in competency_queries().values()]
    out = node_json(node, "sparql.js", str(seeds.ttl), "ttl", *files)
    assert out["size"] == len(open_store(seeds.store, read_only=True))
    for name in expected:
        assert sparql_json_rows(out["results"][name]) == expected[name], name


# --- GraphML ------------------------------------------------------------------------------------


def test_graphology_reads_the_graphml(seeds: Built, node: Path) -> None:
    g = seeds.graph
    kzhq, tl = node_by_label(g, "科尔沁左翼后旗", "Place"), node_by_label(g, "通辽市", "Place")
    out = node_json(node, "graphml.js", str(seeds.out / "graph.graphml"), kzhq, tl)
    assert (out["order"], out["size"]) == (g.number_of_nodes(), g.number_of_edges())
    assert out["relations"] == dict(Counter(k for _, _, k in g.edges(keys=True)))
    assert [e["relation"] for e in out["between"]] == ["partOf"] and out["sourceLabel"] == "科尔沁左翼后旗"


def test_networkx_reads_every_graphml_edge(seeds: Built) -> None:
    h = nx.read_graphml(seeds.out / "graph.graphml", force_multigraph=True)
    g = seeds.graph
    assert Counter((u, v, d["relation"]) for u, v, d in h.edges(data=True)) == Counter(list(g.edges(keys=True)))


# --- property graph -----------------------------------------------------------------------------


def test_ladybug_has_every_mention_sentence(seeds: Built, tmp_path: Path) -> None:
    pytest.importorskip("ladybug")
    conn = load_ladybug(seeds.out / "graph.neo4j", tmp_path / "db")
    rows = conn.execute("MATCH (r:Report)-[m:MENTIONS]->(e) RETURN r.id, e.id, m.sentences").get_all()
    assert len(rows) == sum(1 for *_, k in seeds.graph.edges(keys=True) if k == "mentions")
    assert all(sents for _, _, sents in rows)  # no MENTIONS without its sentence
    ttl = ox.Store()
    ttl.bulk_load(path=str(seeds.ttl), format=ox.RdfFormat.TURTLE)
    q = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT DISTINCT ?r ?e ?s WHERE { ?m kg:mentionOf ?e ; prov:wasDerivedFrom ?r ; kg:sentence ?s }"""
    base = len("https://w3id.org/cn-gwr/id/")
    want: dict[tuple[str, str], set[str]] = {}
    for sol in ttl.query(q):
        # the CSV's one escape: its array delimiter ';' inside an item becomes the full-width '；'
        sentence = sol["s"].value.replace(DELIM, "；")
        want.setdefault((sol["r"].value[base:], sol["e"].value[base:]), set()).add(sentence)
    assert {(r, e): set(s) for r, e, s in rows} == want
