"""The RDF view of the graph (vocabulary in ontology/kg.ttl), as pyoxigraph triples.

One mapping feeds every RDF syntax and the query store. It builds Rust-backed pyoxigraph terms
rather than an rdflib Graph: on 1,000 reports (2.7 million triples) the rdflib graph took about a
minute and 2.4 GB before a byte was written, the pyoxigraph triples a fraction of both, and
pyoxigraph serialises Turtle and N-Triples many times faster.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.vocab import DCT, ID, KG, PREFIX_IRIS, PROV, QB, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = PREFIX_IRIS
# Prefixes Turtle is written with. Ids (kgid:) are left out: their paths hold '/' and '%', which a
# prefixed name must escape (kgid:place\/…), and Virtuoso 7 keeps those backslashes in the IRI, so
# ids are written whole as <…>, which every parser reads alike.
TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if iri != str(ID)}
_KG = str(KG)
_DCT = str(DCT)
_PROV = str(PROV)
_QB = str(QB)
_SDMX_ATTR = str(SDMX_ATTR)
_SDMX_DIM = str(SDMX_DIM)
_SDMX_MEASURE = str(SDMX_MEASURE)
_ID = str(ID)


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
    return _ID + node_id


CORPUS_GRAPH = _ID + "graph/corpus"  # named graph of what no single report owns


class _Mapper:
    """The term builders both halves of the mapping share."""

    def __init__(self) -> None:
        self.N = N = _Terms()
        self.a, self.label = N(_RDF + "type"), N(_RDFS + "label")
        self.xsd_integer, self.xsd_decimal = N(_XSD + "integer"), N(_XSD + "decimal")

    @staticmethod
    def zh(text: str) -> ox.Literal:
        return ox.Literal(str(text), language="zh")

    def dec(self, x: float) -> ox.Literal:
        return ox.Literal(_decimal_lexical(x), datatype=self.xsd_decimal)

    def integer(self, x: int) -> ox.Literal:
        return ox.Literal(str(int(x)), datatype=self.xsd_integer)


def assertion_iri(u: str, rel: str, v: str) -> str:
    return _ID + "assertion/" + hashlib.sha1(f"{u}|{rel}|{v}".encode()).hexdigest()[:16]


def corpus_triples(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Triple]:
    """What no single report owns: entities (names, codes, confidence), relations and their
    assertion nodes. It does not read evidence, so a graph with sampled evidence gives it whole."""
    for q in ox.parse(corpus_ntriples(g, provenance), format=ox.RdfFormat.N_TRIPLES):
        yield q.triple


def _nt_text(text: str) -> str:
    """An N-Triples string body: only backslash, quote, LF and CR must be escaped."""
    if any(c in text for c in '\\"\n\r'):
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return text


def _decimal_lexical(x: float) -> str:
    x = float(x)
    x = round(x if math.isfinite(x) else 0.0, 6)
    text = repr(x)
    return f"{x:.6f}" if "e" in text or "E" in text else text  # 1e-05 is no xsd:decimal


def _nt_decimal(x: float) -> str:
    return f'"{_decimal_lexical(x)}"^^<{_XSD}decimal>'


def _corpus_lines(g: nx.MultiDiGraph, provenance: bool) -> Iterator[str]:
    """The corpus part as N-Triples lines, written as text: it is rebuilt on every build, and text
    is several times faster than making a term object per node and literal."""
    a, label = f"<{_RDF}type>", f"<{_RDFS}label>"
    pref, alt = f"<{_SKOS}prefLabel>", f"<{_SKOS}altLabel>"
    code_p, conf_p, exp_p = f"<{_KG}adminCode>", f"<{_KG}confidence>", f"<{_KG}expandsTo>"
    has_obs = has_targets = False
    for n, d in g.nodes(data=True):
        kind = d.get("kind")
        if kind == "observation":
            has_obs = True
            has_targets = has_targets or bool(d.get("target"))
        if kind != "entity":
            continue
        s = f"<{_ID}{n}>"
        name = _nt_text(str(d["label"]))
        yield f"{s} {a} <{_KG}{d['type']}> ."
        yield f'{s} {label} "{name}"@zh .'
        yield f'{s} {pref} "{name}"@zh .'
        for alias in d.get("aliases", []):
            yield f'{s} {alt} "{_nt_text(str(alias))}"@zh .'
        if d.get("code"):
            yield f'{s} {code_p} "{_nt_text(str(d["code"]))}" .'
        yield f"{s} {conf_p} {_nt_decimal(d.get('confidence', 0.0))} ."
        for part in d.get("expansion", []):
            yield f'{s} {exp_p} "{_nt_text(str(part))}"@zh .'
    if has_obs or g.graph.get("has_observations"):
        ds = f"<{_ID}dataset/headline-figures>"
        yield f"{ds} {a} <{_QB}DataSet> ."
        yield f'{ds} {label} "主要经济指标"@zh .'
        yield f'{ds} {label} "Headline economic figures"@en .'
        yield f"{ds} <{_QB}structure> <{_KG}HeadlineFiguresStructure> ."
    if has_targets:
        ds = f"<{_ID}dataset/targets>"
        yield f"{ds} {a} <{_QB}DataSet> ."
        yield f'{ds} {label} "主要预期目标"@zh .'
        yield f'{ds} {label} "Targets set by the reports"@en .'
        yield f"{ds} <{_QB}structure> <{_KG}HeadlineFiguresStructure> ."
    for u, v, key, d in g.edges(keys=True, data=True):
        if d.get("kind") != "relation":
            continue
        h, t, p = f"<{_ID}{u}>", f"<{_ID}{v}>", f"<{_KG}{key}>"
        yield f"{h} {p} {t} ."
        if provenance:
            r = f"<{assertion_iri(u, key, v)}>"
            yield f"{r} {a} <{_KG}RelationAssertion> ."
            yield f"{r} <{_RDF}subject> {h} ."
            yield f"{r} <{_RDF}predicate> {p} ."
            yield f"{r} <{_RDF}object> {t} ."
            yield f"{r} {conf_p} {_nt_decimal(d.get('confidence', 0.0))} ."


def report_quads(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Quad]:
    """What each report owns, in a named graph per report (its IRI): the report, the mentions in
    it, its headline figures, and the evidence it gives for relations. Rendered per report in a
    corpus build, so a report's part can be kept and reused while the others change."""
    M = _Mapper()
    N, a, label, zh = M.N, M.a, M.label, M.zh
    Q = ox.Quad
    rid_of: dict[str, str] = {}
    sources: dict[str, ox.NamedNode] = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") != "report":
            continue
        s = N(node_iri(n))
        rid_of[d["source"]] = n
        sources[d["source"]] = s
        yield Q(s, a, N(_KG + "Report"), s)
        yield Q(s, N(_KG + "sourceFile"), ox.Literal(d["source"]), s)
        yield Q(s, N(_DCT + "title"), zh(d["label"]), s)
        yield Q(s, label, zh(d["label"]), s)
        if d.get("year"):
            yield Q(s, N(_KG + "year"), M.integer(d["year"]), s)
        if d.get("date"):
            yield Q(s, N(_DCT + "date"), ox.Literal(d["date"], datatype=N(_XSD + "date")), s)
        if d.get("speaker"):
            yield Q(s, N(_KG + "speaker"), zh(d["speaker"]), s)
        if d.get("place"):
            yield Q(s, N(_KG + "place"), N(node_iri(d["place"])), s)
    dataset = N(_ID + "dataset/headline-figures")
    targets = N(_ID + "dataset/targets")
    for n, d in g.nodes(data=True):
        kind = d.get("kind")
        if kind == "entity" and provenance:
            s = N(node_iri(n))
            tag = hashlib.sha1(s.value.encode()).hexdigest()[:8]  # one span may name two entities
            for ev in d.get("evidence", []):
                rep = sources.get(ev["report"])
                if rep is not None:
                    yield from _mention(M, s, tag, ev, rep, rid_of[ev["report"]])
        elif kind == "observation":
            yield from _observation(M, n, d, dataset, targets)
    for u, v, key, d in g.edges(keys=True, data=True):
        if d.get("kind") == "mentions":
            rep = N(node_iri(u))
            yield Q(rep, N(_KG + "mentions"), N(node_iri(v)), rep)
        elif d.get("kind") == "relation" and provenance:
            r = N(assertion_iri(u, key, v))
            for ev in d.get("evidence", []):
                rep = sources.get(ev["report"])
                if rep is not None:
                    yield Q(r, N(_KG + "evidence"), zh(ev["sentence"]), rep)
                    yield Q(r, N(_PROV + "wasDerivedFrom"), rep, rep)


