"""The report's own place, resolved to a division code: every local rule hangs off it."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import component
from kg.lexicons.gazetteer import COUNTRY as gazetteer_country
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction

COUNTRY = gazetteer_country[0]  # the report of the State Council: its place is the country
_COUNTRY_NAMES = frozenset({"中华人民共和国", "中国", "全国"})
_NATIONAL = re.compile(r"国务院总理|国务院政府工作报告|全国人民代表大会第")
_WHOLE = re.compile(r"全(省|区|市|州|盟|县|旗)")
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


_LEVELS_OF = {"省": ("province",), "区": ("county", "province"), "市": ("city", "county"), "州": ("city",),
              "盟": ("city",), "县": ("county",), "旗": ("county",)}
# 在南通市委、市政府和海安市委的正确领导下: the last committee named before 领导 is the report's own
_LEAD = re.compile(r"在[^。；]{0,60}?的(?:正确|坚强|有力)?领导下")


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
    if _NATIONAL.search(text[:600]):
        return COUNTRY
    speaker = _SPEAKER.search(text[:600])  # 玉屏侗族自治县人民政府县长 田兴国
    if speaker and (u := gazetteer().resolve(speaker.group(1))) and u.name == speaker.group(1):
        return u.code
    whole = Counter(m.group(1) for m in _WHOLE.finditer(text))
    if not whole:
        return None
    level_char = whole.most_common(1)[0][0]
    levels = _LEVELS_OF[level_char]
    g = gazetteer()
    counts: Counter[str] = Counter()
    for u in g.units.values():  # full names only: 公安 (in 公安局) is not 公安县
        if u.level in levels and u.name.endswith(level_char) and u.name in text:
            counts[u.code] += text.count(u.name)
    # a report names the units above it (在南通市委…领导下) but is not about them: drop ancestors
    above = {a.code for c in counts for a in g.chain(c)[1:]}
    counts = Counter({c: n for c, n in counts.items() if c not in above})
    lead = [m.group(0) for m in _LEAD.finditer(text[:3000])]
    for phrase in lead:
        named = [(phrase.rfind(g.units[c].name + "委"), c) for c in counts if g.units[c].name + "委" in phrase]
        if named:
            return max(named)[1]
    if counts:
        code, n = counts.most_common(1)[0]
        if n >= 3:
            return code
    # 全州 and 黔西南 six times: a short name may stand for the report's own place
    short: Counter[str] = Counter()
    for u in g.units.values():
        if u.level in levels and u.short != u.name and len(u.short) >= 2 and len(g.by_name.get(u.short, [])) == 1:
            n = text.count(u.short)
            if n >= (3 if len(u.short) == 2 else 2):
                short[u.code] = n
    if len(short) >= 1:
        (code, n), *rest = short.most_common(2)
        if not rest or rest[0][1] * 2 <= n:
            return code
    return None
