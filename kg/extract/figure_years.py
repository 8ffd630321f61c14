"""The years figures describe, the sentences and sections around them, and the words that make a
figure a plan, for the figure readers (kg/extract/indicators.py, kg/extract/figure_lists.py,
kg/extract/targets.py).

A figure's year is the one its passage reviews: the nearest year named before it in its paragraph,
else a year opening an earlier paragraph or heading, else the report's reviewed year (the year before
the session, or the session's own for a report given in November or December). Cue words come from
kg/lexicons/figures.json (read here once, for every figure module).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from kg.model import Extraction, ReportMeta

# a year: \d also takes full-width digits (１９８５年); 二〇一九年 is read too (year_of)
_CN_YEAR = r"[一二][〇○零一二三四五六七八九]{3}"
_YEAR = re.compile(rf"(?<!\d)(\d{{4}}|{_CN_YEAR})年(?!以来|起|至|—|-|到|不变价|价格|可比价|远景)")  # 2010年不变价: a price base
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}

# A heading or paragraph that opens with the year it reviews (一、2019年工作回顾 / 2019年，是我县…的一年):
# it dates the paragraphs after it that name no year. Dates (2023年1月12日在…) and titles (…报告) are not.
_OPEN_YEAR = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])?[ \t\u3000]*"
                        rf"(\d{{4}}|{_CN_YEAR})年(?=[，,]|是|工作回顾|[^\n]{{0,8}}回顾)(?![^\n]*报告)", re.M)


# 百分之十一点八 (older reports write rates in words)
_CN_NUM = "[一二三四五六七八九十]{1,3}(?:点[〇零一二三四五六七八九]{1,3})?"


def cn_num(s: str) -> float:
    """十一点八 → 11.8, 七 → 7, 二十五 → 25: a rate written in Chinese numerals (below a hundred)."""
    whole, _, frac = s.partition("点")
    tens, _, ones = whole.rpartition("十")
    value = (int(_CN_DIGIT.get(tens, "1")) if "十" in whole else 0) * 10 + (int(_CN_DIGIT[ones]) if ones else 0)
    return float(f"{value}.{''.join(_CN_DIGIT[c] for c in frac)}" if frac else value)


_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_value(s: str) -> float:
    """一百二十二 → 122, 二十八点六 → 28.6, 一千零五十 → 1050, 两千 → 2000, 一万二千 → 12000: a level
    written in Chinese numerals (the figure readers take it with its unit: 亿元, 万元)."""
    whole, _, frac = s.partition("点")
    total = part = digit = 0
    for c in whole.replace("两", "二"):
        if c in _CN_DIGIT:
            digit = int(_CN_DIGIT[c])
        elif c in _CN_UNITS:
            part += (digit or 1) * _CN_UNITS[c]
            digit = 0
        elif c == "万":
            total, part, digit = (part + digit or 1) * 10000, 0, 0
    value = total + part + digit
    return float(f"{value}.{''.join(_CN_DIGIT[c] for c in frac)}" if frac else value)


@lru_cache(maxsize=1)
def _cn_value_rx() -> re.Pattern:
    """A level in Chinese numerals after its name: 达到一百二十二亿元, 完成二十八点六亿元 (not 突破百亿元
    alone, read as a round level, nor a milestone named in a relative clause: …亿元大关的)."""
    return re.compile(r"^[^，,。；;、\d%％]{0,6}?(?:完成|实现|达到|达|为|突破|超过|跨越|迈上|跨上|站上|增加到|增至)"
                      r"(?P<v>[一二两三四五六七八九][零〇一二两三四五六七八九十百千万]*(?:点[零〇一二三四五六七八九]+)?)"
                      r"(?P<u>万亿元|亿元|万元)(?!(?:大关|台阶|关口)?的)")


def round_value(m: re.Match) -> float:
    """百 → 100, 两百 → 200, 千 → 1000 (亿元); 万亿元 → 1 (万亿元)."""
    if m.group("w"):
        return 1.0
    n = m.group("n")
    digit = {"两": 2, "二": 2}.get(n[0]) or ("一二三四五六七八九".index(n[0]) + 1 if len(n) > 1 else 1)
    return float(digit * {"十": 10, "百": 100, "千": 1000}[n[-1]])


@lru_cache(maxsize=1)
def real_rate_rx(num: str, pct: str) -> re.Pattern:
    """The real rate after a nominal one (现价增长8.5%，可比增长6.5%; ，按可比价格计算增长6.5%): the one
    an annotator gives."""
    return re.compile(rf"[，,、]?(?:按)?可比(?:价格?)?(?:计算)?[，,]?(增长|下降){num}{pct}")


def year_of(s: str) -> int:
    """1985, １９８５ or 二〇一九 as a number."""
    return int(s) if s.isdigit() else int("".join(_CN_DIGIT[c] for c in s))


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue words of kg/lexicons/figures.json."""
    return json.loads(resources.files("kg.lexicons").joinpath("figures.json").read_text(encoding="utf-8"))


