"""Turtle, and the rdflib view of the graph for code that wants an rdflib Graph.

The mapping itself lives in kg.export.rdf (pyoxigraph triples); Turtle is serialised from there
by pyoxigraph, streaming into a temporary file that replaces the old one only when complete.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.atomic import atomic_write
from kg.export import register
from kg.export.rdf import PREFIXES, serialize, write_turtle


def to_rdf(g: nx.MultiDiGraph, provenance: bool = True) -> Graph:
    """An rdflib Graph with the same triples (for JSON-LD and for checks); fine for a few
    hundred thousand triples, slow beyond: large builds never call it."""
    rdf = Graph()
    for p, ns in PREFIXES.items():
        rdf.bind(p, ns)
    rdf.parse(data=serialize(g, ox.RdfFormat.N_TRIPLES, provenance), format="nt")
    return rdf


@register("turtle", ".ttl", rdf=True)
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True) -> None:
    """Turtle (RDF 1.1), serialised by pyoxigraph with the project's prefixes."""
    with atomic_write(path, "wb") as fh:
        write_turtle(g, fh, provenance)
