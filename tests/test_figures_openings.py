"""Headline figures in the openings of reports: small reports written in the forms counties, leagues,
prefectures and cities use in the first pages of their reports (docs/figures-check.md, fourth pass).

Every expected figure was read from the sentence by hand; none comes from the extractor.
"""

from __future__ import annotations

import pytest
from figure_reports import BUDGET, GDP, RETAIL, RURAL, URBAN, figures, report

from kg.extract import process
from kg.read import document_from_text


@pytest.mark.parametrize(("body", "expected"), [
    # a word of intent in a clause of its own does not make the figures after it plans
    ("过去一年，我们全力以赴稳增长、保目标，全县地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("我们紧扣年度目标，全力拼经济，全县地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("我们以“拼”的精神争取项目，地区生产总值完成85.3亿元，增长6.5%；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("确保了经济平稳运行，地区生产总值完成85.3亿元。", {(GDP, 2020, 85.3, None)}),
    # a goal said to be met, however it is worded, introduces results, not targets
    ("全年主要目标任务全面完成：地区生产总值完成85.3亿元，增长6.5%；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("年初确定的发展目标全面实现，地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("我们力争上游、奋勇争先，全县地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    # nor does one in a numbered heading on the line before
    ("（一）坚持稳字当头，确保经济平稳运行\n全县地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("一是争取政策支持，经济稳中有进\n全县地区生产总值完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    # the other income named short after the first
    ("城镇居民人均可支配收入36800元，增长6%，农村居民15200元，增长9%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    ("城镇常住居民人均可支配收入36800元、农村常住居民15200元，分别增长6%和9%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    ("农村居民人均可支配收入15200元，增长9%；城镇居民36800元，增长6%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    ("农村和城镇居民人均可支配收入分别为15200元和36800元，分别增长9%和6%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    ("居民人均可支配收入：城镇36800元，农村15200元。", {(URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    # the level after a hedged rate, or after 增速达到
    ("地区生产总值预计增长6.5%以上，达到85.3亿元。", {(GDP, 2020, 85.3, 6.5)}),
    ("地区生产总值增速达到6.5%，总量达到85.3亿元。", {(GDP, 2020, 85.3, 6.5)}),
    # the local level's revenue, named as Jilin and older reports name it; 全口径财政收入 is not it
    ("全口径财政收入完成6.8亿元，地方级财政收入完成4.1亿元，增长3.1%。", {(BUDGET, 2020, 4.1, 3.1)}),
    ("地方财政收入完成4.2亿元，增长8%。", {(BUDGET, 2020, 4.2, 8)}),
    # a round level passed, in words: its lower bound
    ("全县地区生产总值突破百亿元，增长8%。", {(GDP, 2020, 100, 8)}),
    ("社会消费品零售总额突破两百亿元，增长7%。", {(RETAIL, 2020, 200, 7)}),
    ("一般公共预算收入首次突破十亿元，增长12%。", {(BUDGET, 2020, 10, 12)}),
    # … and the exact level when one follows
    ("地区生产总值突破百亿元，达到125.3亿元，增长8%。", {(GDP, 2020, 125.3, 8)}),
    ("地区生产总值连续跨越80亿元、85亿元两个台阶，达到85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    # a level reached in a five-year sentence that also holds a sum is the last year's
    ("“十三五”期间，全县固定资产投资累计完成500亿元，地区生产总值达到122亿元。", {(GDP, 2020, 122, None)}),
    # thousands written with a full-width comma before the unit (1980)
    ("全县粮食产量33，212万吨，社会商品零售总额1，753亿元，增长14.7％。",
     {("粮食产量", 2020, 33212, None), (RETAIL, 2020, 1753, 14.7)}),
    # rates sent back to values, one of which no headline figure holds; a figure with its own rate keeps it
    ("全县生产总值完成210亿元，增长6.8%；全部财政收入完成15亿元，一般公共预算收入完成9亿元，分别增长10%、12%。",
     {(GDP, 2020, 210, 6.8), (BUDGET, 2020, 9, 12)}),
    ("预计全年实现GDP152.27亿元、财政总收入13亿元、固定资产投资146.59亿元，同比增长11.7%、18%、20%。",
     {(GDP, 2020, 152.27, 11.7), ("固定资产投资", 2020, 146.59, 20)}),
    # a PDF line break inside the rate word
    ("全县地区生产总值完成85.3亿元，增\n长6.5%；固定资产投资下\n降3%。", {(GDP, 2020, 85.3, 6.5), ("固定资产投资", 2020, None, -3)}),
    # a part of the year ends where the whole year is named
    ("上半年受疫情冲击较大，全年地区生产总值完成85.3亿元，增长3.5%。", {(GDP, 2020, 85.3, 3.5)}),
    # a year named as a base or in an aside dates none of the figures after it (fifth pass)
    ("2020年，全县地区生产总值达到85.3亿元，是2015年的1.8倍，年均增长10.5%；一般公共预算收入4.2亿元，年均增长15%。",
     {(GDP, 2020, 85.3, None), (BUDGET, 2020, 4.2, None)}),
    ("地区生产总值由2015年的60亿元增加到85.3亿元，一般公共预算收入由2.5亿元增加到4.2亿元。",
     {(GDP, 2020, 85.3, None), (BUDGET, 2020, 4.2, None)}),
    ("全县地区生产总值完成85.3亿元，在2019年高基数上增长6.5%；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("全县地区生产总值完成85.3亿元，增长6.5%，跻身2019年度全国百强县；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("全县地区生产总值完成85.3亿元，增长6.5%，是自2014年来最好水平；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("全县地区生产总值完成85.3亿元，增长6.5%，实现了2011年确定的翻番目标；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("全县地区生产总值完成85.3亿元，增长6.5%，继2018年之后再上新台阶；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    ("2019年12月，我县成功脱贫摘帽，全县地区生产总值完成85.3亿元，增长3.5%。", {(GDP, 2020, 85.3, 3.5)}),
    # … while a year that opens a clause still dates what follows it
    ("全县地区生产总值完成85.3亿元，增长6.5%，是2015年的1.4倍；2019年度一般公共预算收入为3.9亿元。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2019, 3.9, None)}),
    # 城、乡 as the pair's name; a province's revenue in 万亿元
    ("城、乡居民人均可支配收入分别达到35000元、15000元，分别增长6%和9%。",
     {(URBAN, 2020, 35000, 6), (RURAL, 2020, 15000, 9)}),
    ("全县一般公共预算收入1.3万亿元，同口径增长5%。", {(BUDGET, 2020, 1.3, 5)}),
    # a PDF line break inside the pair's name
    ("城乡居民人均可支配收\n入分别达到36800元、15200元，分别增长6%、9%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    # a bracketed note with a comma between the name and its value
    ("全县地区生产总值（预计数，下同）完成85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    # a pair of incomes as one item of a longer list, levels or rates, first or last
    ("地区生产总值、一般公共预算收入、城乡居民人均可支配收入分别达到85.3亿元、4.2亿元、36800元和15200元。",
     {(GDP, 2020, 85.3, None), (BUDGET, 2020, 4.2, None), (URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    ("地区生产总值、一般公共预算收入、城乡居民人均可支配收入分别增长6.5%、8%、6%和9%。",
     {(GDP, 2020, None, 6.5), (BUDGET, 2020, None, 8), (URBAN, 2020, None, 6), (RURAL, 2020, None, 9)}),
    ("农村和城镇居民人均可支配收入、地区生产总值分别为15200元、36800元、85.3亿元。",
     {(GDP, 2020, 85.3, None), (URBAN, 2020, 36800, None), (RURAL, 2020, 15200, None)}),
    # falls worded 下滑 and 负增长 (never +2.1)
    ("全县地区生产总值完成85.3亿元，负增长2.1%；固定资产投资同比下滑12.5%。",
     {(GDP, 2020, 85.3, -2.1), ("固定资产投资", 2020, None, -12.5)}),
    # incomes named without 人均 (城镇居民收入, 农民收入)
    ("城镇居民收入达到36800元，增长6%；农民收入达到15200元，增长9%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    # a goal said met inside the words that would introduce targets
    ("经济发展的主要预期目标较好完成：地区生产总值85.3亿元，增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("城乡居民人均可支配收入（预计数，下同）分别达到36800元、15200元，分别增长6%、9%。",
     {(URBAN, 2020, 36800, 6), (RURAL, 2020, 15200, 9)}),
    # what is said of a whole list before 分别 gives its values
    ("全县地区生产总值、一般公共预算收入实现“双增长”，分别达到85.3亿元、4.2亿元。",
     {(GDP, 2020, 85.3, None), (BUDGET, 2020, 4.2, None)}),
    ("地区生产总值和一般公共预算收入均实现较快增长，分别达到85.3亿元和4.2亿元，增长6.5%和8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
    # a change in money before the level reached
    ("一般公共预算收入增收0.3亿元，达到4.2亿元。", {(BUDGET, 2020, 4.2, None)}),
    # a result said against its goal, and 确保了 (done), are no plans
    ("全县上下克难攻坚，确保了地区生产总值85.3亿元、增长6.5%。", {(GDP, 2020, 85.3, 6.5)}),
    ("地区生产总值完成85.3亿元，增长6.5%，比预期目标高0.5个百分点；一般公共预算收入4.2亿元，增长8%。",
     {(GDP, 2020, 85.3, 6.5), (BUDGET, 2020, 4.2, 8)}),
])
def test_opening_form(body: str, expected: set[tuple]) -> None:
    assert report(body) == expected


@pytest.mark.parametrize("body", [
    # a word of intent governing figures in its own clause makes the figures after it plans too
    "力争全年地区生产总值增长6%，一般公共预算收入增长5%，固定资产投资增长10%。",
    "我们要坚定信心，奋发有为，争取全年地区生产总值突破130亿元，一般公共预算收入达到5亿元。",
    "计划全年完成固定资产投资150亿元，社会消费品零售总额增长8%。",
    "今年，我们将坚持稳中求进，地区生产总值增长6%，一般公共预算收入达到5亿元。",
    "确保地区生产总值增长6%，一般公共预算收入达到5亿元。",
    # sums and averages over two or more years
    "近两年，全县固定资产投资完成150亿元。",
    "两年平均，地区生产总值增长5.2%。",
    # a part of the year is not the year
    "1-11月，全县规模以上工业增加值增长8%，固定资产投资增长10%。",
    "前三季度，全县地区生产总值完成60亿元，增长6%。",
    # compared with a year not before its own: a plan's figure
    "农业，粮食产量34，250万吨，比2020年预计增加1，000万吨。",
    # the income of the poverty-relief areas or people is not the place's
    "脱贫地区农村居民收入增长8.4%，脱贫人口农村居民人均可支配收入达到12000元。",
    # a milestone named in a relative clause is no level of the year
    "全区成为全市第8个地区生产总值突破千亿大关的区县。",
])
def test_not_an_outcome(body: str) -> None:
    assert report(body) == set()


def _figures(text: str) -> set[tuple]:
    return figures(process(document_from_text("t.txt", text)))


def test_undated_title_naming_the_reviewed_year() -> None:
    # web copies title a report by the year it reviews; 一、2022年工作回顾 says which year that is, so the
    # hedged 2022 figures are that year's results, not the report's own targets
    text = ("2022年平江县政府工作报告\n各位代表：\n一、2022年工作回顾\n2022年，全县地区生产总值预计完成85.3亿元，"
            "增长6.5%以上；一般公共预算收入4.2亿元，增长8%。\n")
    assert _figures(text) == {(GDP, 2022, 85.3, 6.5), (BUDGET, 2022, 4.2, 8)}


def test_hedged_figures_of_a_year_read_off_the_body_stay_results() -> None:
    # no date, no year in the title: the year is the body's, and its hedged figures are no targets
    text = ("平江县政府工作报告\n各位代表：\n2022年，全县地区生产总值预计完成85.3亿元，增长6.5%左右；"
            "一般公共预算收入4.2亿元，增长8%。\n")
    assert _figures(text) == {(GDP, 2022, 85.3, 6.5), (BUDGET, 2022, 4.2, 8)}


@pytest.mark.parametrize("opening", [
    "在2021年新春佳节即将到来之际，我代表县人民政府向大家致以问候。过去的一年，",
    "2021年是“十四五”开局之年，做好今年工作意义重大。刚刚过去的一年，",
    "站在2021年新起点上回望，一年来，",
])
def test_the_session_year_then_the_year_past(opening: str) -> None:
    # the session's own year named first, then words that turn to the year under review: 2020's figures
    text = ("2021年某县政府工作报告\n——2021年1月20日在某县第十七届人民代表大会第五次会议上\n各位代表：\n"
            + opening + "全县地区生产总值完成85.3亿元，增长3.5%。\n")
    assert _figures(text) == {(GDP, 2020, 85.3, 3.5)}


def test_a_goal_year_does_not_date_the_figures() -> None:
    text = ("政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、过去一年工作回顾\n"
            "2023年，全县上下锚定“十四五”规划和2035年远景目标，地区生产总值完成85.3亿元，增长6.5%。\n")
    assert _figures(text) == {(GDP, 2023, 85.3, 6.5)}
