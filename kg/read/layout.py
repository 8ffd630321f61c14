"""Undo layout: join lines that a PDF or a web page broke inside a sentence, drop stray spaces.

The result is a *clean view* of the text plus a map from each clean offset back to the original,
so extractors read tidy sentences while every offset they report still points into the file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence

from kg.model import Sentence
from kg.read.punct import fold_punctuation

TERMINAL = set("。！？；：!?;:…")
SHORT_LINE = 22  # a wrapped PDF line is long; a heading or a list item is usually short
_LIST_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|——"
                         r"|第[一二三四五六七八九十]+[章节部分])")
_SENT_END = re.compile(r"[。！？!?；;]+[”’\"'）)]*|\n+")
_SPACE = " \t\u3000\r\xa0"  # dropped from the clean view (CR too: CRLF files keep their CRs)
_RUNS = re.compile(f"[{_SPACE}]+|[^{_SPACE}]+")


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "%.")


class OffsetMap(Sequence[int]):
    """Clean offset → original offset, stored as runs of consecutive offsets.

    A plain array costs 4 bytes a character, as much as the text itself; a report has a few
    hundred runs (one per dropped space or joined line), so a corpus of a thousand reports keeps
    kilobytes instead of ~80 MB while linking. Lookup is a binary search over the runs.
    """

    __slots__ = ("_starts", "_origins", "_n")

    def __init__(self) -> None:
        self._starts = array("i")  # clean offset where each run begins
        self._origins = array("i")  # original offset of that first character
        self._n = 0

    def add(self, origin: int, count: int = 1) -> None:
        """Map the next ``count`` clean offsets to ``origin``, ``origin + 1``, …"""
        if count <= 0:
            return
        if not (self._n and self._origins[-1] + (self._n - self._starts[-1]) == origin):
            self._starts.append(self._n)
            self._origins.append(origin)
        self._n += count

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("offset out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k])

    def __iter__(self) -> Iterator[int]:
        if not self._starts:
            return
        ends = [*self._starts[1:], self._n]
        for start, end, origin in zip(self._starts, ends, self._origins, strict=True):
            yield from range(origin, origin + end - start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._n, self._starts, self._origins) == (other._n, other._starts, other._origins)
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash((self._n, bytes(self._starts), bytes(self._origins)))

    def __getstate__(self) -> tuple:
        return self._starts, self._origins, self._n

    def __setstate__(self, state: tuple) -> None:
        self._starts, self._origins, self._n = state

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._starts)} runs, {self._n} offsets)"


def clean_view(text: str) -> tuple[str, OffsetMap]:
    """Return (clean, src) with clean[i] == text[src[i]] for every i, but for half-width
    punctuation in Chinese context, which reads as its full-width form (kg.read.punct).

    Linear in the text: runs of characters are copied whole, and the next non-blank line is
    precomputed (a PDF of 10,000 short lines must not cost 10,000² steps).
    """
    parts: list[str] = []
    src = OffsetMap()
    last = ""  # the last character of the clean view so far
    lines = text.split("\n")
    following = [""] * len(lines)  # the next non-blank line after each line
    nxt_line = ""
    for i in range(len(lines) - 1, -1, -1):
        following[i] = nxt_line
        if lines[i].strip():
            nxt_line = lines[i]
    pos = 0
    joining = False
    for i, line in enumerate(lines):
        for m in _RUNS.finditer(line):
            a, b = m.span()
            if line[a] in _SPACE:
                # keep one space only between two ASCII words ("PM 2.5", "5 G" stays apart)
                nxt = line[b] if b < len(line) else ""
                if last and nxt and last != " " and _is_ascii_word(last) and _is_ascii_word(nxt):
                    parts.append(" ")
                    src.add(pos + a)
                    last = " "
            else:
                parts.append(m.group())
                src.add(pos + a, b - a)
                last = line[b - 1]
        pos += len(line) + 1
        if i == len(lines) - 1:
            break
        stripped = line.rstrip()
        if stripped.strip():
            joining = _joins(stripped, following[i])
        if joining:
            continue
        if last and last != "\n":
            parts.append("\n")
            src.add(pos - 1)
            last = "\n"
    return fold_punctuation("".join(parts)), src


def _joins(line: str, next_line: str) -> bool:
    """Was this line break made by the layout rather than by the author?"""
    body = fold_punctuation(line.strip())  # a half-width full stop (战略.) ends a line as 。 does
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
