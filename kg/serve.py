"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built graph.

Why: graph tools (YASGUI, SPARQLWrapper, Protégé, notebooks) speak the SPARQL protocol, not our CLI.
The query operation is served at ``/sparql`` (and ``/``): GET ``?query=``, POST form ``query=``
and POST ``application/sparql-query``, with the standard result formats chosen by the Accept header
(or a ``format``/``output`` parameter, as Virtuoso and SPARQLWrapper send). Updates are refused
with 403: the graph changes only through ``kg build``.

What it promises (docs/endpoint.md): every query passes the guard (kg.guard: nesting, length,
SERVICE) and then runs in a worker process with a time limit, a memory limit and row/byte caps
(kg.workers), its answer streamed; the HTTP side answers only requests addressed to a known Host
and not sent by another site (DNS rebinding, cross-site GETs and form POSTs), reads bounded bodies
under a socket timeout, with a bounded number of threads and a listen backlog of 128.
"""

from __future__ import annotations

import argparse
import html
import os
import select
import socket
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.guard import MAX_DEPTH, MAX_LENGTH, QueryRefused, check_query, is_update
from kg.results import negotiate, parse_accept  # noqa: F401  (part of this module's interface)
from kg.workers import SLOW_AFTER, ClientGone, Limits, QueryPool, QueryStopped, Source

MAX_BODY = 1 << 20  # 1 MiB of request body is far beyond any real query
PATHS = ("/sparql", "/")
FIRST_CHUNK = 64 << 10  # answers up to this size are sent whole, with a Content-Length
READ_ONLY_MESSAGE = ("This SPARQL endpoint is read-only: SPARQL Update is refused. "
                     "The graph changes only by rebuilding it with `kg build`.\n")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
ALLOW = "GET, HEAD, POST, OPTIONS"


@dataclass
class Settings:
    """The endpoint's limits and policy; the defaults are those of `kg serve` without flags."""

    limits: Limits = field(default_factory=Limits)
    workers: int = max(4, os.cpu_count() or 4)  # idle ones cost memory only; spares absorb bursts
    max_slow: int = 4
    slow_after: float | None = SLOW_AFTER  # None: long queries keep their priority (tests)
    threads: int = 64
    socket_timeout: float = 10.0
    max_depth: int = MAX_DEPTH
    max_length: int = MAX_LENGTH
    allow_service: bool = False
    allow_hosts: tuple[str, ...] = ()
    quiet: bool = False


