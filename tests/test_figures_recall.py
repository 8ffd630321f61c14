"""Headline figures in the wordings reports use, on small reports written for each pattern and on
unannotated excerpts of other provinces' reports (tests/data/figures, read by hand: docs/figures-check.md).

Every expected figure was read from the text; none comes from the extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_reports import BUDGET, FAI, GDP, RETAIL, RURAL, URBAN, figures, report

from kg.extract import process
from kg.read import document_from_text, read_path

DATA = Path(__file__).parent / "data" / "figures"
@pytest.mark.parametrize(("body", "expected"), [
    # numbers as PDFs and web pages break them
    ("全县实现地区生产总值122. 05 亿元，增长3.4%。", {(GDP, 2020, 122.05, 3.4)}),
    ("全县实现地区生产总值122.\n05亿元，增长3.4%。", {(GDP, 2020, 122.05, 3.4)}),
    ("全县实现地区生产总\n值122.05亿元，增长3.4%。", {(GDP, 2020, 122.05, 3.4)}),
    ("地区生产总值１２２．０５亿元，增长３．４％。", {(GDP, 2020, 122.05, 3.4)}),
    ("全县完成全社会固定资产投资1,234.5亿元，增长5%。", {(FAI, 2020, 1234.5, 5)}),
    # other names, units and ways of saying the rate
    ("全县GDP达到122亿元，增速为3.4%。", {(GDP, 2020, 122, 3.4)}),
    ("一般公共预算收入完成5000 万元，同比下降2.1%。", {(BUDGET, 2020, 5000, -2.1)}),
    ("固定资产投资完成38.7亿元，增长-18.9%。", {(FAI, 2020, 38.7, -18.9)}),
    ("一般预算地方级财政收入增长10.3%。", {(BUDGET, 2020, None, 10.3)}),
    ("农民人均纯收入达到8560元，增长12%。", {(RURAL, 2020, 8560, 12)}),
    ("社会消费品零售额45.6亿元，增长3.6%。", {(RETAIL, 2020, 45.6, 3.6)}),
    ("全县国内生产总值（GDP）45.2亿元，增长9%。", {(GDP, 2020, 45.2, 9)}),  # older local reports
    ("全国国内生产总值增长6.9%，全县地区生产总值45亿元。", {(GDP, 2020, 45, None)}),  # not the country's
    # 较2015年增长40%: a growth over five years, not 2020's rate (period); the year stays 2020's elsewhere
    ("2020年全县在困难中前行，地区生产总值较2015年增长40%，一般公共预算收入增长8%。", {(BUDGET, 2020, None, 8)}),
    # several indicators in one phrase
    ("城镇、农村常住居民人均可支配收入分别达到23894元和14620元。",
     {(URBAN, 2020, 23894, None), (RURAL, 2020, 14620, None)}),
    ("城镇、农村居民人均可支配收入分别增长5.5%和8.6%。", {(URBAN, 2020, None, 5.5), (RURAL, 2020, None, 8.6)}),
    ("城乡居民人均可支配收入分别达到39047元，25479元。", {(URBAN, 2020, 39047, None), (RURAL, 2020, 25479, None)}),
    ("居民人均可支配收入35000元，其中，城镇常住居民49997元，增长4.5%；农村常住居民24987元，增长7%。",
     {("居民人均可支配收入", 2020, 35000, None), (URBAN, 2020, 49997, 4.5), (RURAL, 2020, 24987, 7)}),
    ("城乡居民人均可支配收入分别增长8.5%、9.2%，达到32000元、15000元。",
     {(URBAN, 2020, 32000, 8.5), (RURAL, 2020, 15000, 9.2)}),
    ("城镇居民人均可支配收入和农村居民人均可支配收入分别达到29025元、13671元，分别增长7.3%和11.4%。",
     {(URBAN, 2020, 29025, 7.3), (RURAL, 2020, 13671, 11.4)}),
    ("地区生产总值、一般公共预算收入、社会消费品零售总额分别达到122亿元、4.5亿元和45.6亿元。",
     {(GDP, 2020, 122, None), (BUDGET, 2020, 4.5, None), (RETAIL, 2020, 45.6, None)}),
    ("完成大口径财政收入和一般公共预算收入1.9亿元、1.2亿元。", {(BUDGET, 2020, 1.2, None)}),
    ("地区生产总值、规上工业增加值、固定资产投资分别增长5%、6%、7%。", {(GDP, 2020, None, 5), (FAI, 2020, None, 7)}),
    ("城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%。",
     {(URBAN, 2020, None, 8.4), (RURAL, 2020, None, 11.4)}),
    # the level after the rate, a long aside between name and value, a space inside the name
    ("地区生产总值增长8%，总量达到152亿元。", {(GDP, 2020, 152, 8)}),
    ("一般公共预算收入在大规模减税降费的情况下完成4.51亿元，增长 8 %。", {(BUDGET, 2020, 4.51, 8)}),
    ("一般公共 预算收入4.5亿元。", {(BUDGET, 2020, 4.5, None)}),
    # a goal said to be met is no plan word and no target intro
    ("超额完成全年目标任务，全县实现地区生产总值53.11亿元，增长11.3%。", {(GDP, 2020, 53.11, 11.3)}),
    ("主要经济指标好于预期目标，地区生产总值53.11亿元。", {(GDP, 2020, 53.11, None)}),
    ("按照市委安排部署，全县实现地区生产总值53.11亿元，增长11.3%。", {(GDP, 2020, 53.11, 11.3)}),
    # years: an era heading followed by a year, from A (of a year) to B (of a later year)
    ("过去五年，地区生产总值从2015年的95.2亿元增加到2020年的122.1亿元，年均增长6%。", {(GDP, 2020, 122.1, None)}),
    # 由A增加到B: B, however the base is named (上年的, “十二五”末的, 在A的基础上), and for a pair
    ("地区生产总值由上年的95.2亿元增加到122.1亿元。", {(GDP, 2020, 122.1, None)}),
    ("固定资产投资由“十二五”末的50亿元增加到80亿元。", {(FAI, 2020, 80, None)}),
    ("地区生产总值在2015年95.2亿元的基础上增加到122.1亿元。", {(GDP, 2020, 122.1, None)}),
    ("城镇和农村居民人均可支配收入分别由2.1万元、1.1万元增加到3.3万元、1.6万元。",
     {(URBAN, 2020, 3.3, None), (RURAL, 2020, 1.6, None)}),
    ("城镇居民人均可支配收入由2016年7703元增加到2020年13786元，农民人均纯收入由2476元增加到4140元。",
     {(URBAN, 2020, 13786, None), (RURAL, 2020, 4140, None)}),  # 增加到2020年 is no plan (到2025年)
    # a milestone between the name and its level
    ("地区生产总值突破百亿元大关，达到122.1亿元。", {(GDP, 2020, 122.1, None)}),
    ("地区生产总值连跨两个台阶，由95亿元增至122亿元。", {(GDP, 2020, 122, None)}),
    ("地区生产总值突破200亿元大关，达到212亿元，增长6%。", {(GDP, 2020, 212, 6)}),
    ("农村居民人均可支配收入增加1200元，达到16000元，增长8%。", {(RURAL, 2020, 16000, 8)}),
    # a level reached in a five-year sentence is the last year's; the average stays apart
    ("五年来，全县地区生产总值达到122亿元，年均增长7%；固定资产投资累计完成360亿元。", {(GDP, 2020, 122, None)}),
    ("五年来，全县地区生产总值年均增长7%，达到122亿元。", {(GDP, 2020, 122, None)}),
    ("过去五年，城乡居民人均可支配收入分别达到35000元和16000元，年均分别增长8%和10%。",
     {(URBAN, 2020, 35000, None), (RURAL, 2020, 16000, None)}),
    ("地区生产总值比2015年翻一番，达到152亿元。", {(GDP, 2020, 152, None)}),
    ("地区生产总值、一般公共预算收入分别增长6%、8%，达到122亿元、4.5亿元。", {(GDP, 2020, 122, 6), (BUDGET, 2020, 4.5, 8)}),
    ("城镇居民人均可支配收入、农村居民人均可支配收入分别增长5.1%、7.2%，达到35000元、16000元。",
     {(URBAN, 2020, 35000, 5.1), (RURAL, 2020, 16000, 7.2)}),
    # rates after separate values (分别…), after a list of values (分别比上年增长)
    ("城镇居民人均可支配收入35000元，农村居民人均可支配收入16000元，分别增长5.1%和7.2%。",
     {(URBAN, 2020, 35000, 5.1), (RURAL, 2020, 16000, 7.2)}),
    ("全县生产总值122亿元，一般公共预算收入4.5亿元，同比分别增长6%、8%。", {(GDP, 2020, 122, 6), (BUDGET, 2020, 4.5, 8)}),
    ("地区生产总值、一般公共预算收入分别达到122亿元和4.5亿元，分别比上年增长6.5%和8%。",
     {(GDP, 2020, 122, 6.5), (BUDGET, 2020, 4.5, 8)}),
    # names and numbers written otherwise
    ("全县ＧＤＰ完成122亿元，增长6%。", {(GDP, 2020, 122, 6)}),
    ("城市居民人均可支配收入35000元，增长6%。", {(URBAN, 2020, 35000, 6)}),
    ("居民人均可支配收入28000元，其中城镇32000元、农村15000元。",
     {("居民人均可支配收入", 2020, 28000, None), (URBAN, 2020, 32000, None), (RURAL, 2020, 15000, None)}),
    ("全社会固定资产投资23600多亿元，比上年增长18.2%。", {(FAI, 2020, 23600, 18.2)}),  # 多: a lower bound
    ("全社会固定资产投资增长14·1％。", {(FAI, 2020, None, 14.1)}),
    ("地方一般公共预算收入完成12.2亿元，同口径增长6%。", {(BUDGET, 2020, 12.2, 6)}),
    ("城镇新增就业1361万人、调查失业率稳定在5%左右。", {("城镇新增就业", 2020, 1361, None), ("城镇调查失业率", 2020, 5, None)}),
    # not the place's headline figure: per head, a sector, the city's in a county's report
    ("人均地区生产总值5.2万元，全县地区生产总值122亿元。", {(GDP, 2020, 122, None)}),
    ("工业固定资产投资增长12%，全社会固定资产投资完成150亿元。", {(FAI, 2020, 150, None)}),
    ("全市地区生产总值增长6%，全县地区生产总值完成122亿元。", {(GDP, 2020, 122, None)}),
])
def test_pattern(body: str, expected: set[tuple]) -> None:
    assert report(body) == expected


@pytest.mark.parametrize("body", [
    "今年主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。",  # targets are not outcomes
    "计划完成固定资产投资150亿元。",  # a plan is not a result
    "今年拟安排固定资产投资100亿元。",
    "五年累计完成固定资产投资2413.8亿元，年均增长10.1%。",  # a five-year total is no one year's
    "五年来，城镇新增就业超过6400万人，地区生产总值年均增长6.5%。",
    "金融机构存贷款余额82.51亿元和45.06亿元。",  # no headline indicator in the list
    "地区生产总值中第三产业增加值45亿元。",  # another figure's number
    "居民人均消费支出20000元，其中城镇居民25000元、农村居民15000元。",  # spending, not income
    "将农民人均纯收入2300元（2010年不变价）作为新的国家扶贫标准。",  # a standard, not a result
    # sums and averages over years, however the span is named
    "五年全社会固定资产投资完成2600亿元。",
    "固定资产投资五年累计完成260亿元，年均增长12%。",
    "四年来，全县固定资产投资累计完成360亿元。",
    "2016年至2020年，全县固定资产投资累计完成360亿元。",
    "固定资产投资五年共完成360亿元。",
    "平均每年城镇新增就业1000多万人。",
    # plans
    "全年固定资产投资要达到150亿元。",
    "按2010年价格计算，2025年地区生产总值将超过55亿元。",
    # other figures than the place's headline ones
    "工农业生产总值比上年增长6%。",
])
def test_not_a_year_figure(body: str) -> None:
    assert report(body) == set()


def test_five_year_paragraph_level_reached_is_the_last_year() -> None:
    # a level reached (达到) in a five-year review is the reviewed year's; a sum (累计) is not
    got = report("过去五年，我们砥砺奋进。五年累计完成固定资产投资2413.8亿元。一般公共预算收入达到43.8亿元。")
    assert got == {(BUDGET, 2020, 43.8, None)}


# excerpt → figures read by hand (indicator, year, value, growth); growth-only figures included
EXCERPTS = {
    "06_wenxi": {(GDP, 2020, 151.5, 7.9), (RETAIL, 2020, 32.4, None), (FAI, 2020, 40.2, None),
                 (BUDGET, 2020, 5.9, None), (URBAN, 2020, 33679, None), (RURAL, 2020, 12455, None)},
    "12_zhouqu": {(GDP, 2022, 32.37, 3.5), (RETAIL, 2022, 4.89, 4), (FAI, 2022, 15.1, 10.7), (BUDGET, 2022, 1.2, None),
                  (URBAN, 2022, 30730, 5.5), (RURAL, 2022, 10611, 8)},
    "26_lishu": {(GDP, 2019, None, 3.3), (BUDGET, 2019, None, 10.3), (FAI, 2019, None, 13.9), (RETAIL, 2019, None, 3),
                 (URBAN, 2019, 23894, None), (RURAL, 2019, 14620, None)},
    "28_yongchuan": {(GDP, 2021, 1144.2, None), (RETAIL, 2021, 505.8, None), (BUDGET, 2021, 43.8, None)},
    "08_qianxinan": {(GDP, 2020, None, 4.7), (URBAN, 2020, None, 5.5), (RURAL, 2020, None, 8.6)},
}
HEADLINE = {GDP, BUDGET, FAI, RETAIL, URBAN, RURAL}


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_excerpt_headline_figures(name: str) -> None:
    got = {f for f in figures(process(read_path(DATA / f"{name}.txt"))) if f[0] in HEADLINE}
    assert got == EXCERPTS[name]


def test_full_year_sum_is_the_years() -> None:
    # 全年累计 is one year's total, not a sum over years
    assert report("全年累计完成固定资产投资150亿元，增长10%。") == {(FAI, 2020, 150, 10)}


@pytest.mark.parametrize("heading", [
    "某县政府工作报告\n（2019年12月28日）\n各位代表：\n",
    "某县政府工作报告\n2019年12月28日\n各位代表：\n",
    "政府工作报告\n——2019年12月28日于某县第十七届人民代表大会第四次会议\n各位代表：\n",
    "政府工作报告\n——二〇一九年十二月二十八日在某县第十七届人民代表大会第四次会议上\n各位代表：\n",
])
def test_december_report_reviews_its_own_year(heading: str) -> None:
    # a report given in December looks back on that year: 今年 is the reviewed year, not a plan
    ex = process(document_from_text("t.txt", heading + "今年以来，全县地区生产总值预计完成122亿元，增长6%。"))
    assert ex.doc.meta.date == "2019-12-28"
    assert figures(ex) == {(GDP, 2019, 122, 6)}


def test_years_in_chinese_numerals_date_the_figures() -> None:
    text = "某县政府工作报告\n各位代表：\n一、二〇一九年工作回顾\n全县地区生产总值完成122亿元，增长6%。二〇二〇年，我们将继续努力。"
    ex = process(document_from_text("t.txt", text))
    assert ex.doc.meta.year == 2020
    assert figures(ex) == {(GDP, 2019, 122, 6)}


def test_a_district_means_itself_by_its_scope_and_not_its_city() -> None:
    head = "2021年某区政府工作报告\n——2021年1月20日在某区第十七届人民代表大会第五次会议上\n各位代表：\n"
    ex = process(document_from_text("t.txt", head + "全区生产总值完成122亿元，增长6%左右。全市地区生产总值增长5%。"))
    assert figures(ex) == {(GDP, 2020, 122, 6)}
