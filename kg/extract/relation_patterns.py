"""Clause patterns of relations.py, apart so that file stays readable: where a firm or project is
said to settle, be held or lie (落户, 在X举行, 位于X的, X段, 长江上游、…), the places or firms listed
before a project (甲、乙等…), the builder after 由, a firm the report names elsewhere opening a
project's name, the policy a sentence's closing clause says its work advanced or aims at, and the
other written forms of a project its relations reveal (its full list name, its name with or without
its owner); firms said to be stationed in the report's place (驻市企业), the places inside a project's
name that are its site, and events held elsewhere (出席…峰会, 健儿在…奥运会上)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from kg.extract.text import load_tsv, word_set
from kg.model import Extraction, Mention, MentionRelation

_AT_VERB = re.compile(r"(?:成功|顺利|正式|先后|相继|率先)?(?:落户|落地|入驻|扎根|举行|举办|召开|开幕|投产|建成|开工)")
_AT_HOME = re.compile(r"在(?:我|本)(?:旗|县|市|区|州|盟|省|自治区)")


def done_at(ex: Extraction, ms: list[Mention], home: Mention | None, sent, add) -> None:
    """A firm or project of a clause that says where it settles or is held: 华美公司在红花套镇落户,
    “…启动仪式”在我旗举行 (the report's own place)."""
    text = ex.doc.clean
    heads = [m for m in ms if m.type in ("Enterprise", "Project")]
    if not heads:
        return
    where = [(t.start - 1, t.end, t) for t in ms if t.type == "Place" and text[t.start - 1 : t.start] == "在"]
    if home is not None:
        where += [(m.start(), m.end(), home) for m in _AT_HOME.finditer(text, sent.start, sent.end)]
    for at, end, t in where:
        if not _AT_VERB.match(text, end):
            continue
        for m in heads:
            if m.end <= at and not any(c in "，,；;。：:" for c in text[m.end : at]) and at - m.end <= 12:
                add(m, "locatedIn", t, 0.7, (sent.start, sent.end))


def listed_places(ex: Extraction, ms: list[Mention], p: Mention, inner: list[Mention]) -> list[Mention]:
    """Places joined by 、 right before a project: 大青沟、|草甘沙漠旅游区提质升级工程. Only when the
    project's own name opens with a place, so the list reads as one list of places."""
    if not any(m.type == "Place" and m.start == p.start for m in inner):
        return []
    text = ex.doc.clean
    ends = {m.end: m for m in ms if m.type == "Place"}
    out: list[Mention] = []
    pos = p.start
    inside = [(m.start, m.end) for m in ms if m.type == "Project" and m is not p]
    while text[pos - 1 : pos] in ("、", "和", "及") and (t := ends.get(pos - 1)) is not None \
            and not any(a <= t.start and t.end <= b for a, b in inside):  # 潮中至|上护林: a road's end
        out.append(t)
        pos = t.start
    return out


def after_firms(text: str, ms: list[Mention], pos: int, stop: int) -> str:
    """The words between a firm and a project, past the other firms listed with it: in 甲、乙等企业
    实施的Y, 甲's gap is 等企业实施的 as 乙's is."""
    firms = {m.start: m for m in ms if m.type == "Enterprise"}
    while pos < stop and text[pos] in "、和与及" and (f := firms.get(pos + 1)) is not None:
        pos = f.end
    return text[pos:stop]


def after_listed(text: str, ms: list[Mention], pos: int, stop: int) -> bool:
    """Is ``stop`` reached from ``pos`` over other projects joined by 、/和/及 (the firm's verb, then
    A、B和 the project at ``stop``), so a firm's verb reaches every project it lists?"""
    longest: dict[int, int] = {}
    for m in ms:
        if m.type == "Project":
            longest[m.start] = max(longest.get(m.start, 0), m.end)
    while pos < stop and longest.get(pos, stop) < stop and text[longest[pos]] in "、和及":
        pos = longest[pos] + 1
    return pos == stop


_PLACE_LED = re.compile(r"^.{1,3}(?:省|市|县|旗|区|镇|乡)")
QUANTITY = re.compile(r"^(?:[\d０-９]|[两二三四五六七八九十百千]+[座个条台套处])")


def owner_forms(ex: Extraction, rels: list[MentionRelation]) -> list[Mention]:
    """The other form of a project its owner names: 泰鼎有色金属|15万吨废铅酸蓄电池综合利用 is also
    written and cited as 15万吨…综合利用, and 许继|4.95万千瓦风电 as 许继4.95万千瓦风电. Each form is
    one more mention under the project's own key (an alias once linked), never a new entity."""
    text = ex.doc.clean
    have = {(m.start, m.end) for m in ex.mentions}
    forms: list[Mention] = []
    for r in rels:
        f, p = r.head, r.tail
        if r.rel != "undertakes" or not p.key:
            continue
        if f.start == p.start and f.end < p.end:  # the firm opens the project's name
            s, e = f.end, p.end
            rest = text[s:e]
            if len(rest) < 4 or _PLACE_LED.match(f.surface):  # x县水土保持科技|…: a place's works, no firm
                continue
            if not (QUANTITY.match(rest) or (_suffixes_re().search(f.surface) and len(rest) >= 5
                                              and rest[:2] not in word_set("generic_words.tsv"))):
                continue  # 示范园区项目 alone names nothing
        elif f.end == p.start and len(p.surface) >= 4 and QUANTITY.match(p.surface):  # the firm just before
            s, e = f.start, p.end
        else:
            continue
        if (s, e) not in have:
            have.add((s, e))
            forms.append(Mention("Project", text[s:e], s, e, "relations.owner-form", p.confidence, key=p.key))
    return forms


@cache
def _suffixes_re() -> re.Pattern:
    """An enterprise name that ends in its industry or legal form (蒙宝生物科技, 泰鼎有色金属)."""
    ends = sorted((r[0] for r in load_tsv("enterprise_suffixes.tsv")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, ends)) + ")$")


