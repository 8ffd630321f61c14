"""Extraction values a reader of the graph checks, on small reports: figures read from a list with
分别 and from 由A增加到B, the evidence span of each, a firm written with and without quotes.

Written to kill mutants bench/mutation.py found surviving in kg/extract (bench/mutation.md).
"""

from __future__ import annotations

from kg.extract.enterprises import enterprise_key
from kg.model import Extraction
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2021年科尔沁左翼后旗政府工作报告\n各位代表："


def _ex(body: str) -> Extraction:
    return process(document_from_text("in/r.txt", HEAD + body), Settings())


def test_figures_listed_with_respectively_each_take_their_rate_and_the_list_as_evidence() -> None:
    ex = _ex("去年，一般公共预算收入、规上工业增加值、固定资产投资分别增长8%、6%、10%。全面实施乡村振兴战略。")
    got = {o.indicator: (o.growth_pct, o.year, ex.doc.clean[o.start : o.end]) for o in ex.observations}
    span = "一般公共预算收入、规上工业增加值、固定资产投资分别增长8%、6%、10%"
    assert got["一般公共预算收入"] == (8.0, 2020, span)
    assert got["固定资产投资"] == (10.0, 2020, span)


def test_a_level_that_rose_from_a_to_b_is_b_in_the_year_it_names() -> None:
    ex = _ex("城镇居民人均可支配收入由2015年的2.1万元增加到2020年的3.2万元。")
    [ob] = [o for o in ex.observations if o.indicator.endswith("人均可支配收入")]
    assert (ob.value, ob.unit, ob.year, ob.basis) == (3.2, "万元", 2020, "year")
    assert ex.doc.clean[ob.start : ob.end].endswith("3.2万元")


def test_a_firm_in_quotes_meets_the_same_firm_without_them() -> None:
    assert enterprise_key("“蒙牛”乳业集团") == enterprise_key("蒙牛乳业集团") == enterprise_key("蒙牛 乳业集团")
