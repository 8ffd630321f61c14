"""Exports for graph databases, each loaded by a real engine and queried.

Turtle and N-Triples: pyoxigraph and rdflib. JSON-LD: pyoxigraph and rdflib, and it must expand to
exactly the Turtle's triples. GraphML: networkx. The property-graph folder: LadybugDB (the
maintained successor of Kùzu) runs the generated ladybug.cypher over the neo4j-admin CSV files and
answers Cypher; the Neo4j headers are checked against the neo4j-admin format.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from kg_seeds import FORMATS, SEEDS, Built, build_once, node_by_label
from rdflib import Graph, URIRef

from kg.export import available
from kg.export.neo4j import DELIM, load_ladybug, rel_type
from kg.link import entity_id
from kg.pipeline import Settings, build
from kg.read import source_names

PARTOF = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?up WHERE { ?p rdfs:label "科尔沁左翼后旗"@zh ; kg:partOf ?x . ?x rdfs:label ?up }"""
GDP = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?v WHERE { ?o kg:indicator "地区生产总值"@zh ; sdmx-dimension:refArea ?a ;
  sdmx-dimension:refPeriod ?y ; sdmx-measure:obsValue ?v . ?a rdfs:label "科尔沁左翼后旗"@zh .
  FILTER (STR(?y) = "2019") }"""


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


def test_registry_names_and_suffixes() -> None:
    got = {n: e.suffix for n, e in available().items()}
    assert {"ntriples": ".nt", "jsonld": ".jsonld", "graphml": ".graphml", "neo4j": ".neo4j",
            "oxigraph": ".oxigraph"}.items() <= got.items()


def ox_triples(path: Path, fmt: ox.RdfFormat) -> set[str]:
    return {str(q.triple) for q in ox.parse(path=str(path), format=fmt)}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD
@pytest.mark.parametrize("name,fmt,rdflib_fmt", [("graph.ttl", ox.RdfFormat.TURTLE, "turtle"),
                                                  ("graph.nt", ox.RdfFormat.N_TRIPLES, "nt"),
                                                  ("graph.jsonld", ox.RdfFormat.JSON_LD, "json-ld")])
def test_rdf_exports_load_in_pyoxigraph_and_rdflib(seeds: Built, name: str, fmt, rdflib_fmt: str) -> None:
    path = seeds.out / name
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    assert {s["up"].value for s in store.query(PARTOF)} >= {"通辽市", "内蒙古自治区"}
    assert [float(s["v"].value) for s in store.query(GDP)] == [122.05]
    g = Graph().parse(str(path), format=rdflib_fmt)
    assert len(g) == len(store)
    assert {str(r[0]) for r in g.query(PARTOF)} >= {"通辽市", "内蒙古自治区"}
    assert [float(r[0]) for r in g.query(GDP)] == [122.05]


def test_turtle_ntriples_jsonld_hold_the_same_triples(seeds: Built) -> None:
    ttl = ox_triples(seeds.ttl, ox.RdfFormat.TURTLE)
    assert ttl == ox_triples(seeds.out / "graph.nt", ox.RdfFormat.N_TRIPLES)
    assert ttl == ox_triples(seeds.out / "graph.jsonld", ox.RdfFormat.JSON_LD)


def test_ntriples_lines_are_sorted(seeds: Built) -> None:
    lines = (seeds.out / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines, key=str.encode) and len(lines) == len(set(lines))


def test_jsonld_context_and_compact_objects(seeds: Built) -> None:
    doc = json.loads((seeds.out / "graph.jsonld").read_text(encoding="utf-8"))
    ctx = doc["@context"]
    for prefix in ("kg", "kgid", "skos", "rdfs", "prov", "qb", "sdmx-measure", "dcterms"):
        assert ctx[prefix].startswith("http")
    assert ctx["partOf"] == {"@id": "kg:partOf", "@type": "@id"} and ctx["@language"] == "zh"
    obj = next(o for o in doc["@graph"] if o.get("label") == "科尔沁左翼后旗")
    assert obj["@type"] == "Place" and obj["adminCode"] == "150522"
    assert "kgid:place/通辽市-150500" in obj["partOf"]


def test_graphml_loads_in_networkx(seeds: Built) -> None:
    h = nx.read_graphml(seeds.out / "graph.graphml", force_multigraph=True)
    g = seeds.graph
    assert (h.number_of_nodes(), h.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    kzhq = node_by_label(g, "科尔沁左翼后旗", "Place")
    tl = node_by_label(g, "通辽市", "Place")
    [(key, edge)] = h[kzhq][tl].items()
    assert edge["relation"] == "partOf" and isinstance(edge["confidence"], float)
    assert json.loads(h.nodes[kzhq]["aliases"]) == g.nodes[kzhq]["aliases"]
    gdp = [d for _, d in h.nodes(data=True) if d.get("indicator") == "地区生产总值" and d.get("area") == kzhq
           and not d.get("target")]  # the report's 2020 target (增长4%左右) is a figure of its own
    assert [(d["value"], d["year"]) for d in gdp] == [(122.05, 2019)] and "122.05" in gdp[0]["label"]
    assert all("label" in d for _, d in h.nodes(data=True))


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_neo4j_files_follow_the_admin_import_format(seeds: Built) -> None:
    folder = seeds.out / "graph.neo4j"
    ids: set[str] = set()
    for f in sorted(folder.glob("nodes_*.csv")):
        head, rows = read_csv(f)
        assert head[:2] == ["id:ID", ":LABEL"], f.name
        assert all(len(r) == len(head) for r in rows)
        label = f.stem.removeprefix("nodes_")
        assert all(label in r[1].split(DELIM) for r in rows)
        ids.update(r[0] for r in rows)
    assert len(ids) == seeds.graph.number_of_nodes()
    head, _ = read_csv(folder / "nodes_Place.csv")
    assert {"confidence:double", "aliases:string[]", "mentions:int"} <= set(head)
    head, _ = read_csv(folder / "nodes_Observation.csv")
    assert {"value:double", "growth_pct:double"} <= set(head)
    assert not [f.name for f in folder.glob("*.csv") if ":float" in f.read_text(encoding="utf-8").split("\n", 1)[0]]
    n_rels = 0
    for f in sorted(folder.glob("relationships_*.csv")):
        head, rows = read_csv(f)
        assert head[:3] == [":START_ID", ":END_ID", ":TYPE"], f.name
        typ = f.stem.removeprefix("relationships_")
        assert all(r[0] in ids and r[1] in ids and r[2] == typ for r in rows)
        n_rels += len(rows)
    assert n_rels >= seeds.graph.number_of_edges()
    # Neo4j 5.19+: the database name comes right after `full`, before any option
    [command] = [ln.strip() for ln in (folder / "README.txt").read_text(encoding="utf-8").splitlines()
                 if "neo4j-admin" in ln and "--nodes=" in ln]
    assert command.startswith("neo4j-admin database import full neo4j --")
    assert command.count("--nodes=") == len(list(folder.glob("nodes_*.csv")))
    assert command.count("--relationships=") == len(list(folder.glob("relationships_*.csv")))
    cypher = (folder / "import.cypher").read_text(encoding="utf-8")
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes_Place.csv'" in cypher
    assert rel_type("partOf") == "PART_OF" and "MATCH (a:Entity {id: row.`:START_ID`})" in cypher


def cypher(conn, query: str) -> list[list]:
    return conn.execute(query).get_all()


def test_property_graph_loads_into_ladybug(seeds: Built, tmp_path: Path) -> None:
    pytest.importorskip("ladybug")
    conn = load_ladybug(seeds.out / "graph.neo4j", tmp_path / "db")
    g = seeds.graph
    assert cypher(conn, "MATCH (n) RETURN count(*)") == [[g.number_of_nodes()]]
    up = cypher(conn, "MATCH (a:Place {name: '科尔沁左翼后旗'})-[:PART_OF]->(b:Place) "
                      "RETURN b.name, b.code ORDER BY b.code")
    assert up == [["内蒙古自治区", "150000"], ["通辽市", "150500"]]
    gdp = cypher(conn, "MATCH (o:Observation)-[:REF_AREA]->(p:Place {name: '科尔沁左翼后旗'}) "
                       "WHERE o.indicator = '地区生产总值' AND o.figure = 'outcome' RETURN o.year, o.value, o.unit")
    assert gdp == [[2019, 122.05, "亿元"]]
    places = cypher(conn, "MATCH (r:Report)-[:MENTIONS]->(:Slogan {name: '两不愁三保障'}), "
                          "(r)-[:ABOUT]->(p:Place) RETURN DISTINCT p.name")
    assert {"科尔沁左翼后旗", "肇源县"} <= {p for [p] in places}
    [[aliases, date]] = cypher(conn, "MATCH (p:Place {name: '科尔沁左翼后旗'})<-[:ABOUT]-(r:Report) "
                                     "RETURN p.aliases, r.date")
    assert "科左后旗" in aliases and str(date) == "2020-04-22"


def test_turtle_writes_ids_without_backslash_escapes(seeds: Built) -> None:
    """Virtuoso 7 keeps the backslashes of `kgid:place\\/…` in the IRI: ids are written as <…>."""
    text = seeds.ttl.read_text(encoding="utf-8")
    outside_strings = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    assert "\\" not in outside_strings and "kgid:" not in text
    ids = set(re.findall(r"<https://w3id\.org/cn-gwr/id/([^>]+)>", text))
    assert "place/科尔沁左翼后旗-150522" in ids and any("%" in i for i in ids)  # a %-encoded id too


def test_no_id_ends_in_none(seeds: Built) -> None:
    """A place named in a report that has no place of its own (004) is scoped 'x', not 'None'."""
    assert not [n for n in seeds.graph if str(n).endswith("-None")]
    assert "-None>" not in (seeds.out / "graph.nt").read_text(encoding="utf-8")
    assert entity_id("Place", "loc:None:大北沟镇", "大北沟镇") == "place/大北沟镇-x"
    assert any(str(n).endswith("-x") for n in seeds.graph)


def test_source_names_are_relative_to_the_inputs_folder(tmp_path: Path) -> None:
    for d in ("a/reports", "b/reports"):
        (tmp_path / d).mkdir(parents=True)
        (tmp_path / d / "x.txt").write_text("报告", encoding="utf-8")
    one = [tmp_path / "a/reports/x.txt"]
    assert source_names([tmp_path / "a/reports"], one) == {str(one[0]): "x.txt"}
    assert source_names(one, one) == {str(one[0]): "x.txt"}
    both = [tmp_path / "a/reports/x.txt", tmp_path / "b/reports/x.txt"]
    assert list(source_names([tmp_path / "a/reports", tmp_path / "b/reports"], both).values()) == \
        ["a/reports/x.txt", "b/reports/x.txt"]


def test_no_output_holds_the_absolute_path_of_the_inputs(tmp_path: Path) -> None:
    """Shared graphs must not leak the user's folders: build from an absolute path, grep every file."""
    home = tmp_path / "home-of-someone" / "reports"
    shutil.copytree(SEEDS, home / "2024")
    out = tmp_path / "out"
    build([str(home)], out, Settings(formats=FORMATS + ("html",), cache=False))
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 20
    leaks = [str(p.relative_to(out)) for p in files if b"home-of-someone" in p.read_bytes()]
    assert leaks == []
    g = Graph().parse(out / "graph.ttl", format="turtle")
    names = sorted(str(o) for o in g.objects(None, URIRef("https://w3id.org/cn-gwr/ontology#sourceFile")))
    assert names == sorted(f"2024/{p.name}" for p in SEEDS.glob("*.txt"))


