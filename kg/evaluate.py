"""Score a built graph against hand annotations: `kg score GOLD_DIR`.

Users who annotate a few of their own reports want to know how far to trust the rest, and at which
``--min-confidence`` the graph is precise enough for them. This reads gold files in the format of
the project's evaluation set (one JSON per report: ``doc``, ``report`` {place, year}, ``entities``
[{type, name, aliases, alt_types}], ``relations`` [{head, rel, tail}]) and counts as that scorer
does: an entity once per report, a prediction right when a gold entity of a compatible type shares
one of its normalised labels, a relation found when some node of each name is linked by it.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TYPES = ("Place", "Enterprise", "Project", "Policy", "Slogan")
RELS = ("partOf", "locatedIn", "undertakes", "implements")
_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』、·・，,（）()]")
_DROP = ("Co", "Cf", "Cc")


def split_of(stem: str) -> str:
    """The part of the project's own dev gold (tests/data/gold) a report belongs to: national
    (the State Council's), check (002, excerpts 21-29: only totals are read) or tune (the rest)."""
    if stem.endswith("_guowuyuan"):
        return "national"
    if stem.startswith("002_") or re.match(r"2[1-9]_", stem):
        return "check"
    return "tune"


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and the problem."""


def norm(s: object) -> str:
    """The label form both sides are compared in (NFKC, no spaces, quotes, brackets or 、)."""
    s = unicodedata.normalize("NFKC", str(s))
    return _STRIP.sub("", "".join(c for c in s if unicodedata.category(c) not in _DROP))


def _local(term: object) -> str:
    return re.split(r"[#/]", str(term))[-1]


def load_gold(path: Path) -> dict[str, Any]:
    """One gold file, checked for the fields scoring needs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable JSON gold file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("doc"), str):
        raise GoldError(f"{path}: a gold file is a JSON object with a 'doc' file name")
    ents = data.get("entities", [])
    if not isinstance(ents, list) or not all(isinstance(e, dict) and "type" in e and "name" in e for e in ents):
        raise GoldError(f"{path}: 'entities' must be a list of objects with 'type' and 'name'")
    rels = data.get("relations", [])
    if not isinstance(rels, list) or not all(isinstance(r, dict) and {"head", "rel", "tail"} <= r.keys()
                                             for r in rels):
        raise GoldError(f"{path}: 'relations' must be a list of objects with 'head', 'rel' and 'tail'")
    return data


