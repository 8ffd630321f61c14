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
_SPEAKER = re.compile(r"([\u4e00-\u9fa5]{2,16}?)人民政府(?:代理)?(?:省长|主席|市长|州长|盟长|县长|旗长|区长)")
_TOWN = re.compile(r"(?:镇|乡|街道|苏木)$")


def resolve_place(name: str) -> str | None:
    """Code of a heading place; compound names (珠海市斗门区) resolve to their last known part."""
    if name in _COUNTRY_NAMES:
        return COUNTRY
    g = gazetteer()
    u = g.resolve(name)
    if u:
        return u.code
    first = None
    for i in range(1, len(name) - 1):
        head, tail = name[:i], name[i:]
        hu = g.resolve(head) or first
        tu = g.resolve(tail, within=hu.code if hu else None)
        if hu and tu and not tu.code.startswith(hu.code.rstrip("0")):
            tu = None  # 重庆市万盛经开区: 经开区 of another province is no part of it
        if tu:
            return tu.code
        first = hu
    # 奈曼旗白音他拉苏木, 广德市卢村乡: a town's report belongs to the county that opens its name
    return first.code if first and first.level != "country" else None


@component("context")
def context(ex: Extraction) -> None:
    """Set ``ex.home``; if the heading names no place, take the division of the level the text calls
    全县/全市 that its committee (海安市委的领导下) or its name most often points to."""
    if ex.doc.meta.place:
        ex.home = resolve_place(ex.doc.meta.place) or town_county(ex.doc.meta.place, ex.doc.clean)
        if ex.home:
            return
    ex.home = guess_home(ex.doc.clean)  # 在自治县十届人大…: a heading place that names no division


def home_key(home: str | None) -> str | None:
    """The key of the report's own place mention: a division, or the country of a national report."""
    if not home:
        return None
    return "region:中华人民共和国" if home == COUNTRY else f"adm:{home}"


def town_county(place: str, text: str) -> str | None:
    """大营镇政府工作报告: a town's report names the town alone in its heading and its county in the
    body (在县委…领导下, 积极对接枣强县…); of the counties that have a town of that name, the one
    the text names (else whose city it names) is the town's, when only one is."""
    if not _TOWN.search(place):
        return None
    g = gazetteer()
    counties = g.towns_by_name().get(place, ())
    for named in ([c for c in counties if g.units[c].name in text],
                  [c for c in counties if (up := g.units.get(g.units[c].parent or "")) and up.name in text]):
        if named:
            return named[0] if len(named) == 1 else None
    return None


def report_key(home: str | None, place: str | None) -> str | None:
    """The key of the report's own place: its division's, or a town of that division when the
    heading names a town (大营镇, 奈曼旗白音他拉苏木): the town is what the report is about."""
    if home and home != COUNTRY and place and _TOWN.search(place):
        g = gazetteer()
        unit = g.units.get(home)
        towns = {loc.name for loc in g.locals_of(home) if loc.level == "town"} if unit and unit.level == "county" else set()
        for prefix in ("", *(sorted({unit.name, unit.short}, key=len, reverse=True) if unit else ())):
            if place.startswith(prefix) and place[len(prefix):] in towns:
                return f"loc:{home}:{place[len(prefix):]}"
    return home_key(home)


def guess_home(text: str) -> str | None:
    """The report's place when its heading names none (see kg.extract.home)."""
    if _NATIONAL.search(text[:600]):
        return COUNTRY
    speaker = _SPEAKER.search(text[:600])  # 玉屏侗族自治县人民政府县长 田兴国
    if speaker and (u := gazetteer().resolve(speaker.group(1))) and u.name == speaker.group(1):
        return u.code
    return home.guess_home(text)
