"""The inside of a query worker process (kg.workers runs the pool, in the parent).

A worker opens the store read-only once, caps its own data segment (RLIMIT_DATA), asks to die
with its parent, becomes a session of its own (so that the pool can lower its CPU share), and then
answers one request at a time: query, negotiate the format, stream the answer in chunks under the
byte cap. Wire format: see kg.workers.
"""

from __future__ import annotations

import faulthandler
import json
import os
import time
from pathlib import Path
from typing import Any

from kg.workers import CHUNK, Source


def _open(source: Source) -> Any:
    import pyoxigraph as ox

    if source.kind == "graph":
        from kg.store import load

        store = ox.Store()
        load(store, source.path)
        return store
    for attempt in range(20):  # the folder is absent for an instant while a build swaps it in
        try:
            return ox.Store.read_only(source.path)
        except OSError:
            if attempt == 19:
                raise
            time.sleep(0.05)
    return None


def _limit(memory_mb: int) -> None:
    """Cap the data segment at what the open store already uses plus ``memory_mb``: the limit is
    what one query may add (a graph file loaded into memory is not counted against it)."""
    import resource

    if memory_mb:
        status = Path("/proc/self/status")
        used = 0
        if status.exists():
            used = next((int(ln.split()[1]) << 10 for ln in status.read_text().splitlines()
                         if ln.startswith("VmData:")), 0)
        cap = used + (memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))


def _die_with_parent() -> None:
    try:  # die with the parent (Linux): a stuck query must not outlive the server
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Pipe:
    """A file-like writer that sends ``D`` chunks, refusing to go past the byte cap.

    The ``H`` message waits for the first chunk; an answer that ends within one chunk goes as one
    ``A`` message (head, footer and data), one round trip instead of three."""

    def __init__(self, conn: Any, max_bytes: int, media: str) -> None:
        self.conn, self.max_bytes, self.media = conn, max_bytes, media
        self.buf: list[bytes] = []
        self.size = self.sent = 0
        self.headed = False

    def write(self, data: bytes) -> int:
        self.buf.append(bytes(data))
        self.size += len(data)
        if self.max_bytes and self.sent + self.size > self.max_bytes:
            raise OverflowError(f"the result is larger than {self.max_bytes:,} bytes (the byte cap)")
        if self.size >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self.headed:
            self.conn.send_bytes(b"H" + self.media.encode())
            self.headed = True
        if self.buf:
            self.conn.send_bytes(b"D" + b"".join(self.buf))
            self.sent += self.size
            self.buf, self.size = [], 0


def _answer(store: Any, req: dict, conn: Any) -> None:
    import pyoxigraph as ox

    from kg.results import (
        GRAPH_TYPES,
        SOLUTION_TYPES,
        NotAcceptable,
        negotiate,
        write_solutions,
        write_triples,
    )
    from kg.store import QUERY_PREFIXES

    def error(status: int, message: str) -> None:
        conn.send_bytes(b"E" + json.dumps({"status": status, "message": message}).encode())

    if store is None:
        return error(503, f"cannot open {req.get('path')}: {req.get('why')}")
    default = [ox.NamedNode(u) for u in req.get("default", [])] or None
    named = [ox.NamedNode(u) for u in req.get("named", [])] or None
    try:
        # without default-graph-uri, the default graph is all graphs: one per report, one for the rest
        result = store.query(req["query"], prefixes=QUERY_PREFIXES, default_graph=default,
                             named_graphs=named, use_default_graph_as_union=default is None)
        kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
        media = negotiate(kind, req.get("accept"), req.get("format", []))
    except SyntaxError as exc:
        return error(400, f"SPARQL syntax error: {exc}")
    except NotAcceptable as exc:
        return error(406, str(exc))
    except (OSError, ValueError) as exc:
        return error(500, f"query failed: {exc}")
    out = _Pipe(conn, req.get("max_bytes", 0), media)
    rows, cut = 0, False
    try:
        if isinstance(result, ox.QuerySolutions):
            rows, cut = write_solutions(result, media, out, req.get("max_rows", 0))
        elif isinstance(result, ox.QueryBoolean):
            out.write(result.serialize(format=SOLUTION_TYPES[media]) or b"")
        else:
            rows, cut = write_triples(result, media, out, req.get("max_rows", 0),
                                      QUERY_PREFIXES if GRAPH_TYPES[media] == ox.RdfFormat.TURTLE else None)
    except OverflowError as exc:
        return error(503, str(exc))
    except (OSError, ValueError) as exc:  # an evaluation error after the first row
        return error(500, f"query failed: {exc}")
    footer = json.dumps({"rows": rows, "cut": cut, "media": media}).encode()
    if out.headed:
        out.flush()
        conn.send_bytes(b"F" + footer)
    else:
        conn.send_bytes(b"A" + footer + b"\n" + b"".join(out.buf))


def worker_main(conn: Any, source: Source, memory_mb: int, parent_end: Any = None) -> None:
    """The loop of one worker process: open the store, then answer requests until told to stop.

    ``parent_end`` is the pool's end of the pipe, which a forked worker inherits: it is closed, so
    that the worker reads end-of-file, and exits, when the pool goes away."""
    if parent_end is not None:
        parent_end.close()
    os.environ["RUST_BACKTRACE"] = "0"  # one line on stderr when a query dies, not fifty
    faulthandler.disable()  # inherited from pytest or -X faulthandler: a dying query is no Python bug
    try:
        os.setsid()  # a session, hence a scheduler autogroup, of its own (see kg.workers._lower_priority)
    except OSError:
        pass
    _die_with_parent()
    import kg.results
    import kg.store  # noqa: F401  (imported before "ready", so the first query does not wait for them)
    why = ""
    try:
        store = _open(source)
    except (OSError, SyntaxError, ValueError) as exc:
        store = None
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    _limit(memory_mb)
    conn.send_bytes(b"R")
    while True:
        try:
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not raw:
            return
        req = json.loads(raw)
        req["path"] = source.path
        req["why"] = why
        try:
            _answer(store, req, conn)
        except (EOFError, OSError):
            return  # the parent is gone
        except Exception as exc:  # noqa: BLE001 - one failed query, not a dead worker
            conn.send_bytes(b"E" + json.dumps({"status": 500, "message": f"query failed: {exc}"}).encode())
