"""Gazetteer names that only a list makes places: a short form that is rejected alone (an everyday
word, a far city the dictionary tags a verb or a person's name, a village's two-character name)
is a place when it stands in a 、-list right beside a place found before: 金台、唐垴、荆南、借粮湖等
村 (villages of the county), 赶赴上海、贵阳、遵义等地, 与玉林、梧州两市. The neighbour is the evidence;
a candidate with no found neighbour stays out, however many candidates stand together.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kg.extract.matcher import Matcher
from kg.extract.text import stops_name, token_at
from kg.lexicons.gazetteer import Local, Unit, gazetteer, town_short
from kg.model import Extraction, Mention

_SEP = "、和及与"
_CLOSE = "、，,。；;：:等和及与）)”"
# kinds of area, not names, even in a list of places (城区、开发区; 高新区、经开区)
KIND_SHORTS = frozenset({"城区", "郊区", "矿区", "新区", "市辖区", "开发区", "高新区", "高新", "经开", "东区", "西区",
                         "南区", "北区", "新城", "城中", "园区", "城关", "河口", "江口"})


def weak_admin(ex: Extraction, s: int, e: int, units: list[Unit]) -> Mention | None:
    """A division's name rejected alone, kept as a list candidate (a short form of a development
    zone or a kind of area never is)."""
    name = ex.doc.clean[s:e]
    u = gazetteer().resolve(name, within=ex.home)
    if u is None or name in KIND_SHORTS or len(name) < 2 or u.level == "country":
        return None
    if "70" <= u.code[4:6] < "80" and name != u.name:
        return None
    if u.level == "county" and (not ex.home or u.code[:2] != ex.home[:2]):
        return None  # 笄山温泉: a far county's short form, inside a local name
    return Mention("Place", name, s, e, "places.listed", 0.75, key=f"adm:{u.code}", code=u.code,
                   parent=f"adm:{u.parent}" if u.parent else None)


@lru_cache(maxsize=64)
def _weak_locals(home: str) -> Matcher[Local]:
    """Two-character names of the county's villages (金台村 → 金台) and towns' short forms that the
    rarity checks refused alone."""
    m: Matcher[Local] = Matcher()
    for loc in gazetteer().locals_of(home):
        short = town_short(loc.name) if loc.level == "town" else _two_char_village(loc.name)
        if short and short not in KIND_SHORTS:
            m.add(short, loc)
    return m


def _two_char_village(name: str) -> str | None:
    for tail in ("嘎查村", "嘎查", "村委会", "村", "屯"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[: -len(tail)]
    return None


def weak_locals(ex: Extraction, taken: set[int]) -> list[Mention]:
    if not ex.home or gazetteer().units.get(ex.home) is None or gazetteer().units[ex.home].level != "county":
        return []
    out = []
    for s, e, loc in _weak_locals(ex.home).scan(ex.doc.clean):
        if taken.intersection(range(s, e)):
            continue
        parent = f"loc:{loc.county}:{loc.town}" if loc.town else f"adm:{loc.county}"
        out.append(Mention("Place", ex.doc.clean[s:e], s, e, "places.listed", 0.75,
                           key=f"loc:{loc.county}:{loc.name}", parent=parent))
    return out


def listed(ex: Extraction, found: list[Mention], weak: Iterable[Mention]) -> list[Mention]:
    """Candidates right beside a found place in a 、-list, repeated so that a chain of them
    (金台、唐垴、荆南、借粮湖) is taken from its found end."""
    text = ex.doc.clean
    starts = {m.start for m in found}
    ends = {m.end for m in found}
    covered = {i for m in found for i in range(m.start, m.end)}
    pending = sorted((w for w in weak if not covered.intersection(range(w.start, w.end))), key=lambda w: w.start)
    out: list[Mention] = []
    changed = True
    while changed and pending:
        changed = False
        for w in list(pending):
            s, e = w.start, w.end
            left = text[s - 1 : s] in _SEP and s - 1 in ends
            right = text[e : e + 1] in _SEP and e + 1 in starts
            opens = s == 0 or text[s - 1] in _CLOSE or _stop_at(ex, s - 1, s)
            closes = e >= len(text) or text[e] in _CLOSE or _stop_at(ex, e, e)
            if not (left and closes or right and opens):
                continue
            if covered.intersection(range(s, e)):
                pending.remove(w)
                continue
            out.append(w)
            pending.remove(w)
            starts.add(s)
            ends.add(e)
            covered.update(range(s, e))
            changed = True
    return out


def _stop_at(ex: Extraction, i: int, edge: int) -> bool:
    """Is the token at ``i`` a word no name holds (a verb, a particle), and does it start or end
    at ``edge`` (the candidate's own edge, so the candidate is whole tokens there)?"""
    tok = token_at(ex.doc, i)
    return tok is not None and edge in (tok[1], tok[2]) and stops_name(tok[0])
