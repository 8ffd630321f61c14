"""The `kg` command: thin wrappers that parse arguments, call the pipeline and print a summary.

Subcommands other than `build` live in their own modules and register themselves through an
``add_parser(subparsers)`` function listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kg import __version__

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "output"
COMMANDS = (
    "kg.viz", "kg.query", "kg.serve", "kg.evaluate",
)  # modules with add_parser(subparsers); missing optional ones are skipped


def _add_build(sub: argparse._SubParsersAction) -> None:
    from kg.parallel import EXECUTORS
    from kg.settings import DEFAULT_FORMATS

    p = sub.add_parser("build", help="read reports and write the knowledge graph",
                       description="Read reports (files or folders, recursively: .txt in UTF-8/GBK/UTF-16, "
                                   ".html, .docx, .pdf) and write the graph.")
    p.add_argument("paths", nargs="*", default=[DEFAULT_INPUT],
                   help=f"files or folders (default: {DEFAULT_INPUT}/)")
    p.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                   help=f"output folder (default: {DEFAULT_OUTPUT}/)")
    p.add_argument("--segmenter", default="jieba", choices=("jieba", "jieba-pos", "pkuseg"),
                   help="word segmenter (pkuseg needs `python -m kg.models fetch-pkuseg` first)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="drop entities and relations whose confidence is below X (0..1)")
    p.add_argument("--format", dest="formats", action="append", metavar="NAME",
                   help=f"output format, repeatable (default: {', '.join(DEFAULT_FORMATS)})")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="extract in N worker processes (0: one per CPU; default 1)")
    p.add_argument("--executor", default="auto", choices=EXECUTORS,
                   help="where extraction runs: auto (a process pool when --jobs > 1), serial, process, or "
                        "dask (a local Dask cluster on 127.0.0.1, or $KG_DASK_SCHEDULER; needs kg-gwr[dask])")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="read no extraction cache entry, re-read every report and rewrite its entries")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="extraction cache folder (default: $KG_CACHE_DIR or ~/.cache/kg-gwr/extract)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print nothing but errors (and no progress bar)")
    p.set_defaults(func=_run_build)


class _Bar:
    """A tqdm progress bar on stderr, made only when the build knows how many files it has."""

    def __init__(self) -> None:
        self.bar = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes can then be forked safely
        self.bar = tqdm(total=total, unit="report", desc="extract", file=sys.stderr, leave=False,
                        dynamic_ncols=True)

    def __call__(self, source: str) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _say(line: str) -> None:
    """One line on stderr, names from the file system or documents escaped (kg.read.printable)."""
    from kg.read import printable

    print(f"kg: {printable(line)}", file=sys.stderr, flush=True)


def _run_build(args: argparse.Namespace) -> int:
    from kg import graph as kgraph
    from kg.export.folder import OutputError
    from kg.pipeline import Settings, build
    from kg.read import printable

    if args.jobs < 0:
        print("kg: --jobs must be 0 (one per CPU) or more", file=sys.stderr)
        return 2
    settings = Settings(segmenter=args.segmenter, min_confidence=args.min_confidence, jobs=args.jobs,
                        executor=args.executor, cache=True, refresh=not args.cache, cache_dir=args.cache_dir)
    if args.formats:
        settings.formats = tuple(args.formats)
    bar = _Bar() if not args.quiet and sys.stderr.isatty() else None
    try:
        res = build(args.paths, args.output, settings, bar, say=_say)
    except KeyError as exc:
        _say(exc.args[0])
        return 2
    except OutputError as exc:
        _say(str(exc))
        return 2
    except KeyboardInterrupt:
        _say("interrupted; the outputs are as they were")
        return 130
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        s = kgraph.summary(res.graph)
        print(f"reports read: {s['reports']}" + (f" (skipped {len(res.skipped)})" if res.skipped else "") +
              (f", {res.cached} from cache" if res.cached else ""))
        print("entities: " + ", ".join(f"{k} {v}" for k, v in s["entities"].items()) +
              f" (total {sum(s['entities'].values())})")
        print("relations: " + (", ".join(f"{k} {v}" for k, v in s["relations"].items()) or "none"))
        print(f"figures: {s['observations']}")
        for p in res.outputs:
            print(f"wrote {printable(str(p))}")
        t = res.timings
        print(f"time: {t['total']:.2f} s (read {t['read']:.2f}, extract {t['extract']:.2f}, "
              f"link {t['link+graph']:.2f}, export {t['export']:.2f})")
    if res.skipped:
        _say(f"skipped {len(res.skipped)} input(s):")
        for line in res.skipped:
            _say(f"skipped {line}")
    if not res.documents:
        _say("no report could be read")
        return 1
    return 1 if res.skipped else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese government work reports.")
    ap.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    _add_build(sub)
    for mod in COMMANDS:
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name == mod:
                continue
            raise
        m.add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    return int(args.func(args) or 0)


def entry() -> None:
    """The `kg` command: main, then exit without tearing the heap down object by object.

    Every output is complete, synced and renamed into place before main returns; what is left is
    freeing a large build's millions of objects one at a time, a second of waiting at 1,000
    reports for nothing. Tests and library callers use ``main``, which returns normally.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()


__all__ = ["main", "parser"]
