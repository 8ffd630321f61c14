"""Projects: whole noun phrases ending in 项目/工程/园区/基地/… that are individuated (a number,
a place, an enterprise, a proper name), national programmes, and the items of enumerations
closed by “等…项目”.

Candidates are collected first and the longest wins, so 污水处理厂 does not cut
x诺尔镇污水处理厂总磷总氮提标改造工程 in two.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.projects_forms import (
    GAMES,
    HELD,
    NUMBERED_ROAD,
    ROAD_SECTION,
    after_coordinated,
    coordinated_firsts,
    held_in_list,
    held_start,
    quoted_before,
    quoted_title,
    shared_head_start,
)
from kg.extract.projects_governed import (
    COUNTED,
    DESIGNATION,
    HOLDER_AFTER,
    HONOURS_AFTER,
    MARKER,
    governed_names,
    inside,
    invested_items,
    named_beyond_policies,
    opened_start,
    sought,
    suffix_re,
)
from kg.extract.projects_roads import INNER as _INNER
from kg.extract.projects_roads import attended_start, list_forms
from kg.extract.projects_roads import named_year_form as named_year_form  # read by kg/extract/relations.py
from kg.extract.text import (
    Within,
    enumerations,
    extend_suffixes,
    has_proper,
    is_boundary,
    load_tsv,
    name_before,
    specific,
    tag_of,
    token_at,
    tokens_in,
    word_set,
)
from kg.model import Extraction, Mention

_ENUM_ITEM = r"(?:(?!等)[\u4e00-\u9fa5A-Za-z0-9.×+＋“”()（）]){3,30}"
_ENUM_PROJECTS = re.compile(
    rf"((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})(?:等)(?:[一二三四五六七八九十\d]+个)?(?:一批)?[\u4e00-\u9fa5]{{0,6}}?项目"
)
# the words a clause opens with before the first item of a list (全年|新开工|A、B等项目)
_CLAUSE_OPEN = re.compile(r"全年|年内|今年|去年|当年|新开工|新建成|新签约|新引进|新落地|新投产|新入驻|先后|累计|共")
_FIRST_OF_KIND = re.compile(r"(?:首个|首家|首座|唯一|第一个)")
# 国家首批|“沙戈荒”新能源大基地1GW先导工程: the batch a work was approved in is no part of its name
_BATCH = re.compile(r"(?:国家级|国家|全国|自治区级|自治区|全区|省级|全省|省)?(?:首批|第[一二三四五六七八九十\d]+批)")
_STRIP = re.compile(r"[“”\"'\s]")
_LEAD = re.compile(r"(?:(?:19|20)\d\d年(?:度)?|[\dx.]+(?:万|亿)?元(?:以上)?|[\dx一二三四五六七八九十两]+(?:个|次|项))")
_COUNT_AFTER = re.compile(r"[\dx一二三四五六七八九十两]+(?:个|条|座|所|处|项)")
_COUNT_ONLY = re.compile(r"[\dx一二三四五六七八九十两]+(?:个|条|座|所|处|项|批|家)")
_COUNT_BEFORE = re.compile(r"[\dx一二三四五六七八九十两]+(?:个|条|座|所|处|家)$")
_LIST_MARK = re.compile(r"^(?:\d+[.、．](?!\d)|[一二三四五六七八九十]+是)")
# a suffix glued to the verb that follows it (乌兰牧骑排练厅工程|建设) still ends the name
_FOLLOW = ("建设", "建成", "竣工", "开工", "投产", "主体", "进展", "完成", "实现", "投用", "顺利", "落地", "落户",
           "签约", "开业", "运营", "投运", "启用", "通车", "并网", "动工", "复工", "封顶", "正式", "成功", "获批")


# a building for a named institution is a project (旗人民医院综合楼, 疾控中心综合业务楼)
_INSTITUTION = re.compile(r"医院|卫生院|保健院|疾控|学校|中学|小学|幼儿园|学院|中心|馆|站|局")
# a park or zone of a named rank is one designated place (省级现代农业(水稻)产业园区)
_RANK = re.compile(r"(?:国家级|省级|自治区级|市级|国家)")
_BILATERAL = re.compile(r"中[德俄蒙欧美日韩法英意以白哈巴非阿老越泰新][\u4e00-\u9fa5]{2}")  # 中德|隐形冠军产业园: two countries' work
_RANKED_ZONES = frozenset({"产业园区", "产业园", "园区", "示范区", "开发区", "经济开发区", "工业园区"})
_HONOURED = re.compile(r"(?:获评|荣获|被评为|评为|命名为|授予|入选|列入|认定为|被列为|列为|创成|获得|获批)[“\"]?$")
# what individuates a project from outside its name: its investment (总投资5亿元的…项目), or an
# event the report's government holds (成功举办|鼓文化节)
_INVESTED = re.compile(r"投资(?:约|近|超)?[\dx.]+(?:万|亿)?元的[“\"]?$")




# a watershed named by its river or gully (乱泥河子小流域综合治理, 渭河流域综合治理); 生态清洁小流域 is a class
_WATERSHED = re.compile(r"[\u4e00-\u9fa5]{1,4}(?:河子|沟门|河|沟|川|峪|溪|江|湾|涧|岔)(?:小)?流域")
_WHOLE_UNIT = re.compile(r"整(?:县|市|乡|镇|村|区|省)(推进)")
_PHASE = re.compile(r"(?<![\u4e00-\u9fa5])[一二三四五六七八九十]期(?=工程|项目)|(?<=”)[一二三四五六七八九十]期"
                    r"|[一二三四五六七八九十]期(?=\d|[\u4e00-\u9fa5]{2}项目)")  # 达电五期|100万千瓦…, 一期|江北项目
_DIVERSION = re.compile(r"[\u4e00-\u9fa5]{1,2}[入济补][\u4e00-\u9fa5]")
CJK = re.compile(r"[\u4e00-\u9fa5]")


def _held_by(text: str, s: int, head: str) -> bool:
    """An event the report's government holds; a 大会 convened (召开) is a meeting, not an event."""
    held = HELD.search(text, max(0, s - 8), s)
    return held is not None and not (head == "大会" and "召开" in held.group(0))


