"""Enterprises that own a project: the name that opens it (A集团X项目, 鑫旺|100万吨氧化铝项目).

A report lists what firms build by naming the firm and then the plant: 庆翔|生物质热电联产,
中轩|6000吨多功能凝胶, 骑士|五期2.5万头奶牛养殖. The head of such a project is its owner when

* it is a rare name and a production word follows (the first rule: 鲁源日升|兽药加工), or
* it is a word the dictionary does not know and a production capacity or a phase follows it at
  once (荣信|80万吨烯烃项目, 鑫旺|100万吨氧化铝项目): a place, a product (肉牛|10万头), a public body
  (旗人民医院|二期) or a scope word (开发区, 首个) never owns a capacity (owner_not_names.tsv). On
  the check documents, admitting dictionary words or units of equipment (台, 套, 辆) added a wrong
  firm each; or
* it stands before a capacity in a 、-list of projects of which another one's head is a firm
  (信义|180万吨光伏玻璃、恒毅|7万只石英坩埚; component ``owner-lists``, run after the tagger's
  firms): one sense per list, so a name the dictionary also knows as a word (信义) is a firm there.

The project keeps its whole name; the firm is its owner at its head (a relation reads it there).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.enterprises import (
    _COUNT,
    _PRODUCTION,
    OWNER_TAGS,
    _category_head,
    _clause_start,
    _place_only,
    _Places,
    _token_index,
    _trade_name,
    enterprise_key,
)
from kg.extract.firm_invested import industry_after, invested_owner
from kg.extract.firm_project_lists import project_list_firms
from kg.extract.firms_lac import _OWNED, typed_offsets
from kg.extract.text import freq_of, load_tsv, tag_of, token_at, word_set
from kg.model import Extraction, Mention

EXTRACTOR = "enterprises.project-owner"
LIST_EXTRACTOR = "enterprises.owner-list"
COMMON_FREQ = 20  # 恒毅 (3), 德农 (2) are trade names; a word this frequent needs a list of firms around it
# a capacity or a phase right after the owner: 100万吨, 1.5GW, 2.5万头, 二期, 五期2.5万头
_CAPACITY = re.compile(
    r"(?:[一二三四五六七八九十\d]+期)?(?:年产)?[\d.]+[万亿千]?(?:吨|千瓦|兆瓦|GWh|GW|MWh|MW|头|羽)"
    r"|[一二三四五六七八九十]+期"
    r"|年产[\d.]+[万亿千]?[台套辆件只片块张条支副]")  # 华晟隆|年产20万辆: 年产 says a plant makes them


@lru_cache(maxsize=1)
def _not_owner() -> tuple[re.Pattern, frozenset[str]]:
    """What a project's head ends with when it names the product, the public body or the site that
    the capacity belongs to (肉牛, 医院, 矿井), and heads that are words of scope (首个, 开发区)."""
    rows = load_tsv("owner_not_names.tsv")
    ends = sorted((r[0] for r in rows if r[1] == "end"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, ends)) + ")$"), frozenset(r[0] for r in rows if r[1] == "whole")


def _head_end(ex: Extraction, p: Mention, loose: bool) -> int:
    """End of the name opening project ``p``: tokens that are proper names, unknown words or single
    characters gluing into no word (中|扶 九州), at most 4 characters; ``loose`` also takes rare words."""
    e = p.start
    k = _token_index(ex, p.start)
    toks = ex.doc.tokens[k : k + 64]  # the loop stops within 5 characters; a slice to the end was quadratic
    for i, (w, _ts, te) in enumerate(toks):
        glued = len(w) == 1 and i + 1 < len(toks) and len(toks[i + 1][0]) == 1 and freq_of(w + toks[i + 1][0]) == 0
        named = tag_of(w) in OWNER_TAGS or freq_of(w) == 0 or glued or (i > 0 and e - p.start == 1) \
            or loose and len(w) >= 2 and freq_of(w) < COMMON_FREQ and tag_of(w) not in ("m", "q", "t", "v")
        if te > p.end or not named or te - p.start > 4 or any(c.isdigit() for c in w):
            break
        e = te
    text = ex.doc.clean
    if not loose and e - p.start == 2 and (tok := token_at(ex.doc, e)) is not None and tok[1] == e and len(tok[0]) == 1 \
            and tag_of(tok[0]) == "ng" and freq_of(text[p.start : e + 1]) == 0 \
            and (nxt := token_at(ex.doc, e + 1)) is not None and nxt[1] == e + 1 and len(nxt[0]) >= 2:
        e += 1  # 盛德|源|二甲醚装置: a bound syllable (ng) left alone is the name's; 蒙宝|牛 (a free noun) is the product's
    if loose and e - p.start >= 2 and e + 1 - p.start <= 4 and "\u4e00" <= text[e] <= "\u9fa5" \
            and not _CAPACITY.match(text, e) and _CAPACITY.match(text, e + 1):
        e += 1  # 宁国|运|100万千瓦: the segmenter took the name's head for a place and cut its last syllable
    return e


def _rejoined(ex: Extraction, s: int, e: int) -> bool:
    """盛德|源: a proper name of two characters and a syllable left alone make an unknown word, a
    trade name though its parts are common."""
    tok = token_at(ex.doc, s)
    return e - s == 3 and tok is not None and tok[2] == s + 2 and tag_of(tok[0]) in ("nr", "nz", "nrt") \
        and freq_of(ex.doc.clean[s:e]) == 0


def _owner_shape(ex: Extraction, s: int, e: int, places: _Places, listed: bool = False) -> bool:
    """Can [s, e) own a capacity: no place, product, public body, number or kind of firm (a word
    the dictionary knows well is one, unless it is ``listed`` among firms)."""
    text = ex.doc.clean
    name = text[s:e]
    ends, whole = _not_owner()
    if not 2 <= len(name) <= 6 or _COUNT.search(name) or ends.search(name) or name in whole:
        return False
    if name in word_set("generic_words.tsv") or _place_only(places, s, e):
        return False
    from kg.lexicons.gazetteer import gazetteer

    if name in gazetteer().by_name or any(tag_of(w) in ("m", "q", "t", "v", "vn", "p", "d") for w, _, _ in _tokens(ex, s, e)):
        return False
    return not (not listed and _category_head(ex, s, e) and freq_of(name) >= COMMON_FREQ) and not _clause_start(ex, s, e)


def _tokens(ex: Extraction, s: int, e: int) -> list[tuple[str, int, int]]:
    k = _token_index(ex, s)
    return [t for t in ex.doc.tokens[k : k + 8] if t[2] <= e]


@component("project-owners")
def project_owners(ex: Extraction) -> None:
    """A rare name that opens a production project, or a capacity, is its owner: 庆翔|生物质热电联产,
    鲁源日升|兽药加工, 亿盟华世|1.8万吨大豆深加工, 鑫旺|100万吨氧化铝项目; and the names before a
    capacity in a 、-list of projects that holds one owner (信义|180万吨光伏玻璃、恒毅|7万只…)."""
    text = ex.doc.clean
    spans = {(m.start, m.end) for m in ex.mentions}
    places = _Places(ex)
    projects = sorted((m for m in ex.mentions if m.type == "Project"), key=lambda m: m.start)
    typed = typed_offsets(ex)  # offsets inside any mention but a project, kept up to date by add()

    def add(s: int, e: int, extractor: str) -> None:
        e = industry_after(ex, e)  # 鑫磊|矿业|选矿厂扩建: the industry word is the firm's
        name = text[s:e]
        ex.mentions.append(Mention("Enterprise", name, s, e, extractor, 0.65, key=enterprise_key(name)))
        spans.add((s, e))
        typed.update(range(s, e))

    for p in projects:
        if _PRODUCTION.search(p.surface):
            e = _head_end(ex, p, loose=False)
            if e - p.start >= 2 and text[e] not in "和与及、" and (p.start, e) not in spans and not _place_only(places, p.start, e) \
                    and (_trade_name(ex, p.start, e, places) or _rejoined(ex, p.start, e)) \
                    and _PRODUCTION.search(text[e : p.end]) and p.end - e >= 3:
                add(p.start, e, EXTRACTOR)
                continue
        e = _head_end(ex, p, loose=True)
        cap = _CAPACITY.match(text, e)
        if cap is None or p.end - cap.end() < 2 or (p.start, e) in spans or typed.intersection(range(p.start, e)):
            continue
        if freq_of(text[p.start : e]) > 0 or tag_of(text[p.start : e]) != "x":
            continue  # a word the dictionary knows (信义, 恒星) owns a capacity only in a list of firms
        if _owner_shape(ex, p.start, e, places):
            add(p.start, e, EXTRACTOR)
    for p in projects:
        se = invested_owner(ex, p, places)  # 投资24亿元的能建数科|压缩空气储能
        if se is not None and se not in spans and not typed.intersection(range(*se)):
            add(se[0], se[1], EXTRACTOR)
            continue
        e = _phased_head(ex, p)
        if e is not None and (p.start, e) not in spans and not any(  # 恒星二期氟硅材料 typed whole as a firm is the project
                m.type != "Project" and m.start < e and p.start < m.end and (m.start, m.end) != (p.start, p.end) for m in ex.mentions) \
                and _owner_shape(ex, p.start, e, places, listed=True):
            add(p.start, e, EXTRACTOR)


def _phased_head(ex: Extraction, p: Mention) -> int | None:
    """End of a named word that opens a project and is followed by its phase and what the plant
    makes (骑士|五期|2.5万头奶牛养殖, 恒星|二期|氟硅材料): a phase of production belongs to a firm
    even when its name is an everyday word; a place's phase (三峡|三期工程) or a route's
    (中线|一期主体工程) makes nothing."""
    text = ex.doc.clean
    tok = token_at(ex.doc, p.start)
    if tok is None or tok[1] != p.start or not 2 <= len(tok[0]) <= 3 or tag_of(tok[0]) not in _PHASE_OWNER_TAGS:
        return None
    phase = _PHASE.match(text, tok[2])
    if phase is None:
        return None
    rest = text[phase.end() : p.end]
    return tok[2] if len(rest) >= 3 and (_OWNED.search(rest) or _LIST_CAPACITY.match(rest)) else None


_PHASE_OWNER_TAGS = frozenset({"n", "nz", "nr", "nrt", "x", "j"})


# in a list of firms' projects any count of what a plant makes follows the owner (高测|1.2亿公里钨丝…,
# 恒毅|7万只石英坩埚), and a phase may end the item (德农|二期、绿沃川|二期)
_LIST_CAPACITY = re.compile(
    r"(?:[一二三四五六七八九十\d]+期)?(?:年产)?[\d.]+[万亿千]?(?:吨|千瓦|兆瓦|瓦|GWh|GW|MWh|MW|头|羽|只|台|套|辆|片|件"
    r"|张|块|平方米|公里|米|条|颗|支|副|吨级)")
_PHASE = re.compile(r"[一二三四五六七八九十]+期")
# what a site or a line is called: after an unknown head it names a place's project, not a firm's
_SITE_WORDS = re.compile(r"路|铁路|公路|专用线|桥|站|园|区|中心|小区|村|街|学校|医院|水库|渠|河|湖|山|港|场|馆|广场")


def _listed_head(ex: Extraction, p: Mention) -> int | None:
    """End of the owner's name at the head of project ``p`` in a list of firms' projects: the name
    before a capacity (信义|180万吨光伏玻璃) or a phase (德农|二期), or an unknown word before what
    the plant makes (亿升|锆刚玉, 蒙利恒|电工钢); None when the head is no such name."""
    text = ex.doc.clean
    for k in range(2, 5):
        cap = _LIST_CAPACITY.match(text, p.start + k) or _PHASE.match(text, p.start + k)
        if cap is not None and (p.end - cap.end() >= 2 or cap.end() == p.end and _PHASE.fullmatch(cap.group(0))):
            return p.start + k
    tok = token_at(ex.doc, p.start)
    if tok is not None and tok[1] == p.start and len(tok[0]) == 1 and (nxt := token_at(ex.doc, tok[2])) is not None \
            and nxt[1] == tok[2] and 2 <= len(nxt[0]) <= 3 and freq_of(tok[0] + nxt[0]) == 0 and tag_of(nxt[0]) in ("nz", "nr", "nrt", "x"):
        tok = (tok[0] + nxt[0], tok[1], nxt[2])  # 新|天龙|技术改造: a syllable the segmenter cut off the name
    if tok is None or tok[1] != p.start or not 2 <= len(tok[0]) <= 4 or freq_of(tok[0]) > 0 or tag_of(tok[0]) != "x":
        return None
    rest = text[tok[2] : p.end]
    if len(rest) < 2 or _SITE_WORDS.search(rest) or any(c.isdigit() for c in rest):
        return None
    return tok[2]


@component("owner-lists")
def owner_lists(ex: Extraction) -> None:
    """信义|180万吨光伏玻璃、恒毅|7万只石英坩埚: in a 、-list of projects where one head is a firm, the
    names before a capacity at the other heads are firms too. It runs after the tagger's firms
    (kg.extract.firms_lac), which find more of the list's owners than the rules."""
    text = ex.doc.clean
    spans = {(m.start, m.end) for m in ex.mentions}
    places = _Places(ex)
    projects = sorted((m for m in ex.mentions if m.type == "Project"), key=lambda m: m.start)
    firms = {m.start for m in ex.mentions if m.type == "Enterprise"}
    typed = typed_offsets(ex)  # the chain's projects are disjoint: what is added below changes none of it
    chains: list[list[Mention]] = []
    for p in projects:
        if chains and text[chains[-1][-1].end : p.start] == "、":
            chains[-1].append(p)
        else:
            chains.append([p])
    for chain in chains:
        if len(chain) < 2 or not any(p.start in firms for p in chain):
            continue
        for p in chain:
            if p.start in firms:
                continue
            e = _listed_head(ex, p)
            if e is None:
                continue
            s = p.start
            tok = token_at(ex.doc, e - 1)
            if tok is None or tok[2] != e or (s, e) in spans or typed.intersection(range(s, e)) or not _owner_shape(ex, s, e, places, listed=True):
                continue
            e = industry_after(ex, e)
            ex.mentions.append(Mention("Enterprise", text[s:e], s, e, LIST_EXTRACTOR, 0.65, key=enterprise_key(text[s:e])))
            spans.add((s, e))
    project_list_firms(ex)  # 威迪智能玻璃、中微微元等12个项目: a firm's name stands for its plant
