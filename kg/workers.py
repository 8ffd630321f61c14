"""Query workers: each query runs in a process of its own that can be stopped, never in the server.

Why: a query that overflows the parser's stack kills its process, a nested REPLACE grows memory by a
gigabyte a second, a 5-way cartesian COUNT never ends, and none of these can be interrupted from
Python while Oxigraph runs. So queries run in a small pool of pre-started worker processes, each
holding the store open read-only, with its address space capped (RLIMIT_DATA); the parent keeps
the clock and kills a worker that outlives the time limit, whose client went away, or that wrote
more than the byte cap. A dead worker is replaced; the request that killed it gets one error.

A query that has run for ``slow_after`` seconds (or EARLY seconds, when another request is waiting
for a worker) is moved out of the pool (its slot refilled by a new worker) and reniced to 19, so quick queries keep their CPU and their workers while it finishes or
is stopped; at most ``max_slow`` such queries run at once, beyond that the newest is stopped.

The pool follows the build: the store folder's identity (device, inode, mtime of the folder and of
RocksDB's CURRENT file) is checked on every request and once a second; workers on an older store
are retired and replaced, so a rebuild is served without a restart and no deleted file stays open.

Wire format (multiprocessing Connection, byte messages with a one-letter tag): the parent sends a
JSON request; the worker answers ``H``+media type, ``D``+data chunks, then ``F``+JSON footer (rows,
cut) or, instead of all of these, ``E``+JSON error (status, message) or, for an answer that fits one
chunk, ``A``+JSON footer+newline+data.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLOW_AFTER = 1.0  # seconds before a query leaves the pool's slots and loses CPU priority
EARLY = 0.1  # ... or this many, when another request is waiting for a worker
CHUNK = 64 << 10
CHECK_EVERY = 0.2  # seconds between looks at the store folder's identity


@dataclass
class Limits:
    """What one query may use (0 means no limit). Defaults are those of `kg serve`."""

    timeout: float = 30.0  # seconds, wall clock, until the last byte is sent
    memory_mb: int = 1024  # the worker's data segment (heap and anonymous maps)
    max_rows: int = 100_000
    max_bytes: int = 64 << 20


class QueryStopped(Exception):
    """The query did not answer: ``status`` and a one-line message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class ClientGone(Exception):
    """The client hung up (or stopped reading) while its query ran; the worker was stopped."""


@dataclass(frozen=True)
class Source:
    """Where the workers' triples come from: a store folder (opened read-only) or an RDF file
    (loaded into memory by each worker: what `kg query --graph` uses)."""

    kind: str  # "store" or "graph"
    path: str

    def key(self) -> tuple:
        """The identity of what is at ``path`` now: it changes when a build replaces it."""
        out: list[Any] = []
        for p in (Path(self.path), Path(self.path) / "CURRENT") if self.kind == "store" else (Path(self.path),):
            try:
                st = os.stat(p)
                out.append((st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size if p.is_file() else 0))
            except OSError:
                out.append(None)
        return tuple(out)


# --- the pool, in the parent -----------------------------------------------------------------------


