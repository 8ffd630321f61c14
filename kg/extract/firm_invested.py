"""The firm that opens a project a report prices: 引进投资24亿元的能建数科|压缩空气储能、投资1.4亿元的
逸通云菜|中央厨房项目. After 投资X亿元的 a report names the investor and then its plant; the investor's
name is the run of rare words and stray syllables the segmenter could not place (能|建数科, 逸|通云菜),
up to the first everyday word of the product (压缩空气, 中央). Trade names are short: a run longer than
four characters holds the product's first syllables too (中电农创|牧光互补), so the name is its first
four. An industry word the name runs into is the firm's (晶澳|新能源|产业基地)."""

from __future__ import annotations

import re

from kg.extract.enterprises import _place_only, _Places, _suffixes
from kg.extract.text import freq_of, is_boundary, tag_of, tokens_in, word_set
from kg.model import Extraction, Mention

_PRICED = re.compile(r"投资[\d.]+[万亿]元的$")
COMMON_FREQ = 20  # as in kg.extract.firm_owners: 恒毅 (3) is a trade name's word, 压缩空气 a product's
MAX_NAME = 4


def invested_owner(ex: Extraction, p: Mention, places: _Places) -> tuple[int, int] | None:
    """The investor's name at the head of priced project ``p``, or None."""
    text = ex.doc.clean
    if not _PRICED.search(text, max(0, p.start - 14), p.start):
        return None
    e = p.start
    unknown = False
    prev = ""
    for w in tokens_in(ex.doc, p.start, p.end):
        if any(c.isdigit() for c in w) or len(w) >= 2 and freq_of(w) >= COMMON_FREQ or tag_of(w) in ("m", "p", "c", "u", "uj"):
            break
        unknown = unknown or len(w) >= 2 and (freq_of(w) == 0 or tag_of(w) in ("x", "nz", "nr", "nrt", "j")) \
            or len(w) == len(prev) == 1 and freq_of(prev + w) == 0  # 泓|嘉: two syllables that make no word
        e += len(w)
        prev = w
    pattern, kinds = _suffixes()
    for k in range(p.start + 2, min(e, p.start + MAX_NAME + 1)):  # 晶|澳新|能源, 泓|嘉|新能源: the name runs into an industry word
        m = pattern.match(text, k)
        if m is not None and kinds.get(m.group(0)) == "industry":
            return (p.start, m.end()) if p.end - m.end() >= 2 and _shape(text[p.start : k]) else None
    e = min(e, p.start + MAX_NAME)
    if e - p.start < 2 or not unknown or p.end - e < 2 or _place_only(places, p.start, e) or not _shape(text[p.start : e]):
        return None
    if (m := pattern.match(text, e)) is not None and kinds.get(m.group(0)) == "industry" and p.end - m.end() >= 2:
        e = m.end()  # 瑞禾|农业|番茄全产业链: the industry word is the firm's
    return p.start, e


def _shape(name: str) -> bool:
    """No place, public body, product or scope word (kg/lexicons/owner_not_names.tsv)."""
    from kg.extract.firm_owners import _not_owner
    from kg.lexicons.gazetteer import gazetteer

    ends, whole = _not_owner()
    return not (ends.search(name) or name in whole or name in gazetteer().by_name or name in word_set("generic_words.tsv"))


def industry_after(ex: Extraction, e: int) -> int:
    """The end of an owner's name moved over an industry word right after it (鑫磊|矿业|选矿厂扩建),
    when the project goes on after it and the word does not open the project's own name
    (东方日升|光伏发电)."""
    from kg.extract.enterprises import _project_suffix_at

    text = ex.doc.clean
    pattern, kinds = _suffixes()
    m = pattern.match(text, e)
    if m is None or kinds.get(m.group(0)) != "industry" or not is_boundary(ex.doc, e, m.end()) \
            or _project_suffix_at(text, e):
        return e
    nxt = text[m.end() : m.end() + 1]
    return m.end() if nxt and "\u4e00" <= nxt <= "\u9fa5" else e
