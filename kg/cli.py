"""The `kg` command: thin wrappers that parse arguments, call the pipeline and print a summary.

Subcommands other than `build` live in their own modules and register themselves through an
``add_parser(subparsers)`` function listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from kg import __version__

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "output"
COMMANDS = ("kg.viz",)  # modules with add_parser(subparsers); missing optional ones are skipped


def _add_build(sub: argparse._SubParsersAction) -> None:
    from kg.pipeline import DEFAULT_FORMATS

    p = sub.add_parser("build", help="read reports and write the knowledge graph",
                       description="Read reports (files or folders, recursively) and write the graph.")
    p.add_argument("paths", nargs="*", default=[DEFAULT_INPUT], help=f"files or folders (default: {DEFAULT_INPUT}/)")
    p.add_argument("-o", "--output", default=DEFAULT_OUTPUT, help=f"output folder (default: {DEFAULT_OUTPUT}/)")
    p.add_argument("--segmenter", default="jieba", choices=("jieba", "jieba-pos", "pkuseg"),
                   help="word segmenter (pkuseg needs `python -m kg.models fetch-pkuseg` first)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="drop entities and relations whose confidence is below X (0..1)")
    p.add_argument("--format", dest="formats", action="append", metavar="NAME",
                   help=f"output format, repeatable (default: {', '.join(DEFAULT_FORMATS)})")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from kg import graph as kgraph
    from kg.pipeline import Settings, build

    settings = Settings(segmenter=args.segmenter, min_confidence=args.min_confidence)
    if args.formats:
        settings.formats = tuple(args.formats)
    try:
        res = build(args.paths, args.output, settings)
    except KeyError as exc:
        print(f"kg: {exc.args[0]}", file=sys.stderr)
        return 2
    for line in res.skipped:
        print(f"kg: skipped {line}", file=sys.stderr)
    if not args.quiet:
        s = kgraph.summary(res.graph)
        print(f"reports read: {s['reports']}" + (f" (skipped {len(res.skipped)})" if res.skipped else ""))
        print("entities: " + ", ".join(f"{k} {v}" for k, v in s["entities"].items()) +
              f" (total {sum(s['entities'].values())})")
        print("relations: " + (", ".join(f"{k} {v}" for k, v in s["relations"].items()) or "none"))
        print(f"figures: {s['observations']}")
        for p in res.outputs:
            print(f"wrote {p}")
        print(f"time: {res.timings['total']:.2f} s (read {res.timings['read']:.2f}, extract "
              f"{res.timings['extract']:.2f}, link {res.timings['link+graph']:.2f}, export {res.timings['export']:.2f})")
    if not res.documents:
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


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "parser", "Path"]