def _tokens_between(ex: Extraction, s: int, e: int) -> list[tuple[str, int, int]]:
    out, pos = [], s
    while pos < e and (tok := token_at(ex.doc, pos)) is not None and tok[1] >= s:
        out.append(tok)
        pos = tok[2]
    return out


def _in_idiom(ex: Extraction, pos: int) -> bool:
    tok = token_at(ex.doc, pos)
    return tok is not None and tok[1] < pos and tag_of(tok[0]) in ("i", "l")


_suffix_re = suffix_re  # the project suffix table, as kg/extract/enterprises.py reads it


def project_key(name: str) -> str:
    return "proj:" + _STRIP.sub("", name)


@lru_cache(maxsize=1)
def _national() -> re.Pattern:
    names = sorted((r[0] for r in load_tsv("programmes.tsv")), key=len, reverse=True)
    generic = r"第[一二三四五六七八九十]+次全国[\u4e00-\u9fa5]{2,8}(?:普查|调查)"
    return re.compile(generic + "|" + "|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _jargon() -> tuple[str, ...]:
    return tuple(r[0] for r in load_tsv("not_project_names.tsv"))


@lru_cache(maxsize=1)
def _not_events() -> tuple[str, ...]:
    return tuple(r[0] for r in load_tsv("not_event_heads.tsv"))


def _candidates(ex: Extraction) -> list[tuple[int, int, str, float]]:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    pattern, kinds = suffix_re()
    within = Within(ex.mentions)  # extractors before this one: constant while candidates are found
    out: list[tuple[int, int, str, float]] = []
    for m in _national().finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] == "“" and text[m.end() : m.end() + 1] == "”":
            s -= 1  # keep the quotes of “扫黑除恶”专项斗争 with the name
        out.append((m.start(), m.end(), "projects.national", 0.9))
    out += governed_names(ex, generic)
    out += invested_items(ex, generic)
    # tokens inside a place found before: a place name never stops a project name (国道304线至海斯改段)
    places = frozenset(t[1] for m in ex.mentions if m.type == "Place" and m.end - m.start >= 2
                       for t in _tokens_between(ex, m.start, m.end) if t[1] > m.start)
    # 畜禽粪污资源化利用整县推进项目: a programme carried out county by county keeps its verb
    places |= frozenset(m.start(1) for m in _WHOLE_UNIT.finditer(text))
    # “三北”六期工程: a phase (tagged a time word) is inside the name it numbers
    places |= frozenset(m.start() for m in _PHASE.finditer(text))
    if ex.home == COUNTRY:
        out += [(m.start(), m.end(), "projects.games", 0.8) for m in GAMES.finditer(text)]
    for m in NUMBERED_ROAD.finditer(text):
        out.append((m.start(), m.end(), "projects.road", 0.7))  # 省道207线, 国道G331线
    for m in enumerations(_ENUM_PROJECTS, text):
        pos = m.start(1)
        items: list[tuple[int, int, bool]] = []  # an item, and whether it is named on its own
        for item in m.group(1).split("、"):
            s, e = pos, pos + len(item)
            pos = e + 1
            whole = re.fullmatch(r"“[^“”]{2,16}”", item) is not None  # “草原在这里”: a quoted name, whole
            cut = s if whole else name_before(ex.doc, e, max_len=e - s, use_tags=False)
            if cut is None:
                continue
            opening = True
            while cut < e and (tok := token_at(ex.doc, cut)) is not None and tok[1] == cut and tok[2] < e \
                    and (tok[0] in word_set("boundary_words.tsv") or (opening and _CLAUSE_OPEN.fullmatch(tok[0]))):
                opening = opening and bool(_CLAUSE_OPEN.fullmatch(tok[0]))
                cut = tok[2]  # 带动|通信模块研发生产, 全年|新开工|…: the words that introduce the list
            lead = _LEAD.match(text, cut, e)
            body_s = lead.end() if lead else cut
            if e - body_s < 3 or not specific(ex.doc, body_s, e, generic) or COUNTED.search(text, body_s, e):
                continue
            quoted = text[body_s] == "“" and text[e - 1] == "”" and e - body_s >= 4
            term = [tag_of(w) for w in tokens_in(ex.doc, body_s, e)] == ["nz"]  # 集成电路: a term, no name
            items.append((cut, e, quoted or (e - cut >= 4 and not term and (
                has_proper(ex.doc, body_s, e) or inside(within, cut, e, ("Place", "Enterprise"))))))
        # “草原在这里”、乌兰山、界河旅游码头等项目: where one item is named, the list is of named works
        # and its other items are names too (开发区综合物流园、羊绒集散中心、红庆梁铁路专用线等项目)
        # (not where the list samples a count: 光伏玻璃深加工、智能丝网等4个新签约项目 are trades)
        counted_list = re.match(r"等[一二三四五六七八九十\d]+个", text[m.end(1) : m.end(1) + 6]) is not None
        out += [(cut, e, "projects.enumeration", 0.65) for cut, e, named in items
                if named or (not counted_list and any(n for *_, n in items))]
    for m in pattern.finditer(text):
        s0 = m.start()
        if text.endswith(("项目", "工程"), 0, s0):
            continue  # …项目|一期, …项目|主体工程: a part of the project already named
        e = extend_suffixes(text, m.end(), pattern)
        if kinds[m.group(0)] == "road" and (sec := ROAD_SECTION.match(text, e)):
            e = sec.end()  # 沪昆高铁|吉首段: a section of the line
        if not is_boundary(ex.doc, e, e) and text[e : e + 2] not in _FOLLOW and text[e : e + 1] not in "及和与、":
            continue
        if text[e : e + 2] in ("体系", "集群") or _STRIP.sub("", text[s0 - 6 if s0 >= 6 else 0 : e]).endswith(_jargon()):
            continue  # …防洪减灾工程|体系, 数据中心|集群: a system or a cluster; “半拉子”工程: a word for a kind
        s = name_before(ex.doc, s0, max_len=30, inner=_INNER, quotes=True, dashes=True, through=places)
        if text[e : e + 1] == "”" and (q := quoted_title(text, s0)) is not None and (s is None or q < s):
            s = q  # “不忘初心、扎根草原——全区乌兰牧骑交流演出启动仪式”: the quoted title is the name
        if text[s0 - 1 : s0] == "”" and (q := quoted_before(text, s0 - 1)) is not None and (s is None or q < s):
            s = q  # “十村示范、百村提升、千社和美”|工程: a long quoted name before the head
        held = kinds[m.group(0)] == "event" and (h := held_start(text, s0)) is not None and (s is None or h < s)
        attended = not held and (h := attended_start(text, s0, m.group(0))) is not None and (s is None or h < s)
        held = held or (attended and (s is None or h < s))  # 主持|中非团结抗疫特别峰会: the verb opens the name
        if held:
            s = h
        elif kinds[m.group(0)] in ("project", "works", "facility", "zone", "building") \
                and (s is None or (s > 0 and (tok := token_at(ex.doc, s - 1)) is not None and tag_of(tok[0]) in ("v", "vn", "g"))) \
                and (o := opened_start(ex, s, s0)) is not None:
            s = o
        if s is None:
            continue
        if s >= 3 and text[s - 2] in "-—－" and CJK.match(text[s - 1]) and (t := name_before(ex.doc, s - 2, through=places)) is not None:
            s = min(s, t)  # 黑山头-旧|粗鲁海图…: a one-character word after a dash is part of the place it joins
        firsts = coordinated_firsts(text, s, s0)
        s = after_coordinated(text, s, s0, pattern)
        if s > 1 and text[s - 2] == "引" and text[s] in "入济补" and CJK.match(text[s - 1]):
            s -= 2  # 引黄|入冀补淀工程: the diversion's own verb opens its name
        elif s > 0 and text[s - 1] == "引" and _DIVERSION.match(text, s):
            s -= 1
        lm = _LIST_MARK.match(text[s:s0])
        if lm:
            s += lm.end()
        if (first := _FIRST_OF_KIND.match(text, s, s0)) and s0 - first.end() >= 2:
            s = first.end()  # 全区|首个|50万千瓦绿电进园区项目: a rank among works is no part of the name
        if text.startswith(("部分", "一些", "若干", "各项", "各类"), s) and s0 - s > 4:
            s += 2  # 部分|“十四五”规划重大工程项目: a share of the works, no part of their name
        if (batch := _BATCH.match(text, s, s0)) and batch.start() == s:
            if not MARKER.search(text, batch.end(), e):
                continue  # 国家首批|…示范园区: a batch of designations
            s = batch.end()  # 国家首批|“沙戈荒”…1GW先导工程: a work of the first batch, named by its marks
        held_one = s0 - s == 1 and kinds[m.group(0)] == "event" and held_start(text, s0) == s  # 举办|鼓|文化节
        # “项目建设攻坚年”: a campaign quoted whole is named, however common its words
        titled = kinds[m.group(0)] == "campaign" and text[s - 1 : s] == "“" and text[e : e + 1] == "”" and s < s0
        held_one = held_one or titled
        slogan_named = s < s0 and text[s] == "“" and text[s0 - 1] == "”" and "“" not in text[s + 1 : s0 - 1]
        if s >= s0 or (COUNTED.search(text[s:s0]) and not slogan_named) \
                or not (held_one or specific(ex.doc, s, s0, generic)):  # “五个大起底”|行动: a quoted count names it
            continue
        if m.group(0) in ("节", "赛", "大会") and (text.endswith(_not_events(), max(0, s0 - 8), m.end()) or _in_idiom(ex, s0)):
            continue  # 环节, 春节, 繁文缛节, 比赛, 表彰大会: a word or a meeting, no event
        if any(w == "不" for w in tokens_in(ex.doc, s, s0)):
            continue  # 绩效不高项目: a negated clause, no name
        lead = _LEAD.match(text, s, s0)  # 2020年民生实事项目, 500万元以上重点项目: a date or amount alone
        body_s = lead.end() if lead else s
        if not (held_one or specific(ex.doc, body_s, s0, generic)):
            continue
        if re.fullmatch(r"整[县市乡镇村区省](?:推进)?", text[body_s:s0]):
            continue  # 扩大|整省试点范围: the scope of a pilot named before, no name
        if lead and lead.group(0)[-1] in "个项" and _RANK.match(text, body_s):
            continue  # 2个国家级服务业标准化试点项目: a count of designations
        counted = bool(lead) and lead.group(0)[-1] in "个项" and s0 - body_s >= 4  # 78个光伏扶贫村级电站
        if counted and m.group(0).endswith("项目") and not has_proper(ex.doc, body_s, s0):
            counted = False  # 8个|教育基础设施|项目: a count of projects of one kind, not one undertaking
        if _COUNT_ONLY.fullmatch(text, s, s0) or (_COUNT_BEFORE.search(text, max(0, s - 4), s)
                                                 and not has_proper(ex.doc, s, s0)):
            continue  # 5条|公路, 3所|幼儿园, 2所|学校田径运动场: a count of a kind of work, no name
        counted = counted or bool(_INVESTED.search(text, max(0, s - 14), s)) \
            or (kinds[m.group(0)] == "event" and (attended or _held_by(text, s, m.group(0)) or held_in_list(text, s)))
        marked = counted or titled or bool(MARKER.search(text[body_s:e])) or bool(_WHOLE_UNIT.search(text, body_s + 2, s0)) or (m.group(0) == "小镇" and has_proper(ex.doc, body_s, s0)) or bool(_WATERSHED.search(text, body_s, s0)) or inside(within, s, e, ("Place", "Enterprise")) \
            or (kinds[m.group(0)] == "building" and s0 - body_s >= 3 and bool(_INSTITUTION.search(text[body_s:s0]))) \
            or ((m.group(0) in _RANKED_ZONES or "示范" in text[s:e]) and bool(_RANK.match(text, s))) \
            or bool(_BILATERAL.match(text, body_s))
        # 重点公路工程, 文化惠民工程: most unmarked names are a category of work, not one project;
        # they go on as "projects.loose" candidates that only the reranker may admit
        plain = not marked and not has_proper(ex.doc, body_s, s0)
        if m.group(0) == "大会" and not (counted or MARKER.search(text, body_s, e)):
            continue  # a 大会 neither held by the report's government nor numbered is a meeting
        if _COUNT_AFTER.match(text, e) and not MARKER.search(text[body_s:e]) and not inside(within, s, e, ("Place", "Enterprise")):
            out.append((s, e, "projects.counted-kind", 0.0))  # 实施中小学幼儿园新改扩建项目|7个: a kind of
            continue  # work, counted; it holds no name, and no shorter one (中小学幼儿园) either
        quoted = text[body_s] == "“" and text[s0 - 1] == "”" and "“" not in text[body_s + 1 : s0 - 1]
        if not (quoted or titled) and not named_beyond_policies(ex, within, body_s, s0, generic):
            continue  # 市级十四五规划重点项目: a policy and a category, no project name
        if DESIGNATION.match(text, s) or _HONOURED.search(text, max(0, s - 5), s) or text[s0 - 1] == "类" \
                or HONOURS_AFTER.match(text, e):
            continue  # a designation, an honour, or a class of projects (产业类和基建类项目)
        if (kinds[m.group(0)] in ("zone", "pilot") or "示范" in text[s:e]) and not text.endswith("项目", s, e) \
                and (sought(text, s, e) or HOLDER_AFTER.match(text, e)):
            continue  # 争创|国家级绿色园区, …试点|学校: a status sought or held, no undertaking
        rule = "projects.loose" if plain else "projects.held" if held else "projects.suffix"
        out.append((s, e, rule, 0.4 if plain else 0.8 if marked else 0.6))
        out += [(a, b, "projects.coordinated", 0.6) for a, b in firsts
                if b - a >= 4 and not text[a].isdigit() and specific(ex.doc, a, b, generic) and (has_proper(ex.doc, a, b) or inside(within, a, b, ("Place",)))]
    # a work the suffix rule names whole keeps its rule; the verb only opens names the rule cut (攻关|工程)
    found = {(s, e) for s, e, rule, _ in out if not rule.startswith("works:")}
    out = [(s, e, rule.removeprefix("works:"), c) for s, e, rule, c in out
           if not rule.startswith("works:") or (s, e) not in found]
    return out + list_forms(ex, out, lambda s, e: kinds.get(_head(text, s, e, pattern)) == "road", places, within)


