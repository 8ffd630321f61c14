"""One build of the seed reports per test session, shared by the query, store, serve and export tests.

A conftest fixture would do, but several engineers add tests at once; a plain helper module with a
cached build keeps these four test files independent of everyone else's fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from kg.pipeline import Settings, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FORMATS = ("turtle", "nodelink", "ntriples", "jsonld", "graphml", "neo4j", "oxigraph")


@dataclass(frozen=True)
class Built:
    out: Path
    graph: nx.MultiDiGraph

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    @property
    def store(self) -> Path:
        return self.out / "graph.oxigraph"


_BUILT: Built | None = None


def build_once(factory: pytest.TempPathFactory) -> Built:
    """Build the seeds into a session temp folder the first time; return the same build afterwards."""
    global _BUILT
    if _BUILT is None:
        out = factory.mktemp("seeds-graph")
        res = build([str(SEEDS)], out, Settings(formats=FORMATS, cache=False))
        _BUILT = Built(out, res.graph)
    return _BUILT


def label_of(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("label", node))


def node_by_label(g: nx.MultiDiGraph, label: str, type_: str | None = None) -> str:
    hits = [n for n, d in g.nodes(data=True)
            if d.get("label") == label and (type_ is None or d.get("type") == type_)]
    assert len(hits) == 1, f"{label}: {hits}"
    return hits[0]