class HttpError(Exception):
    def __init__(self, status: HTTPStatus | int, message: str) -> None:
        super().__init__(message if message.endswith("\n") else message + "\n")
        self.status = HTTPStatus(status)


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server whose request threads hand queries to a pool of worker processes."""

    daemon_threads = True
    request_queue_size = 128  # the listen backlog; 5 stalled 64 clients for seconds

    def __init__(self, address: tuple[str, int], source: Source, settings: Settings) -> None:
        self.settings = settings
        self.quiet = settings.quiet
        self._slots = threading.BoundedSemaphore(settings.threads)
        super().__init__(address, SparqlHandler)
        self.source = source
        self.pool = QueryPool(source, settings.limits, settings.workers, settings.max_slow, settings.slow_after,
                              fork=False)
        port = self.server_address[1]
        names = {*LOCAL_HOSTS, *settings.allow_hosts, _host_name(address[0])}
        self.hosts = {h.lower() for n in names for h in (n, f"{n}:{port}")}
        self.origins = {f"http://{h}" for h in self.hosts}

    def process_request(self, request: Any, client_address: Any) -> None:
        """One thread per request, at most ``threads`` at once: the accept loop waits for a free one
        (new connections wait in the listen backlog)."""
        self._slots.acquire()
        t = threading.Thread(target=self._work, args=(request, client_address), daemon=True)
        t.start()

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{_host_name(host)}:{port}/sparql"


def _host_name(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/2"
    protocol_version = "HTTP/1.1"  # for chunked answers; every connection still closes after one
    default_request_version = "HTTP/1.0"  # so that a malformed request line gets a status line, not HTTP/0.9

    def setup(self) -> None:
        self.timeout = self.server.settings.socket_timeout  # slow clients lose their thread
        super().setup()

    def do_GET(self) -> None:
        self._handle(self._params_from_url)

    def do_HEAD(self) -> None:
        self._handle(self._params_from_url)

    def do_POST(self) -> None:
        self._handle(self._params_from_body)

    def do_OPTIONS(self) -> None:
        self._handle(None)

    def do_PUT(self) -> None:
        self._handle(None)

    do_DELETE = do_PATCH = do_PUT

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # --- who may ask -------------------------------------------------------------------------------

    def _check_caller(self) -> None:
        """Refuse requests a web page could have made the user's browser send."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1 or (not hosts and self.request_version != "HTTP/1.0"):
            raise HttpError(HTTPStatus.BAD_REQUEST, "one Host header is required")
        if hosts and hosts[0].strip().lower() not in self.server.hosts:
            raise HttpError(HTTPStatus.BAD_REQUEST, "unknown Host: this endpoint answers only to "
                            f"{', '.join(sorted(self.server.hosts))} (see --allow-host)")
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site and site not in ("same-origin", "none"):
            raise HttpError(HTTPStatus.FORBIDDEN, f"cross-site request refused (Sec-Fetch-Site: {site})")
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() not in self.server.origins:
            raise HttpError(HTTPStatus.FORBIDDEN, "cross-origin request refused")

    # --- request parsing ---------------------------------------------------------------------

    def _params_from_url(self) -> dict[str, list[str]]:
        try:
            return parse_qs(urlsplit(self.path).query, keep_blank_values=True, errors="strict",
                            max_num_fields=64)
        except (UnicodeDecodeError, ValueError):
            raise HttpError(HTTPStatus.BAD_REQUEST, "the query string is not valid UTF-8 form data") from None

    def _params_from_body(self) -> dict[str, list[str]]:
        params = self._params_from_url()
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "POST needs a Content-Length header")
        if len(set(lengths)) > 1 or not lengths[0].strip().isdigit() or not lengths[0].strip().isascii():
            raise HttpError(HTTPStatus.BAD_REQUEST, "Content-Length must be one non-negative integer")
        length = int(lengths[0])
        if length > MAX_BODY:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY:,} bytes")
        ctype = (self.headers.get_content_type() or "").lower()
        if ctype == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
        if ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            "POST application/sparql-query or application/x-www-form-urlencoded")
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise HttpError(HTTPStatus.REQUEST_TIMEOUT, "the request body came too slowly") from None
        if len(body) < length:
            raise HttpError(HTTPStatus.BAD_REQUEST, "the request body is shorter than its Content-Length")
        try:
            text = body.decode(self.headers.get_content_charset() or "utf-8")
        except LookupError:
            raise HttpError(HTTPStatus.BAD_REQUEST, "unknown charset") from None
        except UnicodeDecodeError:
            raise HttpError(HTTPStatus.BAD_REQUEST, "the request body does not match its charset") from None
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
            return params
        try:
            form = parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=64)
        except (UnicodeDecodeError, ValueError):
            raise HttpError(HTTPStatus.BAD_REQUEST, "the form is not valid UTF-8 form data") from None
        for k, v in form.items():
            params.setdefault(k, []).extend(v)
        return params

    # --- answering ---------------------------------------------------------------------------

    def _handle(self, get_params: Any) -> None:
        self.close_connection = True
        self._started = False
        try:
            self._check_caller()
            if urlsplit(self.path).path not in PATHS:
                raise HttpError(HTTPStatus.NOT_FOUND, "the SPARQL endpoint is at /sparql")
            if self.command == "OPTIONS":
                self._send(HTTPStatus.NO_CONTENT, "", b"", {"Allow": ALLOW})
                return
            if get_params is None:
                raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"use {ALLOW}")
            params = get_params()
            if "update" in params:
                raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
            queries = params.get("query", [])
            if not queries and self.command in ("GET", "HEAD") and not params:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _form_page(self.server.url))
                return
            if len(queries) != 1:
                raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
            self._query(queries[0], params)
        except HttpError as exc:
            self._error(exc.status, str(exc))
        except (TimeoutError, ConnectionError, ClientGone):
            pass  # the client is gone or too slow: nothing to answer
        except Exception as exc:  # noqa: BLE001 - a failed request must not kill the server
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"request failed: {exc}\n")

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        s = self.server.settings
        try:
            scanned = check_query(text, max_depth=s.max_depth, max_length=s.max_length,
                                  allow_service=s.allow_service)
        except QueryRefused as exc:
            raise HttpError(exc.status, str(exc)) from None
        if is_update(scanned):
            raise HttpError(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
        req = {"query": text, "default": params.get("default-graph-uri", []),
               "named": params.get("named-graph-uri", []), "accept": self.headers.get("Accept"),
               "format": params.get("format", []) + params.get("output", [])}
        out = _Answer(self)
        try:
            self.server.pool.run(req, out.head, out.data, self._client_gone)
        except QueryStopped as exc:
            if out.started:
                self.log_error("%s (answer cut off)", exc)
                return  # the chunked answer ends without its last chunk: the client sees it incomplete
            raise HttpError(exc.status, str(exc)) from None
        out.finish()

    def _client_gone(self) -> bool:
        """Whether the client closed its end while its query runs (its request is fully read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _error(self, status: HTTPStatus, message: str) -> None:
        if self._started:
            return
        extra = {"Allow": ALLOW} if status == HTTPStatus.METHOD_NOT_ALLOWED else {}
        try:
            self._send(status, "text/plain; charset=utf-8", message.encode("utf-8"), extra)
        except OSError:
            pass

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self._started = True
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(headers)
        if self.command != "HEAD":
            self.wfile.write(body)

    def _common_headers(self, headers: dict[str, str] | None = None) -> None:
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()


class _Answer:
    """The body of a query answer: sent whole if it ends within FIRST_CHUNK, else chunked as it comes."""

    def __init__(self, handler: SparqlHandler) -> None:
        self.h = handler
        self.media = ""
        self.buf: list[bytes] = []
        self.size = 0
        self.started = False
        self.chunked = handler.request_version != "HTTP/1.0"

    def head(self, media: str) -> None:
        self.media = media

    def _headers(self) -> dict[str, str]:
        lim = self.h.server.settings.limits
        out = {"Vary": "Accept"}
        if lim.max_rows:
            out["X-SPARQL-MaxRows"] = str(lim.max_rows)
        return out

    def _ctype(self) -> str:
        return self.media + ("" if self.media.endswith(("json", "xml")) else "; charset=utf-8")

    def data(self, chunk: bytes) -> None:
        if not self.started:
            self.buf.append(chunk)
            self.size += len(chunk)
            if self.size < FIRST_CHUNK:
                return
            self.started = self.h._started = True
            h = self.h
            h.send_response(HTTPStatus.OK)
            h.send_header("Content-Type", self._ctype())
            if self.chunked:
                h.send_header("Transfer-Encoding", "chunked")
            h._common_headers(self._headers())
            chunk, self.buf = b"".join(self.buf), []
        self._write(chunk)

    def _write(self, chunk: bytes) -> None:
        if self.h.command == "HEAD" or not chunk:
            return
        if self.chunked:
            self.h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        else:
            self.h.wfile.write(chunk)

    def finish(self) -> None:
        if not self.started:
            self.h._send(HTTPStatus.OK, self._ctype(), b"".join(self.buf), self._headers())
        elif self.chunked and self.h.command != "HEAD":
            self.h.wfile.write(b"0\r\n\r\n")


def _form_page(url: str) -> bytes:
    example = "SELECT ?report ?title WHERE { ?report a kg:Report ; dcterms:title ?title }"
    return f"""<!doctype html><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<h1>SPARQL endpoint (read-only)</h1>
<p>Send queries to <code>{html.escape(url)}</code> (SPARQL 1.1 Protocol). Prefixes kg:, kgid:,
rdfs:, skos:, prov:, dcterms:, qb: and the sdmx ones need no declaration.</p>
<form action="/sparql" method="get"><textarea name="query" rows="8" cols="100">{html.escape(example)}
</textarea><br><button>Run</button></form>""".encode()


def make_server(source: Source | str | Path, host: str = "127.0.0.1", port: int = 3030,
                quiet: bool = False, settings: Settings | None = None) -> SparqlServer:
    """A server bound to host:port (port 0 picks a free one: see ``server.url``) over a store folder."""
    settings = settings or Settings()
    settings.quiet = settings.quiet or quiet
    if not isinstance(source, Source):
        source = Source("store", str(source))
    return SparqlServer((host, port), source, settings)


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run the server in a daemon thread (tests, notebooks); stop it with ``server.shutdown()``."""
    t = threading.Thread(target=server.serve_forever, name="kg-sparql", daemon=True)
    t.start()
    return t


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from kg.workers import add_limit_flags

    p = subparsers.add_parser(
        "serve", help="serve the graph as a read-only SPARQL endpoint",
        description="Serve the built graph over the SPARQL 1.1 Protocol (query only; updates are refused). "
                    "Limits and guarantees: docs/endpoint.md.")
    p.add_argument("--store", help="Oxigraph store folder (default: output/graph.oxigraph if built)")
    p.add_argument("--graph", help="RDF file to load instead of a store (default: output/graph.ttl)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=3030, help="port (default: 3030; 0 picks a free one)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another Host name clients may use (beside 127.0.0.1, localhost, [::1]); repeatable")
    add_limit_flags(p, Limits(), serve=True)
    p.add_argument("--workers", type=int, default=Settings.workers, metavar="N",
                   help=f"query worker processes (default: {Settings.workers})")
    p.add_argument("-q", "--quiet", action="store_true", help="do not log each request")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from kg.serve_cli import run as run_server

    return run_server(args)