def alt(key: str) -> str:
    return "(?:" + "|".join(cues()[key]) + ")"


def reviewed_year(meta: ReportMeta) -> int | None:
    """The year a report looks back on: the one before its session, or the session's own year
    when it sits in November or December (a report of 2019-12-29 reviews 2019)."""
    if meta.date and len(meta.date) >= 7 and meta.date[5:7].isdigit():
        y, m = int(meta.date[:4]), int(meta.date[5:7])
        return y if m >= 11 else y - 1
    return meta.year - 1 if meta.year else None


# the year a report says it reviews: 一、2019年工作回顾, 2020 年及“十三五”工作回顾, 刚刚过去的2020年
_REVIEWS = re.compile(r"(?<!\d)(\d{4})\s?年(?:及|和)?[^。！？\n，,]{0,14}?工作(?:的)?回顾|(?:刚刚|刚)过去的\s?(\d{4})\s?年")


def review_meta(text: str, meta: ReportMeta) -> ReportMeta:
    """The report's metadata as the figure readers need it: a report with no session date whose title
    names the year it reviews (2019年梨树县政府工作报告 … 一、2019年工作回顾) is the next year's, so that
    2019 is the reviewed year (its 今年 the plans' year); any other report is left as it is."""
    if meta.date:
        return meta
    if meta.year and f"{meta.year}年" in text[:300] and _THIS_YEAR_REVIEWED.search(text, 0, 4000):
        return replace(meta, date=f"{meta.year}-12-01")  # 2022年某市政府工作报告 … 一、今年工作回顾: a December report
    m = _REVIEWS.search(text, 0, 6000)
    if m is None:
        pre = _PREAMBLE_YEAR.match(text)
        if pre:
            return replace(meta, year=int(pre.group(1)))
        pub = _PUBLISHED.search(text, 0, 600) if meta.year is None else None
        return replace(meta, year=int(pub.group(1))) if pub else meta
    said = int(m.group(1) or m.group(2))
    if meta.year is not None and said < meta.year:
        return meta
    return replace(meta, year=said + 1)


# a first line that names a year before 各位代表 speaks in the session's year (2021年是…开局之年。⏎各位代表：
# 过去一年，…): the report is that year's, whatever year it names most
_PREAMBLE_YEAR = re.compile(r"[ \t\u3000]*(\d{4})年是[^\n]*\n(?:[^\n]*\n){0,2}?[ \t\u3000]*各位代表")


# a web page's publishing line (发布时间：2023-01-16) dates a report that says nothing else of its year: its
# session's year, as reports are put online within days
_PUBLISHED = re.compile(r"(?:发布|发文|成文)(?:时间|日期)\s*[：:]\s*((?:19|20)\d\d)\s*[-年/.．]")


# a review of the session's own year, in a report whose heading gives only the year (2022年某市政府工作报告 or
# 2022年12月): 一、今年工作回顾, or a paragraph opening 今年以来: given in December, it reviews that year
_THIS_YEAR_REVIEWED = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]、[ \t\u3000]*今年(?:以来)?(?:的)?(?:工作)?回顾|今年以来[，,])", re.M)


