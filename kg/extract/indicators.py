"""Headline figures (地区生产总值, 一般公共预算收入, 城镇新增就业, …): outcomes and targets.

An outcome is what a past year achieved: value and unit, growth rate, or both. Targets (预期目标)
are read first by kg.extract.targets and their sentences are then closed to outcomes, so a target
never counts as a result; plans (今年拟安排…, 力争…) and placeholders (x亿元) are not figures either.
Five-year totals and averages (累计, 年均, 五年来…) are kept apart (``basis="period"``, no year).
由A增加到B gives B. The year is the one the passage reviews: the nearest year named before the
figure in its paragraph, else the report's reviewed year (the year before the session, or the
session's own year for a report given in November or December).
Indicator names, kinds and units are in kg/lexicons/indicators.tsv; cue words in figures.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.figure_years import (
    _CN_NUM,
    _VERSUS,
    _YEAR,
    _YEAR_AFTER,
    _cn_value_rx,
    _late,
    _over_years,
    alt,
    clause_start,
    cn_num,
    cn_value,
    cues,
    in_era,
    plan_sections,
    planned,
    real_rate_rx,
    review_meta,
    reviewed_year,
    round_value,
    sentence_start,
    since_earlier,
    year_at,
    year_of,
)
from kg.extract.text import load_tsv
from kg.model import Extraction, Observation

# A number: 1,234.5 (ASCII thousands; 33，212万吨 with a full-width comma before a unit, 1980), 122.05, １２２．０５, or 122. 05 / 122.⏎05 as PDFs break them; read with num().
# 19·5 (a middle dot for the point, 1999) too.
# 7 4 7 7 2 亿元, 5 ．4 ％: digits spaced one by one (a 1998 report, PDF tables)
NUM = r"(\d{1,3}(?:[,，]\d{3}(?!\d))+(?:[.．·]\d+)?(?=[ 万亿元吨斤公%％多余])|\d(?: \d){1,7}(?: ?[.．·] ?\d(?: \d)*)?(?= ?[亿万元%％年])|\d+(?:[.．·][ \t\u3000\n]?\d+)?)"
# a number and its unit may be split by a line break (2017: 74.4⏎万亿元); 67700多亿元, 3.5亿余元: a lower bound
GAP = r"(?:多|余)?[\s\u200b-\u200d\ufeff]*"
PCT = GAP + r"[%％]"
_PRE = r"(?:[^，,。；;、\d]|\d{4}年)"  # words between a name and its number; a year may stand there
_NOTE = r"(?:[（(](?:[^（）()。；;\d]|\d{4}年){1,20}[）)])?"  # （预计数，下同） after a name


def num(s: str) -> float:
    """A number as NUM matched it: thousands commas and a break after the point dropped."""
    return float(re.sub(r"[,，\s]", "", s).replace("．", ".").replace("·", "."))


@lru_cache(maxsize=1)
def lexicon() -> tuple[re.Pattern, dict[str, tuple[str, str, tuple[str, ...]]]]:
    """One pattern for every surface form, and form → (canonical, kind, units longest first)."""
    info: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for row in load_tsv("indicators.tsv"):
        kind = row[2] if len(row) > 2 else "level"
        units = tuple(sorted((row[3] if len(row) > 3 else "亿元|万元|元").split("|"), key=len, reverse=True))
        for form in row[1].split("|"):
            info[form] = (row[0], kind, units)
    forms = sorted(info, key=len, reverse=True)
    # a PDF line break or a space may fall inside a name (地区生产总⏎值): matched, and looked up without it
    return re.compile("|".join(r"\s?".join(map(re.escape, f)) for f in forms)), _Forms(info)


class _Forms(dict):
    """Surface form → indicator info; a form matched across a line break is looked up without it."""

    def __missing__(self, key: str) -> tuple[str, str, tuple[str, ...]]:
        bare = re.sub(r"\s", "", key)
        if bare == key:
            raise KeyError(key)
        return self[bare]


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern]:
    rise, fall, rate = alt("rise"), alt("fall"), alt("rate_word")
    yof = r"(?:\d{4}年(?:的|末|底)?)?"  # 从2016年的695.7亿元增加到2021年的1144.2亿元
    # 由上年的A, 由“十二五”末的A: a base named in words, as a year is
    base = rf"(?:{yof}|[^。；;，,\d]{{1,8}}?(?:的|末|底))?"
    n = "(?:" + NUM[1:]  # NUM, not captured
    # …增收0.3亿元，增长8% / …为预算的105%，增长8%: a change in money or a share between a level and its rate
    amount = (rf"(?:(?:{alt('amount_change')}){n}{GAP}(?:万亿元|亿元|万元|元)"
              rf"|(?:为|占|完成|达到)[^，,。；;\d%％]{{0,8}}?{n}{PCT})[，,]")
    return {
        "period": re.compile(alt("period")),
        "era": re.compile(alt("period_paragraph")),
        "from_to": re.compile(rf"^[，,]?[^。；;，,]{{0,10}}?(?:由|从|在){base}(?:不到|超过|近|约)?{NUM}{GAP}(?P<u1>[^\d\s，,。；;]{{1,3}}?)"
                              rf"(?:的基础上)?[^。；;，,\d]{{0,8}}?(?:增加|增长|提高|扩大|上升|跃升|突破|达)?(?:到|至){yof}"
                              rf"(?:超过|近|约)?{NUM}{GAP}"),
        # a clause between a name and its level that states a milestone in words (突破百亿元大关，达到122亿元)
        "milestone": re.compile(r"^(?:[^。；;，,\d%％]|\d{4}年){1,14}?[，,](?=[^。；;，,]{0,10}?(?:由|从)|(?:去年|全年|当年)?(?:总量|规模)?(?:首次)?"
                                rf"(?:{alt('level_reached')}|达|为|增至|完成|实现))"),
        # 粮食总产量在上年大幅度增长的基础上，又增产291亿斤，达到9680亿斤: an aside and a change, then the level
        "aside_change": re.compile(rf"^(?:[^。；;，,\d%％]{{0,16}}[，,])?(?:又|再|比上年|同比)?(?:{alt('amount_change')}|增产)"
                                   rf"{n}{GAP}[^，,。；;\d%％]{{1,3}}[，,](?=(?:{alt('level_reached')}|达))"),
        # a round level passed, in words: 突破百亿元, 迈上千亿元台阶, 跨越两百亿元, 迈入万亿元俱乐部
        "round": re.compile(r"^[^，,。；;、\d%％]{0,6}?(?:突破|迈上|跨上|跨越|超过|站上|迈入|跨入|达到)"
                            r"(?:(?P<n>[一二两三四五六七八九]?[十百千])|(?P<w>万))亿元?(?![\u4e00-\u9fa5]{0,2}[\d零])(?!(?:大关|台阶|关口)?的)"),
        "passed": re.compile(r"(?:突破|超过|跨越|迈上|跨上|站上|越过)[^，,。；;\d]{0,4}$"),
        "sum": re.compile(alt("period_sum")),
        "other": re.compile(alt("not_headline_before") + "$"),
        "scope": re.compile(r"全([国省市区州盟])(?:实现|完成|的)?$"),
        "change": re.compile(rf"^{_PRE}{{0,8}}?(?P<dir>{rise}|{fall}|涨幅)(?:了|为|达)?{NUM}{PCT}"),
        "growth": re.compile(rf"^(?:[^。；;\d]|\d{{4}}年|{amount}){{0,12}}?(?P<avg>年均|平均每年|每年平均|年平均)?(?:比上年|同比|实际)?(?P<dir>{rise}|{fall}|{rate})(?:了|为|达到|达)?[ \t]*(?P<neg>[-－])?(?:{NUM}{PCT}|百分之(?P<cn>{_CN_NUM}))"),
        "rate": re.compile(rf"^{_PRE}{{0,12}}?{NUM}{PCT}"),
        "fall": re.compile(fall),
        "delta": re.compile(rf"(?:{rise}|{fall}|{alt('amount_change')})(?!到|至)"),  # 增收0.3亿元，达到…: a change
        "standard": re.compile(r"^(?:[（(][^）)]{0,20}[）)])?[^。；;，,\d]{0,14}标准"),
        "reached": re.compile(rf"(?:{alt('level_reached')})$"),
        "base_after": re.compile(rf"^(?:大关|关口)?(?:{alt('base_after')})"),
    }


# after a level passed: 大关, 台阶, or more levels passed (跨越80亿元、85亿元两个台阶，达到85.3亿元)
_MARK = re.compile(r"(?:[、和]\d+(?:\.\d+)?(?:万亿元|亿元|万元|元))*(?:[两二三四五六七八九十]个)?(?:大关|关口|新?台阶)?")
_BASE_YEAR = re.compile(r"(?:比|较|同)(\d{4})年")  # the year a figure is compared with


def _unit_alt(units: tuple[str, ...]) -> str:
    """The units, longest first, each allowed a PDF line break inside (亿⏎元), and 亿元 written 亿 at
    the end of a clause (地区生产总值122亿，增长6%; not 122亿美元); read back with _bare."""
    forms = [r"\s?".join(map(re.escape, u)) for u in units]
    bare = [re.escape(u[:-1]) + r"(?=[，,。；;、）)\s]|$)" for u in units if u.endswith("亿元")]
    return "|".join(forms + bare)


def _bare(unit: str) -> str:
    unit = re.sub(r"\s", "", unit)
    return unit + "元" if unit.endswith("亿") else unit


def _value(unit_alt: str) -> re.Pattern:
    """Up to 20 words between a name and its value, none naming another figure (其中…增加值, 占…比重),
    after a bracketed note that may hold a comma (地区生产总值（预计数，下同）完成…)."""
    block = alt("not_between")
    return re.compile(rf"^{_NOTE}(?:(?!{block}){_PRE}){{0,20}}?{NUM}{GAP}({unit_alt})")


@lru_cache(maxsize=64)
def _level_after(units: tuple[str, ...]) -> re.Pattern:
    """A level given after the rate: 国内生产总值增长6.6%，总量突破90万亿元; 增长6.5%以上，达到85.3亿元."""
    verbs = alt("level_reached")
    return re.compile(rf"^(?:左右|以上)?[，,、]?(?:去年|全年|当年|\d{{4}}年)?(?:经济)?(?:总量|总额|规模)?(?:首次)?(?:{verbs}|达|为|完成|实现){NUM}{GAP}"
                      rf"({_unit_alt(units)})")


@lru_cache(maxsize=64)
def _value_before(units: tuple[str, ...]) -> re.Pattern:
    """A level written before the name it measures: 全年实现122亿元地区生产总值, 完成150亿元的固定资产投资."""
    return re.compile(rf"(?:{alt('value_first_verb')})(?:了)?{NUM}{GAP}({_unit_alt(units)})(?:的)?$")


@lru_cache(maxsize=64)
def _value_rx(units: tuple[str, ...]) -> re.Pattern:
    return _value(_unit_alt(units))


@lru_cache(maxsize=1)
def _R_OTHER_RATE() -> re.Pattern:
    """Words just before a rate that make it another measure's (亩产, 增加值, 比重…)."""
    return re.compile(f"{alt('not_between')}|{alt('other_rate')}")


