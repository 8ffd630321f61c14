"""Projects: whole noun phrases ending in 项目/工程/园区/基地/… that are individuated (a number,
a place, an enterprise, a proper name), and the items of enumerations closed by “等…项目”."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.text import is_boundary, load_tsv, name_before, specific, word_set
from kg.model import Extraction, Mention

_MARKER = re.compile(r"[0-9０-９]|第[一二三四五六七八九十\d]|[一二三四五六七八九十两\d]+(?:个|处|座|条|期|万|千|百)|[×xX]|“")
_ENUM_ITEM = r"[\u4e00-\u9fa5A-Za-z0-9.×“”()（）]{3,30}"
_ENUM_PROJECTS = re.compile(
    rf"((?:{_ENUM_ITEM}[、和及与])*{_ENUM_ITEM})(?:等)(?:[一二三四五六七八九十\d]+个)?[\u4e00-\u9fa5]{{0,8}}?项目"
)
_NATIONAL = re.compile(r"第[一二三四五六七八九十]+次全国[\u4e00-\u9fa5]{2,8}(?:普查|调查)|三北(?:防护林)?工程")
_STRIP = re.compile(r"[“”\"'\s]")
# verbs that end an enumeration item on the right: “…等项目建成投产” keeps only the names
_ITEM_LEFT_CUT = re.compile(r"^(?:.*[，,。；：])?(?:重点推进|全力推进|加快推进|推进|推动|实施|完成|启动|开工建设|建设|加快|紧盯|确保|谋划)?")


def project_key(name: str) -> str:
    return "proj:" + _STRIP.sub("", name)


@lru_cache(maxsize=1)
def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    rows = load_tsv("project_suffixes.tsv")
    kinds = {r[0]: r[1] for r in rows}
    sufs = sorted(kinds, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, sufs)) + ")"), kinds


def _inside(ex: Extraction, s: int, e: int, types: tuple[str, ...]) -> bool:
    return any(m.type in types and s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for m in ex.mentions)


@component("projects")
def projects(ex: Extraction) -> None:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    pattern, kinds = _suffix_re()
    taken: set[int] = set()

    def add(s: int, e: int, extractor: str, conf: float) -> None:
        if taken.intersection(range(s, e)):
            return
        ex.mentions.append(Mention("Project", text[s:e], s, e, extractor, conf, key=project_key(text[s:e])))
        taken.update(range(s, e))

    for m in _NATIONAL.finditer(text):
        add(m.start(), m.end(), "projects.national", 0.9)
    for m in _ENUM_PROJECTS.finditer(text):
        pos = m.start(1)
        for item in re.split(r"[、和及与]", m.group(1)):
            s, e = pos, pos + len(item)
            pos = e + 1
            cut = _ITEM_LEFT_CUT.match(item)
            if cut:
                s += cut.end()
            if e - s >= 4 and specific(ex.doc, s, e, generic):
                add(s, e, "projects.enumeration", 0.65)
    for m in pattern.finditer(text):
        s0, e = m.start(), m.end()
        kind = kinds[m.group(0)]
        if taken.intersection(range(s0, e)) or not is_boundary(ex.doc, e, e):
            continue
        s = name_before(ex.doc, s0, max_len=26)
        if s is None or not specific(ex.doc, s, s0, generic):
            continue
        span = text[s:e]
        marked = bool(_MARKER.search(span)) or _inside(ex, s, e, ("Place", "Enterprise"))
        if kind in ("event", "campaign", "survey", "pilot") and not marked and e - s < 7:
            continue
        if not marked and s0 - s < 4:
            continue
        add(s, e, "projects.suffix", 0.8 if marked else 0.6)
