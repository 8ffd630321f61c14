"""Units of the Xinjiang Production and Construction Corps (兵团): its fourteen divisions (第八师,
兵团第四师) and their regiments (121团, 一五二团, 六十二团), places of their own that the gazetteer
lists only in part (兵团一五二团) and never by number alone. A report names them where it names the
Corps: without 兵团 or 团场 in the text, 第一师 and 三团 are an army's, not places.
"""

from __future__ import annotations

import re

from kg.model import Extraction, Mention

_CN = "一二三四五六七八九十百零〇"
_CORPS = re.compile(r"兵团|团场|师市")
_DIVISION = re.compile(r"(?:新疆生产建设兵团|兵团)?第(十[一二三四]|[一二三四五六七八九十])师(?![范生长部团级])")
# 121团, 一五二团, 六十二团: a regiment is numbered from 10 up; 共青团, 艺术团, 一团和气 are not
_REGIMENT = re.compile(rf"(?:兵团)?(\d{{2,3}}|[{_CN}]{{2,5}})团(?![队体结员委长部伙购建聚拜圆年])")
_BEFORE = frozenset("、，,。；;：:和及与师在对（(“\n")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _number(s: str) -> int | None:
    """121 → 121, 一五二 → 152, 六十二 → 62, 一百二十一 → 121."""
    if s.isdigit():
        return int(s)
    if "十" not in s and "百" not in s:
        return int("".join(str(_DIGITS[c]) for c in s)) if all(c in _DIGITS for c in s) else None
    total, cur = 0, 0
    for c in s:
        if c in _DIGITS:
            cur = _DIGITS[c]
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
    return total + cur


def xpcc_units(ex: Extraction, taken: set[int]) -> list[Mention]:
    """Divisions and regiments of the Corps named in a report that names the Corps."""
    text = ex.doc.clean
    if not _CORPS.search(text):
        return []
    out: list[Mention] = []
    own = set(taken)
    for m in _DIVISION.finditer(text):
        s, e = m.span()
        if own.intersection(range(s, e)):
            continue
        name = text[s:e]
        key = name.removeprefix("新疆生产建设兵团").removeprefix("兵团")
        out.append(Mention("Place", name, s, e, "places.xpcc", 0.8, key=f"xpcc:{key}"))
        own.update(range(s, e))
    for m in _REGIMENT.finditer(text):
        s, e = m.span()
        n = _number(m.group(1))
        if n is None or not 10 <= n <= 250 or own.intersection(range(s, e)):
            continue
        if not text.startswith("兵团", s) and s > 0 and text[s - 1] not in _BEFORE:
            continue  # 文工|三十团: a regiment's number stands after a list mark, a division or a verb
        name = text[s:e]
        division = next((o for o in out if o.end == s), None)  # 第四师六十二团: the division's regiment
        out.append(Mention("Place", name, s, e, "places.xpcc", 0.75, key=f"xpcc:{name.removeprefix('兵团')}",
                           parent=division.key if division else None))
        own.update(range(s, e))
    return out
