"""The embedded SPARQL store `kg query` and `kg serve` read: an Oxigraph (pyoxigraph) folder.

Why not rdflib's own store: its in-memory graph evaluates joins one binding at a time in Python;
on a graph of a thousand reports a three-pattern join takes minutes where Oxigraph, a RocksDB-backed
store with real indexes, answers in milliseconds (bench/query_bench.py). The folder persists, so a
query does not parse the Turtle again. When there is no store, the Turtle is loaded into a
temporary in-memory Oxigraph store instead, so every command works after a plain `kg build`.

The triples are exactly those of kg.export.turtle.to_rdf: one RDF mapping for every syntax.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export import rdf
from kg.export.folder import atomic_dir
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


def rdf_ntriples(g: nx.MultiDiGraph, provenance: bool = True) -> bytes:
    """The graph as N-Triples bytes, serialised by pyoxigraph from kg.export.rdf."""
    return rdf.serialize(g, ox.RdfFormat.N_TRIPLES, provenance)


MANIFEST = "kg-manifest.json"  # beside RocksDB's own files: which report shard each graph holds
CORPUS_FILE = "kg-corpus.nt"  # the corpus part as last written, to update it by difference


def write_store(g: nx.MultiDiGraph, path: str | Path, provenance: bool = True) -> Path:
    """Fill a store folder at ``path`` from the graph; the new folder replaces the old one whole.

    Each report's triples go to a named graph of its own and the rest to rdf.CORPUS_GRAPH. When the
    graph carries report shards and the old store says which shards it holds, the new store starts
    as a hard-linked copy of the old one (RocksDB checkpoint) and only the reports that changed and
    the difference of the corpus part are written: adding one report to a thousand touches one.
    """
    shards = g.graph.get(rdf.SHARDS) if provenance else None
    old = _manifest(path) if shards is not None else None
    if old is not None:
        held = old["shards"]
        changed = sum(1 for sh in shards if held.get(sh.report) != sh.ident) + len(set(held) - {sh.report for sh in shards})
        if changed > max(UPDATE_LIMIT, UPDATE_SHARE * len(shards)):
            old = None  # dropping and loading graph by graph is slower than loading all anew
    corpus = ox.NamedNode(rdf.CORPUS_GRAPH)
    corpus_nt = rdf.corpus_ntriples(g, provenance)
    with atomic_dir(path) as tmp:
        if old is None and shards is not None:
            store = ox.Store(str(tmp))
            _bulk_load_trig(store, corpus_nt, shards)
        elif old is None:
            store = ox.Store(str(tmp))
            # streamed quad by quad into the store's bulk loader; no N-Triples text in memory
            store.bulk_extend(rdf.all_quads(g, provenance))
        else:
            tmp.rmdir()  # a checkpoint makes its own folder
            src = ox.Store.read_only(str(path))
            src.backup(str(tmp))
            del src
            store = ox.Store(str(tmp))
            held: dict[str, str] = old["shards"]
            now = {sh.report: sh.ident for sh in shards}
            for report, ident in held.items():
                if now.get(report) != ident:
                    store.remove_graph(ox.NamedNode(rdf.node_iri(report)))
            header = rdf.prefix_header()
            for sh in shards:
                if held.get(sh.report) != sh.ident:
                    store.load(header + sh.body(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(rdf.node_iri(sh.report)))
            before = set((Path(path) / CORPUS_FILE).read_bytes().splitlines())
            after = set(corpus_nt.splitlines())
            gone = b"\n".join(before - after)
            for q in ox.parse(gone, format=ox.RdfFormat.N_TRIPLES):
                store.remove(ox.Quad(q.subject, q.predicate, q.object, corpus))
            new = b"\n".join(after - before)
            store.extend(ox.Quad(q.subject, q.predicate, q.object, corpus)
                         for q in ox.parse(new, format=ox.RdfFormat.N_TRIPLES))
        store.flush()
        if old is None:
            store.optimize()
        del store  # closes RocksDB before the folder is renamed
        if shards is not None:
            (tmp / CORPUS_FILE).write_bytes(corpus_nt)
            manifest = {"format": 1, "shards": {sh.report: sh.ident for sh in shards}}
            (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return Path(path)


UPDATE_LIMIT = 20  # reports changed beyond which a fresh bulk load beats updating in place
UPDATE_SHARE = 0.02
BULK_BYTES = 16 << 20  # TriG text per bulk-load call: one call for all 1,000 reports took 1.8 GB


def _bulk_load_trig(store: ox.Store, corpus_nt: bytes, shards: list) -> None:
    """Load the corpus part and the shards with Oxigraph's bulk loader, in batches of BULK_BYTES
    (its memory grows with the batch, its speed hardly). Shards are Turtle statements without
    prefixes, which TriG takes as they are inside a ``<graph> { … }`` block."""
    header = rdf.prefix_header()

    def block(graph: str, body: bytes) -> bytes:
        return b"".join((f"<{graph}> {{\n".encode(), body, b"\n}\n"))

    batch: list[bytes] = []
    size = 0

    def flush() -> None:
        nonlocal batch, size
        if batch:
            store.bulk_load(b"".join([header, *batch]), format=ox.RdfFormat.TRIG)
        batch, size = [], 0

    pieces = itertools.chain([(rdf.CORPUS_GRAPH, corpus_nt)], ((rdf.node_iri(sh.report), sh.body()) for sh in shards))
    for graph, body in pieces:  # one shard read at a time
        batch.append(block(graph, body))
        size += len(body)
        if size >= BULK_BYTES:
            flush()
    flush()


def _manifest(path: str | Path) -> dict | None:
    """What an earlier build left in the store at ``path``, if it can be updated in place."""
    p = Path(path)
    try:
        data = json.loads((p / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != 1 or not (p / CORPUS_FILE).is_file() or not is_store(p):
        return None
    return data


def is_store(path: str | Path) -> bool:
    """Whether ``path`` looks like an Oxigraph (RocksDB) folder, judged without opening it."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


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
