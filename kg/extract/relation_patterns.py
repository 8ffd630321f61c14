"""Clause patterns of relations.py, apart so that file stays readable: where a firm or project is
said to settle or be held, the places or firms listed before a project, and the other written forms
of a project its relations reveal (its full list name, its name with or without its owner)."""

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


_PLACE_LED = re.compile(r"^.{1,3}(?:省|市|县|旗|区|镇|乡)")
_QUANTITY = re.compile(r"^(?:[\d０-９]|[两二三四五六七八九十百千]+[座个条台套处])")


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
            if not (_QUANTITY.match(rest) or (_suffixes_re().search(f.surface) and len(rest) >= 5
                                              and rest[:2] not in word_set("generic_words.tsv"))):
                continue  # 示范园区项目 alone names nothing
        elif f.end == p.start and len(p.surface) >= 4 and _QUANTITY.match(p.surface):  # the firm just before
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
