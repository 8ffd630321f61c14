"""Projects: whole noun phrases ending in 项目/工程/园区/基地/… that are individuated (a number,
a place, an enterprise, a proper name), national programmes, and the items of enumerations
closed by “等…项目”.

Candidates are collected first and the longest wins, so 污水处理厂 does not cut
x诺尔镇污水处理厂总磷总氮提标改造工程 in two.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg.extract import component
from kg.extract.text import (
    extend_suffixes,
    has_proper,
    is_boundary,
    load_tsv,
    name_before,
    specific,
    suffix_table,
    word_set,
)
from kg.model import Extraction, Mention

_MARKER = re.compile(
    r"[0-9０-９]|第[一二三四五六七八九十\d]|[一二三四五六七八九十两百千万\d]+(?:个|处|座|条|期|万|千|百|日|天|年|届|轮|次)"
    r"|[×xX]|“"
)
_ENUM_ITEM = r"(?:(?!等)[\u4e00-\u9fa5A-Za-z0-9.×“”()（）]){3,30}"
_ENUM_PROJECTS = re.compile(
    rf"((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})(?:等)(?:[一二三四五六七八九十\d]+个)?(?:一批)?[\u4e00-\u9fa5]{{0,6}}?项目"
)
_STRIP = re.compile(r"[“”\"'\s]")
# 13个项目, x个重点项目, 3个产业项目: a count before the suffix means the names are elsewhere
_COUNTED = re.compile(r"[\dx一二三四五六七八九十两几多]+(?:个|批|项|类)[\u4e00-\u9fa5]{0,4}$")
_LEAD = re.compile(r"(?:(?:19|20)\d\d年(?:度)?|[\dx.]+(?:万|亿)?元(?:以上)?|[\dx一二三四五六七八九十两]+(?:个|次|项))")
_LIST_MARK = re.compile(r"^(?:\d+[.、．](?!\d)|[一二三四五六七八九十]+是)")
# a suffix glued to the verb that follows it (乌兰牧骑排练厅工程|建设) still ends the name
_FOLLOW = ("建设", "建成", "竣工", "开工", "投产", "主体", "进展", "完成", "实现", "投用", "顺利")


# a building for a named institution is a project (旗人民医院综合楼, 疾控中心综合业务楼)
_INSTITUTION = re.compile(r"医院|卫生院|保健院|疾控|学校|中学|小学|幼儿园|学院|中心|馆|站|局")
# a park or zone of a named rank is one designated place (省级现代农业(水稻)产业园区)
_RANK = re.compile(r"(?:国家级|省级|自治区级|市级|国家)")
_RANKED_ZONES = frozenset({"产业园区", "产业园", "园区", "示范区", "开发区", "经济开发区", "工业园区"})
_NOT_FESTIVAL = frozenset({"环节", "季节", "春节", "细节", "情节", "调节", "关节", "章节", "礼节", "时节", "过节",
                           "佳节", "节节", "脱节", "名节", "气节", "枝节"})
_INNER = frozenset({"至", "与", "和"})  # 国道304线至海斯改段旅游公路, 改善与能力提升工程


def _after_coordinated(text: str, s: int, s0: int, rx: re.Pattern) -> int:
    """A和B工程 where A already ends in a project suffix, or B opens with a count (学校和一所幼儿园):
    two things, keep B."""
    cut = s
    for i in range(s + 1, s0):
        if text[i] in "与和" and (rx.search(text[max(s, i - 4) : i]) or re.match(r"[一二三四五六七八九十两\d]+[所个座处]", text[i + 1 : s0])):
            cut = i + 1
    return cut


def project_key(name: str) -> str:
    return "proj:" + _STRIP.sub("", name)


def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("project_suffixes.tsv")


@lru_cache(maxsize=1)
def _national() -> re.Pattern:
    names = sorted((r[0] for r in load_tsv("programmes.tsv")), key=len, reverse=True)
    generic = r"第[一二三四五六七八九十]+次全国[\u4e00-\u9fa5]{2,8}(?:普查|调查)"
    return re.compile(generic + "|" + "|".join(map(re.escape, names)))


class _Within:
    """The mentions inside a span, in their order, found by bisection: a scan of every mention for
    every candidate made extraction quadratic in the document's length."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]

    def __call__(self, s: int, e: int) -> list[Mention]:
        found = sorted(self.order[bisect_left(self.starts, s) : bisect_right(self.starts, e)])
        return [m for m in (self.mentions[i] for i in found) if m.end <= e]


