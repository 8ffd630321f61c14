"""N-Triples: the RDF of to_rdf one triple per line, for bulk loaders of any triple store.

Lines are sorted, so two builds of the same reports give byte-identical files that diff well.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.export import register
from kg.export.rdf import serialize


def ntriples(g: nx.MultiDiGraph, provenance: bool = True) -> bytes:
    """Sorted N-Triples (UTF-8) of the graph's RDF view."""
    data = serialize(g, ox.RdfFormat.N_TRIPLES, provenance)
    lines = sorted({ln for ln in data.splitlines() if ln.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


@register("ntriples", ".nt", rdf=True)
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True) -> None:
    """N-Triples (RDF 1.1), sorted lines, for bulk loading into any triple store."""
    data = ntriples(g, provenance)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
