"""`kg serve`: the SPARQL 1.1 Protocol endpoint, queried with a real client (SPARQLWrapper).

The server runs in a thread on 127.0.0.1 with an ephemeral port; nothing leaves the machine.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from kg_seeds import Built, build_once
from rdflib import Graph
from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.query import competency_queries, execute
from kg.serve import Settings, SparqlServer, make_server, negotiate, parse_accept, serve_in_thread
from kg.store import open_store

PARTOF = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?place ?up WHERE { ?p rdfs:label ?place ; kg:partOf ?x . ?x rdfs:label ?up .
  FILTER (STR(?place) = "科尔沁左翼后旗") } ORDER BY ?up"""
EXPECTED = [("科尔沁左翼后旗", "内蒙古自治区"), ("科尔沁左翼后旗", "通辽市")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    seeds: Built = build_once(tmp_path_factory)
    srv = make_server(seeds.store, port=0, quiet=True, settings=Settings(workers=2))
    serve_in_thread(srv)
    yield srv
    srv.shutdown()
    srv.server_close()


def client(server: SparqlServer, query: str, fmt: str = JSON, method: str = GET,
           request: str = URLENCODED) -> SPARQLWrapper:
    w = SPARQLWrapper(server.url)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    w.setMethod(method)
    w.setRequestMethod(request)
    return w


def http(server: SparqlServer, path: str = "/sparql", data: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    host, port = server.server_address[:2]
    req = urllib.request.Request(f"http://{host}:{port}{path}", data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def test_listens_on_loopback_by_default(server: SparqlServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert make_server.__defaults__[0] == "127.0.0.1"


@pytest.mark.parametrize("method,request_method",
                         [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_select_json_every_way_of_sending(server, method: str, request_method: str) -> None:
    res = client(server, PARTOF, JSON, method, request_method).query()
    assert res.info()["content-type"].startswith("application/sparql-results+json")
    data = res.convert()
    assert [(b["place"]["value"], b["up"]["value"]) for b in data["results"]["bindings"]] == EXPECTED
    assert data["results"]["bindings"][0]["up"]["xml:lang"] == "zh"


def test_select_xml_csv_tsv(server) -> None:
    doc = client(server, PARTOF, XML).query().convert()
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == [x for r in EXPECTED for x in r]
    text = client(server, PARTOF, CSV).query().convert().decode("utf-8")
    assert text.splitlines() == ["place,up", "科尔沁左翼后旗,内蒙古自治区", "科尔沁左翼后旗,通辽市"]
    text = client(server, PARTOF, TSV).query().convert().decode("utf-8")
    assert text.splitlines()[0] == "?place\t?up" and '"通辽市"@zh' in text


def test_construct_turtle_and_ntriples(server) -> None:
    q = ("CONSTRUCT { ?p kg:partOf ?x } WHERE { ?p rdfs:label '科尔沁左翼后旗'@zh ; kg:partOf ?x }")
    g = client(server, q, TURTLE).query().convert()
    g = g if isinstance(g, Graph) else Graph().parse(data=g, format="turtle")
    assert len(g) == 2
    status, ctype, body = http(server, "/sparql?" + urllib.parse.urlencode({"query": q}),
                               headers={"Accept": "application/n-triples"})
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(Graph().parse(data=body.decode("utf-8"), format="nt")) == 2


def test_ask(server) -> None:
    assert client(server, "ASK { ?r a kg:Report }").query().convert()["boolean"] is True


def test_competency_query_over_http_matches_local(server) -> None:
    text = competency_queries()["07-slogans-across-places"][0].read_text(encoding="utf-8")
    data = client(server, text, JSON, POST).query().convert()
    local = execute(text, open_store(server.source.path, read_only=True))
    assert data["head"]["vars"] == local.vars
    over_http = [tuple(b[v]["value"] if v in b else None for v in local.vars) for b in data["results"]["bindings"]]
    assert over_http == local.values() and len(over_http) > 0  # same rows, same values, same order
    assert "两不愁三保障" in {row[0] for row in over_http}


def test_updates_are_refused(server) -> None:
    before = len(open_store(server.source.path, read_only=True))
    w = client(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as exc:
        w.query()
    assert exc.value.code == 403 and b"read-only" in exc.value.read()
    upd = "DELETE WHERE { ?s ?p ?o }"
    form = "application/x-www-form-urlencoded"
    for data, ctype in [(upd.encode(), "application/sparql-update"),
                        (urllib.parse.urlencode({"update": upd}).encode(), form),
                        (urllib.parse.urlencode({"query": upd}).encode(), form),
                        (upd.encode(), "application/sparql-query")]:
        status, _, body = http(server, data=data, headers={"Content-Type": ctype})
        assert status == 403 and b"read-only" in body, ctype
    assert len(open_store(server.source.path, read_only=True)) == before


@pytest.mark.filterwarnings("ignore:.*query type:RuntimeWarning")  # SPARQLWrapper on the bad query
def test_errors(server) -> None:
    with pytest.raises(QueryBadFormed):
        client(server, "SELEC ?x WHERE {}").query()
    assert http(server, "/elsewhere?query=ASK%7B%7D")[0] == 404
    assert http(server, "/sparql?query=ASK%7B%7D", headers={"Accept": "image/png"})[0] == 406
    assert http(server, "/sparql?query=ASK%7B%7D&query=ASK%7B%7D")[0] == 400
    assert http(server, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    status, ctype, body = http(server, "/")
    assert status == 200 and ctype.startswith("text/html") and b"<form" in body


def test_format_parameter_wins_over_accept(server) -> None:
    url = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}", "format": "json"})
    status, ctype, body = http(server, url, headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    assert json.loads(body)["boolean"] is True


def test_negotiation_rules() -> None:
    assert parse_accept("text/csv;q=0.5, application/sparql-results+xml") == [
        ("application/sparql-results+xml", 1.0), ("text/csv", 0.5)]
    assert negotiate("solutions", None, []) == "application/sparql-results+json"
    assert negotiate("solutions", "text/*", []) == "text/csv"
    assert negotiate("graph", "*/*", []) == "text/turtle"
    assert negotiate("graph", "application/rdf+xml;q=0.9, text/turtle;q=0.1", []) == "application/rdf+xml"
