"""Items of a 、-list that share a place kind (新兴路、建设大街、人民路; 清水河、小黑河): each is a
place even when alone it is a common word, because the shared suffix is the evidence. Split from
kg.extract.place_sites, whose tests of a name (a port's word, an everyday word, a village of the
county) the items pass as a site by its suffix does.
"""

from __future__ import annotations

import re

from kg.extract.place_sites import crosses, everyday, outside_county, port_name, site
from kg.extract.text import freq_of, has_proper, stops_name, tag_of, token_at, word_set
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction, Mention

# 新兴路、建设大街、人民路; 清水河、小黑河: names that share a place kind in one list are places even
# when each alone is a common word (人民路); the shared suffix is the evidence
_LIST_SUFFIX = r"(?:大道|大街|路|街|巷|河|湖|江|沟|渠|山|岭|峰|岛|湾|泉|水库|林场|牧场|农场|渔场|口岸|村|嘎查|社区|镇|乡|苏木)"
_LIST_KIND = {"道": "road", "街": "road", "路": "road", "巷": "road", "河": "water", "湖": "water", "江": "water",
              "沟": "water", "渠": "water", "泉": "water", "库": "water", "山": "hill", "岭": "hill", "峰": "hill",
              "岛": "isle", "湾": "isle", "场": "unit", "岸": "port", "村": "village", "查": "village", "区": "village",
              "镇": "town", "乡": "town", "木": "town"}
_LIST_ITEM = r"[\u4e00-\u9fa5]{1,8}?"
_SITE_LIST = re.compile(rf"(?:{_LIST_ITEM}{_LIST_SUFFIX}、)+{_LIST_ITEM}{_LIST_SUFFIX}(?!{_LIST_SUFFIX})(?![\u4e00-\u9fa5]?(?:口|段|线|道|边|区|民|长|级|里|谷|头|场|水(?!质|生态|环境|资源)|岸|流|域))")
_NOT_SITE_HEAD = re.compile(r"^(?:各|全|每|本|该|等|新|老|一|二|两|三|几|多|重点|主要|中心|乡|村|镇|城|县|市|区|道|公|铁|水|大|小|山|河)$")
_GRADE_HEAD = re.compile("(?:国家|省|市|县|区|旗|州|自治区)级")
_KIND_HEADS = frozenset({"城市", "城镇", "农村", "乡村", "城区", "新型", "老旧", "智慧", "美丽", "文明", "和谐", "平安"})
# 滨江路、向阳大街、中心街等城区道路12条: the list closes on its own kind, roads; its items are names
_ROADS_AFTER = re.compile(r"等(?:[0-9一二三四五六七八九十]+条)?[\u4e00-\u9fa5]{0,4}?(?:道路|街路|街巷|干道|路段)")
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
    """Do half the items or more end in a kind of road (铁路, 断头路) or name a road of an industry
    (旅游路)? One such among named streets (滨江路、向阳大街、中心街) is a street named so."""
    kinds = word_set("road_kinds.tsv")
    mods = word_set("industry_modifiers.tsv")
    n = sum(1 for a, b, x in items if any(text[a:b].endswith(k) for k in kinds) or text[a : b - len(x)][-2:] in mods)
    return n > 0 and 2 * n >= len(items)


def listed_sites(ex: Extraction, taken: set[int]) -> list[Mention]:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    out: list[Mention] = []
    suffix = re.compile(_LIST_SUFFIX + "$")
    for m in _SITE_LIST.finditer(text):
        whole, roads_after = m.group(0), _ROADS_AFTER.match(text, m.end()) is not None
        cut = whole.rfind("等")  # 文化街|等道路: the list closed on its kind inside the last item
        if cut > whole.rfind("、") and _ROADS_AFTER.match(text, m.start() + cut) and suffix.search(whole[:cut]):
            whole, roads_after = whole[:cut], True
        items, pos = [], m.start()
        for part in whole.split("、"):
            items.append((pos, pos + len(part), suffix.search(part).group(0)))  # type: ignore[union-attr]
            pos += len(part) + 1
        if len({_LIST_KIND[x[-1]] for _, _, x in items}) > 1:
            continue  # 西山村、东湖: the items must share their kind
        a0, b0, x0 = items[0]
        items[0] = (_list_head(ex, a0, b0 - len(x0)), b0, x0)
        road = _LIST_KIND[x0[-1]] == "road"  # 新兴路, 建设大街: road names are everyday words
        if road and _road_kinds(text, items):
            continue  # 恢复铁路、改建铁路; 产业路、旅游路: a list of kinds of road, not of roads
        verdicts = [_item_verdict(ex, a, b, x, road, generic, taken) for a, b, x in items]
        named = len([v for v in verdicts if v in ("ok", "found")]) >= max(2, len(items) // 2)
        if road and roads_after or (road or _LIST_KIND[x0[-1]] == "port") and named:
            verdicts = ["ok" if v == "everyday" else v for v in verdicts]  # 文化街 among named streets, 甘其毛都 among ports
        for (a, b, _x), v in zip(items, verdicts, strict=True):
            if v != "ok":
                continue
            name = text[a:b]
            out.append(site(ex, name, a, b, "places.list", 0.6))
            taken.update(range(a, b))
    return out


def _item_verdict(ex: Extraction, a: int, b: int, x: str, road: bool, generic: frozenset[str],
                  taken: set[int]) -> str:
    """Is one item of a place list a place ("ok"), one found before ("found"), an everyday word
    ("everyday": 文化街, a place only among named streets) or no place ("no")?"""
    text = ex.doc.clean
    name, head = text[a:b], text[a : b - len(x)]
    kind = _LIST_KIND[x[-1]]
    if len(name) < 3 or not head or _NOT_SITE_HEAD.match(head) or (not road and head in generic):
        return "no"
    if _GRADE_HEAD.match(head):
        return "no"  # 省级特色美食村, 国家级示范村: an honour of some village, not its name
    if all(i in taken for i in range(a, b)):
        return "found"  # 兴安街: named by its suffix before
    inside = sorted(taken.intersection(range(a, b)))
    if inside and (inside[0] != a or inside != list(range(a, inside[-1] + 1))):
        return "no"  # 续建安徽梅山水库: a place found before may open an item, not sit inside it
    if crosses(taken, a, b) or any(c.isdigit() for c in name) \
            or head.endswith("之") or kind in ("town", "village") and taken.intersection(range(a, b)):
        return "no"  # 长寿之乡: an honour; 奇乾|路 holds a place found before and is one more
    if not road and tag_of(name) != "ns" and (head in _KIND_HEADS or freq_of(head) >= 500 and tag_of(head) in (
            "n", "vn", "v", "a", "b", "d", "an")):
        return "no"  # 城市社区、农村社区; 养殖场、屠宰场: kinds, not names
    if kind == "port" and not port_name(ex, a, b - len(x), generic):
        # 边境口岸、陆路口岸: kinds of port; 甘其毛都 (cut in pieces by the segmenter) is a name among named ports
        return "everyday" if freq_of(head) == 0 and has_proper(ex.doc, a, b - len(x)) else "no"
    if kind == "town" and ex.home and name not in gazetteer().town_names() \
            or kind == "village" and x in ("村", "嘎查") and outside_county(ex, name):
        return "no"  # a town or village in a list is one the gazetteer lists, as by its suffix
    if tag_of(name) not in ("ns", "x", "nr", "nz", "nrt") and freq_of(name) >= 10 or everyday(name, head, x) and not road:
        return "everyday"  # 铁路、高速公路: everyday words
    return "ok"
