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

# coordinated works, works listed by a verb, governed campaigns and pilots, kinds of facility
WORKS = (
    "根河市2024年政府工作报告\n"
    "积极谋划满洲里口岸货运自动运输系统和室韦口岸皮带式运输系统项目。"
    "实施黑土地保护和盐碱地综合治理工程。"
    "西柳沟治理、拦沙换水试点工程全面完工。加快体制改革、拦沙换水试点工程建设。"
    "深入实施农牧民收入倍增行动，推进安全隐患大排查大整治行动，开展专项清理整治行动。"
    "开展新一轮国企改革深化提升行动。推进林草湿碳汇价值实现试点建设。"
    "打造中德隐形冠军产业园。打造中小企业产业园。"
    "制定城区供热、充换电站等专项规划，支持普惠性幼儿园发展，高标准打造零碳园区。\n"
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
def works() -> set[str]:
    return _names("t.txt", WORKS)


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


@pytest.mark.parametrize("name", ["满洲里口岸货运自动运输系统", "室韦口岸皮带式运输系统项目"])
def test_two_works_sharing_their_last_word_are_two(works, name):
    assert name in works, sorted(works)


def test_a_work_whose_parts_are_joined_by_and_stays_whole(works):
    assert "黑土地保护和盐碱地综合治理工程" in works, sorted(works)
    assert "黑土地保护" not in works, sorted(works)


def test_a_named_work_listed_before_a_named_work_is_one(works):
    assert "西柳沟治理" in works, sorted(works)
    assert not [n for n in works if n.startswith(("体制改革", "加快体制"))], sorted(works)


@pytest.mark.parametrize("name", ["农牧民收入倍增行动", "安全隐患大排查大整治行动",
                                  "林草湿碳汇价值实现试点", "中德隐形冠军产业园"])
def test_governed_campaigns_pilots_and_bilateral_parks_are_named(works, name):
    assert name in works, sorted(works)


def test_a_campaign_that_is_a_known_policy_after_a_word_of_time_is_the_policy(works):
    # 开展新一轮国企改革深化提升行动: the national reform action (policies.tsv), not a local work
    assert "新一轮国企改革深化提升行动" not in works, sorted(works)


@pytest.mark.parametrize("wrong", ["专项清理整治行动", "充换电站", "普惠性幼儿园", "零碳园区", "中小企业产业园"])
def test_kinds_of_campaign_facility_and_zone_stay_out(works, wrong):
    assert wrong not in works, sorted(works)
