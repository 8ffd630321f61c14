"""`kg query` under hostile input: the same guard and the same worker limits as `kg serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from kg_seeds import Built, build_once

from kg.cli import main

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


def test_nested_query_is_refused_in_one_line(seeds: Built, capsys) -> None:
    text = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    assert main(["query", "--store", str(seeds.store), text]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "3000 levels deep" in err


def test_a_crashing_query_is_an_error_not_a_crash(seeds: Built, capsys) -> None:
    text = "ASK { FILTER(" + "+".join(["1"] * 30_000) + ") }"
    assert main(["query", "--store", str(seeds.store), text]) == 2
    assert "query engine died" in capsys.readouterr().err


def test_runaway_query_stops_at_the_timeout(seeds: Built, capsys) -> None:
    assert main(["query", "--store", str(seeds.store), "--timeout", "1", CARTESIAN]) == 2
    assert "time limit of 1 s" in capsys.readouterr().err


def test_service_and_updates_are_refused(seeds: Built, capsys) -> None:
    assert main(["query", "--store", str(seeds.store), "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"]) == 2
    assert "--allow-service" in capsys.readouterr().err
    assert main(["query", "--store", str(seeds.store), "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]) == 2
    assert "read-only" in capsys.readouterr().err


def test_bind_cannot_inject(seeds: Built, tmp_path: Path, capsys) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?p WHERE { VALUES ?name { \"x\"@zh } ?p rdfs:label ?name }", encoding="utf-8")
    evil = '"x"@zh } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o'
    assert main(["query", "--store", str(seeds.store), str(rq), "--bind", f"name={evil}"]) == 2
    assert "not one IRI or literal" in capsys.readouterr().err
    # not quoted: a label, whatever it holds; the query runs and finds no such place
    assert main(["query", "--store", str(seeds.store), str(rq), "--bind", "name=x } SERVICE <http://127.0.0.1:9/> {"]) == 0
    assert "(0 rows" in capsys.readouterr().out
    assert main(["query", "--store", str(seeds.store), str(rq), "--bind", "name=达拉特旗"]) == 0
    assert "(1 row" in capsys.readouterr().out


def test_control_characters_from_the_graph_are_escaped(tmp_path: Path, capsys) -> None:
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<urn:r> <http://www.w3.org/2000/01/rdf-schema#label> "报告\\u001B]0;pwned\\u0007\\u001B[2J\\u202E" .\n',
                   encoding="utf-8")
    assert main(["query", "--graph", str(ttl), "SELECT ?l WHERE { ?r rdfs:label ?l }"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "报告\\x1b]0;pwned\\x07\\x1b[2J\\u202e" in out


def test_no_worker_outlives_kg_query(seeds: Built) -> None:
    import subprocess
    import sys
    import uuid

    marker = f"# marker-{uuid.uuid4()}"
    for text in (CARTESIAN, "ASK { FILTER(" + "+".join(["1"] * 30_000) + ") }"):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--store", str(seeds.store), "--timeout", "1",
                            f"{text} {marker}"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and r.stderr.startswith("kg query: query stopped")
    left = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and marker.encode() in (d / "cmdline").read_bytes():
                left.append(d.name)
        except OSError:
            continue
    assert left == []
