"""Project recall (kg/extract/projects.py): names whose head the suffix table once lacked (…馆, …工业园,
…博会, …主题活动), a name across a noun-like verb (智能制造), a verb that follows the name (落地),
and the categories of work next to them that stay out. Reports written for these tests."""

from __future__ import annotations

import pytest

from kg import extract
from kg.read import document_from_text

COUNTY = (
    "临河县2025年政府工作报告\n"
    "过去一年，鼎盛光电智能制造产业园落地临河工业园，临河县博物馆新馆建成开放。"
    "成功举办第二届临河国际农产品博览会和“河套迎春”主题活动。"
    "今年要推进村级图书馆建设，加强文化馆免费开放，办好各类主题活动。\n"
)


@pytest.fixture(scope="module")
def projects() -> set[str]:
    ex = extract.process(document_from_text("t.txt", COUNTY), "jieba", extract.DEFAULT_PIPELINE)
    return {m.surface for m in ex.mentions if m.type == "Project"}


@pytest.mark.parametrize("name", ["鼎盛光电智能制造产业园", "第二届临河国际农产品博览会"])
def test_an_individuated_name_is_proposed(projects, name):
    assert name in projects, sorted(projects)


@pytest.mark.parametrize("category", ["村级图书馆", "文化馆", "主题活动", "各类主题活动"])
def test_a_category_of_work_is_not_a_project(projects, category):
    assert category not in projects, sorted(projects)


def test_the_suffix_table_holds_the_new_heads():
    from kg.extract.projects import _suffix_re

    pattern, kinds = _suffix_re()
    for head in ("博物馆", "工业园", "博会", "主题活动"):
        assert head in kinds, head
    assert pattern.search("临河县博物馆") is not None
