"""Project names read from the list or the verb around them, where the name alone has no head word
or no mark: road sections listed before a count of roads (满归至荒火地、太平至根白|等5条公路), the
meetings a leader attends or chairs (主持|中非团结抗疫特别峰会, 出席|A会晤、B会议、C系列会议等), loose
names and works named by a work verb listed beside a named work (…加工厂、…、惠民…交易市场项目;
西柳沟治理、|拦沙换水试点工程), and the quoted year inside a campaign's name (“消费促进年”活动).

Plain functions of the text and offsets, called by kg/extract/projects.py, which keeps the
candidates' logic; split off for length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.projects_forms import road_siblings, summit_siblings
from kg.extract.projects_governed import inside
from kg.extract.text import Within, has_proper, is_boundary, name_before
from kg.model import Extraction, Mention

INNER = frozenset({"至", "与", "和", "·"})  # 国道304线至海斯改段旅游公路, 改善与能力提升工程



def road_start(ex: Extraction, a: int, b: int, places: frozenset[int]) -> int | None:
    """Start of a road's two ends (A至B) that end at ``b`` within [a, b), walking over places."""
    st = name_before(ex.doc, b, max_len=b - a, inner=INNER, through=places)
    return st if st is not None and st >= a and is_boundary(ex.doc, st, b) else None


_END = r"[\u4e00-\u9fa5]{2,8}"
# A至B(段)、C至D(段)等5条(农村)公路: each item is a road named by its two ends; the head and the
# count belong to the whole list, so the items are written without them
_SECTION_ITEM = rf"{_END}至{_END}段?"
_COUNTED_ROADS = re.compile(
    rf"((?:{_SECTION_ITEM}、)*{_SECTION_ITEM})等(?:[\d一二三四五六七八九十两x]+条)?[\u4e00-\u9fa5]{{0,4}}?"
    r"(?:高速公路|公路|道路|铁路|通道|旅游路|连接线)"
)
_ENDS = re.compile(rf"{_END}至{_END}段?")


def counted_road_items(text: str, start_of: Callable[[int, int], int | None]) -> list[tuple[int, int]]:
    """The A至B items of a 、-list closed by 等(N条)…公路: ``start_of(a, b)`` gives the start of the
    first item's noun phrase (after the verb whose object the list is), or None."""
    out: list[tuple[int, int]] = []
    for m in _COUNTED_ROADS.finditer(text):
        pos = m.start(1)
        items = m.group(1).split("、")
        for i, item in enumerate(items):
            a, b = pos, pos + len(item)
            pos = b + 1
            st = start_of(a, b) if i == 0 else a  # an item between two 、 is whole
            if st is None or not _ENDS.fullmatch(text, st, b):
                if i == 0:
                    break  # the first item is no section: the list is of something else
                continue
            out.append((st, b))
    return out


# 实施恩和向阳灌区改造、|拉布大林四队山洪防治工程: a work named by its place and its kind of work
# (…改造, …升级) listed before a named work is one too, though it carries no head word
_WORK_END = re.compile(r"(?:升级改造|提标改造|提质改造|改扩建|改造|升级|扩建|修缮|治理)")


def work_siblings(text: str, spans: list[tuple[int, int]], start_of: Callable[[int, int], int | None],
                  named: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """The items of the 、-list before a named work ``spans`` that end in a work verb: ``start_of(a, b)``
    gives the start of the first item's name (the words before its verb), ``named(a, b)`` whether
    those words name the work (a place, a proper word)."""
    out: list[tuple[int, int]] = []
    for s, _ in spans:
        b = s - 1
        while b > 0 and text[b] == "、":
            a = max(text.rfind(c, max(0, b - 24), b) for c in "、，,。；;：:\n（）()“”") + 1
            verb = next((m for m in _WORK_END.finditer(text, a, b) if m.end() == b), None)
            if verb is None:
                break
            st = a if text[a - 1 : a] == "、" else start_of(a, verb.start())
            if st is None or verb.start() - st < 3 or not named(st, verb.start()):
                break
            out.append((st, b))
            if st > a or text[a - 1 : a] != "、":
                break  # the first item, after the verb whose object the list is
            b = a - 1
    return out


# 主持|中非团结抗疫特别峰会, 出席|二十国集团领导人峰会: a leader's attending verb opens the name of the
# summit it governs, over words the dictionary calls verbs (团结, 抗疫)
_ATTEND = re.compile(r"(?:出席|主持|参加|举办|主办|举行|承办)(?:了)?")
_SUMMIT_HEAD = re.compile(r"峰会|会晤|论坛")
_SUMMIT_BODY = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9“”（）()·—－\-]{2,24}")


