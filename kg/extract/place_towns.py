"""Towns and villages named right after their county anywhere (万宁市和乐镇, 花垣县十八洞村).

A county report knows its own towns (kg.extract.places), and a city report its counties' towns, but a
province's report, or a county's naming a neighbour, reaches below a county only in this written
form: the county first, then one of its towns or villages, then perhaps that town's village. The
county fixes which town is meant, so the gazetteer's full name is enough and no context is needed.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract import component
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction, Mention

_SUFFIXES = ("镇", "乡", "街道", "苏木", "村", "嘎查", "社区", "农场", "林场", "牧场")


@lru_cache(maxsize=512)
def _below(county: str) -> dict[str, tuple[str, str | None]]:
    """Full name → (level, town) of the towns and villages of one county that end in a unit word."""
    out: dict[str, tuple[str, str | None]] = {}
    for loc in gazetteer().locals_of(county):
        if len(loc.name) >= 3 and loc.name.endswith(_SUFFIXES):
            out.setdefault(loc.name, (loc.level, loc.town))
    return out


def _longest(text: str, at: int, names: dict[str, tuple[str, str | None]], town: str | None = None
             ) -> tuple[str, str, str | None] | None:
    """The longest name of ``names`` starting at ``at`` (inside ``town`` when one is given)."""
    for n in range(min(12, len(text) - at), 2, -1):
        cand = text[at : at + n]
        hit = names.get(cand)
        if hit and (town is None or hit[1] == town):
            return cand, hit[0], hit[1]
    return None


@component("place-towns")
def place_towns(ex: Extraction) -> None:
    text = ex.doc.clean
    g = gazetteer()
    taken = {i for m in ex.mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    for m in list(ex.mentions):
        unit = g.units.get(m.code or "") if m.type == "Place" else None
        if unit is None or unit.level != "county" or m.end in taken:
            continue
        names = _below(unit.code)
        hit = _longest(text, m.end, names)
        if hit is None:
            continue
        name, level, town = hit
        s, e = m.end, m.end + len(name)
        if level == "village" and town:
            parent = f"loc:{unit.code}:{town}"
        else:
            parent = f"adm:{unit.code}"
        found.append(Mention("Place", name, s, e, "places.county-town", 0.85,
                             key=f"loc:{unit.code}:{name}", parent=parent))
        if level == "town":  # 花垣县双龙镇十八洞村: the town's village next
            vhit = _longest(text, e, names, town=name)
            if vhit and vhit[1] == "village":
                found.append(Mention("Place", vhit[0], e, e + len(vhit[0]), "places.county-town", 0.85,
                                     key=f"loc:{unit.code}:{vhit[0]}", parent=f"loc:{unit.code}:{name}"))
    ex.mentions.extend(found)