def _head(text: str, s: int, e: int, pattern: re.Pattern) -> str:
    """The suffix a candidate's name ends in (its head word), or ''."""
    return next((m.group(0) for m in pattern.finditer(text, s, e) if extend_suffixes(text, m.end(), pattern) == e), "")


_SHARED_KINDS = frozenset({"works", "zone", "project"})  # not events, campaigns or single facilities


def shared_head_form(ex: Extraction, p: Mention) -> int | None:
    """Start of the 、-list of short names before project ``p`` that share its head word, written once
    (实施蒙古马、|苏尼特双峰驼保护工程): the whole list is another written form of the project, and
    the gold writes such names whole. Read after the reranker, so its weights never see the form."""
    text = ex.doc.clean
    if p.extractor != "projects.suffix" or text[p.end : p.end + 1] in ("等", "、"):
        return None  # A、B产业园等项目: an enumeration of things of their own
    pattern, kinds = suffix_re()
    head = next((m for m in pattern.finditer(text, p.start, p.end)
                 if extend_suffixes(text, m.end(), pattern) == p.end), None)
    if head is None or kinds[head.group(0)] not in _SHARED_KINDS or re.search(r"[和及与至]", text[p.start : head.start()]):
        return None
    generic = word_set("generic_words.tsv")
    ls = shared_head_start(text, p.start, head.start(), lambda a, b: _list_item(ex, a, b, pattern, generic))
    if ls is None or inside(Within(ex.mentions), ls, p.start, ("Enterprise", "Policy", "Slogan", "Project", "Place")) \
            or any(m.type == "Project" and m.start < ls < m.end for m in ex.mentions):
        return None  # places listed before are the relation pass's list form (室韦、奇乾、…工程); 潮中至|上护林、…
    return ls


