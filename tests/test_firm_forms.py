"""Firms in the forms report openings use beyond a suffix or a known name, and words that look like
firms and are not (kg/extract/enterprises.py, firm_lists.py, firm_owners.py): owners in a list of
firms' projects without a capacity, partners signed with, titles won, listings, firms counted in
brackets, registered names after the clause's verb; sectors, products, clause words and political
blocs are no firms. Seed report 003, old national reports' sentences and small reports written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.enterprises import enterprise_key
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2023年某某县人民政府工作报告\n"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def firms(text: str) -> set[str]:
    ex = process(document_from_text("test/report.txt", HEAD + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Enterprise"}


@pytest.fixture(scope="module")
def seed003() -> set[str]:
    path = next(SEEDS.glob("003_*.txt"))
    ex = process(document_from_text(str(path), path.read_text(encoding="utf-8")), Settings())
    return {m.surface for m in ex.mentions if m.type == "Enterprise"}


def test_owners_in_a_list_of_firms_projects_without_a_known_capacity(seed003):
    # 亿升|锆刚玉、汇达|一道光伏组件、蒙利恒|电工钢、爱德曼|氢燃料电池; 高测|1.2亿公里钨丝金刚线
    assert {"亿升", "蒙利恒", "高测"} <= seed003
    assert {"汇达", "爱德曼", "信义", "恒毅"} <= seed003  # found before, still found


def test_a_phase_ends_the_item_of_an_owner():
    got = firms("实施德农二期、绿沃川二期、鑫泰源水产养殖等设施农业项目。")
    assert {"德农", "绿沃川"} <= got


def test_sites_in_a_list_beside_a_firms_project_own_nothing():
    got = firms("实施鑫旺100万吨氧化铝项目、红庆梁铁路专用线、恩格贝污水处理厂等项目。")
    assert "鑫旺" in got and not any("红庆梁" in f or "恩格贝" in f for f in got)


def test_a_registered_name_after_the_clause_verb():
    assert "长春长生公司" in firms("严厉查处长春长生公司等问题疫苗案。")


def test_a_verb_inside_the_head_keeps_it_no_firm():
    assert firms("继续多渠道补充中小银行资本、强化公司治理。") == set()


def test_firms_the_report_signs_with_titles_listings_and_brackets():
    text = ("与鑫源泰、华茂达、振宇隆签订战略合作协议。德瑞祥、鼎晟源入选国家级专精特新“小巨人”企业。"
            "瑞丰祥在北交所成功上市。新增上市企业2家（恒泰隆、金诺威）。")
    assert {"鑫源泰", "华茂达", "振宇隆", "德瑞祥", "鼎晟源", "瑞丰祥", "恒泰隆", "金诺威"} <= firms(text)


@pytest.mark.parametrize("text", [
    "与周边旗县、兄弟盟市签订合作协议。",
    "积极与清华大学、浙江大学签署合作协议。",
    "白石村获评全国乡村旅游重点村。",
    "三是通过上市、兼并、联合、重组等形式做强企业。",
])
def test_places_schools_and_clauses_that_sign_or_win_titles_are_no_firms(text):
    assert firms(text) == set()


@pytest.mark.parametrize("text", [
    "社会主义工业化为主体的，而对农业、手工业的改造。",
    "剩余劳动力还不能得到充分利用。",
    "我们还应该积极地研究某些代用材料。",
    "推广动力机械、耕作机械、脱粒机械和运输机械。",
    "在很多工业、商业、运输等企业中，也还存在浪费。",
    "鼓励国有、民营、外资、私营等各类企业参与。",
    "美国纠集东南亚条约集团。粉碎林彪反党集团。",
    "最近对于胡风反革命集团的揭露。",
])
def test_sectors_products_clause_words_and_blocs_are_no_firms(text):
    assert firms(text) == set()


def test_a_firm_known_by_a_word_the_dictionary_knows_stays_in_a_list():
    assert {"农垦", "森工"} <= firms("深化与农垦、森工等驻市企业全方位合作。")


def test_a_place_with_only_industry_words_is_the_firms_name_in_its_key():
    assert enterprise_key("包头钢铁公司") != enterprise_key("本溪钢铁公司")
    assert enterprise_key("山东水发集团") == enterprise_key("水发集团")


def test_a_known_firm_with_its_industry_before_a_capacity_is_named_whole():
    ex = process(document_from_text("test/report.txt", HEAD + "确保亿利化学3万吨三氯乙烯等项目建成投产。亿利集团扩产。"),
                 Settings())
    got = {m.surface: m.key for m in ex.mentions if m.type == "Enterprise"}
    assert "亿利化学" in got and "亿利" not in got
    assert got["亿利化学"] != got["亿利集团"]  # the branch is a firm of its own, not the group's node


def test_firms_a_cluster_is_led_by_wished_to_grow_or_earning():
    text = "形成以鑫泰隆、华茂达为龙头的光伏产业集群。支持鼎晟源做大做强。瑞丰祥实现产值10亿元。"
    assert {"鑫泰隆", "华茂达", "鼎晟源", "瑞丰祥"} <= firms(text)


@pytest.mark.parametrize("text", [
    "规上工业实现产值100亿元。文旅产业实现营收3亿元。",
    "以企业为主体。以项目为龙头。支持民营企业做大做强。",
])
def test_sectors_earning_or_leading_are_no_firms(text):
    assert firms(text) == set()


def test_one_character_before_he_at_a_clause_start_is_the_firms_name():
    got = firms("塞尚乳业落实智慧家庭牧场试点；恩和农牧业公司的三河牛良种扩繁基地建设。")
    assert "恩和农牧业公司" in got
    assert firms("推动企业和物流公司合作。") == set()


def test_academies_and_universities_in_a_list_after_a_verb_are_no_firms() -> None:
    got = firms("三亚崖州湾科技城引进中国农业科学院、中国海洋大学等科研机构，引进鑫旺、宏达等企业。")
    assert "中国农业科学院" not in got and "中国海洋大学" not in got, got
    assert {"鑫旺", "宏达"} <= got, got
