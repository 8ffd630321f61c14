"""Places, enterprises and their relations on patterns that recur in reports nobody tuned on:
sites named in lists, route ends, firms in lists and by their well-known short names, the report's
own place guessed from the text, and the State Council's report about the whole country."""

from __future__ import annotations

import pytest

from kg.extract.context import COUNTRY, guess_home
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD_YIDU = "2021年宜都市政府工作报告\n"


def extract(text: str, head: str = HEAD_YIDU):
    return process(document_from_text("test/report.txt", head + text), Settings())


def names(ex, type_: str) -> set[str]:
    return {m.surface for m in ex.mentions if m.type == type_}


def rels(ex) -> set[tuple[str, str, str]]:
    return {(r.head.surface, r.rel, r.tail.surface) for r in ex.relations}


# --- places -------------------------------------------------------------------------------------

def test_sites_that_share_a_kind_in_a_list_are_places():
    ex = extract("推进新兴路、建设大街、人民路改造，综合治理清水河、小黑河、大黑河。红旗牧场、八一农场实施天然林保护。")
    got = names(ex, "Place")
    assert {"新兴路", "建设大街", "人民路", "清水河", "小黑河", "大黑河", "红旗牧场", "八一农场"} <= got
    assert not any(g.startswith("综合") or g.startswith("推进") for g in got), got


@pytest.mark.parametrize("text", [
    "加强道路、桥梁和村镇建设。",
    "完成各村、各镇、全乡的人居环境整治。",
    "铁路、高速公路运营里程均超过10万公里。",
    "加强城市社区、农村社区建设，新建养殖场、屠宰场。",
    "建立新型农村合作医疗制度，继续实施家电下乡政策，推进城中村改造。",
])
def test_lists_of_everyday_words_are_not_places(text):
    assert names(extract(text), "Place") <= {"宜都市"}


def test_both_ends_of_a_route_are_places():
    ex = extract("建成高台子至朝鲁吐公路，开工宜昌至包头高铁。")
    assert {"高台子", "朝鲁吐", "宜昌", "包头"} <= names(ex, "Place")


def test_border_ports_and_committees():
    ex = extract("满洲里口岸过货量增长20%。在南通市委、市政府和海安市委的正确领导下，全市经济平稳运行。")
    assert {"满洲里口岸", "南通市", "海安市"} <= names(ex, "Place")


def test_home_place_from_the_committee_that_leads_the_report():
    text = "各位代表：\n在南通市委、市政府和海安市委的正确领导下，全市上下攻坚克难，全市经济平稳运行，全市人民团结奋斗。"
    assert guess_home(text) == "320685"  # 海安市, a county-level city under 南通市


def test_national_report_is_about_the_country():
    head = "2024年中华人民共和国国务院政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n"
    ex = extract("推动京津冀协同发展，支持甘肃积石山地震灾后重建，杭州亚运会成功举办。", head)
    assert ex.home == COUNTRY
    r = rels(ex)
    assert ("京津冀", "partOf", "中华人民共和国") in r
    assert ("甘肃", "partOf", "中华人民共和国") in r
    assert ("杭州", "partOf", "中华人民共和国") in r


# --- enterprises --------------------------------------------------------------------------------

def test_well_known_firms_by_short_name_in_context_only():
    ex = extract("奇瑞销量突破188万辆，与华为合作的首款轿车上市。中铁一局、中建二局等央企进场施工。")
    assert {"奇瑞", "华为", "中铁一局", "中建二局"} <= names(ex, "Enterprise")
    ex2 = extract("审议《国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》。")
    assert names(ex2, "Enterprise") == set()


@pytest.mark.parametrize("text", [
    "继续多渠道补充中小银行资本、强化公司治理。",
    "大力发展新能源，支持节水农业、旱作农业发展，加强冷链物流设施建设。",
    "中国人民银行要运用多种货币政策工具。",
    "扩大环境保护、节能节水等企业所得税优惠目录。",
    "完善海外引进人才支持保障机制。",
    "中央财政拟投入433亿元用于就业。",
])
def test_categories_and_bodies_are_not_firms(text):
    assert names(extract(text), "Enterprise") == set()


def test_items_of_a_list_with_a_firm_are_firms():
    ex = extract("中粮、益海嘉里、鲁花在我县设立收储基地。宏远、泰和两家企业完成技改。")
    assert {"中粮", "益海嘉里", "鲁花", "宏远", "泰和"} <= names(ex, "Enterprise")


def test_firm_that_builds_a_project_undertakes_it():
    ex = extract("盛华集团投资建设200兆瓦光伏电站项目。")
    assert ("盛华集团", "undertakes", "200兆瓦光伏电站项目") in rels(ex)


def test_village_after_its_town_and_firms_settling_in_their_clause():
    # a city report: its villages are not all in the gazetteer, so the suffix rule finds them
    ex = extract("头台镇仁和堡村获得全国文明村。通威集团落户在宜都，华美公司入驻于红花套镇。", "2021年宜昌市政府工作报告\n")
    r = rels(ex)
    assert ("仁和堡村", "partOf", "头台镇") in r
    assert ("华美公司", "locatedIn", "红花套镇") in r
    assert ("通威集团", "locatedIn", "红花套镇") not in r


def test_local_bank_named_after_its_place_is_a_firm():
    ex = extract("宜都市村镇银行挂牌开业。")
    assert "宜都市村镇银行" in names(ex, "Enterprise")


def test_trade_names_that_settle_or_sign_are_firms():
    ex = extract("鲁花成功落户我县，与鑫达签订战略合作协议。项目落户园区，放宽小城镇落户条件，与周边县区合作。")
    assert names(ex, "Enterprise") == {"鲁花", "鑫达"}
