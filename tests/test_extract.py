"""Each extractor on sentences written for the purpose: what it must find, and near misses it must not."""

from __future__ import annotations

import pytest

from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD_ZHAOYUAN = "2020年肇源县政府工作报告\n"
HEAD_KZHQ = "2020年科左后旗人民政府工作报告\n"


def extract(text: str, head: str = HEAD_ZHAOYUAN):
    doc = document_from_text("test/report.txt", head + text)
    return process(doc, Settings())


def names(ex, type_: str) -> set[str]:
    return {m.surface for m in ex.mentions if m.type == type_}


def keys(ex, type_: str) -> set[str]:
    return {m.key for m in ex.mentions if m.type == type_}


# --- places -----------------------------------------------------------------------------------

def test_places_divisions_towns_and_foreign():
    ex = extract("受邀在意大利罗马举行的研讨会上发言。新站镇、三站镇污水处理厂建成，大庆市委给予肯定。")
    got = names(ex, "Place")
    assert {"意大利", "罗马", "新站镇", "三站镇", "大庆市"} <= got
    codes = {m.surface: m.code for m in ex.mentions if m.type == "Place"}
    assert codes["大庆市"] == "230600"


def test_places_short_forms_resolve_to_one_code():
    ex = extract("科左后旗地处科尔沁沙地腹地，科尔沁左翼后旗位于通辽市东南部。", HEAD_KZHQ)
    kz = {m.key for m in ex.mentions if m.surface in ("科左后旗", "科尔沁左翼后旗")}
    assert kz == {"adm:150522"}
    assert "科尔沁沙地" in names(ex, "Place")


def test_places_town_short_form_and_village_of_home_county():
    ex = extract("甘旗卡镇区绿化提升，车家窝堡村、莲花吐村入选示范村，开工建设县道457线至朝鲁吐段。", HEAD_KZHQ)
    got = names(ex, "Place")
    assert {"甘旗卡", "车家窝堡村", "莲花吐村", "朝鲁吐"} <= got or {"甘旗卡镇", "车家窝堡村", "莲花吐村"} <= got


@pytest.mark.parametrize("text,not_place", [
    ("维护社会长治久安。", "长治"),
    ("公安机关依法打击犯罪。", "公安"),
    ("不断丰富现有景区的业态。", "现有景区"),
    ("蒙古族群众安居乐业。", "蒙古"),
    ("乡镇和县直部门共同推进。", "和县"),
])
def test_places_near_misses(text, not_place):
    got = names(extract(text), "Place")
    assert not any(not_place in g for g in got), got


# --- enterprises --------------------------------------------------------------------------------

def test_enterprises_by_legal_form_industry_and_context():
    ex = extract(
        "通威集团、正邦集团、山东水发集团等知名企业先后落户肇源。支持康臣药业做大做强，"
        "大金源农牧业有限公司获批研发中心。推进庆翔生物质热电联产、东方日升光伏发电等项目投产。"
    )
    got = names(ex, "Enterprise")
    assert {"通威集团", "正邦集团", "山东水发集团", "康臣药业", "大金源农牧业有限公司", "庆翔", "东方日升"} <= got


@pytest.mark.parametrize("text", [
    "大力发展绿色食品和仓储物流。",
    "引导物业公司规范服务。",
    "全县农牧民合作社发展到2058家。",
    "建设100兆瓦光伏发电项目。",
])
def test_enterprises_near_misses(text):
    assert names(extract(text), "Enterprise") == set()


def test_enterprise_with_place_prefix_meets_its_short_name():
    ex = extract("山东水发集团落户肇源。重点推进水发集团现代农业产业化项目。")
    assert len(keys(ex, "Enterprise")) == 1


# --- projects -----------------------------------------------------------------------------------

def test_projects_individuated_by_capacity_place_or_enterprise():
    ex = extract(
        "2×36兆瓦热电联产项目一期主体竣工。完成省道207线升级改造工程。加快21个老旧小区维修改造工程。"
        "全力推进宁升电力100兆瓦平价光伏发电、亿盟华世1.8万吨大豆深加工等项目。",
        HEAD_KZHQ,
    )
    got = names(ex, "Project")
    assert {"2×36兆瓦热电联产项目", "省道207线升级改造工程", "21个老旧小区维修改造工程",
            "宁升电力100兆瓦平价光伏发电", "亿盟华世1.8万吨大豆深加工"} <= got


@pytest.mark.parametrize("text", [
    "实施重点项目36个。",
    "全年签约13个项目。",
    "深入实施文化惠民工程。",
    "完成2020年民生实事项目。",
    "推进高标准农田建设。",
])
def test_projects_near_misses(text):
    assert names(extract(text), "Project") == set(), text


def test_national_programmes_and_surveys():
    got = names(extract("三北工程建设取得优异成绩，第七次全国人口普查顺利完成。"), "Project")
    assert {"三北工程", "第七次全国人口普查"} <= got


# --- policies -----------------------------------------------------------------------------------

def test_policies_titles_plans_reforms_systems():
    ex = extract(
        "认真贯彻《优化营商环境条例》，全面推行河湖长制，科学编制“十四五”规划，实施乡村振兴战略，"
        "深化工程建设项目审批制度改革，推行投资项目承诺制。"
    )
    got = names(ex, "Policy")
    assert {"优化营商环境条例", "河湖长制", "“十四五”规划", "乡村振兴战略", "工程建设项目审批制度改革",
            "投资项目承诺制"} <= got