def _observation(M: _Mapper, n: str, d: dict, dataset: ox.NamedNode, targets: ox.NamedNode) -> Iterator[ox.Quad]:
    """A figure: a qb:Observation (an outcome) or a kg:Target (what a report sets for a year), with
    what it measures, where, when, its number(s), hedge and the sentence it was read from."""
    N, Q, zh = M.N, ox.Quad, M.zh
    s, rep = N(node_iri(n)), N(node_iri(d["report"]))
    target = bool(d.get("target"))
    yield Q(s, M.a, N(_KG + "Target") if target else N(_QB + "Observation"), rep)
    yield Q(s, N(_QB + "dataSet"), targets if target else dataset, rep)
    yield Q(s, N(_KG + "indicator"), zh(d["indicator"]), rep)
    if d.get("value") is not None:
        yield Q(s, N(_SDMX_MEASURE + "obsValue"), M.dec(d["value"]), rep)
        yield Q(s, N(_SDMX_ATTR + "unitMeasure"), zh(d["unit"]), rep)
    if d.get("year"):
        yield Q(s, N(_SDMX_DIM + "refPeriod"), ox.Literal(str(d["year"]), datatype=N(_XSD + "gYear")), rep)
    if d.get("area"):
        yield Q(s, N(_SDMX_DIM + "refArea"), N(node_iri(d["area"])), rep)
    if d.get("growth_pct") is not None:
        yield Q(s, N(_KG + "growthRate"), M.dec(d["growth_pct"]), rep)
    for key, prop in (("lower", "lowerBound"), ("upper", "upperBound")):
        if d.get(key) is not None:
            yield Q(s, N(_KG + prop), M.dec(d[key]), rep)
    if d.get("qualifier"):
        yield Q(s, N(_KG + "qualifier"), zh(d["qualifier"]), rep)
    if d.get("not_set"):
        yield Q(s, N(_KG + "notSet"), ox.Literal("true", datatype=N(_XSD + "boolean")), rep)
    if d.get("basis") == "period":
        yield Q(s, N(_KG + "basis"), ox.Literal("period"), rep)
    yield Q(s, N(_PROV + "wasDerivedFrom"), rep, rep)
    ev = d.get("evidence") or {}
    yield Q(s, N(_KG + "sentence"), zh(ev.get("sentence", "")), rep)
    if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        yield Q(s, N(_KG + "startOffset"), M.integer(ev["start"]), rep)
        yield Q(s, N(_KG + "endOffset"), M.integer(ev["end"]), rep)


