"""JSON-LD with an ``@context``: the RDF of to_rdf as plain-looking JSON objects.

Why written by hand rather than through rdflib's serializer: the point of JSON-LD here is that a
web developer reads ``{"@id": "kgid:place/通辽市-150500", "@type": "Place", "label": "通辽市",
"partOf": "kgid:place/内蒙古自治区-150000"}`` and a triple store reads exact RDF from the same file.
That needs a context with short keys whose coercions (IRIs, decimals, years, default language zh)
match the values, and a fallback to expanded value objects where a value does not fit its key.
The file expands to exactly the triples of the Turtle export (tests/test_exports.py checks it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, BNode, Literal, URIRef

from kg.atomic import atomic_write
from kg.export import register
from kg.export.turtle import to_rdf
from kg.vocab import PREFIX_IRIS

XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = PREFIX_IRIS
_IRI_TERMS = {
    "place": "kg:place", "partOf": "kg:partOf", "locatedIn": "kg:locatedIn", "undertakes": "kg:undertakes",
    "implements": "kg:implements", "relatedTo": "kg:relatedTo", "mentions": "kg:mentions",
    "mentionedIn": "kg:mentionedIn", "mentionOf": "kg:mentionOf", "wasDerivedFrom": "prov:wasDerivedFrom",
    "refArea": "sdmx-dimension:refArea", "dataSet": "qb:dataSet", "structure": "qb:structure",
    "subject": "rdf:subject", "predicate": "rdf:predicate", "object": "rdf:object",
}
_TYPED_TERMS = {
    "date": ("dcterms:date", "xsd:date"), "year": ("kg:year", "xsd:integer"),
    "confidence": ("kg:confidence", "xsd:decimal"), "startOffset": ("kg:startOffset", "xsd:integer"),
    "endOffset": ("kg:endOffset", "xsd:integer"), "value": ("sdmx-measure:obsValue", "xsd:decimal"),
    "growthRate": ("kg:growthRate", "xsd:decimal"), "refPeriod": ("sdmx-dimension:refPeriod", "xsd:gYear"),
}
_TEXT_TERMS = {  # language-tagged text: plain strings take the default @language "zh"
    "label": "rdfs:label", "prefLabel": "skos:prefLabel", "altLabel": "skos:altLabel",
    "title": "dcterms:title", "speaker": "kg:speaker", "expandsTo": "kg:expandsTo", "surface": "kg:surface",
    "sentence": "kg:sentence",
    "evidence": "kg:evidence", "indicator": "kg:indicator", "unit": "sdmx-attribute:unitMeasure",
}
_STRING_TERMS = {"sourceFile": "kg:sourceFile", "adminCode": "kg:adminCode"}  # no language
_CLASSES = {
    "Report": "kg:Report", "Mention": "kg:Mention", "RelationAssertion": "kg:RelationAssertion",
    "Place": "kg:Place", "Enterprise": "kg:Enterprise", "Project": "kg:Project", "Policy": "kg:Policy",
    "Slogan": "kg:Slogan", "Observation": "qb:Observation", "DataSet": "qb:DataSet",
}


def context() -> dict[str, Any]:
    """The ``@context`` every file carries: prefixes, class names and short property keys."""
    ctx: dict[str, Any] = {"@language": "zh", **PREFIXES, **_CLASSES}
    ctx.update({k: {"@id": v, "@type": "@id"} for k, v in _IRI_TERMS.items()})
    ctx.update({k: {"@id": v, "@type": t} for k, (v, t) in _TYPED_TERMS.items()})
    ctx.update(_TEXT_TERMS)
    ctx.update({k: {"@id": v, "@language": None} for k, v in _STRING_TERMS.items()})
    return ctx


def _expand(curie: str) -> str:
    p, local = curie.split(":", 1)
    return PREFIXES[p] + local


_BY_IRI: dict[str, tuple[str, str, str | None]] = {}  # property IRI -> (key, kind, datatype)
for _k, _v in _IRI_TERMS.items():
    _BY_IRI[_expand(_v)] = (_k, "iri", None)
for _k, (_v, _t) in _TYPED_TERMS.items():
    _BY_IRI[_expand(_v)] = (_k, "typed", _expand(_t))
for _k, _v in _TEXT_TERMS.items():
    _BY_IRI[_expand(_v)] = (_k, "text", None)
for _k, _v in _STRING_TERMS.items():
    _BY_IRI[_expand(_v)] = (_k, "string", None)
_CLASS_KEYS = {_expand(v): k for k, v in _CLASSES.items()}


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI under a known namespace (longest namespace wins), else the IRI."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns) and len(iri) > len(ns)),
               key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _node_ref(t: Any) -> str:
    return f"_:{t}" if isinstance(t, BNode) else compact(str(t))


def _value(o: Any, kind: str | None, datatype: str | None) -> Any | None:
    """The compact form of ``o`` under a key of this kind, or None if it needs the expanded form."""
    if kind == "iri":
        return _node_ref(o) if isinstance(o, (URIRef, BNode)) else None
    if not isinstance(o, Literal):
        return None
    if kind == "typed":
        return str(o) if o.datatype is not None and str(o.datatype) == datatype else None
    if kind == "text":
        return str(o) if o.language == "zh" else None
    if kind == "string":
        plain = o.language is None and (o.datatype is None or str(o.datatype) == XSD + "string")
        return str(o) if plain else None
    return None


def _expanded(o: Any) -> Any:
    if isinstance(o, (URIRef, BNode)):
        return {"@id": _node_ref(o)}
    if o.language:
        return str(o) if o.language == "zh" else {"@value": str(o), "@language": o.language}
    if o.datatype is not None and str(o.datatype) != XSD + "string":
        return {"@value": str(o), "@type": compact(str(o.datatype))}
    return {"@value": str(o)}


def _sort_key(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def to_jsonld(g: nx.MultiDiGraph, provenance: bool = True) -> dict[str, Any]:
    """A JSON-LD document (``@context`` + ``@graph``) holding exactly the triples of to_rdf."""
    rdf = to_rdf(g, provenance=provenance)
    nodes: dict[Any, dict[str, list[Any]]] = {}
    for s, p, o in rdf:
        props = nodes.setdefault(s, {})
        if p == RDF.type and isinstance(o, URIRef):
            props.setdefault("@type", []).append(_CLASS_KEYS.get(str(o)) or compact(str(o)))
            continue
        key, kind, datatype = _BY_IRI.get(str(p), (None, None, None))
        v = _value(o, kind, datatype) if key else None
        if v is None:
            key, v = compact(str(p)), _expanded(o)
        props.setdefault(key, []).append(v)
    graph = []
    for s in sorted(nodes, key=_node_ref):
        obj: dict[str, Any] = {"@id": _node_ref(s)}
        for key in sorted(nodes[s], key=lambda k: (k != "@type", k)):
            vals = sorted(nodes[s][key], key=_sort_key)
            obj[key] = vals[0] if len(vals) == 1 else vals
        graph.append(obj)
    return {"@context": context(), "@graph": graph}


@register("jsonld", ".jsonld", rdf=True)
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True, indent: int | None = 1) -> None:
    """JSON-LD 1.1 with a @context of short keys (label, partOf, value…), same triples as Turtle."""
    text = json.dumps(to_jsonld(g, provenance), ensure_ascii=False, indent=indent)
    with atomic_write(path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