@cache
def triggers() -> tuple[re.Pattern, re.Pattern]:
    """(builds, carries) from relation_triggers.tsv: a firm's verb before its project, up to four
    words after the firm (公司|集团 aside) or a bare 的 (A公司的Y项目); a carrying verb up to ten
    characters before a policy, within its clause."""
    words: dict[str, list[str]] = defaultdict(list)
    for row in load_tsv("relation_triggers.tsv"):
        if len(row) > 1:
            words[row[0]].append(row[1])

    def alt(group: str) -> str:
        return "|".join(map(re.escape, sorted(words[group], key=len, reverse=True)))

    builds = re.compile(rf"^(?:公司|集团)?(?:[^，。；]{{0,4}}?)(?:{alt('builds')})|^的$")
    carries = re.compile(rf"(?:{alt('carries')})[^，,；;。：:]{{0,10}}$")
    return builds, carries


_WRAP_SKIP = "\u200b\u200c\u200d\ufeff \t\u3000"


def paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` ends: at a line break after a full stop. A break in the
    middle of a sentence (阶段性稳\n岗政策, a wrapped line) does not end it."""
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        before = text[:end].rstrip(_WRAP_SKIP)
        if not before or before[-1] in "。！？!?；;：:”\"）)" or end - pos > 2000:
            return end
        pos = end + 1


_PUNCT = "，,；;。：:"
_BY_VERB = re.compile(r"(?:公司|集团)?(?:负责|牵头|独资|全资|控股|联合|合作|共同|出资)?(?:投资|投入)?"
                      r"(?:建设|承建|实施|运营|开发|建成|打造|施工|代建|投建|兴建|承担|经营)")
_SITED = re.compile(r"(?:位于|坐落于|坐落在|地处|选址(?:在|于)?)$")
_ETC = re.compile(r"(?:等|等地|等地区|等地方)(?:的)?$")


def built_by(ex: Extraction, ms: list[Mention], add, span) -> None:
    """金洲大道提质改造工程由长沙城建集团承建, Y项目由A、B共同投资建设: the firms after 由 undertake
    the project before it, within one clause."""
    text = ex.doc.clean
    firms = sorted((m for m in ms if m.type == "Enterprise"), key=lambda m: m.start)
    for p in (m for m in ms if m.type == "Project"):
        f = next((f for f in firms if f.start > p.end), None)
        if f is None:
            continue
        gap = text[p.end : f.start]
        if len(gap) > 6 or not gap.endswith("由") or any(c in _PUNCT for c in gap):
            continue
        listed = [f]
        by_start = {m.start: m for m in firms}
        while text[listed[-1].end : listed[-1].end + 1] in ("、", "和", "与", "及") and \
                (g := by_start.get(listed[-1].end + 1)) is not None:
            listed.append(g)
        if _BY_VERB.match(text, listed[-1].end, listed[-1].end + 12):
            for g in listed:
                add(g, "undertakes", p, 0.65, span)


def named_owner(ex: Extraction, rels: list[MentionRelation], add) -> None:
    """A project whose name opens with a firm the report names elsewhere (默锐钠离子电池补钠技术开发,
    默锐 named as a firm in another sentence) is that firm's, the longest such firm. Only projects no
    firm undertakes yet."""
    firms: dict[str, Mention] = {}
    for m in ex.mentions:
        if m.type == "Enterprise" and len(m.surface) >= 2:
            firms.setdefault(m.surface, m)
    owned = {r.tail.key or r.tail.surface for r in rels if r.rel == "undertakes"}
    for p in (m for m in ex.mentions if m.type == "Project" and (m.key or m.surface) not in owned):
        name = next((p.surface[:k] for k in range(min(len(p.surface) - 3, 12), 1, -1) if p.surface[:k] in firms), None)
        if name is not None and p.surface[len(name)] not in "路街道镇村乡湖山河区园":  # 龙源|路改造工程
            add(firms[name], "undertakes", p, 0.55, _span(ex, p.start))


def _span(ex: Extraction, pos: int) -> tuple[int, int] | None:
    if not ex.doc.sentences:
        return None
    sent = ex.doc.sentences[ex.doc.sentence_at(pos)]
    return sent.start, sent.end


def past_where(text: str, ms: list[Mention], pos: int, stop: int) -> int:
    """Past a place the clause opens with (华润电力|在双江口镇|建设…): where its verb starts."""
    if text[pos : pos + 1] not in ("在", "于"):
        return pos
    starts = {m.start: m for m in ms if m.type == "Place"}
    t = starts.get(pos + 1)
    while t is not None and t.end <= stop:
        pos = t.end
        t = starts.get(pos + 1) if text[pos : pos + 1] in ("、", "和") else None
    return pos


def listed_after(text: str, ms: list[Mention], t: Mention) -> list[Mention]:
    """The place and those listed after it: 在|兴福镇、曹王镇|等地建设…"""
    starts = {m.start: m for m in ms if m.type == "Place"}
    out = [t]
    while text[out[-1].end : out[-1].end + 1] in ("、", "和") and (n := starts.get(out[-1].end + 1)) is not None:
        out.append(n)
    return out


_REACH = re.compile(r"(?:上游|中游|下游|上中游|中下游|沿线|流域|两岸|沿岸)(?:等地区?)?的?")


def sited(ex: Extraction, ms: list[Mention], add, span) -> None:
    """Where a clause says a project or firm lies: 位于黄材镇的炭河古城文旅综合体, 产业园位于金洲镇,
    天庆高速天水段 (the section in a place), 灰汤镇的温泉小镇项目."""
    text = ex.doc.clean
    heads = [m for m in ms if m.type in ("Enterprise", "Project")]
    for t in (m for m in ms if m.type == "Place"):
        inside = any(h.start <= t.start and t.end <= h.end for h in heads)
        for h in heads:
            if h.start == t.end + 1 and text[t.end] == "的" and not inside and \
                    (h.type == "Project" or _SITED.search(text, max(0, t.start - 5), t.start)):
                add(h, "locatedIn", t, 0.65, span)  # (位于)X的P
            elif h.end <= t.start and t.start - h.end <= 5 and _SITED.search(text, h.end, t.start) and \
                    not any(c in _PUNCT for c in text[h.end : t.start]):
                add(h, "locatedIn", t, 0.65, span)  # P位于X
            elif h.type == "Project" and h.end == t.start and text[t.end : t.end + 1] == "段":
                add(h, "locatedIn", t, 0.7, span)  # P|X段
            elif h.type == "Project" and h.start > t.end and _REACH.fullmatch(text, t.end, h.start):
                for u in _reaches_before(text, ms, t):  # 长江上游、黄河上中游|天然林保护工程
                    add(h, "locatedIn", u, 0.65, span)


def _reaches_before(text: str, ms: list[Mention], t: Mention) -> list[Mention]:
    """The place of a river's reach and those of the reaches listed before it (长江上游、|黄河上中游)."""
    ends = {m.end: m for m in ms if m.type == "Place"}
    out = [t]
    pos = t.start
    while text[pos - 1 : pos] == "、":
        u = next((ends[e] for e in range(pos - 1, max(0, pos - 6), -1)
                  if e in ends and (e == pos - 1 or _REACH.fullmatch(text, e, pos - 1))), None)
        if u is None:
            break
        out.append(u)
        pos = u.start
    return out


def places_etc(ex: Extraction, ms: list[Mention], p: Mention) -> list[Mention]:
    """长江、黄河、海岸带等|重要生态系统保护和修复重大工程: the places a list names just before 等 and
    the project (items that are no place, 海岸带, are passed over)."""
    text = ex.doc.clean
    m = _ETC.search(text, max(0, p.start - 4), p.start)
    if m is None:
        return []
    ends = {t.end: t for t in ms if t.type == "Place"}
    out: list[Mention] = []
    pos = m.start()
    while True:
        s = pos
        while s > max(0, pos - 10) and text[s - 1] not in "、和及" + _PUNCT + "\n":
            s -= 1
        t = ends.get(pos)
        if t is not None and t.start >= s:
            out.append(t)
        if s <= 0 or text[s - 1] not in "、和及" or s == pos:
            return out
        pos = s - 1


_RESULT = re.compile(r"(?:建设|工作)?(?:取得|实现|迈出|见到)了?(?:新|明显|显著|积极|重大|阶段性|实质性|扎实)*的?"
                     r"(?:进展|成效|成果|成绩|突破|步伐)")


_GOAL = re.compile(r"[^，,；;。]{0,4}?(?:建设|建成|打造|构建)(?:[^，,；;。]{0,8}的)?[“\"]?")


def result_clause(ex: Extraction, ms: list[Mention], sent, add) -> None:
    """…持续推进扫黑除恶专项斗争，平安中国建设取得新成效 / …，建设更高水平的平安中国: the work of a
    sentence carries out the policy its closing clause says it has advanced or sets as its goal."""
    text = ex.doc.clean
    cut = max(text.rfind(c, sent.start, sent.end) for c in "，,；;")
    if cut < sent.start:
        return
    tails = [q for q in ms if q.type in ("Policy", "Slogan") and q.start > cut]
    if not tails:
        return
    last = max(tails, key=lambda q: q.end)
    goal = len(tails) == 1 and _GOAL.fullmatch(text, cut + 1, last.start) is not None and \
        text[last.end : sent.end].strip("”\"。！；; ") == ""
    listed = all(c in "、和“”\"《》" for c in _gaps(text, cut + 1, sorted(tails, key=lambda q: q.start)))
    if not (goal or (listed and _RESULT.match(text, last.end, sent.end))):
        return
    if goal:  # 建设更高水平的平安中国 sets as its goal the 平安中国建设 the report names elsewhere
        named = last.surface.strip("“”\"") + "建设"
        tails += [m for m in ex.mentions if m.type in ("Policy", "Slogan") and m.surface.strip("“”\"") == named][:1]
    for p in (m for m in ms if m.type == "Project" and m.end <= cut):
        for q in tails:
            add(p, "implements", q, 0.5, (sent.start, sent.end))


def _gaps(text: str, start: int, names: list[Mention]) -> str:
    """The characters between ``start`` and the names listed one after another."""
    out, pos = [], start
    for q in names:
        out.append(text[pos : max(pos, q.start)])
        pos = max(pos, q.end)
    return "".join(out)


_STATIONED_BEFORE = re.compile(r"驻(?:地|本地|当地|市|县|区|旗|州|盟)$")
_STATIONED_AFTER = re.compile(r"(?:等)?驻(?:地|本地|当地|市|县|区|旗|州|盟)(?:的)?(?:企业|单位|央企|国企)")


def stationed(ex: Extraction, ms: list[Mention], home: Mention | None, add, span) -> None:
    """深化与农垦、森工等驻市企业全方位合作, 深化与驻地农垦、森工企业合作: firms the report calls
    stationed in its place (驻市, 驻地, 驻旗…) lie in it, each firm of the list."""
    if home is None:
        return
    text = ex.doc.clean
    firms = sorted((m for m in ms if m.type == "Enterprise"), key=lambda m: m.start)
    by_start = {m.start: m for m in firms}
    index = {id(m): k for k, m in enumerate(firms)}
    i = 0
    while i < len(firms):
        run = [firms[i]]  # a list of firms joined by 、/和/与/及
        while text[run[-1].end : run[-1].end + 1] in ("、", "和", "与", "及") and (n := by_start.get(run[-1].end + 1)):
            run.append(n)
        i = index[id(run[-1])] + 1
        if _STATIONED_BEFORE.search(text, max(0, run[0].start - 3), run[0].start) or \
                _STATIONED_AFTER.match(text, run[-1].end):
            for f in run:
                add(f, "locatedIn", home, 0.6, span)


_ABROAD = re.compile(r"出席|出访|访问|赴[^。；，,]{0,8}参加")  # events the leaders attended abroad
_ATHLETES = re.compile(r"(?:健儿|运动员)[^。；]{0,6}在$")  # 体育健儿在|里约奥运会上
_TRAINS = re.compile(r"[^，,。；;]{0,8}(?:备战|参赛)")  # 2020年奥运会|、残奥会备战工作


@cache
def _world_keys() -> frozenset[str]:
    """Continents and world regions (亚洲, 亚太, 东亚), the poles aside: places that name who takes part."""
    return frozenset(f"region:{r[0]}" for r in load_tsv("regions.tsv")
                     if len(r) > 1 and r[1] in ("continent", "world-region") and r[0] not in ("北极", "南极"))


def _names_members(text: str, m: Mention) -> bool:
    """Does a place inside a name say who takes part, not where (亚太|经合组织领导人非正式会议, 第九届
    亚洲|冬季运动会, 上海|合作组织峰会), so it locates nothing?"""
    return (m.key or "") in _world_keys() or text.startswith(("合作组织", "经合组织"), m.end)


def abroad(text: str, p: Mention) -> bool:
    """Is a project an event held elsewhere: one the leaders attend (出席二十国集团领导人峰会, read
    back to the last full stop, past a line a web copy wrapped) or one the athletes compete in
    (体育健儿在里约奥运会上, 2020年奥运会、残奥会备战工作)?"""
    lo = max(text.rfind(c, 0, p.start) for c in "。！？；") + 1
    return bool(_ABROAD.search(text, lo, p.start) or _ATHLETES.search(text[max(lo, p.start - 12) : p.start])
                or _TRAINS.match(text, p.end))


def venues(text: str, inner: list[Mention]) -> list[Mention]:
    """The places inside a project's name that say where it is: not those that name who takes part
    (亚太|经合组织…会议), nor those inside the name of the firm that builds it (大唐蒙西|1.5GW光伏:
    蒙西 is the firm's, not the site's)."""
    firms = [m for m in inner if m.type == "Enterprise"]
    return [m for m in inner if m.type == "Place" and not _names_members(text, m)
            and not any(f.start <= m.start and m.end <= f.end for f in firms)]