def _mention(M: _Mapper, entity: ox.NamedNode, tag: str, ev: dict, rep: ox.NamedNode, rid: str) -> Iterator[ox.Quad]:
    N, Q = M.N, ox.Quad
    m = N(f"{_ID}mention/{rid.removeprefix('report/')}/{ev['start']}-{ev['end']}-{tag}")
    yield Q(m, M.a, N(_KG + "Mention"), rep)
    yield Q(m, N(_KG + "mentionOf"), entity, rep)
    yield Q(m, N(_PROV + "wasDerivedFrom"), rep, rep)
    yield Q(m, N(_KG + "surface"), M.zh(ev["surface"]), rep)
    yield Q(m, N(_KG + "sentence"), M.zh(ev["sentence"]), rep)
    yield Q(m, N(_KG + "startOffset"), M.integer(ev["start"]), rep)
    yield Q(m, N(_KG + "endOffset"), M.integer(ev["end"]), rep)


SHARDS = "rdf_shards"  # key in g.graph: the reports' parts, rendered ahead (kg.pipeline)
CORPUS_NT = "rdf_corpus"  # key in g.graph: the corpus part as N-Triples, made once for all writers


def corpus_ntriples(g: nx.MultiDiGraph, provenance: bool = True) -> bytes:
    pre = g.graph.get(CORPUS_NT) if provenance else None
    if pre is not None:
        return pre
    lines = list(_corpus_lines(g, provenance))
    data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if provenance and SHARDS in g.graph:  # a build's graph, written by several RDF writers in turn
        g.graph[CORPUS_NT] = data
    return data


