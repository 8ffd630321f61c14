"""Undo layout: join lines that a PDF or a web page broke inside a sentence, drop stray spaces.

The result is a *clean view* of the text plus a map from each clean offset back to the original,
so extractors read tidy sentences while every offset they report still points into the file.
"""

from __future__ import annotations

import re
from array import array

from kg.model import Sentence

TERMINAL = set("。！？；：!?;:…")
SHORT_LINE = 22  # a wrapped PDF line is long; a heading or a list item is usually short
_LIST_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|——|第[一二三四五六七八九十]+[章节部分])")
_SENT_END = re.compile(r"[。！？!?；;]+[”’\"'）)]*|\n+")


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "%.")


def clean_view(text: str) -> tuple[str, array]:
    """Return (clean, src) with clean[i] == text[src[i]] for every i."""
    out: list[str] = []
    src = array("l")
    lines = text.split("\n")
    pos = 0
    joining = False
    for i, line in enumerate(lines):
        stripped = line.rstrip()
        for j, c in enumerate(line):
            if c in " \t\u3000\r\xa0":
                # keep one space only between two ASCII words ("PM 2.5", "5 G" stays apart)
                prev = out[-1] if out else ""
                nxt = next((d for d in line[j + 1 :] if d not in " \t\u3000\r\xa0"), "")
                if prev and nxt and _is_ascii_word(prev) and _is_ascii_word(nxt) and prev != " ":
                    out.append(" ")
                    src.append(pos + j)
                continue
            out.append(c)
            src.append(pos + j)
        pos += len(line) + 1
        if i == len(lines) - 1:
            break
        nxt_line = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
        if stripped.strip():
            joining = _joins(stripped, nxt_line)
        if joining:
            continue
        if out and out[-1] != "\n":
            out.append("\n")
            src.append(pos - 1)
    return "".join(out), src


def _joins(line: str, next_line: str) -> bool:
    """Was this line break made by the layout rather than by the author?"""
    body = line.strip()
    if not body or not next_line.strip():
        return False
    if body[-1] in TERMINAL or len(body) < SHORT_LINE:
        return False
    heading = bool(_LIST_START.match(body)) and not any(c in TERMINAL for c in body)
    return not (_LIST_START.match(next_line) or heading)


def split_sentences(clean: str) -> list[Sentence]:
    """Sentences of the clean view: split at 。！？； and line ends, closing quotes kept."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(clean):
        end = m.end()
        seg = clean[start:end].rstrip("\n")
        if seg.strip():
            out.append(Sentence(start, start + len(seg), seg))
        start = end
    if start < len(clean) and clean[start:].strip():
        out.append(Sentence(start, len(clean), clean[start:]))
    return out