def _preamble_end(text: str) -> int:
    """End of the lines before 各位代表 when the first of them names the session's year, else 0."""
    m = _PREAMBLE_YEAR.match(text)
    return m.end() if m else 0


_SINCE_YEAR = re.compile(r"(?<!\d)(\d{4})\s?年以来")


def since_earlier(before: str, meta: ReportMeta) -> bool:
    """2016年以来，…完成450亿元 in a report reviewing 2020: a span of years, not the year (2020年以来 is the
    year itself)."""
    ry = reviewed_year(meta)
    return ry is not None and any(int(y) < ry for y in _SINCE_YEAR.findall(before))


_SINCE = re.compile(r"(?:比|较|与|同|和)(\d{4})年")
_SPAN = re.compile(r"(\d{4})年(?:同|与|和|跟)(\d{4})年(?:相比|比较)")


def _over_years(before: str, growth: str, meta: ReportMeta) -> bool:
    """比2002年增长65.5% (in the figure's own clause), 2005年与2000年相比，…增长57.3%: a growth over
    several years, not the year's rate."""
    ry = reviewed_year(meta)
    if ry is None:
        return False
    own = before[max(before.rfind("，"), before.rfind(",")) + 1 :] + growth
    vs = [(int(a), int(b)) for a, b in _SPAN.findall(before)]
    return any(int(y) < ry - 1 for y in _SINCE.findall(own)) or any(a - b > 1 for a, b in vs)


def year_at(ex: Extraction, pos: int) -> int | None:
    """The nearest year named before ``pos`` in its paragraph (not after the report's), else the
    reviewed year."""
    text = ex.doc.clean
    para_start = text.rfind("\n", 0, pos) + 1
    window = text[max(para_start, pos - 400) : pos]
    found = [(year_of(y.group(1)), y.end()) for y in _YEAR.finditer(window)
             if 1949 <= year_of(y.group(1)) <= 2100 and not _compared(window, y)]
    found = [(y, e) for y, e in found if ex.doc.meta.year is None or y <= ex.doc.meta.year]
    if found:
        y, e = found[-1]
        if y == ex.doc.meta.year and re.search(alt("last_year"), window[e:]):
            return reviewed_year(ex.doc.meta)  # 2011年，是…开局之年。过去一年，…国内生产总值增长10.3%
        return y
    opened = [year_of(y) for y in _OPEN_YEAR.findall(text, max(0, para_start - 3000, _preamble_end(text)), para_start)]
    opened = [y for y in opened if 1949 <= y <= 2100 and (ex.doc.meta.year is None or y <= ex.doc.meta.year)]
    reviewed = reviewed_year(ex.doc.meta)
    if opened and reviewed and opened[-1] > reviewed and (ex.doc.meta.date or "去年" in text[para_start:pos]):
        return reviewed  # 2024年是…之年 opening the plans: a dated report's reviewed year stands
    return opened[-1] if opened else reviewed


def in_era(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in a paragraph about a five-year span (五年来, 十三五时期…) with no year
    named after the span's phrase (一、2020年和十三五时期工作回顾2020年是…: that is 2020's)."""
    para = text[max(text.rfind("\n", 0, pos) + 1, pos - 1500) : pos]
    eras = list(re.finditer(alt("period_paragraph"), para))
    return bool(eras) and not _YEAR.search(para[eras[-1].end():])


def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos``: after 。！？, or after a line break that ends a
    sentence (a break inside one, as in 劳动生⏎产率增长…, does not start a new one)."""
    stop = max(text.rfind(c, 0, pos) for c in "。！？")
    nl = text.rfind("\n", 0, pos)
    while nl > stop and nl > 0 and text[nl - 1] not in "。！？：:；;”）)" and not _HEAD_LINE.match(
            text, text.rfind("\n", 0, nl) + 1, nl):
        nl = text.rfind("\n", 0, nl)
    return max(stop, nl) + 1


# a numbered heading on a line of its own: （一）坚持稳字当头，确保经济平稳运行⏎ / 一是…⏎ ends a sentence
_HEAD_LINE = re.compile(r"[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是．.])[^。！？\n]{2,40}$")


def clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``: a sentence, or the part of one after its last ；."""
    return max(sentence_start(text, pos), max(text.rfind(c, 0, pos) for c in "；;") + 1)


_VERSUS = re.compile(rf"(\d{{4}}|{_CN_YEAR})年(?:同|与|和|跟)(?:\d{{4}}|{_CN_YEAR})年(?:相比|比较)")
_YEAR_AFTER = re.compile(rf"^[，,]?(\d{{4}}|{_CN_YEAR})年(?:比|较|达|为|实现|完成)")
_COMPARED = ("比", "较", "于", "与", "同")  # 比2015年翻一番: a year compared with, not the year described
_BASE = ("由", "从", "自", "继")  # 由2015年的60亿元增加到85.3亿元: the year a change starts from


def _compared(window: str, y: re.Match) -> bool:
    """A year named as a base or in an aside, not as the year described: 比2015年, 由2015年的60亿元
    增加到…, 是2010年的1.8倍, 在2019年高基数上, 跻身2019年度全国百强县 (so the figures after them
    keep the year the passage reviews)."""
    before = window[max(0, y.start() - 1) : y.start()]
    if before in _COMPARED or before in _BASE or (before in "是为" and window.startswith("的", y.end())):
        return True
    return bool(_aside_rx().match(window, y.end()))


@lru_cache(maxsize=1)
def _aside_rx() -> re.Pattern:
    return re.compile(alt("year_aside"))
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}、(.{2,60})$", re.M)
_REVIEW = re.compile(r"回顾|成就|总结|过去|工作情况")


def plan_sections(text: str) -> list[tuple[int, int]]:
    """Spans of the sections after a review section whose headings review nothing
    (二、2021年重点工作): figures there are plans unless a sentence names a past year."""
    heads = [(m.start(), bool(_REVIEW.search(m.group(1)))) for m in _HEADING.finditer(text)]
    if not any(r for _, r in heads):
        return []
    out, seen_review = [], False
    for i, (pos, review) in enumerate(heads):
        seen_review = seen_review or review
        if seen_review and not review:
            out.append((pos, heads[i + 1][0] if i + 1 < len(heads) else len(text)))
    return out


# Plans: whether the words before a figure make it no outcome (read by every figure reader)

@lru_cache(maxsize=1)
def met_rx() -> re.Pattern:
    """A goal said to be met (超额完成全年目标任务): no plan, no target."""
    return re.compile(alt("goal_met"))


def planned(text: str, late: bool) -> bool:
    """Whether the words before a figure (its sentence up to the name) make it a plan (or part of a
    year: 1-11月, 前三季度), once the goals
    said to be met are set aside. A time word (今年, 到2025年, 预期目标) frames the whole sentence; a word
    of intent (力争, 确保, 目标…) its own clause, or the figures of the clause it stands in (力争地区生产总值
    增长6%，一般公共预算收入增长5%), not a clause of its own (紧扣年度目标，全力拼经济，地区生产总值完成…)."""
    text = met_rx().sub("", text)
    if _plan_rx(late, "plan_frame").search(text):
        return True
    part = _plan_rx(late, "part_of_year").search(text)
    if part and "全年" not in text[part.end():]:
        return True  # 1-11月，固定资产投资增长10%; 前三季度…: part of the year, not the year
    intent = _plan_rx(late, "plan")
    *earlier, own = re.split("[，,]", text)
    return bool(intent.search(own)) or any(
        (m := intent.search(c)) and _FIGURE.search(c, m.start()) for c in earlier)


# a figure in a clause: a number with its unit or percent, or a growth word with a number
_FIGURE = re.compile(r"\d[\d.．]*\s?(?:%|％|万亿元|亿元|万元|元|亿斤|万吨|万人)")


def _late(meta: ReportMeta) -> bool:
    return reviewed_year(meta) == meta.year and meta.year is not None


@lru_cache(maxsize=4)
def _plan_rx(late: bool, key: str) -> re.Pattern:
    """Words that make a figure a plan. In a December report 今年 is the year under review."""
    words = [w for w in cues()[key] if not (late and w.startswith("今年"))]
    return re.compile("|".join(words))
