"""Owners of projects and firms in the lists local reports write (kg/extract/firm_owners.py and the
list rules of kg/extract/enterprises.py, firm_lists.py): a rare name before a capacity owns the
project, a word the dictionary knows does so only in a list of owners, products, places and public
bodies before a capacity own nothing; list items after the clause's verbs, counted lists, names cut
by the segmenter. Seed report 003 and small reports written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import extract
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2023年某某县人民政府工作报告\n"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _run(text: str, pipeline: tuple[str, ...] = extract.DEFAULT_PIPELINE):
    return process(document_from_text("test/report.txt", HEAD + text), Settings(pipeline=pipeline))


def firms(text: str) -> dict[str, str]:
    return {m.surface: m.extractor for m in _run(text).mentions if m.type == "Enterprise"}


@pytest.fixture(scope="module")
def seed003():
    path = next(SEEDS.glob("003_*.txt"))
    return process(document_from_text(str(path), path.read_text(encoding="utf-8")), Settings())


def test_rare_names_before_a_capacity_own_the_projects_of_a_real_report(seed003):
    got = {m.surface for m in seed003.mentions if m.type == "Enterprise"}
    assert {"鑫旺", "荣信", "中轩", "建亨奥能"} <= got
    # the project keeps its whole name; the firm is its owner at its head
    projects = {m.surface for m in seed003.mentions if m.type == "Project"}
    assert "鑫旺100万吨氧化铝项目" in projects
    # a scope word, a place or a mine before a capacity owns nothing
    assert not {"首个", "开发区", "沿黄", "呼斯梁", "防沙治沙", "规模以上工业企业"} & got


def test_a_dictionary_word_owns_a_capacity_only_in_a_list_of_owners(seed003):
    owners = {m.surface: m.extractor for m in seed003.mentions if m.type == "Enterprise"}
    assert owners.get("心连心") == "enterprises.owner-list"  # beside 中轩|6000吨多功能凝胶
    assert "信义" in owners  # beside 恒毅|7万只石英坩埚
    alone = firms("开工建设信义180万吨光伏玻璃项目。")
    assert "信义" not in alone


def test_without_the_capacity_rule_the_rare_owner_is_missed():
    text = "开工建设荣信80万吨烯烃项目。"
    without = tuple(c for c in extract.DEFAULT_PIPELINE if c not in ("project-owners", "owner-lists"))
    assert "荣信" not in {m.surface for m in _run(text, without).mentions if m.type == "Enterprise"}
    assert firms(text).get("荣信") == "enterprises.project-owner"


@pytest.mark.parametrize("text", [
    "建设肉牛10万头标准化养殖项目。",      # a product before a capacity
    "推进县人民医院二期建设项目。",          # a public body before a phase
    "新建年产5万吨有机肥项目。",             # a verb of production
    "全县100万千瓦风电项目并网发电。",       # the report's scope
])
def test_products_public_bodies_and_scopes_own_no_capacity(text):
    assert firms(text) == {}


def test_two_glued_syllables_before_an_industry_word_are_its_trade_name():
    # 晟|通|糖业: the segmenter reads 通 as a verb; 糖业 alone is an industry, not a firm
    got = firms("晟通糖业、诚诚矿业认定为自治区级高新技术企业。")
    assert {"晟通糖业", "诚诚矿业"} <= set(got) and "糖业" not in got


@pytest.mark.parametrize("text, expected", [
    ("新培育宏发、天元、金河等3家上市后备企业。", {"宏发", "天元", "金河"}),
    ("培育天润乳业、恒信科技、鑫源农牧3家国家级龙头企业。", {"天润乳业", "恒信科技", "鑫源农牧"}),
    ("鼎盛、恒源、鑫达等龙头企业带动作用明显。", {"鼎盛", "恒源", "鑫达"}),
    ("招引了奥瑞金、海天、立白等一批知名企业。", {"奥瑞金", "海天", "立白"}),
    ("全年新引进华润、中粮、伊利等12家企业。", {"华润", "中粮", "伊利"}),
])
def test_the_items_of_lists_of_firms_are_whole_names(text, expected):
    assert set(firms(text)) == expected


def test_a_known_name_with_a_particle_glued_on_is_found():
    assert "晶澳科技" in firms("由晶澳科技投资建设的10GW光伏组件项目竣工投产。")


def test_a_lists_last_firm_ends_before_the_verb_of_listing():
    got = firms("新增规上企业21家，晨光生物、玉锋实业上市。")
    assert "玉锋实业" in got and "玉锋实业上市" not in got


def test_deng_ji_closes_no_list_of_firms():
    assert firms("四上企业：指规模以上工业企业、资质等级建筑业企业、限额以上批零住餐企业。") == {}


def test_a_product_described_after_a_rare_name_is_no_firm():
    # 菲姆|高效|节水|装备: two everyday words between the rare head and the industry word describe a product
    assert not any(n.endswith("装备") for n in firms("引进耐特菲姆高效节水装备生产应用项目。"))
    assert "华腾新材料" in firms("新增鑫磊科技、华腾新材料2家上市企业。")


@pytest.mark.parametrize("text", [
    "加快建设中轩6000吨多功能凝胶、肉牛10万头标准化养殖等项目。",
    "确保中轩6000吨多功能凝胶、煤炭500万吨洗选等项目建成投产。",
])
def test_a_product_before_a_capacity_in_a_list_of_owners_is_no_firm(text):
    # owner_not_names.tsv: the list admits dictionary words (信义), but not a product (肉牛, 煤炭)
    assert set(firms(text)) == {"中轩"}


def test_a_name_the_report_lists_as_a_town_owns_no_project() -> None:
    """One sense per report: 孙镇 among the towns is no firm before 酥梨产业园 either."""
    text = "2023年蒲城县人民政府工作报告\n孙镇、龙阳镇、兴镇等镇建成酥梨产业园，孙镇酥梨产业园入选省级现代农业园区。"
    ex = process(document_from_text("test/report.txt", text), Settings())
    assert "孙镇" in {m.surface for m in ex.mentions if m.type == "Place"}
    assert "孙镇" not in {m.surface for m in ex.mentions if m.type == "Enterprise"}
