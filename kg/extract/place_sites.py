"""Named local sites found without a gazetteer entry: a proper name before a geographic suffix
(…景区, …水库, …大街), a rare word before a one-character river or lake word, the ends of a road
section or route (…至海斯改段); the items of a 、-list that share a place kind (新兴路、人民路) are
kg.extract.place_site_lists'.
Each rule is tied to evidence that the name is a place: the gazetteer for towns and villages,
the dictionary for everyday words, the kind shared by a list's items.
"""

from __future__ import annotations

import re

from kg.extract.context import COUNTRY, home_key
from kg.extract.text import (
    extend_suffixes,
    freq_of,
    has_proper,
    name_before,
    specific,
    stops_name,
    suffix_table,
    tag_of,
    tokens_in,
    tokens_within,
    word_set,
)
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction, Mention

# a named town or village never ends its name part in a level word (苏木|镇, 嘎查|村, 旗|镇|村)
_PLACE_STOP = frozenset({"全国", "全省", "全区", "全市", "全县", "全旗", "国家级", "省级"})
_LEVEL_TAIL = re.compile(r"(?:镇|乡|村|苏木|嘎查|旗|县|市|区|街道|城|屯)$")

_ROAD_END = re.compile(r"(?:至|到)([\u4e00-\u9fa5]{2,5}?)段")
# 高台子至朝鲁吐公路, 宜昌至郑州高铁: both ends of a named route are places
_ROUTE = re.compile(r"([\u4e00-\u9fa5]{2,4})(?:至|—|－|-|–)([\u4e00-\u9fa5]{2,4}?)(?=(?:等[0-9一二三四五六七八九十]*条)?(?:段|公路|高速|铁路|高铁|一级|二级|三级|快速路|城际|旅游公路|输变电|输电|线路|天然气管道|管线|供水工程|引水工程|输水工程))")


