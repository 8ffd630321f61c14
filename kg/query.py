"""``kg query``: SPARQL over the built graph, printed as a table, CSV, TSV or SPARQL JSON.

The query is an argument, a ``.rq`` file, ``-`` for stdin, or the name of a competency question
in ``queries/`` (``kg query --list`` shows them). It runs on the Oxigraph store if the build wrote
one, else on ``output/graph.ttl`` loaded into memory (kg.store.open_for_query). ``--engine rdflib``
runs the same query on rdflib instead, to cross-check answers or compare speed.

Results are turned into one engine-neutral form (``Results``) so that both engines print alike.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.guard import QueryRefused, bind_term, check_query, is_update
from kg.render import printable, render, short  # noqa: F401  (part of this module's interface)
from kg.vocab import shipped

QUERIES_DIR = shipped("queries")  # queries/ of the checkout, or kg/queries in a wheel
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Term:
    """One RDF term of a result, as the SPARQL 1.1 JSON results format describes it."""

    type: str  # "uri", "literal" or "bnode"
    value: str
    lang: str | None = None
    datatype: str | None = None

    def to_json(self) -> dict[str, str]:
        d = {"type": self.type, "value": self.value}
        if self.lang:
            d["xml:lang"] = self.lang
        elif self.datatype and self.datatype not in (XSD_STRING, RDF_LANGSTRING):
            d["datatype"] = self.datatype
        return d

    def csv(self) -> str:
        return f"_:{self.value}" if self.type == "bnode" else self.value

    def n3(self) -> str:
        """The term in SPARQL/Turtle syntax (what TSV results use)."""
        if self.type == "uri":
            return f"<{self.value}>"
        if self.type == "bnode":
            return f"_:{self.value}"
        s = '"' + self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if self.lang:
            return f"{s}@{self.lang}"
        if self.datatype and self.datatype not in (XSD_STRING, RDF_LANGSTRING):
            return f"{s}^^<{self.datatype}>"
        return s


@dataclass
class Results:
    """A query answer: rows for SELECT, a boolean for ASK, serialized triples for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: bytes = b""  # Turtle
    seconds: float = 0.0

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (lexical forms, IRIs): what tests and scripts compare."""
        return [tuple(t.value if t else None for t in row) for row in self.rows]

    def dicts(self) -> list[dict[str, str]]:
        return [{v: t.value for v, t in zip(self.vars, row, strict=True) if t} for row in self.rows]


class QueryError(ValueError):
    """A query that cannot run: bad syntax, or an update sent to a read-only command."""


def read_query(arg: str) -> str:
    """The query text an argument stands for: ``-`` (stdin), a file, a competency query name, or text."""
    if arg == "-":
        return sys.stdin.read()
    if "\n" not in arg and len(arg) < 1024:
        try:
            if Path(arg).is_file():
                return Path(arg).read_text(encoding="utf-8")
        except OSError:
            pass
        named = find_named(arg)
        if named is not None:
            return named.read_text(encoding="utf-8")
        if re.fullmatch(r"[\w.-]+", arg):  # one word is no SPARQL: a name or a file that is not there
            known = ", ".join(competency_queries()) or f"none (no .rq files in {QUERIES_DIR})"
            raise QueryError(f"no query named {arg!r} and no such file; known queries: {known}")
    return arg


def bind_values(text: str, bindings: dict[str, str]) -> str:
    """Set the value of each ``VALUES ?name { … }`` line of a query (how `--bind` asks a
    competency question about another place or name).

    A value is taken as a Chinese label (``"…"@zh``) unless written as an ``<IRI>``, a quoted
    literal in N-Triples syntax, or a number; either way it becomes one term, checked and escaped
    (kg.guard.bind_term), never text pasted in. Rewriting the text, rather than passing initial
    bindings, keeps the meaning identical on every engine.
    """
    for name, value in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"--bind: {name!r} is not a variable name")
        pattern = re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^}]*\}")
        if not pattern.search(text):
            raise QueryError(f"the query has no 'VALUES ?{name} {{ … }}' line to bind")
        try:
            term = bind_term(value)
        except QueryRefused as exc:
            raise QueryError(str(exc)) from None
        text = pattern.sub(lambda _m, n=name, t=term: f"VALUES ?{n} {{ {t} }}", text)
    return text


def competency_queries(folder: Path = QUERIES_DIR) -> dict[str, tuple[Path, str]]:
    """The ``.rq`` files of ``queries/`` by stem, each with the question its first comment states."""
    out: dict[str, tuple[Path, str]] = {}
    for p in sorted(folder.glob("*.rq")):
        first = next((ln[1:].strip() for ln in p.read_text(encoding="utf-8").splitlines()
                      if ln.startswith("#")), "")
        out[p.stem] = (p, first)
    return out


def find_named(name: str) -> Path | None:
    """A competency query by file stem (``07-slogans-across-places``), name part or number (``07``)."""
    qs = competency_queries()
    if name in qs:
        return qs[name][0]
    hits = [p for stem, (p, _) in qs.items() if stem.split("-", 1)[-1] == name or stem.startswith(f"{name}-")]
    return hits[0] if len(hits) == 1 else None


# --- running a query ----------------------------------------------------------------------------


UPDATE_REFUSED = ("SPARQL Update is not allowed here: the graph is read-only "
                  "(change it by rebuilding with `kg build`)")


def guard(text: str, allow_service: bool = False, **limits: int) -> None:
    """The checks every query passes before an engine parses it (kg.guard), as QueryError."""
    try:
        check_query(text, allow_service=allow_service, **limits)
    except QueryRefused as exc:
        raise QueryError(str(exc)) from None
    if is_update(text):
        raise QueryError(UPDATE_REFUSED)


def execute(text: str, engine: Any, prefixes: dict[str, str] | None = None,
            allow_service: bool = False, **checks: int) -> Results:
    """Run a query in this process on a pyoxigraph Store or an rdflib Graph, after the guard.

    For queries from people: `kg query` runs them in a worker process that can be stopped
    (``execute_isolated``); this is for the project's own queries, tests and benchmarks.
    """
    from kg.store import QUERY_PREFIXES

    guard(text, allow_service, **checks)
    prefixes = QUERY_PREFIXES if prefixes is None else prefixes
    t0 = time.perf_counter()
    try:
        if type(engine).__module__.startswith("pyoxigraph"):
            res = _run_oxigraph(text, engine, prefixes)
        else:
            res = _run_rdflib(text, engine, prefixes)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    res.seconds = time.perf_counter() - t0
    return res


def execute_isolated(text: str, source: Any, limits: Any, allow_service: bool = False, **checks: int) -> Results:
    """Run a query in a worker process (kg.workers) under a time and memory limit.

    Why: a query can crash the engine (deep nesting), eat memory without end or never finish, and
    none of that can be interrupted in-process; in a worker it costs one error message.
    """
    from kg.workers import QueryPool, QueryStopped

    guard(text, allow_service, **checks)
    pool = QueryPool(source, limits, size=1, slow_after=None, watch=False, fork=True, respawn=False)
    head: list[str] = []
    body: list[bytes] = []
    t0 = time.perf_counter()
    try:
        pool.run({"query": text, "accept": "application/sparql-results+json, text/turtle"},
                 head.append, body.append)
    except QueryStopped as exc:
        raise QueryError(str(exc)) from None
    finally:
        pool.close()
    seconds = time.perf_counter() - t0
    data = b"".join(body)
    if head and head[0] == "text/turtle":
        return Results("graph", graph=data, seconds=seconds)
    doc = json.loads(data)
    if "boolean" in doc:
        return Results("ask", boolean=bool(doc["boolean"]), seconds=seconds)
    names = doc["head"]["vars"]
    rows = [[_json_term(b.get(v)) for v in names] for b in doc["results"]["bindings"]]
    return Results("select", names, rows, seconds=seconds)


def _json_term(d: dict[str, str] | None) -> Term | None:
    if d is None:
        return None
    if d["type"] != "literal":
        return Term(d["type"], d["value"])
    lang = d.get("xml:lang")
    return Term("literal", d["value"], lang, d.get("datatype") or (RDF_LANGSTRING if lang else XSD_STRING))


def _run_oxigraph(text: str, store: Any, prefixes: dict[str, str]) -> Results:
    import pyoxigraph as ox

    # each report's triples sit in a named graph of their own; a query sees them all at once
    r = store.query(text, prefixes=prefixes, use_default_graph_as_union=True)
    if isinstance(r, ox.QuerySolutions):
        names = [v.value for v in r.variables]
        rows = [[_ox_term(sol[v]) for v in names] for sol in r]
        return Results("select", names, rows)
    if isinstance(r, ox.QueryBoolean):
        return Results("ask", boolean=bool(r))
    data = ox.serialize(r, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return Results("graph", graph=data or b"")


def _ox_term(t: Any) -> Term | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, t.language, t.datatype.value)
    return Term("literal", str(t))  # RDF-star triple terms: shown as text


def _run_rdflib(text: str, graph: Any, prefixes: dict[str, str]) -> Results:
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text, initNs=prefixes)
    except Exception as exc:  # pyparsing errors, unknown prefixes: all mean the text is not a query
        raise SyntaxError(str(exc)) from None
    r = graph.query(prepared)
    if r.type == "SELECT":
        names = [str(v) for v in r.vars]
        rows = [[_rdflib_term(row[i]) for i in range(len(names))] for row in r]
        return Results("select", names, rows)
    if r.type == "ASK":
        return Results("ask", boolean=bool(r.askAnswer))
    return Results("graph", graph=r.graph.serialize(format="turtle", encoding="utf-8"))


def _rdflib_term(t: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return Term("uri", str(t))
    if isinstance(t, BNode):
        return Term("bnode", str(t))
    if isinstance(t, Literal):
        dt = str(t.datatype) if t.datatype else (None if t.language else XSD_STRING)
        return Term("literal", str(t), t.language, dt)
    return Term("literal", str(t))


def rdflib_graph(path: str | Path) -> Any:
    """The graph file parsed by rdflib, for ``--engine rdflib``."""
    from rdflib import Graph

    g = Graph()
    g.parse(str(path))
    return g


# --- command line -------------------------------------------------------------------------------


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "query", help="run a SPARQL query over the built graph",
        description="Run a SPARQL query (text, .rq file, '-' for stdin, or a competency query name "
                    "from queries/) over the Oxigraph store, or the Turtle graph loaded in memory.")
    p.add_argument("query", nargs="?", help="query text, FILE.rq, '-' or a name from --list")
    p.add_argument("--list", action="store_true", help="list the competency queries in queries/")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="set the VALUES ?NAME line of the query (e.g. placeName=达拉特旗); repeatable")
    p.add_argument("--store", help="Oxigraph store folder (default: output/graph.oxigraph if built)")
    p.add_argument("--graph", help="RDF file to load instead of a store (default: output/graph.ttl)")
    p.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json"),
                   help="output for SELECT/ASK (CONSTRUCT/DESCRIBE always print Turtle)")
    p.add_argument("--engine", default="oxigraph", choices=("oxigraph", "rdflib"),
                   help="query engine (rdflib reads the graph file; slow on large graphs)")
    p.add_argument("--max-width", type=int, default=60, metavar="N",
                   help="clip table cells to N columns (0: no limit)")
    from kg.workers import Limits, add_limit_flags

    add_limit_flags(p, Limits(), serve=False)
    p.set_defaults(func=run)
    return p


def _source(store: str | None, graph: str | None) -> Any:
    """What the worker should open, in the order kg.store.open_for_query documents."""
    from kg.store import DEFAULT_GRAPH, DEFAULT_STORE, StoreNotFound, is_store
    from kg.workers import Source

    if store is not None:
        if not is_store(store):
            raise StoreNotFound(f"no Oxigraph store at {store} (write one with `kg build --format oxigraph`)")
        return Source("store", str(store))
    if graph is None and is_store(DEFAULT_STORE):
        return Source("store", str(DEFAULT_STORE))
    path = Path(graph) if graph is not None else DEFAULT_GRAPH
    if not path.is_file():
        raise StoreNotFound(f"no graph at {path}: run `kg build` first, or pass --store/--graph")
    return Source("graph", str(path))


def run(args: argparse.Namespace) -> int:
    from kg.store import DEFAULT_GRAPH, StoreNotFound
    from kg.workers import limits_from_args

    if args.list:
        for stem, (_, question) in competency_queries().items():
            print(f"{stem:34} {question}")
        return 0
    if not args.query:
        print("kg query: give a query, a .rq file, '-' or a name from `kg query --list`", file=sys.stderr)
        return 2
    try:
        text = read_query(args.query)
        if args.bind:
            pairs = [b.split("=", 1) for b in args.bind]
            if any(len(p) != 2 for p in pairs):
                raise QueryError("--bind takes NAME=VALUE")
            text = bind_values(text, {k.strip().lstrip("?"): v for k, v in pairs})
        checks = {"max_depth": args.max_depth, "max_length": args.max_length}
        guard(text, args.allow_service, **checks)
        if args.engine == "rdflib":
            res = execute(text, rdflib_graph(args.graph or DEFAULT_GRAPH), None, args.allow_service, **checks)
        else:
            res = execute_isolated(text, _source(args.store, args.graph), limits_from_args(args),
                                   args.allow_service, **checks)
    except (StoreNotFound, QueryError, OSError) as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(res, args.format, args.max_width))
    return 0
