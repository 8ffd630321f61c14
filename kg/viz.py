"""``kg viz``: an HTML page of part of the graph, around one name or one report.

The whole-graph page gets crowded past a few thousand nodes; a reader usually asks about one place,
one enterprise or one report. The graph comes from the node-link JSON the build writes
(``output/graph.json``, exporter ``nodelink``), so no text is read again.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path, PurePath

import networkx as nx

DEFAULT_GRAPH = Path("output/graph.json")
DEFAULT_OUT = Path("output/viz.html")
FULL_EVIDENCE_MAX = 3000  # entities a page may fetch every mention of from the store (a focused page)


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read the node-link JSON written by the ``nodelink`` exporter."""
    from kg.export.nodelink import from_data

    with open(path, encoding="utf-8") as fh:
        return from_data(json.load(fh))


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold().replace(" ", "")


def _names(d: dict) -> list[str]:
    return [str(d.get("label") or "")] + [str(a) for a in d.get("aliases") or []]


def find_entities(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Entities called ``name`` (label or alias); if none, those whose names contain it; else ids.

    Most mentioned first: a page focuses the first, as a reader typing 达拉特 means 达拉特旗.
    """
    q = _norm(name)
    ents = sorted(((n, d) for n, d in g.nodes(data=True) if d.get("kind") == "entity"),
                  key=lambda nd: (-len(nd[1].get("evidence") or []), len(str(nd[1].get("label"))), nd[0]))
    exact = [n for n, d in ents if any(_norm(x) == q for x in _names(d))]
    if exact:
        return exact
    partial = [n for n, d in ents if any(q in _norm(x) for x in _names(d) if x)]
    return partial or [n for n, _ in ents if n == name]


def find_reports(g: nx.MultiDiGraph, report: str) -> list[str]:
    """Report nodes ``report`` names: a source path, file name, stem or id; else a title; else a place
    (the report's own place, by the name its heading gives or the place entity's label or alias),
    optionally followed by a year (``科左后旗 2020``); else the titles or places that contain it.

    Several matches are returned as they are: the caller decides whether that is ambiguous.
    """
    stem = PurePath(report).stem
    reps = {n: d for n, d in g.nodes(data=True) if d.get("kind") == "report"}
    out = []
    for n, d in reps.items():
        src = str(d.get("source") or "")
        if report in (src, n) or PurePath(src).name == report or PurePath(src).stem == stem:
            out.append(n)
    if out:
        return out
    q = _norm(report)
    by_title = [n for n, d in reps.items() if _norm(str(d.get("label") or "")) == q]
    if by_title:
        return by_title
    m = re.fullmatch(r"(.+?)\s*((?:19|20)\d\d)年?", report.strip())
    place, year = (_norm(m.group(1)), int(m.group(2))) if m else (q, None)

    def places(d: dict) -> list[str]:
        names = [str(d.get("place_name") or "")]
        if d.get("place") in g:
            names += _names(g.nodes[d["place"]])
        return [_norm(x) for x in names if x]

    def year_ok(d: dict) -> bool:
        return year is None or d.get("year") == year

    exact = [n for n, d in reps.items() if place in places(d) and year_ok(d)]
    if exact:
        return sorted(exact, key=lambda n: (reps[n].get("year") or 0, n))
    partial = [n for n, d in reps.items() if year_ok(d) and (
        any(place in x for x in places(d)) or q in _norm(str(d.get("label") or "")))]
    return sorted(partial, key=lambda n: (reps[n].get("year") or 0, n))


def describe_report(g: nx.MultiDiGraph, n: str) -> str:
    """One report for a message: its title and file (``2020年科左后旗人民政府工作报告 (000_….txt)``)."""
    d = g.nodes[n]
    return f"{d.get('label') or n} ({d.get('source') or n})"


def pick_report(g: nx.MultiDiGraph, report: str) -> str:
    """The one report ``report`` names; ValueError (one line, listing candidates) when it names
    none or several."""
    found = find_reports(g, report)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(describe_report(g, n) for n in found[:8]) + (" …" if len(found) > 8 else "")
        raise ValueError(f"{len(found)} reports match {report!r}: {listed}; give a file name, a title or "
                         f"a place and year")
    known = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "report"),
                   key=lambda n: (g.nodes[n].get("year") or 0, n))
    listed = "; ".join(describe_report(g, n) for n in known[:8]) + (" …" if len(known) > 8 else "")
    raise ValueError(f"no report matches {report!r} (file, title or place); reports: {listed or 'none'}")


def _neighbours(g: nx.MultiDiGraph, comention: bool) -> dict[str, set[str]]:
    """Entity adjacency: extracted relations, plus mentions in one sentence of one report."""
    adj: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("kind") == "relation":
            adj[u].add(v)
            adj[v].add(u)
    if comention:
        together: dict[tuple[str, str], set[str]] = defaultdict(set)
        for n, d in g.nodes(data=True):
            if d.get("kind") == "entity":
                for ev in d.get("evidence") or []:
                    together[(ev.get("report"), ev.get("sentence"))].add(n)
        for group in together.values():
            if len(group) <= 30:  # long enumerations would tie everything to everything
                for n in group:
                    adj[n] |= group - {n}
    return adj


def subgraph(g: nx.MultiDiGraph, focus: str | None = None, depth: int = 1, report: str | None = None,
             comention: bool = True) -> nx.MultiDiGraph:
    """The part of ``g`` within ``depth`` steps of ``focus``, restricted to ``report`` if given.

    Steps follow extracted relations and (``comention``) shared sentences. The reports that mention
    the kept entities come along, with the observations of kept places and reports.
    Raises ValueError when the focus or report matches nothing.
    """
    keep: set[str]
    if report is not None:
        reps = [pick_report(g, report)]
        keep = set(reps) | {n for n, d in g.nodes(data=True)
                            if d.get("kind") == "entity" and set(d.get("reports") or []) & set(reps)}
        g = g.subgraph(keep | {n for n, d in g.nodes(data=True)
                               if d.get("kind") == "observation" and d.get("report") in reps})
    if focus is not None:
        seeds = find_entities(g, focus)
        if not seeds:
            raise ValueError(f"no entity is called {focus!r} (label or alias)")
        adj = _neighbours(g, comention)
        reached, frontier = set(seeds), set(seeds)
        for _ in range(max(0, depth)):
            frontier = {m for n in frontier for m in adj.get(n, ())} - reached
            reached |= frontier
        reports = {r for n in reached for r in g.nodes[n].get("reports") or [] if r in g}
        obs = {n for n, d in g.nodes(data=True) if d.get("kind") == "observation"
               and (d.get("area") in reached or d.get("report") in reports)}
        g = g.subgraph(reached | reports | obs)
    return nx.MultiDiGraph(g.copy())


def page_title(sub: nx.MultiDiGraph, focus: str | None, depth: int, report: str | None) -> str:
    """A title a reader recognises: the report's place, year and 政府工作报告 (not its file stem),
    with the focus name and depth when there is one."""
    from kg.export.html_payload import report_title

    head = ""
    if report is not None:
        n = next((n for n, d in sub.nodes(data=True) if d.get("kind") == "report"), None)
        if n is not None:
            d = sub.nodes[n]
            head = report_title({"id": n, "l": d.get("label"), "pn": d.get("place_name"), "y": d.get("year")})
    if focus:
        where = f"「{focus}」 {depth} 步内"
        return f"{where} · {head}" if head else f"{where} · 政府工作报告知识图谱"
    return f"{head} · 知识图谱"


def full_evidence(sub: nx.MultiDiGraph, store: Path) -> int:
    """Give each entity of ``sub`` every mention the Oxigraph store holds in ``sub``'s reports.

    Why: the graph keeps a sample of evidence per entity and report (kg.link.SAMPLE), the first
    sentences, which are often the heading lines; the store has every mention. Only for pages of
    at most FULL_EVIDENCE_MAX entities (a focus or a report). Returns how many entities gained
    evidence; raises OSError/RuntimeError-like errors of the store to the caller.
    """
    import pyoxigraph as ox

    from kg.export.rdf import node_iri
    from kg.vocab import ID, KG, PROV

    ents = [n for n, d in sub.nodes(data=True) if d.get("kind") == "entity"]
    if not ents or len(ents) > FULL_EVIDENCE_MAX:
        return 0
    sources = {node_iri(n): str(d.get("source")) for n, d in sub.nodes(data=True) if d.get("kind") == "report"}
    values = " ".join(f"<{node_iri(n)}>" for n in ents)
    query = (f"SELECT ?node ?report ?surface ?start ?end ?sentence WHERE {{ VALUES ?node {{ {values} }} "
             f"?m <{KG}mentionOf> ?node ; <{PROV}wasDerivedFrom> ?report ; <{KG}surface> ?surface ; "
             f"<{KG}sentence> ?sentence ; <{KG}startOffset> ?start ; <{KG}endOffset> ?end . }}")
    found: dict[str, list[dict]] = defaultdict(list)
    db = ox.Store.read_only(str(store))
    for row in db.query(query, use_default_graph_as_union=True):
        src = sources.get(row["report"].value)
        if src is None:
            continue
        found[row["node"].value.removeprefix(str(ID))].append(
            {"report": src, "sentence": row["sentence"].value, "start": int(row["start"].value),
             "end": int(row["end"].value), "surface": row["surface"].value})
    gained = 0
    here = set(sources.values())
    for n, evs in found.items():
        old = sub.nodes[n].get("evidence") or [] if n in sub else []
        if n in sub and len(evs) > sum(1 for e in old if e.get("report") in here):
            rest = [e for e in old if e.get("report") not in here]  # reports this page does not show
            sub.nodes[n]["evidence"] = sorted(evs, key=lambda e: (e["report"], e["start"], e["end"])) + rest
            gained += 1
    return gained


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``kg viz`` on the CLI's subparsers."""
    p = subparsers.add_parser(
        "viz", help="write an HTML page of the graph or of part of it",
        description="Interactive HTML page of the built graph (reads the node-link JSON the build writes).")
    p.add_argument("--graph", type=Path, default=DEFAULT_GRAPH,
                   help=f"node-link JSON written by the build (default: {DEFAULT_GRAPH})")
    p.add_argument("--focus", metavar="NAME",
                   help="centre on this entity (label or alias; partial names work)")
    p.add_argument("--depth", type=int, default=1, help="steps around --focus (default: 1)")
    p.add_argument("--report", metavar="REPORT",
                   help="only what this report mentions: its file (path, name or stem), title or "
                        "place (科左后旗, or 科左后旗 2020 when the place has several)")
    p.add_argument("--max-nodes", type=int, default=5000, help="cap on nodes drawn (default: 5000)")
    p.add_argument("--title", help="page title")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT,
                   help=f"output page (default: {DEFAULT_OUT})")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Write the page; 2 on a missing graph or a focus/report that matches nothing."""
    from kg.export import html

    try:
        g = load_graph(args.graph)
    except FileNotFoundError:
        print(f"kg viz: {args.graph} not found; run the build first (it writes the node-link JSON)",
              file=sys.stderr)
        return 2
    try:
        sub = subgraph(g, focus=args.focus, depth=args.depth, report=args.report)
    except ValueError as exc:
        print(f"kg viz: {exc}", file=sys.stderr)
        return 2
    store = args.graph.with_name("graph.oxigraph")
    if (args.focus or args.report) and store.is_dir():
        try:
            full_evidence(sub, store)
        except (OSError, ValueError, SyntaxError, RuntimeError) as exc:  # the page still has the sample
            print(f"kg viz: {store}: could not read every mention ({exc}); the page shows the graph's sample",
                  file=sys.stderr)
    focus = find_entities(sub, args.focus) if args.focus else []
    title = args.title
    if title is None and (args.focus or args.report):
        title = page_title(sub, args.focus, args.depth, args.report)
    html.write(sub, args.output, title=title, max_nodes=args.max_nodes, focus=focus)
    ents = sum(1 for _, d in sub.nodes(data=True) if d.get("kind") == "entity")
    if len(focus) > 1:
        names = "、".join(str(sub.nodes[n].get("label")) for n in focus[:8])
        print(f"kg viz: {len(focus)} entities match {args.focus!r}: {names}{' …' if len(focus) > 8 else ''}")
    print(f"{args.output}: {ents} entities, {sub.number_of_edges()} edges")
    return 0
