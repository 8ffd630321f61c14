"""networkx node-link JSON: the graph exactly as built, so later commands (``kg viz``) can reload it.

Turtle is the published form; this is the working form. It keeps every attribute of every node and
edge (evidence included) and reads back with ``kg.viz.load_graph`` without re-running extraction.
"""

from __future__ import annotations

import inspect
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
    # the RDF pieces a build rendered ahead (kg.export.rdf) are not part of the graph
    data["graph"] = {**{k: v for k, v in data.get("graph", {}).items() if not k.startswith("rdf_")},
                     "format": FORMAT}
    return data


def from_data(data: dict) -> nx.MultiDiGraph:
    key = "edges" if "edges" in data else "links"
    g = nx.node_link_graph(data, directed=True, multigraph=True, **{_edges_kw(nx.node_link_graph): key})
    return nx.MultiDiGraph(g)


@register("nodelink", ".json")
def write(g: nx.MultiDiGraph, path: Path, indent: int | None = None) -> None:
    """networkx node-link JSON of the whole graph (what ``kg viz`` reads)."""
    data = to_data(g)
    with atomic_write(path, "wb") as fh:
        # orjson: json.dump (pure Python) took ten seconds at 1,000 reports, orjson well under one
        fh.write(orjson.dumps(data, default=_default, option=orjson.OPT_INDENT_2 if indent else 0))


def _default(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset, tuple)):
        return sorted(obj) if isinstance(obj, (set, frozenset)) else list(obj)
    raise TypeError(f"not JSON-serialisable in the graph: {type(obj).__name__}")
