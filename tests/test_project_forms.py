"""Project names by their form (kg/extract/projects.py, projects_forms.py): held events named from
the holding verb, quoted titles and phases, governed campaigns whose name holds a verb, numbered
road sections, lines with transmission words; and the look-alikes that stay out: a count of
events, a designation, a kind of work counted, the scope of a pilot. Reports written for these tests."""

from __future__ import annotations

import pytest

from kg import extract
from kg.read import document_from_text

EVENTS = (
    "吉河县2024年政府工作报告\n"
    "过去一年，成功举办第三届中国（吉河）鼓文化节和湘河州第二届旅游发展大会。"
    "举办龙舟赛和鼓文化节等节会活动，连续举办8届全县双创活动周。"
    "“不忘初心、扎根草原——全区乌兰牧骑交流演出启动仪式”在我县举行。"
    "实施“引绰济辽”工程和“三北”六期工程，实施“双十万亩”经济林工程。\n"
)

WORKS = (
    "青山县2024年政府工作报告\n"
    "过去一年，开展欠薪预防整治专项行动，确保农民工工资按时足额发放。"
    "深入开展信访积案清零攻坚行动。在经开区开展自贸试验区相关改革试点，开展扩大职业伤害保障试点工作。"
    "启动国道331线阿尔山至白狼段和省道203线建设，加快推进通辽至京沈高铁连接线项目。"
    "实施集宁—二连浩特铁路扩能改造工程，建设上海庙—山东±800千伏特高压直流输电工程。"
    "实施甘旗卡镇集中供热管网改造和二期污水处理厂建设。"
    "推进首批碳达峰试点，扩大整省试点范围。"
    "实施中小学幼儿园新改扩建项目7个，太平至根白等5条公路建设完工。\n"
)


def _projects(text: str) -> set[str]:
    ex = extract.process(document_from_text("t.txt", text), "jieba", extract.DEFAULT_PIPELINE)
    return {m.surface for m in ex.mentions if m.type == "Project"}


@pytest.fixture(scope="module")
def events() -> set[str]:
    return _projects(EVENTS)


@pytest.fixture(scope="module")
def works() -> set[str]:
    return _projects(WORKS)


@pytest.mark.parametrize("name", [
    "第三届中国（吉河）鼓文化节",  # 鼓 (drum) is a verb to the dictionary: the holding verb opens the name
    "鼓文化节",  # one character before the head, held
    "不忘初心、扎根草原——全区乌兰牧骑交流演出启动仪式",  # a quoted title holds 、 and ——
    "“三北”六期工程",  # a phase after a quoted name
    "“双十万亩”经济林工程",  # a slogan and one more word
])
def test_an_event_or_quoted_work_is_named_whole(events, name):
    assert name in events, sorted(events)


@pytest.mark.parametrize("wrong", ["8届全县双创活动周", "乌兰牧骑交流演出启动仪式", "龙舟赛和鼓文化节"])
def test_a_count_a_cut_title_or_two_events_are_no_name(events, wrong):
    assert wrong not in events, sorted(events)


@pytest.mark.parametrize("name", [
    "欠薪预防整治专项行动",  # verbs inside a campaign's name (欠薪, 预防) do not open it
    "信访积案清零攻坚行动",
    "职业伤害保障试点",  # 扩大 is the scope, not the name
    "国道331线阿尔山至白狼段",
    "省道203线",
    "通辽至京沈高铁连接线项目",
    "集宁—二连浩特铁路扩能改造工程",
    "上海庙—山东±800千伏特高压直流输电工程",
    "二期污水处理厂",
])
def test_a_work_is_named_to_its_edges(works, name):
    assert name in works, sorted(works)


@pytest.mark.parametrize("wrong", [
    "自贸试验区相关改革试点",  # pilots of a kind
    "扩大职业伤害保障试点",
    "首批碳达峰试点",  # a designation
    "整省试点",  # the scope of a pilot named before
    "中小学幼儿园新改扩建项目",  # a kind of work, counted after it
    "中小学幼儿园",
    "5条公路",  # a count of roads
    "管网改造和二期污水处理厂",
    "预防整治专项行动",
    "积案清零攻坚行动",
])
def test_look_alikes_stay_out(works, wrong):
    assert wrong not in works, sorted(works)


NATIONAL = (
    "2030年国务院政府工作报告\n"
    "过去一年，出席联合国成立85周年系列高级别会议、世界卫生大会、二十国集团领导人峰会、"
    "东亚合作领导人系列会议等重大活动。召开全国经济工作会议、全国农村工作会议。"
    "办好进博会、广交会、服贸会等重大展会。稳步推进长期护理保险制度试点，扩大完全成本和收入保险试点范围。\n"
)


@pytest.fixture(scope="module")
def national() -> set[str]:
    return _projects(NATIONAL)


@pytest.mark.parametrize("name", [
    "联合国成立85周年系列高级别会议",  # meetings listed beside a summit
    "世界卫生大会",
    "东亚合作领导人系列会议",
    "进博会",  # 办好 holds the fair
    "长期护理保险制度试点",  # 稳步推进 governs the pilot
    "完全成本和收入保险试点",  # and 扩大
])
def test_national_events_and_pilots(national, name):
    assert name in national, sorted(national)


@pytest.mark.parametrize("wrong", ["全国经济工作会议", "全国农村工作会议", "出席联合国成立85周年系列高级别会议"])
def test_meetings_without_a_summit_beside_them_stay_out(national, wrong):
    assert wrong not in national, sorted(national)
