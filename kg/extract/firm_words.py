"""What makes a run of words a trade name or not, shared by the enterprise rules
(kg.extract.enterprises, firm_lists, firm_owners, firms_lac): kinds of firm made of common words
(中小|银行), clause openers (大力|发展), products described after a name (菲姆|高效节水|装备), the
clause's verbs before a list's first item (培育|天润乳业) and names the segmenter cut apart (晟|通|糖业)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.text import PUNCT, freq_of, load_tsv, tag_of, token_at, tokens_in, word_set
from kg.model import Extraction

RARE_WORD_FREQ = 100  # a word this frequent before an industry word makes a category (绿色食品)
_CATEGORY_FREQ = 100


@lru_cache(maxsize=1)
def _firm_verbs() -> frozenset[str]:
    """What firms do (引进, 签约, 落地, 投产…), from firm_cues.tsv."""
    return frozenset(r[0] for r in load_tsv("firm_cues.tsv") if r[1] == "verb")


def _category_head(ex: Extraction, s: int, e: int) -> bool:
    """中小|银行, 民航发展基金航空|公司: a head made only of common words (no place, person or rare word)
    names a kind of firm, not one firm."""
    words = tokens_in(ex.doc, s, e)
    return all((freq_of(w) >= _CATEGORY_FREQ or freq_of(w) > 0 and len(w) >= 4) and tag_of(w) in _CATEGORY_TAGS
               for w in words)


# tags of words that describe a kind (中小, 民航, 发展); 鼎盛 (z), 华美 (nz) can be trade names
_CATEGORY_TAGS = frozenset({"n", "vn", "v", "j", "d", "ad", "f", "m", "b", "l", "i", "an", "s"})


def _clause_start(ex: Extraction, s: int, e: int) -> bool:
    """大力发展|新能源, 节水|农业, 冷链|物流: a clause's adverb-verb phrase or an industry modifier, no trade name."""
    name = ex.doc.clean[s:e]
    if name in word_set("industry_modifiers.tsv"):
        return True
    return _opens_clause(name)


def _opens_clause(name: str) -> bool:
    """Does the phrase begin with an adverb or a verb of exhortation (大力|发展, 继续|多渠道补充)?"""
    from kg.segment import dictionary_tokenizer

    if len(name) < 3 or any(name.startswith(o) for o in _CLAUSE_OPENERS):
        return len(name) >= 3
    if name[-1] in "型式性类" or tag_of(name[:2]) in ("d", "ad"):
        return True  # 环保型|汽车, 严格|执行环保: a describing word or an adverb, no trade name
    first = dictionary_tokenizer().lcut(name, HMM=False)[0]
    return len(name) >= 4 and len(first) >= 2 and tag_of(first) in ("d", "ad", "v", "vd") and freq_of(first) >= 1000


_CLAUSE_OPENERS = frozenset({"大力", "全力", "着力", "努力", "积极", "加快", "继续", "持续", "进一步", "切实",
                             "扎实", "不断", "鼓励", "支持", "推动", "推进", "引导", "培育", "壮大", "做强",
                             "严肃", "严厉", "依法", "查处", "以", "严格", "全面", "认真", "深入", "坚决",
                             "中央", "财政", "政府", "各级", "社会"})


@lru_cache(maxsize=1)
def _industry_words() -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv("enterprise_suffixes.tsv"))


@lru_cache(maxsize=4096)
def _dictionary_words(name: str) -> bool:
    """Is the name only common dictionary words (no HMM guessing), like 绿色|生态?"""
    from kg.segment import dictionary_tokenizer

    parts = dictionary_tokenizer().lcut(name, HMM=False)
    return len(parts) > 1 and all(len(p) >= 2 and freq_of(p) >= RARE_WORD_FREQ for p in parts)


def _verb_before(ex: Extraction, s: int) -> bool:
    tok = token_at(ex.doc, s - 1)
    return tok is not None and (tag_of(tok[0]) in ("v", "p") or tok[0] == "了")  # 培育了|鑫|达


_DESCRIBING_FREQ = 20  # 节水 (97), 高效 (1139): everyday words; 菲姆, 沃川 are unknown


def _described(ex: Extraction, s: int, e: int) -> bool:
    """Do two common words stand between a rare head and the industry word (菲姆|高效|节水|装备)?
    Then they describe a product, not a firm."""
    words = tokens_in(ex.doc, s, e)
    return len(words) >= 3 and all(freq_of(w) >= _DESCRIBING_FREQ and len(w) >= 2 for w in words[-2:])


def skip_openers(ex: Extraction, s: int, e: int) -> int:
    """Past the clause's opening verbs and adverbs at the start of [s, e) (培育|天润, 签约|落地|宏达,
    引进|了): what a firm does is no part of its name."""
    verbs = _firm_verbs()
    while (tok := token_at(ex.doc, s)) is not None and tok[1] == s and tok[2] < e - 1 \
            and (tok[0] in _CLAUSE_OPENERS or tok[0] in verbs or tok[0] in ("了", "新", "成功")):
        s = tok[2]
    return s


def _glued_before(ex: Extraction, pos: int) -> int | None:
    """Start of two single characters right before ``pos`` that glue into no dictionary word, after
    punctuation or a verb (。晟|通|糖业, 实施晟|通|糖业): a trade name the segmenter cut apart."""
    second = token_at(ex.doc, pos - 1) if pos > 1 else None
    first = token_at(ex.doc, second[1] - 1) if second is not None and second[1] > 0 else None
    if second is None or first is None or len(first[0]) != 1 or len(second[0]) != 1 or second[2] != pos:
        return None
    if not all("\u4e00" <= c <= "\u9fa5" for c in first[0] + second[0]) or freq_of(first[0] + second[0]) > 0:
        return None
    before = ex.doc.clean[first[1] - 1 : first[1]]
    return first[1] if first[1] == 0 or before in PUNCT or _verb_before(ex, first[1]) else None


