"""The RDF view of the graph (vocabulary in ontology/kg.ttl), as pyoxigraph triples.

One mapping feeds every RDF syntax and the query store. It builds Rust-backed pyoxigraph terms
rather than an rdflib Graph: on 1,000 reports (2.7 million triples) the rdflib graph took about a
minute and 2.4 GB before a byte was written, the pyoxigraph triples a fraction of both, and
pyoxigraph serialises Turtle and N-Triples many times faster.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.vocab import DCT, ID, KG, PREFIX_IRIS, PROV, QB, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE, slug

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = PREFIX_IRIS


class _Terms:
    """Interned named nodes: the same few hundred predicates and classes are used millions of times."""

    def __init__(self) -> None:
        self._cache: dict[str, ox.NamedNode] = {}

    def __call__(self, iri: str) -> ox.NamedNode:
        node = self._cache.get(iri)
        if node is None:
            node = self._cache[iri] = ox.NamedNode(iri)
        return node


def node_iri(node_id: str) -> str:
    """IRI of a graph node: ids are ``kind/name`` with a name already made safe by kg.vocab.slug."""
    return str(ID) + node_id


def triples(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF view, reports first (mentions point at them)."""
    N = _Terms()
    T = ox.Triple
    xsd_integer, xsd_decimal = N(_XSD + "integer"), N(_XSD + "decimal")
    a, label, pref, alt = N(_RDF + "type"), N(_RDFS + "label"), N(_SKOS + "prefLabel"), N(_SKOS + "altLabel")

    def zh(text: str) -> ox.Literal:
        return ox.Literal(str(text), language="zh")

    def dec(x: float) -> ox.Literal:
        x = float(x)
        return ox.Literal(repr(round(x if math.isfinite(x) else 0.0, 6)), datatype=xsd_decimal)

    def integer(x: int) -> ox.Literal:
        return ox.Literal(str(int(x)), datatype=xsd_integer)

    sources: dict[str, ox.NamedNode] = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") != "report":
            continue
        s = N(node_iri(n))
        sources[d["source"]] = s
        yield T(s, a, N(str(KG.Report)))
        yield T(s, N(str(KG.sourceFile)), ox.Literal(d["source"]))
        yield T(s, N(str(DCT.title)), zh(d["label"]))
        yield T(s, label, zh(d["label"]))
        if d.get("year"):
            yield T(s, N(str(KG.year)), integer(d["year"]))
        if d.get("date"):
            yield T(s, N(str(DCT.date)), ox.Literal(d["date"], datatype=N(_XSD + "date")))
        if d.get("speaker"):
            yield T(s, N(str(KG.speaker)), zh(d["speaker"]))
        if d.get("place"):
            yield T(s, N(str(KG.place)), N(node_iri(d["place"])))
    has_obs = False
    dataset = N(str(ID["dataset/headline-figures"]))
    for n, d in g.nodes(data=True):
        kind = d.get("kind")
        s = N(node_iri(n)) if kind in ("entity", "observation") else None
        if kind == "entity":
            yield T(s, a, N(str(KG[d["type"]])))
            yield T(s, label, zh(d["label"]))
            yield T(s, pref, zh(d["label"]))
            for alias in d.get("aliases", []):
                yield T(s, alt, zh(alias))
            if d.get("code"):
                yield T(s, N(str(KG.adminCode)), ox.Literal(d["code"]))
            yield T(s, N(str(KG.confidence)), dec(d.get("confidence", 0.0)))
            for part in d.get("expansion", []):
                yield T(s, N(str(KG.expandsTo)), zh(part))
            if provenance:
                for ev in d.get("evidence", []):
                    yield from _mention(N, s, ev, sources, zh, integer)
        elif kind == "observation":
            has_obs = True
            yield T(s, a, N(str(QB.Observation)))
            yield T(s, N(str(QB.dataSet)), dataset)
            yield T(s, N(str(KG.indicator)), zh(d["indicator"]))
            yield T(s, N(str(SDMX_MEASURE.obsValue)), dec(d["value"]))
            yield T(s, N(str(SDMX_ATTR.unitMeasure)), zh(d["unit"]))
            if d.get("year"):
                yield T(s, N(str(SDMX_DIM.refPeriod)), ox.Literal(str(d["year"]), datatype=N(_XSD + "gYear")))
            if d.get("area"):
                yield T(s, N(str(SDMX_DIM.refArea)), N(node_iri(d["area"])))
            if d.get("growth_pct") is not None:
                yield T(s, N(str(KG.growthRate)), dec(d["growth_pct"]))
            yield T(s, N(str(PROV.wasDerivedFrom)), N(node_iri(d["report"])))
            yield T(s, N(str(KG.sentence)), zh(d["evidence"]["sentence"]))
    if has_obs:
        yield T(dataset, a, N(str(QB.DataSet)))
        yield T(dataset, label, zh("主要经济指标"))
        yield T(dataset, label, ox.Literal("Headline economic figures", language="en"))
        yield T(dataset, N(str(QB.structure)), N(str(KG.HeadlineFiguresStructure)))
    for u, v, key, d in g.edges(keys=True, data=True):
        if d.get("kind") == "mentions":
            yield T(N(node_iri(u)), N(str(KG.mentions)), N(node_iri(v)))
        elif d.get("kind") == "relation":
            h, t, p = N(node_iri(u)), N(node_iri(v)), N(str(KG[key]))
            yield T(h, p, t)
            if provenance:
                r = N(str(ID["assertion/" + hashlib.sha1(f"{u}|{key}|{v}".encode()).hexdigest()[:16]]))
                yield T(r, a, N(str(KG.RelationAssertion)))
                yield T(r, N(_RDF + "subject"), h)
                yield T(r, N(_RDF + "predicate"), p)
                yield T(r, N(_RDF + "object"), t)
                yield T(r, N(str(KG.confidence)), dec(d.get("confidence", 0.0)))
                for ev in d.get("evidence", []):
                    yield T(r, N(str(KG.evidence)), zh(ev["sentence"]))
                    if ev["report"] in sources:
                        yield T(r, N(str(PROV.wasDerivedFrom)), sources[ev["report"]])


def _mention(N, entity: ox.NamedNode, ev: dict, sources, zh, integer) -> Iterator[ox.Triple]:
    T = ox.Triple
    rep = sources.get(ev["report"])
    stem = Path(ev["report"]).stem
    tag = hashlib.sha1(entity.value.encode()).hexdigest()[:8]  # one span may name two entities
    m = N(str(ID[f"mention/{slug(stem)}/{ev['start']}-{ev['end']}-{tag}"]))
    yield T(m, N(_RDF + "type"), N(str(KG.Mention)))
    yield T(m, N(str(KG.mentionOf)), entity)
    if rep is not None:
        yield T(m, N(str(PROV.wasDerivedFrom)), rep)
    yield T(m, N(str(KG.surface)), zh(ev["surface"]))
    yield T(m, N(str(KG.sentence)), zh(ev["sentence"]))
    yield T(m, N(str(KG.startOffset)), integer(ev["start"]))
    yield T(m, N(str(KG.endOffset)), integer(ev["end"]))


def serialize(g: nx.MultiDiGraph, fmt: ox.RdfFormat, provenance: bool = True, output=None):
    """The graph in one RDF syntax, to a binary file object, or as bytes when ``output`` is None."""
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3) else None
    return ox.serialize(triples(g, provenance), output, format=fmt, prefixes=prefixes)
