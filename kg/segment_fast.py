"""jieba's precise-mode cut (HMM on), re-written to give the same words with their offsets, faster.

Why: segmentation was a third of extraction. ``jieba.Tokenizer.cut`` builds a dict of lists per
clause (``get_DAG``), then a generator and a ``max`` over tuples per character (``calc``), yields word
by word through three generators, and ``kg.segment.align`` then searched each word back in the text.
Here one backward pass over each clause finds the words that start at a character and scores them
at once, and offsets are counted, not searched. The arithmetic is jieba's own, in its order
(``log(freq) - log(total) + best score after the word``), and ties go to the longer word as
``max`` over ``(score, end)`` tuples does, so the words are the same, bit for bit: tests/test_segment_fast.py
compares both on the seed reports. Runs of single characters the dictionary does not know are
handed to jieba's own HMM (``jieba.finalseg.cut``), whose answer depends on the run alone and is
kept per run: a report repeats its rare names (its towns, firms, people) many times.
"""

from __future__ import annotations

import re
from math import log
from typing import Any

from jieba import finalseg

Token = tuple[str, int, int]

# jieba's block patterns (jieba.re_han_default, jieba.re_skip_default), as of jieba 0.42.1
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_SKIP = re.compile("(\r\n|\\s)", re.U)
_HMM_MEMO_MAX = 20_000  # runs kept (~400 bytes each), cleared when full: 11,000 for 188 reports


class FastCut:
    """``cut(text)`` equal to ``list(align(text, tok.cut(text, cut_all=False, HMM=True)))``."""

    def __init__(self, tok: Any) -> None:
        self.tok = tok  # jieba.Tokenizer, initialised; words added to it later are seen
        self._hmm: dict[str, tuple[str, ...]] = {}

    def _unknown(self, run: str) -> tuple[str, ...]:
        """jieba's HMM split of a run of single characters (memoised while no word is force-split)."""
        if finalseg.Force_Split_Words:
            return tuple(finalseg.cut(run))
        words = self._hmm.get(run)
        if words is None:
            if len(self._hmm) >= _HMM_MEMO_MAX:
                self._hmm.clear()
            words = self._hmm[run] = tuple(finalseg.cut(run))
        return words

    def cut(self, text: str) -> list[Token]:
        out: list[Token] = []
        pos = 0
        for blk in _HAN.split(text):
            if not blk:
                continue
            if _HAN.match(blk):
                self._block(blk, pos, out)
            else:
                p = pos
                for x in _SKIP.split(blk):
                    if not x:
                        continue
                    if _SKIP.match(x):
                        out.append((x, p, p + len(x)))
                    else:
                        for i, c in enumerate(x):
                            out.append((c, p + i, p + i + 1))
                    p += len(x)
            pos += len(blk)
        return out

    def _block(self, s: str, base: int, out: list[Token]) -> None:
        """jieba's ``__cut_DAG`` over one block, appending (word, start, end) with ``base`` added."""
        freq = self.tok.FREQ
        get = freq.get
        logtotal = log(self.tok.total)
        n = len(s)
        score = [0.0] * (n + 1)
        last = [0] * (n + 1)  # end index (inclusive) of the best word starting at each character
        for k in range(n - 1, -1, -1):
            best = None
            best_x = k
            i = k
            frag = s[k]
            while i < n:
                f = get(frag)
                if f is None:
                    break
                if f:
                    sc = log(f) - logtotal + score[i + 1]
                    if best is None or sc >= best:
                        best, best_x = sc, i
                i += 1
                frag = s[k : i + 1]
            if best is None:  # no dictionary word starts here: the character alone
                best = log(get(s[k]) or 1) - logtotal + score[k + 1]
            score[k] = best
            last[k] = best_x
        x = 0
        buf_start = -1  # start of the pending run of single characters
        while x < n:
            y = last[x] + 1
            if y - x == 1:
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    self._flush(s, buf_start, x, base, out)
                    buf_start = -1
                out.append((s[x:y], base + x, base + y))
            x = y
        if buf_start >= 0:
            self._flush(s, buf_start, n, base, out)

    def _flush(self, s: str, a: int, b: int, base: int, out: list[Token]) -> None:
        """A run of single characters: alone, split by the HMM if unknown, else char by char."""
        buf = s[a:b]
        if b - a == 1:
            out.append((buf, base + a, base + b))
        elif not self.tok.FREQ.get(buf):
            p = base + a
            for w in self._unknown(buf):
                out.append((w, p, p + len(w)))
                p += len(w)
        else:
            for i in range(a, b):
                out.append((s[i], base + i, base + i + 1))
