"""The report's own place when its heading names none ("在市十五届人大五次会议上", "州人民政府州长").

Such headings are common in prefecture and county reports; the place is then only in the body.
Three kinds of evidence are weighed, each general: the level the report speaks at (the heading's
市/州/县, or 全县 and 我县 in the body), how often a division of that level is named, and how many of
its own parts are named (a county report lists its towns, a city report its counties).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, Gazetteer, Unit, gazetteer
from kg.segment import dictionary_freq, dictionary_tokenizer

_LEVEL_CHARS = "省|自治区|市|州|盟|县|旗|区"
# the heading's own level: 在市十五届人大…, 州人民政府州长, 我代表县人民政府, a speaker line 县长 张三
_HEAD_LEVEL = [
    re.compile(rf"在(?P<c>{_LEVEL_CHARS})(?:第)?[一二三四五六七八九十]+届"),
    re.compile(rf"(?:^|[^\u4e00-\u9fa5])(?P<c>{_LEVEL_CHARS})人民政府(?:代理)?(?:省长|主席|市长|州长|盟长|县长|旗长|区长)"),
    re.compile(rf"我代表(?P<c>{_LEVEL_CHARS})人民政府"),
]
_WHOLE = re.compile(r"全(省|区|市|州|盟|县|旗)")
_BODY_LEVEL = re.compile(r"(?:全|我)(省|区|市|州|盟|县|旗)(?![长委级直属])")
LEVELS_OF = {"省": ("province",), "自治区": ("province",), "区": ("county", "province"), "市": ("city", "county"),
             "州": ("city",), "盟": ("city",), "县": ("county",), "旗": ("county",)}
_SUFFIX_OF = {"自治区": "区"}
# 在南通市委、市政府和海安市委的正确领导下: the last committee named before 领导 is the report's own
_LEAD = re.compile(r"在[^。；]{0,60}?的(?:正确|坚强|有力)?领导下")
_CJK = re.compile(r"[\u4e00-\u9fa5]")


def level_char(text: str) -> str | None:
    """The level word the report speaks at: the heading's first, else the body's most frequent."""
    head = re.sub(r"[ \t\u3000\r\n]+", "", text[:400])
    for p in _HEAD_LEVEL:
        m = p.search(head)
        if m:
            return m.group("c")
    whole = Counter(_BODY_LEVEL.findall(text))
    return whole.most_common(1)[0][0] if whole else None


def _common_word(unit: Unit) -> bool:
    """A county's two-character short form that jieba's dictionary knows as a frequent word (惠民,
    共和, 通道); a city's or a province's (宜昌, 芜湖) is frequent because it is a place."""
    return (len(unit.short) == 2 and unit.level == "county"
            and dictionary_freq().get(unit.short, 0) >= 100)


def _short_count(text: str, short: str) -> int:
    """Mentions of a two-character short form where jieba cuts it as a word of its own or the start of
    one (闻喜 in 闻喜县), not inside one (乐业 in 安居乐业)."""
    if len(short) > 2:
        return text.count(short)
    tok = dictionary_tokenizer()
    n = 0
    for m in re.finditer(short, text):
        lo = max(0, m.start() - 6)
        pos = lo
        for word in tok.cut(text[lo:m.end() + 6], HMM=False):
            if pos == m.start() and word.startswith(short):
                n += 1
                break
            if pos > m.start():
                break
            pos += len(word)
    return n


def _count(text: str, name: str) -> int:
    """Mentions of a full name; a two-character one (和县, 城区) only where no word runs into it."""
    if len(name) >= 3:
        return text.count(name)
    return sum(1 for m in re.finditer(re.escape(name), text)
               if m.start() == 0 or not _CJK.match(text[m.start() - 1]))


def _own_mentions(g: Gazetteer, text: str, codes: list[str]) -> dict[str, float]:
    """Mentions of each division: a full name counts 2, a short form 1 unless it is a common word
    (惠民 in 惠民工程, 共和 in 共和国); 全州 is the whole prefecture, never 全州县."""
    counts: dict[str, float] = {}
    for code in codes:
        u = g.units[code]
        n = 2.0 * _count(text, u.name) if u.name not in AMBIGUOUS_SHORT else 0.0
        if (u.short != u.name and len(u.short) >= 2 and u.short not in AMBIGUOUS_SHORT
                and not _BODY_LEVEL.fullmatch(u.short) and len(g.by_name.get(u.short, [])) == 1
                and not _common_word(u)):
            n += _short_count(text, u.short) - text.count(u.name)
        if n:
            counts[code] = n
    return counts


def _parts_named(g: Gazetteer, text: str, level: str) -> Counter[str]:
    """How many distinct parts of each division the text names in full (towns → county, counties → city)."""
    votes: Counter[str] = Counter()
    if level == "county":
        for name, counties in g.towns_by_name().items():
            if len(name) >= 3 and len(counties) <= 2 and name in text:
                for c in counties:
                    votes[c] += 1
        return votes
    for u in g.units.values():
        if u.parent and len(u.name) >= 3 and u.name not in AMBIGUOUS_SHORT and u.name in text:
            votes[u.parent] += 1
    return votes


def guess_home(text: str) -> str | None:
    """The old count rule where it answers, else the weighed evidence."""
    return by_counts(text) or by_evidence(text)


def by_counts(text: str) -> str | None:
    """The division of the level the body calls 全县/全市 that its committee (海安市委的领导下) or its
    name most often points to: sure when it answers, silent when the name is rare."""
    whole = Counter(m.group(1) for m in _WHOLE.finditer(text))
    if not whole:
        return None
    char = whole.most_common(1)[0][0]
    levels = LEVELS_OF[char]
    g = gazetteer()
    counts: Counter[str] = Counter()
    for u in g.units.values():  # full names only: 公安 (in 公安局) is not 公安县
        if u.level in levels and u.name.endswith(char) and u.name not in AMBIGUOUS_SHORT and u.name in text:
            counts[u.code] += _count(text, u.name)
    # a report names the units above it (在南通市委…领导下) but is not about them: drop ancestors
    above = {a.code for c in counts for a in g.chain(c)[1:]}
    counts = Counter({c: n for c, n in counts.items() if c not in above and n})
    named = _committee(g, text, counts)
    if named:
        return named
    if counts:
        code, n = counts.most_common(1)[0]
        if n >= 3:
            return code
    # 全州 and 黔西南 six times: a short name may stand for the report's own place
    short: Counter[str] = Counter()
    for u in g.units.values():
        if u.level in levels and u.short != u.name and len(u.short) >= 2 and len(g.by_name.get(u.short, [])) == 1:
            n = text.count(u.short)
            if n >= (3 if len(u.short) == 2 else 2):
                short[u.code] = n
    if len(short) >= 1:
        (code, n), *rest = short.most_common(2)
        if not rest or rest[0][1] * 2 <= n:
            return code
    return None


def _committee(g: Gazetteer, text: str, candidates: Iterable[str]) -> str | None:
    """The division whose committee leads the report (the last named before 领导下)."""
    for phrase in (m.group(0) for m in _LEAD.finditer(text[:3000])):
        named = [(phrase.rfind(g.units[c].name + "委"), c) for c in candidates if g.units[c].name + "委" in phrase]
        if named:
            return max(named)[1]
    return None


def by_evidence(text: str) -> str | None:
    """For the rest (a name said once or twice, an opening of a report): weigh the heading's level,
    the division's mentions and how many of its parts are named."""
    char = level_char(text)
    if char is None:
        return None
    g = gazetteer()
    suffix = _SUFFIX_OF.get(char, char)
    levels = LEVELS_OF[char]
    pool = [c for c, u in g.units.items() if u.level in levels and u.name.endswith(suffix)]
    own = _own_mentions(g, text, pool)
    named = _committee(g, text, own)
    if named:
        return named
    parts: Counter[str] = Counter()
    for level in levels:
        parts.update(_parts_named(g, text, level))
    score = {c: own.get(c, 0.0) + parts[c] for c in pool if c in own or parts[c]}
    # a report names the units above it (呼伦贝尔市 in a report of 额尔古纳市) but is not about them,
    # unless it names more of their parts than of its own (a city report naming a county-level city):
    # of the two, one is the report's
    drop = set()
    for code in score:
        for above in g.chain(code)[1:]:
            if above.code in score:
                drop.add(above.code if parts[above.code] <= parts[code] else code)
    score = {c: n for c, n in score.items() if c not in drop}
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    code, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return code if n >= 2 and n >= 2 * second else None
