"""networkx node-link JSON: the graph exactly as built, so later commands (``kg viz``) can reload it.

Turtle is the published form; this is the working form. It keeps every attribute of every node and
edge (evidence included) and reads back with ``kg.viz.load_graph`` without re-running extraction.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from kg.atomic import atomic_write
from kg.export import register

FORMAT = "kg-gwr/nodelink/1"


def _edges_kw(fn: Any) -> str:
    """networkx ≥ 3.4 names the edge list key ``edges``; 3.2–3.3 call the same argument ``link``."""
    return "edges" if "edges" in inspect.signature(fn).parameters else "link"


def to_data(g: nx.MultiDiGraph) -> dict:
    data = nx.node_link_data(g, **{_edges_kw(nx.node_link_data): "edges"})
    data["graph"] = _graph_attrs(data.get("graph", {}))
    return data


def _graph_attrs(attrs: dict) -> dict:
    """The graph's own attributes, without the RDF pieces a build rendered ahead (kg.export.rdf)."""
    return {**{k: v for k, v in attrs.items() if not k.startswith("rdf_")}, "format": FORMAT}


def from_data(data: dict) -> nx.MultiDiGraph:
    key = "edges" if "edges" in data else "links"
    g = nx.node_link_graph(data, directed=True, multigraph=True, **{_edges_kw(nx.node_link_graph): key})
    return nx.MultiDiGraph(g)


@register("nodelink", ".json")
def write(g: nx.MultiDiGraph, path: Path, indent: int | None = None) -> None:
    """networkx node-link JSON of the whole graph (what ``kg viz`` reads)."""
    with atomic_write(path, "wb") as fh:
        # orjson: json.dump (pure Python) took ten seconds at 1,000 reports, orjson well under one
        if indent:
            fh.write(orjson.dumps(to_data(g), default=_default, option=orjson.OPT_INDENT_2))
        else:
            for piece in stream(g):
                fh.write(piece)


def stream(g: nx.MultiDiGraph) -> Iterator[bytes]:
    """The bytes of ``orjson.dumps(to_data(g))``, one node or edge at a time: the graph is never
    copied whole into dicts nor into one string (the views writer's peak memory)."""
    dump = functools.partial(orjson.dumps, default=_default)
    head = {"directed": g.is_directed(), "multigraph": g.is_multigraph(), "graph": _graph_attrs(g.graph)}
    yield dump(head)[:-1] + b',"nodes":['
    for i, n in enumerate(g):
        yield (b"," if i else b"") + dump({**g.nodes[n], "id": n})
    yield b'],"edges":['
    for i, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        yield (b"," if i else b"") + dump({**d, "source": u, "target": v, "key": k})
    yield b"]}"


def _default(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset, tuple)):
        return sorted(obj) if isinstance(obj, (set, frozenset)) else list(obj)
    raise TypeError(f"not JSON-serialisable in the graph: {type(obj).__name__}")
