"""GraphML through networkx: the graph as built, for Gephi, Cytoscape, yEd and igraph.

GraphML attributes are typed scalars, one type per key, and cannot be missing-as-None; the
working graph has lists, dicts and Nones. So every attribute is flattened: lists and dicts become
JSON text, None is left out, and a key whose values mix ints and floats becomes a double (mixing
anything else, a string). Every node gets a ``label`` (observations too), which Gephi shows.

Edge ids must be unique in a GraphML file (graphology refuses a repeated one, Gephi drops the edge),
while the working graph keys parallel edges by relation name: so edges are written with ids
``e0``, ``e1``, … and the relation name goes into the ``relation`` attribute.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write
from kg.export import register


def _flat(v: Any) -> Any:
    if isinstance(v, (list, tuple, set, frozenset, dict)):
        if isinstance(v, (set, frozenset)):
            v = sorted(v)
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def _unify(records: Iterable[dict[str, Any]]) -> None:
    """Give each key one GraphML type across all records (in place)."""
    records = list(records)
    kinds: dict[str, set[type]] = {}
    for r in records:
        for k, v in r.items():
            kinds.setdefault(k, set()).add(bool if isinstance(v, bool) else type(v))
    for k, ts in kinds.items():
        if len(ts) == 1:
            continue
        to: type = float if ts <= {int, float} else str
        for r in records:
            if k in r:
                r[k] = to(r[k]) if to is float else str(r[k])


def _observation_label(d: dict[str, Any]) -> str:
    year = f"（{d['year']}）" if d.get("year") else ""
    value = d.get("value")
    value = f"{value:g}" if isinstance(value, float) else (value if value is not None else "")
    return f"{d.get('indicator', '')} {value}{d.get('unit') or ''}{year}".strip()


def to_graphml_graph(g: nx.MultiDiGraph, evidence: bool = True) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes GraphML can hold."""
    nodes: list[tuple[str, dict[str, Any]]] = []
    for n, d in g.nodes(data=True):
        a = {k: _flat(v) for k, v in d.items() if v is not None and (evidence or k != "evidence")}
        if "label" not in a:
            a["label"] = _observation_label(d) if d.get("kind") == "observation" else str(n)
        nodes.append((n, a))
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for i, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        a = {kk: _flat(vv) for kk, vv in d.items() if vv is not None and (evidence or kk != "evidence")}
        a.setdefault("label", d.get("rel") or k)
        a["relation"] = k
        edges.append((u, v, f"e{i}", a))
    _unify(a for _, a in nodes)
    _unify(e[3] for e in edges)
    out = nx.MultiDiGraph(name="kg-gwr")
    out.add_nodes_from(nodes)
    out.add_edges_from(edges)
    return out


def graphml_bytes(g: nx.MultiDiGraph, evidence: bool = True) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(to_graphml_graph(g, evidence), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


@register("graphml", ".graphml")
def write(g: nx.MultiDiGraph, path: Path, evidence: bool = True) -> None:
    """GraphML (networkx) for Gephi/Cytoscape: typed attributes, lists and evidence as JSON text."""
    data = graphml_bytes(g, evidence)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
