"""Small reports for the figure tests: one heading (a January 2021 report reviewing 2020) and the
(indicator, year, value, growth) of what the extractor reads as one year's outcome."""

from __future__ import annotations

from kg.extract import process
from kg.model import Extraction
from kg.read import document_from_text

HEAD = "2021年某县政府工作报告\n——2021年1月20日在某县第十七届人民代表大会第五次会议上\n各位代表：\n一、2020年工作回顾\n"
GDP, BUDGET, FAI, RETAIL = "地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额"
URBAN, RURAL, GRAIN = "城镇常住居民人均可支配收入", "农村常住居民人均可支配收入", "粮食产量"


def figures(ex: Extraction) -> set[tuple]:
    """(indicator, year, value, growth) of every outcome read as one year's figure."""
    return {(o.indicator, o.year, o.value, o.growth_pct) for o in ex.observations
            if o.kind == "outcome" and o.basis == "year"}


def report(body: str) -> set[tuple]:
    return figures(process(document_from_text("t.txt", HEAD + body)))
