"""Small text helpers shared by extractors: lexicon files, token boundaries, name spans."""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from importlib import resources

from kg.model import Document, Mention

PUNCT = set("，。、；：？！“”‘’《》（）()〔〕【】[]{}「」『』,;:?!\"'—…/\\|<>～~\n\t 　")
CJK_OR_NAME = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9×.+\-·]")


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file in kg/lexicons (``#`` comments and blank lines skipped)."""
    raw = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


@cache
def suffix_table(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A suffix lexicon (suffix, kind) as one alternation, longest first, and the kind of each."""
    kinds = {r[0]: (r[1] if len(r) > 1 else "") for r in load_tsv(name)}
    sufs = sorted(kinds, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, sufs)) + ")"), kinds


@cache
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


_LOOSE_LEFT = set("至在和与及、到于从向对由经，,。；：“")
_LOOSE_RIGHT = set("镇乡村段嘎苏、等和与及至，,。；：”的")


def loose_boundary(doc: Document, start: int, end: int) -> bool:
    """Token boundaries, or a function character on each side where the segmenter glued a rare
    name to its neighbour (至朝鲁吐段)."""
    text = doc.clean
    left = start == 0 or text[start - 1] in _LOOSE_LEFT or is_boundary(doc, start, start)
    right = end >= len(text) or text[end] in _LOOSE_RIGHT or is_boundary(doc, end, end)
    return left and right


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


# Dictionary part-of-speech tags that never occur inside a name: verbs, adverbs, prepositions,
# conjunctions, pronouns, particles, idioms, time words. Verbs that do (改造, 治理) are listed in
# kg/lexicons/name_verbs.tsv.
STOP_TAGS = frozenset({"v", "vd", "d", "p", "c", "r", "u", "uj", "ul", "uz", "uv", "ud", "ug", "y", "e",
                       "o", "t", "tg", "dg", "rr", "rz", "ad", "vg"})
# Fixed phrases (tag l/i) are mostly noun phrases (综合利用, 薄弱环节) but some open a clause
# with an adverb or a verb (全面完成, 深入开展, 严厉打击): those stop a name too.
_CLAUSE_PHRASE_TAGS = frozenset({"d", "ad", "v", "vd"})
_DEICTIC = frozenset("这那我你他她它")


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    """jieba's dictionary tags, looked up per token: no HMM tagging pass, so it costs nothing."""
    from kg.segment import dictionary_tags

    return dictionary_tags()


@lru_cache(maxsize=1)
def _freq() -> dict[str, int]:
    from kg.segment import dictionary_freq

    return dictionary_freq()


def tag_of(word: str) -> str:
    """Dictionary tag of a word; ``x`` for words the dictionary does not know (often names)."""
    return _tag_table().get(word, "x")


def freq_of(word: str) -> int:
    return _freq().get(word) or 0


def stops_name(word: str, use_tags: bool = True) -> bool:
    if word in word_set("boundary_words.tsv"):
        return True
    if not use_tags or word in word_set("name_verbs.tsv"):
        return False
    if len(word) >= 3 and _clause_compound(word):
        return True
    if len(word) >= 2 and _is_place_name(word):
        return False  # 怀化, tagged a verb by the dictionary, is a city
    tag = tag_of(word)
    if tag in ("l", "i") and len(word) >= 3:
        return tag_of(word[:2]) in _CLAUSE_PHRASE_TAGS
    if tag == "t" and len(word) == 2 and word[1] in "代朝":
        return False  # 辽代皇家遗址公园: a dynasty names a heritage site, it is no time of the clause
    if tag == "x" and word[0] in _DEICTIC:
        return True  # 这是, 那些: a pronoun the segmenter glued to the next character
    return tag in STOP_TAGS


def _is_place_name(word: str) -> bool:
    from kg.lexicons.gazetteer import gazetteer

    return word in gazetteer().by_name


@lru_cache(maxsize=1)
def _boundary_classes() -> dict[str, str]:
    return {r[0]: (r[1] if len(r) > 1 else "") for r in load_tsv("boundary_words.tsv")}


def _clause_compound(word: str) -> bool:
    """A dictionary word glued from an adverb and a verb (严格执行, 全面实施, 深入推进): the segmenter
    keeps it whole, but it opens a clause as its parts would."""
    cls = _boundary_classes()
    if cls.get(word[:2]) == "d":
        return True
    tail = word[-2:]
    return cls.get(tail) == "v" and tail not in word_set("name_verbs.tsv")


# verbs allowed inside a name that still never begin one: 建设|京蒙合作产业园区
_LEADING_VERBS = frozenset({"建设", "开发", "改造", "提升", "新建", "续建", "扩建", "服务", "管理", "保障", "发展",
                            "利用", "治理", "整治", "保护", "扶持", "引进", "招商"})
_DASHES = frozenset({"—", "－", "-", "——", "–"})
_GLUED = set("及与和在对向把将从由被为同并或")
_LIST_MARK = re.compile(r"^(?:\d+[.、．](?!\d)|[一二三四五六七八九十]+是)")


def name_before(doc: Document, pos: int, max_len: int = 12, stop: frozenset[str] | None = None,
                use_tags: bool = True, inner: frozenset[str] = frozenset(), quotes: bool = False,
                dashes: bool = False, through: frozenset[int] = frozenset()) -> int | None:
    """Start of the noun phrase that ends at ``pos``: walk left over tokens until punctuation,
    a word that cannot be inside a name (boundary_words.tsv, verbs and particles by their
    dictionary tag unless name_verbs.tsv lists them) or max_len. Offsets in ``through`` (tokens
    of places already found) never stop the walk."""
    text = doc.clean
    start = pos
    while start > 0 and pos - start < max_len:
        tok = token_at(doc, start - 1)
        if tok is None:
            break
        w, ts, te = tok
        if te > start:  # token runs across pos: cut at pos
            w, te = text[ts:start], start
        if (w in inner and start > 0) or ts in through:
            start = ts  # a conjunction inside the name, or a token of a place found before (海斯改)
            continue
        if dashes and w in _DASHES and ts > 0 and CJK_OR_NAME.match(text[ts - 1]) and start < pos:
            start = ts  # 张家界—吉首—怀化500千伏输变电工程: a line between named ends
            continue
        if quotes and w in ("”", ")", "）"):  # “引嫩入肇”城市供水工程, 现代农业(水稻)产业园区
            open_q = max(text.rfind(o, max(0, ts - 12), ts) for o in ("“", "(", "（"))
            if open_q >= 0 and not any(c in PUNCT and c != "、" for c in text[open_q + 1 : ts]) and pos - open_q <= max_len:
                start = open_q
                continue
            break
        if len(w) >= 2 and w[-1] in "及与和" and w[-1] not in inner and tag_of(w) == "x":
            break  # 病房楼及|努古斯台分院: a conjunction glued onto the end of the word before
        if len(w) >= 2 and w[0] in _GLUED and w[0] not in inner and tag_of(w) == "x":
            start = ts + 1  # 及省|道: the segmenter glued a conjunction onto the next name
            break
        if not w or any(c in PUNCT for c in w) or (stop is not None and w in stop) or stops_name(w, use_tags):
            break
        if start - ts + (pos - start) > max_len:
            break
        start = ts
    lm = _LIST_MARK.match(text[start:pos])  # 10.农村三变改革: a list number, not the name
    if lm:
        start += lm.end()
    while start < pos and (text[start] in inner or text[start] in "—－-–"):
        start += 1
    # a name may hold 改造 or 建设 but does not start with one (建设|京蒙合作产业园区)
    while start < pos:
        tok = token_at(doc, start)
        if tok is None or tok[1] != start or tok[2] >= pos:
            break
        if tok[0] not in _LEADING_VERBS:
            break
        start = tok[2]
    return start if start < pos else None


def extend_suffixes(text: str, end: int, suffix_re: re.Pattern) -> int:
    """Grow a match over suffixes that follow at once: 热电联产|项目, 沿江湿地|自然保护区.
    项目 closes a name: …示范园区项目|主体工程 is the project's part, not a longer name."""
    while not text.endswith("项目", 0, end):
        m = suffix_re.match(text, end)
        if not m or m.end() == end:
            break
        end = m.end()
    return end


def tokens_in(doc: Document, start: int, end: int) -> list[str]:
    if not doc.tokens:
        return [doc.clean[start:end]]
    starts = _starts(doc)
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(doc.tokens) and doc.tokens[i][2] <= end:
        out.append(doc.tokens[i][0])
        i += 1
    return out or [doc.clean[start:end]]


PROPER_TAGS = frozenset({"x", "ns", "nr", "nz", "nt", "nrt", "nrfg", "j", "eng"})


def has_proper(doc: Document, start: int, end: int) -> bool:
    """Does the span hold a word that looks like a proper name (unknown to the dictionary, or
    tagged place/person/organisation/abbreviation), or a digit?"""
    generic = word_set("generic_words.tsv")
    run = ""
    for w in tokens_in(doc, start, end):
        if any(c.isdigit() for c in w):
            return True
        if len(w) >= 2 and tag_of(w) in PROPER_TAGS and freq_of(w) < 2000 and w not in generic:
            return True
        # 沈|铁 内陆港: a rare name the segmenter broke into single characters
        run = run + w if len(w) == 1 and "\u4e00" <= w <= "\u9fa5" and tag_of(w) not in STOP_TAGS else ""
        if len(run) >= 2 and freq_of(run) == 0 and run not in generic:
            return True
    return False


def specific(doc: Document, start: int, end: int, generic: frozenset[str], min_chars: int = 2) -> bool:
    """Does text[start:end] hold at least one word that is not generic (重点, 各项, 建设…)?"""
    if end - start < min_chars:
        return False
    span = doc.clean[start:end]
    if span in generic:
        return False
    words = tokens_in(doc, start, end)
    return any(w not in generic and not w.isspace() for w in words)


# The characters a 、-enumeration (A、B等企业, A、B等项目) is made of: a match never crosses any other.
_ENUM_CHARS = "A-Za-z0-9“”、.×+＋()（）"  # + joins two kinds of plant: 光伏+储能
_ENUM_RUN = re.compile(f"[\u4e00-\u9fa5{_ENUM_CHARS}]+")
# A whole run that holds 等, found without visiting the runs that do not: it starts where no run
# character precedes, reaches its first 等 without giving back (possessive), then runs to the end.
_ENUM_RUN_DENG = re.compile(f"(?<![\u4e00-\u9fa5{_ENUM_CHARS}])"
                            f"[\u4e00-\u7b48\u7b4a-\u9fa5{_ENUM_CHARS}]*+等[\u4e00-\u9fa5{_ENUM_CHARS}]*+")


def enumerations(rx: re.Pattern, text: str):
    """``rx.finditer(text)`` for patterns that match only inside one run of name and 、 characters
    and need 等: the regex is tried on the runs that hold 等, not at every offset of the text, which
    made it a tenth of the extraction time. Same matches, in the same order (the runs are those of
    ``_ENUM_RUN`` that hold 等: tests/test_text_speed.py)."""
    for run in _ENUM_RUN_DENG.finditer(text):
        yield from rx.finditer(text, run.start(), run.end())


def tokens_within(doc: Document, start: int, end: int) -> list[tuple[str, int, int]]:
    """The tokens that lie inside [start, end), found by bisection (the same as filtering every
    token of the document, which made a check per candidate linear in the report's length)."""
    starts = _starts(doc)
    i = bisect.bisect_left(starts, start)
    toks = doc.tokens
    out = []
    while i < len(toks) and toks[i][2] <= end:
        out.append(toks[i])
        i += 1
    return out


class Within:
    """The mentions inside a span, in their order, found by bisection: a scan of every mention for
    every candidate made extraction quadratic in the document's length."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]

    def __call__(self, s: int, e: int) -> list[Mention]:
        found = sorted(self.order[bisect.bisect_left(self.starts, s) : bisect.bisect_right(self.starts, e)])
        return [m for m in (self.mentions[i] for i in found) if m.end <= e]
