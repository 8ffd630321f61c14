"""Report metadata from the heading: place, year, session date and speaker.

Headings come in several styles: a title line ("2023年额尔古纳市政府工作报告"), a session line
("——2020年4月22日在肇源县第十七届人民代表大会第六次会议上"), a speaker line ("县长宁利文",
"达拉特旗人民政府旗长 王小平"), sometimes with web-site chrome above. Patterns live in
kg/lexicons/heading.json so a reviewer can extend them without reading Python.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from kg.model import ReportMeta

HEAD_CHARS = 1500  # the heading is always near the top; never scan the whole report for it
TITLE_CHARS = 300  # a title further down is a quotation ("全面落实了政府工作报告"), not this report's
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(resources.files("kg.lexicons").joinpath("heading.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    return {k: [re.compile(p) for p in v] for k, v in _raw().items() if isinstance(v, list) and not k.startswith("_")}


@lru_cache(maxsize=1)
def _not_place() -> re.Pattern:
    return re.compile(_raw().get("not_place") or "(?!)")


def _place(name: str | None) -> str | None:
    """A heading's place as its official name, or None for a session line's fragment."""
    if not name:
        return None
    name = re.sub(r"(人民政府|政府)$", "", name)
    name = _raw().get("place_alias", {}).get(name, name)
    return None if not name or _not_place().search(name) else name


def _cn_number(s: str) -> int:
    """十四 → 14, 十 → 10, 二十 → 20."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN_DIGITS.get(a, 1) if a else 1) * 10 + (CN_DIGITS.get(b, 0) if b else 0)
    return CN_DIGITS.get(s, 0)


def plan_start_year(n: int) -> int:
    """First year of the n-th Five-Year Plan (十四五 → 2021); plans run back to back from the third."""
    return 1966 + 5 * (n - 3)


def _first(kind: str, text: str) -> re.Match | None:
    for p in _patterns()[kind]:
        m = p.search(text)
        if m:
            return m
    return None


_CN_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九])([一二][〇○零一二三四五六七八九]{3})年")  # 二〇一九年工作回顾
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年"
                      r"([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def _arabic_dates(text: str) -> str:
    """二〇二一年一月十四日 → 2021年1月14日, 二〇二一年一月 → 2021年1月 and 二〇二〇年 → 2020年, so one set of patterns reads both."""

    def conv(m: re.Match) -> str:
        year = "".join(str(CN_DIGITS.get(c, 0)) for c in m.group(1).replace("○", "〇"))
        day = f"{_cn_number(m.group(3))}日" if m.group(3) else ""
        return f"{year}年{_cn_number(m.group(2))}月{day}"

    text = _CN_DATE.sub(conv, text)
    return _CN_YEAR.sub(lambda m: "".join(str(CN_DIGITS.get(c, 0)) for c in m.group(1).replace("○", "〇")) + "年", text)


def _squash(text: str) -> str:
    """Join lines and drop spaces, which headings break arbitrarily ("政 府 工 作 报 告")."""
    return re.sub(r"[ \t\u3000\r\n]+", "", text)


def parse_heading(text: str) -> ReportMeta:
    """Title, place, year, date and speaker. The year is the session's (its date), else the
    title's, else the year after the one the report reviews; years in the body come last, since
    a body names plans and past years alike (a national report of 2019 names 2020 throughout)."""
    head = _arabic_dates(_squash(text[:HEAD_CHARS]))
    meta = ReportMeta()
    m = _first("title", head[:TITLE_CHARS])
    if m:
        meta.title = m.group(0)
        meta.place = _place(m.groupdict().get("place"))
        if m.groupdict().get("year"):
            meta.year = int(m.group("year"))
    s = _first("session", head)
    if s:
        meta.date = f"{int(s.group('y')):04d}-{int(s.group('m')):02d}-{int(s.group('d')):02d}"
        meta.place = meta.place or _place(s.group("place"))
    if meta.date is None:
        dm = _first("date", head)
        if dm:
            meta.date = f"{int(dm.group('y')):04d}-{int(dm.group('m')):02d}-{int(dm.group('d')):02d}"
    if meta.date:
        meta.year = int(meta.date[:4])
    else:
        mm = _first("month", head)  # ——2021年2月在…: the session's year without its day
        meta.year = int(mm.group("y")) if mm else meta.year
    if meta.place is None:
        pm = _first("place", head)
        meta.place = _place(pm.group("place")) if pm else None
    sp = _first("speaker", head)
    if sp:
        meta.speaker = sp.group("name")
        meta.place = meta.place or _place(sp.groupdict().get("place"))
    if meta.year is None:
        rv = _first("reviewed", head)
        pre = None if rv else _first("preamble_year", head)
        meta.year = int(rv.group("y")) + 1 if rv else int(pre.group("y")) if pre else _infer_year(text)
    if meta.title is None and meta.place:
        meta.title = f"{meta.year or ''}{'年' if meta.year else ''}{meta.place}政府工作报告"
    elif meta.title is None:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        meta.title = first[:60] or None
    return meta


def _infer_year(text: str) -> int | None:
    """A report that names no year of its own: drafting the next Five-Year Plan dates it to the
    last year of the current one; else the year its plan section names (2021年工作安排); else the
    year the body names most often, plus one, since a report reviews at more length than it plans.
    The latest year named is no guide: goals for 2035 are named in a report of 2021."""
    m = _first("plan_drafting", text)
    if m:
        return plan_start_year(10 + _cn_number(m.group("n"))) - 1
    body = _arabic_dates(_squash(text))
    p = _first("plan_year", body)
    if p:
        return int(p.group("y"))
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", body))
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top) + 1


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[int, list[re.Pattern]]:
    raw = json.loads(resources.files("kg.lexicons").joinpath("evidence_headings.json").read_text("utf-8"))
    return int(raw["max_chars"]), [re.compile(p) for p in raw["patterns"]]


def is_heading_line(sentence: str, titles: frozenset[str] = frozenset()) -> bool:
    """True for a report's title, session, speaker or date line: short, no sentence punctuation,
    and shaped like a heading (or equal to a report's title)."""
    text = re.sub(r"[\s\u3000]+", "", sentence)
    if not text:
        return True
    if text in titles:
        return True
    limit, patterns = _heading_patterns()
    if len(text) > limit or any(c in text for c in "。！？；，,;"):
        return False
    return any(p.search(text) for p in patterns)
