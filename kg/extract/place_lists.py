"""Gazetteer names that only a list makes places: a short form that is rejected alone (an everyday
word, a far city the dictionary tags a verb or a person's name, a village's two-character name)
is a place when it stands in a 、-list right beside a place found before: 金台、唐垴、荆南、借粮湖等
村 (villages of the county), 赶赴上海、贵阳、遵义等地, 与玉林、梧州两市. The neighbour is the evidence;
a candidate with no found neighbour stays out, however many candidates stand together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kg.extract.context import home_key
from kg.extract.matcher import Matcher
from kg.extract.text import (
    freq_of,
    has_proper,
    name_before,
    stops_name,
    tag_of,
    token_at,
    tokens_in,
    word_set,
)
from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Local, gazetteer, town_short
from kg.model import Extraction, Mention

_SEP = "、和及与"
_COUNTED = re.compile("[0-9一二三四五六七八九十两几]+(?:个|条|座|处|省|市|县|区|州|盟|旗|镇|乡|村)")  # 鹿鸣、东山两个乡; 上海6省市
_CLOSE = "、，,。；;：:等和及与）)”"
# kinds of area, not names, even in a list of places (城区、开发区; 高新区、经开区)
KIND_SHORTS = frozenset({"城区", "郊区", "矿区", "新区", "市辖区", "开发区", "高新区", "高新", "经开", "东区", "西区",
                         "南区", "北区", "新城", "城中", "园区", "城关", "河口", "江口"})


def weak_admin(ex: Extraction, s: int, e: int) -> Mention | None:
    """A division's name rejected alone, kept as a list candidate (a short form of a development
    zone or a kind of area never is)."""
    name = ex.doc.clean[s:e]
    u = gazetteer().resolve(name, within=ex.home)
    if u is None or name in KIND_SHORTS or len(name) < 2 or u.level == "country":
        return None
    if "70" <= u.code[4:6] < "80" and name != u.name:
        return None
    if u.level == "county" and (not ex.home or u.code[:2] != ex.home[:2]) and not (tag_of(name) == "ns" and freq_of(name) < 500 and name not in AMBIGUOUS_SHORT
                     and name[-1] not in _WATER_ENDS):  # 清水河、葫芦河: far off, a county named like a river is the river
        return None  # 笄山温泉: a far county's short form, inside a local name (长汀 the dictionary knows as a place)
    return Mention("Place", name, s, e, "places.listed", 0.75, key=f"adm:{u.code}", code=u.code,
                   parent=f"adm:{u.parent}" if u.parent else None)


@lru_cache(maxsize=64)
def _weak_locals(home: str) -> Matcher[Local]:
    """Two-character names of the county's villages (金台村 → 金台) and towns' short forms that the
    rarity checks refused alone."""
    m: Matcher[Local] = Matcher()
    for loc in gazetteer().locals_of(home):
        short = town_short(loc.name) if loc.level == "town" else _two_char_village(loc.name)
        if short and short not in KIND_SHORTS:
            m.add(short, loc)
        if loc.level == "town" and len(loc.name) == 2:  # 堡镇、庙镇: a town of one character and its kind
            m.add(loc.name, loc)
    return m


def _two_char_village(name: str) -> str | None:
    """金台村 → 金台, 伊和乌素嘎查 → 伊和乌素: a village's name without its kind, two characters or more."""
    for tail in ("嘎查村", "嘎查", "村委会", "村", "屯"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[: -len(tail)]
    return None


def weak_locals(ex: Extraction, taken: set[int]) -> list[Mention]:
    """List candidates among the county's towns and villages (a county report only)."""
    if not ex.home or gazetteer().units.get(ex.home) is None or gazetteer().units[ex.home].level != "county":
        return []
    out = []
    for s, e, loc in _weak_locals(ex.home).scan(ex.doc.clean):
        if taken.intersection(range(s, e)):
            continue
        parent = f"loc:{loc.county}:{loc.town}" if loc.town else f"adm:{loc.county}"
        out.append(Mention("Place", ex.doc.clean[s:e], s, e, "places.listed", 0.75,
                           key=f"loc:{loc.county}:{loc.name}", parent=parent))
    return out


def listed(ex: Extraction, found: list[Mention], weak: Iterable[Mention]) -> list[Mention]:
    """Candidates right beside a found place in a 、-list, repeated so that a chain of them
    (金台、唐垴、荆南、借粮湖) is taken from its found end."""
    text = ex.doc.clean
    starts = {m.start for m in found}
    ends = {m.end for m in found}
    covered = {i for m in found for i in range(m.start, m.end)}
    weak = list(weak)
    waters = {w.key for w in weak if w.extractor == "places.listed" and w.surface[-1:] in _WATER_ENDS
              and (w.key or "").startswith("site:")}
    # 永定河、清河、南沙河: among rivers a name is the river before a town's short form (清河街道)
    pending = sorted((w for w in weak if not covered.intersection(range(w.start, w.end))),
                     key=lambda w: (w.start, w.key not in waters))
    water_starts = {m.start for m in found if m.surface[-1:] in _WATER_ENDS}
    out: list[Mention] = []
    changed = True
    while changed and pending:
        changed = False
        for w in list(pending):
            s, e = w.start, w.end
            left = text[s - 1 : s] in _SEP and s - 1 in ends
            right = text[e : e + 1] in _SEP and e + 1 in starts
            if w.key and w.key in waters:  # a river's neighbour must be water too (清水河、葫芦河)
                left = left and text[s - 2 : s - 1] in _WATER_ENDS
                right = right and e + 1 in water_starts
            opens = s == 0 or text[s - 1] in _CLOSE or _stop_at(ex, s - 1, s)
            closes = e >= len(text) or text[e] in _CLOSE or _stop_at(ex, e, e) or bool(_COUNTED.match(text, e))
            if not (left and closes or right and opens):
                continue
            if covered.intersection(range(s, e)):
                pending.remove(w)
                continue
            out.append(w)
            pending.remove(w)
            starts.add(s)
            ends.add(e)
            if w.surface[-1:] in _WATER_ENDS:
                water_starts.add(s)
            covered.update(range(s, e))
            changed = True
    return out


def _stop_at(ex: Extraction, i: int, edge: int) -> bool:
    """Is the token at ``i`` a word no name holds (a verb, a particle), and does it start or end
    at ``edge`` (the candidate's own edge, so the candidate is whole tokens there)?"""
    tok = token_at(ex.doc, i)
    return tok is not None and edge in (tok[1], tok[2]) and stops_name(tok[0])


# 恩施大峡谷、腾龙洞、神农溪等景区; 金台、唐垴、荆南、借粮湖等6个省级美丽宜居乡村: a 、-list closed by
# 等 and a kind of local place (a few grade or honour words may stand between) lists places of
# that kind, whatever their own suffix
_KINDS = "景区|景点|旅游区|度假区|乡镇|苏木镇|苏木|镇|乡|村|嘎查|社区|街道|河流|河道|湖泊|水库|口岸|林场|牧场|农场"
_GRADES = ("(?:国家级|省级|市级|县级|自治区级|[1-5３４５]A级|A{3,5}级|重点|示范|美丽|宜居|特色|精品|旅游|乡村|传统|少数民族|"
           "中心|边境|贫困|脱贫|行政|建制|网红|打卡|休闲|生态)*")
_COUNT = "[0-9一二三四五六七八九十两几多百]+(?:个|条|座|处|家|大)"
_KIND_CLOSE = re.compile(rf"(?:等(?:{_COUNT})?|{_COUNT}){_GRADES}(?:{_KINDS})(?![\u4e00-\u9fa5]?(?:长|委|民|干部|书记|级|振兴|建设|面貌|环境|集体))")
_LEAD = re.compile("(?:全?[省市县区旗州盟镇乡]|其中|下)?辖(?:区内)?|包括|其中")
_ITEM_STOP = frozenset("，,。；;：:（）()“”《》")


def kind_listed(ex: Extraction, taken: set[int]) -> list[Mention]:
    """Items of a 、-list closed by 等 and a kind of local place: each one is a place of the report's
    own county (or city), unless it is found already, holds a verb, a figure or no proper name."""
    if not ex.home:
        return []
    text = ex.doc.clean
    out: list[Mention] = []
    for m in _KIND_CLOSE.finditer(text):
        items: list[tuple[int, int]] = []
        end = m.start()
        if end == 0 or not "\u4e00" <= text[end - 1] <= "\u9fa5":
            continue  # …服务站、16个村: the count opens the next item, it closes no list
        while True:
            sep = max(text.rfind(c, max(0, end - 12), end) for c in "、")
            if sep < 0 or any(c in _ITEM_STOP for c in text[sep + 1 : end]):
                break
            items.append((sep + 1, end))
            end = sep
        if not items:
            continue
        first = name_before(ex.doc, end, max_len=10)
        if first is None or any(c in _ITEM_STOP for c in text[first:end]):
            continue
        lead = _LEAD.match(text, first, end)  # 县辖|祥城、沙龙…八个镇: the level word and 辖 are no name
        items.append((lead.end() if lead else first, end))
        for s, e in items:
            if _list_item(ex, s, e, taken):
                out.append(Mention("Place", text[s:e], s, e, "places.kind-list", 0.65,
                                   key=f"site:{ex.home}:{text[s:e]}", parent=home_key(ex.home)))
                taken.update(range(s, e))
    return out


def _list_item(ex: Extraction, s: int, e: int, taken: set[int]) -> bool:
    text = ex.doc.clean
    name = text[s:e]
    if not 2 <= len(name) <= 10 or any(c.isdigit() or c in _ITEM_STOP for c in name):
        return False
    inside = taken.intersection(range(s, e))
    if inside and (len(inside) == e - s or s not in inside or e - 1 in inside):
        return False  # found whole, or a found place inside or at its end: no new place
    toks = tokens_in(ex.doc, s, e)
    if "".join(toks) != name or any(stops_name(t) for t in toks):
        return False
    return has_proper(ex.doc, s, e) and not _dictionary_word(name)


def _dictionary_word(name: str) -> bool:
    """团结, 太平, 红旗: everyday words (or a place word as common as 太平) are no evidence of a name."""
    return freq_of(name) >= 500 or freq_of(name) > 0 and tag_of(name) not in ("ns", "nz", "nt", "x", "nr")


# 清水河、葫芦河、泾河; 绵江河、贡江: a river, lake or gully named by an everyday word (葫芦) is still a
# river in a 、-list beside a water place found before; kinds (江河, 河湖, 沟河) are no names
_WATER_ITEM = re.compile(r"(?<=[、，,；;：:（(“])([\u4e00-\u9fa5]{1,4}?(?:河|江|湖|溪|沟))(?=[、，,。；;）)”等和及与])")
_WATER_ENDS = frozenset("河江湖溪沟")
_WATER_KINDS = frozenset({"江河", "河湖", "湖河", "沟河", "河沟", "山河", "内河", "界河", "小河", "大河", "运河", "长江", "湖"})


def weak_waters(ex: Extraction, taken: set[int]) -> list[Mention]:
    """List candidates: items of a 、-list that end in a water word; ``listed`` keeps those beside a
    found place whose own name ends in a water word (the list is one of rivers, not of towns)."""
    text = ex.doc.clean
    out = []
    for m in _WATER_ITEM.finditer(text):
        s, e = m.span(1)
        name = m.group(1)
        if len(name) < 2 or name in _WATER_KINDS or taken.intersection(range(s, e)):
            continue
        toks = tokens_in(ex.doc, s, e)
        if "".join(toks) != name or any(stops_name(t) for t in toks):
            continue
        out.append(Mention("Place", name, s, e, "places.listed", 0.7, key=f"site:{ex.home}:{name}", parent=home_key(ex.home)))
    return out


# 吉隆、樟木、普兰口岸: the items before a found port (or scenic area, reservoir, farm) share its kind
_SHARED_KINDS = ("口岸", "景区", "水库", "林场", "农场", "牧场")


def shared_kind(ex: Extraction, found: list[Mention], taken: set[int]) -> list[Mention]:
    """Items of a 、-list whose last item is a found site of a place kind, written once for all."""
    text = ex.doc.clean
    out: list[Mention] = []
    for site in found:
        if not site.surface.endswith(_SHARED_KINDS) or text[site.start - 1 : site.start] != "、":
            continue
        end = site.start - 1
        while True:
            sep = max(text.rfind(c, max(0, end - 8), end) for c in "、，,。；;：:（）()“”")
            if sep < 0:
                break
            s, e = sep + 1, end
            if _shared_item(ex, s, e, taken):
                out.append(Mention("Place", text[s:e], s, e, "places.kind-list", 0.65,
                                   key=f"site:{ex.home}:{text[s:e]}", parent=home_key(ex.home)))
                taken.update(range(s, e))
            elif not taken.issuperset(range(s, e)):
                break  # an item neither found nor a name ends the list
            if text[sep] != "、":
                break
            end = sep
    return out


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    return word_set("generic_words.tsv") | word_set("site_kinds.tsv")


def _shared_item(ex: Extraction, s: int, e: int, taken: set[int]) -> bool:
    """A name of two to six characters, whole tokens, no verb, grade or generic word (樟木, not 省级)."""
    name = ex.doc.clean[s:e]
    if not 2 <= len(name) <= 6 or not all("\u4e00" <= c <= "\u9fa5" for c in name) or taken.intersection(range(s, e)):
        return False
    toks = tokens_in(ex.doc, s, e)
    generic = _kind_words()
    return "".join(toks) == name and not any(stops_name(t) or t in generic for t in toks) \
        and name[-1] not in "级个座处家" and name not in generic
