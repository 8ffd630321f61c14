"""How `kg query` prints results: a table for people, CSV/TSV/JSON as the SPARQL 1.1 formats say.

Everything printed to a terminal is made printable first (``printable``): report text may carry
escape sequences or bidi overrides, and they must be shown, not obeyed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.query import Results, Term


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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(s: str) -> str:
    """Text safe for a terminal: control characters (escape sequences, bidi overrides) shown as
    ``\\x1b``/``\\u202e`` escapes, a newline as a space: report text must not drive the terminal."""
    return _CONTROL.sub(lambda m: " " if m.group() == "\n" else
                        (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
                        s)


def _clip(s: str, width: int) -> str:
    s = printable(s)
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

    out = [line([printable(v) for v in res.vars]), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(res.rows)
    out.append(f"({n} row{'s' if n != 1 else ''}, {res.seconds * 1000:.1f} ms)")
    return "\n".join(out) + "\n"
