"""implements: a project that carries out a policy or slogan its own name repeats.

relations.py ties a project to a policy by a verb in one sentence or a heading above it. A report
also says it by the name alone, within one paragraph: 出台国企改革三年行动方案 … 深入实施国企改革三年行动
(the action carries out the plan), 深化要素市场化配置改革 … 开展要素市场化配置综合改革试点 (the pilot
carries out the reform), 支持高质量共建“一带一路”八项行动 (the slogan inside the action's name). Two
names sharing a run of words inside one paragraph are one line of work, named once as a policy and
once as what is done under it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from kg.extract import component
from kg.extract.relation_patterns import paragraph_end
from kg.model import Extraction, Mention, MentionRelation

_STRIP = re.compile(r"[“”\"'‘’《》、，,\s·]")
# runs that every second policy shares and that say nothing of the line of work
_COMMON = re.compile(r"^(?:高质量发展|体制改革|制度改革|综合改革|改革|三年行动|行动方案|实施方案|工作方案|"
                     r"建设|发展|试点|工程|项目|行动|规划|战略|制度|机制)$")


@lru_cache(maxsize=8192)
def _norm(name: str) -> str:
    return _STRIP.sub("", name)


def _shared_run(a: str, b: str, n: int) -> bool:
    """Do a and b share a run of n characters that is not a generic head (改革, 三年行动)?"""
    for i in range(len(a) - n + 1):
        run = a[i : i + n]
        if run in b and not _COMMON.match(run) and not _COMMON.match(run[:-2] if len(run) > 4 else ""):
            return True
    return False


_DOC_HEADS = ("实施方案", "行动方案", "工作方案", "总体方案", "方案", "规划", "计划", "实施意见", "意见", "办法", "纲要")
_DOC_HEAD = re.compile(f"(?:{'|'.join(_DOC_HEADS)})$")
_POLICY_HEAD = re.compile(r"(?:体制改革|制度改革|改革|制度|战略|机制)$")


def _same_line(pn: str, qn: str) -> bool:
    """Anywhere in a report: the plan of an action (国企改革三年行动方案 → 国企改革三年行动), or the
    reform a pilot or action tries out (要素市场化配置改革 → 要素市场化配置综合改革试点)."""
    if qn.startswith(pn) and _DOC_HEAD.fullmatch(qn[len(pn):]):
        return True
    head = _POLICY_HEAD.search(qn)
    stem = qn[: head.start()] if head else ""
    return len(stem) >= 4 and pn.startswith(stem) and pn != qn and bool(re.search(r"(?:试点|行动|工程)$", pn))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs, a line wrapped in mid-sentence (阶段性稳\n岗政策) kept in its paragraph."""
    out, start = [], 0
    while start < len(text):
        end = paragraph_end(text, start)
        if end > start:
            out.append((start, end))
        start = end + 1
    return out


@component("implements")
def implements(ex: Extraction) -> None:
    text = ex.doc.clean
    have = {(r.head.key, r.tail.key) for r in ex.relations if r.rel == "implements"}
    mentions = sorted(ex.mentions, key=lambda m: m.start)
    firsts: dict[str, Mention] = {}
    for m in mentions:
        if m.type in ("Project", "Policy") and m.key not in firsts:
            firsts[m.key or m.surface] = m
    policies = [m for m in firsts.values() if m.type == "Policy"]
    by_name: dict[str, list[int]] = {}  # a policy's name, and its stem before a head word → its rank
    for i, q in enumerate(policies):
        qn = _norm(q.surface)
        by_name.setdefault(qn, []).append(i)
        head = _POLICY_HEAD.search(qn)
        if head and head.start() >= 4:
            by_name.setdefault(qn[: head.start()], []).append(i)
    for p in (m for m in firsts.values() if m.type == "Project"):
        pn = _norm(p.surface)
        # only the policies _same_line can accept: pn + a document head, or a stem pn starts with
        near = {i for k in range(4, len(pn) + 1) for i in by_name.get(pn[:k], ())}
        near |= {i for h in _DOC_HEADS for i in by_name.get(pn + h, ())}
        for q in (policies[i] for i in sorted(near)):
            if (p.key, q.key) not in have and _same_line(pn, _norm(q.surface)):
                have.add((p.key, q.key))
                _add(ex, p, q, 0.6)
    starts = [m.start for m in mentions]
    for ps, pe in _paragraphs(text):
        inside = mentions[bisect_left(starts, ps) : bisect_left(starts, pe)]
        projects = [m for m in inside if m.type == "Project"]
        policies = [m for m in inside if m.type in ("Policy", "Slogan")]
        for p in projects:
            pn = _norm(p.surface)
            for q in policies:
                qn = _norm(q.surface)
                if (p.key, q.key) in have or p.key == q.key or qn == pn or len(qn) < 2:
                    continue
                nested = q.start >= p.start and q.end <= p.end
                if nested or (len(qn) >= 4 and _shared_run(qn, pn, 4)):
                    have.add((p.key, q.key))
                    _add(ex, p, q, 0.6 if nested else 0.55)


def _add(ex: Extraction, p: Mention, q: Mention, conf: float) -> None:
    """The relation, with the span from the first name's sentence to the second's as evidence."""
    lo, hi = min(p.start, q.start), max(p.end, q.end)
    s = ex.doc.sentences[ex.doc.sentence_at(lo)].start if ex.doc.sentences else lo
    e = ex.doc.sentences[ex.doc.sentence_at(hi - 1)].end if ex.doc.sentences else hi
    if e - s > 400:  # far apart: each name's own sentence is the evidence, the first one kept
        e = ex.doc.sentences[ex.doc.sentence_at(lo)].end if ex.doc.sentences else lo + 200
    ex.relations.append(MentionRelation(p, "implements", q, s, e, "implements.shared-name", conf))
