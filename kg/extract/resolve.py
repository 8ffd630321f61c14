"""Settle overlaps between extractors: one span, one type; nested names kept where they are real."""

from __future__ import annotations

from kg.extract import component
from kg.model import Extraction, Mention

# when two mentions cover exactly the same span, the more specific reading wins
PRIORITY = {"Slogan": 5, "Policy": 4, "Enterprise": 3, "Project": 2, "Place": 1}


@component("resolve")
def resolve(ex: Extraction) -> None:
    best: dict[tuple[int, int], Mention] = {}
    for m in ex.mentions:
        cur = best.get((m.start, m.end))
        if cur is None or (m.confidence, PRIORITY[m.type]) > (cur.confidence, PRIORITY[cur.type]):
            best[(m.start, m.end)] = m
    kept = sorted(best.values(), key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in kept:
        # a place that only prefixes a company name (内蒙古 in 内蒙古草原漫之旅) is not a mention
        if m.type == "Place" and any(
            o.type == "Enterprise" and o.start == m.start and o.end > m.end for o in kept
        ):
            continue
        # a same-type mention inside a longer one is the same thing named partially
        if any(o is not m and o.type == m.type and o.start <= m.start and m.end <= o.end
               and (o.end - o.start) > (m.end - m.start) and m.type not in ("Place",) for o in kept):
            continue
        out.append(m)
    ex.mentions[:] = out
