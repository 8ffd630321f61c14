"""Firms named for their projects in a counted list of projects: 威迪智能玻璃、中微微元等12个项目顺利
投产. When one item of such a list opens with a firm (威迪), an item that nothing typed and that holds
no everyday noun of what is built (no 玻璃, 丝网, 加工) is a firm's name standing for its plant, even
when the segmenter cut it into everyday syllables (中|微微|元)."""

from __future__ import annotations

import re

from kg.extract.enterprises import _COUNT, _place_only, _Places, enterprise_key
from kg.extract.text import PUNCT, freq_of, tag_of, tokens_in, word_set
from kg.model import Extraction, Mention

EXTRACTOR = "enterprises.project-list"
_ITEM = r"[\u4e00-\u9fa5A-Za-z]{2,10}"
_COUNTED = re.compile(rf"((?:{_ITEM}、)+{_ITEM}?)等[\d一二三四五六七八九十百]+个(?:重点|产业|工业|招商)?项目")
_NOUN_FREQ = 100
_NOUN_TAGS = frozenset({"n", "vn", "v", "nz", "ns", "s", "an", "l", "i"})


def _names_no_product(ex: Extraction, s: int, e: int) -> bool:
    """No everyday noun, verb or place among the item's words (智能|玻璃, 光伏|玻璃|深加工 are products)."""
    words = tokens_in(ex.doc, s, e)
    return bool(words) and not any(len(w) >= 2 and tag_of(w) in _NOUN_TAGS and freq_of(w) >= _NOUN_FREQ for w in words)


def project_list_firms(ex: Extraction) -> None:
    """Add the untyped items of counted project lists that hold a firm's project."""
    text = ex.doc.clean
    lists = list(_COUNTED.finditer(text))
    if not lists:  # most reports: no counted list of projects, nothing to index
        return
    firms = {m.start for m in ex.mentions if m.type == "Enterprise"}
    covered = {i for m in ex.mentions for i in range(m.start, m.end)}
    places = _Places(ex)
    generic = word_set("generic_words.tsv")
    for m in lists:
        items, pos = [], m.start(1)
        for part in m.group(1).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        if len(items) < 2 or not any(s in firms for s, _ in items):
            continue
        s0 = items[0][0]
        if s0 > 0 and text[s0 - 1] not in PUNCT:
            items = items[1:]  # the first item's start is unknown (a verb may open it)
        for s, e in items:
            if covered.intersection(range(s, e)) or not 3 <= e - s <= 6 or _COUNT.search(text[s:e]) \
                    or text[s:e] in generic or _place_only(places, s, e) or not _names_no_product(ex, s, e):
                continue
            ex.mentions.append(Mention("Enterprise", text[s:e], s, e, EXTRACTOR, 0.6, key=enterprise_key(text[s:e])))
            covered.update(range(s, e))
