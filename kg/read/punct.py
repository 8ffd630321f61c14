"""Half-width punctuation in Chinese text (",", ".", ":", "(", '"'), as PDF converters and some
government sites write it, folded to the full-width forms every extractor reads.

One character becomes one character, so offsets into the file stay exact. Only punctuation in
Chinese context is folded: 1,234 and 3.4 and 10:30 and PM(2.5) keep theirs.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“”‘’《》、。，：；（）]")
_SIMPLE = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_MARKS = re.compile(r"[,.;:!?]")
_PAIRS = (("(", ")", "（", "）"), ('"', '"', "“", "”"))


def _cjk(c: str) -> bool:
    return bool(c) and bool(_CJK.match(c))


def fold_punctuation(text: str) -> str:
    """The text with half-width punctuation next to Chinese folded to full width. Only the marks
    themselves are visited: the clean view of a whole report passes through here."""
    if not any(c in text for c in ',.;:!?()"'):
        return text
    out = list(text)
    n = len(text)
    for m in _MARKS.finditer(text):
        i, c = m.start(), m.group()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if c in _SIMPLE:
            if c in ",:" and prev.isdigit() and nxt.isdigit():
                continue  # 1,234  10:30
            if _cjk(prev) or _cjk(nxt) or (c in ",;" and prev in "%％）)"):
                out[i] = _SIMPLE[c]
        # the full stop, the one mark left: it ends a sentence after a percentage (9.7%.78个电站), or
        # after Chinese, a closing bracket or quote, or a unit (3GW.打造) and before Chinese or a line
        # end; 1.地区生产总值 is a list
        elif prev in "%％" or (not prev.isdigit() and prev and (nxt in ("", "\n", '"') or _cjk(nxt))
                               and (_cjk(prev) or prev in '）)”"' or prev.isascii() and prev.isalpha())):
            out[i] = "。"
    for pair in _PAIRS:
        _fold_pairs(text, out, *pair)
    return "".join(out)


def _fold_pairs(text: str, out: list[str], left: str, right: str, full_left: str, full_right: str) -> None:
    """Brackets and straight quotes, paired within a line, fold together when what they hold or
    what stands before them is Chinese: (2020年) and "两不愁、三保障" do, PM(2.5) does not."""
    opened: list[int] = []
    for m in re.finditer(f"[{re.escape(left + right)}\n]", text):
        b, c = m.start(), m.group()
        if c == "\n":
            opened.clear()  # pairs never span a line
        elif c == left and (left != right or not opened):
            opened.append(b)
        elif opened:
            a = opened.pop()
            inner = text[a + 1:b]
            before = text[a - 1] if a else ""
            if inner and (_cjk(inner[0]) or _cjk(inner[-1]) or _cjk(before)):
                out[a], out[b] = full_left, full_right
