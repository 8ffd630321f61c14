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


def _project_names(text: str) -> set[str]:
    ex = extract.process(document_from_text("t.txt", text), "jieba", extract.DEFAULT_PIPELINE)
    return {m.surface for m in ex.mentions if m.type == "Project"}


@pytest.fixture(scope="module")
def projects() -> set[str]:
    return _project_names(COUNTY)


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


# watersheds, institutions' new buildings, named towns, county-by-county programmes (this session)
WORKS = (
    "青河县2025年政府工作报告\n"
    "过去一年，完成石板沟小流域综合治理，推进生态清洁小流域综合治理。"
    "县中医院新院区、县第二中学新校区、县妇幼保健院综合大楼建成投用，新建一批学校新校区。"
    "盘活白云湖温泉小镇项目，培育一批特色小镇。"
    "编制屋顶分布式光伏整县推进项目实施方案。\n"
)


@pytest.fixture(scope="module")
def works() -> set[str]:
    return _project_names(WORKS)


@pytest.mark.parametrize("name", ["石板沟小流域综合治理", "县中医院新院区", "县第二中学新校区", "县妇幼保健院综合大楼",
                                  "白云湖温泉小镇项目", "屋顶分布式光伏整县推进项目"])
def test_a_named_work_is_a_project(works, name):
    assert name in works, sorted(works)


@pytest.mark.parametrize("category", ["生态清洁小流域综合治理", "学校新校区", "特色小镇", "整县推进项目"])
def test_the_same_heads_without_a_name_are_not(works, category):
    assert category not in works, sorted(works)


def test_a_near_tie_in_held_out_f1_takes_the_higher_threshold():
    from kg.extract import rerank_train as rt

    table = {(1.0, t): (0.0, 0.0, f) for t, f in zip(rt.T_GRID, [0.5] * len(rt.T_GRID), strict=True)}
    table[1.0, rt.T_GRID[2]] = (0.0, 0.0, 0.6)
    table[1.0, rt.T_GRID[4]] = (0.0, 0.0, 0.6 - rt.F1_TIE / 2)
    assert rt.pick_threshold(table, 1.0) == rt.T_GRID[4]
    table[1.0, rt.T_GRID[4]] = (0.0, 0.0, 0.6 - 2 * rt.F1_TIE)
    assert rt.pick_threshold(table, 1.0) == rt.T_GRID[2]
    table[1.0, rt.T_GRID[4]] = (0.0, 0.0, 0.6)
    assert rt.pick_threshold(table, 1.0, tie=0.0) == rt.T_GRID[2]  # policies, slogans: the lowest best
