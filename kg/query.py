"""``kg query``: SPARQL over the built graph, printed as a table, CSV, TSV or SPARQL JSON.

The query is an argument, a ``.rq`` file, ``-`` for stdin, or the name of a competency question
in ``queries/`` (``kg query --list`` shows them). It runs on the Oxigraph store if the build wrote
one, else on ``output/graph.ttl`` loaded into memory (kg.store.open_for_query). ``--engine rdflib``
runs the same query on rdflib instead, to cross-check answers or compare speed.

Results are turned into one engine-neutral form (``Results``) so that both engines print alike.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.vocab import shipped

QUERIES_DIR = shipped("queries")  # queries/ of the checkout, or kg/queries in a wheel
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_QUERY_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.I)


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


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update rather than a query (used to refuse it clearly).

    Decided by parsing with rdflib's SPARQL grammar, falling back to keywords if rdflib cannot say.
    """
    body = _strip_comments(text)
    if not body.strip():
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

        try:
            parseQuery(text)
            return False
        except Exception:  # any parse failure means "not a query"
            pass
        parseUpdate(text)
        return True
    except Exception:
        return bool(_UPDATE.search(body)) and not _QUERY_FORM.search(body)


def _strip_comments(text: str) -> str:
    """Drop ``#`` comments outside IRIs and strings (good enough for keyword sniffing)."""
    return re.sub(r'("(?:[^"\\]|\\.)*"|<[^>\s]*>)|#[^\n]*', lambda m: m.group(1) or "", text)


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
    SPARQL literal, or a number. Rewriting the text, rather than passing initial bindings, keeps
    the meaning identical on every engine.
    """
    for name, value in bindings.items():
        pattern = re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^}]*\}")
        if not pattern.search(text):
            raise QueryError(f"the query has no 'VALUES ?{name} {{ … }}' line to bind")
        term = value if value.startswith(("<", '"')) or re.fullmatch(r"-?\d+(\.\d+)?", value) else (
            '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"@zh')
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


def execute(text: str, engine: Any, prefixes: dict[str, str] | None = None) -> Results:
    """Run a query on a pyoxigraph Store or an rdflib Graph, refusing updates."""
    from kg.store import QUERY_PREFIXES

    prefixes = QUERY_PREFIXES if prefixes is None else prefixes
    t0 = time.perf_counter()
    try:
        if type(engine).__module__.startswith("pyoxigraph"):
            res = _run_oxigraph(text, engine, prefixes)
        else:
            res = _run_rdflib(text, engine, prefixes)
    except SyntaxError as exc:
        if is_update(text):
            raise QueryError("SPARQL Update is not allowed here: the graph is read-only "
                             "(change it by rebuilding with `kg build`)") from None
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    res.seconds = time.perf_counter() - t0
    return res


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


# --- printing -----------------------------------------------------------------------------------


def render(res: Results, fmt: str = "table", max_width: int = 60) -> str:
    """The results in one of the output formats of `kg query`."""
    if res.kind == "graph":
        return res.graph.decode("utf-8")
    if fmt == "json":
        body: dict[str, Any] = {"head": {"vars": res.vars}}
        if res.kind == "ask":
            body = {"head": {}, "boolean": res.boolean}
        else:
            body["results"] = {"bindings": [{v: t.to_json() for v, t in zip(res.vars, row, strict=True) if t}
                                            for row in res.rows]}
        return json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    if res.kind == "ask":
        return ("true" if res.boolean else "false") + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(res.vars)
            w.writerows([t.csv() if t else "" for t in row] for row in res.rows)
        else:
            buf.write("\t".join(f"?{v}" for v in res.vars) + "\n")
            for row in res.rows:
                buf.write("\t".join(t.n3() if t else "" for t in row) + "\n")
        return buf.getvalue()
    return _table(res, max_width)


def short(t: Term | None) -> str:
    """A cell of the table: IRIs with a known prefix are shortened, literals show their value."""
    from kg.store import QUERY_PREFIXES

    if t is None:
        return ""
    if t.type == "uri":
        for p, ns in QUERY_PREFIXES.items():
            if t.value.startswith(ns) and len(t.value) > len(ns):
                return f"{p}:{t.value[len(ns):]}"
        return f"<{t.value}>"
    return t.csv()


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _clip(s: str, width: int) -> str:
    s = s.replace("\n", " ")
    if width <= 0 or _width(s) <= width:
        return s
    out, w = [], 0
    for c in s:
        cw = _width(c)
        if w + cw > width - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def _table(res: Results, max_width: int) -> str:
    cells = [[_clip(short(t), max_width) for t in row] for row in res.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(res.vars)]

    def line(vals: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(res.vars), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(res.rows)
    out.append(f"({n} row{'s' if n != 1 else ''}, {res.seconds * 1000:.1f} ms)")
    return "\n".join(out) + "\n"


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
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from kg.store import DEFAULT_GRAPH, StoreNotFound, open_for_query

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
        if args.engine == "rdflib":
            engine = rdflib_graph(args.graph or DEFAULT_GRAPH)
        else:
            engine = open_for_query(args.store, args.graph).store
        res = execute(text, engine)
    except (StoreNotFound, QueryError, OSError) as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(res, args.format, args.max_width))
    return 0
