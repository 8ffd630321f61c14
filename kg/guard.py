"""The query guard: what `kg serve` and `kg query` check on a query's raw text before Oxigraph sees it.

Why: Oxigraph's SPARQL parser recurses once per nesting level, and about 3,000 nested ``{`` (15 KB,
sendable by an ``<img>`` tag) overflow its stack and kill the process; SERVICE turns the endpoint into
an HTTP client to any address. Both are refused here, on the text, in time linear in its length:

* nesting of ``{ ( [`` deeper than ``max_depth`` and text longer than ``max_length``: refused;
* the keyword SERVICE (any case) outside strings, IRIs and comments: refused unless allowed. A keyword
  check rather than an IRI filter, since prefixed, relative and escaped IRIs all get past the latter;
* ``is_update`` tells an update from a query by its first keyword, without a second parser (rdflib
  took 16-28 s on an 860 KB broken query).

The tokeniser errs on the strict side: a ``<…>`` holding brackets or parentheses is not taken as an
IRI (in an expression ``<`` may be the less-than operator, and what follows it is then code), so
nothing that Oxigraph parses as code can hide from the count inside something read as an IRI.
Other deep shapes (10,000-term ``+`` chains, say) are caught by running each query in a worker
process (kg.workers): a crash there costs one request, not the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 64  # real queries nest < 10 levels; 3,000 crash the parser
MAX_LENGTH = 100_000  # characters; the competency queries are under 3,000

_TOKEN = re.compile(r'''
  (?P<comment>\#[^\n\r]*)
| (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
            |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
| (?P<iri><[^<>"{}|^`\\\x00-\x20()\[\]]*>)
| (?P<var>[?$]\w*)
| (?P<word>[\w:][\w\-.:%\\]*)
| (?P<open>[{(\[])
| (?P<close>[})\]])
| (?P<space>\s+)
| (?P<other>.)
''', re.X | re.S)

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


class QueryRefused(ValueError):
    """A query the guard will not pass to the engine; the message says why, for the client."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Scan:
    """What the guard learnt from one pass over the text."""

    depth: int
    words: tuple[str, ...]  # keywords and names outside strings, IRIs and comments, upper-cased
    unclosed: bool  # a string or IRI still open at the end (the engine will say where)


def scan(text: str) -> Scan:
    """One linear pass: maximum bracket depth and the bare words, strings/IRIs/comments skipped."""
    depth = top = 0
    words: list[str] = []
    unclosed = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            top = max(top, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "word":
            words.append(m.group().upper())
        elif kind == "other" and m.group() in "\"'":
            unclosed = True
    return Scan(top, tuple(words), unclosed)


def check_query(text: str, *, max_depth: int = MAX_DEPTH, max_length: int = MAX_LENGTH,
                allow_service: bool = False) -> Scan:
    """Refuse (QueryRefused) a query too long, too deeply nested, or calling SERVICE when not allowed."""
    if max_length and len(text) > max_length:
        raise QueryRefused(f"query refused: it is {len(text):,} characters long; the limit is {max_length:,}")
    s = scan(text)
    if max_depth and s.depth > max_depth:
        raise QueryRefused(f"query refused: brackets nest {s.depth} levels deep; the limit is {max_depth}")
    if not allow_service and "SERVICE" in s.words:
        raise QueryRefused("query refused: SERVICE (federated query) is turned off "
                           "(--allow-service turns it on)", status=403)
    return s


def is_update(text: str | Scan) -> bool:
    """Whether the text is a SPARQL Update: its first keyword after the prologue (BASE, PREFIX)."""
    words = iter((text if isinstance(text, Scan) else scan(text)).words)
    for w in words:
        if w == "PREFIX":
            next(words, None)  # the prefix name; its IRI is skipped by the scanner
            continue
        if w == "BASE":
            continue
        return w in UPDATE_KEYWORDS
    return False


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def bind_term(value: str) -> str:
    """A ``--bind`` value as one SPARQL term, typed and escaped: never pasted into the query raw.

    ``<…>`` is an IRI, ``"…"`` (with ``@lang`` or ``^^<datatype>``) a literal in N-Triples syntax, a
    plain number a number; anything else is a Chinese label, ``"…"@zh``. The first two are parsed
    as one N-Triples object and written back by pyoxigraph, so no quote or brace can break out.
    """
    import pyoxigraph as ox

    if _NUMBER.fullmatch(value):
        return value
    if value.startswith(("<", '"')):
        if value.startswith("<") and not _IRI.fullmatch(value):
            raise QueryRefused(f"--bind: {value!r} is not one IRI")
        try:
            triples = list(ox.parse(f"<urn:s> <urn:p> {value} .".encode(), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            triples = []
        if len(triples) != 1:
            raise QueryRefused(f"--bind: {value!r} is not one IRI or literal (write literals as \"text\"@lang)")
        return str(triples[0].object)
    return str(ox.Literal(value, language="zh"))
