"""Oxigraph store folder: the embedded SPARQL database `kg query` and `kg serve` read first.

Registered like the file exporters; the folder is built aside and swapped in whole (kg.store).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export import register
from kg.store import write_store


@register("oxigraph", ".oxigraph", rdf=True)
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True) -> None:
    """Oxigraph (RocksDB) store folder with the RDF of to_rdf, for `kg query` / `kg serve`."""
    write_store(g, path, provenance=provenance)
