"""Enterprises: from name grammar (trade name + industry + legal form) and from context
(“A、B、C等知名企业先后落户”, “引进A”, “A落户”)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.text import PUNCT, freq_of, is_boundary, load_tsv, name_before, specific, tokens_in, word_set
from kg.model import Extraction, Mention

# Trade names are rare words: a word the dictionary knows well (绿色, 清洁, 现代) before an
# industry word makes a category (绿色食品), not a company.
RARE_WORD_FREQ = 200
_ENUM_ITEM = r"(?:(?!等)[\u4e00-\u9fa5A-Za-z0-9“”]){2,12}"
_ENUM_TAIL = re.compile(rf"((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})等(?:知名|龙头|重点|骨干|优强|一批)?[\u4e00-\u9fa5]{{0,6}}?(?:企业|公司)")
_ENUM_HEAD = re.compile(rf"(?:引进|引进了|成功引进)((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})(?=等|落户|入驻|[，,。；])")
_SETTLED = re.compile(rf"({_ENUM_ITEM})(?:成功)?(?:落户|入驻|投产|签约落地)")


def enterprise_key(name: str) -> str:
    return "ent:" + re.sub(r"[“”\"'\s]", "", name)


@lru_cache(maxsize=1)
def _suffixes() -> tuple[re.Pattern, dict[str, str]]:
    rows = load_tsv("enterprise_suffixes.tsv")
    kinds = {r[0]: r[1] for r in rows}
    sufs = sorted(kinds, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, sufs)) + ")"), kinds


def _trade_name(ex: Extraction, s: int, e: int) -> bool:
    """A plausible trade name: 2-6 characters, not one common word, not a place alone."""
    name = ex.doc.clean[s:e]
    if not 2 <= len(name) <= 6 or any(c in PUNCT for c in name):
        return False
    if name in word_set("generic_words.tsv"):
        return False
    if min(freq_of(w) for w in tokens_in(ex.doc, s, e)) >= RARE_WORD_FREQ:
        return False
    return not any(m.type == "Place" and m.start == s and m.end == e for m in ex.mentions)


@component("enterprises")
def enterprises(ex: Extraction) -> None:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    taken: set[int] = set()
    pattern, kinds = _suffixes()

    def add(s: int, e: int, extractor: str, conf: float) -> None:
        if taken.intersection(range(s, e)):
            return
        ex.mentions.append(Mention("Enterprise", text[s:e], s, e, extractor, conf, key=enterprise_key(text[s:e])))
        taken.update(range(s, e))

    for m in pattern.finditer(text):
        s0, e = m.start(), m.end()
        kind = kinds[m.group(0)]
        nxt = text[e : e + 1]
        if nxt in ("化", "团", "群", "司"):  # 集团化, 产业集群
            continue
        if kind == "legal":
            if not is_boundary(ex.doc, e, e):
                continue
            s = name_before(ex.doc, s0, max_len=20)
            if s is None or text[s].isdigit() or not specific(ex.doc, s, s0, generic) or _place_only(ex, s, s0):
                continue
            add(s, e, "enterprises.legal", 0.8)
        else:
            # industry word: needs a trade name right before it and a clean right edge
            if nxt and nxt not in PUNCT and nxt not in "等0123456789" and not _project_start(text, e):
                continue
            s = name_before(ex.doc, s0, max_len=6)
            if s is not None and _trade_name(ex, s, s0):
                add(s, e, "enterprises.industry", 0.7)
    for rx, conf in ((_ENUM_TAIL, 0.65), (_ENUM_HEAD, 0.6)):
        for m in rx.finditer(text):
            pos = m.start(1)
            for item in m.group(1).split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                while s < e and text[s] in "“”":
                    s += 1
                while e > s and text[e - 1] in "“”":
                    e -= 1
                cut = name_before(ex.doc, e, max_len=e - s)  # 扶持|鲶鱼沟: drop the verb before a name
                if cut is None:
                    continue
                s = cut
                if 2 <= e - s <= 10 and specific(ex.doc, s, e, generic) and not _place_only(ex, s, e):
                    add(s, e, "enterprises.context", conf)


def _place_only(ex: Extraction, s: int, e: int) -> bool:
    return any(m.type == "Place" and m.start <= s and m.end >= e for m in ex.mentions)


def _project_start(text: str, e: int) -> bool:
    """Does a project phrase follow (泰鼎有色金属15万吨…, 庆翔生物质热电联产)?"""
    return bool(re.match(r"[\u4e00-\u9fa5]{0,8}?(?:项目|产业化|加工|发电|基地|产业园)", text[e : e + 14]))
