"""Figures written as lists, read before the one-name-one-number rule of kg.extract.indicators.

Reports pack several figures into one phrase, and reading them one name at a time gives the wrong
number to a name (大口径财政收入和一般公共预算收入1.9亿元、1.2亿元: the budget revenue is 1.2):

- a pair of incomes under one name: 城乡居民人均可支配收入分别达到30730元、10611元，分别增长5.5%和8%,
  城镇、农村居民人均可支配收入分别增长5.5%和8.6% (rates only);
- names and values in the same order: A和B分别为x亿元、y亿元 (names outside the lexicon keep their
  place in the order and give nothing);
- rates only: 一般公共预算收入、固定资产投资分别增长8%、10%.
Each reader marks what it read in ``done`` so the per-name rule leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.figure_years import _late, alt, clause_start, in_era, planned, sentence_start, year_at
from kg.extract.indicators import (
    _NOTE,
    GAP,
    NUM,
    PCT,
    _rx,
    _sign,
    lexicon,
    num,
)
from kg.model import Extraction, Observation

_SEP = "[、和及与]"
_SEP_CHARS = ("、", "和", "及", "与")
_INCOME = ("城镇常住居民人均可支配收入", "农村常住居民人均可支配收入")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    rise, fall = alt("rise"), alt("fall")
    rate = rf"(?<!年均)(?<!年均分别)(?:同比|比上年|分别)*(?P<dir>{rise}|{fall}){NUM}{PCT}[、和及与，,]{NUM}{PCT}"
    money = rf"{NUM}{GAP}(元|万元)[、和及与，,]{NUM}{GAP}(元|万元)"
    return {
        # 城乡/城、乡/城镇和农村(牧区)/城镇居民和农村居民/城镇居民、农(牧)民/城镇、农牧区 + (常住)(居民)人均可支配收入
        "pair": re.compile(_breakable(rf"(?:城镇(?:常住)?(?:居民)?{_SEP}(?:农村(?:牧区)?|农牧区|农牧民|农民)|(?P<rural>(?:农村(?:牧区)?|农牧区)(?:常住)?(?:居民)?{_SEP})城镇|城[、和]?乡)(?:常住)?(?:居民)?(?:人均可支配|人均|可支配)?收入")),
        "pair_level": re.compile(rf"^{_NOTE}[^。；;\d]{{0,10}}?{money}"),  # （预计数，下同）分别达到…
        # 分别由2.1万元、1.1万元增加到3.3万元、1.6万元: the second pair
        "pair_from_to": re.compile(rf"^[^。；;\d]{{0,10}}?(?:由|从)[^。；;，,\d]{{0,8}}?{NUM}{GAP}(?:元|万元)[、和及与]{NUM}{GAP}(?:元|万元)"
                                   rf"[^。；;，,\d]{{0,8}}?(?:到|至)(?:\d{{4}}年的?)?{money}"),
        # 居民人均可支配收入…元，其中城镇居民49997元、农村居民24987元 (or 居民人均可支配收入(：)城镇…): the short names
        "short": re.compile(rf"(?:(?<=其中)|(?<=收入：)|(?<=收入:)|(?<=可支配收入))[，,]?(城镇|农村)(?:牧区)?(?:常住)?(?:居民)?(?:为|达到|达|是)?{NUM}{GAP}(元|万元)"
                            rf"(?:[，,]?(?:增长|提高){NUM}{PCT})?"
                            rf"[、，,；;和]?(城镇|农村)(?:牧区)?(?:常住)?(?:居民)?(?:为|达到|达|是)?{NUM}{GAP}(元|万元)"
                            rf"(?:[，,]?(?:增长|提高){NUM}{PCT})?"),
        # 城镇居民人均可支配收入36800元，增长6%，农村居民15200元，增长9%: the other income named short
        "short_after": re.compile(rf"[，,、；;和]?(城镇|城市|农村|农民)(?:牧区)?(?:常住)?(?:居民)?(?:人均)?(?:为|达到|达|是)?"
                                  rf"{NUM}{GAP}(元|万元)(?:[，,、]?(?:同比|比上年)?(?P<dir>{rise}|{fall}){NUM}{PCT})?"),
        "pair_after_change": re.compile(rf"[，,](?:分别)?(?:达到|达|为|增至|增加到|提高到){money}"),
        "pair_rate": re.compile(rf"^{_NOTE}[^。；;\d]{{0,12}}?{rate}"),
        "values": re.compile(rf"{NUM}{GAP}(万亿元|亿元|万元|元)(?:{_SEP}{NUM}{GAP}(?:万亿元|亿元|万元|元))+"),
        "one_value": re.compile(rf"{NUM}{GAP}(万亿元|亿元|万元|元)"),
        "levels_after": re.compile(rf"[，,](?:分别)?(?:达到|达|为|完成|实现)(?:了)?"
                                   rf"{NUM}{GAP}(?:万亿元|亿元|万元|元)(?:{_SEP}{NUM}{GAP}(?:万亿元|亿元|万元|元))+"),
        "list_rates": re.compile(rf"^[，,]?(?:同比|比上年|分别|实际)*(?P<dir>{rise}|{fall})"
                                 rf"(?P<nums>{NUM}{PCT}(?:{_SEP}{NUM}{PCT})+)"),
        # A、B双超500亿元 / 均突破…: one value shared by every name of the list
        "shared": re.compile(rf"(?:双双|均|都|双)(?:超过|超|突破|达到|过){NUM}{GAP}(万亿元|亿元|万元|元)"),
        "verbs": re.compile(rf"(?:{alt('list_verb')})+$"),
        # …分别增长8%、10% / …增速分别为8%、10% (rises)
        "rate_list": re.compile(rf"(?:分别|实际|同比|比上年)*(?:(?P<dir>{rise}|{fall})|(?:{alt('rates_back_word')})分别(?:为|是|达到?)?)"
                                rf"(?P<nums>{NUM}{PCT}(?:{_SEP}{NUM}{PCT})+)"),
        # x亿元，…y亿元，分别增长a%、b%: rates that go back to the values before them
        # …，扣除价格因素，分别实际增长7.7%和6.8%: an aside may stand between; 分别 may be left out
        "rates_back": re.compile(rf"{NUM}{GAP}(?:万亿元|亿元|万元|元)(?:[，,][^，,。；;\d%％]{{1,12}}?)?[，,；;]?"
                                 rf"(?:(?:同比|比上年|实际)*(?:分别)?(?:同比|比上年|实际)*"
                                 rf"(?P<dir>{rise}|{fall})|(?:{alt('rates_back_word')})分别(?:为|是|达到?)?)"
                                 rf"(?P<nums>{NUM}{PCT}(?:{_SEP}{NUM}{PCT})+)"),
    }


def _breakable(pattern: str) -> str:
    """A pattern whose runs of Chinese words may be broken by a PDF line break or a space
    (城乡居民人均可支配收⏎入): ``\\s?`` between two Chinese characters outside a character class."""
    out, in_class = [], False
    for i, c in enumerate(pattern):
        out.append(c)
        if c == "[" and (i == 0 or pattern[i - 1] != "\\"):
            in_class = True
        elif c == "]" and in_class and pattern[i - 1] != "\\":
            in_class = False
        elif not in_class and _cjk(c) and i + 1 < len(pattern) and _cjk(pattern[i + 1]):
            out.append(r"\s?")
    return "".join(out)


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _planned(ex: Extraction, pos: int) -> bool:
    text = ex.doc.clean
    return planned(text[clause_start(text, pos) : pos], _late(ex.doc.meta))


def pairs(ex: Extraction, area: str | None, done: set[int]) -> None:
    """Urban and rural income under one name: two levels (and two rates), or two rates."""
    text, P = ex.doc.clean, _patterns()
    for m in P["pair"].finditer(text):
        if m.start() in done or _planned(ex, m.start()):
            continue
        if text[m.start() - 1 : m.start()] in _SEP_CHARS or text[m.end() : m.end() + 1] in _SEP_CHARS:
            continue  # one item of a longer list of names (地区生产总值、城乡居民人均可支配收入分别…): listed's
        after = text[m.end() : m.end() + 80]
        lv = P["pair_from_to"].match(after) or P["pair_level"].match(after)
        end, values = m.end(), [(None, "%"), (None, "%")]
        if lv and _rx()["delta"].search(lv.group(0)[: lv.start(lv.lastindex - 3)]):
            # 分别增加2000元和1200元，达到35000元和16000元: the levels after the changes
            la = P["pair_after_change"].match(after, lv.end())
            lv = la if la else None
            if not lv:
                continue
        if lv:
            k = lv.lastindex - 4  # the last two values (of 由A、B增加到C、D: C and D)
            values = [(num(lv.group(k + 1)), lv.group(k + 2)), (num(lv.group(k + 3)), lv.group(k + 4))]
            end += lv.end()
        rt = P["pair_rate"].match(text[end : end + 40])
        rates = [None, None]
        if rt:
            sign = _sign(rt.group("dir"))
            rates = [num(rt.group(2)) * sign, num(rt.group(3)) * sign]
            end += rt.end()
            late_lv = None if lv else P["pair_level"].match(text[end : end + 30])  # …增长8.5%、9.2%，达到32000元、15000元
            if late_lv:
                values = [(num(late_lv.group(1)), late_lv.group(2)), (num(late_lv.group(3)), late_lv.group(4))]
                end += late_lv.end()
        if not lv and not rt:
            continue
        year = year_at(ex, m.start())
        names = _INCOME[::-1] if m.group("rural") else _INCOME  # 农村和城镇居民…分别为15200元和36800元
        for name, (v, u), g in zip(names, values, rates, strict=True):
            ex.observations.append(Observation(name, v, u, year, m.start(), end, g, area))
        done.update(range(m.start(), end))
    for m in P["short"].finditer(text):
        if m.start() in done or m.group(1) == m.group(5) or _planned(ex, m.start()):
            continue
        lead = text[sentence_start(text, m.start()) : m.start()]
        if not lead[lead.rfind("人均") :].startswith("人均可支配收入"):
            continue  # 其中城镇居民…元 after another figure (人均消费支出) is not income
        year = year_at(ex, m.start())
        if text[m.start() - 1] in "：:入":  # 居民人均可支配收入(：)城镇…元，农村…元: the long name gives no figure of its own
            done.update(range(max(text.rfind(c, 0, m.start()) for c in "，,；;。\n") + 1, m.start()))
        for i in (1, 5):
            name = _INCOME[0] if m.group(i) == "城镇" else _INCOME[1]
            g = num(m.group(i + 3)) if m.group(i + 3) else None
            ex.observations.append(Observation(name, num(m.group(i + 1)), m.group(i + 2), year, m.start(), m.end(),
                                               g, area))
        done.update(range(m.start(), m.end()))


def _lists(ex: Extraction, key: str, done: set[int]) -> Iterator[tuple[re.Match, int, int, str]]:
    """Matches of the pattern ``key`` not read yet and not in a plan, each with the names before it
    (clause start, names start, names): the head of every reader of lists of names and values."""
    text = ex.doc.clean
    for m in _patterns()[key].finditer(text):
        if m.start() in done or _planned(ex, m.start()):
            continue
        yield (m, *_names_before(text, m.start()))


# what a sentence says of a whole list of names before 分别 gives their values: 均实现较快增长, 实现“双增长”
_PREDICATE = re.compile(r"(?:均|都|双双|同步|同时)?(?:实现|保持|继续|持续)[^\d，,。；;]{0,12}$")


def _without_predicate(names: str) -> str:
    """The names, without what is said of them all when a lexicon name ends right before it."""
    p = _PREDICATE.search(names)
    if p and any(m.end() == p.start() for m in lexicon()[0].finditer(names, 0, p.start())):
        return names[: p.start()]
    return names


def _names_before(text: str, pos: int) -> tuple[int, int, str]:
    """The clause's start, and where the list of names before ``pos`` starts (after the clause's last
    comma or colon), with that list."""
    cs = clause_start(text, pos)
    head = text[cs:pos]
    cut = max(head.rfind(c) for c in "，,：:；;。\n") + 1
    if cut and re.fullmatch(rf"(?:\d{{4}}年)?(?:{alt('list_verb')})*", head[cut:]):
        # 农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到…: the names before the comma
        last = cut - 1
        cut = max(head.rfind(c, 0, last) for c in "，,：:；;。\n") + 1
        names = head[cut:last]
        names = _without_predicate(names)  # 地区生产总值、一般公共预算收入实现“双增长”，分别达到…
        return cs, cs + cut, names + re.sub(r"^[，,](?:\d{4}年)?", "", head[last:])
    return cs, cs + cut, head[cut:]


_Entry = tuple[str, str, tuple[str, ...]] | None
_PAIR_MARK = {False: "\x01", True: "\x02"}  # a pair of incomes in a list: urban first, rural first


def _entries(head: str) -> list[_Entry] | None:
    """The figures a list of names stands for, in order: each lexicon name's (canonical, kind, units),
    None for a name outside the lexicon, and two incomes for a pair (地区生产总值、城乡居民人均可支配
    收入分别达到85.3亿元、36800元和15200元); None when a name does not end its item (完成X, not X以上企业)."""
    rx, info = lexicon()
    pair = _patterns()["pair"]
    head = pair.sub(lambda m: _PAIR_MARK[bool(m.group("rural"))], head)
    out: list[_Entry] = []
    for n in re.split(_SEP, head):
        if not n:
            return None
        if n[-1] in _PAIR_MARK.values():
            order = _INCOME[::-1] if n[-1] == _PAIR_MARK[True] else _INCOME
            out += [(name, "level", ("万元", "元")) for name in order]
            continue
        f = rx.search(n)
        if f and f.end() != len(n):
            return None
        out.append(info[f.group(0)] if f else None)
    return out


def listed(ex: Extraction, area: str | None, done: set[int]) -> None:
    """A list of names followed by as many values, in order: each lexicon name takes its value."""
    text, P = ex.doc.clean, _patterns()
    rx, info = lexicon()
    for m, cs, names_at, head in _lists(ex, "values", done):
        found = _entries(P["verbs"].sub("", head))
        vals = [(num(v.group(1)), v.group(2)) for v in P["one_value"].finditer(m.group(0))]
        if not found or len(found) != len(vals) or len(found) < 2 or not any(found):
            continue
        end = m.end()
        rates: list[float | None] = [None] * len(vals)
        rt = P["list_rates"].match(text[end : end + 60])
        if rt:
            nums = [num(x) for x in re.findall(NUM + PCT, rt.group("nums"))]
            if len(nums) == len(vals):
                rates = [n * _sign(rt.group("dir")) for n in nums]
                end += rt.end()
        period = bool(_rx()["period"].search(text[cs:m.start()]))
        year = None if period else year_at(ex, m.start())
        for f, (v, u), g in zip(found, vals, rates, strict=True):
            if not f:
                continue
            canon, kind, units = f
            if kind != "level" or u not in units:
                continue
            ex.observations.append(Observation(canon, v, u, year, names_at, end, g, area,
                                               basis="period" if period else "year"))
        done.update(range(names_at, end))


def shared(ex: Extraction, area: str | None, done: set[int]) -> None:
    """地区生产总值、工业园区产值双超500亿元: each lexicon name of the list takes the one value (a lower bound)."""
    text, P = ex.doc.clean, _patterns()
    rx, info = lexicon()
    for m, cs, names_at, head in _lists(ex, "shared", done):
        names = re.split(_SEP, P["verbs"].sub("", head))
        if len(names) < 2 or not all(names):
            continue
        found = [rx.search(n) for n in names]
        if not any(found) or any(f and f.end() != len(n) for f, n in zip(found, names, strict=True)):
            continue
        period = bool(_rx()["period"].search(text[cs : m.start()])) or in_era(text, m.start())
        year = None if period else year_at(ex, m.start())
        for f in found:
            if f and info[f.group(0)][1] == "level" and m.group(2) in info[f.group(0)][2]:
                ex.observations.append(Observation(info[f.group(0)][0], num(m.group(1)), m.group(2), year, names_at,
                                                   m.end(), None, area, basis="period" if period else "year"))
        done.update(range(names_at, m.end()))


def respectively(ex: Extraction, area: str | None, done: set[int]) -> None:
    """一般公共预算收入、规上工业增加值、固定资产投资(分别)增长8%、6%、10%: one growth figure per name, in
    order; names outside the lexicon keep their place and give nothing."""
    text, P = ex.doc.clean, _patterns()
    rx, info = lexicon()
    for m, cs, names_at, head in _lists(ex, "rate_list", done):
        period = bool(_rx()["period"].search(text[cs : m.start()])) or in_era(text, m.start())
        found = _entries(P["verbs"].sub("", head))
        nums = [num(x) for x in re.findall(NUM + PCT, m.group("nums"))]
        if not found or len(found) != len(nums) or not any(found):
            continue
        year = None if period else year_at(ex, m.start())
        end, levels = m.end(), [(None, "%")] * len(nums)
        lv = P["levels_after"].match(text, end)  # …分别增长8.5%、9.2%，达到32000元、15000元
        got = [(num(v.group(1)), v.group(2)) for v in P["one_value"].finditer(lv.group(0))] if lv else []
        if len(got) == len(nums) and not period:
            levels, end = got, lv.end()
        for f, n, (v, u) in zip(found, nums, levels, strict=True):
            if f:
                if v is not None and u not in f[2]:
                    v, u = None, "%"
                ex.observations.append(Observation(f[0], v, u, year, names_at, end,
                                                   n * (_sign(m.group("dir")) if m.group("dir") else 1), area,
                                                   basis="period" if period else "year"))
        done.update(range(names_at, end))


def short_after(ex: Extraction, first: int) -> None:
    """城镇居民人均可支配收入36800元，增长6%，农村居民15200元，增长9%: after one income read with its
    value (from ``first`` on), the other one named short."""
    text, rx = ex.doc.clean, _patterns()["short_after"]
    for o in list(ex.observations[first:]):
        if o.kind != "outcome" or o.indicator not in _INCOME or o.value is None:
            continue
        m = rx.match(text, o.end)
        other = _INCOME[1] if m and m.group(1) in ("农村", "农民") else _INCOME[0]
        if not m or other == o.indicator:
            continue
        g = num(m.group(5)) * _sign(m.group("dir")) if m.group("dir") else None
        ex.observations.append(Observation(other, num(m.group(2)), m.group(3), o.year, m.start(), m.end(), g,
                                           o.area, basis=o.basis))


def rates_back(ex: Extraction, first: int) -> None:
    """城镇居民人均可支配收入35000元，农村居民人均可支配收入16000元，分别增长5.1%和7.2%: the rates
    go back, in order, to the last values of the clause (figures read from ``first`` on); a value no
    headline figure holds keeps its rate (全部财政收入15亿元，一般公共预算收入9亿元，分别增长10%、12%)."""
    text, P = ex.doc.clean, _patterns()
    obs = [o for o in ex.observations[first:] if o.kind == "outcome" and o.value is not None]
    for m in P["rates_back"].finditer(text):
        if lexicon()[0].search(m.group(0)):
            continue  # another figure's name in between
        if re.search(alt("period_sum"), m.group(0)):
            continue  # …达到44260元，年均分别增长9.2%和13.5%: averages over the years, no year's rates
        sign = _sign(m.group("dir")) if m.group("dir") else 1  # 增速分别为6%、8%: rises
        rates = [num(x) * sign for x in re.findall(NUM + PCT, m.group("nums"))]
        cs = clause_start(text, m.start())
        values = [v.start() for v in P["one_value"].finditer(text, cs, m.end()) if v.start() <= m.start()]
        if len(values) < len(rates):
            continue
        held = [[o for o in obs if o.start <= v < o.end] for v in values[-len(rates):]]
        got = [h[0] for h in held if len(h) == 1]
        if any(len(h) > 1 for h in held) or any(o.growth_pct is not None for o in got):
            continue  # a pair already read with its own rates, or figures that have theirs
        for h, r in zip(held, rates, strict=True):
            if h and h[0].basis == "year":
                h[0].growth_pct = r
