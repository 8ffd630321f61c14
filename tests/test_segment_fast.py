"""kg.segment_fast against jieba's own cut: the same words at the same offsets, on real reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from jieba import finalseg

from kg.extract import _segmenter
from kg.segment import JiebaSegmenter
from kg.segment_fast import FastCut

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "data" / "dev").glob("*.txt")),
         *sorted((ROOT / "tests" / "data" / "national").glob("*.txt"))]


@pytest.fixture(scope="module")
def seg() -> JiebaSegmenter:
    return _segmenter("jieba")  # the build's own: user dictionary and lexicon words added


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_same_words_as_jieba_on_reports(seg: JiebaSegmenter, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = seg.cut(text)
    assert fast == seg.slow_cut(text)
    assert "".join(w for w, _, _ in fast) == text


def test_odd_characters_and_whitespace(seg: JiebaSegmenter) -> None:
    # CRLF is one token in jieba, other spaces one each; latin runs and jieba's joiners (+#&._%-)
    # stay in the clause; full-width letters and digits are single characters outside it
    text = "abc 1.5%的增长\r\n\r\n　ｘ#&-_.中国\t\t人民 GDP增长6.5%，南塔木塔木拉苏木嘎查 "
    assert seg.cut(text) == seg.slow_cut(text)
    assert seg.cut("") == seg.slow_cut("") == []


def test_hmm_memo_gives_the_same_split_again(seg: JiebaSegmenter) -> None:
    text = (ROOT / "seeds" / "001_c7f09e0d5707841b.txt").read_text(encoding="utf-8")
    fresh = FastCut(seg._tok)
    first = fresh.cut(text)
    assert fresh._hmm  # the report has runs of characters the dictionary does not know
    assert fresh.cut(text) == first == seg.slow_cut(text)
    finalseg.add_force_split("不存在的词语")  # a force-split word: the memo is bypassed
    try:
        assert fresh.cut(text) == seg.slow_cut(text)
    finally:
        finalseg.Force_Split_Words.discard("不存在的词语")


def test_words_added_later_are_seen() -> None:
    seg = JiebaSegmenter()
    text = "推进塞罕坝北麓鹿鸣湾旅游区建设"
    before = seg.cut(text)
    seg.add_words([("鹿鸣湾旅游区", "ns")])
    after = seg.cut(text)
    assert after == seg.slow_cut(text)
    assert ("鹿鸣湾旅游区", 7, 13) in after and after != before
