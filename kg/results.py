"""Query results written as a stream, with a row cap: what a query worker (kg.workers) sends back.

Why not ``QuerySolutions.serialize``: it writes every row, so a row cap cannot be applied, and a
``SELECT *`` over a cartesian product buffered gigabytes before the first byte left. Here rows are
written as they come (SPARQL 1.1 JSON, XML, CSV and TSV results), at most ``max_rows`` of them, into
any object with ``write(bytes)``; the answer stays a well-formed document when the cap cuts it.
Content negotiation lives here too, since the worker picks the format once it knows the result kind.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any, Protocol
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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


class NotAcceptable(ValueError):
    status = HTTPStatus.NOT_ACCEPTABLE


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
    raise NotAcceptable(f"cannot answer in {accept}; this endpoint offers: {', '.join(table)}\n")


class Writer(Protocol):
    def write(self, data: bytes) -> Any: ...


def _json_term(t: Any) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "literal", "value": str(t)}  # RDF-star triple terms: as text


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_term(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def _tsv_term(t: Any) -> str:
    return "" if t is None else str(t).replace("\t", "\\t")


BATCH = 256  # rows per write: fewer, larger writes to the pipe


def write_solutions(solutions: Any, media: str, out: Writer, max_rows: int = 0) -> tuple[int, bool]:
    """Write a SELECT answer in the format of ``media``; return (rows written, whether cut at max_rows)."""
    names = [v.value for v in solutions.variables]
    variables = list(solutions.variables)
    rows: Iterable[Any] = itertools.islice(solutions, max_rows + 1) if max_rows else solutions
    fmt = SOLUTION_TYPES[media]
    if fmt == ox.QueryResultsFormat.JSON:
        out.write(json.dumps({"head": {"vars": names}}, ensure_ascii=False, separators=(",", ":"))[:-1].encode()
                  + b',"results":{"bindings":[')

        def row(sol: Any, first: bool) -> str:
            b = {n: _json_term(sol[v]) for n, v in zip(names, variables, strict=True) if sol[v] is not None}
            return ("" if first else ",") + json.dumps(b, ensure_ascii=False, separators=(",", ":"))
        tail = b"]}}"
    elif fmt == ox.QueryResultsFormat.XML:
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        out.write(('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                   f"<head>{head}</head><results>").encode())

        def row(sol: Any, first: bool) -> str:
            return "<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(sol[v])}</binding>"
                                        for n, v in zip(names, variables, strict=True)
                                        if sol[v] is not None) + "</result>"
        tail = b"</results></sparql>"
    elif fmt == ox.QueryResultsFormat.CSV:
        out.write(_csv_line(names))

        def row(sol: Any, first: bool) -> str:
            return _csv_line([_csv_term(sol[v]) for v in variables]).decode()
        tail = b""
    else:
        out.write(("\t".join(f"?{n}" for n in names) + "\n").encode())

        def row(sol: Any, first: bool) -> str:
            return "\t".join(_tsv_term(sol[v]) for v in variables) + "\n"
        tail = b""
    n = 0
    cut = False
    batch: list[str] = []
    for sol in rows:
        if max_rows and n == max_rows:
            cut = True
            break
        batch.append(row(sol, n == 0))
        n += 1
        if len(batch) == BATCH:
            out.write("".join(batch).encode())
            batch = []
    out.write("".join(batch).encode() + tail)
    return n, cut


def _csv_line(values: list[str]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue().encode()


def write_triples(triples: Any, media: str, out: Writer, max_rows: int = 0,
                  prefixes: dict[str, str] | None = None) -> tuple[int, bool]:
    """Write a CONSTRUCT/DESCRIBE answer, at most ``max_rows`` triples; return (triples, whether cut)."""
    count = [0]
    cut = [False]

    def capped() -> Iterable[Any]:
        for t in triples:
            if max_rows and count[0] == max_rows:
                cut[0] = True
                return
            count[0] += 1
            yield t
    ox.serialize(capped(), output=out, format=GRAPH_TYPES[media], prefixes=prefixes)
    return count[0], cut[0]