def attended_start(text: str, s0: int, head: str) -> int | None:
    """Start of a summit's name that ends at ``s0`` (its head ``head`` next), when an attending or
    hosting verb stands right before it in the clause; None otherwise."""
    if not _SUMMIT_HEAD.fullmatch(head):
        return None
    lo = max(text.rfind(c, max(0, s0 - 30), s0) for c in "，,。；;：:、\n") + 1
    last = None
    for m in _ATTEND.finditer(text, lo, s0):
        last = m
    if last is None:
        return None
    body = text[last.end() : s0]
    if not _SUMMIT_BODY.fullmatch(body) or re.search(r"[的和及与等]|出席|主持|参加", body):
        return None
    return last.end()


def loose_siblings(text: str, named: list[tuple[int, int]], loose: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The loose names (no mark of their own) that stand in one 、-list beside a named work
    (惠丰生猪屠宰加工厂、…、惠民综合农副产品交易市场项目): a list of named works names each item,
    so the item's missing mark is the list's style, not a category of work."""
    ends = {e for _, e in named}
    starts = {s for s, _ in named}
    out: list[tuple[int, int]] = []
    todo = sorted(set(loose))
    grew = True
    while grew:
        grew = False
        for s, e in todo:
            if (s, e) in out:
                continue
            if (text[s - 1 : s] == "、" and s - 1 in ends) or (text[e : e + 1] == "、" and e + 1 in starts):
                out.append((s, e))
                ends.add(e)
                starts.add(s)
                grew = True
    return out


# “化解信访问题年”专项行动: a campaign named for a year of work; the quoted year alone names it too
_NAMED_YEAR = re.compile(r"“([\u4e00-\u9fa5]{2,12}年)”(?:专项行动|攻坚行动|主题活动|行动|活动)")


def named_year_form(ex: Extraction, p: Mention) -> tuple[int, int] | None:
    """The quoted year inside a campaign's name (“消费促进年”活动 → 消费促进年): another written
    form of the same project, read after the reranker as the shared-head form is."""
    m = _NAMED_YEAR.fullmatch(ex.doc.clean, p.start, p.end)
    return m.span(1) if m else None


def list_forms(ex: Extraction, out: list[tuple[int, int, str, float]], is_road: Callable[[int, int], bool],
               places: frozenset[int], within: Within) -> list[tuple[int, int, str, float]]:
    """The candidates read from the lists that hold the candidates ``out`` found so far: loose names
    beside named works, meetings beside a summit, roads beside a road or before a count of roads,
    and works named by a work verb before a named work."""
    text = ex.doc.clean
    named = [(s, e) for s, e, rule, _ in out if rule in ("projects.suffix", "projects.enumeration")]
    new = [(s, e, "projects.list-sibling", 0.6)
           for s, e in loose_siblings(text, named, [(s, e) for s, e, rule, _ in out if rule == "projects.loose"])]
    events = [(s, e) for s, e, rule, _ in out if rule in ("projects.suffix", "projects.held")
              or (rule == "projects.loose" and attended_start(text, e - 2, text[e - 2 : e]) == s)]  # 出席|A会晤、B…
    new += [(s, e, "projects.summit-list", 0.6) for s, e in summit_siblings(text, events)]
    roads = [(s, e) for s, e, rule, _ in out if rule == "projects.suffix" and is_road(s, e)]
    road_item = lambda a, b: road_start(ex, a, b, places)  # noqa: E731
    roads_listed = road_siblings(text, roads, road_item) + counted_road_items(text, road_item)
    new += [(s, e, "projects.road-list", 0.6) for s, e in roads_listed]
    listed = [(s, e) for s, e, rule, _ in out + new if rule in ("projects.suffix", "projects.road-list") and text[s - 1 : s] == "、"]
    new += [(s, e, "projects.list-sibling", 0.6) for s, e in work_siblings(
        text, listed, road_item, lambda a, b: has_proper(ex.doc, a, b) or inside(within, a, b, ("Place", "Enterprise")))]
    return new