def _lower_priority(pid: int) -> None:
    """Give a long query's worker only CPU nobody else wants: nice 19, SCHED_IDLE and, since each
    worker is a session of its own, an autogroup niced to 19 (with autogroups, Linux shares CPU
    between sessions first, so a plain nice would still take the server's share)."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 19)
        os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
    except (OSError, AttributeError):
        pass
    try:
        Path(f"/proc/{pid}/autogroup").write_text("19")
    except OSError:
        pass


@dataclass(eq=False)
class Worker:
    proc: Any
    conn: Any
    key: tuple
    slow: bool = False  # moved out of the pool's slots
    since: float = 0.0  # when its current query started (0: idle)


def _context(fork: bool) -> Any:
    """fork if asked and this process has no other thread (kg query: instant), else a fork server
    that imported pyoxigraph once (kg serve: its workers must not inherit a threaded server)."""
    if fork and threading.active_count() == 1:
        return mp.get_context("fork")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.worker", "kg.workers", "kg.results", "kg.store", "pyoxigraph"])
    return ctx


class QueryPool:
    """``size`` worker processes over one Source; ``run`` sends one query to a free one."""

    def __init__(self, source: Source, limits: Limits, size: int = 2, max_slow: int = 4,
                 slow_after: float | None = SLOW_AFTER, watch: bool = True, fork: bool = False,
                 respawn: bool = True) -> None:
        self.source, self.limits, self.size = source, limits, size
        self.max_slow, self.slow_after = max_slow, slow_after
        self.respawn = respawn  # False: one-shot pools (kg query) start no worker after the first
        self.ctx = _context(fork)
        self.cond = threading.Condition()
        self.idle: list[Worker] = []
        self.busy: set[Worker] = set()
        self.slots = 0  # workers holding a slot: idle, busy or starting
        self.slow = 0
        self.closed = False
        self.key = source.key()
        self.checked = 0.0
        self.refill(wait=True)
        if watch:
            threading.Thread(target=self._watch, name="kg-store-watch", daemon=True).start()

    # --- workers coming and going --------------------------------------------------------------

    def _spawn(self) -> Worker | None:
        parent, child = self.ctx.Pipe()
        key = self.source.key()
        from kg.worker import worker_main

        proc = self.ctx.Process(target=worker_main, args=(child, self.source, self.limits.memory_mb, parent),
                                daemon=True, name="kg-query-worker")
        proc.start()
        child.close()
        if not parent.poll(60) or parent.recv_bytes() != b"R":
            proc.kill()
            return None
        return Worker(proc, parent, key)

    def refill(self, wait: bool = False) -> None:
        """Start workers until ``size`` hold a slot (in the background unless ``wait``)."""
        with self.cond:
            n = self.size - self.slots
            self.slots += max(0, n)
        for _ in range(max(0, n)):
            if wait:
                self._start_one()
            else:
                threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        w = None
        try:
            w = self._spawn()
        finally:
            with self.cond:
                if w is None or self.closed:
                    self.slots -= 1
                    if w is not None:
                        self._stop(w)
                else:
                    self.idle.append(w)
                self.cond.notify_all()

    @staticmethod
    def _stop(w: Worker, kill: bool = False) -> None:
        try:
            if kill:
                w.proc.kill()
            else:
                w.conn.send_bytes(b"")
        except OSError:
            pass
        w.conn.close()
        threading.Thread(target=w.proc.join, args=(5,), daemon=True).start()  # reap without waiting

    def _retire(self, w: Worker, kill: bool) -> None:
        """A worker leaves for good; its slot (if it held one) is refilled."""
        self._stop(w, kill)
        with self.cond:
            self.busy.discard(w)
            if w.slow:
                self.slow -= 1
            else:
                self.slots -= 1
        if not self.closed and self.respawn:
            self.refill()

    def _watch(self) -> None:
        while not self.closed:
            time.sleep(1.0)
            self.check_source()

    def check_source(self) -> None:
        """Retire idle workers that hold a store a build has since replaced (looked at most every
        CHECK_EVERY seconds: a request pays for four stat calls only now and then)."""
        now = time.monotonic()
        if now - self.checked < CHECK_EVERY:
            return
        self.checked = now
        key = self.source.key()
        if key == self.key:
            return
        with self.cond:
            self.key = key
            stale = [w for w in self.idle if w.key != key]
            self.idle = [w for w in self.idle if w.key == key]
        for w in stale:
            self._retire(w, kill=False)

    def close(self) -> None:
        with self.cond:
            self.closed = True
            idle, self.idle = self.idle, []
        for w in idle:
            self._stop(w, kill=True)

    # --- one query ---------------------------------------------------------------------------------

    def _acquire(self, deadline: float | None) -> Worker:
        self.check_source()
        while True:
            with self.cond:
                if self.idle:
                    w = self.idle.pop()
                    w.since = time.monotonic()
                    self.busy.add(w)
                    return w
                short = self.slots < self.size  # a worker failed to start: try again
                oldest = min((b for b in self.busy if not b.slow), key=lambda b: b.since, default=None)
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise QueryStopped(503, "every query worker is busy; try again later")
                if oldest is not None and self.slow_after is not None and self.slow < self.max_slow \
                        and time.monotonic() - oldest.since > EARLY:
                    short = False  # below: make room by moving the oldest query out of the slots
                elif not short:
                    self.cond.wait(0.05 if left is None else min(left, 0.05))
                    continue
                else:
                    oldest = None
            if oldest is not None:
                self._demote(oldest)  # someone is waiting: a query past EARLY seconds steps aside now
            else:
                self.refill()
            with self.cond:
                self.cond.wait(0.5 if left is None else min(left, 0.5))

    def _release(self, w: Worker) -> None:
        with self.cond:
            self.busy.discard(w)
            w.since = 0.0
        if w.slow or w.key != self.key:
            self._retire(w, kill=False)
            return
        with self.cond:
            self.idle.append(w)
            self.cond.notify()

    def _demote(self, w: Worker) -> bool:
        """Move a long query out of the slots at low priority; False if too many are slow already."""
        with self.cond:
            if w.slow:
                return True
            if self.slow >= self.max_slow:
                return False
            self.slow += 1
            self.slots -= 1
            w.slow = True
        _lower_priority(w.proc.pid)
        self.refill()
        return True

    def run(self, req: dict, on_head: Callable[[str], None], on_data: Callable[[bytes], None],
            gone: Callable[[], bool] = lambda: False) -> dict:
        """Run one query; stream its answer to the callbacks; return the footer (rows, cut).

        Raises QueryStopped (with an HTTP status) when the query fails or is stopped, ClientGone
        when ``gone()`` turns true or a callback raises OSError.
        """
        lim = self.limits
        t0 = time.monotonic()
        deadline = t0 + lim.timeout if lim.timeout else None
        w = self._acquire(deadline)
        req = {**req, "max_rows": lim.max_rows, "max_bytes": lim.max_bytes}
        done = False
        try:
            w.conn.send_bytes(json.dumps(req).encode())
            while True:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    raise QueryStopped(503, f"query stopped: it ran past the time limit of {lim.timeout:g} s")
                if self.slow_after is not None and not w.slow and now - t0 > self.slow_after \
                        and not self._demote(w):
                    raise QueryStopped(503, f"query stopped: {self.max_slow} long queries are running "
                                            "already; try again later")
                if not w.conn.poll(0.1 if deadline is None else min(0.1, deadline - now)):
                    if gone():
                        raise ClientGone()
                    continue
                try:
                    msg = w.conn.recv_bytes()
                except (EOFError, OSError):
                    w.proc.join(1)
                    raise QueryStopped(503, self._death(w)) from None
                tag, body = msg[:1], msg[1:]
                if tag == b"D":
                    try:
                        on_data(body)
                    except OSError:
                        raise ClientGone() from None
                elif tag == b"H":
                    on_head(body.decode())
                elif tag == b"A":  # the whole answer in one message
                    footer, _, data = body.partition(b"\n")
                    info = json.loads(footer)
                    on_head(info["media"])
                    on_data(data)
                    done = True
                    return info
                elif tag in (b"F", b"E"):
                    done = True
                    info = json.loads(body)
                    if tag == b"E":
                        raise QueryStopped(info["status"], info["message"])
                    return info
        finally:
            if done:
                self._release(w)
            else:
                self._retire(w, kill=True)

    def _death(self, w: Worker) -> str:
        code = w.proc.exitcode
        why = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
        mem = f"{self.limits.memory_mb} MiB" if self.limits.memory_mb else "no limit"
        return (f"query stopped: the query engine died ({why}); the query needs more memory than "
                f"allowed ({mem}) or is too deeply nested")


def add_limit_flags(p: Any, d: Limits, serve: bool) -> None:
    """The flags `kg serve` and `kg query` share for a query's limits and the guard."""
    from kg.guard import MAX_DEPTH, MAX_LENGTH

    p.add_argument("--timeout", type=float, default=d.timeout, metavar="SECONDS",
                   help=f"stop a query after this long (default: {d.timeout:g}; 0: no limit)")
    p.add_argument("--memory-limit", type=int, default=d.memory_mb, metavar="MIB",
                   help=f"memory one query may use (default: {d.memory_mb}; 0: no limit)")
    if serve:
        p.add_argument("--max-rows", type=int, default=d.max_rows, metavar="N",
                       help=f"cut answers at N rows or triples (default: {d.max_rows:,}; 0: no limit)")
        p.add_argument("--max-bytes", type=int, default=d.max_bytes, metavar="N",
                       help=f"stop answers longer than N bytes (default: {d.max_bytes:,}; 0: no limit)")
    p.add_argument("--max-depth", type=int, default=MAX_DEPTH, metavar="N",
                   help=f"refuse queries nesting brackets deeper than N (default: {MAX_DEPTH})")
    p.add_argument("--max-length", type=int, default=MAX_LENGTH, metavar="CHARS",
                   help=f"refuse longer queries (default: {MAX_LENGTH:,})")
    p.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE (federated queries make this machine fetch other addresses)")


def limits_from_args(args: Any) -> Limits:
    return Limits(timeout=max(0.0, args.timeout), memory_mb=max(0, args.memory_limit),
                  max_rows=max(0, getattr(args, "max_rows", 0)), max_bytes=max(0, getattr(args, "max_bytes", 0)))