def _list_item(ex: Extraction, a: int, b: int, pattern: re.Pattern, generic: frozenset[str]) -> int | None:
    """Start of a short proper name ending at ``b`` (蒙古马, 大青沟) that has no head word of its own."""
    text = ex.doc.clean
    s = name_before(ex.doc, b, max_len=8, use_tags=True)
    if s is None or s < a or b - s < 2 or pattern.search(text, s, b) or not is_boundary(ex.doc, s, b):
        return None
    if re.search(r"[和及与的等至\d]", text[s:b]) or not specific(ex.doc, s, b, generic) or not has_proper(ex.doc, s, b):
        return None
    if len(tokens_in(ex.doc, s, b)) != 1:
        return None  # one word (蒙古马): a phrase before 、 is a work of its own, cut of its head
    if text[s:b].endswith(_item_ends()) or _national().search(text, s, b):
        return None  # 西岗南水库、|…工程, 南水北调、|…: an item that is a work of its own
    return s


@lru_cache(maxsize=1)
def _item_ends() -> tuple[str, ...]:
    return tuple(r[0] for r in load_tsv("shared_head_item_ends.tsv"))


@component("projects")
def projects(ex: Extraction) -> None:
    text = ex.doc.clean
    taken: set[int] = set()
    # national programmes first (their names are known), then the longest candidate
    order = sorted(_candidates(ex), key=lambda c: (c[2] != "projects.national", -(c[1] - c[0]), c[0]))
    loose = []
    for s, e, extractor, conf in order:
        if extractor == "projects.loose":
            loose.append((s, e))
            continue
        if taken.intersection(range(s, e)):
            continue
        if extractor == "projects.counted-kind":
            taken.update(range(s, e))
            continue
        ex.mentions.append(Mention("Project", text[s:e], s, e, extractor, conf, key=project_key(text[s:e])))
        taken.update(range(s, e))
    ex.doc._loose_projects = loose  # type: ignore[attr-defined]  # read by kg/extract/rerank.py


def loose_projects(ex: Extraction) -> list[Mention]:
    """The unmarked suffix names the rules set aside (longest first, none overlapping a mention)."""
    text = ex.doc.clean
    taken: set[int] = set()
    for m in ex.mentions:
        if m.type != "Place":
            taken.update(range(m.start, m.end))
    out = []
    for s, e in getattr(ex.doc, "_loose_projects", ()):
        if taken.intersection(range(s, e)):
            continue
        out.append(Mention("Project", text[s:e], s, e, "projects.loose", 0.4, key=project_key(text[s:e])))
        taken.update(range(s, e))
    return out
