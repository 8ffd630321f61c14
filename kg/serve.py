"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built graph.

Why: graph tools (YASGUI, SPARQLWrapper, Protégé, notebooks) speak the SPARQL protocol, not our CLI.
The query operation is served at ``/sparql`` (and ``/``): GET ``?query=``, POST form ``query=``
and POST ``application/sparql-query``, with the standard result formats chosen by the Accept header
(or a ``format``/``output`` parameter, as Virtuoso and SPARQLWrapper send). Updates are refused
with 403: the graph changes only through ``kg build``. The store is opened read-only, and the
server listens on 127.0.0.1 unless told otherwise. Standard library http.server, one thread per
request; Oxigraph itself is safe to query from many threads.
"""

from __future__ import annotations

import argparse
import html
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.query import is_update
from kg.store import QUERY_PREFIXES

MAX_BODY = 1 << 20  # 1 MiB of query text is far beyond any real query
PATHS = ("/sparql", "/")
READ_ONLY_MESSAGE = ("This SPARQL endpoint is read-only: SPARQL Update is refused. "
                     "The graph changes only by rebuilding it with `kg build`.\n")

# media type -> format, for the two kinds of answers
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples' legacy media type
}
# short names clients put in ?format= / ?output=
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None), "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"), "n3": (None, "text/turtle"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"), "rdf+xml": (None, "application/rdf+xml"),
    "json-ld": (None, "application/ld+json"), "jsonld": (None, "application/ld+json"),
}
DEFAULT_TYPE = {"solutions": "application/sparql-results+json", "graph": "text/turtle"}


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (ties keep the client's order)."""
    out: list[tuple[str, float, int]] = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in out if q > 0]


def negotiate(kind: str, accept: str | None, fmt: list[str]) -> str:
    """The media type to answer with: an explicit ``format`` parameter first, then Accept."""
    table = SOLUTION_TYPES if kind == "solutions" else GRAPH_TYPES
    for f in fmt:
        f = f.strip().lower()
        if f in table:
            return f
        named = FORMAT_NAMES.get(f)
        if named and named[0 if kind == "solutions" else 1]:
            return named[0 if kind == "solutions" else 1]  # type: ignore[return-value]
    ranges = parse_accept(accept)
    if not ranges:
        return DEFAULT_TYPE[kind]
    for media, _ in ranges:
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            default = DEFAULT_TYPE[kind]
            if media == "*/*" or default.startswith(media[:-1]):
                return default
            return next(t for t in table if t.startswith(media[:-1]))
    raise HttpError(HTTPStatus.NOT_ACCEPTABLE,
                    f"cannot answer in {accept}; this endpoint offers: {', '.join(table)}\n")


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server that holds the store every request thread queries."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: ox.Store, quiet: bool = False) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.quiet = quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/1"

    def do_GET(self) -> None:
        self._handle(lambda: self._params_from_url())

    def do_POST(self) -> None:
        self._handle(self._params_from_body)

    def do_PUT(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain", b"use GET or POST\n", {"Allow": "GET, POST"})

    do_DELETE = do_PATCH = do_PUT

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # --- request parsing ---------------------------------------------------------------------

    def _params_from_url(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, keep_blank_values=True)

    def _params_from_body(self) -> dict[str, list[str]]:
        params = self._params_from_url()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too large\n")
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get_content_type() or "").lower()
        charset = self.headers.get_content_charset() or "utf-8"
        if ctype == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(body.decode(charset))
        elif ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body.decode(charset), keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            "POST application/sparql-query or application/x-www-form-urlencoded\n")
        return params

    # --- answering ---------------------------------------------------------------------------

    def _handle(self, get_params: Any) -> None:
        try:
            if urlsplit(self.path).path not in PATHS:
                raise HttpError(HTTPStatus.NOT_FOUND, "the SPARQL endpoint is at /sparql\n")
            params = get_params()
            if "update" in params:
                raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
            queries = params.get("query", [])
            if not queries and self.command == "GET" and not params:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _form_page(self.server.url))
                return
            if len(queries) != 1:
                raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter\n")
            ctype, body = self._answer(queries[0], params)
            self._send(HTTPStatus.OK, ctype, body, {"Vary": "Accept"})
        except HttpError as exc:
            self._send(exc.status, "text/plain; charset=utf-8", str(exc).encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - a failed query must not kill the server
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                       f"query failed: {exc}\n".encode())

    def _answer(self, text: str, params: dict[str, list[str]]) -> tuple[str, bytes]:
        default = [ox.NamedNode(u) for u in params.get("default-graph-uri", [])] or None
        named = [ox.NamedNode(u) for u in params.get("named-graph-uri", [])] or None
        try:
            # without default-graph-uri, the default graph is all graphs: one per report, one for the rest
            result = self.server.store.query(text, prefixes=QUERY_PREFIXES, default_graph=default,
                                             named_graphs=named, use_default_graph_as_union=default is None)
        except SyntaxError as exc:
            if is_update(text):
                raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE) from None
            raise HttpError(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}\n") from None
        fmt = params.get("format", []) + params.get("output", [])
        accept = self.headers.get("Accept")
        if isinstance(result, ox.QueryTriples):
            media = negotiate("graph", accept, fmt)
            data = ox.serialize(result, format=GRAPH_TYPES[media], prefixes=QUERY_PREFIXES) or b""
        else:
            media = negotiate("solutions", accept, fmt)
            data = result.serialize(format=SOLUTION_TYPES[media]) or b""
        charset = "" if media.endswith(("json", "xml")) else "; charset=utf-8"
        return media + charset, data

    def _send(self, status: HTTPStatus, ctype: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _form_page(url: str) -> bytes:
    example = "SELECT ?report ?title WHERE { ?report a kg:Report ; dcterms:title ?title }"
    return f"""<!doctype html><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<h1>SPARQL endpoint (read-only)</h1>
<p>Send queries to <code>{html.escape(url)}</code> (SPARQL 1.1 Protocol). Prefixes kg:, kgid:,
rdfs:, skos:, prov:, dcterms:, qb: and the sdmx ones need no declaration.</p>
<form action="/sparql" method="get"><textarea name="query" rows="8" cols="100">{html.escape(example)}
</textarea><br><button>Run</button></form>""".encode()


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 3030,
                quiet: bool = False) -> SparqlServer:
    """A server bound to host:port (port 0 picks a free one: see ``server.url``)."""
    return SparqlServer((host, port), store, quiet)


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run the server in a daemon thread (tests, notebooks); stop it with ``server.shutdown()``."""
    t = threading.Thread(target=server.serve_forever, name="kg-sparql", daemon=True)
    t.start()
    return t


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "serve", help="serve the graph as a read-only SPARQL endpoint",
        description="Serve the built graph over the SPARQL 1.1 Protocol (query only; updates are refused).")
    p.add_argument("--store", help="Oxigraph store folder (default: output/graph.oxigraph if built)")
    p.add_argument("--graph", help="RDF file to load instead of a store (default: output/graph.ttl)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=3030, help="port (default: 3030; 0 picks a free one)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not log each request")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from kg.store import StoreNotFound, open_for_query

    try:
        opened = open_for_query(args.store, args.graph)
        server = make_server(opened.store, args.host, args.port, args.quiet)
    except (StoreNotFound, OSError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: listening on {args.host}: anyone who can reach this machine can query the graph",
              file=sys.stderr)
    print(f"SPARQL endpoint {server.url} (read-only) over {opened.origin}, {len(opened.store)} triples; "
          "Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
