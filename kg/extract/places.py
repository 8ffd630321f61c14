"""Places: divisions of China (with codes), towns and villages of the report's own county,
foreign countries and cities, named regions and natural features; named local sites found from
their suffixes, lists and routes come from kg.extract.place_sites. A division's name counts only
where it names the place: not an everyday word glued into a phrase (勠力同心), a company's prefix
(哈尔滨食品公司) or a far county named alone (完成平房区供暖改造).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.matcher import Matcher
from kg.extract.place_lists import kind_listed, listed, shared_kind, weak_admin, weak_locals, weak_waters
from kg.extract.place_sites import listed_sites, road_ends, site, suffix_places, water_places
from kg.extract.text import freq_of, has_proper, is_boundary, load_tsv, loose_boundary, suffix_table, tag_of
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Local, Unit, capitals, gazetteer, town_short, world
from kg.model import Extraction, Mention

ADMIN_SUFFIX = re.compile(r"(省|自治区|市|州|盟|地区|县|旗|区|自治县|自治旗|林区|特区)$")
_MACRO_NEXT = frozenset({"振兴", "全面", "地区", "大开", "陆海", "老工", "等地", "三省", "边疆"})
_NOT_COUNTRY_NEXT = frozenset("族语文字人牛马羊菜式")
_PEOPLE_AFTER = frozenset({"同胞", "人民"})  # 台湾同胞, one word to the segmenter, names 台湾
_UNIT_AFTER = re.compile(r"[一二三四五六七八九十]*(?:队|村|屯|组|连|分场)|林场|牧场|农场|渔场")
_DASHED = re.compile(r"[—－–-][\u4e00-\u9fa5]")  # 沈阳—白河高铁: a route written with a dash
_DASHED_BEFORE = re.compile(r"[\u4e00-\u9fa5][—－–-]$")
_RENAMED = re.compile(r"(?:镇|乡|苏木|街道)(?![镇乡村])")
_INSTITUTION_AFTER = re.compile("幼儿园|小学|中学|学校|医院|卫生院|社区|小区|宾馆|酒店|饭店|商场")
_FEATURE_AFTER = re.compile(r"(?:河|湖|江|沟|水库)(?![镇乡村段道口])")
# 提高至3%, 延长至二十年: a figure after 至 (二连浩特 opens with 二 and is a city)
_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两几]+(?:[%％个倍成亿万千百十年月日天周期小时公里米吨元名人户家项次条座所层]|$)")
PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nz", "j", "x"})
FAR_PLACE_TAGS = frozenset({"ns", "j"})  # far from home, a short form must be a known place word


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


def _in_text(text: str, name: str, seen: dict[str, bool]) -> bool:
    if name not in seen:
        seen[name] = name in text
    return seen[name]


def _common_word(word: str, floor: int = 500) -> bool:
    """工业 (of 工业街道), 城关 (of 城关镇): a short form that is an everyday word is no name."""
    return freq_of(word) >= floor and tag_of(word) not in ("ns", "nr", "nrt", "nz")


def _admin_mention(ex: Extraction, s: int, e: int, units: list[Unit], seen: dict[str, bool]) -> Mention | None:
    g = gazetteer()
    name = ex.doc.clean[s:e]
    u = g.resolve(name, within=ex.home)
    if u is None:
        return None
    full = name == u.name or name in u.old_names or name in u.forms
    near = bool(ex.home) and u.code[:2] == ex.home[:2]  # type: ignore[index]
    if ex.home == COUNTRY:
        near = u.level in ("province", "city")  # a national report is near every province and city
    # development zones (codes xx7x: 高新区, 经开区) name dozens of places by their short forms; xx8x
    # are county-level cities (额尔古纳, 海安), whose short forms name them as any county's do
    if "70" <= u.code[4:6] < "80" and not full:
        return None
    text = ex.doc.clean
    # 呼和浩特至包头: a name at either end of 至 is a place, whatever else the word can mean
    # 延长至240小时, 提高至3%: a verb before 至 and a figure after it is no route
    route = text[s - 1 : s] == "至" or text[e : e + 1] == "至" and not _FIGURE.match(text, e + 1)
    route = route or _DASHED.match(text, e) is not None or _DASHED_BEFORE.search(text, max(0, s - 2), s) is not None
    if not full:
        glued = u.level == "province" and text[e : e + 2] in _PEOPLE_AFTER and is_boundary(ex.doc, s, e + 2)
        # 海南|自由贸易港 glued into one word: the report's own province opening a name is still named
        glued = glued or u.level == "province" and near and len(name) >= 2 and is_boundary(ex.doc, s, s)
        # 开通茂南至|电白: the segmenter glued 至 to a rare name at a route's end
        glued = glued or route and (text[e : e + 1] == "至" and is_boundary(ex.doc, s, e + 1)
                                    or text[s - 1 : s] == "至" and is_boundary(ex.doc, s - 1, e))
        # 海南, 上海, 南京 name districts too; in the State Council's report they are the province or city
        # and 集宁至大同, 延吉至长春: at a route's end a city is the city
        # and 海南 in a report of Hainan is its own province (海南自由贸易港)
        ambiguous = name in AMBIGUOUS_SHORT and not ((ex.home == COUNTRY or route) and u.level in ("province", "city")
                                                     or near and u.level == "province"
                                                     or near and u.level == "city" and _named_city(ex, u, name, s, e, seen))
        if text[e : e + 1] in ("河", "江") and is_boundary(ex.doc, e, e + 1) and u.code != ex.home:
            return None  # 喀什|河, 玛纳斯|河: the river named after the place, not the place
        if ambiguous or not (is_boundary(ex.doc, s, e) or glued) or _UNIT_AFTER.match(text, e):
            return None  # 三河|一队, 三河|村: a short form that opens a farm team's or village's name
        # 四川芦山, 甘肃积石山: a short form right after its own province or city names the county
        route = route or u.level == "county" and len(name) >= 2 and _after_parent(ex, u, s)
        if u.level == "county" and u.code != ex.home and _idiom_part(ex, name, s, e) and not route:
            return None  # 勠力同心: a county's short form that is an everyday word, glued into a phrase
        if u.level == "county" and not near and not _in_text(text, u.name, seen) and not (route and len(name) >= 2):
            return None
        if not near and u.level != "province" and tag_of(name) not in FAR_PLACE_TAGS and not route:
            return None  # 长治 in 长治久安, 公安 in 公安机关: common words far from home
        if not near and ex.home != COUNTRY and _INSTITUTION_AFTER.match(text, e):
            return None  # 广安幼儿园 in a report of Inner Mongolia: a local school's name, not 广安 of Sichuan
    elif name in AMBIGUOUS_SHORT and not _own_district(ex, u) and not _after_parent(ex, u, s):
        return None  # 中心城区, 郊区: a district named by a kind of area is the report's city's own or none
    elif u.level == "county" and not near and ex.home != COUNTRY and _alone(ex, u, s, e):
        return None  # 平房区 in 完成平房区供暖改造: a far county named alone, with no province, list or route
    elif u.level == "county" and _everyday_district(ex, u, name, s, e):
        return None  # 老城区改造, 市中区: a district named by an everyday word, outside the report's city
    elif not near and (len(name) <= 2 or not (is_boundary(ex.doc, s, e) or _committee(ex, s, e))) \
            and not _after_parent(ex, u, s):
        return None  # 和县 in 乡镇和县直部门, 成县 in 建成县城: far away and not a word here
    conf = 0.95 if full else 0.85
    return Mention("Place", name, s, e, "places.admin", conf, key=f"adm:{u.code}", code=u.code,
                   parent=f"adm:{u.parent}" if u.parent else None)


def _near_division(ex: Extraction, name: str) -> bool:
    """Does a region's or feature's name (海西, 浦东新区, 巢湖) also name a division of the report's
    own province? Then it is that division there; elsewhere the region."""
    if not ex.home or ex.home == COUNTRY or _region_kinds().get(_region_canon(name)) != "region":
        return False  # 巢湖, 天山, 西湖: a lake or a mountain stays the feature near home too
    return any(u.code[:2] == ex.home[:2] and u.level != "province" for u in gazetteer().by_name.get(name, []))


def _named_city(ex: Extraction, u: Unit, name: str, s: int, e: int, seen: dict[str, bool]) -> bool:
    """西安 in a report of Shaanxi, 海南 among Qinghai's prefectures: a city of the report's province
    whose short form is ambiguous names it when the dictionary knows it as a place and the text names
    the city in full too, or lists it among places."""
    text = ex.doc.clean
    listed = text[s - 1 : s] in ("、",) or text[e : e + 1] in ("、",)
    return u.code != COUNTRY and (tag_of(name) == "ns" or listed) and (_in_text(text, u.name, seen) or listed)


def _own_district(ex: Extraction, u: Unit) -> bool:
    return bool(ex.home) and (u.code == ex.home or u.parent == ex.home)


def _idiom_part(ex: Extraction, name: str, s: int, e: int) -> bool:
    """同心 (同心县) in 勠力同心, 延长 (延长县) in 时间延长: another county's short form that the
    dictionary knows as an everyday word (not a place word) names the county only in a list."""
    if tag_of(name) in PLACE_TAGS or freq_of(name) < 100:
        return False
    text = ex.doc.clean  # 无为|市: the level character split off by a line break still names it
    return not (text[s - 1 : s] in ("、", "和", "与", "及") or text[e : e + 1] in ("、", "和", "与", "及", "等", "市", "县", "区", "旗"))


def _alone(ex: Extraction, u: Unit, s: int, e: int) -> bool:
    """A county-level name far from home without what makes a far county a place in a report: its
    province or city just before it (江苏省昆山市), a list, a route or its Party committee."""
    text = ex.doc.clean
    return not (_after_parent(ex, u, s) or text[s - 1 : s] in _LIST_MARKS
                or text[e : e + 1] in (*_LIST_MARKS, "等", "委"))


def _after_parent(ex: Extraction, u: Unit, s: int) -> bool:
    """Is the unit's city or province named right before it (哈尔滨市平房区, 江苏昆山市)?"""
    g = gazetteer()
    before = ex.doc.clean[max(0, s - 8) : s]
    for code in (u.parent, u.code[:2] + "0000"):
        up = g.units.get(code or "")
        if up is not None and (before.endswith(up.name) or before.endswith(up.short)):
            return True
    return False