def _named_beyond_policies(ex: Extraction, within: _Within, s: int, e: int, generic: frozenset[str]) -> bool:
    pols = [m for m in within(s, e) if m.type in ("Policy", "Slogan")]
    if not pols:
        return True
    rest = ex.doc.clean[s:e]
    for m in pols:
        rest = rest.replace(m.surface, "")
    rest = re.sub(r"[“”\"'\s]|国家级|省级|自治区级|市级|县级", "", rest)
    return len(rest) >= 2 and rest not in generic and not all(
        w in generic for w in re.findall(r"..", rest))


def _inside(within: _Within, s: int, e: int, types: tuple[str, ...]) -> bool:
    return any(m.type in types and (m.start, m.end) != (s, e) for m in within(s, e))


def _candidates(ex: Extraction) -> list[tuple[int, int, str, float]]:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    pattern, kinds = _suffix_re()
    within = _Within(ex.mentions)  # extractors before this one: constant while candidates are found
    out: list[tuple[int, int, str, float]] = []
    for m in _national().finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] == "“" and text[m.end() : m.end() + 1] == "”":
            s -= 1  # keep the quotes of “扫黑除恶”专项斗争 with the name
        out.append((m.start(), m.end(), "projects.national", 0.9))
    for m in _ENUM_PROJECTS.finditer(text):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            s, e = pos, pos + len(item)
            pos = e + 1
            cut = name_before(ex.doc, e, max_len=e - s, use_tags=False)
            if cut is None:
                continue
            lead = _LEAD.match(text, cut, e)
            body_s = lead.end() if lead else cut
            if e - cut >= 4 and specific(ex.doc, body_s, e, generic) and (
                    has_proper(ex.doc, body_s, e) or _inside(within, cut, e, ("Place", "Enterprise"))):
                out.append((cut, e, "projects.enumeration", 0.65))
    for m in pattern.finditer(text):
        s0 = m.start()
        if text.endswith(("项目", "工程"), 0, s0):
            continue  # …项目|一期, …项目|主体工程: a part of the project already named
        e = extend_suffixes(text, m.end(), pattern)
        if not is_boundary(ex.doc, e, e) and text[e : e + 2] not in _FOLLOW and text[e : e + 1] not in "及和与、":
            continue
        s = name_before(ex.doc, s0, max_len=30, inner=_INNER, quotes=True)
        if s is None:
            continue
        s = _after_coordinated(text, s, s0, pattern)
        lm = _LIST_MARK.match(text[s:s0])
        if lm:
            s += lm.end()
        if s >= s0 or _COUNTED.search(text[s:s0]) or not specific(ex.doc, s, s0, generic):
            continue
        if m.group(0) == "节" and text[s0 - 1 : s0 + 1] in _NOT_FESTIVAL:
            continue  # 环节, 春节: 节 inside a word is no festival
        lead = _LEAD.match(text, s, s0)  # 2020年民生实事项目, 500万元以上重点项目: a date or amount alone
        body_s = lead.end() if lead else s
        if not specific(ex.doc, body_s, s0, generic):
            continue
        counted = bool(lead) and lead.group(0)[-1] in "个项" and s0 - body_s >= 4  # 78个光伏扶贫村级电站
        marked = counted or bool(_MARKER.search(text[body_s:e])) or _inside(within, s, e, ("Place", "Enterprise")) \
            or (kinds[m.group(0)] == "building" and bool(_INSTITUTION.search(text[body_s:s0]))) \
            or (m.group(0) in _RANKED_ZONES and bool(_RANK.match(text, s)))
        if not marked and not has_proper(ex.doc, body_s, s0):
            continue  # 重点公路工程, 文化惠民工程: a category of work, not one project
        if not _named_beyond_policies(ex, within, body_s, s0, generic):
            continue  # 市级十四五规划重点项目: a policy and a category, no project name
        out.append((s, e, "projects.suffix", 0.8 if marked else 0.6))
    return out


@component("projects")
def projects(ex: Extraction) -> None:
    text = ex.doc.clean
    taken: set[int] = set()
    # national programmes first (their names are known), then the longest candidate
    order = sorted(_candidates(ex), key=lambda c: (c[2] != "projects.national", -(c[1] - c[0]), c[0]))
    for s, e, extractor, conf in order:
        if taken.intersection(range(s, e)):
            continue
        ex.mentions.append(Mention("Project", text[s:e], s, e, extractor, conf, key=project_key(text[s:e])))
        taken.update(range(s, e))
