"""Where a project name begins, read from the text around its head: an event the government holds
(举办|第三届中国（吉首）鼓|文化节), a quoted title (“不忘初心、扎根草原——…启动仪式”), two works
coordinated by 和 (管网改造和|二期污水处理厂), a numbered road and its section (国道331线A至B段).

Plain functions of the text and offsets, so kg/extract/projects.py keeps to the candidates' logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# what individuates an event from outside its name: the report's government holds it (成功举办|鼓文化节)
HELD = re.compile(r"(?:举办|承办|主办|召开|举行|办好|筹办)(?:了|好)?(?:全市|全县|全旗|全区|全省|首届|第[一二三四五六七八九十\d]+届)?[“\"]?$")
_SCOPE_HEADS = frozenset("县市区旗州盟镇乡省")  # 县第一中学新校区和|县人民医院门诊楼: two buildings of one county


def held_in_list(text: str, s: int) -> bool:
    """举办A、B和|C: an event coordinated after events the government holds is held too."""
    if text[s - 1 : s] not in ("、", "和", "及"):
        return False
    start = max(text.rfind(c, max(0, s - 60), s) for c in "，,。；;\n")
    return _HELD_VERB.search(text, start + 1, s) is not None


_HELD_VERB = re.compile(r"举办|承办|主办|举行|办好|筹办")
# 成功举办|第三届中国（吉首）鼓|文化节: an event the government holds is named by all that stands between
# the verb and its head, even a word the dictionary calls a verb (鼓, drum)
_HELD_OPEN = re.compile(r"(?:举办|承办|主办|举行|办好|筹办)(?:了|好)?(?:全市|全县|全旗|全区|全省)?")
_HELD_BODY = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9“”（）()·]{1,24}")


def quoted_title(text: str, s0: int) -> int | None:
    """Start of a quoted title whose closing mark follows the head at once (no clause inside)."""
    q = text.rfind("“", max(0, s0 - 40), s0)
    if q < 0 or "”" in text[q:s0] or re.search(r"[，,。；;：:]", text[q:s0]):
        return None
    return q + 1


def quoted_before(text: str, close: int) -> int | None:
    """Start (the opening mark) of the quotation that closes at ``close`` (a ”), when no clause
    punctuation stands inside it: “十村示范、百村提升、千社和美”|工程 is longer than a word window."""
    q = text.rfind("“", max(0, close - 30), close)
    if q < 0 or "”" in text[q:close] or re.search(r"[，,。；;：:]", text[q:close]):
        return None
    return q


def held_start(text: str, s0: int) -> int | None:
    """Start of a held event's name that ends at ``s0``, when a holding verb opens the clause part."""
    for m in _HELD_OPEN.finditer(text, max(0, s0 - 30), s0):
        body = text[m.end() : s0]
        if body and _HELD_BODY.fullmatch(body) and not re.search(r"[的和及与等]|举办|承办|主办|举行|办好|筹办", body):
            count = re.match(r"[\d一二三四五六七八九十]+届", body)  # 连续举办8届|全国双创活动周: a count
            return m.end() + (count.end() if count else 0)
    cut = max(text.rfind(c, max(0, s0 - 24), s0) for c in "、和及")  # 举办A和|鼓文化节
    if cut >= 0 and _HELD_BODY.fullmatch(text, cut + 1, s0) and held_in_list(text, cut + 1):
        return cut + 1
    return None


# a capacity names one plant: 官庄至新铺220千伏线路改造和|白沙110千伏变电站新建工程 are two works
_CAPACITY = re.compile(r"\d(?:[\d.×]*)(?:千伏|kV|兆瓦|万千瓦|千瓦|GW|MW|GWh|MWh|万吨|吨|万头|万只|立方米)")


def coordinated_firsts(text: str, s: int, s0: int) -> list[tuple[int, int]]:
    """The works before 和 that after_coordinated cuts off and that carry no head of their own: A ends
    in the word B ends in before its head (满洲里口岸货运自动运输系统和|室韦口岸…运输系统项目), or each
    holds a capacity (官庄至新铺220千伏线路改造和|白沙110千伏变电站新建工程). Each is a work too."""
    out, cut = [], s
    for i in range(s + 1, s0):
        if text[i] in "与和" and ((i - cut >= 4 and s0 - i > 4 and text[i - 2 : i] == text[s0 - 2 : s0])
                                 or _CAPACITY.search(text, cut, i) and _CAPACITY.search(text, i + 1, s0)):
            out.append((cut, i))
            cut = i + 1
    return out


def after_coordinated(text: str, s: int, s0: int, rx: re.Pattern) -> int:
    """A和B工程 where A already ends in a project suffix, or B opens with a count (学校和一所幼儿园),
    or each holds a capacity of its own, or A ends in the word B ends in before its head (…运输系统和
    …运输系统|项目): two things, keep B."""
    cut = s
    for i in range(s + 1, s0):
        if text[i] in "与和" and (rx.search(text[max(s, i - 4) : i]) or re.match(r"[一二三四五六七八九十两\d]+[所个座处期]", text[i + 1 : s0 + 3])
                                  or text[i + 1] == text[cut] and text[cut] in _SCOPE_HEADS
                                  or _CAPACITY.search(text, cut, i) and _CAPACITY.search(text, i + 1, s0)
                                  or (i - cut >= 4 and s0 - i > 4 and text[i - 2 : i] == text[s0 - 2 : s0])):
            cut = i + 1
    return cut


