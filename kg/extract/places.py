"""Places: divisions of China (with codes), towns and villages of the report's own county,
foreign countries and cities, named regions and natural features; named local sites found from
their suffixes, lists and routes come from kg.extract.place_sites. Whether a division's name names
the place where it stands (not 勠力同心, not 完成平房区供暖改造) is kg.extract.place_admin's; a
place that opens a company's name (哈尔滨食品公司) is its prefix, not a mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.matcher import Matcher
from kg.extract.place_admin import UNIT_AFTER, admin_mention
from kg.extract.place_lists import kind_listed, listed, shared_kind, weak_admin, weak_locals, weak_waters
from kg.extract.place_site_lists import listed_sites
from kg.extract.place_sites import road_ends, site, suffix_places, water_places
from kg.extract.place_xpcc import xpcc_units
from kg.extract.text import freq_of, has_proper, is_boundary, load_tsv, loose_boundary, suffix_table, tag_of
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Local, capitals, gazetteer, town_short, world
from kg.model import Extraction, Mention

ADMIN_SUFFIX = re.compile(r"(省|自治区|市|州|盟|地区|县|旗|区|自治县|自治旗|林区|特区)$")
_MACRO_NEXT = frozenset({"振兴", "全面", "地区", "大开", "陆海", "老工", "等地", "三省", "边疆"})
_NOT_COUNTRY_NEXT = frozenset("族语文字人牛马羊菜式")
_RENAMED = re.compile(r"(?:镇|乡|苏木|街道)(?![镇乡村])")
_FEATURE_AFTER = re.compile(r"(?:河|湖|江|沟|水库|岛|湾)(?![镇乡村段道口])")  # 涠洲|岛: named after the town


@lru_cache(maxsize=1)
def _national() -> Matcher[tuple[str, object]]:
    """Names valid in any report: divisions down to county, regions, countries."""
    m: Matcher[tuple[str, object]] = Matcher()
    g = gazetteer()
    for name, units in g.by_name.items():
        if len(name) >= 2:
            m.add(name, ("adm", units))
    for name, (canon, country) in world().items():
        if name not in m:
            m.add(name, ("world", (canon, country)))
    for row in load_tsv("regions.tsv"):
        canon = row[0]
        for n in [canon, *[a for a in row[2:3] if a for a in a.split("|")]]:
            m.add(n, ("macro" if row[1] == "macro" else "region", canon))
    return m


@lru_cache(maxsize=64)
def _locals(home: str) -> Matcher[Local]:
    """Towns and villages of a county report; towns (full names) of every county of a city report."""
    m: Matcher[Local] = Matcher()
    g = gazetteer()
    unit = g.units.get(home)
    if unit is not None and unit.level == "city":
        for c in (u for u in g.units.values() if u.parent == home and u.level == "county"):
            for loc in g.locals_of(c.code):
                if loc.level == "town" and len(loc.name) >= 3 and loc.name not in g.by_name:
                    m.add(loc.name, loc)
                    short = town_short(loc.name)  # 博贺 (博贺镇 of 电白区): a rare word only, in a city's report
                    if short and short not in AMBIGUOUS_SHORT and short not in g.by_name and freq_of(short) < 20 \
                            and tag_of(short) in ("x", "ns", "nz"):
                        m.add(short, loc)
                elif loc.level == "village" and len(loc.name) >= 4 and not _common_word(loc.name, 20):
                    m.add(loc.name, loc)  # 笄山大王村: a village's full name, four characters at least
        return m
    for loc in g.locals_of(home):
        if len(loc.name) >= 3 and not _common_word(loc.name, 20):  # 开发区, 自然村, 原种场: kinds, not names
            m.add(loc.name, loc)
        if loc.level == "town":
            short = town_short(loc.name)
            # 肇源 names the county before its seat 肇源镇: a division's name wins over a town's short form
            if short and short not in AMBIGUOUS_SHORT and _no_near_division(short, home) and not _common_word(short):
                m.add(short, loc)
        else:
            short = _village_short(loc.name)  # 上护林 (上护林屯六队), 得尔布 (得尔布屯生活区)
            if short and short not in AMBIGUOUS_SHORT and _no_near_division(short, home) and freq_of(short) < 50 \
                    and short not in m:  # 西北旺 is the town (西北旺地区) before its village 西北旺村
                m.add(short, loc)
    return m


def _no_near_division(short: str, home: str) -> bool:
    """肇源 names the county before its seat 肇源镇: a division's name wins over a town's or village's
    short form; but 三河 (三河回族乡) and 永胜 (永胜屯) in a report of Inner Mongolia are its own
    town and village, not 三河市 of Hebei or 永胜县 of Yunnan: a rare word shared with divisions of
    other provinces only stays the local place's."""
    units = gazetteer().by_name.get(short)
    if not units:
        return True
    return freq_of(short) < 100 and all(u.code[:2] != home[:2] and u.level != "province" for u in units)