def _sign(direction: str) -> int:
    """-1 for a fall word (下降, 降 before a number: the lookahead is read as if a digit followed)."""
    m = _rx()["fall"].match(direction + "1")
    return -1 if m and m.end() == len(direction) else 1


# a scope word before a figure and the place suffixes whose reports mean themselves by it
_OWN_SCOPE = {"国": (), "省": ("省",), "市": ("市",), "区": ("区",), "州": ("州",), "盟": ("盟",)}


def _elsewhere(before: str, place: str | None) -> bool:
    """Whether 全市/全省/全国… before a figure names another place than the report's: a county's
    report quoting its city's 全市地区生产总值 (a city's or a 县级市's report means itself by 全市;
    an autonomous region's 全区 is not a 旗's)."""
    m = _rx()["scope"].search(before)
    if not m or not place:
        return bool(m) and m.group(1) == "国"
    return not place.endswith(_OWN_SCOPE[m.group(1)])


def _basis(ex: Extraction, pre: str, before: str, era: bool, canon: str, period: bool) -> tuple | None:
    """(period, end year) of a level whose name and verb are ``pre``, or None for a plan."""
    R = _rx()
    if planned(pre, _late(ex.doc.meta)) or re.search("将(?!近)", pre):
        return None  # 2015年国内生产总值将超过55万亿元
    if R["sum"].search(pre) or R["period"].search(pre):  # 固定资产投资五年累计完成…, 粮食产量连年稳定在…
        return True, None
    if era and not R["sum"].search(re.split("[，,]", before)[-1]) and canon not in cues()["summed_over_period"]:
        # 五年来…收入达到43.8亿元, 过去五年，地区生产总值122亿元，年均增长7%: a level (not a sum) is the last year's
        return False, reviewed_year(ex.doc.meta)
    return period, None


