"""Names of projects, policies and slogans where reports nobody tuned on break the rules: road and line
sections, held events, governed campaigns, honours, clause fragments, mined national names, and
`implements` said by the names alone."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.extract.text import load_tsv
from kg.pipeline import Settings, process
from kg.read import document_from_text

ROOT = Path(__file__).resolve().parents[1]
HEAD = "2023年吉首市政府工作报告\n"


def extract(text: str, head: str = HEAD):
    return process(document_from_text("test/report.txt", head + text), Settings())


def names(ex, type_: str) -> set[str]:
    return {m.surface for m in ex.mentions if m.type == type_}


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


# --- projects ---------------------------------------------------------------------------------

def test_projects_road_and_line_sections():
    ex = extract("开工建设吉首至凤凰高速公路。加快推进张家界—吉首—怀化500千伏输变电工程建设。")
    got = names(ex, "Project")
    assert {"吉首至凤凰高速公路", "张家界—吉首—怀化500千伏输变电工程"} <= got


def test_projects_numbered_roads_and_places_inside_names():
    ex = extract("省道207线升级改造工程及国道304线至海斯改段旅游公路均完成主体工程。全力推进省道x线、丰华热电联产等重大项目。")
    got = names(ex, "Project")
    assert {"省道207线升级改造工程", "国道304线至海斯改段旅游公路", "省道x线"} <= got


def test_projects_events_held_and_named():
    ex = extract("成功举办2023吉首马拉松赛和武陵山区域发展论坛，以举办全市高质量发展观摩交流现场会为契机。")
    got = names(ex, "Project")
    assert {"2023吉首马拉松赛", "武陵山区域发展论坛", "高质量发展观摩交流现场会"} <= got


def test_projects_governed_campaigns_programmes_and_their_coordinates():
    ex = extract("开展农村牧区高利贷综合整治专项行动,严厉打击套路贷。"
                 "实施好高校毕业生就业创业促进计划和基层成长计划,完成退伍军人安置。"
                 "落实落地经济稳进提质攻坚行动,助力市场主体。")
    got = names(ex, "Project") | names(ex, "Policy")
    assert {"农村牧区高利贷综合整治专项行动", "高校毕业生就业创业促进计划", "基层成长计划",
            "经济稳进提质攻坚行动"} <= got
    assert not any(g.startswith(("落地", "实施")) for g in got), got


def test_projects_individuated_by_investment_and_heritage():
    ex = extract("推进总投资5亿元的辽代皇家遗址公园项目建设。")
    assert "辽代皇家遗址公园项目" in names(ex, "Project")


@pytest.mark.parametrize("text,bad", [
    ("新成立县人民医院医共体，连同县中医院新院区建设项目一并推进。", "连同"),
    ("荣获全国信访工作“三无”县、全国森林康养基地试点建设示范县等殊荣。", "森林康养"),
    ("入选第三批全国森林康养示范基地。", "第三批"),
    ("国际会展中心获批2个国家级服务业标准化试点项目。", "标准化试点"),
    ("smt贴片、高新电子产业园等59个产业类和基建类项目落地开工。", "产业类"),
])
def test_projects_honours_designations_and_neighbours_are_not_names(text, bad):
    got = names(extract(text), "Project")
    assert not any(bad in g for g in got), got


# --- policies ---------------------------------------------------------------------------------

def test_policies_national_names_keep_their_modifiers():
    ex = extract("深入实施积极应对人口老龄化国家战略，建立基本医疗卫生制度，完善长期护理保险制度，"
                 "改革信访工作制度，实施以工代赈，推行以奖代补。")
    got = names(ex, "Policy")
    assert {"积极应对人口老龄化国家战略", "基本医疗卫生制度", "长期护理保险制度", "信访工作制度",
            "以工代赈", "以奖代补"} <= got
    assert "改革信访工作制度" not in got


@pytest.mark.parametrize("text", [
    "绝不会影响改革，这是财政管理制度。",
    "严格执行预算法，全面实施临时救助制度。",
    "央视《新闻联播》报道我市经验。",
    "14486亿元金融改革，三中全会改革，主要领域改革。",
    "领导和中国特色社会主义制度。",
])
def test_policies_clause_fragments_and_media_are_not_names(text):
    got = names(extract(text), "Policy")
    bad = ("绝不会", "这是", "严格执行", "全面实施", "新闻联播", "14486", "三中全会", "主要领域", "领导和")
    assert not any(g.startswith(bad) for g in got), got


def test_regional_strategies_are_policies_and_craft_are_no_slogans():
    ex = extract("推动京津冀协同发展、长江经济带发展、粤港澳大湾区建设，“嫦娥六号”完成月背采样。")
    assert {"京津冀协同发展", "长江经济带发展", "粤港澳大湾区建设"} <= names(ex, "Policy")
    assert "嫦娥六号" not in names(ex, "Slogan")


# --- implements -------------------------------------------------------------------------------

def test_implements_by_shared_names():
    ex = extract("出台国企改革三年行动方案。\n完成安全生产任务。\n深入实施国企改革三年行动，做强做优国有资本。\n"
                 "扎实开展“三清一改”村庄清洁行动，推进农村人居环境整治。")
    rels = {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == "implements"}
    assert ("国企改革三年行动", "国企改革三年行动方案") in rels
    assert ("“三清一改”村庄清洁行动", "三清一改") in rels


# --- the mined lexicon and the national sample ------------------------------------------------

def test_mined_national_names_need_a_governing_verb_and_two_reports(tmp_path):
    (tmp_path / "2001_guowuyuan.txt").write_text(
        "深入实施创新驱动发展战略，深化医药卫生体制改革，实施科教兴国战略和人才强国战略。我们要推进各项改革。",
        encoding="utf-8")
    (tmp_path / "2002_guowuyuan.txt").write_text(
        "实施创新驱动发展战略。推进医药卫生体制改革。实施人才强国战略。继续推进各项改革。开展一次性行动。",
        encoding="utf-8")
    mine = _bench("mine_national").mine
    got = mine(sorted(tmp_path.glob("*.txt")))
    assert set(got) == {"创新驱动发展战略", "医药卫生体制改革", "人才强国战略"}
    assert got["医药卫生体制改革"][0] == "reform"


def test_shipped_mined_lexicon_holds_no_rejected_string():
    rows = load_tsv("national_policies.tsv")
    skip = {r[0] for r in load_tsv("national_policies.skip.tsv")}
    assert len(rows) > 100 and not skip & {r[0] for r in rows}
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)  # deterministic order


def test_national_sample_is_seeded_and_complete(tmp_path, capsys):
    (tmp_path / "2020_guowuyuan.txt").write_text(
        "2020年国务院政府工作报告\n深入实施创新驱动发展战略，全面推行河湖长制，落实“六稳”工作。\n", encoding="utf-8")
    sample = _bench("national_sample")
    assert sample.main([str(tmp_path), "--years", "2020-2020", "--n", "2", "--seed", "1"]) == 0
    first = capsys.readouterr().out
    assert sample.main([str(tmp_path), "--years", "2020-2020", "--n", "2", "--seed", "1"]) == 0
    assert capsys.readouterr().out == first
    lines = first.strip().splitlines()
    assert lines[0].startswith("# 1 reports") and len(lines) == 3
    assert all(line.split("\t")[2] in {"Policy", "Slogan", "Place", "Project", "Enterprise"} for line in lines[1:])
    assert sample.main([str(tmp_path), "--years", "1990-1991"]) == 2
