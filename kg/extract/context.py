"""The report's own place, resolved to a division code: every local rule hangs off it."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import component
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction

_WHOLE = re.compile(r"全(省|区|市|州|盟|县|旗)")
# 全市 is said in a prefecture-level city and in a county-level one (海安市) alike
_LEVEL_OF = {"省": ("province",), "区": ("county",), "市": ("city", "county"), "州": ("city",), "盟": ("city",),
             "县": ("county",), "旗": ("county",)}


def resolve_place(name: str) -> str | None:
    """Code of a heading place; compound names (珠海市斗门区) resolve to their last known part."""
    g = gazetteer()
    u = g.resolve(name)
    if u:
        return u.code
    for i in range(1, len(name) - 1):
        head, tail = name[:i], name[i:]
        hu, tu = g.resolve(head), g.resolve(tail, within=None)
        if tu:
            if hu:
                tu = g.resolve(tail, within=hu.code) or tu
            return tu.code
    return None


@component("context")
def context(ex: Extraction) -> None:
    """Set ``ex.home``; if the heading names no place, take the division the text calls 全县/全旗 most."""
    if ex.doc.meta.place:
        ex.home = resolve_place(ex.doc.meta.place)
        return
    text = ex.doc.clean
    whole = Counter(m.group(1) for m in _WHOLE.finditer(text))
    if not whole:
        return
    level_char = whole.most_common(1)[0][0]
    g = gazetteer()
    counts: Counter[str] = Counter()
    for u in g.units.values():  # full names only: 公安 (in 公安局) is not 公安县
        if u.level in _LEVEL_OF[level_char] and u.name.endswith(level_char) and u.name in text:
            counts[u.code] += text.count(u.name)
    # a report names the units above it (在南通市委…领导下) but is not about them: drop ancestors
    above = {a.code for c in counts for a in g.chain(c)[1:]}
    counts = Counter({c: n for c, n in counts.items() if c not in above})
    if counts:
        code, n = counts.most_common(1)[0]
        if n >= 3 or (len(counts) == 1 and len(above) > 0):
            ex.home = code