def out_spans(ms: list[Mention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in ms]


_CHAIN_ITEM = re.compile(r"([\u4e00-\u9fa5]{2,6})至([\u4e00-\u9fa5]{2,6})、$")


def site(ex: Extraction, name: str, s: int, e: int, source: str, confidence: float) -> Mention:
    """A place of the report's own county found by its form: keyed under the county, part of it."""
    return Mention("Place", name, s, e, source, confidence, key=f"site:{ex.home}:{name}", parent=home_key(ex.home))


def _chained(text: str, pos: int) -> list[tuple[int, int]]:
    """恩和林场至建设生产队、潮中至上护林、苏沁牧场至三河一队公路: the sections listed before a route
    share its road word, and their ends are places as well."""
    out: list[tuple[int, int]] = []
    while pos > 0 and text[pos - 1] == "、":
        m = _CHAIN_ITEM.search(text, max(0, pos - 14), pos)
        if m is None:
            break
        out += [m.span(1), m.span(2)]
        pos = m.start()
    return out


def road_ends(ex: Extraction, taken: set[int]) -> list[Mention]:
    """国道304线至海斯改段: the end of a road section is a named place."""
    out = []
    generic = word_set("generic_words.tsv")
    ends = [m.span(1) for m in _ROAD_END.finditer(ex.doc.clean)]
    for m in _ROUTE.finditer(ex.doc.clean):
        ends += [m.span(1), m.span(2), *_chained(ex.doc.clean, m.start())]
    for s, e in ends:
        if ex.doc.clean[s - 1 : s] not in ("至", "—", "－", "-", "–", "、") and e < len(ex.doc.clean) and ex.doc.clean[e] in "至—－-–":
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
        out.append(site(ex, name, s, e, "places.road-end", 0.6))
    return out


_WATER = frozenset([*"河湖江岛泡淖沟", "河子", "沟子", "泡子"])  # 乱泥|河子: the northern small river


_NATURE = frozenset("山水林田湖草沙河")
_WATER_ENDS = frozenset("河湖沟泡淖岛江错")


def _named_water(w: str) -> bool:
    """西柳沟, 黑赖沟, 洛古河: one token the segmenter built from unknown characters (or a rare place
    word) ending in a river, lake or gully word names that feature; 林田湖 (山水林田湖草沙) is a
    list of kinds, and 江 ends as many persons' names as rivers."""
    if len(w) < 3 or w[-1] not in _WATER_ENDS or all(c in _NATURE for c in w[:-1]):
        return False
    tag = tag_of(w)
    if w[-1] == "错":  # 佩枯错: a Tibetan lake, one unknown word (不错, 没错 are known words)
        return tag == "x" and freq_of(w) == 0
    if w[-1] == "江":  # 清凉江: a river the dictionary knows as a place (a person's 江 is nr)
        return tag == "ns" and freq_of(w) < 50
    if w[-1] == "湖" and tag == "nr":  # 雁栖湖: a lake the dictionary took for a person's name
        return freq_of(w) < 50
    return tag == "x" and freq_of(w) == 0 or tag == "ns" and freq_of(w) < (30 if w[-1] in "岛湾河湖" else 10)


_STREET_WORDS = frozenset({"路", "街", "大街", "大道", "东路", "西路", "南路", "北路", "中路"})
_NOT_STREET_NEXT = frozenset("线段口网径况费桥灯面")


def _named_street(ex: Extraction, i: int, taken: set[int]) -> Mention | None:
    """泰兴|路|排水管渠改造: a rare place word before a one-word street kind names a street of the
    town, inside a project's name or alone (a county or city report; not a road's line or section)."""
    toks = ex.doc.tokens
    w, s, _e = toks[i]
    nxt, _ns, ne = toks[i + 1]
    if nxt not in _STREET_WORDS or not 2 <= len(w) <= 4 or tag_of(w) != "ns" or freq_of(w) >= 500:
        return None
    if ex.doc.clean[ne : ne + 1] in _NOT_STREET_NEXT or taken.intersection(range(s, ne)):
        return None
    if not ex.home or ex.home == COUNTRY:
        return None
    return site(ex, ex.doc.clean[s:ne], s, ne, "places.street", 0.6)


def water_places(ex: Extraction, taken: set[int]) -> list[Mention]:
    """八家|河, 南松|运河: a rare two- or three-character word before a one-character river, lake or
    island word that stands alone as a token, right after punctuation or a verb."""
    out = []
    toks = ex.doc.tokens
    for i in range(1, len(toks)):
        w, s, e = toks[i]
        street = _named_street(ex, i, taken) if i + 1 < len(toks) and toks[i + 1][0] in _STREET_WORDS else None
        if street is not None:
            out.append(street)
            taken = taken | set(range(street.start, street.end))
            continue
        if _named_water(w) and not taken.intersection(range(s, e)):
            out.append(site(ex, w, s, e, "places.water", 0.65))
            continue
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
        out.append(site(ex, name, ps, e, "places.water", 0.65))
    return out


def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("place_suffixes.tsv")


# suffixes that always close a place name (…国家湿地公园, …自然保护区): the name need not look proper
STRONG_KINDS = frozenset({"scenic", "park", "reserve", "street"})


def crosses(taken: set[int], s: int, e: int) -> bool:
    """Does [s, e) cut a found name in two (rather than hold it whole or miss it)?"""
    return (s in taken and s - 1 in taken) or (e - 1 in taken and e in taken)


_EVERYDAY_TAILS = frozenset({"农村", "下乡", "带乡", "返乡", "回乡", "进村", "驻村", "入村", "到村", "城镇", "乡镇",
                             "集镇", "小镇", "城乡", "进镇", "入镇"})


def everyday(name: str, head: str, suffix: str) -> bool:
    """新型农村, 家电下乡, 城中村, 智慧牧场, 红色旅游景区: the suffix closes an everyday word (农村, 下乡),
    or the head is made of industry modifiers and kinds of site."""
    if len(suffix) == 1 and head[-1:] + suffix in _EVERYDAY_TAILS:
        return True
    mods = word_set("industry_modifiers.tsv") | word_set("site_kinds.tsv")
    rest = head
    while rest:  # 智慧|家庭|牧场, 红色|旅游景区: a head made of modifiers only
        cut = next((w for w in (rest[:3], rest[:2]) if w in mods), None)
        if cut is None:
            return False
        rest = rest[len(cut) :]
    return True


def _dictionary_word(name: str) -> bool:
    """康庄大道, 步行街: the whole candidate is a dictionary word, and not one it knows as a place."""
    return freq_of(name) > 0 and tag_of(name) not in ("ns", "nz", "nt", "x")


def _rare_head(ex: Extraction, s: int, pos: int) -> bool:
    """绒布|寺, 牙克石|林场: one rare noun (the dictionary has it fewer than 50 times) is the name."""
    toks = tokens_in(ex.doc, s, pos)
    return len(toks) == 1 and len(toks[0]) >= 2 and freq_of(toks[0]) < 50 and tag_of(toks[0]) in ("n", "nz", "ns", "x")


def _named_heritage(name: str, kind: str) -> bool:
    """隆兴寺, 白马寺: the dictionary knows a famous temple as a person's name (nr), still a site."""
    return kind == "heritage" and tag_of(name) == "nr" and freq_of(name) < 300


def outside_county(ex: Extraction, name: str) -> bool:
    """A county report whose villages the gazetteer lists, and a name that is none of them."""
    g = gazetteer()
    unit = g.units.get(ex.home) if ex.home else None
    if unit is None or unit.level != "county":
        return False
    villages = {loc.name for loc in g.locals_of(unit.code) if loc.level == "village"}
    return bool(villages) and name not in villages


def _found_tokens(ex: Extraction, taken: set[int]) -> list[tuple[int, int]]:
    """Tokens that lie inside places found before."""
    return [(s, e) for _w, s, e in ex.doc.tokens if s in taken and e - 1 in taken]


def port_name(ex: Extraction, s: int, e: int, generic: frozenset[str]) -> bool:
    """室韦|口岸: a border port is named by one word, rare or a place's (边境口岸, 陆路口岸 are kinds)."""
    words = [w for w in ex.doc.clean[s:e].split() if w]
    toks = tokens_within(ex.doc, s, e)
    if len(toks) != 1 or len(words) != 1:
        return False
    w = toks[0][0]
    return len(w) >= 2 and w not in generic and freq_of(w) < 100 and tag_of(w) not in ("v", "vn", "a", "d", "f", "b")


def _variant_village(ex: Extraction, name: str) -> bool:
    """侯家营子村 for the gazetteer's 候家营子村: a village of the county written with one character
    changed (four characters at least, the kind word the same)."""
    g = gazetteer()
    unit = g.units.get(ex.home) if ex.home else None
    if unit is None or unit.level != "county" or len(name) < 4:
        return False
    for loc in g.locals_of(unit.code):
        v = loc.name
        if loc.level == "village" and len(v) == len(name) and v[-1] == name[-1] and v != name \
                and sum(a != b for a, b in zip(v, name, strict=True)) == 1:
            return True
    return False


_GRADED = re.compile(r"(?:国家)?(?:[1-5]A|A{3,5})级(?:旅游)?$")
_COUNTED = re.compile(r"(?:[0-9一二三四五六七八九十两几首第]+[个家处座]|唯一|所有|全部|各|多)$")
_KNOWN_ONLY = frozenset({"宫", "山庄"})
_TOWN_BEFORE = re.compile(r"[\u4e00-\u9fa5]{2,8}?(?:镇|乡|苏木|街道)")
_BATCH = re.compile(r"(?:第?[0-9一二三四五六七八九十两几首]+批|新一批)")  # 第一批国家公园: a count


def suffix_places(ex: Extraction, taken: set[int]) -> list[Mention]:
    """Named local sites: a proper name before a geographic suffix (大青沟…景区, 西山湾水库). A site
    may hold a place found before (黑龙江肇源莲花湖国家湿地公园 holds 肇源); both are kept."""
    text = ex.doc.clean
    out = []
    rx, kinds = _suffix_re()
    generic = word_set("generic_words.tsv")
    own: set[int] = set()
    found_starts = frozenset(s for s, _e in _found_tokens(ex, taken))
    for m in rx.finditer(text):
        pos, suffix = m.start(), m.group(0)
        if pos in own:
            continue
        e = m.end() if len(suffix) == 1 else extend_suffixes(text, m.end(), rx)
        if text[pos : pos + 2] in ("乡村", "乡镇", "村镇", "镇村", "村屯", "街道"):
            continue  # 赋能乡村: 乡 begins a common word here, it is no town
        if e < len(text) and text[e] in "路线段" and text[e : e + 2] not in ("路面", "路灯"):
            continue  # 大街路口, 河段: the suffix is inside a longer word (not 大街|路面: the street's surface)
        # 莫尔道|嘎|国家森林公园: a town found before never stops the site named after it
        s = name_before(ex.doc, pos, max_len=16, stop=_PLACE_STOP, through=found_starts)
        if s is not None and kinds[suffix] == "village" and own.intersection(range(s, pos)):
            s = max(own.intersection(range(s, pos))) + 1  # 头台镇|仁和堡村: the village after its town
        if s is None or pos - s < 2 or crosses(taken, s, e) or own.intersection(range(s, e)):
            continue
        town = _TOWN_BEFORE.match(text, s, pos - 1)
        if town and all(i in taken for i in range(s, town.end())) and pos - town.end() >= 2:
            s = town.end()  # 大西沟乡|福寿山景区: a town found before opens the site's name, not part of it
        head = text[s : pos]
        if kinds[suffix] == "region":  # 培育|西陇海兰新线经济带: the verb before a region's name
            first = tokens_in(ex.doc, s, pos)[:1]
            if first and tag_of(first[0]) in ("v", "vn", "p", "d") and len(first[0]) < pos - s:
                s += len(first[0])
                head = text[s:pos]
        if head.endswith("之") or _BATCH.match(head):
            continue  # 中国长寿之乡, 生态之城: an honour, not a place
        graded = _GRADED.search(head)
        if graded and kinds[suffix] == "scenic" and graded.start() >= 2:
            e = pos = s + graded.start()  # 创建鸳鸯草场国家AAAA级景区: the site is named before its grade
            head, suffix = text[s:e], "景区"
            if _COUNTED.search(head):
                continue  # 柘荣首个4A级景区, 3家国家AAAA级景区: a count, not a name
        if any(c.isdigit() for c in head) or re.fullmatch(r"[A-Z]+级?", head):
            continue  # 2个景区, AAA级景区 are counts and grades, not names
        known = tag_of(text[s:e]) == "ns"  # 中央大街 is one word the dictionary knows as a place
        if suffix in _KNOWN_ONLY and not known:
            continue  # 布达拉宫, 避暑山庄 are words the dictionary knows as places; 少年宫, 宫颈 are not
        if not known and (_LEVEL_TAIL.search(head) or head in generic):
            continue
        kind = kinds[suffix]
        if kind in ("park", "heritage", "feature") and len(suffix) <= 4 and text[e : e + 2] in ("项目", "工程"):
            continue  # 辽代皇家遗址公园项目: a park being built is the project's
        if everyday(text[s:e], head, suffix):
            continue
        if kind in ("town", "village") and taken.intersection(range(s, e)):
            continue  # 头台镇仁和堡村 is two places already found, not a third
        if kind == "town" and not known and ex.home and text[s:e] not in gazetteer().town_names():
            continue  # 加沙地带残酷镇, 有多少个乡: with the report's place known, a town is one the gazetteer lists
        if text[e - 1 : e] == text[e : e + 1] or _dictionary_word(text[s:e]) and not _named_heritage(text[s:e], kind):
            continue  # 广播电视村|村通 (村村通: every village); 康庄大道: an idiom, no street
        if kind == "village" and not known and outside_county(ex, text[s:e]) and not _variant_village(ex, text[s:e]):
            continue  # 明星村, 示范村: a county report's villages are the gazetteer's, all found before
        if re.match(r"[一二三四五六七八九十]级", head):
            continue  # 一级保护区: a grade, not a name
        strong = kind in STRONG_KINDS and len(suffix) >= 4 and specific(ex.doc, s, pos, generic)
        strong = strong or kind == "port" and port_name(ex, s, pos, generic)
        strong = strong or kind == "village" and _variant_village(ex, text[s:e])
        strong = strong or bool(graded) and specific(ex.doc, s, pos, generic)  # only a named site has a grade
        # 正定|古城, 恩施|大峡谷: a place found before names the site it opens
        held = kind in ("heritage", "feature") and any(s <= x < pos for x in found_starts)
        held = held or kind in ("heritage", "feature", "unit") and _rare_head(ex, s, pos)
        if not (strong or known or held) and not has_proper(ex.doc, s, pos):  # 现有景区: no name
            continue
        name = text[s:e]
        out.append(site(ex, name, s, e, "places.suffix", 0.7))
        own.update(range(s, e))
    return out
