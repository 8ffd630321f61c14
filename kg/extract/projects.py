"""Projects: whole noun phrases ending in 项目/工程/园区/基地/… that are individuated (a number,
a place, an enterprise, a proper name), and the items of enumerations closed by “等…项目”."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.text import extend_suffixes, has_proper, is_boundary, load_tsv, name_before, specific, word_set
from kg.model import Extraction, Mention

_MARKER = re.compile(r"[0-9０-９]|第[一二三四五六七八九十\d]|[一二三四五六七八九十两\d]+(?:个|处|座|条|期|万|千|百)|[×xX]|“")
_ENUM_ITEM = r"(?:(?!等)[\u4e00-\u9fa5A-Za-z0-9.×“”()（）]){3,30}"
_ENUM_PROJECTS = re.compile(
    rf"((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})(?:等)(?:[一二三四五六七八九十\d]+个)?(?:一批)?[\u4e00-\u9fa5]{{0,6}}?项目"
)
_NATIONAL = re.compile(r"第[一二三四五六七八九十]+次全国[\u4e00-\u9fa5]{2,8}(?:普查|调查)|三北(?:防护林)?工程")
_STRIP = re.compile(r"[“”\"'\s]")


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
        for item in m.group(1).split("、"):
            s, e = pos, pos + len(item)
            pos = e + 1
            cut = name_before(ex.doc, e, max_len=e - s)
            if cut is None:
                continue
            s = cut
            if e - s >= 4 and specific(ex.doc, s, e, generic) and has_proper(ex.doc, s, e):
                add(s, e, "projects.enumeration", 0.65)
    for m in pattern.finditer(text):
        s0 = m.start()
        if s0 in taken:
            continue
        e = extend_suffixes(text, m.end(), pattern)
        kind = kinds[m.group(0)]
        if taken.intersection(range(s0, e)) or not is_boundary(ex.doc, e, e):
            continue
        s = name_before(ex.doc, s0, max_len=26)
        if s is None or not specific(ex.doc, s, s0, generic):
            continue
        span = text[s:e]
        marked = bool(_MARKER.search(span)) or _inside(ex, s, e, ("Place", "Enterprise"))
        if not marked and not has_proper(ex.doc, s, s0):
            continue  # 重点公路工程, 文化惠民工程: a category of work, not one project
        add(s, e, "projects.suffix", 0.8 if marked else 0.6)
