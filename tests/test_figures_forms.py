"""Headline figures in forms found on text with no gold (the even excerpts, seeds 001/003, the national
reports other than 2021/2022/2024), each written here as a small report (docs/figures-check.md, third pass).

Every expected figure was read from the sentence by hand; none comes from the extractor.
"""

from __future__ import annotations

import pytest
from figure_reports import BUDGET, FAI, GDP, GRAIN, RETAIL, RURAL, URBAN, figures, report

from kg.extract import process
from kg.read import document_from_text


@pytest.mark.parametrize(("body", "expected"), [
    # the level written before the name it measures
    ("全年实现122亿元地区生产总值，同比增长6%。", {(GDP, 2020, 122, 6)}),
    ("全年完成150亿元的固定资产投资。", {(FAI, 2020, 150, None)}),
    # older and local names
    ("全县国民生产总值完成45亿元，增长9%。", {(GDP, 2020, 45, 9)}),
    ("农村牧区居民人均可支配收入15000元，增长8%。", {(RURAL, 2020, 15000, 8)}),
    ("城镇居民家庭人均可支配收入，由2016年的5160元增加到2020年的7703元。", {(URBAN, 2020, 7703, None)}),
    ("城乡居民收入分别达到35000元和16000元。", {(URBAN, 2020, 35000, None), (RURAL, 2020, 16000, None)}),
    ("城镇人均可支配收入35000元，增长6%。", {(URBAN, 2020, 35000, 6)}),
    ("社零总额实现12.3亿元，增长7.2%。", {(RETAIL, 2020, 12.3, 7.2)}),
    # 亿元 written 亿 at the end of a clause; 亿千瓦时 is no money
    ("全县地区生产总值122亿，增长6%；一般公共预算收入4.5亿、增长8%。", {(GDP, 2020, 122, 6), (BUDGET, 2020, 4.5, 8)}),
    ("固定资产投资项目新增用电量1.2亿千瓦时。", set()),
    # a PDF line break inside the unit
    ("全县地区生产总值122亿\n元，增长6%。", {(GDP, 2020, 122, 6)}),
    # the rate said otherwise, or after a change in money or a share
    ("一般公共预算收入完成4.5亿元，为预算的105%，增长8%。", {(BUDGET, 2020, 4.5, 8)}),
    ("地区生产总值完成122亿元，占全市的15%，增长6%。", {(GDP, 2020, 122, 6)}),
    ("地区生产总值122亿元，增长率为6%。", {(GDP, 2020, 122, 6)}),
    ("一般公共预算收入完成4.5亿元，同比增加0.3亿元，增长8%。", {(BUDGET, 2020, 4.5, 8)}),
    ("一般公共预算收入完成4.5亿元，增收3000万元，增长8%。", {(BUDGET, 2020, 4.5, 8)}),
    ("全县地区生产总值122亿元，同比增6.5%，固定资产投资同比降2%。", {(GDP, 2020, 122, 6.5), (FAI, 2020, None, -2)}),
    # rates that go back to the values before them
    ("城镇居民人均可支配收入35000元，农村居民人均可支配收入16000元，增速分别为6%、8%。",
     {(URBAN, 2020, 35000, 6), (RURAL, 2020, 16000, 8)}),
    ("城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
     {(URBAN, 2020, 9422, 7.7), (RURAL, 2020, 2936, 6.8)}),
    ("城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8%。",
     {(URBAN, 2020, 15781, 8.4), (RURAL, 2020, 4761, 8)}),
    # a pair's changes, then its levels; names before a clause that holds only the year
    ("城镇和农村居民人均可支配收入分别增加2000元和1200元，达到35000元和16000元。",
     {(URBAN, 2020, 35000, None), (RURAL, 2020, 16000, None)}),
    ("农村居民人均纯收入和城镇居民人均可支配收入，2020年分别达到2253元和6280元。",
     {(RURAL, 2020, 2253, None), (URBAN, 2020, 6280, None)}),
    # one value for a list of names (a lower bound)
    ("全县地区生产总值、工业园区产值双超500亿元，固定资产投资增长8.4%。", {(GDP, 2020, 500, None), (FAI, 2020, None, 8.4)}),
    # a part is not the total; 限额以上固定资产投资 is how many reports give their investment
    ("限额以上社会消费品零售总额增长12%，社会消费品零售总额50亿元。", {(RETAIL, 2020, 50, None)}),
    ("限额以上固定资产投资增长14.7%。", {(FAI, 2020, None, 14.7)}),
    # a growth over several years is not the year's rate; the level stays
    ("地区生产总值达到24.66亿元，比2015年增长65.5%。", {(GDP, 2020, 24.66, None)}),
    ("地区生产总值2020年达89亿元，平均每年增长8.3%。", {(GDP, 2020, 89, None)}),
    # rates in Chinese numerals (older reports)
    ("全县地区生产总值达到122亿元，按可比价格计算，比上年增长百分之十一点八。", {(GDP, 2020, 122, 11.8)}),
    ("全县地区生产总值比上年增长百分之七。", {(GDP, 2020, None, 7)}),
    ("社会商品零售总额，二〇一九年比二〇一八年增长百分之九点八。", {(RETAIL, 2019, None, 9.8)}),  # the year after the name
    # digits spaced one by one
    ("地区生产总值达到7 4 7 7 2万元，增长1 1 %。", {(GDP, 2020, 74772, 11)}),
    # a level after a milestone clause that names the year in words
    ("粮食产量屡创历史新高，去年达到1.09亿斤。", {(GRAIN, 2020, 1.09, None)}),
    ("粮食总产量在上年大幅度增长的基础上，又增产2.9亿斤，达到96.8亿斤。", {(GRAIN, 2020, 96.8, None)}),
    # another measure's rate after the level
    ("粮食产量达5.94亿斤，亩产同比增长7.7%。", {(GRAIN, 2020, 5.94, None)}),
    # in a five-year paragraph a level (not a sum) is the last year's, whatever the verb; the average stays apart
    ("过去五年，全县地区生产总值122亿元，年均增长7%。", {(GDP, 2020, 122, None)}),
    ("过去五年，全县地区生产总值年均增长7%，2020年达到122亿元。", {(GDP, 2020, 122, None)}),
    # a price base dates nothing
    ("农民人均纯收入2300元（2010年不变价）标准以下人口全部脱贫，常住人口城镇化率提高到52.6%。",
     {("常住人口城镇化率", 2020, 52.6, None)}),
    # an average rate spans the years; the level reached after it is the last year's, or the year said
    ("地区生产总值年均增长7%，达到122.05亿元。", {(GDP, 2020, 122.05, None)}),
    ("一般公共预算收入年均增长8%，2020年达到5.2亿元。", {(BUDGET, 2020, 5.2, None)}),
    ("五年来，地区生产总值年均增长7%，2019年达到110亿元。", {(GDP, 2019, 110, None)}),
    # a later year than the one reviewed is a goal
    ("地区生产总值年均增长7%，2025年达到150亿元。", set()),
])
def test_form(body: str, expected: set[tuple]) -> None:
    assert report(body) == expected


