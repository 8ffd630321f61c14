"""Where a known firm's short name stands as a name (与华为合作, 奇瑞销量) rather than as the everyday
word it also is (远景目标, 大唐 the dynasty), and the small tests of a name's edges the enterprise
rules share (a project or a verb after it, a place before a registered name). Split from
kg.extract.enterprises to keep that module short."""

from __future__ import annotations

import re

from kg.extract.firm_words import _industry_words
from kg.extract.text import freq_of, tag_of, token_at
from kg.model import Extraction

_FIRM_LEFT = set("、，,。；;：:“（(与和及同是由将把对向")
_CATEGORY_FREQ = 100  # as in kg.extract.firm_words
_FIRM_RIGHT = set("、，,。；;：:”）)等和与及的在")


def _place_before(text: str, s: int) -> int:
    """Start of a place name right before ``s`` (内蒙古|伊泰…), else ``s``."""
    from kg.lexicons.gazetteer import gazetteer

    names = gazetteer().by_name
    for n in (4, 3, 2):
        if s >= n and text[s - n : s] in names:
            return s - n
    return s


def _common_short(name: str) -> bool:
    """A known firm's short name that is also an everyday word or a place (远景, 大唐, 美的, 长城)."""
    tag = tag_of(name)
    return len(name) <= 3 and (tag == "ns" or tag in ("n", "a", "v", "vn", "d") and freq_of(name) >= _CATEGORY_FREQ)



def _firm_context(ex: Extraction, s: int, e: int) -> bool:
    """Does the word stand as a name here: set off on the left (a list, 与/同, a verb) and followed by
    punctuation, a list word, a verb or a project (与华为合作, 奇瑞销量, 许继、龙源各)?"""
    text = ex.doc.clean
    prev = token_at(ex.doc, s - 1) if s > 0 else None
    left = s == 0 or text[s - 1] in _FIRM_LEFT or (prev is not None and tag_of(prev[0]) in ("v", "p"))
    nxt = token_at(ex.doc, e)
    right = e >= len(text) or text[e] in _FIRM_RIGHT or _project_start(text, e) or (
        nxt is not None and nxt[1] == e and (tag_of(nxt[0]) in ("v", "vd", "p") or nxt[0] in ("销量", "集团", "公司") or nxt[0] in _industry_words()))
    return left and right



def _verb_follows(ex: Extraction, e: int) -> bool:
    tok = token_at(ex.doc, e)
    return tok is not None and tok[1] == e and tag_of(tok[0]) in ("v", "vd", "d")



def _project_start(text: str, e: int) -> bool:
    """Does a project phrase follow (泰鼎有色金属15万吨…, 庆翔生物质热电联产)?"""
    return bool(re.match(r"[\u4e00-\u9fa5]{0,8}?(?:项目|产业化|加工|发电|基地|产业园)", text[e : e + 14]))
