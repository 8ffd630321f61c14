"""Project names read on forms the unseen reports hold (kg/extract/projects.py, projects_forms.py):
events ending in 赛 and 大会, sections of named lines, roads listed by their ends, two plants joined by
和, + inside a name, named years of work, governed works whose name holds a verb, long quoted names,
national programmes known by one name; and the look-alikes that stay out (比赛, a meeting convened,
a category of work, a rank, a designation). Reports written for these tests."""

from __future__ import annotations

import pytest

from kg import extract
from kg.read import document_from_text

EVENTS = (
    "吉河县2024年政府工作报告\n"
    "过去一年，成功举办第五届龙舟赛、首届环湖自行车赛和2023中国（吉河）武陵山区旅游发展大会。"
    "举办首届乡村文化旅游大会。组织中学生足球比赛和全县技能竞赛，召开全县三级干部大会和表彰大会。"
    "高质量完成湘河州推进文旅产业高质量发展大会任务。\n"
)

WORKS = (
    "青山县2024年政府工作报告\n"
    "推进S229线乾州至矮寨段提质改造，建成吉首西至矮寨快速路，推进沪昆高铁吉首段、渝湘高铁吉首至怀化段建设。"
    "积极谋划山头小河子过水路面改造、恩和林场至建设生产队、潮中至上护林、苏沁牧场至三河一队公路。"
    "启动官庄至新铺220千伏线路改造和白沙110千伏变电站新建工程。"
    "确保大基地先导工程二期1GW光伏、蒙能1GW矿区光伏+储能等16个项目并网发电。"
    "全年新开工吉首高新区电子信息产业园等项目32个。全区首个50万千瓦绿电进园区项目开工建设。"
    "实施乾州古城保护修缮工程，实施农村饮水安全巩固提升工程，实施泰兴路排水管渠升级改造等防洪排涝工程。"
    "乌兰牧骑标准化建设工程主体完工，诚诚5兆瓦分布式光伏稳步推进，推进分布式光伏建设。"
    "奥洛契庄园田园综合体列为自治区级示范项目。\n"
)

CAMPAIGNS = (
    "白河县2024年政府工作报告\n"
    "今年是全县“项目建设攻坚年”。开展“消费促进年”活动，启动农村人居环境整治提升五年行动。"
    "开展“清风行动”和“护苗”专项行动。扎实做好“化解信访问题年”专项行动。"
    "广泛开展全民健身活动，深化全民阅读，落实长江十年禁渔。\n"
)


def _mentions(text: str) -> list:
    ex = extract.process(document_from_text("t.txt", text), "jieba", extract.DEFAULT_PIPELINE)
    return [m for m in ex.mentions if m.type == "Project"]


@pytest.fixture(scope="module")
def events() -> set[str]:
    return {m.surface for m in _mentions(EVENTS)}


@pytest.fixture(scope="module")
def works() -> set[str]:
    return {m.surface for m in _mentions(WORKS)}


@pytest.fixture(scope="module")
def campaigns() -> list:
    return _mentions(CAMPAIGNS)


@pytest.mark.parametrize("name", ["第五届龙舟赛", "首届环湖自行车赛", "2023中国（吉河）武陵山区旅游发展大会", "首届乡村文化旅游大会"])
def test_a_held_or_numbered_race_or_conference_is_an_event(events, name):
    assert name in events, sorted(events)


def test_a_match_a_contest_a_meeting_or_a_conference_not_held_here_is_not(events):
    assert not [n for n in events if n.endswith(("比赛", "竞赛", "干部大会", "表彰大会", "发展大会"))
                and "旅游" not in n], sorted(events)


@pytest.mark.parametrize("name", [
    "S229线乾州至矮寨段",  # a lettered road and its section
    "吉首西至矮寨快速路",
    "沪昆高铁吉首段",  # the section of a named line
    "渝湘高铁吉首至怀化段",
    "恩和林场至建设生产队",  # roads listed by their ends before the one that carries the head
    "潮中至上护林",
    "白沙110千伏变电站新建工程",  # two plants of their own capacities
    "蒙能1GW矿区光伏+储能",  # + joins two kinds of plant
    "吉首高新区电子信息产业园",  # the clause's opening words are no part of the first item
    "50万千瓦绿电进园区项目",  # a rank among works is no part of the name
    "乾州古城保护修缮工程",  # a governed work whose name holds a verb
    "乌兰牧骑标准化建设工程",
    "诚诚5兆瓦分布式光伏",
])
def test_a_work_is_named_whole(works, name):
    assert name in works, sorted(works)


@pytest.mark.parametrize("wrong", [
    "山头小河子过水路面改造",  # not a road named by its ends
    "220千伏线路改造和白沙110千伏变电站新建工程",
    "全年新开工吉首高新区电子信息产业园",
    "首个50万千瓦绿电进园区项目",
    "农村饮水安全巩固提升工程",  # a category of work, governed or not
    "泰兴路排水管渠升级改造等防洪排涝工程",  # a list closed by 等
    "分布式光伏",
    "自治区级示范项目",  # a designation
    "上护林、苏沁牧场至三河一队公路",  # a road's end is no place listed before the last road
])
def test_look_alikes_stay_out(works, wrong):
    assert wrong not in works, sorted(works)


@pytest.mark.parametrize("name", [
    "项目建设攻坚年",  # a named year of work, quoted whole
    "“消费促进年”活动",
    "农村人居环境整治提升五年行动",
    "清风行动",  # two quoted campaigns coordinated by 和
    "“护苗”专项行动",
    "全民健身活动",  # national programmes known by one name
    "全民阅读",
    "长江十年禁渔",
])
def test_a_campaign_is_named_to_its_edges(campaigns, name):
    assert name in {m.surface for m in campaigns}, sorted(m.surface for m in campaigns)


def test_two_campaigns_are_not_one(campaigns):
    assert "“清风行动”和“护苗”专项行动" not in {m.surface for m in campaigns}


def test_the_quoted_year_is_another_form_of_its_campaign(campaigns):
    keys = {m.surface: m.key for m in campaigns}
    assert keys.get("化解信访问题年") == keys["“化解信访问题年”专项行动"], keys
    assert keys.get("消费促进年") == keys["“消费促进年”活动"], keys


NATIONAL = (
    "2030年国务院政府工作报告\n"
    "做好北京冬奥会和冬残奥会筹办工作。成都大运会、杭州亚运会和亚残运会成功举办。做好2028年奥运会、残奥会备战参赛工作。\n"
)
COUNTY = "黑河县2030年政府工作报告\n我县运动员在杭州亚运会和全运会上取得佳绩，冬奥会冰雪项目蓬勃开展。\n"


def test_a_national_report_names_the_games():
    got = {m.surface for m in _mentions(NATIONAL)}
    assert {"北京冬奥会", "冬残奥会", "成都大运会", "杭州亚运会", "亚残运会", "2028年奥运会", "残奥会"} <= got, sorted(got)
    assert "和冬残奥会" not in got


def test_a_county_report_names_no_games_it_went_to():
    assert not [n for n in (m.surface for m in _mentions(COUNTY)) if n.endswith("运会") or n.endswith("奥会")]


def test_a_verb_before_the_games_is_no_host():
    got = {m.surface for m in _mentions("2030年国务院政府工作报告\n做好冬奥会、冬残奥会筹办工作。\n")}
    assert "冬奥会" in got and "做好冬奥会" not in got, sorted(got)
