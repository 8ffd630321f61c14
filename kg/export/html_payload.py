"""Helpers for the HTML page's data (kg/export/html.py): which sentences are evidence, where the
names are in them, names that identify, and readable page titles.

Why a module of its own: the page's payload decides what the side panel can answer (html_panel.js
only renders it), and these rules are testable without a browser.

* **Heading lines** (a report's title, its session line "——2020年4月22日在…人民代表大会", its speaker
  line "…人民政府旗长何志伟") name the report's place and speaker but say nothing about them; as
  evidence they crowd out the sentences that do. Patterns: kg/lexicons/evidence_headings.json.
* **Name spans**: a relation's evidence is the sentence it came from; the panel marks the two names
  in it, not the whole sentence, so the payload carries where they are (UTF-16 offsets, as
  JavaScript counts).
* **Names that identify**: 37 streets called 沿河街 in 37 counties are 37 nodes; each gets its
  parent place in brackets (沿河街（科尔沁左翼后旗）).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import networkx as nx

from kg.read.heading import is_heading_line

Span = tuple[int, int]
__all__ = ["is_heading_line"]


def utf16(text: str, i: int) -> int:
    """Code-point offset ``i`` of ``text`` as a JavaScript (UTF-16) offset."""
    head = text[:i]
    if len(head.encode("utf-16-le")) == 2 * len(head):  # no character outside the BMP: the same
        return i
    return i + sum(1 for c in head if ord(c) > 0xFFFF)


def _occurrences(sentence: str, names: list[str]) -> list[Span]:
    """Every place one of ``names`` occurs, longest names first (a full name before its short form)."""
    out: list[Span] = []
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        at = sentence.find(name)
        while at >= 0:
            out.append((at, at + len(name)))
            at = sentence.find(name, at + 1)
    return out


def name_span(sentence: str, names: list[str]) -> Span | None:
    """Where the first (longest) of ``names`` is in ``sentence``, as UTF-16 offsets."""
    hits = _occurrences(sentence, names)
    if not hits:
        return None
    s, e = min(hits, key=lambda h: (-(h[1] - h[0]), h[0]))
    return utf16(sentence, s), utf16(sentence, e)


def pair_spans(sentence: str, head: list[str], tail: list[str]) -> tuple[Span | None, Span | None]:
    """The two names of a relation in its sentence: non-overlapping, longest and closest together
    (县道457线科尔沁区与科左后旗界… holds 科左后旗 inside the project's name: mark the project, and
    the place elsewhere if it is there). UTF-16 offsets; None for a name the sentence does not hold."""
    hs, ts = _occurrences(sentence, head), _occurrences(sentence, tail)
    best: tuple | None = None
    for h in hs[:40]:
        for t in ts[:40]:
            if h[0] < t[1] and t[0] < h[1]:
                continue
            key = (-(h[1] - h[0]) - (t[1] - t[0]), abs(h[0] - t[0]))
            if best is None or key < best[0]:
                best = (key, h, t)
    h: Span | None = None
    t: Span | None = None
    if best is not None:
        h, t = best[1], best[2]
    elif hs or ts:  # one name only (or each inside the other): mark the longest
        longest = max(hs + ts, key=lambda x: x[1] - x[0])
        if longest in hs:
            h = longest
        else:
            t = longest

    def conv(span: Span | None) -> Span | None:
        return None if span is None else (utf16(sentence, span[0]), utf16(sentence, span[1]))

    return conv(h), conv(t)


def entity_names(d: dict) -> list[str]:
    """How a node is written in text: label, aliases and the surfaces its evidence recorded."""
    names = {str(d.get("label") or "")} | {str(a) for a in d.get("aliases") or []}
    names |= {str(ev.get("surface") or "") for ev in d.get("evidence") or [] if len(ev.get("surface") or "") <= 40}
    return [n for n in names if n]


def parents(g: nx.MultiDiGraph, keep: list[str]) -> dict[str, str]:
    """For drawn entities whose label another drawn entity of the same type also has: the label
    plus its parent place, e.g. 沿河街（科尔沁左翼后旗）. The parent is where an extracted partOf or
    locatedIn leads, else the place whose division code it carries, else its report's place."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n in keep:
        d = g.nodes[n]
        if d.get("kind") == "entity":
            groups[(str(d.get("type")), str(d.get("label") or n))].append(n)
    dup = [ns for ns in groups.values() if len(ns) > 1]
    if not dup:
        return {}
    by_code = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") == "entity" and d.get("type") == "Place" and d.get("code"):
            by_code.setdefault(str(d["code"]), str(d.get("label") or n))
    out: dict[str, str] = {}
    for ns in dup:
        for n in ns:
            parent = _parent(g, n, by_code)
            if parent:
                out[n] = f"{g.nodes[n].get('label') or n}（{parent}）"
        seen = Counter(out.get(n) for n in ns)
        for n in ns:  # still the same: say which report it comes from, as a last resort
            if n in out and seen[out[n]] > 1:
                rep = (g.nodes[n].get("reports") or [None])[0]
                if rep in g:
                    r = g.nodes[rep]
                    where = f"{r.get('place_name') or ''}{r.get('year') or ''}".strip() or str(r.get("label") or rep)
                    out[n] = out[n][:-1] + "·" + where + "）"
    return out


def _parent(g: nx.MultiDiGraph, n: str, by_code: dict[str, str]) -> str | None:
    d = g.nodes[n]
    label = str(d.get("label") or n)
    ups = Counter()
    for _, v, key, e in g.out_edges(n, keys=True, data=True):
        if e.get("kind") == "relation" and key in ("partOf", "locatedIn") and g.nodes[v].get("type") == "Place":
            ups[str(g.nodes[v].get("label") or v)] += int(e.get("support") or 1)
    ups.pop(label, None)
    if ups:
        return ups.most_common(1)[0][0]
    code = str(d.get("code") or "") or (n.rsplit("-", 1)[-1] if re.search(r"-\d{6}$", n) else "")
    if code and by_code.get(code) and by_code[code] != label:
        return by_code[code]
    for rep in d.get("reports") or []:
        place = g.nodes[rep].get("place_name") if rep in g else None
        if place and place != label:
            return str(place)
    return None


def report_title(r: dict) -> str:
    """A report as a reader names it: place, year, 政府工作报告 (its own title if it has no place)."""
    place, year = r.get("pn"), r.get("y")
    if place:
        return f"{place} {year}年政府工作报告" if year else f"{place}政府工作报告"
    label = str(r.get("l") or r.get("id") or "")
    return f"{label}（{year}年）" if year and str(year) not in label else label


def page_title(reports: list[dict], weight: dict[str, float] | None = None) -> str:
    """The page's title from its reports: one report by its place and year; several as
    "5 份政府工作报告：科左后旗、达拉特旗等 4 地（2020–2024）", places with most reports (then the
    most named) first."""
    if not reports:
        return "政府工作报告知识图谱"
    if len(reports) == 1:
        return report_title(reports[0]) + " · 知识图谱"
    weight = weight or {}
    per: Counter[str] = Counter()
    score: Counter[str] = Counter()
    for r in reports:
        if r.get("pn"):
            per[r["pn"]] += 1
            score[r["pn"]] += weight.get(r["id"], 0.0)
    places = sorted(per, key=lambda p: (-per[p], -score[p], p))
    years = sorted({r["y"] for r in reports if r.get("y")})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))
    head = "、".join(places[:3]) + (f"等 {len(places)} 地" if len(places) > 3 else "")
    title = f"{len(reports)} 份政府工作报告" + (f"：{head}" if head else "")
    return title + (f"（{span}）" if span else "")
