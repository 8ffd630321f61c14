"""The in-memory graph every exporter reads: a networkx MultiDiGraph.

Node schema (attribute ``kind`` tells them apart):

* ``kind="entity"``: id = entity id (``place/通辽市-150500``); ``type`` (Place, Enterprise, Project,
  Policy, Slogan), ``label``, ``aliases`` (sorted list), ``code`` (GB/T 2260 or None),
  ``confidence``, ``expansion`` (list of str), ``evidence`` (list of dicts with report, sentence,
  start, end, surface; all of it, or the first few in a corpus build: the RDF has every mention),
  ``mentions`` (how many in all), ``reports`` (sorted list of report node ids).
* ``kind="report"``: id = ``report/<file stem>``; ``label`` (title), ``source`` (path relative to the
  folder of the inputs: kg.read.source_names),
  ``year``, ``date``, ``speaker``, ``place`` (entity id or None), ``place_name``.
* ``kind="observation"``: id = ``obs/<stem>/<n>``; ``indicator``, ``value`` (None for a growth rate
  alone), ``unit``, ``year`` (None for a five-year total or average), ``growth_pct``, ``area`` (entity
  id), ``report`` (report node id), ``evidence`` (one dict); ``target`` (True for a 预期目标, the year
  being the one it is set for), ``qualifier`` (左右, 以上, …), ``lower``/``upper`` (a range),
  ``not_set`` (the report sets none), ``basis`` ("year", or "period" for five-year figures).

Edge schema (MultiDiGraph, key = relation name):

* ``kind="relation"``: entity → entity; ``rel`` (partOf, locatedIn, undertakes, implements,
  relatedTo), ``confidence``, ``evidence`` (list of dicts as above, possibly a sample),
  ``support`` (distinct evidence sentences in all).
* ``kind="mentions"``: report → entity; ``count`` (how many mentions in that report).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import networkx as nx

from kg.model import Document, Entity, Evidence, Relation
from kg.vocab import slug


def report_id(doc: Document) -> str:
    """``report/<file stem>``, made IRI-safe (a stem may hold spaces or brackets), and told apart
    when two inputs share a file name (the pipeline sets ``report_key`` then)."""
    return f"report/{slug(getattr(doc, 'report_key', None) or doc.stem)}"


def _ev(ev: Evidence, names: Mapping[str, str]) -> dict:
    return {"report": names.get(ev.report, ev.report), "sentence": ev.sentence, "start": ev.start, "end": ev.end,
            "surface": ev.surface}


def build(
    docs: list[Document],
    entities: list[Entity],
    relations: list[Relation],
    observations: list[tuple],
    place_of: dict[str, str | None],
    names: Mapping[str, str] | None = None,
) -> nx.MultiDiGraph:
    """Assemble the graph. ``place_of`` maps a document source to the entity id of its place;
    an observation is (Document, Observation, area id) or, with its evidence ready, (…, Evidence).
    ``names`` maps a document source (the path it was read from) to the name the graph records."""
    names = names or {}
    g = nx.MultiDiGraph()
    rid_of = {d.source: report_id(d) for d in docs}
    for d in docs:
        g.add_node(
            rid_of[d.source],
            kind="report",
            label=d.meta.title or d.stem,
            source=names.get(d.source, d.source),
            year=d.meta.year,
            date=d.meta.date,
            speaker=d.meta.speaker,
            place=place_of.get(d.source),
            place_name=d.meta.place,
        )
    for e in entities:
        counts = Counter()
        for src, n in (e.mentions or Counter(ev.report for ev in e.evidence)).items():
            if src in rid_of:
                counts[rid_of[src]] += n
        g.add_node(
            e.id,
            kind="entity",
            type=e.type,
            label=e.label,
            aliases=sorted(e.aliases - {e.label}),
            code=e.code,
            confidence=round(e.confidence, 3),
            expansion=list(e.expansion),
            evidence=[_ev(ev, names) for ev in e.evidence],
            mentions=sum(counts.values()),
            reports=sorted(counts),
        )
        g.add_edges_from((rid, e.id, "mentions", {"kind": "mentions", "count": n}) for rid, n in counts.items())
    for r in relations:
        if r.head in g and r.tail in g:
            g.add_edge(
                r.head,
                r.tail,
                key=r.rel,
                kind="relation",
                rel=r.rel,
                confidence=round(r.confidence, 3),
                evidence=[_ev(ev, names) for ev in r.evidence],
                support=max(r.support, len(r.evidence)),
            )
    numbers: Counter[str] = Counter()
    for doc, ob, area_id, *rest in observations:
        rid = rid_of.get(doc.source) or report_id(doc)
        if rest and rest[0] is not None:
            ev = _ev(rest[0], names)
        else:
            sent = doc.sentences[doc.sentence_at(ob.start)] if doc.sentences else None
            src_start, src_end = doc.source_span(ob.start, ob.end)
            ev = {"report": names.get(doc.source, doc.source), "sentence": sent.text if sent else "", "start": src_start,
                  "end": src_end, "surface": (doc.clean or doc.text)[ob.start : ob.end]}
        n = numbers[rid]
        numbers[rid] += 1
        g.add_node(
            f"obs/{rid.removeprefix('report/')}/{n}",
            kind="observation",
            indicator=ob.indicator,
            value=ob.value,
            unit=ob.unit,
            year=ob.year,
            growth_pct=ob.growth_pct,
            area=area_id,
            report=rid,
            evidence=ev,
            target=ob.kind == "target",
            qualifier=ob.qualifier,
            lower=ob.lower,
            upper=ob.upper,
            not_set=ob.not_set,
            basis=ob.basis,
        )
    return g


def entities_of(g: nx.MultiDiGraph, type_: str | None = None) -> list[str]:
    return [
        n for n, d in g.nodes(data=True) if d.get("kind") == "entity" and (type_ is None or d["type"] == type_)
    ]


def summary(g: nx.MultiDiGraph) -> dict:
    """Counts a user wants after a build."""
    types = Counter(d["type"] for _, d in g.nodes(data=True) if d.get("kind") == "entity")
    rels = Counter(k for _, _, k, d in g.edges(keys=True, data=True) if d.get("kind") == "relation")
    return {
        "reports": sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "report"),
        "entities": dict(sorted(types.items())),
        "relations": dict(sorted(rels.items())),
        "observations": sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "observation"),
    }
