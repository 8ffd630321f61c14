"""Project names a verb or an amount opens: a governing verb and a campaign head (开展|…专项行动,
实施|…工程), an investment before an undertaking (投资24亿元的|…); and the marks and tests they share
with kg/extract/projects.py (a count, a designation, an honour). Split from projects.py for length."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.text import (
    Within,
    has_proper,
    is_boundary,
    load_tsv,
    specific,
    stops_name,
    suffix_table,
    tag_of,
    token_at,
    tokens_in,
)
from kg.model import Extraction

MARKER = re.compile(
    r"[0-9０-９]|第[一二三四五六七八九十\d]|[一二三四五六七八九十两百千万\d]+(?:个|处|座|条|期|万|千|百|日|天|年|届|轮|次)"
    r"|[×xX]|“"
)
# 13个项目, x个重点项目, 3个产业项目: a count before the suffix means the names are elsewhere
COUNTED = re.compile(r"[\dx一二三四五六七八九十两几多]+(?:个|批|项|类)[\u4e00-\u9fa5]{0,4}$")
# an honour or a designation is not an undertaking: 第三批全国森林康养示范基地, 荣获…示范县
DESIGNATION = re.compile(r"第[一二三四五六七八九十\d]+批|首批")
HONOURS_AFTER = re.compile(r"[^。；;]{0,40}?(?:等殊荣|等荣誉|等称号|荣誉称号|等国家级荣誉)")  # matched at the name's end
# a status the report's place seeks or has won: 争创|国家级绿色园区、自治区级高新技术园区, 以创建|国家农业
# 现代化示范区、…为统领; the verb governs every item of the list up to the name, with no other verb between
_SEEK = re.compile(r"创建|争创|创成|申创|入围|获评|荣获|评为|申报")
_NOT_SOUGHT = re.compile(r"[，,。；;：:“”]|实施|建设|推进|打造|启动|开工|建成|加快|推动|引进|谋划|完成|实现")
# …试点|学校, …试点|城市: a name that qualifies the holder after it is the holder's designation
HOLDER_AFTER = re.compile(r"(?:学校|单位|城市|县|市|旗|区|村|镇|乡|企业|园区|基地)(?![\u4e00-\u9fa5]?(?:项目|工程))")


def _seeking(text: str, s: int) -> bool:
    lo = max(text.rfind(c, max(0, s - 40), s) for c in "，,。；;：:\n") + 1
    last = None
    for m in _SEEK.finditer(text, lo, s):
        last = m
    return last is not None and not _NOT_SOUGHT.search(text, last.end(), s)


_RANK_OPEN = re.compile(r"国家级|自治区级|省级|市级|县级|国家|全国|自治区|省")


def sought(text: str, s: int, e: int) -> bool:
    """A designation sought or won: a seeking verb opens the clause part that ends at ``s``, and
    the report never names the thing elsewhere without one (创建|A示范区 … A示范区建设 is a work the
    report carries out as well, its name written twice)."""
    if not _seeking(text, s):
        return False
    rank = _RANK_OPEN.match(text, s, e)
    core = text[rank.end() if rank else s : e]
    if len(core) < 4:
        return True
    return all(_seeking(text, i) or i <= s < i + len(core) or s <= i < e
               for i in _occurrences(text, core))


def _occurrences(text: str, core: str) -> list[int]:
    out, i = [], text.find(core)
    while i >= 0:
        out.append(i)
        i = text.find(core, i + 1)
    return out


def suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("project_suffixes.tsv")


def inside(within: Within, s: int, e: int, types: tuple[str, ...]) -> bool:
    return any(m.type in types and (m.start, m.end) != (s, e) for m in within(s, e))


@lru_cache(maxsize=1)
def _governed() -> re.Pattern:
    """A governing verb, then a name, then a campaign head: 开展|农村牧区高利贷综合整治|专项行动."""
    verbs = "|".join(sorted((r[0] for r in load_tsv("governing_verbs.tsv")), key=len, reverse=True))
    heads = "|".join(sorted((r[0] for r in load_tsv("campaign_heads.tsv")), key=len, reverse=True))
    body = r"[\u4e00-\u9fa5“”0-9]"
    # 深化, 扩大 may stand inside a name once it has begun (国企改革|深化|提升行动, 服务业|扩大|开放综合试点)
    return re.compile(rf"(?:{verbs})((?!{verbs}){body}(?:(?!{verbs}){body}|深化|扩大){{2,17}}?(?:{heads}))(?=[，,。；;、：:)）]|和|及|与|等|工作|范围|建设)")


# verbs of scope before a governed name (扩大|职业伤害保障试点); other verbs may open one (降低全社会物流成本…)
_SCOPE_VERBS = frozenset({"扩大", "深化", "推广", "持续", "继续", "全面", "加快", "加强", "完善", "巩固", "拓展", "扩围", "用好"})
_TWO_QUOTED = re.compile(r"”[和及与、]“")
_VAGUE_INSIDE = re.compile(r"相关|有关|各类|各项|(?<![高平同对均初中优次上])等")  # 自贸试验区相关改革试点: pilots of a kind, no name
_BAD_OPEN = re.compile(r"一批|一系列|各类|各项|各级|相关|有关|年度|重点|系列|专项|好|了|这|该|此")
# the report's own scope before a name is not part of it: 全市|重点项目集中审批月活动
_SCOPE = re.compile(r"(?:(?:19|20)\d\d年(?:度)?)?(?:全市|全县|全旗|全区|全省|全州|全盟|全镇|我县|我市|我旗|我区|本市|本县)?")


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in load_tsv("campaign_heads.tsv")), key=len, reverse=True))


def governed_names(ex: Extraction, generic: frozenset[str]) -> list[tuple[int, int, str, float]]:
    """Names a governing verb takes, and the ones coordinated after them (实施好|A计划和B计划)."""
    text = ex.doc.clean
    out = []
    within = Within(ex.mentions)
    spans = [(m.start(1), m.end(1)) for m in _governed().finditer(text)]
    follow = re.compile(rf"(?:和|及|、)((?:[\u4e00-\u9fa5“”0-9]){{2,16}}?(?:{'|'.join(_heads())}))(?=[，,。；;、：:)）]|和|及|与|等)")
    i = 0
    while i < len(spans):
        s, e = spans[i]
        i += 1
        nxt = follow.match(text, e)
        if nxt:
            spans.insert(i, (nxt.start(1), nxt.end(1)))
        s = _SCOPE.match(text, s, e).end()
        if two := _TWO_QUOTED.search(text, s, e):
            s = two.end() - 1  # “清风行动”和|“护苗”专项行动: two campaigns, the first quoted whole
        elif (q := re.match(r"“[^“”]{2,10}”[和及与]", text[s:e])) and e - s - q.end() >= 4:
            s += q.end()  # “三支一扶”和|社区民生基层服务计划: a quoted programme, then another one
        while s < e:  # 落实|落地|经济稳进提质攻坚行动: a second verb before the name
            tok = token_at(ex.doc, s)
            if tok is None or tok[1] != s or tok[0] == "新一轮" \
                    or not (stops_name(tok[0], use_tags=False) or tok[0] in _SCOPE_VERBS):  # 新一轮 names a round
                break  # a listed verb only: 欠薪|预防|整治专项行动 is one name whatever the tags say
            s = tok[2]
        if _BAD_OPEN.match(text, s) or not is_boundary(ex.doc, s, s) or COUNTED.search(text[s:e]) \
                or _VAGUE_INSIDE.search(text, s, e) \
                or DESIGNATION.match(text, s) or HONOURS_AFTER.match(text, e):
            continue
        head_len = min(len(h) for h in _heads() if text.endswith(h, s, e))  # 基层|成长计划 holds a name
        if e - head_len - s < 3 or not specific(ex.doc, s, e - head_len, generic):
            continue
        if text.endswith("工程", s, e) and not (MARKER.search(text, s, e) or inside(within, s, e, ("Place", "Enterprise"))):
            continue  # 实施|农村饮水安全巩固提升工程: a category of work, unless a mark names it
        out.append((s, e, "works:projects.governed" if text.endswith("工程", s, e) else "projects.governed", 0.55))
    return out


# 投资24亿元的|能建数科压缩空气储能、: an investment names the undertaking that follows it, suffix or not
_INVESTED_ITEM = re.compile(r"投资(?:约|近|超)?[\dx.]+(?:万|亿)元的([\u4e00-\u9fa5A-Za-z0-9.×“”]{4,24}?)(?=[、，,。；;]|等)")


def invested_items(ex: Extraction, generic: frozenset[str]) -> list[tuple[int, int, str, float]]:
    text = ex.doc.clean
    out = []
    for m in _INVESTED_ITEM.finditer(text):
        s, e = m.span(1)
        if not is_boundary(ex.doc, e, e) or not specific(ex.doc, s, e, generic) or COUNTED.search(text[s:e]):
            continue
        if suffix_re()[0].search(text, s, e):
            continue  # …污水处理厂扩建工程|开工: a suffix names it, and the suffix rule ends it there
        if has_proper(ex.doc, s, e) or MARKER.search(text[s:e]):
            out.append((s, e, "projects.invested", 0.6))
    return out


# 引进|耐特菲姆高效节水装备生产应用|项目, 实施|晟通糖业颗粒粕车间技改|项目, 首个|多式联运双挂汽车列车|项目:
# a verb inside a name stops the walk over words, yet the name runs back to the verb that governs
# it (or to the list mark before it) when it opens with a proper word
_OPENERS = frozenset({"引进", "实施", "启动", "启动实施", "启动运行", "运行", "建设", "开工建设", "新建", "续建", "推进", "加快",
                      "谋划", "推动", "确保", "争取", "首个", "首家", "首座", "唯一"})
# verbs that govern a clause of their own, never inside a name (盘活|鑫旺…项目, 完成|游客服务中心)
_CLAUSE_VERBS = frozenset({"完成", "开工", "建成", "投产", "投用", "盘活", "实现", "列为", "成为", "加大", "做好", "打造", "提升",
                           "推动", "争创", "创建", "深化", "力争", "严把", "提高", "加强", "开展", "落实", "支持", "引导", "鼓励",
                           "带动", "促进", "形成", "达到", "突破", "获得", "获批", "入选", "应开尽开", "储备", "实施", "建设",
                           "增加", "扩大", "新增", "发展", "保障", "提供", "改善", "优化", "规范", "完善", "压减", "取消"})
_NO_INNER_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "d", "y", "e", "m", "q", "f", "t"})


def opened_start(ex: Extraction, s: int | None, s0: int, max_len: int = 22) -> int | None:
    """Start of a name ending at ``s0`` that runs over a verb back to its governing verb or to a
    、 or clause mark, or None; ``s`` is where the walk over words stopped (None: at once)."""
    text = ex.doc.clean
    pos = s if s is not None else s0
    while pos > 0 and s0 - pos < max_len:
        tok = token_at(ex.doc, pos - 1)
        if tok is None:
            return None
        w, ts, _ = tok
        if w in _OPENERS or w in "、，,；;：:。\n“":
            break
        if tag_of(w) in _NO_INNER_TAGS or w in _CLAUSE_VERBS or any(c in w for c in "的和与及等") \
                or (len(w) == 1 and tag_of(w) == "v"):
            return None  # 长三角|抓|招商|引|项目: a one-character verb is a clause's, never a name's
        pos = ts
    else:
        return None
    if pos == (s if s is not None else s0) or pos >= s0:
        return None
    if re.search(r"[和与及的等”]", text[pos : s if s is not None else s0]):
        return None  # two works coordinated, or a quotation cut open
    first = token_at(ex.doc, pos)
    if first is None or tag_of(first[0]) in ("v", "vn", "vd", "a", "ad") or not has_proper(ex.doc, pos, s0):
        return None  # 支持|…, 加强|…: a clause verb, not the opening of a name
    return pos


def named_beyond_policies(ex: Extraction, within: Within, s: int, e: int, generic: frozenset[str]) -> bool:
    """Does the span name something beyond the policies and slogans inside it (市级十四五规划重点项目 does not)?"""
    pols = [m for m in within(s, e) if m.type in ("Policy", "Slogan")]
    if not pols:
        return True
    rest = ex.doc.clean[s:e]
    for m in pols:
        rest = rest.replace(m.surface, "")
    rest = re.sub(r"[“”\"'\s]|国家级|省级|自治区级|市级|县级", "", rest)
    if len(rest) < 2 or rest in generic:
        return False
    # “双十万亩”|经济林: a word of the rest that is no generic one names the thing (pairs of
    # characters miss the odd one out: 经济|林)
    return not all(w in generic for w in re.findall(r"..", rest)) or (len(rest) % 2 == 1 and any(
        w not in generic and len(w) >= 2 and w in rest for w in tokens_in(ex.doc, s, e)))
