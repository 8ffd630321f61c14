"""A firm's name is the head of a project, never its middle: in 多式联运|双挂汽车|列车项目 the industry
word (汽车) follows a product's description, and the words before it describe what is built. A
name found by its industry word that stands inside a project after words that are no place, firm or
capacity is dropped (the project keeps its whole name)."""

from __future__ import annotations

from kg.model import Extraction


def drop_described(ex: Extraction) -> None:
    """Remove industry-word firms that sit inside a project after its descriptive words."""
    projects = [m for m in ex.mentions if m.type == "Project"]
    if not projects:
        return
    named = [m for m in ex.mentions if m.type in ("Place", "Enterprise")]
    text = ex.doc.clean
    drop = []
    for f in ex.mentions:
        if f.type != "Enterprise" or f.extractor != "enterprises.industry":
            continue
        for p in projects:
            if not (p.start < f.start and f.end < p.end):
                continue
            before = range(p.start, f.start)
            if any(c.isdigit() for c in text[p.start : f.start]) or any(
                    n is not f and n.start < f.start and p.start < n.end and n.start >= p.start for n in named):
                break  # 县城|华润燃气…, 10万吨|鲁花…: a place, a firm or a capacity may come first
            if len(before) >= 2:
                drop.append(f)
            break
    if drop:
        gone = {id(f) for f in drop}
        ex.mentions[:] = [m for m in ex.mentions if id(m) not in gone]
