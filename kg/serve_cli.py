"""`kg serve` from the command line: pick the store, start the server, print where it listens.

Kept apart from kg.serve (the HTTP side) to keep each module short; ``kg.serve.run`` calls this.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from kg.serve import Settings, make_server
from kg.workers import Source, limits_from_args


def _source(args: argparse.Namespace) -> tuple[Source, str, str | None]:
    """The store folder to serve, what to call it, and a temporary folder to remove at the end."""
    from kg.store import DEFAULT_GRAPH, DEFAULT_STORE, StoreNotFound, is_store, load, open_store

    if args.store is not None or (args.graph is None and is_store(DEFAULT_STORE)):
        path = Path(args.store or DEFAULT_STORE)
        if not is_store(path):
            raise StoreNotFound(f"no Oxigraph store at {path} (write one with `kg build --format oxigraph`)")
        return Source("store", str(path)), f"store {path}", None
    graph = Path(args.graph or DEFAULT_GRAPH)
    if not graph.is_file():
        raise StoreNotFound(f"no graph at {graph}: run `kg build` first, or pass --store/--graph")
    tmp = tempfile.mkdtemp(prefix="kg-serve-")
    store = open_store(tmp)
    load(store, graph)
    store.flush()
    del store
    return Source("store", tmp), f"graph {graph} (loaded once)", tmp


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from kg.store import StoreNotFound

    settings = Settings(limits=limits_from_args(args), workers=max(1, args.workers), quiet=args.quiet,
                        allow_service=args.allow_service, allow_hosts=tuple(args.allow_host),
                        max_depth=args.max_depth, max_length=args.max_length)
    tmp = None
    try:
        source, origin, tmp = _source(args)
        server = make_server(source, args.host, args.port, settings=settings)
    except (StoreNotFound, OSError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: listening on {args.host}: anyone who can reach this machine can query the graph",
              file=sys.stderr)
    lim = settings.limits
    print(f"SPARQL endpoint {server.url} (read-only) over {origin}; timeout {lim.timeout:g} s, "
          f"{settings.workers} workers of {lim.memory_mb} MiB; Ctrl-C stops it", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # kill/systemd stop: clean up like Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0
