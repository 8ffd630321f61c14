"""The report's own place, resolved to a division code: every local rule hangs off it."""

from __future__ import annotations

import re

from kg.extract import component, home
from kg.lexicons.gazetteer import COUNTRY as gazetteer_country
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction

COUNTRY = gazetteer_country[0]  # the report of the State Council: its place is the country
_COUNTRY_NAMES = frozenset({"中华人民共和国", "中国", "全国"})
_NATIONAL = re.compile(r"国务院总理|国务院政府工作报告|全国人民代表大会第")


def resolve_place(name: str) -> str | None:
    """Code of a heading place; compound names (珠海市斗门区) resolve to their last known part."""
    if name in _COUNTRY_NAMES:
        return COUNTRY
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
    """Set ``ex.home``; if the heading names no place, take the division of the level the text calls
    全县/全市 that its committee (海安市委的领导下) or its name most often points to."""
    if ex.doc.meta.place:
        ex.home = resolve_place(ex.doc.meta.place)
        return
    ex.home = guess_home(ex.doc.clean)


def home_key(home: str | None) -> str | None:
    """The key of the report's own place mention: a division, or the country of a national report."""
    if not home:
        return None
    return "region:中华人民共和国" if home == COUNTRY else f"adm:{home}"


def guess_home(text: str) -> str | None:
    """The report's place when its heading names none (see kg.extract.home)."""
    return home.guess_home(text, _NATIONAL, COUNTRY)
