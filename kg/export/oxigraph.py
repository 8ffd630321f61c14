"""Oxigraph store folder: the embedded SPARQL database `kg query` and `kg serve` read first.

This module owns writing the store (kg.store only opens it). Each report's triples go to a named
graph of its own and the rest to rdf.CORPUS_GRAPH, so that a rebuild can replace one report's part;
a SPARQL query sees them all when the default graph is the union of the named graphs
(``use_default_graph_as_union=True`` in pyoxigraph, ``--union-default-graph`` for the `oxigraph`
server), which is how `kg query` and `kg serve` open it. The folder is built aside and swapped in
whole.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export import rdf, register
from kg.export.folder import atomic_dir


@register("oxigraph", ".oxigraph", rdf=True)
def write(g: nx.MultiDiGraph, path: Path, provenance: bool = True) -> None:
    """Oxigraph (RocksDB) store folder with the RDF of to_rdf, for `kg query` / `kg serve`."""
    write_store(g, path, provenance=provenance)


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
        # no optimize(): compacting the bulk-loaded files took a sixth of the store's time and left
        # it larger (152 vs 83 MB on 100 reports), for queries no faster; an updated store never had it
        store.flush()
        del store  # closes RocksDB before the folder is renamed
        for log in [*tmp.glob("LOG"), *tmp.glob("LOG.old.*")]:
            log.unlink()  # RocksDB's info log names the folder's absolute path; nothing reads it
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
