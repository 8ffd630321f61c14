"""`kg serve` as an HTTP client sees it, on a small graph of its own: the form page, the headers
every answer carries, a large answer streamed in chunks (whole for HTTP/1.0), and a plain-text
status for each request it will not answer.

Written to kill the mutants bench/mutation.py found surviving in kg/serve.py (bench/mutation.md).
"""

from __future__ import annotations

import json
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.serve import FIRST_CHUNK, READ_ONLY_MESSAGE, Settings, SparqlServer, make_server, serve_in_thread
from kg.workers import Limits, Source

ROWS = 3000
BIG = "SELECT ?s ?o WHERE { ?s <http://example.org/name> ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    ttl = tmp_path_factory.mktemp("serve") / "g.ttl"
    ttl.write_text("".join(f'<http://example.org/n{i}> <http://example.org/name> "名称{i:05d}"@zh .\n'
                           for i in range(ROWS)), encoding="utf-8")
    limits = Limits(timeout=10.0, memory_mb=512, max_rows=50_000, max_bytes=64 << 20)
    srv = make_server(Source("graph", str(ttl)), port=0, quiet=True,
                      settings=Settings(limits=limits, workers=1, max_slow=1, socket_timeout=5.0))
    serve_in_thread(srv)
    yield srv
    srv.shutdown()
    srv.server_close()


def _host(srv: SparqlServer) -> str:
    return f"127.0.0.1:{srv.server_address[1]}"


def raw(srv: SparqlServer, request: bytes) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(srv.server_address[:2], timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(1 << 16):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def get(srv: SparqlServer, target: str, version: str = "HTTP/1.1", method: str = "GET", extra: str = "") -> tuple:
    return raw(srv, f"{method} {target} {version}\r\nHost: {_host(srv)}\r\n{extra}\r\n".encode())


def q(text: str, **more: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text, **more})


def _dechunk(body: bytes) -> bytes:
    out = b""
    while True:
        size, _, rest = body.partition(b"\r\n")
        n = int(size, 16)
        if n == 0:
            assert rest == b"\r\n"
            return out
        out, body = out + rest[:n], rest[n + 2 :]


def test_the_form_page_names_the_endpoint(server: SparqlServer) -> None:
    status, headers, body = get(server, "/sparql")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert int(headers["content-length"]) == len(body)
    assert server.url.encode() in body and b'<form action="/sparql" method="get">' in body
    assert b"SELECT ?report ?title WHERE { ?report a kg:Report ; dcterms:title ?title }" in body
    assert server.url == f"http://127.0.0.1:{server.server_address[1]}/sparql"
    assert server.source.kind == "graph" and server.source.path.endswith("g.ttl")


def test_every_answer_carries_the_safety_headers_and_a_small_one_its_length(server: SparqlServer) -> None:
    status, headers, body = get(server, q("SELECT ?o WHERE { <http://example.org/n7> ?p ?o }"),
                                extra="Accept: application/sparql-results+json\r\n")
    assert status == 200
    assert headers["content-type"] == "application/sparql-results+json"  # json: no charset parameter
    assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"
    assert headers["connection"] == "close" and headers["vary"] == "Accept"
    assert headers["x-sparql-maxrows"] == "50000" and "transfer-encoding" not in headers
    assert int(headers["content-length"]) == len(body)
    assert json.loads(body)["results"]["bindings"][0]["o"] == {"type": "literal", "value": "名称00007", "xml:lang": "zh"}
    status, headers, body = get(server, q("SELECT ?o WHERE { <http://example.org/n7> ?p ?o }", format="csv"))
    assert headers["content-type"] == "text/csv; charset=utf-8" and body.decode().splitlines() == ["o", "名称00007"]


def test_a_large_answer_is_chunked_and_whole(server: SparqlServer) -> None:
    status, headers, body = get(server, q(BIG, format="csv"))
    assert status == 200 and headers["transfer-encoding"] == "chunked" and "content-length" not in headers
    text = _dechunk(body)
    assert len(text) > FIRST_CHUNK
    assert len(text.decode().splitlines()) == ROWS + 1
    status, headers, body = get(server, q(BIG, format="csv"), version="HTTP/1.0")
    assert status == 200 and "transfer-encoding" not in headers and body == text  # HTTP/1.0: sent as it comes
    status, headers, body = get(server, q(BIG, format="csv"), method="HEAD")
    assert status == 200 and body == b""