# 北京冬奥会, 杭州亚运会, 2024年奥运会, 残奥会: games a national report names (a county's report
# names them as the games its athletes went to, not as its own undertakings)
GAMES = re.compile(r"(?:(?:19|20)\d\d年|(?!做好|办好|举办|筹办|备战|参加|出席|成功|圆满|精心|两个)(?:(?![和及与的在、])[\u4e00-\u9fa5]){2}(?=冬奥|冬残|亚运|亚残|大运|全运|奥运|残奥))?"
                   r"(?:冬残奥会|残奥会|冬奥会|奥运会|亚残运会|亚运会|大运会|全运会)")


# 省道207线, 国道331线阿尔山至白狼段, S229线乾州至矮寨段: a numbered road, or one section of it
_ROAD_ID = r"(?:(?:国道|省道|县道)[GSXYgsxy]?|(?<![A-Za-z0-9])[GSXY])[\dxX]{1,4}线"
_SECTION = r"(?:[\u4e00-\u9fa5]{2,8}至)?[\u4e00-\u9fa5]{2,8}段"
_WORK_AFTER = r"和|及|与|建设|改造|开工|通车|竣工|完工|提质|提升|改扩建|扩建|新建|拓宽|升级"
NUMBERED_ROAD = re.compile(rf"{_ROAD_ID}(?:{_SECTION})?(?![\u4e00-\u9fa5])|{_ROAD_ID}(?:{_SECTION})?(?={_WORK_AFTER})")
# 沪昆高铁|吉首段, 西宁至成都铁路|西宁至黄胜关段: the section of a named line is part of its name
_LINE_SECTION = r"(?:[\u4e00-\u9fa5]{2,8}至)?[\u4e00-\u9fa5]{2,6}段"
ROAD_SECTION = re.compile(rf"{_LINE_SECTION}(?![\u4e00-\u9fa5])|{_LINE_SECTION}(?={_WORK_AFTER})")


# 出席二十国集团领导人峰会、亚太经合组织领导人非正式会议、东亚合作领导人系列会议: the meetings listed
# beside a summit are events of the same series, though 会议 alone names no event
_SUMMIT = re.compile(r"(?:峰会|会晤|论坛)$")
_MEETING_ITEM = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9“”—－\-]{4,24}(?:会议|大会|峰会|会晤|论坛)")
_LIST_OPEN = re.compile(r".{0,12}?(?:出席|主持|举办|承办|办好|参加|举行)")


def summit_siblings(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a 、-list that holds a summit found before, each a meeting's name (4–24 characters
    before 会议/大会/峰会/会晤/论坛); the first may follow a verb of attending, the last end before 等."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not _SUMMIT.search(text, s, e):
            continue
        lo = max(text.rfind(c, max(0, s - 120), s) for c in "，,。；;：:\n") + 1
        hi = min((i for i in (text.find(c, e, e + 120) for c in "，,。；;\n") if i >= 0), default=len(text))
        if "、" not in text[lo:hi]:
            continue  # no list: 举办A赛和B论坛 is two events, found by the suffix rule
        pos = lo
        for item in text[lo:hi].split("、"):
            a, b = pos, pos + len(item)
            pos = b + 1
            if a == lo and (op := _LIST_OPEN.match(text, a, b)):
                a = op.end()
            if b == hi and (cut := text.find("等", a, b)) >= 0:
                b = cut
            if not (a < e and s < b) and _MEETING_ITEM.fullmatch(text, a, b) and not re.search("[和及与]", text[a:b]):
                out.append((a, b))
    return out


# 实施蒙古马、苏尼特双峰驼保护工程: short items before a name share its head word, written once at the
# end; the list is one name (the guidelines' gold writes 大青沟、草甘沙漠旅游区提质升级工程 whole)
def shared_head_start(text: str, s: int, s0: int, item_ok: Callable[[int, int], int | None]) -> int | None:
    """Start of the 、-list whose last item opens the name at ``s`` (head at ``s0``), when every item
    before is a short name; ``item_ok(a, b)`` gives an item's start within [a, b), or None when
    it is no such name. The first item must follow a word (the verb whose object the list is)."""
    if s < 3 or text[s - 1] != "、" or s0 - s > 12:
        return None
    b = s - 1
    while b > 0:
        a = max(text.rfind(c, max(0, b - 12), b) for c in "、，,。；;：:\n“”（）()") + 1
        if a <= 0 and text[0] in "、，,。；;：:\n":
            return None
        start = item_ok(a, b)
        if start is None:
            return None
        if start > a:
            return start  # the first item, after the verb whose object the whole list is
        if text[a - 1 : a] != "、":
            return None  # a list that opens a clause names things of its own (哈尔滨、上海…基地)
        b = a - 1
    return None


# 恩和林场至建设生产队、潮中至上护林、苏沁牧场至三河一队公路: sections listed before a road named by its
# two ends are roads of their own, written without the head word the last one carries
_ENDS = re.compile(r"[\u4e00-\u9fa5]{2,8}至[\u4e00-\u9fa5]{2,8}段?")


def road_siblings(text: str, spans: list[tuple[int, int]], start_of: Callable[[int, int], int | None]) -> list[tuple[int, int]]:
    """The A至B items of the 、-list that ends in a road found before (its name holds 至); ``start_of(a,
    b)`` gives the start of the noun phrase ending at ``b`` (no verb before the first item)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if "至" not in text[s:e]:
            continue
        b = s - 1
        while b > 0 and text[b] == "、":
            a = max(text.rfind(c, max(0, b - 20), b) for c in "、，,。；;：:\n（）()") + 1
            st = a if text[a - 1 : a] == "、" else start_of(a, b)  # an item between two 、 is whole
            if st is None or not _ENDS.fullmatch(text, st, b):
                break
            out.append((st, b))
            if st > a:
                break  # the first item, after the verb whose object the list is
            b = a - 1
    return out
