"""The RDF view as a SPARQL user reads it: every value a report states arrives with its datatype,
in the named graph of its report, and the Turtle a build writes from shards is the same graph.

Written to kill the mutants bench/mutation.py found surviving in kg/export/rdf.py (bench/mutation.md).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg import graph as kgraph
from kg.export import rdf
from kg.link import link
from kg.pipeline import Settings, build, process
from kg.read import document_from_text

ID = "https://w3id.org/cn-gwr/id/"
PREFIXES = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#> PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""
A = ("2021年科尔沁左翼后旗政府工作报告\n——2021年1月5日在科尔沁左翼后旗第十七届人民代表大会第五次会议上\n旗长 张三\n"
     "各位代表：去年全旗地区生产总值完成120.5亿元，增长5%。我们落实“两不愁、三保障”，推进乡村振兴战略。科左后旗位于通辽市。\n"
     "今年主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%-6%。")
COUNTY, CITY = ID + "place/科尔沁左翼后旗-150522", ID + "place/通辽市-150500"


@pytest.fixture  # per test: mutmut credits a module fixture's calls to the first test only
def one():
    doc = document_from_text("in/a.txt", A)
    linked = link([process(doc, Settings())])
    g = kgraph.build([doc], linked.entities, linked.relations, linked.observations, linked.place_of)
    store = ox.Store()
    store.extend(rdf.all_quads(g))
    return doc, g, store


def _rows(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(None if t is None else t.value for t in row) for row in store.query(PREFIXES + query, use_default_graph_as_union=True)]


def _typed(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(t for t in row) for row in store.query(PREFIXES + query, use_default_graph_as_union=True)]


def test_the_report_node_holds_what_its_heading_says(one) -> None:
    _doc, _g, store = one
    rows = _typed(store, """SELECT ?p ?o WHERE { GRAPH ?r { ?r a kg:Report ; ?p ?o } }""")
    got = {(p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], o) for p, o in rows}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert ("year", ox.Literal("2021", datatype=ox.NamedNode(xsd + "integer"))) in got
    assert ("date", ox.Literal("2021-01-05", datatype=ox.NamedNode(xsd + "date"))) in got
    assert ("speaker", ox.Literal("张三", language="zh")) in got
    assert ("place", ox.NamedNode(COUNTY)) in got
    assert ("sourceFile", ox.Literal("in/a.txt")) in got
    title = ox.Literal("2021年科尔沁左翼后旗政府工作报告", language="zh")
    assert ("title", title) in got and ("label", title) in got


def test_entities_carry_names_code_confidence_and_parts_in_the_corpus_graph(one) -> None:
    _doc, _g, store = one
    rows = _rows(store, f"""SELECT ?label ?pref ?alt ?code ?conf WHERE {{ GRAPH <{rdf.CORPUS_GRAPH}> {{
        <{COUNTY}> a kg:Place ; rdfs:label ?label ; skos:prefLabel ?pref ; skos:altLabel ?alt ;
        kg:adminCode ?code ; kg:confidence ?conf }} }}""")
    assert rows == [("科尔沁左翼后旗", "科尔沁左翼后旗", "科左后旗", "150522", "0.99")]
    conf = _typed(store, f"SELECT ?c WHERE {{ <{CITY}> kg:confidence ?c }}")[0][0]
    assert conf.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal") and conf.value == "0.95"
    parts = {r[0] for r in _rows(store, "SELECT ?x WHERE { ?s a kg:Slogan ; kg:expandsTo ?x FILTER(lang(?x) = 'zh') }")}
    assert parts == {"不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障", "住房安全有保障"}
    assert _rows(store, "SELECT ?c WHERE { ?s a kg:Policy ; kg:adminCode ?c }") == []  # no code, no triple


def test_every_mention_points_at_its_surface_in_the_report(one) -> None:
    doc, g, store = one
    rows = _rows(store, """SELECT ?g ?e ?src ?surface ?sentence ?s ?end WHERE { GRAPH ?g { ?m a kg:Mention ;
        kg:mentionOf ?e ; prov:wasDerivedFrom ?src ; kg:surface ?surface ; kg:sentence ?sentence ;
        kg:startOffset ?s ; kg:endOffset ?end } }""")
    evidence = sum(len(d.get("evidence", [])) for _n, d in g.nodes(data=True) if d.get("kind") == "entity")
    assert len(rows) == evidence >= 6
    for graph, _e, src, surface, sentence, s, e in rows:
        assert graph == src == ID + "report/a"
        assert doc.text[int(s) : int(e)] == surface and surface in sentence
    assert (COUNTY, "科左后旗") in {(r[1], r[3]) for r in rows}


def test_figures_and_targets_with_their_numbers_units_years_and_sentences(one) -> None:
    doc, _g, store = one
    rows = _typed(store, """SELECT ?ds ?v ?u ?y ?area ?gr ?sent ?s ?e WHERE { GRAPH ?r { ?o a qb:Observation ;
        qb:dataSet ?ds ; kg:indicator "地区生产总值"@zh ; sdmx-measure:obsValue ?v ; sdmx-attribute:unitMeasure ?u ;
        sdmx-dimension:refPeriod ?y ; sdmx-dimension:refArea ?area ; kg:growthRate ?gr ; kg:sentence ?sent ;
        kg:startOffset ?s ; kg:endOffset ?e ; prov:wasDerivedFrom ?r } }""")
    assert len(rows) == 1
    ds, v, u, y, area, gr, sent, s, e = rows[0]
    assert ds.value == ID + "dataset/headline-figures" and area.value == COUNTY
    assert (float(v.value), u.value, y.value, float(gr.value)) == (120.5, "亿元", "2020", 5.0)
    assert y.datatype.value.endswith("#gYear") and v.datatype.value.endswith("#decimal")
    assert sent.value == "各位代表：去年全旗地区生产总值完成120.5亿元，增长5%。"
    assert "120.5亿元" in doc.text[int(s.value) : int(e.value)]
    targets = _rows(store, """SELECT ?ind ?ds ?gr ?lo ?hi ?q ?y WHERE { ?t a kg:Target ; qb:dataSet ?ds ;
        kg:indicator ?ind ; kg:qualifier ?q ; sdmx-dimension:refPeriod ?y
        OPTIONAL { ?t kg:growthRate ?gr } OPTIONAL { ?t kg:lowerBound ?lo } OPTIONAL { ?t kg:upperBound ?hi } }
        ORDER BY ?ind""")
    tds = ID + "dataset/targets"
    targets = [tuple(float(x) if i in (2, 3, 4) and x is not None else x for i, x in enumerate(r)) for r in targets]
    assert sorted(targets) == sorted([("地区生产总值", tds, 6.0, None, None, "左右", "2021"),
                                      ("一般公共预算收入", tds, None, 5.0, 6.0, "区间", "2021")])
    assert _rows(store, "SELECT ?t WHERE { ?t a kg:Target ; sdmx-measure:obsValue ?v }") == []  # no number stated


def test_datasets_are_named_in_both_languages_only_when_there_are_figures(one) -> None:
    _doc, _g, store = one
    labels = set(_rows(store, "SELECT ?ds ?l WHERE { ?ds a qb:DataSet ; rdfs:label ?l ; qb:structure kg:HeadlineFiguresStructure }"))
    assert labels == {(ID + "dataset/headline-figures", "主要经济指标"), (ID + "dataset/headline-figures", "Headline economic figures"),
                      (ID + "dataset/targets", "主要预期目标"), (ID + "dataset/targets", "Targets set by the reports")}
    doc = document_from_text("in/b.txt", "2021年科尔沁左翼后旗政府工作报告\n各位代表：推进乡村振兴战略。")
    linked = link([process(doc, Settings())])
    g = kgraph.build([doc], linked.entities, linked.relations, linked.observations, linked.place_of)
    assert not [t for t in rdf.triples(g) if t.object == ox.NamedNode(str(rdf.KG) + "HeadlineFiguresStructure")]


def test_a_relation_is_reified_with_its_confidence_and_evidence_in_the_report_graph(one) -> None:
    _doc, _g, store = one
    rows = _rows(store, f"""SELECT ?a ?conf ?ev ?src ?g WHERE {{ ?a a kg:RelationAssertion ; rdf:subject <{COUNTY}> ;
        rdf:predicate kg:partOf ; rdf:object <{CITY}> ; kg:confidence ?conf .
        GRAPH ?g {{ ?a kg:evidence ?ev ; prov:wasDerivedFrom ?src }} }}""")
    assert len(rows) == 1
    a, conf, ev, src, graph = rows[0]
    assert a == rdf.assertion_iri("place/科尔沁左翼后旗-150522", "partOf", "place/通辽市-150500")
    assert conf == "0.95" and src == graph == ID + "report/a" and ev
    assert list(store.quads_for_pattern(ox.NamedNode(COUNTY), ox.NamedNode(str(rdf.KG) + "partOf"),
                                        ox.NamedNode(CITY), ox.NamedNode(rdf.CORPUS_GRAPH)))


def test_without_provenance_no_mentions_assertions_or_evidence_but_every_figure(one) -> None:
    _doc, g, _store = one
    trips = list(rdf.triples(g, provenance=False))
    kinds = {t.object.value for t in trips if t.predicate.value.endswith("#type")}
    kg_ = str(rdf.KG)
    assert kg_ + "Mention" not in kinds and kg_ + "RelationAssertion" not in kinds
    assert not [t for t in trips if t.predicate.value == kg_ + "evidence"]
    assert sum(1 for t in trips if t.object.value in (kg_ + "Target", "http://purl.org/linked-data/cube#Observation")) == 3
    assert [t for t in trips if t.predicate.value == kg_ + "partOf"]
    full = list(rdf.triples(g))
    assert len(full) > len(trips) and set(map(str, trips)) < set(map(str, full))


def test_awkward_names_and_tiny_confidences_stay_valid_literals() -> None:
    g = nx.MultiDiGraph()
    name = 'a "q" \\ b\nc\rd'
    g.add_node("policy/x", kind="entity", type="Policy", label=name, aliases=['别"名'], code=None,
               confidence=1e-05, expansion=["一\\二"])
    g.add_node("policy/y", kind="entity", type="Policy", label="乙", confidence=float("nan"))
    trips = list(rdf.corpus_triples(g))
    by = {(t.subject.value.rsplit("/", 1)[-1], t.predicate.value.rsplit("#", 1)[-1]): t.object for t in trips}
    assert by[("x", "label")].value == name and by[("x", "prefLabel")].value == name
    assert by[("x", "altLabel")].value == '别"名' and by[("x", "expandsTo")].value == "一\\二"
    assert by[("x", "confidence")].value == "0.000010"  # 1e-05 is no xsd:decimal
    assert by[("y", "confidence")].value == "0.0"
    assert rdf._decimal_lexical(0.1234567) == "0.123457"


def test_a_build_writes_from_shards_the_graph_it_would_map_whole(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text("2022年通辽市政府工作报告\n各位代表：通辽市地区生产总值增长6%。推进乡村振兴战略。", encoding="utf-8")
    res = build([str(src)], tmp_path / "out", Settings(formats=("turtle", "ntriples"), cache=False, jobs=1))
    g = res.graph
    assert g.graph.get(rdf.SHARDS)
    written = ox.parse(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    whole = {str(t) for t in written}
    plain = nx.MultiDiGraph(g)
    plain.graph = {k: v for k, v in g.graph.items() if k not in (rdf.SHARDS, rdf.CORPUS_NT)}
    assert whole == {str(t) for t in rdf.triples(plain)} == {str(t) for t in rdf.triples(g)}
    parts = dict(rdf.report_parts(g))
    assert set(parts) == {n for n, d in g.nodes(data=True) if d.get("kind") == "report"} and len(parts) == 2
    mapped = {r: {str(t) for t in ts} for r, ts in rdf.report_parts(plain)}
    assert {r: {str(t) for t in ts} for r, ts in parts.items()} == mapped
    graphs = {q.graph_name.value for q in rdf.all_quads(g)}
    assert graphs == {rdf.CORPUS_GRAPH} | {rdf.node_iri(r) for r in parts}


def test_a_target_not_set_and_a_five_year_average_say_so() -> None:
    text = "2021年科尔沁左翼后旗政府工作报告\n各位代表：过去五年，地区生产总值年均增长6.5%。今年不设定经济增长具体目标。"
    doc = document_from_text("in/p.txt", text)
    linked = link([process(doc, Settings())])
    store = ox.Store()
    store.extend(rdf.all_quads(kgraph.build([doc], linked.entities, linked.relations, linked.observations,
                                            linked.place_of)))
    assert _rows(store, """SELECT ?ind ?y WHERE { GRAPH ?r { ?t a kg:Target ; kg:notSet true ; kg:indicator ?ind ;
        sdmx-dimension:refPeriod ?y } }""") == [("地区生产总值", "2021")]
    rows = _rows(store, """SELECT ?b ?gr ?y WHERE { GRAPH ?r { ?o a qb:Observation ; kg:basis ?b ; kg:growthRate ?gr
        OPTIONAL { ?o sdmx-dimension:refPeriod ?y } } }""")
    assert [(b, float(gr), y) for b, gr, y in rows] == [("period", 6.5, None)]  # a five-year average: no year
    assert _rows(store, "SELECT ?o WHERE { ?o kg:notSet ?x ; a qb:Observation }") == []
    assert len(_rows(store, "SELECT ?o WHERE { ?o kg:basis ?b }")) == 1  # a yearly figure states no basis


def test_a_cached_build_writes_the_same_turtle_again_from_the_shards_it_kept(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    settings = Settings(formats=("turtle",), cache=True, cache_dir=str(tmp_path / "cache"), jobs=1)
    build([str(src)], tmp_path / "one", settings)
    res = build([str(src)], tmp_path / "two", settings)  # the report's shard now comes from the cache
    [shard] = res.graph.graph[rdf.SHARDS]
    assert shard.data is None and shard.path is not None and shard.body() == Path(shard.path).read_bytes()
    one, two = (ox.parse(path=str(tmp_path / d / "graph.ttl"), format=ox.RdfFormat.TURTLE) for d in ("one", "two"))
    assert {str(t) for t in one} == {str(t) for t in two}
    assert any(str(t.object) == '"120.5"^^<http://www.w3.org/2001/XMLSchema#decimal>' for t in
               ox.parse(path=str(tmp_path / "two" / "graph.ttl"), format=ox.RdfFormat.TURTLE))