@lru_cache(maxsize=1)
def _not_firm_names() -> tuple[re.Pattern, frozenset[str]]:
    """Ends of names of bodies that are no firm (…条约集团, …反党集团) and words that are never a
    firm's whole name (民营, 外资, 商业) from not_firm_orgs.tsv, which the tagger's firms share."""
    rows = load_tsv("not_firm_orgs.tsv")
    ends = sorted((r[0] for r in rows if r[1] == "end"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, ends)) + ")$"), frozenset(r[0] for r in rows if r[1] == "whole")


_FUNCTION_TAGS = frozenset({"c", "p", "u", "uj", "ul"})  # 而, 对, 的: words of the clause
_VERB_TAGS = frozenset({"v", "vd", "d", "ad", "p"})


def _common_noun(name: str) -> bool:
    """One word the dictionary knows as a common noun, verb or abbreviation (代用, 种畜, 青贮): a kind
    of thing; trade names are words it does not know (鲁花, 晟通) or knows as names (伊利, 德农)."""
    return freq_of(name) > 0 and tag_of(name) in ("n", "vn", "v", "j")


def _past_verbs(ex: Extraction, s: int, e: int) -> int:
    """Past the verbs and adverbs that open [s, e) when a name of two characters or more is left:
    a firm's name does not start with a common verb (查处, 支持) or an idiom opening with an
    exhortation (严厉查处). A head still holding such a verb (继续|多渠道补充中小银行) is left as it was,
    for the clause rules to reject."""
    s0 = s
    while (tok := token_at(ex.doc, s)) is not None and tok[1] == s and e - tok[2] >= 2 and (
            tag_of(tok[0]) in _VERB_TAGS and freq_of(tok[0]) >= _CATEGORY_FREQ
            or tag_of(tok[0]) in ("i", "l") and any(tok[0].startswith(o) for o in _CLAUSE_OPENERS)):
        s = tok[2]
    if s != s0 and any(tag_of(w) in _VERB_TAGS and freq_of(w) >= _CATEGORY_FREQ for w in tokens_in(ex.doc, s, e)):
        return s0
    return s


def rejoin_syllable(ex: Extraction, s: int, e: int) -> int:
    """Start of a trade name whose last syllable the segmenter cut off (聚合|顺、, 聚合|顺新|材料):
    when [s, e) is one character, or opens with an unknown two-character word whose second
    character starts an enterprise suffix (顺新|材料), the word of two characters right before it
    is the name's head, unless it is the clause's verb or opener (引进, 培育) or a function word."""
    from kg.extract.enterprises import _suffixes

    text = ex.doc.clean
    tok = token_at(ex.doc, s)
    if tok is None or s < 2 or tok[1] != s:
        return s
    straddles = len(tok[0]) == 2 and freq_of(tok[0]) == 0 and (m := _suffixes()[0].match(text, s + 1)) is not None \
        and m.end() <= e
    if not (straddles or e - s == 1):
        return s
    prev = token_at(ex.doc, s - 1)
    if prev is None or len(prev[0]) != 2 or prev[2] != s or not all("\u4e00" <= c <= "\u9fa5" for c in prev[0]):
        return s
    if prev[0] in _CLAUSE_OPENERS or prev[0] in _firm_verbs() or tag_of(prev[0]) in _FUNCTION_TAGS | {"m", "q", "r", "t", "d", "ns"} \
            or tag_of(prev[0]) in ("v", "vn") and freq_of(prev[0]) >= _CLAUSE_VERB_FREQ:
        return s  # 建设|顺新材料: an everyday verb (建设, 发展) is the clause's; 聚合 (573) may open a name
    return prev[1]


_CLAUSE_VERB_FREQ = 1000


def branch_end(ex: Extraction, e: int) -> int | None:
    """End of a known firm's local branch named by a place and an industry word after the firm
    (大唐|多伦|煤化工, 华能|伊敏|煤电; an anonymised report writes the place as x), when the
    branch is then set off (punctuation, a list word, a capacity or the clause's predicate)."""
    from kg.lexicons.gazetteer import gazetteer

    text = ex.doc.clean
    names = gazetteer().by_name
    place_end = e + 1 if text[e : e + 1] in ("x", "X") else next(
        (e + n for n in (4, 3, 2) if text[e : e + n] in names and is_place_word(ex, e, e + n)), None)
    if place_end is None:
        return None
    tok = token_at(ex.doc, place_end)
    if tok is None or tok[1] != place_end or tok[0] not in _industry_words() or len(tok[0]) < 2:
        return None
    after = token_at(ex.doc, tok[2])
    if tok[2] >= len(text) or text[tok[2]] in "、，,。；;等和及与" or re.match(r"(?:年产)?[\d.]+", text[tok[2] :]) \
            or after is not None and after[1] == tok[2] and tag_of(after[0]) in ("v", "vd", "vn", "a", "ad", "d"):
        return tok[2]
    return None


def is_place_word(ex: Extraction, s: int, e: int) -> bool:
    """Does [s, e) stand as whole words (a place name the segmenter kept apart from its neighbours)?"""
    a, b = token_at(ex.doc, s), token_at(ex.doc, e - 1)
    return a is not None and b is not None and a[1] == s and b[2] == e