def test_requests_it_will_not_answer(server: SparqlServer) -> None:
    cases = [
        (get(server, "/other?query=ASK%7B%7D"), 404, "the SPARQL endpoint is at /sparql"),
        (get(server, "/sparql?update=x"), 403, READ_ONLY_MESSAGE),
        (get(server, "/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "give exactly one 'query' parameter"),
        (get(server, "/sparql?foo=1"), 400, "give exactly one 'query' parameter"),
        (get(server, q("DELETE WHERE { ?s ?p ?o }")), 403, READ_ONLY_MESSAGE),
        (get(server, "/sparql", method="POST", extra="Content-Type: application/sparql-query\r\n"),
         411, "POST needs a Content-Length header"),
        (get(server, "/sparql", method="POST", extra="Content-Length: 2\r\nContent-Length: 3\r\n"),
         400, "Content-Length must be one non-negative integer"),
        (get(server, "/sparql", method="POST", extra="Content-Type: application/sparql-update\r\nContent-Length: 0\r\n"),
         403, READ_ONLY_MESSAGE),
        (get(server, "/sparql", method="POST", extra="Content-Type: text/plain\r\nContent-Length: 0\r\n"),
         415, "POST application/sparql-query or application/x-www-form-urlencoded"),
        (get(server, "/sparql", method="POST", extra=f"Content-Type: application/sparql-query\r\nContent-Length: {(1 << 20) + 1}\r\n"),
         413, "request body over 1,048,576 bytes"),
    ]
    for (status, headers, body), want, message in cases:
        assert status == want, (want, body)
        assert body.decode() == (message if message.endswith("\n") else message + "\n")
        assert headers["content-type"] == "text/plain; charset=utf-8"
        assert "allow" not in headers


def test_posted_bodies_in_each_charset_and_form(server: SparqlServer) -> None:
    text = 'ASK { ?s ?p "名称00001"@zh }'
    for ctype, data in (("application/sparql-query; charset=gb18030", text.encode("gb18030")),
                        ("application/x-www-form-urlencoded", urllib.parse.urlencode({"query": text}).encode())):
        req = (f"POST /sparql HTTP/1.1\r\nHost: {_host(server)}\r\nContent-Type: {ctype}\r\n"
               f"Accept: application/sparql-results+json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data
        status, _h, body = raw(server, req)
        assert status == 200 and json.loads(body)["boolean"] is True, (ctype, body)
    bad = (f"POST /sparql HTTP/1.1\r\nHost: {_host(server)}\r\nContent-Type: application/sparql-query; charset=nope\r\n"
           "Content-Length: 3\r\n\r\nASK").encode()
    assert raw(server, bad)[:1] == (400,) and raw(server, bad)[2] == b"unknown charset\n"
    short = (f"POST /sparql HTTP/1.1\r\nHost: {_host(server)}\r\nContent-Type: application/sparql-query\r\n"
             "Content-Length: 10\r\n\r\nASK").encode()
    with socket.create_connection(server.server_address[:2], timeout=30) as s:
        s.sendall(short)
        s.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400") and reply.endswith(b"the request body is shorter than its Content-Length\n")


def test_an_http_1_0_client_without_host_is_answered(server: SparqlServer) -> None:
    status, _h, body = raw(server, b"GET /sparql?query=ASK%7B%7D&format=json HTTP/1.0\r\n\r\n")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _h, body = raw(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n")
    assert status == 400 and body == b"one Host header is required\n"


def test_ipv6_hosts_are_bracketed_in_urls(tmp_path: Path) -> None:
    from kg.serve import _host_name

    assert _host_name("::1") == "[::1]" and _host_name("[::1]") == "[::1]" and _host_name("127.0.0.1") == "127.0.0.1"


def test_a_blank_form_field_is_a_field(server: SparqlServer) -> None:
    data = b"query=&format=json"
    req = (f"POST /sparql HTTP/1.1\r\nHost: {_host(server)}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
           f"Content-Length: {len(data)}\r\n\r\n").encode() + data
    status, _h, body = raw(server, req)
    assert status == 400 and body != b"give exactly one 'query' parameter\n", body  # an empty query, not none


def test_the_command_line_flags(tmp_path: Path) -> None:
    from kg.cli import parser

    args = parser().parse_args(["serve", "--graph", "g.ttl", "--host", "0.0.0.0", "--port", "0",
                                "--allow-host", "a.example", "--allow-host", "b.example", "--workers", "2", "-q"])
    assert (args.graph, args.store, args.host, args.port, args.allow_host, args.workers, args.quiet) == \
        ("g.ttl", None, "0.0.0.0", 0, ["a.example", "b.example"], 2, True)
    d = parser().parse_args(["serve"])
    assert (d.host, d.port, d.allow_host, d.quiet, d.workers) == ("127.0.0.1", 3030, [], False, Settings.workers)
    assert "docs/endpoint.md" in parser()._subparsers._group_actions[0].choices["serve"].description


def test_quiet_logs_no_request_and_the_default_logs_each(tmp_path: Path, capfd) -> None:
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<http://example.org/a> <http://example.org/name> "达拉特旗"@zh .\n', encoding="utf-8")
    logged = []
    for quiet in (True, False):
        srv = make_server(Source("graph", str(ttl)), port=0, quiet=quiet,
                          settings=Settings(workers=1, max_slow=1, socket_timeout=5.0))
        serve_in_thread(srv)
        try:
            capfd.readouterr()
            assert get(srv, "/sparql?query=ASK%20%7B%7D")[0] == 200
            logged.append(capfd.readouterr().err)
        finally:
            srv.shutdown()
            srv.server_close()
    assert "GET /sparql?query=" not in logged[0] and "GET /sparql?query=" in logged[1]