@pytest.mark.parametrize("text", ["坚持科学规划。", "全年改革任务完成。", "研究政策，用好政策。", "同志们提出意见。"])
def test_policies_near_misses(text):
    assert names(extract(text), "Policy") == set(), text


def test_five_year_plan_forms_meet():
    ex = extract("“十四五”时期是关键期，科学编制“十四五”规划。")
    assert keys(ex, "Policy") == {"policy:十四五规划"}
    assert not any("十四五" in s for s in names(ex, "Slogan"))


# --- slogans ------------------------------------------------------------------------------------

def test_slogan_variants_meet_and_expand():
    ex = extract("聚焦“两不愁、三保障”，落实“四个不摘”要求。两不愁三保障全面实现。坚持“823”经济发展思路，做好六稳工作。")
    ks = keys(ex, "Slogan")
    assert "slogan:两不愁三保障" in ks and "slogan:四个不摘" in ks and "slogan:823" in ks and "slogan:六稳" in ks
    two = [m for m in ex.mentions if m.key == "slogan:两不愁三保障"]
    assert len({m.surface for m in two}) == 2
    six = next(m for m in ex.mentions if m.key == "slogan:六稳")
    assert "稳就业" in six.expansion


@pytest.mark.parametrize("text", ["开展“回头看”。", "提供“保姆式”服务。", "整治“脏乱差”。", "打造一流营商环境。"])
def test_slogans_near_misses(text):
    assert names(extract(text), "Slogan") == set(), text


def test_slogans_parallel_motto_and_plus():
    got = names(extract("推广“户分类、村收集、镇处理”模式，推进“互联网+政务服务”。"), "Slogan")
    assert {"户分类、村收集、镇处理", "互联网+政务服务"} <= got


# --- relations ----------------------------------------------------------------------------------

def rels(ex) -> set[tuple[str, str, str]]:
    return {(r.head.surface, r.rel, r.tail.surface) for r in ex.relations}


def test_relations_part_of_located_in_undertakes():
    ex = extract(
        "通辽市科左后旗甘旗卡镇建设加快。泰鼎有色金属15万吨废铅酸蓄电池综合利用等项目建成投产。"
        "受邀在意大利罗马举行的“2019全球减贫伙伴研讨会”上发言。",
        HEAD_KZHQ,
    )
    r = rels(ex)
    assert ("科左后旗", "partOf", "通辽市") in r
    assert ("罗马", "partOf", "意大利") in r
    assert ("泰鼎有色金属", "undertakes", "泰鼎有色金属15万吨废铅酸蓄电池综合利用") in r
    assert ("2019全球减贫伙伴研讨会", "locatedIn", "罗马") in r
    assert any(h.startswith("甘旗卡") and rel == "partOf" and t == "科左后旗" for h, rel, t in r)


def test_relations_enterprise_settles_in_place():
    ex = extract("通威集团、正邦集团等知名企业先后落户肇源。")
    assert ("通威集团", "locatedIn", "肇源") in rels(ex)


# --- figures ------------------------------------------------------------------------------------

def test_indicators_actual_figures_only():
    ex = extract(
        "2019年，全旗地区生产总值完成122.05亿元,同比增长3.4%；城镇和农村牧区常住居民人均可支配收入分别达到"
        "29025元、13671元,分别同比增长7.3%、11.4%。\n今年预期目标：地区生产总值增长6%左右，一般公共预算收入x亿元。",
        HEAD_KZHQ,
    )
    obs = {(o.indicator, o.value, o.year, o.growth_pct) for o in ex.observations if o.kind == "outcome"}
    assert ("地区生产总值", 122.05, 2019, 3.4) in obs
    assert ("城镇常住居民人均可支配收入", 29025.0, 2019, 7.3) in obs
    assert ("农村常住居民人均可支配收入", 13671.0, 2019, 11.4) in obs
    assert len(obs) == 3
    # the target is kept, as a target of the year planned; the placeholder x亿元 is no figure
    targets = {(o.indicator, o.value, o.year, o.growth_pct, o.qualifier) for o in ex.observations if o.kind == "target"}
    assert targets == {("地区生产总值", None, 2020, 6.0, "左右")}


def test_arbitrary_text_does_not_crash():
    for text in ["", "。。。", "“”“", "《》", "x" * 500, "项目项目工程", "\n\n\n"]:
        extract(text)


def test_slogans_numbered_sets_and_packed_lists():
    ex = extract("围绕“食住行游购娱”等旅游要素，落实十项重点工作。要把十项重点工作抓实。完成三项任务。")
    got = names(ex, "Slogan")
    assert {"食住行游购娱", "十项重点工作"} <= got
    assert "三项任务" not in got  # named once: an ordinary count, not a formula


def test_implements_when_a_policy_opens_the_sentence_or_frames_it():
    ex = extract(
        "上半年，十项重点工作均取得了实质性进展，特别是盛世兴城幼儿园、丰华幼教中心建设主体完工。"
        "要把十项重点工作抓实。全面完成农村牧区人居环境整治三年行动各项工作任务，以“三清一改”为重点，完善村规民约。"
    )
    r = rels(ex)
    assert ("盛世兴城幼儿园", "implements", "十项重点工作") in r
    assert ("农村牧区人居环境整治三年行动", "implements", "三清一改") in r
    # side by side in one sentence is not enough: no tie, no relation
    ex2 = extract("推进省道207线升级改造工程，另外要落实河湖长制。")
    assert not any(rel == "implements" for _, rel, _ in rels(ex2))
