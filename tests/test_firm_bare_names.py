"""Enterprises written as bare trade names in the forms unseen reports use (the names here are
made up): the owner before a project's phase, a firm's trade name at the head of its plants, the
investor after 投资X亿元的, names the segmenter cut apart, and products inside a project that are
no firm."""

from __future__ import annotations

import pytest

from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2023年某某县人民政府工作报告\n"


def firms(text: str) -> set[str]:
    ex = process(document_from_text("test/report.txt", HEAD + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Enterprise"}


def test_a_word_before_a_phase_and_what_the_plant_makes_is_its_owner():
    assert "骑士" in firms("加快骑士五期2.5万头奶牛养殖等项目建设。")
    assert "恒星" in firms("引进实施恒星二期氟硅材料、峨眉山长庆新材料气相二氧化硅等项目。")


@pytest.mark.parametrize("text", ["加快中线一期主体工程建设。", "推进三峡三期工程建设。", "实施开发区二期道路工程。"])
def test_a_place_or_a_route_before_a_phase_is_no_firm(text):
    assert firms(text) == set()


def test_a_firms_trade_name_is_the_firm_at_the_head_of_its_plants():
    got = firms("沃丰川数字农业产业园建成投产。实施德宁二期、沃丰川二期等设施农业项目。")
    assert {"沃丰川", "德宁"} <= got


def test_without_the_full_name_a_list_of_phases_names_no_firm():
    assert not {"沃丰川", "德宁"} & firms("实施德宁二期、沃丰川二期等设施农业项目。")


def test_the_investor_after_a_price_opens_its_project():
    got = firms("成功引进投资24亿元的瑞科数能压缩空气储能、投资10亿元的泓嘉新能源产业基地项目。")
    assert {"瑞科数能", "泓嘉新能源"} <= got


def test_priced_public_works_places_and_capacities_name_no_investor():
    got = firms("开工建设投资5亿元的县人民医院综合楼、投资2亿元的城北污水处理厂、投资3亿元的农产品加工园项目、"
                "投资1亿元的年产5万吨饲料项目、投资3亿元的大营子村美丽乡村项目。")
    assert got == set()


def test_a_syllable_cut_off_a_listed_owner_is_rejoined():
    assert "新天龙" in firms("新天龙技术改造、华大30兆瓦生物质发电、年产6万吨减水剂等13个项目集中开工。")


@pytest.mark.parametrize("text, firm", [
    ("引进了聚合顺、鼎盛隆、华晨等企业。", "聚合顺"),
    ("开工建设荣信80万吨烯烃项目，争取聚合顺新材料等项目落地。", "聚合顺新材料"),
    ("新增规上企业12家，培育了鑫达、华瑞、恒源等骨干企业。", "鑫达"),
    ("建成投产金鼎铝业、恒达建材等项目。", "金鼎铝业"),
])
def test_names_the_segmenter_cut_apart_are_whole(text, firm):
    assert firm in firms(text)


@pytest.mark.parametrize("text, wrong", [
    ("推动建设顺新材料等企业。", "建设顺新材料"),
    ("建成投产金鼎铝业、恒达建材等项目。", "建成投产金鼎铝业"),
])
def test_the_clause_verb_stays_out_of_a_rejoined_name(text, wrong):
    assert wrong not in firms(text)


@pytest.mark.parametrize("text", ["加快发展新材料、新能源等产业。", "大力发展小米、谷子等特色杂粮。"])
def test_industries_and_crops_in_lists_are_no_firms(text):
    assert firms(text) == set()


def test_a_product_described_inside_a_project_is_no_firm():
    assert firms("全国首个多式联运双挂汽车列车项目先行先试。") == set()


def test_a_firm_opening_its_project_stays():
    assert "天润乳业" in firms("天润乳业年产10万吨乳制品项目建成投产。")


def test_an_owner_keeps_the_industry_word_it_runs_into():
    got = firms("实施鑫磊矿业选矿厂扩建、天宏化工尾气回收利用等项目。")
    assert {"鑫磊矿业", "天宏化工"} <= got and "鑫磊" not in got


def test_a_known_firms_park_is_its_project_not_its_name():
    got = firms("建成投产安踏物流园、正邦生猪养殖等项目。")
    assert "安踏" in got and "安踏物流园" not in got


def test_a_known_firms_unit_is_the_firm():
    assert "京东云仓" in firms("京东云仓、菜鸟驿站在我县运营。")


@pytest.mark.parametrize("text, firm", [
    ("要全力保障大唐x煤化工稳定生产。", "大唐x煤化工"),
    ("大唐多伦煤化工年产46万吨烯烃项目建成。", "大唐多伦煤化工"),
])
def test_a_known_firms_branch_named_by_its_place_is_one_firm(text, firm):
    assert firm in firms(text)


def test_a_known_firm_before_a_place_and_no_industry_word_stays_itself():
    got = firms("大唐多伦风电场建成投产。")
    assert "大唐多伦风电场" not in got


def test_a_name_whose_centre_wins_a_firms_title_is_a_firm():
    got = firms("积极搭建科技创新服务平台，瑞昊通达“节能环保技术”研究开发中心获批自治区企业研究开发中心。")
    assert "瑞昊通达" in got


@pytest.mark.parametrize("text", ["锌铅银精矿研究开发中心被认定为自治区级企业研发中心。",
                                  "县人民医院重点实验室获批省级重点实验室。"])
def test_a_products_or_a_public_bodys_centre_names_no_firm(text):
    assert firms(text) == set()


def test_a_name_in_a_counted_list_of_firms_projects_is_a_firm():
    assert "中微微元" in firms("华润燃气门站、中微微元等3个项目顺利投产。")


def test_without_a_firm_in_the_list_its_names_stay_untyped():
    assert "中微微元" not in firms("城南污水处理厂、中微微元等3个项目顺利投产。")


@pytest.mark.parametrize("text", ["华润燃气门站、城南污水处理厂、智能丝网等8个项目开工。",
                                  "鑫源光伏组件、智能丝网、光伏玻璃深加工等6个项目投产。"])
def test_products_and_public_works_in_such_lists_are_no_firms(text):
    assert not {"智能丝网", "城南污水处理厂", "光伏玻璃深加工"} & firms(text)


def test_a_list_counted_as_firms_of_a_kind_is_firms():
    assert {"鑫达", "华瑞"} <= firms("新增鑫达、华瑞2家规上企业。")


def test_kinds_of_firm_counted_are_no_firms():
    assert firms("新增规上工业企业、高新技术企业2家企业。") == set()


def test_a_name_at_a_line_start_has_no_line_break():
    got = firms("全年新增项目12个。\n金源集团投资20亿元建设年产10万吨电池材料项目。")
    assert got and all(not name[0].isspace() for name in got)


def test_a_bound_syllable_left_alone_ends_the_owners_name():
    assert "盛德源" in firms("实施盛德源甲醇装置升级改造等3个节能技改项目。")


def test_a_free_noun_after_the_owner_is_the_product():
    got = firms("实施蒙宝牛副产品深加工项目。")
    assert "蒙宝牛" not in got


@pytest.mark.parametrize("text", ["实施城区供热管网升级改造、第二污水处理厂技术改造等项目。"])
def test_public_works_being_renovated_have_no_owner(text):
    assert firms(text) == set()
