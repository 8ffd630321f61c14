"""The shortcuts of kg.extract.text and kg.extract.matcher give what the plain way gives, on real reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract import context, enterprises, place_lists, places, policies, slogans
from kg.extract import text as T
from kg.extract.matcher import Matcher
from kg.read import read_path
from kg.settings import Settings
from kg.work import process

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "data" / "dev").glob("*.txt"))[:6]]


def naive_scan(names: dict, text: str, overlap: bool = False) -> list:
    """Longest name at each offset, left to right, by trying every length: the definition."""
    longest = max(map(len, names), default=0)
    out, i = [], 0
    while i < len(text):
        for ln in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + ln] in names:
                out.append((i, i + ln, names[text[i : i + ln]]))
                if not overlap:
                    i += ln - 1
                break
        i += 1
    return out


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_matcher_scan_is_the_longest_match_at_each_offset(path: Path) -> None:
    doc = read_path(path)
    home = context.resolve_place(doc.meta.place) if doc.meta.place else None
    lexicons = [places._national(), policies._lexicon(), enterprises._known(), slogans._lexicon()[0]]
    if home:
        lexicons += [places._locals(home), place_lists._weak_locals(home)]
    for m in lexicons:
        for overlap in (False, True):
            assert list(m.scan(doc.clean, overlap)) == naive_scan(m.names, doc.clean, overlap)


def test_matcher_with_names_of_one_character_and_nested_names() -> None:
    m: Matcher[str] = Matcher()
    for name in ("河", "黄河", "黄河口", "口", "河口镇", "黄", "镇"):
        m.add(name, name)
    for text in ("黄河口镇", "黄河", "河口镇外", "黄", "镇黄河口", "黄黄河河口镇口", ""):
        for overlap in (False, True):
            assert list(m.scan(text, overlap)) == naive_scan(m.names, text, overlap)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_enumerations_visit_the_same_runs(path: Path) -> None:
    text = read_path(path).clean
    rx = re.compile(r"[\u4e00-\u9fa5]{2,8}、[\u4e00-\u9fa5、]{2,40}?等")
    slow = [m.span() for run in T._ENUM_RUN.finditer(text) if "等" in run.group(0)
            for m in rx.finditer(text, run.start(), run.end())]
    assert [m.span() for m in T.enumerations(rx, text)] == slow
    runs = [r.span() for r in T._ENUM_RUN.finditer(text) if "等" in r.group(0)]
    assert [r.span() for r in T._ENUM_RUN_DENG.finditer(text)] == runs
    assert runs or "等" not in text or path.parent.name == "dev"  # every seed report lists with 等


def test_tokens_within_is_the_filter_over_every_token() -> None:
    doc = process(read_path(TEXTS[0]), Settings()).doc
    n = len(doc.clean)
    for s, e in [(0, 0), (0, 5), (3, 4), (100, 180), (n - 20, n), (n, n), (57, 57 + 40)]:
        assert T.tokens_within(doc, s, e) == [t for t in doc.tokens if s <= t[1] and t[2] <= e]
