"""Places: divisions of China (with codes), towns and villages of the report's own county,
foreign countries and cities, named regions and natural features, and named local sites found
from their suffixes (…河, …湖, …景区, …湿地公园).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
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
    word_set,
)
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Local, Unit, gazetteer, town_short, world
from kg.model import Extraction, Mention

ADMIN_SUFFIX = re.compile(r"(省|自治区|市|州|盟|地区|县|旗|区|自治县|自治旗|林区|特区)$")
_NOT_COUNTRY_NEXT = frozenset("族语文字人牛马羊菜式")
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
            m.add(n, ("region", canon))
    return m


def _locals(county: str) -> Matcher[Local]:
    m: Matcher[Local] = Matcher()
    g = gazetteer()
    for loc in g.locals_of(county):
        if len(loc.name) >= 3:
            m.add(loc.name, loc)
        if loc.level == "town":
            short = town_short(loc.name)
            # 肇源 names the county before its seat 肇源镇: a division's name wins over a town's short form
            if short and short not in AMBIGUOUS_SHORT and short not in g.by_name and not _common_word(short):
                m.add(short, loc)
    return m


def _in_text(text: str, name: str, seen: dict[str, bool]) -> bool:
    if name not in seen:
        seen[name] = name in text
    return seen[name]


def _common_word(word: str) -> bool:
    """工业 (of 工业街道), 城关 (of 城关镇): a short form that is an everyday word is no name."""
    return freq_of(word) >= 500 and tag_of(word) not in ("ns", "nr", "nrt")


def _admin_mention(ex: Extraction, s: int, e: int, units: list[Unit], seen: dict[str, bool]) -> Mention | None:
    g = gazetteer()
    name = ex.doc.clean[s:e]
    u = g.resolve(name, within=ex.home)
    if u is None:
        return None
    full = name == u.name or name in u.old_names
    near = bool(ex.home) and u.code[:2] == ex.home[:2]  # type: ignore[index]
    if u.code[4:6] >= "70" and not full:  # development zones: 高新区, 经开区 name dozens of places
        return None
    if not full:
        if name in AMBIGUOUS_SHORT or not is_boundary(ex.doc, s, e):
            return None
        if u.level == "county" and not near and not _in_text(ex.doc.clean, u.name, seen):
            return None
        if not near and u.level != "province" and tag_of(name) not in FAR_PLACE_TAGS:
            return None  # 长治 in 长治久安, 公安 in 公安机关: common words far from home
    elif not near and (len(name) <= 2 or not is_boundary(ex.doc, s, e)):
        return None  # 和县 in 乡镇和县直部门, 成县 in 建成县城: far away and not a word here
    conf = 0.95 if full else 0.85
    return Mention("Place", name, s, e, "places.admin", conf, key=f"adm:{u.code}", code=u.code,
                   parent=f"adm:{u.parent}" if u.parent else None)


@component("places")
def places(ex: Extraction) -> None:
    text = ex.doc.clean
    found: list[Mention] = []
    taken: set[int] = set()
    if ex.home:
        for s, e, loc in _locals(ex.home).scan(text):
            if e - s < len(loc.name) and not loose_boundary(ex.doc, s, e):
                continue
            parent = f"loc:{ex.home}:{loc.town}" if loc.town else f"adm:{ex.home}"
            found.append(Mention("Place", text[s:e], s, e, "places.local", 0.85,
                                 key=f"loc:{ex.home}:{loc.name}", parent=parent))
            taken.update(range(s, e))
    sentences = ex.doc.sentences
    seen: dict[str, bool] = {}  # name → found in the text: searched once, not once per mention
    for s, e, (kind, val) in _national().scan(text):
        if taken.intersection(range(s, e)):
            continue
        if kind == "adm":
            m = _admin_mention(ex, s, e, val, seen)  # type: ignore[arg-type]
        elif kind == "world":
            canon, country = val  # type: ignore[misc]
            if not is_boundary(ex.doc, s, e) or text[e : e + 1] in _NOT_COUNTRY_NEXT:
                continue  # 蒙古族 is a people, 蒙古牛 a breed, not the country
            if country:
                sent = sentences[ex.doc.sentence_at(s)].text if sentences else text
                if country not in sent:
                    continue
            m = Mention("Place", text[s:e], s, e, "places.world", 0.9, key=f"world:{canon}",
                        parent=f"world:{country}" if country else None)
        else:
            if text[e : e + 2] in ("特色", "共产") or text[e : e + 1] in ("人", "梦", "式", "制"):
                continue  # 中国特色社会主义, 中国共产党, 中国人: not the place
            m = Mention("Place", text[s:e], s, e, "places.region", 0.9, key=f"region:{val}")
        if m:
            found.append(m)
            taken.update(range(s, e))
    found.extend(_suffix_places(ex, taken))
    found.extend(_water_places(ex, taken | {i for m in found for i in range(m.start, m.end)}))
    found.extend(_road_ends(ex, {i for m in found for i in range(m.start, m.end)}))
    ex.mentions.extend(found)


_ROAD_END = re.compile(r"(?:至|到)([\u4e00-\u9fa5]{2,5}?)段")


def _road_ends(ex: Extraction, taken: set[int]) -> list[Mention]:
    """国道304线至海斯改段: the end of a road section is a named place."""
    out = []
    generic = word_set("generic_words.tsv")
    for m in _ROAD_END.finditer(ex.doc.clean):
        s, e = m.span(1)
        name = m.group(1)
        if taken.intersection(range(s, e)) or name in generic or _LEVEL_TAIL.search(name) and len(name) <= 2:
            continue
        if not has_proper(ex.doc, s, e) and tag_of(name) != "ns":
            continue
        out.append(Mention("Place", name, s, e, "places.road-end", 0.6, key=f"site:{ex.home}:{name}",
                           parent=f"adm:{ex.home}" if ex.home else None))
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
                           parent=f"adm:{ex.home}" if ex.home else None))
    return out


def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("place_suffixes.tsv")


# suffixes that always close a place name (…国家湿地公园, …自然保护区): the name need not look proper
STRONG_KINDS = frozenset({"scenic", "park", "reserve", "street"})


def _crosses(taken: set[int], s: int, e: int) -> bool:
    """Does [s, e) cut a found name in two (rather than hold it whole or miss it)?"""
    return (s in taken and s - 1 in taken) or (e - 1 in taken and e in taken)


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
        if s is None or m.start() - s < 2 or _crosses(taken, s, e) or own.intersection(range(s, e)):
            continue
        head = text[s : m.start()]
        if any(c.isdigit() for c in head) or re.fullmatch(r"[A-Z]+级?", head):
            continue  # 2个景区, AAA级景区 are counts and grades, not names
        known = tag_of(text[s:e]) == "ns"  # 中央大街 is one word the dictionary knows as a place
        if not known and (_LEVEL_TAIL.search(head) or head in generic):
            continue
        kind = kinds[m.group(0)]
        if kind in ("town", "village") and taken.intersection(range(s, e)):
            continue  # 头台镇仁和堡村 is two places already found, not a third
        if re.match(r"[一二三四五六七八九十]级", head):
            continue  # 一级保护区: a grade, not a name
        strong = kind in STRONG_KINDS and len(m.group(0)) >= 4 and specific(ex.doc, s, m.start(), generic)
        if not (strong or known) and not has_proper(ex.doc, s, m.start()):  # 现有景区: no name
            continue
        name = text[s:e]
        out.append(Mention("Place", name, s, e, "places.suffix", 0.7, key=f"site:{ex.home}:{name}",
                           parent=f"adm:{ex.home}" if ex.home else None))
        own.update(range(s, e))
    return out
