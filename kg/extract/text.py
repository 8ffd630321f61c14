"""Small text helpers shared by extractors: lexicon files, token boundaries, name spans."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources

from kg.model import Document

PUNCT = set("，。、；：？！“”‘’《》（）()〔〕【】[]{}「」『』,.;:?!\"'—…·/\\|<>～~\n\t 　")
CJK_OR_NAME = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9×.+\-·]")


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file in kg/lexicons (``#`` comments and blank lines skipped)."""
    raw = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv(name))


def _starts(doc: Document) -> list[int]:
    cached = getattr(doc, "_tok_starts", None)
    if cached is None:
        cached = [s for _, s, _ in doc.tokens]
        doc._tok_starts = cached  # type: ignore[attr-defined]
    return cached


def token_at(doc: Document, offset: int) -> tuple[str, int, int] | None:
    starts = _starts(doc)
    i = bisect.bisect_right(starts, offset) - 1
    return doc.tokens[i] if 0 <= i < len(doc.tokens) else None


def is_boundary(doc: Document, start: int, end: int) -> bool:
    """Does [start, end) begin and end on token boundaries (so 大庆 in 庆祝 is not a match)?"""
    if not doc.tokens:
        return True
    starts = _starts(doc)
    left = bisect.bisect_left(starts, start)
    ok_left = left < len(starts) and starts[left] == start
    ok_right = end >= len(doc.clean) or (bisect.bisect_left(starts, end) < len(starts)
                                         and starts[bisect.bisect_left(starts, end)] == end)
    return ok_left and ok_right


def name_before(doc: Document, pos: int, max_len: int = 12, stop: frozenset[str] | None = None) -> int | None:
    """Start of the noun phrase that ends at ``pos``: walk left over tokens until punctuation,
    a boundary word (verbs, prepositions, conjunctions: kg/lexicons/boundary_words.tsv) or max_len."""
    stop = stop if stop is not None else word_set("boundary_words.tsv")
    text = doc.clean
    start = pos
    while start > 0 and pos - start < max_len:
        tok = token_at(doc, start - 1)
        if tok is None:
            break
        w, ts, te = tok
        if te > start:  # token runs across pos: cut at pos
            w, te = text[ts:start], start
        if not w or any(c in PUNCT for c in w) or w in stop:
            break
        if start - ts + (pos - start) > max_len:
            break
        start = ts
    return start if start < pos else None


def specific(doc: Document, start: int, end: int, generic: frozenset[str], min_chars: int = 2) -> bool:
    """Does text[start:end] hold at least one word that is not generic (重点, 各项, 建设…)?"""
    if end - start < min_chars:
        return False
    span = doc.clean[start:end]
    if span in generic:
        return False
    words = [w for w, s, e in doc.tokens if s >= start and e <= end] if doc.tokens else [span]
    if not words:
        words = [span]
    return any(w not in generic and not w.isspace() for w in words)