@pytest.mark.parametrize("body", [
    "粮食产量连年稳定在1.3亿斤以上。",  # every year, not one
    "这些成绩是在经济总量超过60亿元的高基数上取得的。",  # a base compared with
    "这五年，全县固定资产投资完成500亿元，城镇新增就业3万人。",  # five-year sums
    "五年来，一般公共预算收入累计完成20亿元。",
    "2019年与2015年相比，全县地区生产总值增长57.3%。",  # a growth over four years
    "全县粮食产量要增长百分之十三点七。",  # a plan, said after the name
    "努力实现地区生产总值增长6%。",  # plans said with 努力/奋力实现, 预期
    "预期全县地区生产总值增长6%。",
])
def test_not_a_year_figure(body: str) -> None:
    assert report(body) == set()


def test_past_year_named_in_the_sentence_before_in_a_plan_section() -> None:
    # 二、2021年工作安排 closes its sentences to outcomes unless they look back: 过去一年 in the
    # sentence before counts, and 2021年 (the report's own year) does not date the figures
    body = ("全县地区生产总值增长8%。\n二、2021年工作安排\n2021年是“十四五”开局之年。过去一年，我们的各项工作取得了很大成绩。"
            "地区生产总值增长10.3%，城镇新增就业1168人。\n今年，全县一般公共预算收入增长6%左右。")
    assert report(body) == {(GDP, 2020, None, 8), (GDP, 2020, None, 10.3), ("城镇新增就业", 2020, 1168, None)}


def test_own_year_hedged_figures_are_targets() -> None:
    # in a report given in January 2021, a 2021 figure with 左右/以上 is a target, and so are the others of
    # its sentence; a result said to beat expectations (好于年初预期) is still a result
    body = ("主要指标好于年初预期，地区生产总值增长6%。\n"
            "2021年，全县地区生产总值预计增长6%左右，一般公共预算收入增长5%。")
    assert report(body) == {(GDP, 2020, None, 6)}


def test_own_year_figures_of_a_report_with_no_date_stay_results() -> None:
    # 2019年，是我县…的一年 opening a report with no date: the figures are 2019's results (no hedge)
    ex = process(document_from_text("t.txt", "梨树县2019年政府工作报告\n2019年，是我县发展极不平凡的一年。\n"
                                    "预计到年末，全县地区生产总值增长3.3%，一般公共预算收入增长10.3%。"))
    assert figures(ex) == {(GDP, 2019, None, 3.3), (BUDGET, 2019, None, 10.3)}
