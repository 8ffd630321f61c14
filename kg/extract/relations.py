"""Relations between the mentions of one report, each with the span that states or implies it.

partOf: administrative containment from the gazetteer, local places inside the report's own
place, and that place inside the named regions it mentions that hold it (region_members.tsv). locatedIn: a place named inside a project's name, an enterprise that 落户 a place, a
clause that says where a project is built or lies, or (weaker) the report's own place for a local
project. undertakes: an enterprise that prefixes a project, builds it in its clause or is named
after 由. implements: a project and a policy tied by 落实/实施/贯彻 in one sentence, a heading or
lead sentence above it, or a closing clause (…，平安中国建设取得新成效).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.context import home_key as _home_key
from kg.extract.projects import named_year_form, shared_head_form
from kg.extract.relation_layout import (
    bracketed,
    defined_lists,
    listed_with_place,
    paragraph_bounds,
    place_led,
)
from kg.extract.relation_patterns import (
    QUANTITY,
    abroad,
    after_firms,
    after_listed,
    built_by,
    done_at,
    listed_after,
    listed_places,
    named_owner,
    owner_forms,
    past_where,
    places_etc,
    result_clause,
    sited,
    stationed,
    triggers,
    venues,
)
from kg.extract.text import load_tsv
from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction, Mention, MentionRelation

_SETTLE = re.compile(r"(?:先后|成功|相继)?(?:落户|入驻|落地|扎根)")
_SETTLE_AT = re.compile(r"(?:落户|入驻|落地|扎根|布局)(?:在|于|到)?$")
_RANKS = (("省", "自治区"), ("市", "州", "盟"), ("县", "旗", "区"), ("镇", "乡", "苏木", "街道"), ("村", "嘎查", "社区", "屯"))
_IMPLEMENT = re.compile(r"落实|实施|贯彻|按照|依据|围绕|助力|推进|以.{1,20}为(?:重点|引领|抓手|目标|核心|主线|契机)")
_YEAR_IS = re.compile(r"是[^，,。]{0,12}(?:之年|一年)")
_REVIEW = re.compile(r"回顾|总结|成绩|成就")  # “十三五”工作回顾 looks back; it frames nothing
_FRAME_TAIL = re.compile(r"[”\"]?为(?:重点|引领|抓手|目标|核心|主线|契机)")
_HELD_AT = re.compile(r"^(?:举行|召开|举办)的[“\"]?$")

_BUILDS_AT = re.compile(r"^(?:[^，。；]{0,3}?)(?:投资建设|建设|新建|实施|建成|打造|启动|开工|谋划|布局|落地|开展)")
_SUBJECT = re.compile(r"(?:^|[，,；;。：:\n])(?:支持|推动|鼓励|引导)?$")
_ATTRACT = re.compile(r"引进|落户|入驻|签约|招引")
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")


def _first_by_key(ex: Extraction) -> dict[str, Mention]:
    first: dict[str, Mention] = {}
    for m in ex.mentions:
        if m.key and m.key not in first:
            first[m.key] = m
    return first


@component("relations")
def relations(ex: Extraction) -> None:
    first = _first_by_key(ex)
    out: list[MentionRelation] = []
    forms: list[Mention] = []  # other written forms of a project, as mentions under its key
    seen: set[tuple[str, str, str]] = set()

    def add(h: Mention, rel: str, t: Mention, conf: float, span: tuple[int, int] | None = None) -> None:
        sig = (h.key or h.surface, rel, t.key or t.surface)
        if sig in seen or sig[0] == sig[2]:
            return
        seen.add(sig)
        s, e = span or (h.start, h.end)
        out.append(MentionRelation(h, rel, t, s, e, "relations", conf))

    g = gazetteer()
    home_key = _home_key(ex.home)
    places = [m for m in ex.mentions if m.type == "Place"]
    for m in places:
        if m.code:
            for anc in g.chain(m.code)[1:]:
                t = first.get(f"adm:{anc.code}")
                if t:
                    add(m, "partOf", t, 0.95)
        elif m.parent:
            t = first.get(m.parent)
            if t is not None:
                add(m, "partOf", t, 0.85 if m.extractor == "places.local" else 0.7)
            if m.parent != home_key and home_key and m.parent.startswith("loc:") and home_key in first:
                add(m, "partOf", first[home_key], 0.8)
            elif t is None and home_key in first and m.parent.startswith("adm:"):
                add(m, "partOf", first[home_key], 0.6)  # a town of a county the city report does not name
    # 头台镇|仁和堡村, 科左后旗|甘旗卡镇: a place named right after a larger one lies in it
    ordered = sorted(places, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start == a.end and 0 <= _rank(a.surface, a.code) < _rank(b.surface):  # 天津|滨海新区 too
            add(b, "partOf", a, 0.7, _sentence_span(ex, b.start))
    # 吉首地处武陵山片区腹地: the report's own place lies in the region the text places it in
    if home_key in first:
        for m in places:
            if m.extractor == "places.region" and ex.doc.clean[m.start - 2 : m.start] in ("地处", "位于", "处于", "属于"):
                add(first[home_key], "partOf", m, 0.6, _sentence_span(ex, m.start))
    # 加快推进粤港澳大湾区建设 in 斗门区's report: a local report's own place lies in the named regions
    # it mentions that hold its division (region_members.tsv)
    if home_key in first and ex.home and ex.home != COUNTRY:
        own = {u.code for u in g.chain(ex.home)}
        firms = [(f.start, f.end) for f in ex.mentions if f.type == "Enterprise"]
        for m in places:  # not a region a firm's name holds (大唐蒙西)
            if (m.key or "").startswith("region:") and own & _region_members().get(m.key[7:], frozenset()) \
                    and not any(a <= m.start and m.end <= b for a, b in firms):
                add(first[home_key], "partOf", m, 0.6, _sentence_span(ex, m.start))
    # 乾州古城|非遗园, 肇源|莲花湖国家湿地公园: a site named after a place lies in it
    for m in places:
        if m.extractor in ("places.suffix", "places.list"):
            for t in places:
                if t is not m and t.start == m.start and t.end < m.end and t.key != m.key:
                    add(m, "partOf", t, 0.6)
    if ex.home == COUNTRY and home_key in first:
        _national_parts(ex, first, first[home_key], add)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in ex.mentions:
        by_sentence[ex.doc.sentence_at(m.start)].append(m)
    for idx, ms in by_sentence.items():
        sent = ex.doc.sentences[idx] if ex.doc.sentences else None
        span = (sent.start, sent.end) if sent else None
        projects = [m for m in ms if m.type == "Project"]
        for p in projects:
            inner = [m for m in ms if m.start >= p.start and m.end <= p.end and m is not p]
            sites = venues(ex.doc.clean, inner)
            for m in inner:
                if m in sites:
                    add(p, "locatedIn", m, 0.8, span)
                elif m.type == "Enterprise":
                    add(m, "undertakes", p, 0.8, span)
            # an enterprise right before a project: 泰鼎有色金属|15万吨废铅酸蓄电池综合利用, and firms
            # listed before one: 许继、龙源各|4.95万千瓦风电
            lead = p.start
            # 越芯半导体、|闻泰光电智能制造产业园: a project that opens with its own firm is that firm's
            # alone, unless a count follows it (三峡蒙能、|华能两座…机组: one each)
            own = any(m.type == "Enterprise" and m.start == p.start and not QUANTITY.match(ex.doc.clean[m.end : m.end + 6])
                      for m in inner)
            for m in sorted((m for m in ms if m.type == "Enterprise" and m.end <= p.start and not own), key=lambda m: -m.end):
                gap = ex.doc.clean[m.end : lead]
                if gap in ("", " ", "各", "分别", "、") or (lead == p.start and gap in ("各", "分别")):
                    add(m, "undertakes", p, 0.75, span)
                    lead = m.start
                    if ex.doc.clean[m.start - 1 : m.start] == "、":
                        lead = m.start - 1
                else:
                    break
            # 室韦、奇乾、恩和哈达供水保障工程: the places listed before a place-named project share it
            listed = listed_places(ex, ms, p, inner)
            for t in listed:
                add(p, "locatedIn", t, 0.7, span)
            for t in places_etc(ex, ms, p):  # 长江、黄河等|重要生态系统保护和修复重大工程
                add(p, "locatedIn", t, 0.6, span)
            if listed and p.key:  # and the whole list is the project's full name
                s0 = listed[-1].start
                forms.append(Mention("Project", ex.doc.clean[s0 : p.end], s0, p.end, "relations.list-form",
                                     p.confidence, key=p.key))
            elif p.key and (s0 := shared_head_form(ex, p)) is not None:  # 蒙古马、|苏尼特双峰驼保护工程
                forms.append(Mention("Project", ex.doc.clean[s0 : p.end], s0, p.end, "projects.shared-head",
                                     p.confidence, key=p.key))
            if p.key and (yr := named_year_form(ex, p)) is not None:  # “化解信访问题年”专项行动
                forms.append(Mention("Project", ex.doc.clean[yr[0] : yr[1]], *yr, "projects.named-year", p.confidence, key=p.key))
            if not sites and not listed and home_key in first \
                    and p.extractor != "projects.national" and not abroad(ex.doc.clean, p):
                add(p, "locatedIn", first[home_key], 0.5, span)  # a national campaign is not local
        if sent and _SETTLE.search(sent.text):
            targets = [m for m in ms if m.type == "Place" and _SETTLE_AT.search(ex.doc.clean[max(0, m.start - 4) : m.start])]
            for t in targets:
                for m in ms:  # 华美公司入驻于红花套镇: the firms of the clause that settles, not the sentence's
                    if m.type in ("Enterprise", "Project") and m.end <= t.start and \
                            not any(c in "，,；;。" for c in ex.doc.clean[m.end : t.start]):
                        add(m, "locatedIn", t, 0.75, span)
        text = ex.doc.clean
        if sent:
            done_at(ex, ms, first.get(home_key or ""), sent, add)
        # 盛华新能源投资建设200兆瓦光伏电站: a firm that builds a project in its clause undertakes it,
        # also where the clause says first where it builds (华润电力在双江口镇建设…)
        for m in (m for m in ms if m.type == "Enterprise"):
            for p in projects:
                gap = after_firms(text, ms, m.end, p.start)
                gap = text[past_where(text, ms, p.start - len(gap), p.start) : p.start]
                verb = triggers()[0].match(gap)
                if verb and 0 < len(gap) and not any(c in "，,；;。" for c in gap) and \
                        (len(gap) <= 12 or after_listed(text, ms, p.start - len(gap) + verb.end(), p.start)):
                    add(m, "undertakes", p, 0.6, span)  # …要加快推进牦牛湖、钓鱼岛观光码头和…
        built_by(ex, ms, add, span)  # Y项目由A公司承建
        sited(ex, ms, add, span)  # 位于X的Y, Y位于X, Y|X段
        listed_with_place(ex, ms, add, span)  # 北京冬奥会、冬残奥会
        bracketed(ex, ms, add, span)  # 污水处理厂提标改造（金洲镇、黄材镇）
        # 在明安图镇建设扶贫产业园, 在安徽等地开展农村税费改革试点, 支持北京、上海建设科技创新中心: a
        # project built at (or by) the places its clause opens with
        for t in (m for m in ms if m.type == "Place" and (text[m.start - 1 : m.start] in ("在", "于")
                                                           or _SUBJECT.search(text, max(0, m.start - 3), m.start))):
            listed = listed_after(text, ms, t)
            for p in projects:
                gap = text[listed[-1].end : p.start]
                if 0 <= len(gap) <= 10 and _BUILDS_AT.match(gap) and not any(c in "，,；;。、" for c in gap):
                    for x in listed:
                        add(p, "locatedIn", x, 0.6, span)
        # 在意大利罗马举行的“2019全球减贫伙伴研讨会”: an event held at a place
        for t in (m for m in ms if m.type == "Place"):
            for p in projects:
                if 0 < p.start - t.end <= 5 and _HELD_AT.match(ex.doc.clean[t.end : p.start]):
                    add(p, "locatedIn", t, 0.8, span)
        stationed(ex, ms, first.get(home_key or ""), add, span)  # 农垦、森工等驻市企业
        if sent and home_key in first and _ATTRACT.search(sent.text):
            for m in ms:
                if m.type == "Enterprise":
                    add(m, "locatedIn", first[home_key], 0.55, span)
        if sent:
            # 十项重点工作均取得实质性进展，特别是…幼儿园…: a policy opening the sentence frames its projects
            lead = re.match(r"^(?:[^，,：:]{0,6}[，,])?[^，,：:]*", sent.text)  # 上半年，十项重点工作均…
            first_clause_end = sent.start + (lead.end() if lead else 0)
            heads = [m for m in ms if m.type in ("Policy", "Slogan") and m.end <= first_clause_end
                     and not any(p.start <= m.start and m.end <= p.end for p in projects)]  # “六同”供水工程
            for q in heads:
                for p in projects:
                    if p.start > first_clause_end:
                        add(p, "implements", q, 0.5, span)
        if sent:
            result_clause(ex, ms, sent, add)  # …，平安中国建设取得新成效
        if sent and _IMPLEMENT.search(sent.text):
            pols = [m for m in ms if m.type in ("Policy", "Slogan")]
            text = ex.doc.clean
            for p in projects:
                for q in pols:
                    if q.start >= p.start and q.end <= p.end:
                        continue
                    # tied, not just side by side: one clause, a shared name part (优化营商环境), or
                    # the policy set as the frame (以“三清一改”为重点)
                    lo, hi = min(p.end, q.end), max(p.start, q.start)
                    same_clause = not any(c in "，,；;" for c in text[lo:hi])
                    frame = bool(re.search(r"以[“\"]?$", text[max(0, q.start - 2) : q.start])
                                 and _FRAME_TAIL.match(text, q.end))
                    framed = frame and q.start > p.end
                    # 认真落实国务院《优化营商环境条例》,继续开展…百日攻坚行动: the work of the next clause
                    # …，以“三清一改”为抓手，开展Y: the frame of the clause before
                    carried = q.end <= p.start and (frame or _carried(text, q)) and \
                        sum(text.count(c, q.end, p.start) for c in "，,；;") == 1
                    if same_clause or framed or carried or _shares_words(p.surface, q.surface):
                        add(p, "implements", q, 0.6 if framed or same_clause else 0.5, span)
    paragraphs = paragraph_bounds(ex.doc)
    _section_policies(ex, paragraphs, add)
    named_owner(ex, out, add)  # 默锐|钠离子电池补钠技术开发, the firm 默锐 named elsewhere in the report
    _lead_projects(ex, paragraphs, add)
    place_led(ex, paragraphs, add)  # ——金洲镇：建设A、B。
    defined_lists(ex, paragraphs, add)  # 8.“两个试点、一个示范”：A试点；B试点；C示范建设。
    ex.relations.extend(out)
    have = {(m.start, m.end) for m in ex.mentions}
    ex.mentions.extend(m for m in forms if (m.start, m.end) not in have)
    ex.mentions.extend(owner_forms(ex, out))


_LEVELS = {"province": 0, "city": 1, "county": 2}


def _rank(name: str, code: str | None = None) -> int:
    """Administrative level told by a name's last word (省 0 … 村 4), or by its division code
    (天津 0), -1 when neither tells it."""
    if code and (u := gazetteer().units.get(code)) is not None and u.level in _LEVELS:
        return _LEVELS[u.level]
    for i, ends in enumerate(_RANKS):
        if name.endswith(ends):
            return i
    return -1


def _sentence_span(ex: Extraction, pos: int) -> tuple[int, int] | None:
    if not ex.doc.sentences:
        return None
    sent = ex.doc.sentences[ex.doc.sentence_at(pos)]
    return sent.start, sent.end


def _national_parts(ex: Extraction, first: dict[str, Mention], country: Mention, add) -> None:
    """In the State Council's report, a division whose province the report does not name, and a named
    region of the country (京津冀, 长江经济带), are parts of the country."""
    g = gazetteer()
    for m in ex.mentions:
        if m.type != "Place" or first.get(m.key or "") is not m:
            continue
        if m.code and not any(f"adm:{a.code}" in first for a in g.chain(m.code)[1:]):
            add(m, "partOf", country, 0.8)
        elif m.extractor == "places.region" and (m.key or "") in _region_keys():
            add(m, "partOf", country, 0.8)


@cache
def _region_keys() -> frozenset[str]:
    return frozenset(f"region:{r[0]}" for r in load_tsv("regions.tsv") if len(r) > 1 and r[1] in ("region", "macro"))


@cache
def _region_members() -> dict[str, frozenset[str]]:
    """Named region → the division codes wholly inside it (region_members.tsv)."""
    return {r[0]: frozenset(r[1].split()) for r in load_tsv("region_members.tsv") if len(r) > 1}


def _shares_words(a: str, b: str, n: int = 4) -> bool:
    """Do two names share an n-character run (优化营商环境百日攻坚行动 / 优化营商环境条例)?"""
    return any(a[i : i + n] in b for i in range(len(a) - n + 1))


def _section_policies(ex: Extraction, paragraphs: dict[int, int], add) -> None:
    """A policy named in a heading frames the projects below it: a numbered section heading
    (（四）实施乡村振兴战略) up to the next one, a paragraph's short lead sentence
    (深入实施乡村振兴战略。) up to the paragraph's end."""
    text = ex.doc.clean
    heads = [s for s in ex.doc.sentences if _HEADING.match(s.text) and len(s.text) <= 40
             and not _REVIEW.search(s.text)]
    bounds = [(h, heads[i + 1].start if i + 1 < len(heads) else len(text), False) for i, h in enumerate(heads)]
    ends = paragraphs
    for sent in ex.doc.sentences:
        if len(sent.text) <= 25 and sent.start in ends and not _HEADING.match(sent.text) \
                and not _YEAR_IS.search(sent.text) \
                and not _REVIEW.search(sent.text):  # 2015年是“十二五”收官之年, 2025年和“十四五”工作回顾: no line of work
            bounds.append((sent, ends[sent.start], True))
    policies, projects = _by_start(ex, "Policy"), _by_start(ex, "Project")
    slogans = _by_start(ex, "Slogan")
    for h, end, lead in bounds:
        # 推动高质量共建“一带一路”走深走实。: a paragraph's lead may set a slogan as its line of work
        pols = policies(h.start, h.end) + (slogans(h.start, h.end) if lead else [])
        if not pols:
            continue
        for p in projects(h.end, end):
            for q in pols:
                add(p, "implements", q, 0.4, (h.start, h.end))


