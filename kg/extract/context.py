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
        ex.home = resolve_place(ex.doc.meta.place)
        if ex.home:
            return
    ex.home = guess_home(ex.doc.clean)  # 在自治县十届人大…: a heading place that names no division


def home_key(home: str | None) -> str | None:
    """The key of the report's own place mention: a division, or the country of a national report."""
    if not home:
        return None
    return "region:中华人民共和国" if home == COUNTRY else f"adm:{home}"


def guess_home(text: str) -> str | None:
    """The report's place when its heading names none (see kg.extract.home)."""
    if _NATIONAL.search(text[:600]):
        return COUNTRY
    speaker = _SPEAKER.search(text[:600])  # 玉屏侗族自治县人民政府县长 田兴国
    if speaker and (u := gazetteer().resolve(speaker.group(1))) and u.name == speaker.group(1):
        return u.code
    return home.guess_home(text)
