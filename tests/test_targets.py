"""Targets (预期目标) and outcome figures, on the national reports 2015–2025, the seeds and small texts.

Expected values were read by hand from the texts in tests/data/national (each report's "主要预期目标"
sentence and the first part of the next report's review); none comes from the extractor.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from kg.extract import process
from kg.model import Extraction
from kg.read import document_from_text, read_path

DATA = Path(__file__).parent / "data" / "national"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
YEARS = (2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025)  # no 2020 report in the collection

# year → (growth, lower, upper, qualifier) of the GDP growth target
GDP_TARGET = {
    2015: (7, None, None, "左右"), 2016: (None, 6.5, 7, "区间"), 2017: (6.5, None, None, "左右"),
    2018: (6.5, None, None, "左右"), 2019: (None, 6, 6.5, "区间"), 2021: (6, None, None, "以上"),
    2022: (5.5, None, None, "左右"), 2023: (5, None, None, "左右"), 2024: (5, None, None, "左右"),
    2025: (5, None, None, "左右"),
}
# year → (万人, qualifier) of the new urban jobs target
JOBS_TARGET = {2015: (1000, "以上"), 2016: (1000, "以上"), 2017: (1100, "以上"), 2018: (1100, "以上"),
               2019: (1100, "以上"), 2021: (1100, "以上"), 2022: (1100, "以上"), 2023: (1200, "左右"),
               2024: (1200, "以上"), 2025: (1200, "以上")}
CPI_TARGET = {y: (2 if y == 2025 else 3, "左右") for y in YEARS}
# reviewed year → outcome, from the report of the year after
GDP_GROWTH = {2014: 7.4, 2015: 6.9, 2016: 6.7, 2017: 6.9, 2018: 6.6, 2020: 2.3, 2021: 8.1, 2022: 3, 2023: 5.2,
              2024: 5}
JOBS = {2014: 1322, 2015: 1312, 2016: 1314, 2017: 1351, 2018: 1361, 2020: 1186, 2021: 1269, 2022: 1206,
        2023: 1244, 2024: 1256}
CPI = {2014: 2, 2016: 2, 2018: 2.1, 2020: 2.5, 2021: 0.9, 2022: 2, 2023: 0.2, 2024: 0.2}


@cache
def national(year: int) -> Extraction:
    return process(read_path(DATA / f"{year}_guowuyuan.txt"))


def targets(ex: Extraction, indicator: str) -> list:
    return [o for o in ex.observations if o.kind == "target" and o.indicator == indicator]


def outcomes(ex: Extraction, indicator: str) -> list:
    return [o for o in ex.observations if o.kind == "outcome" and o.indicator == indicator and o.basis == "year"]


@pytest.mark.parametrize("year", YEARS)
def test_national_targets_of_each_year(year: int) -> None:
    ex = national(year)
    (gdp,) = targets(ex, "国内生产总值")
    assert (gdp.year, gdp.growth_pct, gdp.lower, gdp.upper, gdp.qualifier) == (year, *GDP_TARGET[year])
    assert gdp.value is None and gdp.area == "adm:100000"
    (jobs,) = targets(ex, "城镇新增就业")
    assert (jobs.year, jobs.value, jobs.unit, jobs.qualifier) == (year, JOBS_TARGET[year][0], "万人", JOBS_TARGET[year][1])
    (cpi,) = targets(ex, "居民消费价格")
    assert (cpi.year, cpi.growth_pct, cpi.qualifier) == (year, *CPI_TARGET[year])
    for t in (gdp, jobs, cpi):  # evidence: the span names the figure, inside the target sentence
        span = ex.doc.clean[t.start : t.end]
        assert span.startswith(t.indicator[:2]) and str(int(t.value or t.lower or t.growth_pct or 0))[0] in span
        assert "目标" in ex.doc.clean[ex.doc.clean.rfind("。", 0, t.start) : t.start]


@pytest.mark.parametrize("year", YEARS)
def test_national_outcomes_of_the_year_reviewed(year: int) -> None:
    ex = national(year)
    reviewed = year - 1
    gdp = {o.growth_pct for o in outcomes(ex, "国内生产总值") if o.year == reviewed and o.growth_pct is not None}
    jobs = {o.value for o in outcomes(ex, "城镇新增就业") if o.year == reviewed}
    cpi = {o.growth_pct for o in outcomes(ex, "居民消费价格") if o.year == reviewed}
    assert gdp == ({GDP_GROWTH[reviewed]} if reviewed in GDP_GROWTH else set())
    assert jobs == ({JOBS[reviewed]} if reviewed in JOBS else set())
    assert cpi == ({CPI[reviewed]} if reviewed in CPI else set())


def test_no_target_is_an_outcome_and_no_outcome_sits_in_a_target_sentence() -> None:
    for year in YEARS:
        ex = national(year)
        spans = [(t.start, t.end) for t in ex.observations if t.kind == "target"]
        for o in ex.observations:
            if o.kind == "outcome":
                assert not any(s <= o.start < e for s, e in spans), (year, o)
                assert o.year is None or o.year < year, (year, o)  # a result is of a past year


# seed → the year its 预期目标 are for (read from each heading: 002 was given on 2020-12-29)
SEED_TARGET_YEAR = {"000": 2020, "001": 2023, "002": 2021, "003": 2024}


@pytest.mark.parametrize("stem", sorted(SEED_TARGET_YEAR))
def test_seed_target_sentences_are_targets(stem: str) -> None:
    """Every figure of the seed's 预期目标 sentence is a target of the right year, none an outcome."""
    ex = process(read_path(next(SEEDS.glob(f"{stem}_*.txt"))))
    text = ex.doc.clean
    i = text.index("预期目标")
    s = max(text.rfind(c, 0, i) for c in "。\n") + 1
    e = min(x for x in (text.find("。", i), text.find("\n", i)) if x >= 0)
    inside = [o for o in ex.observations if s <= o.start < e]
    figures = len(re.findall(r"\d+(?:\.\d+)?%", text[i:e]))
    assert len(inside) >= 4 and len(inside) >= figures - 2  # 分别增长8%、9%: one each
    assert {o.kind for o in inside} == {"target"}
    assert {o.year for o in inside} == {SEED_TARGET_YEAR[stem]}
    assert not [o for o in ex.observations if o.kind == "outcome" and o.year == SEED_TARGET_YEAR[stem]]