@dataclass
class Score:
    """Counts behind precision and recall; per type keyed by the type's name."""

    gold: collections.Counter = field(default_factory=collections.Counter)
    gold_hit: collections.Counter = field(default_factory=collections.Counter)
    pred: collections.Counter = field(default_factory=collections.Counter)
    pred_hit: collections.Counter = field(default_factory=collections.Counter)
    rel: collections.Counter = field(default_factory=collections.Counter)
    rel_hit: collections.Counter = field(default_factory=collections.Counter)
    meta: int = 0
    meta_hit: int = 0
    missing: list[str] = field(default_factory=list)

    def prf(self, t: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one type, or of all types when ``t`` is None."""
        ph = self.pred_hit[t] if t else sum(self.pred_hit.values())
        pn = self.pred[t] if t else sum(self.pred.values())
        gh = self.gold_hit[t] if t else sum(self.gold_hit.values())
        gn = self.gold[t] if t else sum(self.gold.values())
        p, r = ph / max(1, pn), gh / max(1, gn)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def relation_recall(self) -> float:
        return sum(self.rel_hit.values()) / max(1, sum(self.rel.values()))


class _View:
    """What scoring needs from the graph, read once."""

    def __init__(self, g: Any) -> None:
        from rdflib import RDF, RDFS, SKOS

        self.types: dict[Any, set[str]] = collections.defaultdict(set)
        for s, o in g.subject_objects(RDF.type):
            self.types[s].add(_local(o))
        self.labels: dict[Any, set[str]] = collections.defaultdict(set)
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for s, o in g.subject_objects(p):
                self.labels[s].add(norm(o))
        self.conf: dict[Any, float] = {}
        self.props: dict[str, list[tuple[Any, Any]]] = collections.defaultdict(list)
        for s, p, o in g:
            name = _local(p)
            if name == "confidence":
                self.conf[s] = float(o)
            elif name in RELS or name in ("sourceFile", "mentions", "mentionedIn", "year", "place"):
                self.props[name].append((s, o))
        self.reports = {Path(str(o)).name: s for s, o in self.props["sourceFile"] if "Report" in self.types[s]}
        self.mentions: dict[Any, set[Any]] = collections.defaultdict(set)
        for s, o in self.props["mentions"]:
            self.mentions[s].add(o)
        for s, o in self.props["mentionedIn"]:
            self.mentions[o].add(s)


def score_graph(g: Any, golds: list[dict[str, Any]], min_confidence: float = 0.0,
                view: _View | None = None) -> Score:
    """Score an rdflib graph (or a view of one already read) against gold reports."""
    v = view or _View(g)
    sc = Score()
    links = {r: {(s, o) for s, o in v.props[r]} for r in RELS}
    for gold in golds:
        rep = v.reports.get(Path(gold["doc"]).name)
        if rep is None:
            sc.missing.append(gold["doc"])
        pred = []
        for e in v.mentions.get(rep, ()):
            ts, ls = v.types[e] & set(TYPES), v.labels[e]
            if ts and ls and v.conf.get(e, 1.0) >= min_confidence:
                pred.append((e, ts, ls))
        forms = [({ge["type"], *ge.get("alt_types", [])}, {norm(ge["name"]), *map(norm, ge.get("aliases", []))},
                  ge["type"]) for ge in gold["entities"]]
        for ok, fs, t in forms:
            sc.gold[t] += 1
            sc.gold_hit[t] += any(ts & ok and ls & fs for _, ts, ls in pred)
        for _, ts, ls in pred:
            t = sorted(ts)[0]
            sc.pred[t] += 1
            sc.pred_hit[t] += any(ts & ok and ls & fs for ok, fs, _ in forms)
        by_label: dict[str, set[Any]] = collections.defaultdict(set)
        for e, _, ls in pred:
            for lab in ls:
                by_label[lab].add(e)
        for gr in gold.get("relations", []):
            if gr["rel"] in RELS:
                sc.rel[gr["rel"]] += 1
                sc.rel_hit[gr["rel"]] += any((h, t) in links[gr["rel"]] for h in by_label[norm(gr["head"])]
                                             for t in by_label[norm(gr["tail"])])
        _score_meta(sc, v, rep, gold.get("report") or {})
    return sc


def _score_meta(sc: Score, v: _View, rep: Any, meta: dict[str, Any]) -> None:
    from rdflib import Literal

    if meta.get("year"):
        sc.meta += 1
        sc.meta_hit += str(meta["year"]) in {str(o)[:4] for s, o in v.props["year"] if s == rep}
    if meta.get("place"):
        sc.meta += 1
        want = norm(meta["place"])
        sc.meta_hit += any(want in v.labels[o] or (isinstance(o, Literal) and norm(o) == want)
                           for s, o in v.props["place"] if s == rep)


def report(sc: Score, thresholds: dict[float, Score] | None = None) -> str:
    """A plain-text table: each type's P/R/F1, relation recall, metadata, then precision by threshold."""
    lines = [f"{'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for t in (*TYPES, None):
        p, r, f = sc.prf(t)
        gn = sc.gold[t] if t else sum(sc.gold.values())
        pn = sc.pred[t] if t else sum(sc.pred.values())
        lines.append(f"{t or 'ALL':<12}{p:7.3f}{r:7.3f}{f:7.3f}{gn:7d}{pn:7d}")
    rels = ", ".join(f"{r} {sc.rel_hit[r]}/{sc.rel[r]}" for r in RELS if sc.rel[r])
    lines.append(f"relations recall {sc.relation_recall():.3f} ({rels or 'no gold relations'})")
    lines.append(f"report place and year {sc.meta_hit}/{sc.meta}")
    if sc.missing:
        lines.append(f"not in the graph: {', '.join(sc.missing)}")
    if thresholds:
        lines.append("")
        lines.append("precision (kept) at a minimum confidence")
        lines.append(f"{'min':<6}" + "".join(f"{t:>13}" for t in TYPES) + f"{'ALL P / R':>15}")
        for x, s in sorted(thresholds.items()):
            cells = "".join(f"{s.prf(t)[0]:>7.3f} ({s.pred[t]:>3d})" for t in TYPES)
            p, r, _ = s.prf()
            lines.append(f"{x:<6.2f}{cells}{p:>9.3f} / {r:.3f}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from rdflib import Graph

    golds = []
    paths = sorted(Path(args.gold).glob("*.json")) if Path(args.gold).is_dir() else [Path(args.gold)]
    for p in paths:
        try:
            golds.append(load_gold(p))
        except GoldError as exc:
            print(f"kg score: {exc}", file=sys.stderr)
    if not golds:
        print(f"kg score: {args.gold}: no readable gold files", file=sys.stderr)
        return 2
    g = Graph()
    try:
        g.parse(args.graph, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        print(f"kg score: {args.graph}: cannot read the graph ({str(exc).splitlines()[0]})", file=sys.stderr)
        return 2
    view = _View(g)
    base = score_graph(g, golds, view=view)
    levels = {x: score_graph(g, golds, x, view) for x in args.thresholds} if args.thresholds else None
    print(report(base, levels))
    return 0


def _levels(text: str) -> list[float]:
    try:
        xs = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if any(not 0 <= x <= 1 for x in xs):
        raise argparse.ArgumentTypeError("confidence levels lie between 0 and 1")
    return xs


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "score", help="score the built graph against hand-annotated gold files",
        description="Precision, recall and F1 per entity type, relation recall and report metadata "
                    "of a built Turtle graph against gold JSON files (one per report), and the "
                    "precision each --min-confidence would give.")
    p.add_argument("gold", help="a gold JSON file or a folder of them")
    p.add_argument("--graph", default="output/graph.ttl", help="Turtle graph to score (default: %(default)s)")
    p.add_argument("--thresholds", type=_levels, default=_levels("0,0.5,0.7,0.9"), metavar="X,Y,...",
                   help="confidence levels to report precision at (default: 0,0.5,0.7,0.9; '' for none)")
    p.set_defaults(func=run)
    return p


__all__ = ["GoldError", "Score", "TYPES", "RELS", "load_gold", "norm", "report", "score_graph", "split_of"]
