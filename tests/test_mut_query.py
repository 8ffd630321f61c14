"""`kg query` as a user meets it on a small graph of their own: the SPARQL JSON and TSV forms of
every kind of term, both engines alike, ASK and CONSTRUCT through the worker, and one clear line
for every mistake on the command line.

Written to kill the mutants bench/mutation.py found surviving in kg/query.py (bench/mutation.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.query import (
    QueryError,
    Term,
    bind_values,
    competency_queries,
    execute,
    find_named,
    read_query,
    render,
)
from kg.workers import Limits

TTL = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:name "达拉特旗"@zh ; ex:year 2021 ; ex:note "say \\"hi\\"\\nnext" ; ex:code "150621" ; ex:rate 5.5 .
ex:a ex:link _:b .
"""
Q = "SELECT ?p ?o WHERE { <http://example.org/a> ?p ?o } ORDER BY ?p"
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("q") / "g.ttl"
    p.write_text(TTL, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def store(graph_file: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    return s


def _by_pred(res) -> dict[str, Term]:
    return {row[0].value.removeprefix(EX): row[1] for row in res.rows}


def test_terms_keep_their_kind_language_and_datatype_on_both_engines(store: ox.Store, graph_file: Path) -> None:
    from rdflib import Graph

    ox_terms = _by_pred(execute(Q, store))
    rdflib_terms = _by_pred(execute(Q, Graph().parse(str(graph_file))))
    for terms in (ox_terms, rdflib_terms):
        assert terms["name"].type == "literal" and terms["name"].lang == "zh"
        assert terms["year"].datatype == XSD + "integer" and terms["year"].value == "2021"
        assert terms["code"].lang is None and terms["code"].datatype == XSD + "string"
        assert terms["link"].type == "bnode"
    assert {k: (t.type, t.value, t.lang) for k, t in ox_terms.items() if k != "link"} == \
        {k: (t.type, t.value, t.lang) for k, t in rdflib_terms.items() if k != "link"}


def test_json_results_follow_the_sparql_format(store: ox.Store) -> None:
    res = execute(Q, store)
    doc = json.loads(render(res, "json"))
    assert doc["head"]["vars"] == ["p", "o"]
    by = {b["p"]["value"].removeprefix(EX): b["o"] for b in doc["results"]["bindings"]}
    assert by["name"] == {"type": "literal", "value": "达拉特旗", "xml:lang": "zh"}
    assert by["year"] == {"type": "literal", "value": "2021", "datatype": XSD + "integer"}
    assert by["code"] == {"type": "literal", "value": "150621"}  # xsd:string is left implicit
    assert by["link"]["type"] == "bnode"
    assert doc["results"]["bindings"][0]["p"]["type"] == "uri"
    ask = json.loads(render(execute("ASK { ?s ?p 2021 }", store), "json"))
    assert ask["boolean"] is True


def test_tsv_writes_each_term_in_turtle_syntax_and_csv_plain(store: ox.Store) -> None:
    res = execute(Q, store)
    lines = render(res, "tsv").splitlines()
    assert lines[0] == "?p\t?o"
    cells = dict(line.split("\t", 1) for line in lines[1:])
    assert cells[f"<{EX}name>"] == '"达拉特旗"@zh'
    assert cells[f"<{EX}year>"] == f'"2021"^^<{XSD}integer>'
    assert cells[f"<{EX}code>"] == '"150621"'
    assert cells[f"<{EX}note>"] == '"say \\"hi\\"\\nnext"'
    assert cells[f"<{EX}link>"].startswith("_:")
    assert Term("literal", "a\\b").n3() == '"a\\\\b"'
    csv_rows = render(res, "csv").splitlines()
    assert csv_rows[0] == "p,o" and f"{EX}name,达拉特旗" in csv_rows
    assert any(r.startswith(f"{EX}link,_:") for r in csv_rows)


def test_values_and_dicts_give_plain_strings(store: ox.Store) -> None:
    res = execute("SELECT ?n ?missing WHERE { ?s <http://example.org/name> ?n OPTIONAL { ?s <http://example.org/none> ?missing } }", store)
    assert res.values() == [("达拉特旗", None)]
    assert res.dicts() == [{"n": "达拉特旗"}]


def test_updates_and_syntax_errors_are_refused_in_one_line(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="SPARQL Update is not allowed"):
        execute("INSERT DATA { <http://x> <http://y> 1 }", store)
    with pytest.raises(QueryError, match="^SPARQL syntax error: "):
        execute("SELECT WHERE {", store)
    from rdflib import Graph

    with pytest.raises(QueryError, match="^SPARQL syntax error: "):
        execute("SELECT ?x WHERE { ?x nope:y ?z }", Graph())


def test_bind_replaces_each_values_line_and_refuses_what_is_not_there() -> None:
    text = "SELECT * WHERE { VALUES ?place { \"甲\"@zh } VALUES ?year { 2020 } ?s ?p ?o }"
    out = bind_values(text, {"place": "达拉特旗", "year": "2021"})
    assert 'VALUES ?place { "达拉特旗"@zh }' in out and "VALUES ?year { 2021 }" in out
    assert "甲" not in out and "2020" not in out
    with pytest.raises(QueryError, match="no 'VALUES \\?other"):
        bind_values(text, {"other": "x"})
    with pytest.raises(QueryError, match="is not a variable name"):
        bind_values(text, {"pl ace": "x"})


def test_named_queries_by_stem_number_and_name(tmp_path: Path) -> None:
    qs = competency_queries()
    assert len(qs) >= 12
    stem, (path, question) = next(iter(qs.items()))
    assert stem == "01-reports" and question.startswith("Which reports")
    assert find_named("01") == path == find_named("reports") == find_named("01-reports")
    assert find_named("1") is None  # no query is named 1-…
    assert read_query("01") == path.read_text(encoding="utf-8")
    f = tmp_path / "mine.rq"
    f.write_text("ASK {}", encoding="utf-8")
    assert read_query(str(f)) == "ASK {}"
    assert read_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError, match="no query named 'nosuch'.*01-reports"):
        read_query("nosuch")
    assert competency_queries(tmp_path) == {"mine": (f, "")}


def test_the_command_line_answers_ask_and_construct_through_its_worker(graph_file: Path, capsys) -> None:
    assert main(["query", "--graph", str(graph_file), "ASK { ?s ?p 2021 }", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"head": {}, "boolean": True}
    assert main(["query", "--graph", str(graph_file),
                 "CONSTRUCT { ?s <http://example.org/n> ?o } WHERE { ?s <http://example.org/name> ?o }"]) == 0
    out = capsys.readouterr().out
    got = list(ox.parse(out.encode(), format=ox.RdfFormat.TURTLE))
    assert [(t.predicate.value, t.object.value) for t in got] == [(EX + "n", "达拉特旗")]
    assert main(["query", "--graph", str(graph_file), Q, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"type": "literal", "value": "达拉特旗", "xml:lang": "zh"} in [b["o"] for b in doc["results"]["bindings"]]
    assert main(["query", "--engine", "rdflib", "--graph", str(graph_file), Q, "--format", "csv"]) == 0
    assert f"{EX}name,达拉特旗" in capsys.readouterr().out.splitlines()


def test_command_line_mistakes_are_one_line_and_exit_2(graph_file: Path, tmp_path: Path, capsys) -> None:
    cases = [
        (["query"], "give a query"),
        (["query", "--graph", str(graph_file), Q, "--bind", "noequals"], "--bind takes NAME=VALUE"),
        (["query", "--store", str(tmp_path / "none"), Q], f"no Oxigraph store at {tmp_path / 'none'}"),
        (["query", "--graph", str(tmp_path / "none.ttl"), Q], f"no graph at {tmp_path / 'none.ttl'}"),
        (["query", "--graph", str(graph_file), "DELETE WHERE { ?s ?p ?o }"], "SPARQL Update is not allowed"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, (argv, err)


def test_list_prints_each_question(capsys) -> None:
    assert main(["query", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(competency_queries())
    assert lines[0].startswith("01-reports") and "Which reports" in lines[0]


def test_bound_question_runs_on_the_command_line(graph_file: Path, tmp_path: Path, capsys) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?s WHERE { VALUES ?y { 0 } ?s <http://example.org/year> ?y }", encoding="utf-8")
    assert main(["query", "--graph", str(graph_file), str(rq), "--bind", "?y=2021", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["s", f"{EX}a"]


def test_limits_reach_the_worker(graph_file: Path, capsys) -> None:
    assert Limits().timeout > 0
    assert main(["query", "--graph", str(graph_file), "--max-depth", "1",
                 "SELECT * WHERE { { { ?s ?p ?o } } }"]) == 2
    assert "nest" in capsys.readouterr().err.lower()


def test_construct_in_process_gives_turtle_on_both_engines(store: ox.Store, graph_file: Path) -> None:
    from rdflib import Graph

    text = "CONSTRUCT { ?s <http://example.org/n> ?o } WHERE { ?s <http://example.org/name> ?o }"
    for engine in (store, Graph().parse(str(graph_file))):
        res = execute(text, engine)
        assert res.kind == "graph" and res.rows == []
        got = list(ox.parse(res.graph, format=ox.RdfFormat.TURTLE))
        assert [(t.subject.value, t.object.value) for t in got] == [(EX + "a", "达拉特旗")]
        empty = execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s <http://example.org/none> ?o }", engine)
        assert empty.kind == "graph" and list(ox.parse(empty.graph, format=ox.RdfFormat.TURTLE)) == []
    assert execute("ASK { ?s ?p 2022 }", store).kind == "ask" and execute("ASK { ?s ?p 2022 }", store).boolean is False


def test_ask_on_the_rdflib_engine_answers_true_or_false(graph_file: Path) -> None:
    from rdflib import Graph

    g = Graph().parse(str(graph_file))
    assert render(execute("ASK { ?s ?p 2021 }", g)) == "true\n"
    assert render(execute("ASK { ?s ?p 2022 }", g)) == "false\n"


def test_a_longer_limit_given_on_the_command_line_holds_for_the_rdflib_engine_too(graph_file: Path, capsys) -> None:
    long = "ASK { ?s ?p 2021 } #" + "x" * 110_000  # over the default limit of 100,000 characters
    assert main(["query", "--engine", "rdflib", "--graph", str(graph_file), "--max-length", "200000", long]) == 0
    assert capsys.readouterr().out == "true\n"


def test_without_store_or_graph_the_query_reads_the_store_a_build_wrote_here(graph_file: Path, tmp_path: Path,
                                                                           monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    s = ox.Store(str(tmp_path / "output" / "graph.oxigraph"))
    s.load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    s.flush()
    del s
    assert main(["query", "ASK { ?s ?p 2021 }"]) == 0
    assert capsys.readouterr().out == "true\n"


def test_answers_through_the_worker_say_their_kind_and_how_long_they_took(graph_file: Path) -> None:
    from kg.query import execute_isolated
    from kg.workers import Source

    src = Source("graph", str(graph_file))
    sel = execute_isolated(Q, src, Limits())
    ask = execute_isolated("ASK { ?s ?p 2021 }", src, Limits())
    assert (sel.kind, ask.kind, ask.boolean) == ("select", "ask", True)
    assert sel.seconds > 0 and ask.seconds > 0  # the table's "(n rows, … ms)"; not a speed test
    assert render(sel).splitlines()[-1].startswith(f"({len(sel.rows)} rows, ")
