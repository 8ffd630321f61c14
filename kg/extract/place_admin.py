"""A division's name in a report: does this mention of a name the gazetteer knows (a province, city,
county or its short form) name the place here? Not an everyday word glued into a phrase (勠力同心),
a far county named alone (完成平房区供暖改造) or a district named by a kind of area (中心城区).
Split from kg.extract.places, which scans the names and keeps what this module accepts.
"""

from __future__ import annotations

import re

from kg.extract.context import COUNTRY
from kg.extract.text import freq_of, is_boundary, tag_of
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Unit, gazetteer
from kg.model import Extraction, Mention

_PEOPLE_AFTER = frozenset({"同胞", "人民"})  # 台湾同胞, one word to the segmenter, names 台湾
UNIT_AFTER = re.compile(r"[一二三四五六七八九十]*(?:队|村|屯|组|连|分场)|林场|牧场|农场|渔场")
_DASHED = re.compile(r"[—－–-][\u4e00-\u9fa5]")  # 沈阳—白河高铁: a route written with a dash
_DASHED_BEFORE = re.compile(r"[\u4e00-\u9fa5][—－–-]$")
_INSTITUTION_AFTER = re.compile("幼儿园|小学|中学|学校|医院|卫生院|社区|小区|宾馆|酒店|饭店|商场")
# 提高至3%, 延长至二十年: a figure after 至 (二连浩特 opens with 二 and is a city)
_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两几]+(?:[%％个倍成亿万千百十年月日天周期小时公里米吨元名人户家项次条座所层]|$)")
PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nz", "j", "x"})
FAR_PLACE_TAGS = frozenset({"ns", "j"})  # far from home, a short form must be a known place word


def in_text(text: str, name: str, seen: dict[str, bool]) -> bool:
    """Is the name anywhere in the text? Asked once per name and report, not once per mention."""
    if name not in seen:
        seen[name] = name in text
    return seen[name]


def admin_mention(ex: Extraction, s: int, e: int, units: list[Unit], seen: dict[str, bool]) -> Mention | None:
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
        if ambiguous or not (is_boundary(ex.doc, s, e) or glued) or UNIT_AFTER.match(text, e):
            return None  # 三河|一队, 三河|村: a short form that opens a farm team's or village's name
        # 四川芦山, 甘肃积石山: a short form right after its own province or city names the county
        route = route or u.level == "county" and len(name) >= 2 and _after_parent(ex, u, s)
        if u.level == "county" and u.code != ex.home and _idiom_part(ex, name, s, e) and not route:
            return None  # 勠力同心: a county's short form that is an everyday word, glued into a phrase
        if u.level == "county" and not near and not in_text(text, u.name, seen) and not (route and len(name) >= 2):
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


def _named_city(ex: Extraction, u: Unit, name: str, s: int, e: int, seen: dict[str, bool]) -> bool:
    """西安 in a report of Shaanxi, 海南 among Qinghai's prefectures: a city of the report's province
    whose short form is ambiguous names it when the dictionary knows it as a place and the text names
    the city in full too, or lists it among places."""
    text = ex.doc.clean
    listed = text[s - 1 : s] in ("、",) or text[e : e + 1] in ("、",)
    return u.code != COUNTRY and (tag_of(name) == "ns" or listed) and (in_text(text, u.name, seen) or listed)


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