def test_from_a_to_b_is_b_and_line_breaks_and_full_width_digits() -> None:
    ex = process(read_path(DATA / "1987_guowuyuan.txt"))  # 国民生产总值由３４８０亿元增加到９３８０亿元
    (gnp,) = [o for o in ex.observations if o.indicator == "国民生产总值"]
    assert (gnp.value, gnp.unit, gnp.year, gnp.growth_pct) == (9380, "亿元", 1986, None)
    ex = national(2017)  # 国内生产总值达到74.4⏎万亿元
    assert any(o.value == 74.4 and o.unit == "万亿元" and o.year == 2016 for o in outcomes(ex, "国内生产总值"))
    ex = national(2021)  # 从不到70万亿元增加到超过100万亿元
    assert any(o.value == 100 and o.year == 2020 for o in outcomes(ex, "国内生产总值"))


def test_five_year_figures_are_kept_apart() -> None:
    ex = national(2018)  # 五年来… 城镇新增就业6600万人以上; 居民消费价格年均上涨1.9%
    period = {(o.indicator, o.value, o.growth_pct) for o in ex.observations if o.basis == "period"}
    assert ("城镇新增就业", 6600, None) in period and ("居民消费价格", None, 1.9) in period
    assert all(o.year is None for o in ex.observations if o.basis == "period")
    assert {o.value for o in outcomes(ex, "城镇新增就业")} == {1351}


def _figures(text: str, title: str = "2021年肇源县政府工作报告") -> Extraction:
    return process(document_from_text("t.txt", f"{title}\n各位代表：\n{text}"))


def test_respectively_lists_and_plans() -> None:
    ex = _figures("一、2020年工作回顾\n全年一般公共预算收入、固定资产投资分别增长8.5%、10%。"
                  "今年地方政府专项债券总规模为300亿元，地区生产总值计划达到200亿元。")
    got = {(o.indicator, o.growth_pct, o.year, o.kind) for o in ex.observations}
    assert got == {("一般公共预算收入", 8.5, 2020, "outcome"), ("固定资产投资", 10, 2020, "outcome")}


def test_december_report_reviews_its_own_year() -> None:
    ex = _figures("一、2019年工作回顾\n今年以来，全县地区生产总值完成100亿元，增长5%。\n"
                  "二、2020年工作安排\n明年经济社会发展的主要预期目标是：地区生产总值增长6%左右。",
                  "2020年肇源县政府工作报告\n——2019年12月28日在肇源县第十七届人民代表大会第五次会议上")
    got = {(o.kind, o.value, o.growth_pct, o.year) for o in ex.observations}
    assert got == {("outcome", 100, 5, 2019), ("target", None, 6, 2020)}


def test_target_not_set_and_pairs() -> None:
    ex = _figures("一、2020年工作回顾\n……\n二、2021年工作安排\n今年不设定全年经济增速具体目标。"
                  "今年的主要预期目标是：城镇和农村居民人均可支配收入分别增长7%和9%以上，"
                  "城镇调查失业率控制在5.5%以内。")
    got = {(o.indicator, o.growth_pct, o.value, o.qualifier, o.not_set, o.year) for o in ex.observations}
    assert got == {("地区生产总值", None, None, None, True, 2021),
                   ("城镇常住居民人均可支配收入", 7, None, "以上", False, 2021),
                   ("农村常住居民人均可支配收入", 9, None, "以上", False, 2021),
                   ("城镇调查失业率", None, 5.5, "以内", False, 2021)}
