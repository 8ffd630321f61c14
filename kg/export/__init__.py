"""Exporters, one module per format, found by name (as rdflib finds its serialisers).

Each exporter is a function ``write(graph, path, **options)`` over the networkx graph that
kg.graph builds; it never re-reads text. Add a format by adding a module that calls
``register`` and listing it in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

Writer = Callable[..., None]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str  # default file name suffix, e.g. ".ttl"
    write: Writer
    doc: str = ""
    rdf: bool = False  # writes the RDF view, so a build renders the reports' shards for it


_REGISTRY: dict[str, Exporter] = {}
_MODULES = ("turtle", "html", "nodelink", "oxigraph", "ntriples", "jsonld", "graphml", "neo4j")


def register(name: str, suffix: str, rdf: bool = False) -> Callable[[Writer], Writer]:
    def deco(fn: Writer) -> Writer:
        _REGISTRY[name] = Exporter(name, suffix, fn, (fn.__doc__ or "").strip().splitlines()[0:1][0]
                                   if fn.__doc__ else "", rdf)
        return fn

    return deco


def _load() -> None:
    for mod in _MODULES:
        try:
            importlib.import_module(f"kg.export.{mod}")
        except ModuleNotFoundError as exc:  # an optional exporter whose library is missing
            if exc.name and exc.name.startswith("kg."):
                raise


def available() -> dict[str, Exporter]:
    _load()
    return dict(_REGISTRY)


def get(name: str) -> Exporter:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown export format {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def write(name: str, graph: nx.MultiDiGraph, path: str | Path, **options) -> Path:
    exp = get(name)
    path = Path(path)
    exp.write(graph, path, **options)
    return path