_LIST_MARKS = ("、", "和", "与", "及", "至", "同")


def _everyday_district(ex: Extraction, u: Unit, name: str, s: int, e: int) -> bool:
    """老城区 (洛阳), 城中区 (柳州), 港口区 (防城港): a county-level name that is an everyday word with
    its level character, outside the report's own city, and not after its city, in a list, a route
    or before 区委."""
    home = gazetteer().units.get(ex.home) if ex.home else None
    if home is not None and (u.code == home.code or u.parent in (home.code, home.parent)):
        return False
    head = name[:-1]
    if len(head) < 2 or freq_of(head) < 100 or tag_of(head) in PLACE_TAGS or _after_parent(ex, u, s):
        return False
    text = ex.doc.clean
    return not (text[s - 1 : s] in _LIST_MARKS or text[e : e + 1] in (*_LIST_MARKS, "等", "委"))


def _committee(ex: Extraction, s: int, e: int) -> bool:
    """海安|市委: a full division name whose level character the segmenter glued to 委 (its Party
    committee) still names the place."""
    text = ex.doc.clean
    return text[e : e + 1] == "委" and is_boundary(ex.doc, s, s)


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
            if e - s < len(loc.name) and (not loose_boundary(ex.doc, s, e) or _UNIT_AFTER.match(text, e)):
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
            m = _admin_mention(ex, s, e, val, seen)  # type: ignore[arg-type]
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
                elif val in _rivers() and text[e : e + 1] == "谷" and str(val).endswith(("河", "江")):
                    found.append(Mention("Place", text[s : e + 1], s, e + 1, "places.region", 0.85,
                                         key=f"region:{text[s : e + 1]}"))  # 伊犁河谷: the valley, a region
                m = Mention("Place", text[s:e], s, e, "places.region", 0.9, key=f"region:{val}")
                river = _river_of(text[s:e])
                if river:  # 黄河流域 names 黄河 as well: a place inside another place's name
                    found.append(Mention("Place", river, s, s + len(river), "places.region", 0.85, key=f"region:{river}"))
        if m:
            found.append(m)
            taken.update(range(s, e))
    found.extend(_visits(ex, taken))
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
