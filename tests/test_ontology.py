"""The ontology (ontology/kg.ttl) and the SHACL shapes (ontology/shapes.ttl) against what to_rdf writes.

A small graph is built by hand from kg.model records through kg.graph.build, so these tests depend on
neither the extractors nor output/.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.export.turtle import to_rdf
from kg.graph import build
from kg.model import Document, Entity, Evidence, Observation, Relation, ReportMeta, Sentence
from kg.vocab import ID, KG

pyshacl = pytest.importorskip("pyshacl")

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
KG_TTL = ONTOLOGY_DIR / "kg.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"

SOURCE = "seeds/000_test.txt"
TEXT = (
    "通辽市科左后旗2019年地区生产总值122.05亿元，增长3.4%。"
    "康臣药业在科左后旗承建康臣药业二期项目，落实乡村振兴战略和“两不愁三保障”。"
)

PLACE_CITY = "place/通辽市-150500"
PLACE_BANNER = "place/科左后旗-150522"
ENTERPRISE = "enterprise/康臣药业"
PROJECT = "project/康臣药业二期项目"
POLICY = "policy/乡村振兴战略"
SLOGAN = "slogan/两不愁三保障"


# --------------------------------------------------------------------------------------------------
# A small hand-made graph
# --------------------------------------------------------------------------------------------------


def _document() -> Document:
    cut = TEXT.index("。") + 1
    return Document(
        source=SOURCE,
        text=TEXT,
        meta=ReportMeta(
            title="2020年科左后旗政府工作报告",
            place="科左后旗",
            year=2020,
            date="2020-04-22",
            speaker="何志伟",
        ),
        sentences=[Sentence(0, cut, TEXT[:cut]), Sentence(cut, len(TEXT), TEXT[cut:])],
    )


def _evidence(doc: Document, surface: str, report: str | None = None) -> Evidence:
    start = doc.text.index(surface)
    sentence = doc.sentences[doc.sentence_at(start)].text
    return Evidence(
        report=report or doc.source, sentence=sentence, start=start, end=start + len(surface), surface=surface
    )


def _records(doc: Document) -> tuple[list[Entity], list[Relation], list]:
    def ev(s: str) -> list[Evidence]:
        return [_evidence(doc, s)]

    entities = [
        Entity(PLACE_CITY, "Place", "通辽市", {"通辽市", "通辽"}, "150500", 0.95, ev("通辽市")),
        Entity(PLACE_BANNER, "Place", "科左后旗", set(), "150522", 0.9, ev("科左后旗")),
        Entity(ENTERPRISE, "Enterprise", "康臣药业", set(), None, 0.8, ev("康臣药业")),
        Entity(PROJECT, "Project", "康臣药业二期项目", set(), None, 0.7, ev("康臣药业二期项目")),
        Entity(POLICY, "Policy", "乡村振兴战略", set(), None, 0.85, ev("乡村振兴战略")),
        Entity(
            SLOGAN, "Slogan", "两不愁三保障", {"两不愁、三保障"}, None, 0.9, ev("两不愁三保障"),
            expansion=["不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障", "住房安全有保障"],
        ),
    ]
    relations = [
        Relation(PLACE_BANNER, "partOf", PLACE_CITY, 0.8, ev("通辽市科左后旗")),
        Relation(ENTERPRISE, "locatedIn", PLACE_BANNER, 0.7, ev("康臣药业在科左后旗")),
        Relation(ENTERPRISE, "undertakes", PROJECT, 0.7, ev("承建康臣药业二期项目")),
        Relation(PROJECT, "implements", POLICY, 0.6, ev("落实乡村振兴战略")),
        Relation(PROJECT, "implements", SLOGAN, 0.6, ev("两不愁三保障")),
        Relation(POLICY, "relatedTo", SLOGAN, 0.5, ev("乡村振兴战略和“两不愁三保障”")),
    ]
    start = doc.text.index("122.05")
    gdp = Observation("地区生产总值", 122.05, "亿元", 2019, start, start + 8, 3.4, "科左后旗")
    observations = [(doc, gdp, PLACE_BANNER)]
    return entities, relations, observations


def _graph(
    extra_entities: list[Entity] = (),
    extra_relations: list[Relation] = (),
    observations: list | None = None,
):
    doc = _document()
    entities, relations, obs = _records(doc)
    return build(
        [doc],
        entities + list(extra_entities),
        relations + list(extra_relations),
        obs if observations is None else observations,
        {doc.source: PLACE_BANNER},
    )


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(KG_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


@pytest.fixture(scope="module")
def good_rdf() -> Graph:
    return to_rdf(_graph())


def _validate(data: Graph, shapes: Graph, ontology: Graph | None, inference: str = "none"):
    """The call shapes.ttl documents: no inference; the ontology only mixed in."""
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference=inference, abort_on_first=False
    )
    return conforms, results, text


def _failures(results: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, source shape) of every validation result."""
    return {
        (results.value(r, SH.focusNode), results.value(r, SH.sourceShape))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def _focus_nodes(results: Graph) -> set:
    return {f for f, _ in _failures(results)}


# --------------------------------------------------------------------------------------------------
# (a) both files parse
# --------------------------------------------------------------------------------------------------


def test_ontology_parses(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/cn-gwr/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) is not None
    for cls in ("Entity", "Place", "Enterprise", "Project", "Policy", "Slogan", "Report", "Mention"):
        assert (KG[cls], RDF.type, OWL.Class) in ontology, cls
    for cls in ("Place", "Enterprise", "Project", "Policy", "Slogan"):
        assert (KG[cls], RDFS.subClassOf, KG.Entity) in ontology, cls
    assert (KG.mentions, OWL.inverseOf, KG.mentionedIn) in ontology


def test_shapes_parse(shapes: Graph) -> None:
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) >= 5
    assert (None, SH.targetClass, KG.Report) in shapes
    assert (None, SH.targetSubjectsOf, KG.partOf) in shapes


