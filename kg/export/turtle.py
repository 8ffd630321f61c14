"""RDF view of the graph (ontology/kg.ttl) and its Turtle writer.

``to_rdf`` is shared by every RDF format (Turtle, N-Triples, JSON-LD): one mapping, many syntaxes.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from kg.atomic import atomic_write
from kg.export import register
from kg.vocab import DCT, ID, KG, PREFIXES, PROV, QB, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE, slug

HEADLINE_DATASET = ID["dataset/headline-figures"]


def node_iri(node_id: str) -> URIRef:
    """IRI of a graph node: ids are ``kind/name`` with a name already made safe by kg.vocab.slug."""
    return ID[node_id]


def _dec(x: float) -> Literal:
    if x != x or x in (float("inf"), float("-inf")):
        x = 0.0
    return Literal(repr(round(float(x), 6)), datatype=XSD.decimal)


# One build writes several RDF syntaxes from one graph: map it once (the mapping is the slow part).
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def to_rdf(g: nx.MultiDiGraph, provenance: bool = True) -> Graph:
    """The RDF of a graph, computed once per graph object and provenance choice.
    The result is shared: callers must not modify it."""
    key = (provenance, g.number_of_nodes(), g.number_of_edges())
    hit = _CACHE.get(g)
    if hit is not None and hit[0] == key:
        return hit[1]
    rdf = _to_rdf(g, provenance)
    _CACHE[g] = (key, rdf)
    return rdf


def _to_rdf(g: nx.MultiDiGraph, provenance: bool = True) -> Graph:
    rdf = Graph()
    for p, ns in PREFIXES.items():
        rdf.bind(p, ns)
    rdf.bind("skos", SKOS)
    sources: dict[str, URIRef] = {}
    for n, d in g.nodes(data=True):
        s = node_iri(n)
        kind = d.get("kind")
        if kind == "report":
            sources[d["source"]] = s
            rdf.add((s, RDF.type, KG.Report))
            rdf.add((s, KG.sourceFile, Literal(d["source"])))
            rdf.add((s, DCT.title, Literal(d["label"], lang="zh")))
            rdf.add((s, RDFS.label, Literal(d["label"], lang="zh")))
            if d.get("year"):
                rdf.add((s, KG.year, Literal(int(d["year"]), datatype=XSD.integer)))
            if d.get("date"):
                rdf.add((s, DCT.date, Literal(d["date"], datatype=XSD.date)))
            if d.get("speaker"):
                rdf.add((s, KG.speaker, Literal(d["speaker"], lang="zh")))
            if d.get("place"):
                rdf.add((s, KG.place, node_iri(d["place"])))
    for n, d in g.nodes(data=True):
        s = node_iri(n)
        kind = d.get("kind")
        if kind == "entity":
            rdf.add((s, RDF.type, KG[d["type"]]))
            rdf.add((s, RDFS.label, Literal(d["label"], lang="zh")))
            rdf.add((s, SKOS.prefLabel, Literal(d["label"], lang="zh")))
            for a in d.get("aliases", []):
                rdf.add((s, SKOS.altLabel, Literal(a, lang="zh")))
            if d.get("code"):
                rdf.add((s, KG.adminCode, Literal(d["code"])))
            rdf.add((s, KG.confidence, _dec(d.get("confidence", 0.0))))
            for part in d.get("expansion", []):
                rdf.add((s, KG.expandsTo, Literal(part, lang="zh")))
            if provenance:
                for ev in d.get("evidence", []):
                    _mention(rdf, s, ev, sources)
        elif kind == "observation":
            rdf.add((s, RDF.type, QB.Observation))
            rdf.add((s, QB.dataSet, HEADLINE_DATASET))
            rdf.add((s, KG.indicator, Literal(d["indicator"], lang="zh")))
            rdf.add((s, SDMX_MEASURE.obsValue, _dec(d["value"])))
            rdf.add((s, SDMX_ATTR.unitMeasure, Literal(d["unit"], lang="zh")))
            if d.get("year"):
                rdf.add((s, SDMX_DIM.refPeriod, Literal(str(d["year"]), datatype=XSD.gYear)))
            if d.get("area"):
                rdf.add((s, SDMX_DIM.refArea, node_iri(d["area"])))
            if d.get("growth_pct") is not None:
                rdf.add((s, KG.growthRate, _dec(d["growth_pct"])))
            ev = d["evidence"]
            rdf.add((s, PROV.wasDerivedFrom, node_iri(d["report"])))
            rdf.add((s, KG.sentence, Literal(ev["sentence"], lang="zh")))
    if any(d.get("kind") == "observation" for _, d in g.nodes(data=True)):
        rdf.add((HEADLINE_DATASET, RDF.type, QB.DataSet))
        rdf.add((HEADLINE_DATASET, RDFS.label, Literal("主要经济指标", lang="zh")))
        rdf.add((HEADLINE_DATASET, RDFS.label, Literal("Headline economic figures", lang="en")))
        rdf.add((HEADLINE_DATASET, QB.structure, KG.HeadlineFiguresStructure))
    for u, v, key, d in g.edges(keys=True, data=True):
        if d.get("kind") == "mentions":
            rdf.add((node_iri(u), KG.mentions, node_iri(v)))
        elif d.get("kind") == "relation":
            h, t = node_iri(u), node_iri(v)
            rdf.add((h, KG[key], t))
            if provenance:
                a = ID["assertion/" + hashlib.sha1(f"{u}|{key}|{v}".encode()).hexdigest()[:16]]
                rdf.add((a, RDF.type, KG.RelationAssertion))
                rdf.add((a, RDF.subject, h))
                rdf.add((a, RDF.predicate, KG[key]))
                rdf.add((a, RDF.object, t))
                rdf.add((a, KG.confidence, _dec(d.get("confidence", 0.0))))
                for ev in d.get("evidence", []):
                    rdf.add((a, KG.evidence, Literal(ev["sentence"], lang="zh")))
                    if ev["report"] in sources:
                        rdf.add((a, PROV.wasDerivedFrom, sources[ev["report"]]))
    return rdf


def _mention(rdf: Graph, entity: URIRef, ev: dict, sources: dict[str, URIRef]) -> None:
    rep = sources.get(ev["report"])
    stem = Path(ev["report"]).stem
    tag = hashlib.sha1(str(entity).encode()).hexdigest()[:8]  # one span may name two entities
    m = ID[f"mention/{slug(stem)}/{ev['start']}-{ev['end']}-{tag}"]
    rdf.add((m, RDF.type, KG.Mention))
    rdf.add((m, KG.mentionOf, entity))
    if rep is not None:
        rdf.add((m, PROV.wasDerivedFrom, rep))
    rdf.add((m, KG.surface, Literal(ev["surface"], lang="zh")))
    rdf.add((m, KG.sentence, Literal(ev["sentence"], lang="zh")))
    rdf.add((m, KG.startOffset, Literal(int(ev["start"]), datatype=XSD.integer)))
    rdf.add((m, KG.endOffset, Literal(int(ev["end"]), datatype=XSD.integer)))


@register("turtle", ".ttl")
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True) -> None:
    """Turtle (RDF 1.1), through rdflib."""
    data = to_rdf(g, provenance=provenance).serialize(format="turtle", encoding="utf-8")
    with atomic_write(path, "wb") as fh:
        fh.write(data)
