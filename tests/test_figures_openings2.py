"""Headline figures of eighteen report openings written in the forms of places no other file covers
(a province, 县级市, districts of Beijing, Shanghai and Tianjin, prefectures, counties; a table-like list,
a December session, a five-year review, half-width punctuation, PDF breaks, 万元, milestones in words, a
report whose first line names the session's year): docs/figures-check.md, sixth pass.

The expected figures (tests/data/figures/openings/expected.tsv) were marked by hand from the texts, as an
annotator following the guidelines would: the six headline indicators, the year each describes, the value
(empty for a rate alone) and the year's growth rate (empty where the text gives none, or only an average).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_reports import BUDGET, FAI, GDP, RETAIL, RURAL, URBAN, figures, report

from kg.extract import process
from kg.read import document_from_text

DIR = Path(__file__).parent / "data" / "figures" / "openings"
NAMES = {"G": GDP, "B": BUDGET, "F": FAI, "R": RETAIL, "U": URBAN, "N": RURAL}


def _marks() -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {}
    for line in (DIR / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f, i, y, v, g = (line.split("\t") + [""] * 5)[:5]
        out.setdefault(f, set()).add((NAMES[i], int(y), float(v) if v else None, float(g) if g else None))
    return out


MARKS = _marks()


@pytest.mark.parametrize("name", sorted(MARKS))
def test_opening_figures(name: str) -> None:
    text = (DIR / f"{name}.txt").read_text(encoding="utf-8")
    got = {f for f in figures(process(document_from_text(f"{name}.txt", text))) if f[0] in NAMES.values()}
    expected = MARKS[name]
    assert expected <= got
    # anything else read must be one of the marked figures said again without its rate
    extra = got - expected
    assert all(v is not None and g is None and any(e[:3] == (i, y, v) for e in expected)
               for i, y, v, g in extra), extra


def test_every_opening_is_marked() -> None:
    assert {p.stem for p in DIR.glob("*.txt")} == set(MARKS)


def _read(text: str) -> set[tuple]:
    return figures(process(document_from_text("t.txt", text)))


BODY = "各位代表：\n一、过去一年工作回顾\n全县实现地区生产总值165.3亿元，增长3.8%；一般公共预算收入完成13.5亿元，增长5.2%。\n"


def test_a_title_after_a_web_page_breadcrumb() -> None:
    # 首页>…>政府工作报告 then the title naming the session's year: the review is of the year before
    text = "首页 > 政务公开 > 政府工作报告\n2021年政府工作报告\n发布时间：2021-02-03 09:30 来源：县政府办\n" + BODY
    assert document_from_text("t.txt", text).meta.year == 2021
    assert _read(text) == {(GDP, 2020, 165.3, 3.8), (BUDGET, 2020, 13.5, 5.2)}


def test_a_publishing_line_dates_a_report_that_names_no_year() -> None:
    text = ("来源：某县人民政府网 发布日期：2023-01-16\n政府工作报告\n——在某县第十七届人民代表大会第三次会议上\n"
            + BODY)
    assert _read(text) == {(GDP, 2022, 165.3, 3.8), (BUDGET, 2022, 13.5, 5.2)}
    # … but never overrides a year the heading gives
    dated = "政府工作报告\n——2021年1月18日在某县第十七届人民代表大会第五次会议上\n发布日期：2023-01-16\n" + BODY
    assert _read(dated) == {(GDP, 2020, 165.3, 3.8), (BUDGET, 2020, 13.5, 5.2)}


@pytest.mark.parametrize(("body", "expected"), [
    # levels in Chinese numerals, with or without a point
    ("全县地区生产总值达到一百二十二亿元，增长8%；社会消费品零售总额完成二十八点六亿元。",
     {(GDP, 2020, 122, 8), (RETAIL, 2020, 28.6, None)}),
    ("全县地区生产总值突破一千二百亿元，增长6%。", {(GDP, 2020, 1200, 6)}),
    # … but a plan in numerals is none, and a five-year sum (“六五”期间, older plans too) no year's figure
    ("社会商品零售总额一九八五年将达到二千九百亿元。", set()),
    ("“六五”期间，全社会固定资产投资总额达到五千三百亿元。", set()),
    ("“六五”期间，全社会固定资产投资总额达到5300亿元。", set()),
    # the short names right after the long one, with no colon
    ("居民人均可支配收入城镇36800元、农村15200元。", {(URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    # the real rate after the nominal one
    ("地区生产总值85.3亿元，现价增长8.5%，可比增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("地区生产总值85.3亿元，名义增长8.5%，按可比价格计算增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    # the rural income of pastoral places (Qinghai, Tibet, Xinjiang) alone or in a pair
    ("农牧区居民人均可支配收入15200元，增长9%。", {(RURAL, 2020, 15200, 9)}),
    ("城镇、农牧区居民人均可支配收入分别达到36800元、15200元。",
     {(URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    ("城镇居民、农民人均可支配收入分别达到36800元、15200元。",
     {(URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    # spans said otherwise than 五年来: a sum over them is no year's figure
    ("“十三五”以来，全县固定资产投资完成450亿元。", set()),
    ("过去的五年里，全县固定资产投资完成450亿元。", set()),
    ("党的十八大以来，全县固定资产投资完成450亿元。", set()),
    ("2016年以来，全县固定资产投资完成450亿元。", set()),
    # … while the year under review named with 以来 is that year
    ("2020年以来，全县固定资产投资完成45亿元，增长8%。", {(FAI, 2020, 45, 8)}),
    # a list of names, then 增速分别为 and its rates
    ("全县地区生产总值、固定资产投资、社会消费品零售总额增速分别为6.5%、10%、5%。",
     {(GDP, 2020, None, 6.5), (FAI, 2020, None, 10), (RETAIL, 2020, None, 5)}),
])
def test_forms(body: str, expected: set[tuple]) -> None:
    assert report(body) == expected


@pytest.mark.parametrize("head", ["2022年某市政府工作报告\n", "某市人民政府工作报告\n2022年12月\n"])
def test_a_review_of_this_year_under_a_heading_giving_only_the_year(head: str) -> None:
    # 一、今年工作回顾 / 今年以来 in a report given in December: its figures are that year's, its 明年 the next
    text = (head + "各位代表：\n一、今年工作回顾\n今年以来，全市上下勠力同心。预计全年实现地区生产总值1010亿元，增长4.5%左右；"
            "一般公共预算收入完成106.8亿元，增长6.2%。\n二、明年工作安排\n明年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n")
    ex = process(document_from_text("t.txt", text))
    assert figures(ex) == {(GDP, 2022, 1010, 4.5), (BUDGET, 2022, 106.8, 6.2)}
    assert {(o.indicator, o.year, o.growth_pct) for o in ex.observations if o.kind == "target"} == {(GDP, 2023, 6)}
    assert ex.doc.meta.year == 2022  # the report node keeps its heading's year


def test_a_year_inferred_from_the_body_is_not_taken_for_a_december_one() -> None:
    # no year in the heading: 今年以来 cannot say which year the report is, so the body's year stands
    text = ("某市人民政府工作报告\n——在某市第十九届人民代表大会第二次会议上\n各位代表：\n今年以来，全市上下勠力同心。"
            "预计全年实现地区生产总值1010亿元，增长4.5%左右。2022年，我们重点抓了以下工作。\n")
    assert _read(text) == {(GDP, 2022, 1010, 4.5)}


def test_figures_a_plan_requires_are_no_results() -> None:
    # 要求 with figures of its own clause makes the clause and those after it plans; 按照省委要求 alone does not
    assert report("要求消费部分增长5.7%，社会商品零售总额增长8%。") == set()
    assert report("按照省委要求，全县地区生产总值完成85.3亿元，增长6.5%。") == {(GDP, 2020, 85.3, 6.5)}


def _targets(body: str) -> set[tuple]:
    head = ("2021年某县政府工作报告\n——2021年1月20日在某县第十七届人民代表大会第五次会议上\n各位代表：\n"
            "一、2020年工作回顾\n全县地区生产总值完成85.3亿元。\n二、2021年工作安排\n")
    ex = process(document_from_text("t.txt", head + body + "\n"))
    return {(o.indicator, o.year, o.value, o.growth_pct, o.qualifier) for o in ex.observations if o.kind == "target"}


@pytest.mark.parametrize(("body", "expected"), [
    # names listed, then 分别增长 and one rate each, in order
    ("今年全县发展的主要预期目标是：地区生产总值、一般公共预算收入、固定资产投资分别增长6.5%、6%和10%。",
     {(GDP, 2021, None, 6.5, None), (BUDGET, 2021, None, 6, None), (FAI, 2021, None, 10, None)}),
    # the pair of incomes written 城镇、农村 (urban first) or 农村和城镇 (rural first)
    ("主要预期目标是：地区生产总值增长8%，城镇、农村常住居民人均可支配收入分别增长7%、8%。",
     {(GDP, 2021, None, 8, None), (URBAN, 2021, None, 7, None), (RURAL, 2021, None, 8, None)}),
    ("主要预期目标是：农村和城镇居民人均可支配收入分别增长8%和7%。",
     {(URBAN, 2021, None, 7, None), (RURAL, 2021, None, 8, None)}),
    # a level and the rate after it
    ("今年主要预期目标：地区生产总值达到92亿元，增长7%左右；一般公共预算收入达到4.5亿元，增长7%。",
     {(GDP, 2021, 92, 7, "左右"), (BUDGET, 2021, 4.5, 7, None)}),
])
def test_local_targets(body: str, expected: set[tuple]) -> None:
    assert _targets(body) == expected