def test_every_ontology_term_has_labels_and_comments_in_both_languages(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert terms
    for t in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(t, prop) if isinstance(o, Literal)}
            assert {"zh", "en"} <= langs, f"{t} lacks {prop} in zh/en (has {langs})"


# --------------------------------------------------------------------------------------------------
# (b) every kg: term to_rdf writes is declared
# --------------------------------------------------------------------------------------------------

_DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def _kg_terms(rdf: Graph) -> set[URIRef]:
    """Every IRI of the kg: namespace in the data, wherever it stands (predicate, class, object)."""
    return {
        term
        for triple in rdf
        for term in triple
        if isinstance(term, URIRef) and term.startswith(str(KG))
    }


@pytest.mark.parametrize("provenance", [True, False])
def test_every_kg_term_used_is_declared(ontology: Graph, provenance: bool) -> None:
    rdf = to_rdf(_graph(), provenance=provenance)
    used = _kg_terms(rdf)
    # the hand-made graph exercises every relation, every entity type and every optional field
    expected = {KG.Report, KG.mentions, KG.place, KG.year, KG.sourceFile, KG.speaker, KG.partOf,
                KG.locatedIn, KG.undertakes, KG.implements, KG.relatedTo, KG.indicator, KG.growthRate,
                KG.adminCode, KG.confidence, KG.expandsTo, KG.HeadlineFiguresStructure}
    expected |= {KG[t] for t in ("Place", "Enterprise", "Project", "Policy", "Slogan")}
    if provenance:
        expected |= {KG.Mention, KG.mentionOf, KG.surface, KG.sentence, KG.startOffset, KG.endOffset,
                     KG.RelationAssertion, KG.evidence}
    assert expected <= used, f"to_rdf no longer writes {sorted(expected - used)}"
    for term in sorted(used):
        kinds = set(ontology.objects(term, RDF.type))
        assert kinds, f"{term} is used by to_rdf but not declared in kg.ttl"
        assert kinds & _DECLARATIONS or term == KG.HeadlineFiguresStructure, f"{term}: {kinds}"
        langs = {o.language for o in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, f"{term} has no @zh and @en rdfs:label"


# --------------------------------------------------------------------------------------------------
# (c) a built graph conforms
# --------------------------------------------------------------------------------------------------


def test_built_graph_conforms(good_rdf: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = _validate(good_rdf, shapes, ontology)
    assert conforms, text


def test_shapes_need_no_ontology(good_rdf: Graph, shapes: Graph) -> None:
    conforms, _, text = _validate(good_rdf, shapes, None)
    assert conforms, text


def test_graph_without_provenance_conforms(shapes: Graph, ontology: Graph) -> None:
    rdf = to_rdf(_graph(), provenance=False)
    assert not list(rdf.subjects(RDF.type, KG.Mention))
    conforms, _, text = _validate(rdf, shapes, ontology)
    assert conforms, text


def test_turtle_round_trip_conforms(good_rdf: Graph, shapes: Graph, ontology: Graph) -> None:
    """What is validated is what a reader of the written file gets back."""
    reread = Graph().parse(data=good_rdf.serialize(format="turtle"), format="turtle")
    assert len(reread) == len(good_rdf)
    conforms, _, text = _validate(reread, shapes, ontology)
    assert conforms, text


# --------------------------------------------------------------------------------------------------
# (d) broken graphs do not conform, and the report names the failing node
# --------------------------------------------------------------------------------------------------


def _mention_iri(start: int, end: int, entity_id: str) -> URIRef:
    """As kg.export.turtle names a mention: report, span, and a tag of the entity (one span may
    name two entities)."""
    tag = hashlib.sha1(str(ID[entity_id]).encode()).hexdigest()[:8]
    return ID[f"mention/{Path(SOURCE).stem}/{start}-{end}-{tag}"]


def _broken_part_of() -> tuple[Graph, URIRef, str]:
    doc = _document()
    bad = Relation(PLACE_BANNER, "partOf", ENTERPRISE, 0.5, [_evidence(doc, "康臣药业在科左后旗")])
    return to_rdf(_graph(extra_relations=[bad])), ID[PLACE_BANNER], "PartOfShape"


def _broken_undertakes() -> tuple[Graph, URIRef, str]:
    doc = _document()
    bad = Relation(PLACE_CITY, "undertakes", PROJECT, 0.5, [_evidence(doc, "康臣药业二期项目")])
    return to_rdf(_graph(extra_relations=[bad])), ID[PLACE_CITY], "UndertakesSubjectShape"


def _broken_offsets() -> tuple[Graph, URIRef, str]:
    doc = _document()
    ev = _evidence(doc, "二期")
    ev.start, ev.end = ev.end, ev.start  # start >= end
    ent = Entity("place/二期", "Place", "二期", set(), None, 0.5, [ev])
    return to_rdf(_graph(extra_entities=[ent])), _mention_iri(ev.start, ev.end, ent.id), "MentionShape"


def _broken_unmentioned() -> tuple[Graph, URIRef, str]:
    ent = Entity("enterprise/无人提及公司", "Enterprise", "无人提及公司", set(), None, 0.5, [])
    return to_rdf(_graph(extra_entities=[ent])), ID["enterprise/无人提及公司"], "EntityShape"


def _broken_admin_code() -> tuple[Graph, URIRef, str]:
    doc = _document()
    ent = Entity("place/通辽", "Place", "通辽", set(), "15-05", 0.5, [_evidence(doc, "通辽")])
    return to_rdf(_graph(extra_entities=[ent])), ID["place/通辽"], "EntityShape"


def _broken_observation_area() -> tuple[Graph, URIRef, str]:
    doc = _document()
    start = doc.text.index("122.05")
    obs = [(doc, Observation("地区生产总值", 122.05, "亿元", 2019, start, start + 8, 3.4, None), None)]
    return to_rdf(_graph(observations=obs)), ID[f"obs/{doc.stem}/0"], "ObservationShape"


def _broken_assertion() -> tuple[Graph, URIRef, str]:
    rdf = to_rdf(_graph())
    rdf.remove((ID[ENTERPRISE], KG.undertakes, ID[PROJECT]))  # the reification without its triple
    assertion = next(
        a for a in rdf.subjects(RDF.predicate, KG.undertakes) if (a, RDF.type, KG.RelationAssertion) in rdf
    )
    return rdf, assertion, "RelationAssertionShape"


def _broken_two_types() -> tuple[Graph, URIRef, str]:
    rdf = to_rdf(_graph())
    rdf.add((ID[ENTERPRISE], RDF.type, KG.Project))  # disjoint classes
    return rdf, ID[ENTERPRISE], "EntityShape"


BROKEN = {
    "partOf place to enterprise": _broken_part_of,
    "undertakes from a place": _broken_undertakes,
    "mention with start >= end": _broken_offsets,
    "entity no report mentions": _broken_unmentioned,
    "malformed adminCode": _broken_admin_code,
    "observation without refArea": _broken_observation_area,
    "assertion of a missing triple": _broken_assertion,
    "entity of two disjoint types": _broken_two_types,
}


def _from_shape(shapes: Graph, source: URIRef, name: str) -> bool:
    """Whether a result's source shape is kgsh:<name> or one of its (blank) property shapes."""
    shape = URIRef("https://w3id.org/cn-gwr/shapes#" + name)
    return source == shape or (shape, SH.property, source) in shapes


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_graph_does_not_conform(case: str, shapes: Graph, ontology: Graph) -> None:
    rdf, focus, shape_name = BROKEN[case]()
    conforms, results, text = _validate(rdf, shapes, ontology)
    assert not conforms, f"{case}: expected a violation"
    assert focus in _focus_nodes(results), f"{case}: {focus} not reported\n{text}"
    assert str(focus) in text  # the human-readable report names it too
    hit = {s for f, s in _failures(results) if f == focus}
    assert any(_from_shape(shapes, s, shape_name) for s in hit), f"{case}: {shape_name} not among {hit}"


def test_broken_offsets_are_reported_on_the_offsets(shapes: Graph, ontology: Graph) -> None:
    rdf, focus, _ = _broken_offsets()
    _, results, _ = _validate(rdf, shapes, ontology)
    paths = {
        results.value(r, SH.resultPath)
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(r, SH.focusNode) == focus
    }
    assert KG.startOffset in paths


def test_only_the_broken_node_fails(shapes: Graph, ontology: Graph) -> None:
    rdf, focus, _ = _broken_unmentioned()
    _, results, text = _validate(rdf, shapes, ontology)
    assert _focus_nodes(results) == {focus}, text


def test_rdfs_inference_would_hide_a_range_error(shapes: Graph, ontology: Graph) -> None:
    """Why shapes.ttl says inference='none': RDFS over kg:partOf's range makes the enterprise a Place."""
    rdf, focus, _ = _broken_part_of()
    _, plain, _ = _validate(rdf, shapes, ontology, inference="none")
    _, inferred, _ = _validate(rdf, shapes, ontology, inference="rdfs")
    shape = URIRef("https://w3id.org/cn-gwr/shapes#PartOfShape")
    assert (focus, shape) in _failures(plain)
    assert (focus, shape) not in _failures(inferred)