def _carried(text: str, q: Mention) -> bool:
    """Is the policy named as what is carried out (认真贯彻落实市安委会制发的《…方案》)?"""
    return bool(triggers()[1].search(text, max(0, q.start - 14), q.start))


def _lead_projects(ex: Extraction, paragraphs: dict[int, int], add) -> None:
    """A paragraph that opens with a short sentence naming a project, and then says which policy it
    carries out (四要扎实开展安全生产专项整治提升行动。…认真贯彻落实…《三年行动工作实施方案》)."""
    text = ex.doc.clean
    projects, policies = _by_start(ex, "Project"), _by_start(ex, "Policy")
    ends = paragraphs
    for sent in ex.doc.sentences:
        if len(sent.text) > 30 or sent.start not in ends:
            continue
        heads = projects(sent.start, sent.end)
        if not heads or policies(sent.start, sent.end):
            continue
        end = ends[sent.start]
        for q in policies(sent.end, end):
            if _carried(text, q):
                for p in heads:
                    add(p, "implements", q, 0.5, _sentence_span(ex, q.start))


def _by_start(ex: Extraction, kind: str) -> Callable[[int, int], list[Mention]]:
    """The mentions of a kind starting in [a, b), in their order, by bisection: a scan of every
    mention for every heading made extraction quadratic in the document's length."""
    found = sorted((m.start, i) for i, m in enumerate(ex.mentions) if m.type == kind)
    starts = [s for s, _ in found]

    def between(a: int, b: int) -> list[Mention]:
        return [ex.mentions[i] for i in sorted(i for _, i in found[bisect_left(starts, a) : bisect_left(starts, b)])]

    return between