def test_nodelink_streamed_is_the_whole_dump_byte_for_byte(seeds: Built) -> None:
    # the views writer streams node-link JSON piece by piece (peak memory); the file must stay what
    # one orjson.dumps of the whole node-link dict gives, and read back to the same graph
    import orjson

    from kg.export import nodelink

    whole = orjson.dumps(nodelink.to_data(seeds.graph), default=nodelink._default)
    assert b"".join(nodelink.stream(seeds.graph)) == whole
    assert (seeds.out / "graph.json").read_bytes() == whole
    back = nodelink.from_data(orjson.loads(whole))
    assert sorted(back.nodes) == sorted(seeds.graph.nodes)
    assert back.number_of_edges() == seeds.graph.number_of_edges()


def test_html_written_in_pieces_is_the_rendered_page(seeds: Built, tmp_path: Path) -> None:
    # the page is written as frame + data bytes + frame, never as one string; same bytes as render()
    from kg.export import html

    path = tmp_path / "page.html"
    html.write(seeds.graph, path, seed=3)
    assert path.read_bytes() == html.render(seeds.graph, seed=3).encode("utf-8")
    tricky = {"s": "a</script><b>&\u2028\u2029c", "n": [1, 2.5, None]}
    assert html.json_bytes_for_script(tricky).decode("utf-8") == html.json_for_script(tricky)
    assert b"</script>" not in html.json_bytes_for_script(tricky)
