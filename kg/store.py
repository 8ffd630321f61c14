"""Opening the embedded SPARQL store that `kg query` and `kg serve` read: an Oxigraph folder.

Why not rdflib's own store: its in-memory graph evaluates joins one binding at a time in Python;
on a graph of a thousand reports a three-pattern join takes minutes where Oxigraph, a RocksDB-backed
store with real indexes, answers in milliseconds (bench/query_bench.py). The folder persists, so a
query does not parse the Turtle again. When there is no store, the Turtle is loaded into a
temporary in-memory Oxigraph store instead, so every command works after a plain `kg build`.

Only reading lives here. kg.export.oxigraph owns writing the store (and knows its layout: a
named graph per report), so data flows one way: export.rdf → export.oxigraph → store → query/serve.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.export.oxigraph import is_store
from kg.vocab import PREFIX_IRIS

DEFAULT_STORE = Path("output/graph.oxigraph")  # what `kg build --format oxigraph` writes
DEFAULT_GRAPH = Path("output/graph.ttl")

# Prefixes a query may use without declaring them (kg query, kg serve); .rq files still declare
# theirs so that they run unchanged on any other SPARQL engine.
QUERY_PREFIXES = {**PREFIX_IRIS, "owl": "http://www.w3.org/2002/07/owl#"}

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


class StoreNotFound(FileNotFoundError):
    """Neither a store folder nor a graph file to load: the user has to run `kg build` first."""


@dataclass
class Opened:
    """A store ready for queries and a line saying where its triples came from."""

    store: ox.Store
    origin: str
    read_only: bool


def open_store(path: str | Path | None = None, read_only: bool = False) -> ox.Store:
    """A store in folder ``path`` (created if missing), read-only if asked, or in memory if None.

    Read-only opening fails on a folder that is not a store, instead of silently creating one.
    """
    if path is None:
        return ox.Store()
    if read_only:
        return ox.Store.read_only(str(path))
    return ox.Store(str(path))


def load(store: ox.Store, source: str | Path | bytes, format: ox.RdfFormat | None = None) -> int:
    """Bulk-load an RDF file (syntax from its suffix) or N-Triples bytes; return the store size."""
    if isinstance(source, bytes):
        store.bulk_load(source, format=format or ox.RdfFormat.N_TRIPLES)
    else:
        p = Path(source)
        fmt = format or _FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the RDF syntax of {p} from its suffix")
        store.bulk_load(path=str(p), format=fmt)
    return len(store)


def open_for_query(store: str | Path | None = None, graph: str | Path | None = None) -> Opened:
    """The store a query should read, by the order the CLI documents.

    An explicit ``store`` folder, else an explicit ``graph`` file loaded into memory, else the
    default store folder if a build wrote one, else the default Turtle file.
    """
    if store is not None:
        if not is_store(store):
            raise StoreNotFound(f"no Oxigraph store at {store} (write one with `kg build --format oxigraph`)")
        s = open_store(store, read_only=True)
        return Opened(s, f"store {store}", True)
    if graph is None and is_store(DEFAULT_STORE):
        return Opened(open_store(DEFAULT_STORE, read_only=True), f"store {DEFAULT_STORE}", True)
    path = Path(graph) if graph is not None else DEFAULT_GRAPH
    if not path.is_file():
        raise StoreNotFound(f"no graph at {path}: run `kg build` first, or pass --store/--graph")
    s = open_store()
    load(s, path)
    return Opened(s, f"graph {path} (in memory)", False)
