"""Policies: 《》 titles, named plans, strategies, reforms and systems (河湖长制, “十四五”规划)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.matcher import Matcher
from kg.extract.rerank import national_report
from kg.extract.slogans import is_formula
from kg.extract.text import (
    PUNCT,
    is_boundary,
    load_tsv,
    name_before,
    specific,
    suffix_table,
    tag_of,
    token_at,
    word_set,
)
from kg.model import Extraction, Mention

_TITLE = re.compile(r"《([^《》\n]{2,60})》")
# a 《》 title that is a programme, paper or book, not a document the government issues
_MEDIA_BEFORE = re.compile(r"(?:央视|电视台|卫视|电台|频道|栏目|节目|日报|晚报|杂志|报刊|报社|网站|新华社|人民网|"
                           r"创作|创排|排演|演出|出版|拍摄|推出)[^，。；]{0,4}$")
# a title that is only the kind of a document (《意见》) refers back to one named before, it names none
_BARE_KIND = re.compile(r"^(?:意见|实施意见|指导意见|通知|决定|决议|办法|方案|规划|纲要|条例|细则)$")
_FANGLUE = re.compile(r"(?:(?:全面|认真)?(?:贯彻|坚持|落实|遵循)(?:好|了)?)+([\u4e00-\u9fa5]{4,20}?方略)(?=[，。；、,;：:）)]|和|与|$)")
# 党的基本理论、基本路线、|基本方略: the last item of a list, no name; 对广西重大方略: a field of instructions
_FANGLUE_VAGUE = re.compile(r"^(?:党的|国家的?|各项|重大|重要|总体|基本|治国|发展|战略)*方略$|^对|重大方略$")
_POOLING = re.compile(r"(?:企业职工|城镇职工|职工|城乡居民)?(?:基本|基础)?(?:医保|医疗保险|养老保险|养老金|工伤保险|失业保险|"
                      r"工伤和失业保险)(?:基金)?(?:普通)?(?:省级|全国|门诊)统筹(?!发展|推进|协调)")
_MECHANISM = re.compile(r"(?:建立健全|建立|健全|完善|实施|创新|推行|构建)([\u4e00-\u9fa5“”]{4,16}?机制)(?=[，。；、]|和|等)")
_MECHANISM_VAGUE = re.compile(r"体制机制$|的|相关|^(?:和|与|及|稳定|长效|工作|有效|各项)|^[\u4e00-\u9fa5]{0,2}(?:长效|工作)机制$")
_REFORM_ACTION = re.compile(r"深化提升行动(?!计划|方案)")  # 三年行动, 专项行动: campaigns the project rules take
_GLOSSARY_TITLE = re.compile(r"\s*(?:有关|相关|中的?)?(?:名词|词语|术语)(?:解释|注释|说明)")
_STATE_REPORT = re.compile(r"(?:国务院|中央)《?政府工作报告》?")
_MEDIA_AFTER = re.compile(r"^(?:栏目|节目|专栏|频道|播出|报道|刊发|刊登|头版|采访|纪录片|电视剧|电影|杂志|一书|等媒体)")
# 以工代赈, 以奖代补, 以电代煤: a policy named by its formula
_YI_DAI = re.compile(r"以[\u4e00-\u9fa5]{1,2}代[\u4e00-\u9fa5]{1,2}(?=[，。；、,;”和与及等的制政]|$|规模|资金|方式|项目|工程|试点|补贴|模式)")
# 以罚代管, 以罚代刑: a malpractice named by the same formula, no policy
_YI_DAI_BAD = re.compile(r"以(?:罚|包|拖|会|文|权|言|审)代")
_QUOTED_PLAN = re.compile(r"[“\"']([^“”\"'\n]{1,12})[”\"'](规划|改革|战略|行动|工程|制度|体系|机制)?")
# the body that adopted a local strategy is no part of its name: 州委|“1133”战略, 省委省政府|“三大战略”
_ORGAN = re.compile(r"(?:(?:省|市|州|县|区|旗|盟|自治区党|党)委(?:省|市|州|县|区|旗|盟)?(?:人民)?(?:政府)?"
                    r"|(?:省|市|州|县|区|旗|盟)(?:人民)?政府)+(?=[“\"'\u4e00-\u9fa5])")
_LAW_EDUCATION = re.compile(r"普法(?:规划)?")
_FIVE_YEAR = re.compile(r"^十[一二三四五六七八九]五$|^[一二三四五六七八]五$")
_BARE_END = frozenset("，。；、：,;:！？”）)\n和与及")
_STRIP = re.compile(r"[“”\"'‘’《》、，,\s·]")
_INNER = frozenset({"与", "和", "及"})  # 防止返贫监测与帮扶机制: coordination inside one name
_INNER_CHARS = "与和及"
_YEAR_PREFIX = re.compile(r"(?:(?:19|20)\d\d|１９[０-９]{2}|２０[０-９]{2}|\d{1,3})年(?:度)?")
# vague heads need a longer name: 科学规划, 全年改革 are not instruments
_MIN_NAME = {"规划": 4, "改革": 4, "制度": 4, "体制改革": 2, "制度改革": 2, "办法": 4}  # 创新办法, 奖励办法


def policy_key(name: str) -> str:
    name = _STRIP.sub("", name)
    if _FIVE_YEAR.match(name):
        name += "规划"
    return "policy:" + name


@lru_cache(maxsize=1)
def _lexicon() -> Matcher[str]:
    m: Matcher[str] = Matcher()
    for row in load_tsv("policies.tsv") + load_tsv("national_policies.tsv"):
        m.add(row[0], row[1])
    return m


def _suffix_re() -> re.Pattern:
    return suffix_table("policy_suffixes.tsv")[0]


@component("policies")
def policies(ex: Extraction) -> None:
    text = ex.doc.clean
    taken: set[int] = set()

    def add(s: int, e: int, extractor: str, conf: float, key: str | None = None) -> None:
        ex.mentions.append(Mention("Policy", text[s:e], s, e, extractor, conf, key=key or policy_key(text[s:e])))
        taken.update(range(s, e))

    for m in _STATE_REPORT.finditer(text):  # 国务院政府工作报告: the national report a local one follows
        if text[m.end() : m.end() + 1] in ("\n", ""):
            continue  # 2021年…国务院政府工作报告 as a line of its own: the title of the report itself
        add(m.start(), m.end(), "policies.state-report", 0.85)
    for m in _FANGLUE.finditer(text):  # 贯彻|新时代党的治疆方略: a grand plan named after the verb that holds it
        if not _FANGLUE_VAGUE.search(m.group(1)) and not taken.intersection(range(m.start(1), m.end(1))):
            add(m.start(1), m.end(1), "policies.fanglue", 0.85)
    for m in _POOLING.finditer(text) if national_report(ex) else ():
        # 基本养老保险全国统筹: the pooling level of a social insurance fund, an instrument the State Council's
        # report sets; a local report that mentions it passes it on (held out: +3 national check, +1 wrong local)
        if not taken.intersection(range(m.start(), m.end())):
            add(m.start(), m.end(), "policies.pooling", 0.8)
    for m in _MECHANISM.finditer(text) if national_report(ex) else ():
        # 建立|常态化财政资金直达机制: the State Council's report introduces a mechanism by the verb that sets
        # it up; in local reports the same wording is mostly a working arrangement (tried as a general head:
        # tune precision fell .89 → .65)
        if not _MECHANISM_VAGUE.search(m.group(1)) and not taken.intersection(range(m.start(1), m.end(1))):
            add(m.start(1), m.end(1), "policies.mechanism", 0.75)
    for m in _TITLE.finditer(text):
        if (m.group(1) == "政府工作报告" and _GLOSSARY_TITLE.match(text, m.end())) or taken.intersection(range(m.start(1), m.end(1))):
            continue  # 《政府工作报告》名词解释: the heading of the report's own glossary names no instrument
        if _MEDIA_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _MEDIA_AFTER.match(text[m.end() : m.end() + 4]):
            continue
        if not _BARE_KIND.match(m.group(1)):
            add(m.start(1), m.end(1), "policies.title", 0.9)
    for m in _YI_DAI.finditer(text):
        if _YI_DAI_BAD.match(text, m.start()):
            continue
        if not taken.intersection(range(m.start(), m.end())) and is_boundary(ex.doc, m.start(), m.start()):
            add(m.start(), m.end(), "policies.formula", 0.75)
    for m in _QUOTED_PLAN.finditer(text):
        body, suffix = m.group(1), m.group(2)
        if _FIVE_YEAR.match(body):
            law = _LAW_EDUCATION.match(text, m.end())
            if law:  # “八五”普法(规划): the five-year programme of law education, not the plan
                add(m.start(), law.end(), "policies.five-year", 0.9)
            else:
                add(m.start(), m.end(2) if suffix == "规划" else m.end(), "policies.five-year", 0.9)
        elif (suffix in ("规划", "改革", "战略", "制度") or (suffix == "机制" and not is_formula(body))) and not taken.intersection(range(m.start(), m.end())) \
                and not _MODIFIES.match(text, m.end()):
            s = name_before(ex.doc, m.start(), max_len=10) if m.start() > 0 else None
            s = s if s is not None else m.start()
            organ = _ORGAN.match(text, s)
            add(organ.end() if organ and organ.end() <= m.start() else s, m.end(), "policies.quoted", 0.85)
    for s, e, kind in _lexicon().scan(text):
        if kind == "bare" and not (e == len(text) or text[e] in _BARE_END):
            continue  # 乡村振兴|人才, 脱贫攻坚|成果: the short name of a strategy before a noun names none
        if text.startswith("改革", e - 2) and text.startswith("试点", e):
            continue  # 农村宅基地制度改革|试点: the pilot is the name
        act = _REFORM_ACTION.match(text, e) if text.startswith("改革", e - 2) else None
        if act and not taken.intersection(range(s, act.end())):
            add(s, act.end(), "policies.reform-action", 0.85)  # 国有企业改革|深化提升行动: the action is the name
            continue
        if kind == "pilot" and _governed_before(text, s):
            continue  # 稳步推进|长期护理保险制度试点: a governed pilot is the project rules' (gold: Project)
        if not taken.intersection(range(s, e)) and is_boundary(ex.doc, s, e):
            add(s, e, "policies.lexicon", 0.9)
    for s, e in _counted_measures(text):
        if not taken.intersection(range(s, e)):
            add(s, e, "policies.counted", 0.75)
    generic = word_set("generic_words.tsv")
    rx = _suffix_re()
    for m in rx.finditer(text):
        s0, e = m.start(), m.end()
        if taken.intersection(range(s0, e)) or not is_boundary(ex.doc, e, e):
            continue
        if e < len(text) and text[e] in "化师局办所":  # 制度化, 规划局: the suffix is inside a word
            continue
        s = _object_start(ex, name_before(ex.doc, s0, max_len=22, inner=_INNER, quotes=True) or s0, s0)
        if s == s0:
            continue
        s = _after_coordinated(text, s, s0, rx)
        s = _trim_left(ex, s, s0, generic)
        y = _YEAR_PREFIX.match(text, s, s0)
        if y:
            s = y.end()
        before = _BY_YEAR.search(text, max(0, s - 8), s)
        if before:
            s = before.start()  # 2030年前|碳排放达峰行动方案: the deadline is part of the name
        if s0 - s < _MIN_NAME.get(m.group(0), 2) or not specific(ex.doc, s, s0, generic):
            continue
        if _VAGUE.search(text[s:e]) or _NOT_NAME.search(text, s, e) or _DETERMINER.match(text, s, s0) \
                or text[s - 1 : s] == "各":  # 各|大国战略: the determiner was trimmed, the phrase is still no name
            continue  # 主要领域改革, 三中全会改革: a field or an occasion, no instrument
        if m.group(0).endswith(("战略", "改革")) and _MODIFIES.match(text, e):
            continue  # 科技战略|支撑, 贫困地区改革|发展: the head word modifies the next noun
        if text[s0 - 1] in _INNER_CHARS:
            continue  # 资源红利和|改革: a conjunction right before the head word joins two phrases
        if _shared_head(ex, s, rx):
            continue  # 医疗、医保、|医药联动改革: the last item of a list whose items share the head word
        add(s, e, "policies.suffix", 0.7)


# a reform of a field, a sector or an occasion is no named reform; speeches and thought are no policy
# a reform before 试点 or 先行区 is what the pilot tries: the pilot is the name (农村宅基地制度改革|试点)
_MODIFIES = re.compile(r"支撑|布局|发展|开放|创新|成果|红利|成效|力量|意识|定力|眼光|体系|能力|科学家|科技|试点|先行区|试验区|拓展区|腹地")
_BY_YEAR = re.compile(r"(?:19|20)\d\d年(?:前|底前)$")
_VAGUE = re.compile(r"(?:领域|行业|方面|环节|全会|更大|各项|重点|关键|根本|基本|重要)(?:改革|制度|战略)$|^领域|建设性方案$|改革开放办法$|"
                    r"[一二三四五六七八九十两]大(?:战略|改革|制度)$")
_NOT_NAME = re.compile(r"精神|讲话|思想|理念")
# words that open a clause before a policy name: 改革|信访工作制度, 用|改革开放办法, 多|中国建设性方案
_OPENERS = frozenset({"改革", "运用", "完善", "健全", "建立", "多", "更", "更多", "各", "该", "本", "这", "用", "以",
                      "好"})
# levels of government coordinated in a name are its subject (中央与地方财政事权…改革方案), no partner
_LEVELS = frozenset({"中央", "地方", "国家", "政府"})
_GENERIC_PARTNERS = frozenset({"领导", "机制", "体系", "工作体系", "法律法规", "处置", "方针", "原则"})
# a verb of handling before the name opens a clause: the name starts after it
_LEAD = re.compile(r"(?:规范|正确处理|处理好|处理|保卫|背离|采取|反对|反對|符合|遵守|根据|按照|依照|结合|共享|重视|要求|肩负着?)")
# a count or a determiner before the head word: the phrase is about some instruments, it names none
_DETERMINER = re.compile(r"一种|一项|一个|一套|一些|若干|几[年次项个种]?|多种|上述|整个|每项|许多|某些|不同|各种|各项")
_AMOUNT = re.compile(r"[\d.]+(?:万|亿)?(?:元|美元|吨|人|个|项|亩|公顷|户|家|公里)")


def _shared_head(ex: Extraction, s: int, rx: re.Pattern) -> bool:
    """The name is the last item of a 、-list whose item before is short and ends in no head word
    (简政放权、放管结合、|优化服务改革, 医疗、医保、|医药联动改革): the head belongs to the whole list and
    the item alone is a fragment. (Taking the whole list as the name was tried: it lost on check.)"""
    text = ex.doc.clean
    if s == 0 or text[s - 1] != "、":
        return False
    b = name_before(ex.doc, s - 1, max_len=8)
    if b is None or b == s - 1:  # the walk stopped on the item's own last word (放管|结合)
        b = max(text.rfind(c, 0, s - 1) for c in "、，,。；;：:\n") + 1
    return 0 < s - 1 - b <= 4 and not rx.search(text, b, s - 1)


def _trim_left(ex: Extraction, s: int, s0: int, generic: frozenset[str]) -> int:
    """Drop what opens a clause rather than a name: a verb or a single adverb (改革|商事制度), an
    amount (14486亿元|金融改革), a generic word coordinated with the name (领导和|中国特色社会主义制度)."""
    from kg.extract.text import token_at

    text = ex.doc.clean
    am = _AMOUNT.match(text, s, s0)
    if am:
        s = am.end()
    organ = _ORGAN.match(text, s)
    if organ and organ.end() < s0 and text[organ.end()] in "“\"'":
        s = organ.end()  # 省委|“一核两翼”发展战略: the body that adopted it
    lead = _LEAD.match(text, s, s0)
    if lead:
        s = lead.end()  # 规范|中央财政转移支付制度, 一项|战略, 正确处理|改革
    while s < s0:
        tok = token_at(ex.doc, s)
        if tok is None or tok[1] != s or tok[2] >= s0 or tok[0] not in _OPENERS:
            break
        s = tok[2]
    for i in range(s + 1, min(s0, s + 5)):
        if text[i] in _INNER_CHARS and text[s:i] in generic | _GENERIC_PARTNERS and text[s:i] not in _LEVELS:
            s = i + 1  # 机制和|收储制度, 工作体系和|保障制度
            break
    return s


# tags the walk over a policy's object crosses: verbs and time words inside a name (激励, 纠错, 青年)
_OBJECT_TAGS = frozenset({"v", "vn", "t", "a", "an", "l", "n", "nz", "j", "x", "b", "vg", "ng", "zg"})


def _object_start(ex: Extraction, s: int, s0: int) -> int:
    """The ordinary walk stops on a verb or a time word inside a name (创新激励和容错|纠错制度,
    中长期|青年|发展规划); when the words before lead, without a break, to a verb that takes a policy
    (建立健全, 实施), the name runs from that verb."""
    text, start = ex.doc.clean, s
    verbs = word_set("policy_verbs.tsv")
    boundary = word_set("boundary_words.tsv")
    while start > 0 and s0 - start < 22:
        tok = token_at(ex.doc, start - 1)
        if tok is None or tok[2] != start:
            return s
        w = tok[0]
        if w in verbs:  # 落实和|优化休假制度: two verbs coordinated, the second one opens the clause too
            return start if start < s and text[start] not in _INNER_CHARS else s
        if any(c.isdigit() for c in w):
            return s  # 2030|年前: a deadline is the year rule's (_BY_YEAR)
        if w in _INNER or (w not in boundary and not any(c in PUNCT for c in w) and tag_of(w) in _OBJECT_TAGS):
            start = tok[1]
            continue
        return s
    return s


def _after_coordinated(text: str, s: int, s0: int, rx: re.Pattern) -> int:
    """A和B改革 where A is itself a policy (乡镇经管体制改革和县乡村…改革): keep only B."""
    cut = s
    for i in range(s, s0):
        if text[i] in _INNER_CHARS and text[i - 1] not in _INNER_CHARS:
            head = text[s:i]
            if rx.search(head[-4:]) or head.endswith(_OTHER_HEADS):
                cut = i + 1  # also “互联网+”行动和|国家大数据战略: an action is a programme of its own
    return cut


_OTHER_HEADS = ("行动", "工程", "机制", "计划")


# a package of measures named by its count: 便民惠企22条, 人才新政20条, 复工复产12项服务措施
_COUNTED = re.compile(r"(?:(?:新政|惠企|惠民|助企|纾困|稳企|稳经济|政策|措施|举措)(?:\d{1,2}|[一二三四五六七八九十]{1,3})条"
                      r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})项[\u4e00-\u9fa5]{0,4}(?:措施|举措|政策))(?=[，,。；;、”）)]|和|等)")
# the package stands after the verb that issues it, an opening quote or the 、 of a list of packages
_ISSUED = re.compile(r".*(?:出台了?|制定了?|印发了?|推出了?|发布了?|落实|实施|[、“])")


def _counted_measures(text: str) -> list[tuple[int, int]]:
    """The name runs from the verb that issues it (or a quote, or a list's 、) to the count's head; the
    words before the count must say what the package is for (three characters or more)."""
    out = []
    for m in _COUNTED.finditer(text):
        lo = max(0, m.start() - 16, text.rfind("\n", 0, m.start()) + 1)
        left = _ISSUED.match(text, lo, m.start())
        if left is None:
            continue
        s, num = left.end(), re.search(r"[\d一二三四五六七八九十]", text[m.start() : m.end()])
        body = text[s : m.start() + num.start()] if num else ""
        if len(body) >= 3 and re.fullmatch(r"[\u4e00-\u9fa5]+", body):
            out.append((s, m.end()))
    return out


@lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in load_tsv("governing_verbs.tsv")), key=len, reverse=True))


def _governed_before(text: str, s: int) -> bool:
    return text[max(0, s - 6) : s].endswith(_verbs())