def _level(ex: Extraction, pos: int, units: tuple[str, ...], before: str, era: bool, canon: str) -> tuple | None:
    """A level indicator named just before ``pos``: (由A到B match, value, unit, growth, end, period,
    end year, a period average read with a level) or None. 由A增加到B gives B; 突破百亿元大关，达到122亿元
    and 突破120亿元大关，达到122亿元 give 122; in a five-year paragraph a level reached is the last
    year's unless summed (累计, 共) or the indicator is a sum over the years (固定资产投资)."""
    text, R, rx = ex.doc.clean, _rx(), lexicon()[0]
    after = text[pos : pos + 80]
    period, end_year = bool(R["period"].search(before)) or era or since_earlier(before, ex.doc.meta), None
    era = era or bool(R["era"].search(before))  # 五年来，…达到: that sentence too
    ft, vm, skip = R["from_to"].match(after), None, 0
    if not ft:
        vm = _value_rx(units).match(after)
        ms = None if vm else (R["milestone"].match(after) or R["aside_change"].match(after))
        if ms and not rx.search(ms.group(0)):
            skip = ms.end()
            ft = R["from_to"].match(after[skip:])
            vm = None if ft else _level_after(units).match(after[skip:])
    if ft:  # 由A增加到B: B
        um = re.match(GAP + "(" + _unit_alt(units) + ")", after[skip + ft.end():])
        if not um:
            return None
        by = re.search(r"(?:到|至)(\d{4})年", ft.group(0))  # B is the level at the end of the period
        return ft, num(ft.group(3)), _bare(um.group(1)), None, pos + skip + ft.end() + um.end(), False, \
            int(by.group(1)) if by else None, None
    value = growth = extra = None
    unit, end = "%", pos
    vb = None if (vm or ft) else _value_before(units).search(before)
    if vb:  # 全年实现122亿元地区生产总值，同比增长6%: the level before the name, the rate after it
        value, unit = num(vb.group(1)), _bare(vb.group(2))
    cn = None if (vm or ft or vb) else R["round"].match(after)
    if cn and ("万亿元" if cn.group("w") else "亿元") in units:  # 突破百亿元: a lower bound
        value, unit, end = round_value(cn), "万亿元" if cn.group("w") else "亿元", pos + cn.end()
    elif not (vm or ft or vb) and (cw := _cn_value_rx().match(after)) and cw.group("u") in units:
        basis = _basis(ex, after[: cw.start("v")], before, era, canon, period)  # 达到一百二十二亿元
        if basis is None:
            return None
        value, unit, end, (period, end_year) = cn_value(cw.group("v")), cw.group("u"), pos + cw.end(), basis
    if vm and R["standard"].match(after[skip + vm.end():]):  # 将农民人均纯收入2300元作为扶贫标准
        return None
    if vm and R["delta"].search(vm.group(0)):  # 增加321元，达到784元: the level after the change
        la = _level_after(units).match(text[pos + skip + vm.end() : pos + skip + vm.end() + 30])
        vm, skip = (la, skip + vm.end()) if la else (None, skip)
        after = text[pos : pos + skip + 80]
    if vm and not R["delta"].search(vm.group(0)):  # 粮食总产量增加109亿公斤 is a change
        value, unit, end = num(vm.group(1)), _bare(vm.group(2)), pos + skip + vm.end()
        if R["base_after"].match(text[end:]):
            return None  # 经济总量超过60万亿元的高基数上: a base compared with, not a figure
        pre = after[: skip + vm.start(1)]
        basis = _basis(ex, pre, before, era, canon, period)
        if basis is None:
            return None
        period, end_year = basis
        mark = re.match(_MARK, text[end:]).end()
        then = _level_after(units).match(text[end + mark : end + mark + 30])
        if then and R["passed"].search(pre):  # 突破120亿元大关，达到122亿元
            value, unit, end = num(then.group(1)), _bare(then.group(2)), end + mark + then.end()
    g = R["growth"].match(text[end : end + 30])
    if g and re.match(rf"[、和及与]{NUM}{PCT}", text[end + g.end() :]):
        g = None  # 分别实际增长7.7%和6.8%: a list of rates belongs to the figures before (rates_back)
    if g and planned(g.group(0)[: g.start("dir")] + g.group("dir"), _late(ex.doc.meta)):
        g = None  # 粮食产量要增长百分之十三点七: a plan
    if g and _R_OTHER_RATE().search(re.split("[，,]", g.group(0)[: g.start("dir")])[-1]):
        g = None  # 粮食产量达5.94亿斤，亩产同比增长7.7%: another measure's rate
    if g and rx.search(g.group(0)):  # 地区生产总值122亿元，一般公共预算收入增长8%: not GDP's rate
        g = None
    size = (num(g.group(4)) if g.group(4) else cn_num(g.group("cn"))) if g else 0.0
    rate = size * _sign(g.group("dir")) * (-1 if g.group("neg") else 1) if g else None
    if g and not g.group("avg") and not _over_years(before, g.group(0), ex.doc.meta):
        growth, end = rate, end + g.end()
        if re.search("现价|名义", g.group(0)[: g.start("dir")]) and (real := real_rate_rx(NUM, PCT).match(text, end)):
            growth, end = num(real.group(2)) * _sign(real.group(1)), real.end()  # 现价增长8.5%，可比增长6.5%
        la = _level_after(units).match(text[end : end + 30]) if value is None else None
        if la:
            value, unit, end = num(la.group(1)), _bare(la.group(2)), end + la.end()
    elif g and value is None:
        end += g.end()
        la = _level_after(units).match(text[end : end + 30])
        last = reviewed_year(ex.doc.meta)
        said = re.match(r"[，,、]?(\d{4})年", la.group(0)) if la else None  # 年均增长7%，2019年达到…: that year's
        if said and last is not None and int(said.group(1)) > last:
            la = None  # 年均增长7%，2025年达到150亿元: a goal, not a level reached
        # 五年来…年均增长7%，达到122亿元; an average rate is itself the span of years: 年均增长7%，2020年达到…
        if la and (era or g.group("avg")) and canon not in cues()["summed_over_period"]:
            value, unit, end, extra = num(la.group(1)), _bare(la.group(2)), end + la.end(), rate
            period, end_year = False, int(said.group(1)) if said else last
        else:
            growth, period = rate, True
    if value is None and growth is None:
        return None
    return None, value, unit if value is not None else "%", growth, end, period, end_year, extra



