"""Places: divisions of China (with codes), towns and villages of the report's own county,
foreign countries and cities, named regions and natural features, and named local sites found
from their suffixes (…河, …湖, …景区, …湿地公园).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.context import COUNTRY, home_key
from kg.extract.matcher import Matcher
from kg.extract.text import (
    extend_suffixes,
    freq_of,
    has_proper,
    is_boundary,
    load_tsv,
    loose_boundary,
    name_before,
    specific,
    stops_name,
    suffix_table,
    tag_of,
    token_at,
    word_set,
)
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Local, Unit, gazetteer, town_short, world
from kg.model import Extraction, Mention

ADMIN_SUFFIX = re.compile(r"(省|自治区|市|州|盟|地区|县|旗|区|自治县|自治旗|林区|特区)$")
_MACRO_NEXT = frozenset({"振兴", "全面", "地区", "大开", "陆海", "老工", "等地", "三省", "边疆"})
_NOT_COUNTRY_NEXT = frozenset("族语文字人牛马羊菜式")
_FIGURE = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几]")
PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nz", "j", "x"})
FAR_PLACE_TAGS = frozenset({"ns", "j"})  # far from home, a short form must be a known place word
# a named town or village never ends its name part in a level word (苏木|镇, 嘎查|村, 旗|镇|村)
_PLACE_STOP = frozenset({"全国", "全省", "全区", "全市", "全县", "全旗", "国家级", "省级"})
_LEVEL_TAIL = re.compile(r"(?:镇|乡|村|苏木|嘎查|旗|县|市|区|街道|城|屯)$")


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
        return m
    for loc in g.locals_of(home):
        if len(loc.name) >= 3 and not _common_word(loc.name, 20):  # 开发区, 自然村, 原种场: kinds, not names
            m.add(loc.name, loc)
        if loc.level == "town":
            short = town_short(loc.name)
            # 肇源 names the county before its seat 肇源镇: a division's name wins over a town's short form
            if short and short not in AMBIGUOUS_SHORT and short not in g.by_name and not _common_word(short):
                m.add(short, loc)
    return m


def _common_word(word: str, floor: int = 500) -> bool:
    """工业 (of 工业街道), 城关 (of 城关镇): a short form that is an everyday word is no name."""
    return freq_of(word) >= floor and tag_of(word) not in ("ns", "nr", "nrt", "nz")


def _admin_mention(ex: Extraction, s: int, e: int, units: list[Unit]) -> Mention | None:
    g = gazetteer()
    name = ex.doc.clean[s:e]
    u = g.resolve(name, within=ex.home)
    if u is None:
        return None
    full = name == u.name or name in u.old_names
    near = bool(ex.home) and u.code[:2] == ex.home[:2]  # type: ignore[index]
    if ex.home == COUNTRY:
        near = u.level in ("province", "city")  # a national report is near every province and city
    if u.code[4:6] >= "70" and not full:  # development zones: 高新区, 经开区 name dozens of places
        return None
    text = ex.doc.clean
    # 呼和浩特至包头: a name at either end of 至 is a place, whatever else the word can mean
    # 延长至240小时, 提高至3%: a verb before 至 and a figure after it is no route
    route = text[s - 1 : s] == "至" or text[e : e + 1] == "至" and not _FIGURE.match(text, e + 1)
    if not full:
        if name in AMBIGUOUS_SHORT or not is_boundary(ex.doc, s, e):
            return None
        if u.code != ex.home and _idiom_part(ex, name, s, e) and not route:
            return None  # 勠力同心: a county's short form that is an everyday word, glued into a phrase
        if u.level == "county" and not near and u.name not in text and not (route and len(name) >= 2):
            return None
        if not near and u.level != "province" and tag_of(name) not in FAR_PLACE_TAGS and not route:
            return None  # 长治 in 长治久安, 公安 in 公安机关: common words far from home
    elif u.level == "county" and not near and ex.home != COUNTRY and _alone(ex, u, s, e):
        return None  # 平房区 in 完成平房区供暖改造: a far county named alone, with no province, list or route
    elif u.level == "county" and _everyday_district(ex, u, name, s, e):
        return None  # 老城区改造, 市中区: a district named by an everyday word, outside the report's city
    elif not near and (len(name) <= 2 or not (is_boundary(ex.doc, s, e) or _committee(ex, s, e))):
        return None  # 和县 in 乡镇和县直部门, 成县 in 建成县城: far away and not a word here
    conf = 0.95 if full else 0.85
    return Mention("Place", name, s, e, "places.admin", conf, key=f"adm:{u.code}", code=u.code,
                   parent=f"adm:{u.parent}" if u.parent else None)


def _idiom_part(ex: Extraction, name: str, s: int, e: int) -> bool:
    """同心 (同心县) in 勠力同心, 延长 (延长县) in 时间延长: another county's short form that the
    dictionary knows as an everyday word (not a place word) names the county only in a list."""
    if tag_of(name) in PLACE_TAGS or freq_of(name) < 100:
        return False
    text = ex.doc.clean
    return not (text[s - 1 : s] in ("、", "和", "与", "及") or text[e : e + 1] in ("、", "和", "与", "及", "等"))


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


_COMPANY_AFTER = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:有限责任公司|股份有限公司|有限公司|公司)(?!法)")


@component("places")
def places(ex: Extraction) -> None:
    text = ex.doc.clean
    found: list[Mention] = []
    taken: set[int] = set()
    if ex.home and ex.home != COUNTRY:
        for s, e, loc in _locals(ex.home).scan(text):
            if e - s < len(loc.name) and not loose_boundary(ex.doc, s, e):
                continue
            county = loc.county
            parent = f"loc:{county}:{loc.town}" if loc.town else f"adm:{county}"
            found.append(Mention("Place", text[s:e], s, e, "places.local", 0.85,
                                 key=f"loc:{county}:{loc.name}", parent=parent))
            taken.update(range(s, e))
    sentences = ex.doc.sentences
    for s, e, (kind, val) in _national().scan(text):
        if taken.intersection(range(s, e)):
            continue
        if kind == "adm":
            m = _admin_mention(ex, s, e, val)  # type: ignore[arg-type]
        elif kind == "world":
            canon, country = val  # type: ignore[misc]
            if not is_boundary(ex.doc, s, e) or text[e : e + 1] in _NOT_COUNTRY_NEXT:
                continue  # 蒙古族 is a people, 蒙古牛 a breed, not the country
            if e - s == 2 and text[s] == "中":
                continue  # 中非合作论坛: China and Africa, not the Central African Republic
            if country:
                sent = sentences[ex.doc.sentence_at(s)].text if sentences else text
                if country not in sent:
                    continue
            m = Mention("Place", text[s:e], s, e, "places.world", 0.9, key=f"world:{canon}",
                        parent=f"world:{country}" if country else None)
        else:
            if kind == "macro" and not (text[e : e + 2] in _MACRO_NEXT or text[e : e + 1] in "、和" or text[s - 1 : s] == "、"):
                continue  # 东北, 西部 name the regions only in their fixed phrases (东北振兴, 西部大开发)
            if text[s - 2 : s] == "重于" or text[e : e + 2] in ("特色", "共产", "猪瘟") or text[e : e + 1] in ("人", "梦", "式", "制"):
                continue  # 中国特色社会主义, 中国共产党, 中国人: not the place
            if text[e : e + 2] == "片区":  # 武陵山片区: the contiguous poor area named after the mountains
                m = Mention("Place", text[s : e + 2], s, e + 2, "places.region", 0.85, key=f"region:{val}片区")
            else:
                m = Mention("Place", text[s:e], s, e, "places.region", 0.9, key=f"region:{val}")
        if m:
            found.append(m)
            taken.update(range(s, e))
    found.extend(_suffix_places(ex, taken))
    found.extend(_water_places(ex, taken | {i for m in found for i in range(m.start, m.end)}))
    found.extend(_road_ends(ex, {i for m in found for i in range(m.start, m.end)}))
    found.extend(_listed_sites(ex, {i for m in found for i in range(m.start, m.end)}))
    # 乾州 in 乾州古城, 矮寨 in 矮寨奇观旅游区: a town's short form that only opens a site's name is the site's
    sites = [m for m in found if m.extractor in ("places.suffix", "places.list")]
    found = [m for m in found if not (m.extractor == "places.local" and m.key and not m.surface.endswith(
        ("镇", "乡", "村", "苏木", "嘎查", "街道")) and any(o.start <= m.start and m.end < o.end for o in sites))]
    # 鞍山钢铁公司, 哈尔滨食品公司: a place that opens a company's name is its prefix, not a mention
    found = [m for m in found if not _COMPANY_AFTER.match(text, m.end)]
    ex.mentions.extend(found)


_ROAD_END = re.compile(r"(?:至|到)([\u4e00-\u9fa5]{2,5}?)段")
# 高台子至朝鲁吐公路, 宜昌至郑州高铁: both ends of a named route are places
_ROUTE = re.compile(r"([\u4e00-\u9fa5]{2,4})(?:至|—|－)([\u4e00-\u9fa5]{2,4}?)(?=段|公路|高速|铁路|高铁|一级|二级|三级|快速路|城际|旅游公路|输变电|输电|线路|天然气管道|管线)")


def out_spans(ms: list[Mention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in ms]


def _road_ends(ex: Extraction, taken: set[int]) -> list[Mention]:
    """国道304线至海斯改段: the end of a road section is a named place."""
    out = []
    generic = word_set("generic_words.tsv")
    ends = [m.span(1) for m in _ROAD_END.finditer(ex.doc.clean)]
    ends += [sp for m in _ROUTE.finditer(ex.doc.clean) for sp in (m.span(1), m.span(2))]
    for s, e in ends:
        if ex.doc.clean[s - 1 : s] not in ("至", "—", "－") and e < len(ex.doc.clean) and ex.doc.clean[e] in "至—－":
            s = name_before(ex.doc, e, max_len=e - s) or s  # the first end: no verb before it (建成|宜都)
        name = ex.doc.clean[s:e]
        if any(o[0] < e and s < o[1] for o in out_spans(out)):
            continue
        if taken.intersection(range(s, e)) or name in generic or _LEVEL_TAIL.search(name) and len(name) <= 2:
            continue
        if not has_proper(ex.doc, s, e) and tag_of(name) != "ns" and freq_of(name) > 0:
            continue  # an unknown word at a route's end is a place name (高台子至…)
        if stops_name(name[:2]) or any(c.isdigit() for c in name):
            continue
        out.append(Mention("Place", name, s, e, "places.road-end", 0.6, key=f"site:{ex.home}:{name}",
                           parent=home_key(ex.home)))
    return out


_WATER = frozenset("河湖江岛泡淖沟")


def _water_places(ex: Extraction, taken: set[int]) -> list[Mention]:
    """八家|河, 南松|运河: a rare two- or three-character word before a one-character river, lake or
    island word that stands alone as a token, right after punctuation or a verb."""
    out = []
    toks = ex.doc.tokens
    for i in range(1, len(toks)):
        w, s, e = toks[i]
        if w not in _WATER:
            continue
        pw, ps, _pe = toks[i - 1]
        if not 2 <= len(pw) <= 3 or freq_of(pw) >= 100 or tag_of(pw) in ("v", "vn", "a", "d", "p", "c", "r", "u"):
            continue
        before = toks[i - 2][0] if i >= 2 else "，"
        if not (any(c in "，,、。；：“" for c in before) or stops_name(before)):
            continue
        if taken.intersection(range(ps, e)):
            continue
        name = ex.doc.clean[ps:e]
        out.append(Mention("Place", name, ps, e, "places.water", 0.65, key=f"site:{ex.home}:{name}",
                           parent=home_key(ex.home)))
    return out


def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("place_suffixes.tsv")


# suffixes that always close a place name (…国家湿地公园, …自然保护区): the name need not look proper
STRONG_KINDS = frozenset({"scenic", "park", "reserve", "street"})


def _crosses(taken: set[int], s: int, e: int) -> bool:
    """Does [s, e) cut a found name in two (rather than hold it whole or miss it)?"""
    return (s in taken and s - 1 in taken) or (e - 1 in taken and e in taken)


_EVERYDAY_TAILS = frozenset({"农村", "下乡", "带乡", "返乡", "回乡", "进村", "驻村", "入村", "到村", "城镇", "乡镇",
                             "集镇", "小镇", "城乡", "进镇", "入镇"})


def _everyday(name: str, head: str, suffix: str) -> bool:
    """新型农村, 家电下乡, 城中村, 智慧牧场: the suffix closes an everyday word (农村, 下乡) or the whole is
    a dictionary word that is no place, or the head is an industry modifier."""
    if len(suffix) == 1 and head[-1:] + suffix in _EVERYDAY_TAILS:
        return True
    mods = word_set("industry_modifiers.tsv")
    rest = head
    while rest:  # 智慧|家庭|牧场: a head made of modifiers only
        cut = next((w for w in (rest[:3], rest[:2]) if w in mods), None)
        if cut is None:
            return False
        rest = rest[len(cut) :]
    return True


def _dictionary_word(name: str) -> bool:
    """康庄大道, 步行街: the whole candidate is a dictionary word, and not one it knows as a place."""
    return freq_of(name) > 0 and tag_of(name) not in ("ns", "nz", "nt", "x")


def _outside_county(ex: Extraction, name: str) -> bool:
    """A county report whose villages the gazetteer lists, and a name that is none of them."""
    g = gazetteer()
    unit = g.units.get(ex.home) if ex.home else None
    if unit is None or unit.level != "county":
        return False
    villages = {loc.name for loc in g.locals_of(unit.code) if loc.level == "village"}
    return bool(villages) and name not in villages


def _suffix_places(ex: Extraction, taken: set[int]) -> list[Mention]:
    """Named local sites: a proper name before a geographic suffix (大青沟…景区, 西山湾水库). A site
    may hold a place found before (黑龙江肇源莲花湖国家湿地公园 holds 肇源); both are kept."""
    text = ex.doc.clean
    out = []
    rx, kinds = _suffix_re()
    generic = word_set("generic_words.tsv")
    own: set[int] = set()
    for m in rx.finditer(text):
        if m.start() in own:
            continue
        e = m.end() if len(m.group(0)) == 1 else extend_suffixes(text, m.end(), rx)
        if text[m.start() : m.start() + 2] in ("乡村", "乡镇", "村镇", "镇村", "村屯", "街道"):
            continue  # 赋能乡村: 乡 begins a common word here, it is no town
        if e < len(text) and text[e] in "路线段":  # 大街路口, 河段: the suffix is inside a longer word
            continue
        s = name_before(ex.doc, m.start(), max_len=16, stop=_PLACE_STOP)
        if s is not None and kinds[m.group(0)] == "village" and own.intersection(range(s, m.start())):
            s = max(own.intersection(range(s, m.start()))) + 1  # 头台镇|仁和堡村: the village after its town
        if s is None or m.start() - s < 2 or _crosses(taken, s, e) or own.intersection(range(s, e)):
            continue
        head = text[s : m.start()]
        if head.endswith("之"):
            continue  # 中国长寿之乡, 生态之城: an honour, not a place
        if any(c.isdigit() for c in head) or re.fullmatch(r"[A-Z]+级?", head):
            continue  # 2个景区, AAA级景区 are counts and grades, not names
        known = tag_of(text[s:e]) == "ns"  # 中央大街 is one word the dictionary knows as a place
        if not known and (_LEVEL_TAIL.search(head) or head in generic):
            continue
        kind = kinds[m.group(0)]
        if _everyday(text[s:e], head, m.group(0)):
            continue
        if kind in ("town", "village") and taken.intersection(range(s, e)):
            continue  # 头台镇仁和堡村 is two places already found, not a third
        if kind == "town" and not known and ex.home and text[s:e] not in gazetteer().town_names():
            continue  # 加沙地带残酷镇, 有多少个乡: with the report's place known, a town is one the gazetteer lists
        if text[e - 1 : e] == text[e : e + 1] or _dictionary_word(text[s:e]):
            continue  # 广播电视村|村通 (村村通: every village); 康庄大道: an idiom, no street
        if kind == "village" and not known and _outside_county(ex, text[s:e]):
            continue  # 明星村, 示范村: a county report's villages are the gazetteer's, all found before
        if re.match(r"[一二三四五六七八九十]级", head):
            continue  # 一级保护区: a grade, not a name
        strong = kind in STRONG_KINDS and len(m.group(0)) >= 4 and specific(ex.doc, s, m.start(), generic)
        if not (strong or known) and not has_proper(ex.doc, s, m.start()):  # 现有景区: no name
            continue
        name = text[s:e]
        out.append(Mention("Place", name, s, e, "places.suffix", 0.7, key=f"site:{ex.home}:{name}",
                           parent=home_key(ex.home)))
        own.update(range(s, e))
    return out


# 新兴路、建设大街、人民路; 清水河、小黑河: names that share a place kind in one list are places even
# when each alone is a common word (人民路); the shared suffix is the evidence
_LIST_SUFFIX = r"(?:大道|大街|路|街|巷|河|湖|江|沟|渠|山|岭|峰|岛|湾|泉|水库|林场|牧场|农场|渔场|口岸|村|嘎查|社区|镇|乡|苏木)"
_LIST_KIND = {"道": "road", "街": "road", "路": "road", "巷": "road", "河": "water", "湖": "water", "江": "water",
              "沟": "water", "渠": "water", "泉": "water", "库": "water", "山": "hill", "岭": "hill", "峰": "hill",
              "岛": "isle", "湾": "isle", "场": "unit", "岸": "port", "村": "village", "查": "village", "区": "village",
              "镇": "town", "乡": "town", "木": "town"}
_LIST_ITEM = r"[\u4e00-\u9fa5]{1,8}?"
_SITE_LIST = re.compile(rf"(?:{_LIST_ITEM}{_LIST_SUFFIX}、)+{_LIST_ITEM}{_LIST_SUFFIX}(?![\u4e00-\u9fa5]?(?:口|段|线|道|边|区|民|长|级|里|谷|头|场|水|岸|流|域))")
_NOT_SITE_HEAD = re.compile(r"^(?:各|全|每|本|该|等|新|老|一|二|两|三|几|多|重点|主要|中心|乡|村|镇|城|县|市|区|道|公|铁|水|大|小|山|河)$")
_KIND_HEADS = frozenset({"城市", "城镇", "农村", "乡村", "城区", "新型", "老旧", "智慧", "美丽", "文明", "和谐", "平安"})
_HEAD_TAGS = frozenset({"ns", "nr", "nrt", "nz", "x", "n", "a", "j", "s", "f", "b", "m", "nt", "eng"})


def _list_head(ex: Extraction, a: int, suf: int) -> int:
    """Start of the first list item: tokens left of its suffix while they can be part of a name
    (综合治理|清水河: the verb phrase stays out)."""
    tok = token_at(ex.doc, suf)
    start = tok[1] if tok and tok[1] >= a else suf
    while start > a:
        prev = token_at(ex.doc, start - 1)
        if prev is None or prev[1] < a or tag_of(prev[0]) not in _HEAD_TAGS or stops_name(prev[0]) \
                or suf - prev[1] > 6:
            break
        start = prev[1]
    return start


def _road_kinds(text: str, items: list[tuple[int, int, str]]) -> bool:
    """Does one item end in a kind of road (铁路, 断头路) or name a road of an industry (旅游路)?"""
    kinds = word_set("road_kinds.tsv")
    mods = word_set("industry_modifiers.tsv")
    for a, b, x in items:
        name = text[a:b]
        if any(name.endswith(k) for k in kinds) or name[: -len(x)][-2:] in mods:
            return True
    return False


def _listed_sites(ex: Extraction, taken: set[int]) -> list[Mention]:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    out: list[Mention] = []
    suffix = re.compile(_LIST_SUFFIX + "$")
    for m in _SITE_LIST.finditer(text):
        items, pos = [], m.start()
        for part in m.group(0).split("、"):
            items.append((pos, pos + len(part), suffix.search(part).group(0)))  # type: ignore[union-attr]
            pos += len(part) + 1
        if len({_LIST_KIND[x[-1]] for _, _, x in items}) > 1:
            continue  # 西山村、东湖: the items must share their kind
        a0, b0, x0 = items[0]
        items[0] = (_list_head(ex, a0, b0 - len(x0)), b0, x0)
        road = _LIST_KIND[x0[-1]] == "road"  # 新兴路, 建设大街: road names are everyday words
        if road and _road_kinds(text, items):
            continue  # 恢复铁路、改建铁路; 产业路、旅游路: a list of kinds of road, not of roads
        for a, b, x in items:
            name, head = text[a:b], text[a : b - len(x)]
            if tag_of(name) not in ("ns", "x", "nr", "nz", "nrt") and freq_of(name) >= 10:
                continue  # 铁路、高速公路: everyday words
            if len(name) < 3 or not head or _NOT_SITE_HEAD.match(head) or (not road and head in generic):
                continue
            if not road and tag_of(name) != "ns" and (head in _KIND_HEADS or freq_of(head) >= 500 and tag_of(head) in (
                    "n", "vn", "v", "a", "b", "d", "an")):
                continue  # 城市社区、农村社区; 养殖场、屠宰场: kinds, not names
            if _crosses(taken, a, b) or taken.intersection(range(a, b)) or any(c.isdigit() for c in name) \
                    or _everyday(name, head, x) and not road or head.endswith("之"):
                continue  # 长寿之乡: an honour, not a place
            kind = _LIST_KIND[x[-1]]
            if kind == "town" and ex.home and name not in gazetteer().town_names() \
                    or kind == "village" and x in ("村", "嘎查") and _outside_county(ex, name):
                continue  # a town or village in a list is one the gazetteer lists, as by its suffix
            out.append(Mention("Place", name, a, b, "places.list", 0.6, key=f"site:{ex.home}:{name}",
                               parent=home_key(ex.home)))
            taken.update(range(a, b))
    return out