@dataclass(frozen=True)
class Shard:
    """One report's part of the RDF (report_quads of that report alone), as Turtle without prefix
    lines. A corpus build renders each once and keeps it; the graph then holds the corpus part
    and these, and every RDF writer joins the two."""

    report: str  # report node id
    ident: str  # names the content: a shard with the same ident has the same bytes
    path: Path | None = None
    data: bytes | None = None

    def body(self) -> bytes:
        return self.data if self.data is not None else Path(self.path).read_bytes()


def prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in TURTLE_PREFIXES.items()).encode()


def render_shard(g_one: nx.MultiDiGraph, provenance: bool = True) -> bytes:
    """The report part of a one-report graph, as Turtle whose prefixes are those of prefix_header."""
    return _turtle_body(q.triple for q in report_quads(g_one, provenance))


def shard_quads(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Quad]:
    """The reports' parts, each in the named graph of its report: from the shards if the graph
    has them, else mapped from the graph's own evidence."""
    shards = g.graph.get(SHARDS)
    if shards is None or not provenance:
        yield from report_quads(g, provenance)
        return
    header = prefix_header()
    for sh in shards:
        graph = ox.NamedNode(node_iri(sh.report))
        for q in ox.parse(header + sh.body(), format=ox.RdfFormat.TURTLE):
            yield ox.Quad(q.subject, q.predicate, q.object, graph)


def report_parts(g: nx.MultiDiGraph) -> Iterator[tuple[str, Iterable[ox.Triple]]]:
    """Each report's own part as (report node id, its triples): parsed from the shard when the
    build rendered one (no quad objects made), else mapped from the graph's own evidence."""
    shards = g.graph.get(SHARDS)
    if shards is None:
        parts: dict[str, list[ox.Triple]] = {}
        for q in report_quads(g):
            parts.setdefault(q.graph_name.value[len(_ID):], []).append(q.triple)
        yield from parts.items()
        return
    header = prefix_header()
    for sh in shards:
        yield sh.report, ox.parse(header + sh.body(), format=ox.RdfFormat.TURTLE)


def triples(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF view: the corpus part, then each report's own part (from
    the shards when a build rendered them, else from the graph's own evidence)."""
    yield from corpus_triples(g, provenance)
    for q in shard_quads(g, provenance):
        yield q.triple


def all_quads(g: nx.MultiDiGraph, provenance: bool = True) -> Iterator[ox.Quad]:
    """The same triples as quads: the corpus part in CORPUS_GRAPH, each report's in its own."""
    corpus = ox.NamedNode(CORPUS_GRAPH)
    for t in corpus_triples(g, provenance):
        yield ox.Quad(t.subject, t.predicate, t.object, corpus)
    yield from shard_quads(g, provenance)


def serialize(g: nx.MultiDiGraph, fmt: ox.RdfFormat, provenance: bool = True, output=None):
    """The graph in one RDF syntax, to a binary file object, or as bytes when ``output`` is None."""
    prefixes = TURTLE_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3) else None
    return ox.serialize(triples(g, provenance), output, format=fmt, prefixes=prefixes)


def write_turtle(g: nx.MultiDiGraph, fh, provenance: bool = True) -> None:
    """Turtle to a binary file: the corpus part serialised now, the reports' shards copied as they
    are (Turtle allows its statements in any order under one set of prefixes)."""
    shards = g.graph.get(SHARDS)
    if shards is None or not provenance:
        serialize(g, ox.RdfFormat.TURTLE, provenance, output=fh)
        return
    fh.write(prefix_header())
    corpus = ox.parse(corpus_ntriples(g, provenance), format=ox.RdfFormat.N_TRIPLES)
    fh.write(_turtle_body(q.triple for q in corpus))
    for sh in shards:
        fh.write(b"\n")
        fh.write(sh.body())


def _turtle_body(trips: Iterable[ox.Triple]) -> bytes:
    """Turtle of some triples under TURTLE_PREFIXES, without the prefix lines."""
    data = ox.serialize(trips, None, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    lines = data.splitlines(keepends=True)
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    return b"".join(lines[i:])
