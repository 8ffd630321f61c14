"""Relations that hang on how a report is laid out or lists its works (relations.py calls these):
paragraphs a web copy keeps on one line apart by a space, a note that spells out a slogan as the
works it stands for, and works listed right after a place-led one of their kind."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.extract.relation_patterns import paragraph_end
from kg.model import Extraction, Mention

_GAP = re.compile(r"[ \t\u3000\u00a0]")
_STOP = re.compile(r"[。！？!?](?=[^\n])")


def spaced_starts(doc) -> list[int]:
    """Clean offsets where a paragraph starts although the line goes on: a report copied from a web
    page keeps its paragraphs on one line, apart by a space after the full stop (…安防小区。 全方位推进
    乡村振兴。), and the clean view drops that space."""
    text, raw, src = doc.clean, doc.text, doc.src
    if not src or len(src) != len(text):
        return []
    out = []
    for m in _STOP.finditer(text):
        i = m.end()  # the character after a full stop, on the same line
        if src[i] - src[i - 1] > 1 and _GAP.search(raw, src[i - 1] + 1, src[i]):
            out.append(i)
    return out


def paragraph_bounds(doc) -> dict[int, int]:
    """Where each paragraph that starts a line or follows a kept space starts, and where it ends: at
    a line break after a full stop (paragraph_end) or at the next space kept after one."""
    text = doc.clean
    cuts = spaced_starts(doc)
    starts = sorted({0, *(i + 1 for i, c in enumerate(text) if c == "\n"), *cuts})
    out = {}
    for s in starts:
        end = paragraph_end(text, s)
        k = bisect_right(cuts, s)
        out[s] = min(end, cuts[k]) if k < len(cuts) else end
    return out


_DEFINES = re.compile(r"\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])?[^，,。：:]{0,8}?[“\"]?$")


def defined_lists(ex: Extraction, paragraphs: dict[int, int], add) -> None:
    """A note that spells out a slogan as the works it stands for (8.“两个试点、一个示范”：A试点；
    B落实C试点；D示范建设。): every project of the note's paragraph carries the slogan out."""
    text = ex.doc.clean
    heads = sorted((m for m in ex.mentions if m.type in ("Policy", "Slogan")), key=lambda m: m.start)
    projects = sorted((m for m in ex.mentions if m.type == "Project"), key=lambda m: m.start)
    for s, e in paragraphs.items():
        colon = next((i for i in range(s, min(e, s + 30)) if text[i] in "：:"), None)
        if colon is None:
            continue
        q = next((m for m in heads if s <= m.start and m.end <= colon
                  and _DEFINES.match(text, s, m.start) and text[m.end:colon].strip("”\"") in ("", "行动", "工程")), None)
        if q is None:
            continue
        for p in projects:
            if colon < p.start and p.end <= e:
                add(p, "implements", q, 0.5, (s, e))


_GENERIC_TAIL = re.compile(r"(?:工程|项目|建设|改造|行动|试点|计划|中心|基地|园区?)$")


def listed_with_place(ex: Extraction, ms: list[Mention], add, span) -> None:
    """北京冬奥会、冬残奥会, 杭州亚运会和亚残运会: a work listed right after a short one its place
    opens, of the same kind (a shared head, 奥会 / 运会, that is no generic word such as 工程), is held
    there too. A longer name after the place (上海|合作组织峰会) names a body, not a venue."""
    text = ex.doc.clean
    places = [m for m in ms if m.type == "Place"]
    projects = sorted((m for m in ms if m.type == "Project"), key=lambda m: m.start)
    for a, b in zip(projects, projects[1:], strict=False):
        if text[a.end : b.start] not in ("、", "和", "及", "与") or b.start < a.end:
            continue
        own = [t for t in places if t.start == a.start and 2 <= a.end - t.end <= 5]  # not 上海|合作组织峰会
        if not own or any(b.start <= t.start and t.end <= b.end for t in places):
            continue
        k = 0
        while k < min(len(a.surface), len(b.surface)) and a.surface[-1 - k] == b.surface[-1 - k]:
            k += 1
        tail = a.surface[len(a.surface) - k :]
        if k >= 2 and not _GENERIC_TAIL.fullmatch(tail[-2:] if k < 4 else tail) and not _GENERIC_TAIL.search(tail[-2:]):
            for t in own:
                add(b, "locatedIn", t, 0.6, span)


_OPEN, _CLOSE = "（(", "）)"


def bracketed(ex: Extraction, ms: list[Mention], add, span) -> None:
    """推进城区污水处理厂提标改造（金洲镇、黄材镇）, 建设年产10万吨电解液项目（华鑫新材料）: the places
    or firms a bracket right after a project holds, and nothing else, say where it lies or who builds
    it. A bracket with other words (（一期）, （含金洲镇）) says neither."""
    text = ex.doc.clean
    starts = {m.start: m for m in sorted(ms, key=lambda m: m.start - m.end) if m.type in ("Place", "Enterprise")}
    for p in (m for m in ms if m.type == "Project"):
        if text[p.end : p.end + 1] not in _OPEN or not text[p.end + 1 : p.end + 2]:
            continue
        pos, got = p.end + 1, []
        while (m := starts.get(pos)) is not None and (not got or m.type == got[0].type):
            got.append(m)
            pos = m.end
            if text[pos : pos + 1] not in ("、", "和", "，", ","):
                break
            pos += 1
        if not got or text[pos : pos + 1] not in _CLOSE:
            continue
        for m in got:
            if m.type == "Place":
                add(p, "locatedIn", m, 0.65, span)
            else:
                add(m, "undertakes", p, 0.65, span)


_PLACE_COLON = re.compile(r"\s*(?:[—－-]{1,2}|\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*$")


def place_led(ex: Extraction, paragraphs: dict[int, int], add) -> None:
    """A paragraph a place opens and a colon closes (——金洲镇：建设A、B，实施C。): the projects of
    that paragraph lie in that place (or in each of the places listed before the colon)."""
    text = ex.doc.clean
    places = sorted((m for m in ex.mentions if m.type == "Place"), key=lambda m: m.start)
    by_start = {m.start: m for m in places}
    starts = [m.start for m in places]
    projects = sorted((m for m in ex.mentions if m.type == "Project"), key=lambda m: m.start)
    for s, e in paragraphs.items():
        i = bisect_left(starts, s)
        head = places[i] if i < len(places) and places[i].start < s + 6 else None
        if head is None or not _PLACE_COLON.fullmatch(text, s, head.start):
            continue
        listed, pos = [head], head.end
        while text[pos : pos + 1] in ("、", "和") and (n := by_start.get(pos + 1)) is not None:
            listed.append(n)
            pos = n.end
        if text[pos : pos + 1] not in ("：", ":"):
            continue
        for p in projects:
            if pos < p.start and p.end <= e:
                for t in listed:
                    if not (p.start <= t.start and t.end <= p.end):
                        add(p, "locatedIn", t, 0.6, (s, e))