def outcomes(ex: Extraction, area: str | None, done: set[int]) -> None:
    """Outcome figures outside the spans in ``done`` (target sentences, lists already read)."""
    text = ex.doc.clean
    rx, info = lexicon()
    R = _rx()
    late = _late(ex.doc.meta)
    hedge, aimed = re.compile(alt("hedge_after")), set()  # sentences of the report's own (coming) year's targets
    national = ex.home == COUNTRY
    # a report's own year as its heading gives it (not read off the body): its hedged figures are targets
    dated = bool(ex.doc.meta.date) or f"{ex.doc.meta.year}年" in text[: max(0, text.find("各位代表", 0, 600)) or 100]
    past = re.compile(r"去年|过去一年|上年|" + "|".join(str(y) for y in range(1950, (reviewed_year(ex.doc.meta) or 0) + 1)))
    hedged = re.compile(alt("hedge_after"))
    for s, e in plan_sections(text):
        prev = ""
        for sent in re.finditer(r"[^。！？\n]+", text[s:e]):
            # 过去一年，我们…取得了很大成绩。国内生产总值增长10.3%…: the sentence before names the past year
            follows = bool(past.search(prev)) and not hedged.search(sent.group(0))
            if not past.search(sent.group(0)) and not follows:
                done.update(range(s + sent.start(), s + sent.end()))
            gap = text[s + sent.end() : s + sent.end() + 2]
            prev = "" if "\n" in gap else sent.group(0)
    from kg.extract.figure_lists import listed, pairs, rates_back, respectively, shared, short_after

    first = len(ex.observations)
    pairs(ex, area, done)
    listed(ex, area, done)
    respectively(ex, area, done)
    shared(ex, area, done)
    for m in rx.finditer(text):
        if m.start() in done:
            continue
        before = text[clause_start(text, m.start()) : m.start()]
        if planned(before, late):
            continue
        canon, kind, units = info[m.group(0)]
        if R["other"].search(before) or (not national and _elsewhere(before, ex.doc.meta.place)):
            continue  # 人均地区生产总值, 工业固定资产投资; 全市地区生产总值 in a county's report
        if any(before.endswith(w) for w in cues()["not_headline_for"].get(canon, ())):
            continue  # 限额以上社会消费品零售总额: a part of the total
        if canon == "地区生产总值" and national:
            canon = "国内生产总值"  # the country's GDP, however the sentence words it (经济总量)
        elif canon in ("国内生产总值", "国民生产总值") and not national:
            if text[max(0, m.start() - 2) : m.start()] == "全国":
                continue  # the country's figure quoted in a local report
            canon = "地区生产总值"  # 全县国内生产总值 (older local reports): the place's own GDP
        after = text[m.end() : m.end() + 60]
        value = growth = None
        era = in_era(text, m.start()) and not _YEAR.search(before)
        unit, end, period = "%", m.end(), bool(R["period"].search(before)) or era
        end_year = ft = None  # the year of B in 从2016年的A增加到2021年的B, or of a level an era reached
        if kind == "level":
            got = _level(ex, m.end(), units, before, era, canon)
            if got is None:
                continue
            ft, value, unit, growth, end, period, end_year, extra = got
            if extra:  # 五年来…年均增长7%，达到122亿元: the average apart, the level the last year's
                ex.observations.append(Observation(canon, None, "%", None, m.start(), end, extra, area,
                                                   basis="period"))
        elif kind == "rate":
            ft = R["from_to"].match(after)
            if ft and re.match(PCT, after[ft.end():]):  # 城镇化率从52.6%提高到58.5%: B
                value, end, period = num(ft.group(3)), m.end() + ft.end(), False
            else:
                r = R["rate"].match(after)
                if not r:
                    continue
                value, end = num(r.group(1)), m.end() + r.end()
        else:
            c = R["change"].match(after)
            if not c:
                continue
            growth, end = num(c.group(2)) * _sign(c.group("dir")), m.end() + c.end()
            period = period or "年均" in after[: c.start(2)]
        year = None if period else year_at(ex, m.start())
        named = _YEAR_AFTER.match(after)  # 社会商品零售总额，一九八一年比一九八○年增长…: the year after the name
        if year and named and (ex.doc.meta.year is None or year_of(named.group(1)) <= ex.doc.meta.year):
            year = year_of(named.group(1))
        vs = _VERSUS.search(before) if kind == "level" and ft else None
        if vs:  # 1986年同1978年相比，…由A增加到B: B is 1986's
            year = year_of(vs.group(1))
        if end_year and (ex.doc.meta.year is None or end_year <= ex.doc.meta.year):
            year = end_year
        base = _BASE_YEAR.search(text, m.end(), end + 16)
        if year and base and int(base.group(1)) >= year:
            continue  # 粮食产量34，250万吨，比1980年预计增加…: compared with a later year, so a plan's
        if year and year == ex.doc.meta.year and not late and hedge.match(text, end) and dated:
            aimed.add(sentence_start(text, m.start()))  # 2021年，…预计增长6%左右 in a report of January 2021
            continue
        ex.observations.append(Observation(canon, value, unit, year, m.start(), end, growth, area,
                                           basis="period" if period else "year"))
        done.update(range(m.start(), end))
    short_after(ex, first)
    rates_back(ex, first)
    if aimed:  # the other figures of such a sentence are targets too
        ex.observations[first:] = [o for o in ex.observations[first:] if o.year != ex.doc.meta.year
                                   or sentence_start(text, o.start) not in aimed]


@component("indicators")
def indicators(ex: Extraction) -> None:
    from kg.extract.targets import targets

    area = f"adm:{ex.home}" if ex.home else None
    done: set[int] = set()
    meta, ex.doc.meta = ex.doc.meta, review_meta(ex.doc.clean, ex.doc.meta)
    try:
        for s, e in targets(ex, area):
            done.update(range(s, e))
        outcomes(ex, area, done)
    finally:
        ex.doc.meta = meta  # the report keeps the year its heading gives