_VILLAGE_TAIL = re.compile(r"(?:屯?(?:生活区|[一二三四五六七八九十]+队)|嘎查村|嘎查|村委会|村|屯)$")


def _village_short(name: str) -> str | None:
    """A village's name without its kind: 得尔布屯生活区 → 得尔布, 梁东村 → 梁东 (three characters
    at least before 村, which leaves 前进, 新城, 奶牛 out)."""
    short = _VILLAGE_TAIL.sub("", name)
    if short == name or len(short) < 2 or name.endswith("村") and len(short) < 3:
        return None
    return short


def _common_word(word: str, floor: int = 500) -> bool:
    """工业 (of 工业街道), 城关 (of 城关镇): a short form that is an everyday word is no name."""
    return freq_of(word) >= floor and tag_of(word) not in ("ns", "nr", "nrt", "nz")


def _near_division(ex: Extraction, name: str) -> bool:
    """Does a region's or feature's name (海西, 浦东新区, 巢湖) also name a division of the report's
    own province? Then it is that division there; elsewhere the region."""
    if not ex.home or ex.home == COUNTRY or _region_kinds().get(_region_canon(name)) != "region":
        return False  # 巢湖, 天山, 西湖: a lake or a mountain stays the feature near home too
    return any(u.code[:2] == ex.home[:2] and u.level != "province" for u in gazetteer().by_name.get(name, []))



# 总书记来川视察, 莅闽考察: the report's own province named by its one-character name after a verb of
# coming (general knowledge: kg/lexicons/province_abbreviations.tsv)
_VISIT = re.compile(r"(?:来|莅临|莅|到|赴|入)(.)(?:视察|考察|调研|指导)")


def _visits(ex: Extraction, taken: set[int]) -> list[Mention]:
    abbr = {r[0]: r[1] for r in load_tsv("province_abbreviations.tsv")}
    g = gazetteer()
    out = []
    for m in _VISIT.finditer(ex.doc.clean):
        code = abbr.get(m.group(1))
        s, e = m.span(1)
        if code is None or code not in g.units or s in taken or not ex.home or code[:2] != ex.home[:2]:
            continue  # the report's own province only: 新, 青, 云 are everyday characters elsewhere
        out.append(Mention("Place", m.group(1), s, e, "places.abbr", 0.8, key=f"adm:{code}", code=code))
    return out


@lru_cache(maxsize=1)
def _region_kinds() -> dict[str, str]:
    return {r[0]: r[1] for r in load_tsv("regions.tsv") if len(r) > 1}


def _region_canon(name: str) -> str:
    val = _national().names.get(name)
    return str(val[1]) if val and val[0] in ("region", "macro") else name


@lru_cache(maxsize=1)
def _whole_words() -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv("regions.tsv") if len(r) > 3 and r[3] == "whole")


@lru_cache(maxsize=1)
def _rivers() -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv("regions.tsv") if len(r) > 1 and r[1] == "river")


