"""Project names read from the list or the verb around them (kg/extract/projects_roads.py and the
list tests in kg/extract/projects.py): road sections listed before a count of roads, summits a
leader attends or chairs, a loose name listed beside named works; and the look-alikes that stay out
(a verb glued into a name, trades listed as terms, meetings convened). Reports written for these tests."""

from __future__ import annotations

import pytest

from kg import extract
from kg.read import document_from_text

LOCAL = (
    "额尔古纳市2024年政府工作报告\n"
    "过去一年，莫尔道嘎至奇乾、三河至黑山头等5条公路建设完工，改造危桥、修缮涵洞等3条公路养护完成。"
    "推进惠丰生猪屠宰加工厂、展红中草药加工基地、惠民综合农副产品交易市场项目建设。"
    "推进综合农副产品交易市场项目建设。"
    "聚焦京津冀、长三角抓招商引项目，引进耐特菲姆高效节水装备生产应用项目。\n"
)

NATIONAL = (
    "2021年国务院政府工作报告\n"
    "习近平主席等党和国家领导人通过视频方式主持中非团结抗疫特别峰会，出席金砖国家领导人会晤、"
    "亚太经合组织领导人非正式会议、东亚合作领导人系列会议等重大多双边活动。"
    "召开全国科技工作会议和全国教育工作会议。"
    "要实施高端装备、信息网络、集成电路、新能源、新材料等重大项目，把一批新兴产业培育成主导产业。\n"
)


def _names(name: str, text: str) -> set[str]:
    ex = extract.process(document_from_text(name, text), "jieba", extract.DEFAULT_PIPELINE)
    return {m.surface for m in ex.mentions if m.type == "Project"}


@pytest.fixture(scope="module")
def local() -> set[str]:
    return _names("t.txt", LOCAL)


@pytest.fixture(scope="module")
def national() -> set[str]:
    return _names("2021_guowuyuan.txt", NATIONAL)


@pytest.mark.parametrize("name", ["莫尔道嘎至奇乾", "三河至黑山头"])
def test_sections_listed_before_a_count_of_roads_are_roads(local, name):
    assert name in local, sorted(local)


def test_items_without_two_ends_before_a_count_of_roads_are_kinds_of_work(local):
    assert not [n for n in local if "危桥" in n or "涵洞" in n], sorted(local)


def test_a_loose_name_beside_named_works_is_a_work(local):
    assert "惠民综合农副产品交易市场项目" in local, sorted(local)


def test_the_same_kind_of_name_alone_is_a_category(local):
    assert "综合农副产品交易市场项目" not in local, sorted(local)


def test_a_one_character_verb_never_opens_a_name(local):
    assert not [n for n in local if "抓" in n or "招商引" in n], sorted(local)
    assert "耐特菲姆高效节水装备生产应用项目" in local, sorted(local)


@pytest.mark.parametrize("name", ["中非团结抗疫特别峰会", "金砖国家领导人会晤", "亚太经合组织领导人非正式会议",
                                  "东亚合作领导人系列会议"])
def test_a_summit_attended_or_chaired_is_named_from_the_verb(national, name):
    assert name in national, sorted(national)


def test_meetings_convened_are_not_events(national):
    assert not [n for n in national if n.endswith("工作会议")], sorted(national)


def test_terms_listed_before_projects_are_trades_not_names(national):
    assert not {"集成电路", "高端装备", "新能源", "信息网络"} & national, sorted(national)
