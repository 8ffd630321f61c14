"""Enterprises and projects in forms that local reports use and the dev gold hardly holds: registered
names around a well-known short name, a group in brackets, cooperatives after the clause's verbs,
the word for a firm before its name, joint ventures; projects coordinated by 和 and quoted names
with a list inside."""

from __future__ import annotations

import pytest

from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2023年某某县人民政府工作报告\n"


def names(text: str, type_: str) -> set[str]:
    ex = process(document_from_text("test/report.txt", HEAD + text), Settings())
    return {m.surface for m in ex.mentions if m.type == type_}


def test_a_registered_name_around_a_known_short_name_is_the_firm():
    got = names("内蒙古伊泰煤制油有限责任公司200万吨煤制油项目试车成功。", "Enterprise")
    assert "内蒙古伊泰煤制油有限责任公司" in got and "伊泰" not in got


def test_a_group_in_brackets_stays_in_the_registered_name():
    assert "宝丰（集团）股份有限公司" in names("宝丰（集团）股份有限公司投资50亿元建设烯烃项目。", "Enterprise")


def test_the_clause_verbs_before_a_cooperative_are_no_part_of_it():
    got = names("培育壮大金穗农民专业合作社等新型经营主体。", "Enterprise")
    assert got == {"金穗农民专业合作社"}


def test_the_word_for_a_firm_before_its_name_is_cut_off():
    got = names("依托龙头企业宏发股份，打造继电器产业集群。", "Enterprise")
    assert got == {"宏发股份"}


@pytest.mark.parametrize("text, firm", [
    ("长安福特在我市设立销售中心。", "长安福特"),
    ("上汽大众新能源工厂投产。", "上汽大众"),
    ("与北汽福田签订战略合作协议。", "北汽福田"),
    ("宏达焦化、丰源煤业完成技改。", "丰源煤业"),
])
def test_joint_ventures_and_industry_words_make_firms(text, firm):
    assert firm in names(text, "Enterprise")


@pytest.mark.parametrize("text", [
    "坚持延长产业链，提升价值链。",
    "打造横店影视城，建设魏桥镇中心小学。",
    "引进浙商、粤商、晋商投资，徽商大会成功举办。",
    "全镇现代农业、乡村旅游、电子商务快速发展。",
    "成都、重庆、西安等城市的企业到我县考察。",
])
def test_common_words_places_merchants_and_scopes_are_not_firms(text):
    assert names(text, "Enterprise") == set()


def test_two_buildings_of_the_county_joined_by_he_are_two_names():
    got = names("完成县第一中学新校区和县人民医院门诊楼建设。", "Project")
    assert "县人民医院门诊楼" in got
    assert not any("和" in g for g in got), got


@pytest.mark.parametrize("text", [
    "开工建设“东城、西城”棚户区改造二期工程。",
    "学习运用“东城、西城”棚户区改造二期工程经验。",
])
def test_a_quoted_name_with_a_list_inside_is_one_project_without_the_verb(text):
    assert "“东城、西城”棚户区改造二期工程" in names(text, "Project")


def test_an_investment_names_the_undertaking_after_it_without_a_suffix():
    got = names("成功引进投资24亿元的能建数科压缩空气储能、投资2亿元的瑞禾农业番茄全产业链等项目。", "Project")
    assert {"能建数科压缩空气储能", "瑞禾农业番茄全产业链"} <= got


def test_an_investment_before_a_category_names_nothing():
    assert names("完成投资12亿元的基础设施建设、投资3亿元的农村公路。", "Project") == set()


def test_events_coordinated_after_one_the_government_holds_are_held_too():
    got = names("成功举办第五届桃花节、2023年全国山地自行车邀请赛和乡村振兴高峰论坛。", "Project")
    assert {"第五届桃花节", "2023年全国山地自行车邀请赛", "乡村振兴高峰论坛"} <= got


def test_an_event_named_for_the_country_and_a_city_keeps_both():
    assert "第五届中国·宜都桃花节" in names("成功举办第五届中国·宜都桃花节。", "Project")


def test_a_water_diversion_keeps_its_own_verb():
    got = names("推进南水北调中线工程、引黄入冀补淀工程，建设引汉济渭二期工程。", "Project")
    assert {"引黄入冀补淀工程", "引汉济渭二期工程"} <= got


def test_the_last_firm_of_a_list_ends_before_a_number_or_a_time():
    got = names("鸿达牧业、金牛农牧年出栏生猪30万头。", "Enterprise")
    assert got == {"鸿达牧业", "金牛农牧"}