def _river_of(name: str) -> str | None:
    """黄河流域 → 黄河: the river a basin is named after."""
    head = name[:-2] if name.endswith("流域") else ""
    return head if head in _rivers() else None


def _named_capital(name: str) -> bool:
    """莫斯科, 乌兰巴托: a capital named by three characters or more, or one the dictionary knows as
    a place (东京; not 万象, 河内), needs no country in its sentence."""
    return name in capitals() and (len(name) >= 3 or tag_of(name) == "ns")


_COMPANY_AFTER = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:有限责任公司|股份有限公司|有限公司|公司)(?!法)")


@component("places")
def places(ex: Extraction) -> None:
    text = ex.doc.clean
    found: list[Mention] = []
    taken: set[int] = set()
    if ex.home and ex.home != COUNTRY:
        for s, e, loc in _locals(ex.home).scan(text):
            if e - s < len(loc.name) and (not loose_boundary(ex.doc, s, e) or UNIT_AFTER.match(text, e)):
                continue  # 恩和|林场: the forest farm named after the town is a place of its own
            if e - s < len(loc.name) and _FEATURE_AFTER.match(text, e):
                e += len(_FEATURE_AFTER.match(text, e).group(0))  # type: ignore[union-attr]
                found.append(site(ex, text[s:e], s, e, "places.water", 0.7))  # 别拉洪河: the river named after the town
                taken.update(range(s, e))
                continue
            renamed = _RENAMED.match(text, e) if loc.level == "town" and e - s < len(loc.name) else None
            if renamed:  # 学田|镇 for the gazetteer's 学田乡: a township made a town keeps its name
                e = renamed.end()
            county = loc.county
            parent = f"loc:{county}:{loc.town}" if loc.town else f"adm:{county}"
            found.append(Mention("Place", text[s:e], s, e, "places.local", 0.85,
                                 key=f"loc:{county}:{loc.name}", parent=parent))
            taken.update(range(s, e))
    sentences = ex.doc.sentences
    seen: dict[str, bool] = {}  # name → found in the text: searched once, not once per mention
    weak: list[Mention] = []  # names refused alone: places only beside a found place in a list
    for s, e, (kind, val) in _national().scan(text):
        if taken.intersection(range(s, e)):
            continue
        if kind in ("region", "macro") and _near_division(ex, text[s:e]):
            kind, val = "adm", None  # 海西 in a report of Qinghai is its prefecture, 浦东新区 in Shanghai's a district
        if kind == "adm":
            m = admin_mention(ex, s, e, val, seen)  # type: ignore[arg-type]
            w = None if m else weak_admin(ex, s, e)
            if w:
                weak.append(w)
        elif kind == "world":
            canon, country = val  # type: ignore[misc]
            if not is_boundary(ex.doc, s, e) or text[e : e + 1] in _NOT_COUNTRY_NEXT:
                continue  # 蒙古族 is a people, 蒙古牛 a breed, not the country
            if e - s == 2 and text[s] == "中":
                continue  # 中非合作论坛: China and Africa, not the Central African Republic
            capital = _named_capital(text[s:e]) and text[s - 1 : s] not in "(（"  # 色连二号(布拉格): a mine
            if country and not capital:
                sent = sentences[ex.doc.sentence_at(s)].text if sentences else text
                if country not in sent:
                    continue
            m = Mention("Place", text[s:e], s, e, "places.world", 0.9, key=f"world:{canon}",
                        parent=f"world:{country}" if country else None)
        else:
            if text[s:e] in _whole_words() and not is_boundary(ex.doc, s, e):
                continue  # 沱江, 苏北: a two-character feature or region is a word of its own
            if kind == "macro" and not (text[e : e + 2] in _MACRO_NEXT or text[e : e + 1] in "、和" or text[s - 1 : s] == "、"):
                continue  # 东北, 西部 name the regions only in their fixed phrases (东北振兴, 西部大开发)
            if text[s - 2 : s] == "重于" or text[e : e + 2] in ("特色", "共产", "猪瘟") or text[e : e + 1] in ("人", "梦", "式", "制"):
                continue  # 中国特色社会主义, 中国共产党, 中国人: not the place
            if text[e : e + 2] == "片区":  # 武陵山片区: the contiguous poor area named after the mountains
                m = Mention("Place", text[s : e + 2], s, e + 2, "places.region", 0.85, key=f"region:{val}片区")
            else:
                if val in _rivers() and text[e : e + 1] == "河" and not str(val).endswith(("河", "江")):
                    e += 1  # 湟水|河: the river written with its river word
                elif val in _rivers() and (text[e : e + 1] == "谷" or text[e : e + 1] == "口" and text[e + 1 : e + 2] != "岸") \
                        and str(val).endswith(("河", "江")):
                    found.append(Mention("Place", text[s : e + 1], s, e + 1, "places.region", 0.85,
                                         key=f"region:{text[s : e + 1]}"))  # 伊犁河谷, 长江口: the valley, the estuary
                m = Mention("Place", text[s:e], s, e, "places.region", 0.9, key=f"region:{val}")
                river = _river_of(text[s:e])
                if river:  # 黄河流域 names 黄河 as well: a place inside another place's name
                    found.append(Mention("Place", river, s, s + len(river), "places.region", 0.85, key=f"region:{river}"))
        if m:
            found.append(m)
            taken.update(range(s, e))
    found.extend(_visits(ex, taken))
    found.extend(xpcc_units(ex, taken))
    found.extend(suffix_places(ex, taken))
    found.extend(water_places(ex, taken | {i for m in found for i in range(m.start, m.end)}))
    found.extend(road_ends(ex, {i for m in found for i in range(m.start, m.end)}))
    found.extend(listed_sites(ex, {i for m in found for i in range(m.start, m.end)}))
    weak += weak_locals(ex, {i for m in found for i in range(m.start, m.end)})
    weak += weak_waters(ex, {i for m in found for i in range(m.start, m.end)})
    found.extend(listed(ex, found, weak))
    found.extend(kind_listed(ex, {i for m in found for i in range(m.start, m.end)}))
    found.extend(shared_kind(ex, found, {i for m in found for i in range(m.start, m.end)}))
    # 乾州 in 乾州古城, 矮寨 in 矮寨奇观旅游区: a town's short form that only opens a site's name is the site's
    sites = [m for m in found if m.extractor in ("places.suffix", "places.list")]
    found = [m for m in found if not (m.extractor == "places.local" and m.key and not m.surface.endswith(
        ("镇", "乡", "村", "苏木", "嘎查", "街道")) and any(o.start <= m.start and m.end < o.end for o in sites))]
    # 鞍山钢铁公司, 哈尔滨食品公司: a place that opens a company's name is its prefix, not a mention
    found = [m for m in found if not _COMPANY_AFTER.match(text, m.end)]
    starts = {m.start for m in found}
    found = [m for m in found if not _firm_prefix(ex, m, starts)]
    ex.mentions.extend(found)


def _firm_prefix(ex: Extraction, m: Mention, starts: set[int]) -> bool:
    """峨眉山|长庆|新材料, 包头|明天|科技: a place, a trade name (a proper word, no place) and an industry
    word make a company's name; the place is its prefix, not a mention."""
    if m.extractor not in ("places.admin", "places.region") or (m.code and m.code == ex.home):
        return False
    rx, _kinds = suffix_table("enterprise_suffixes.tsv")
    text = ex.doc.clean
    for n in (2, 3, 4):
        cut = m.end + n
        if rx.match(text, cut) and not starts.intersection(range(m.end, cut)) and is_boundary(ex.doc, m.end, cut) \
                and all("\u4e00" <= c <= "\u9fa5" for c in text[m.end : cut]) and has_proper(ex.doc, m.end, cut):
            return True
    return False
