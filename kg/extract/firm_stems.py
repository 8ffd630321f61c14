"""One sense per report for a firm's trade name: a firm found by its name grammar (绿沃川|数字农业,
诚诚|矿业) is the same firm where its trade name stands bare before a phase or a capacity of a
project (绿沃川|二期, 诚诚|5兆瓦分布式光伏). A report names a firm in full once and then by its
trade name at the head of its plants; a 、-list of such heads is then a list of firms' projects
(kg.extract.firm_owners ``owner-lists``: 德农二期、绿沃川二期)."""

from __future__ import annotations

import re

from kg.extract.enterprises import _place_only, _Places, _suffixes, _trade_name
from kg.extract.text import is_boundary, word_set
from kg.model import Extraction, Mention

EXTRACTOR = "enterprises.stem"
_FROM = frozenset({"enterprises.industry", "enterprises.legal", "enterprises.lac"})
# what follows a firm's trade name at the head of one of its plants: a phase or a capacity
_PLANT = re.compile(r"[一二三四五六七八九十\d]+期|(?:年产)?[\d.]+[万亿千]?(?:吨|千瓦|兆瓦|GWh|GW|MWh|MW|头|羽|只|台|套)")


def _stem_end(name: str, kinds: dict[str, str]) -> int | None:
    """Where the trade name ends: before an industry word ending the name, and before the words
    of a kind of industry that qualify it (绿沃川|数字|农业)."""
    cut = next((k for k in range(2, len(name) - 1) if name[k:] in kinds), None)
    if cut is None:
        return None
    mods = word_set("industry_modifiers.tsv")
    for k in range(2, cut):
        if name[k:cut] in mods:
            return k
    return cut


def stems(ex: Extraction) -> None:
    """Add the bare trade name of each firm found by its name grammar where it opens a plant."""
    text = ex.doc.clean
    _, kinds = _suffixes()
    places = _Places(ex)
    covered = {i for m in ex.mentions if m.type != "Project" for i in range(m.start, m.end)}
    found: dict[str, str] = {}
    for m in ex.mentions:
        if m.type != "Enterprise" or m.extractor not in _FROM:
            continue
        cut = _stem_end(m.surface, kinds)
        if cut is not None and _trade_name(ex, m.start, m.start + cut, places):
            found.setdefault(m.surface[:cut], m.key)
    for stem, key in found.items():
        pos = text.find(stem)
        while pos >= 0:
            e = pos + len(stem)
            if _PLANT.match(text, e) and not covered.intersection(range(pos, e)) and is_boundary(ex.doc, pos, e) \
                    and not _place_only(places, pos, e):
                ex.mentions.append(Mention("Enterprise", stem, pos, e, EXTRACTOR, 0.6, key=key))
                covered.update(range(pos, e))
            pos = text.find(stem, e)
