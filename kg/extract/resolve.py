"""Settle overlaps between extractors: one span, one type; nested names kept where they are real."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kg.extract import component
from kg.model import Extraction, Mention

# when two mentions cover exactly the same span, the more specific reading wins
PRIORITY = {"Slogan": 5, "Policy": 4, "Enterprise": 3, "Project": 2, "Place": 1}


def _named_works(text: str, inner: Mention, m: Mention) -> bool:
    """“十村示范、百村提升、千社和美”工程 (works named by a quoted formula) and “放心消费行动” (the
    quotes hold the kind word too): the project's own name, not a slogan named with its kind of work."""
    after = text[inner.end : inner.end + 1]
    if text[m.end - 2 : m.end] == "工程" and after in ("”", '"', "'"):
        return True
    return text[inner.start - 1 : inner.start] in ("“", '"') and after not in ("”", '"', "'", "")


@component("resolve")
def resolve(ex: Extraction) -> None:
    best: dict[tuple[int, int], Mention] = {}
    for m in ex.mentions:
        cur = best.get((m.start, m.end))
        if cur is None or (m.confidence, PRIORITY[m.type]) > (cur.confidence, PRIORITY[cur.type]):
            best[(m.start, m.end)] = m
    kept = sorted(best.values(), key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    starts = [m.start for m in kept]
    longest = max((m.end - m.start for m in kept), default=0)
    text = ex.doc.clean
    works: set[str | None] = set()
    in_works: list[Mention] = []
    for m in kept:
        # only mentions starting at most `longest` before m can contain it: linear in the text, not quadratic
        near = kept[bisect_left(starts, m.start - longest) : bisect_right(starts, m.start + 1)]
        slogans = [o for o in near if o.type == "Slogan"]
        # a project inside a named policy is the policy's wording (散煤污染治理“三重一改”行动|方案)
        if m.type == "Project" and any(o.type == "Policy" and o.start <= m.start and m.end <= o.end
                                       and (o.end - o.start) > (m.end - m.start) for o in near):
            continue
        # a policy with a word of time in front (新一轮|国企改革深化提升行动) is the policy, not a project
        if m.type == "Project" and any(
                o.type == "Policy" and o.end == m.end and 3 * (o.start - m.start) <= o.end - o.start
                for o in kept[bisect_left(starts, m.start + 1) : bisect_right(starts, m.start + 3)]):
            continue
        # “双创”行动 is the slogan named with its kind of work: an alias of the slogan, not a project
        inner = next((o for o in slogans if o.start - 1 <= m.start and 0 < m.end - o.end <= 3
                      and m.start <= o.start), None) if m.type in ("Project", "Policy") else None
        if inner is not None and m.type == "Project" and _named_works(text, inner, m):
            works.add(inner.key)  # “十村示范、百村提升、千社和美”工程: the quoted name of works is the project's
            in_works.append(inner)
            out.append(m)
            continue
        if inner is not None and m.type == "Project":
            out.append(Mention("Slogan", m.surface, m.start, m.end, "resolve.slogan-alias", inner.confidence,
                               key=inner.key, expansion=inner.expansion))
            continue
        # a place found by its suffix inside a quoted slogan (“乡业村品”) is part of the slogan
        if m.type == "Place" and m.extractor == "places.suffix" and any(
                o.start <= m.start and m.end <= o.end for o in slogans):
            continue
        # a place that only prefixes a company name (内蒙古 in 内蒙古草原漫之旅) is not a mention
        if m.type == "Place" and any(
            o.type == "Enterprise" and o.start == m.start and o.end > m.end for o in near
        ):
            continue
        # a same-type mention inside a longer one is the same thing named partially
        if any(o is not m and o.type == m.type and o.start <= m.start and m.end <= o.end
               and (o.end - o.start) > (m.end - m.start) and m.type not in ("Place",) for o in near):
            continue
        out.append(m)
    # a slogan quoted only inside the name of works is the project's wording, not a slogan of the report
    alone = {o.key for o in out if o.type == "Slogan" and not any(o is w for w in in_works)}
    ex.mentions[:] = [o for o in out if not (o.type == "Slogan" and o.key in works - alone)]
