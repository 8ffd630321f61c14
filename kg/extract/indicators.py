"""Headline figures (地区生产总值, 一般公共预算收入, …) with value, unit, year and growth rate.

Targets (预期目标, 力争) and placeholders (x亿元) are not figures. The year is the one the
passage reviews: the nearest year named before the figure in its paragraph, else the year
before the report's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.text import load_tsv
from kg.model import Extraction, Observation

_NUM = r"(\d+(?:\.\d+)?)"
_VALUE = re.compile(rf"^[^，,。；;、超破]{{0,14}}?{_NUM}\s*(亿元|万元|元)")
_GROWTH = re.compile(rf"^[^。；;]{{0,12}}?(?<!年均)(增长|增加|下降|减少|回落)(?:了)?{_NUM}\s*%")
_PAIR = re.compile(
    rf"(城镇和农村(?:牧区)?|城乡)(?:常住)?居民人均可支配收入[^。；;]{{0,10}}?{_NUM}\s*(元|万元)[、和]{_NUM}\s*(元|万元)"
    rf"(?:[^。；;]{{0,10}}?(?<!年均)(?:增长|提高){_NUM}\s*%[、和]{_NUM}\s*%)?"
)
_TARGET = re.compile(r"预期|目标|力争|计划|累计|年均")
_YEAR = re.compile(r"((?:19|20)\d\d)年(?!以来|起|至|—|-|到)")


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, dict[str, str]]:
    canon: dict[str, str] = {}
    for row in load_tsv("indicators.tsv"):
        for form in row[1].split("|"):
            canon[form] = row[0]
    forms = sorted(canon, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms))), canon


def _year(ex: Extraction, pos: int) -> int | None:
    text = ex.doc.clean
    para_start = text.rfind("\n", 0, pos) + 1
    years = [int(y) for y in _YEAR.findall(text[max(para_start, pos - 400) : pos])]
    years = [y for y in years if ex.doc.meta.year is None or y <= ex.doc.meta.year]
    if years:
        return years[-1]
    return ex.doc.meta.year - 1 if ex.doc.meta.year else None


def _clause(text: str, s: int) -> str:
    """From the start of the sentence to the figure: 预期目标是：…增长5% marks every figure after it."""
    start = max(text.rfind(c, 0, s) for c in "；;。\n")
    return text[start + 1 : s]


@component("indicators")
def indicators(ex: Extraction) -> None:
    text = ex.doc.clean
    area = f"adm:{ex.home}" if ex.home else None
    rx, canon = _names()
    done: set[int] = set()
    for m in _PAIR.finditer(text):
        if _TARGET.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        year = _year(ex, m.start())
        g1 = float(m.group(6)) if m.group(6) else None
        g2 = float(m.group(7)) if m.group(7) else None
        for name, v, u, g in (("城镇常住居民人均可支配收入", m.group(2), m.group(3), g1),
                              ("农村常住居民人均可支配收入", m.group(4), m.group(5), g2)):
            ex.observations.append(Observation(name, float(v), u, year, m.start(), m.end(), g, area))
        done.update(range(m.start(), m.end()))
    for m in rx.finditer(text):
        if m.start() in done:
            continue
        if _TARGET.search(_clause(text, m.start())):
            continue
        v = _VALUE.match(text[m.end() : m.end() + 40])
        if not v:
            continue
        end = m.end() + v.end()
        g = _GROWTH.match(text[end : end + 30])
        growth = None
        if g:
            growth = float(g.group(2)) * (-1 if g.group(1) in ("下降", "减少", "回落") else 1)
            end += g.end()
        ex.observations.append(Observation(canon[m.group(0)], float(v.group(1)), v.group(2),
                                           _year(ex, m.start()), m.start(), end, growth, area))
