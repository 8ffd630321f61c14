"""A single self-contained HTML page for exploring the graph: the product's main face.

vis-network (the library pyvis drives) is read from pyvis's installed package and inlined with our own
template, scripts and style, so the page works opened from disk with no network at all. vis keeps the
view, clicks and hit tests; html_render.js draws on its canvas in batches (one path per colour, an edge
budget, fixed-size labels, the last still frame reused while the view moves), which keeps a page of
5,000 nodes and 20,000 lines fluid under software rendering where vis's own drawing took 0.3–2 s a
frame. The node and edge lists are built here as JSON (pyvis's ``add_node`` scans lists and takes
minutes at 20,000 nodes) and positions are computed ahead of time (one cluster per report once there
are many), so the browser starts with physics off.

Everything that came from a document travels as JSON inside ``<script type="application/json">`` with
``<``, ``>``, ``&`` and U+2028/2029 escaped, and the page script renders it with ``textContent`` only.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import orjson
from markupsafe import Markup

from kg.atomic import atomic_write
from kg.export import register
from kg.export.html_payload import entity_names, is_heading_line, name_span, page_title, pair_spans, parents
from kg.export.layout import clustered, layout, read_positions, write_positions

#: entity type → (Chinese name, colour); colours are the Okabe–Ito palette, safe for colour-blind readers.
TYPES: dict[str, tuple[str, str]] = {
    "Place": ("地点", "#0072B2"),
    "Enterprise": ("企业", "#D55E00"),
    "Project": ("项目", "#009E73"),
    "Policy": ("政策", "#CC79A7"),
    "Slogan": ("提法", "#E69F00"),
    "Report": ("报告", "#4B5563"),
}
RELATIONS: dict[str, str] = {
    "partOf": "隶属",
    "locatedIn": "位于",
    "undertakes": "承担",
    "implements": "实施",
    "relatedTo": "相关",
}
FONT_STACK = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif'
MAX_NODES = 5000
COMENTION_SHOWN_LIMIT = 400  # more co-mention edges than this start hidden (still one click away)
MENTIONS_SHOWN_LIMIT = 3000  # more report → entity edges than this start hidden, and are thinned
MENTIONS_PER_REPORT = 25  # report → entity edges kept per report when thinned
PER_SENTENCE_LIMIT = 30  # a sentence listing 100 places would make 4,950 pairs: keep its 30 main ones
EVIDENCE_LIMIT = 60  # evidence sentences carried per node or edge; the panel says how many there are
OMITTED_NAMED = 20
CLUSTER_REPORTS = 12  # from this many reports on, the layout starts from one cluster per report
_ASSETS = ("html_template.html", "html_chart.js", "html_panel.js", "html_render.js", "html_focus.js",
           "html_search.js", "html_export.js", "html_app.js", "html_style.css")


_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SLOT = "@@kg-page-data-slot@@"  # where the data goes in the rendered frame


def json_for_script(obj: Any) -> str:
    """JSON that cannot end its ``<script>`` element early nor break a JavaScript parser."""
    return json_bytes_for_script(obj).decode("utf-8")


def json_bytes_for_script(obj: Any) -> bytes:
    """``json_for_script`` as UTF-8, escaped on the bytes (no character of these is part of
    another's encoding), so a 15 MB page's data is never held as text as well."""
    data = orjson.dumps(obj)  # several times json.dumps's speed on a 15 MB page
    for ch, esc in _ESCAPES:
        data = data.replace(ch.encode("utf-8"), esc.encode("ascii"))
    return data


def _num(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return round(f, 4) if math.isfinite(f) else None


def _importance(g: nx.MultiDiGraph) -> dict[str, float]:
    """How much a node matters: mentions plus twice its extracted relations (reports: entities named)."""
    score: Counter[str] = Counter()
    for n, d in g.nodes(data=True):
        if d.get("kind") == "entity":
            score[n] += d.get("mentions") or len(d.get("evidence") or []) or 1
    for u, v, d in g.edges(data=True):
        kind = d.get("kind")
        if kind == "relation":
            score[u] += 2
            score[v] += 2
        elif kind == "mentions":
            score[u] += 1
    return score


def _select(g: nx.MultiDiGraph, max_nodes: int) -> tuple[list[str], list[str], dict[str, float]]:
    """Nodes drawn (reports first, then entities by importance) and those left out, most important first."""
    imp = _importance(g)
    reports = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "report"),
                     key=lambda n: (g.nodes[n].get("year") or 0, n))
    ents = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "entity"),
                  key=lambda n: (-imp[n], g.nodes[n].get("label", ""), n))
    room = max(0, max_nodes - len(reports))
    if len(reports) > max_nodes:
        reports = sorted(reports, key=lambda n: -imp[n])[:max_nodes]
    return reports + ents[:room], ents[room:], imp


def _mentions_shown(g: nx.MultiDiGraph, index: dict[str, int], imp: dict[str, float]) -> set | None:
    """Report → entity edges to draw: all of them (None) up to MENTIONS_SHOWN_LIMIT, else each
    report's MENTIONS_PER_REPORT most named entities. A thousand reports name 150,000 pairs, which
    no reader follows as lines; who mentions a node stays in its panel either way."""
    per: dict[str, list[tuple[int, float, str]]] = defaultdict(list)
    total = 0
    reports = [n for n, d in g.nodes(data=True) if d.get("kind") == "report" and n in index]
    for u, v, key, m in g.out_edges(reports, keys=True, data=True):
        if key == "mentions" and v in index:
            per[u].append((int(m.get("count") or 1), imp.get(v, 0.0), v))
            total += 1
    if total <= MENTIONS_SHOWN_LIMIT:
        return None
    return {(u, v) for u, items in per.items() for _, _, v in sorted(items, reverse=True)[:MENTIONS_PER_REPORT]}


def page_data(g: nx.MultiDiGraph, max_nodes: int = MAX_NODES, comention: bool | None = None,
              mentions: bool | None = None, focus: list[str] | None = None, seed: int = 0,
              previous: dict[str, tuple[float, float]] | None = None) -> dict:
    """Everything the page script needs, as plain JSON-able data (compact keys, documented in html_app.js).

    Evidence (html_panel.js reads it): a node's ``e`` is ``[[sentence, start, end]]`` with the name's
    UTF-16 span (``[sentence]`` if not found), a relation's ``[[sentence, hs, he, ts, te]]`` with both
    names' spans (-1 for one the sentence lacks), a co-mention's ``[[sentence, ""]]``; heading lines
    are left out. ``nm`` is the bare name of a node whose label ``l`` adds its parent place.
    """
    keep, omitted, imp = _select(g, max_nodes)
    index = {n: i for i, n in enumerate(keep)}
    report_ids = [n for n in keep if g.nodes[n].get("kind") == "report"]
    rindex = {n: i for i, n in enumerate(report_ids)}
    by_source = {g.nodes[n].get("source"): i for n, i in rindex.items()}
    sentences: list[list] = []
    sindex: dict[tuple[int, str], int] = {}

    titles = frozenset(str(g.nodes[n].get("label") or "") for n in report_ids)
    heading: dict[str, bool] = {}

    def sent(ev: dict, skip_headings: bool = True) -> int | None:
        ri = by_source.get(ev.get("report"))
        text = str(ev.get("sentence") or "")
        if ri is None or not text:
            return None
        if skip_headings:
            if text not in heading:
                heading[text] = is_heading_line(text, titles)
            if heading[text]:
                return None
        key = (ri, text)
        if key not in sindex:
            sindex[key] = len(sentences)
            sentences.append([ri, text])
        return sindex[key]

    names: dict[str, list[str]] = {}

    def names_of(n: str) -> list[str]:
        if n not in names:
            names[n] = entity_names(g.nodes[n])
        return names[n]

    def evidence(evs: list[dict], n: str) -> list[list]:
        """[sentence, start, end] of each mention, heading lines left out (UTF-16 offsets of the name)."""
        out: list[list] = []
        for ev in evs:
            si = sent(ev)
            if si is None or len(out) >= EVIDENCE_LIMIT:
                continue
            surface = str(ev.get("surface") or "")
            span = name_span(sentences[si][1], [surface] if surface else names_of(n)) or \
                name_span(sentences[si][1], names_of(n))
            out.append([si, *span] if span else [si])
        return out

    def rel_evidence(evs: list[dict], u: str, v: str) -> list[list]:
        """[sentence, head start, head end, tail start, tail end] (-1 where a name is not in it)."""
        out: list[list] = []
        for ev in evs:
            si = sent(ev)
            if si is None or len(out) >= EVIDENCE_LIMIT:
                continue
            h, t = pair_spans(sentences[si][1], names_of(u), names_of(v))
            out.append([si, *(h or (-1, -1)), *(t or (-1, -1))])
        return out

    obs_by: dict[str, list[dict]] = defaultdict(list)
    for _, d in g.nodes(data=True):
        if d.get("kind") == "observation":
            ev = d.get("evidence") or {}
            o = {"i": d.get("indicator"), "v": _num(d.get("value")), "u": d.get("unit"), "y": d.get("year"),
                 "g": _num(d.get("growth_pct")), "s": sent(ev, False) if isinstance(ev, dict) else None}
            if d.get("target"):  # a 预期目标: the panel's chart draws it as a band against the outcomes
                o.update(tg=1, lo=_num(d.get("lower")), hi=_num(d.get("upper")), q=d.get("qualifier"),
                         ns=bool(d.get("not_set")))
            if d.get("basis") == "period":
                o["b"] = "p"
            for owner in (d.get("area"), d.get("report")):
                if owner in index:
                    obs_by[owner].append(o)

    nodes: list[dict] = []
    in_sentence: dict[int, list[int]] = defaultdict(list)
    named = parents(g, keep)
    for n in keep:
        d = g.nodes[n]
        w = imp[n]
        rec: dict[str, Any] = {"id": n, "l": str(d.get("label") or n), "w": w, "v": round(math.sqrt(w), 3)}
        if n in named:  # a name other nodes of its type share: the label says where (nm: the name)
            rec.update(l=named[n], nm=rec["l"])
        if d.get("kind") == "report":  # a short label on the canvas; the full title is in the panel
            title = rec["l"] if len(rec["l"]) <= 14 else rec["l"][:13] + "…"
            place = d.get("place_name")
            short = f"{d.get('year') or ''} {place} 报告".strip() if place else title
            rec.update(k="r", t="Report", ri=rindex[n], l=short)
        else:
            evs = d.get("evidence") or []
            rec.update(k="e", t=str(d.get("type") or "Other"),
                       a=[str(a) for a in d.get("aliases") or []], c=d.get("code"),
                       cf=_num(d.get("confidence")), xp=[str(x) for x in d.get("expansion") or []],
                       r=sorted({rindex[r] for r in d.get("reports") or [] if r in rindex}),
                       e=evidence(evs, n), ne=max(len(evs), int(d.get("mentions") or 0)))
            for si in {sent(ev) for ev in evs} - {None}:
                in_sentence[si].append(index[n])
        if obs_by.get(n):
            rec["o"] = obs_by[n]
        nodes.append(rec)

    edges: list[dict] = []
    linked: set[frozenset[int]] = set()
    parallel: Counter[frozenset[int]] = Counter()
    layout_edges: list[tuple[int, int, float]] = []
    shown_mentions = _mentions_shown(g, index, imp)
    for u, v, key, d in g.edges(keys=True, data=True):
        if u not in index or v not in index:
            continue
        iu, iv = index[u], index[v]
        if d.get("kind") == "relation":
            pair = frozenset((iu, iv))
            linked.add(pair)
            rank = parallel[pair]
            parallel[pair] += 1
            evs = d.get("evidence") or []
            edges.append({"k": "rel", "f": u, "to": v, "rel": str(d.get("rel") or key),
                          "cf": _num(d.get("confidence")), "e": rel_evidence(evs, u, v),
                          "ne": max(len(evs), int(d.get("support") or 0)),
                          "sm": round(0.25 * rank, 2) if rank else 0})
            layout_edges.append((iu, iv, 1.0))
        elif d.get("kind") == "mentions" and (shown_mentions is None or (u, v) in shown_mentions):
            edges.append({"k": "men", "f": u, "to": v, "n": int(d.get("count") or 1)})
            layout_edges.append((iu, iv, 0.15))

    co: dict[tuple[int, int], list[int]] = defaultdict(list)
    for si, members in in_sentence.items():
        members = sorted(set(members), key=lambda i: -nodes[i]["w"])[:PER_SENTENCE_LIMIT]
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = sorted((members[a], members[b]))
                if frozenset((i, j)) not in linked:
                    co[(i, j)].append(si)
    for (i, j), sis in sorted(co.items()):
        edges.append({"k": "co", "f": keep[i], "to": keep[j], "n": len(sis),
                      "e": [[si, ""] for si in sorted(sis)[:EVIDENCE_LIMIT]]})
        layout_edges.append((i, j, min(1.0, 0.35 * len(sis))))
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"

    start = [previous.get(rec["id"]) for rec in nodes] if previous else None
    if len(report_ids) >= CLUSTER_REPORTS and (start is None or sum(p is not None for p in start) < len(start) / 2):
        disc = sorted(range(len(report_ids)), key=lambda j: (str(g.nodes[report_ids[j]].get("place_name") or ""),
                                                             g.nodes[report_ids[j]].get("year") or 0))
        slots = [0] * len(disc)
        for slot, j in enumerate(disc):  # a place's reports of several years side by side
            slots[j] = slot
        start = clustered([rec.get("r") or [] for rec in nodes], [index[r] for r in report_ids], seed=seed,
                          slots=slots)
    for rec, (x, y) in zip(nodes, layout(len(nodes), layout_edges, seed=seed, start=start), strict=True):
        rec["x"], rec["y"] = round(x, 1), round(y, 1)

    counts = Counter(e["k"] for e in edges)
    shown_types = Counter(rec["t"] for rec in nodes)
    all_types = Counter(str(d.get("type") or "Other") for _, d in g.nodes(data=True)
                        if d.get("kind") == "entity")
    all_types["Report"] = sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "report")
    styles = {**TYPES, **{t: (t, "#9CA3AF") for t in all_types if t not in TYPES}}  # grey: a type new to us
    reports = []
    for n in report_ids:
        d = g.nodes[n]
        reports.append({"id": n, "l": str(d.get("label") or n), "src": d.get("source"), "y": d.get("year"),
                        "date": d.get("date"), "sp": d.get("speaker"), "pn": d.get("place_name"),
                        "p": d.get("place")})
    return {
        "types": [{"name": t, "zh": zh, "color": c, "count": shown_types[t], "total": all_types[t]}
                  for t, (zh, c) in styles.items()],
        "relations": RELATIONS,
        "reports": reports,
        "sentences": sentences,
        "nodes": nodes,
        "edges": edges,
        "counts": {"rel": counts["rel"], "men": counts["men"], "co": counts["co"]},
        "defaults": {
            "men": counts["men"] <= MENTIONS_SHOWN_LIMIT if mentions is None else mentions,
            "co": counts["co"] <= COMENTION_SHOWN_LIMIT if comention is None else comention,
        },
        "omitted": {"count": len(omitted), "total": len(keep) + len(omitted),
                    "names": list(dict.fromkeys(str(g.nodes[n].get("label") or n) for n in omitted))[:OMITTED_NAMED]},
        "focus": [f for f in focus or [] if f in index],
        "big": len(nodes) > 1500,
        "font": FONT_STACK,
    }


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as shipped inside pyvis (the newest bundled version)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    dirs = [d for d in lib.iterdir() if re.fullmatch(r"vis-[\d.]+", d.name)]
    if not dirs:
        raise RuntimeError("pyvis ships no vis-network copy (templates/lib/vis-*); is pyvis installed?")
    newest = max(dirs, key=lambda d: tuple(int(p) for p in d.name[4:].split(".") if p))
    return (newest / "vis-network.min.js").read_text("utf-8"), (newest / "vis-network.css").read_text("utf-8")


@functools.lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str, str]:
    """Template, page script (chart and panel first: the app script calls them) and style, shipped
    beside this file."""
    here = resources.files("kg.export")
    template, *scripts, css = ((here / name).read_text("utf-8") for name in _ASSETS)
    return template, "\n".join(scripts), css


def _inline(text: str, tag: str) -> str:
    """Refuse text that would end its inline element early (or open a nested comment in a script)."""
    if re.search(rf"</{tag}", text, re.IGNORECASE) or (tag == "script" and "<!--" in text):
        raise ValueError(f"asset cannot be inlined in <{tag}>: contains a closing tag or '<!--'")
    return text


def render(g: nx.MultiDiGraph, title: str | None = None, **options: Any) -> str:
    """The page as a string (see ``write`` for the options)."""
    return _page(page_data(g, **options), title)


def _page(data: dict, title: str | None) -> str:
    head, tail = _frame(data, title)
    return head + json_for_script(data) + tail


def _frame(data: dict, title: str | None) -> tuple[str, str]:
    """The page before and after its data (rendered once, with a slot where the data goes); sets
    ``data["title"]``."""
    if title is None:
        title = page_title(data["reports"], {n["id"]: n["w"] for n in data["nodes"] if n.get("k") == "r"})
    data["title"] = title
    template, app_js, app_css = _own_assets()
    vis_js, vis_css = _vis_assets()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    page = env.from_string(template).render(
        title=title,
        font=FONT_STACK,
        vis_css=Markup(_inline(vis_css, "style")),
        app_css=Markup(_inline(app_css, "style")),
        vis_js=Markup(_inline(vis_js, "script")),
        app_js=Markup(_inline(app_js, "script")),
        data_json=Markup(_SLOT),
    )
    head, slot, tail = page.partition(_SLOT)
    if not slot or _SLOT in tail:
        raise RuntimeError("the page template must place its data exactly once")
    return head, tail


@register("html", ".html")
def write(g: nx.MultiDiGraph, path: Path, title: str | None = None, max_nodes: int = MAX_NODES,
          comention: bool | None = None, mentions: bool | None = None, focus: list[str] | None = None,
          seed: int = 0) -> None:
    """Interactive page (vis-network inlined, works offline): search, filters, evidence panel.

    ``max_nodes`` caps the nodes drawn (the page names those left out); ``comention``/``mentions``
    force the co-mention and report-mention edges on or off at opening (default: on unless too many);
    ``focus`` lists node ids selected when the page opens.
    """
    sidecar = Path(path).with_suffix(".layout.json")  # where the nodes were: the next build starts there
    data = page_data(g, max_nodes=max_nodes, comention=comention, mentions=mentions, focus=focus, seed=seed,
                     previous=read_positions(sidecar))
    head, tail = _frame(data, title)
    with atomic_write(path, "wb") as fh:  # the data straight from its JSON bytes: no page-sized string
        fh.write(head.encode("utf-8"))
        fh.write(json_bytes_for_script(data))
        fh.write(tail.encode("utf-8"))
    write_positions(sidecar, data["nodes"])
