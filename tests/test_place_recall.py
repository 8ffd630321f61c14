"""Place recall on patterns from reports nobody tuned on: each test writes a small report with a
kind of local place the rules used to miss (kept) next to a look-alike that is no place (rejected)."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

DALATE = "2024年达拉特旗政府工作报告\n"  # a banner of Inner Mongolia (150621)
ERGUN = "2023年额尔古纳市政府工作报告\n"  # a county-level city of Inner Mongolia (150784)


def places(text: str, head: str = DALATE) -> set[str]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Place"}


def test_an_unknown_word_ending_in_a_gully_or_river_word_is_a_feature():
    got = places("统筹山水林田湖草沙一体化保护,实施黑赖沟生态综合治理、束鸡沟河道治理等项目。")
    assert {"黑赖沟", "束鸡沟"} <= got
    assert not any(p.endswith("林田湖") for p in got), got  # a list of kinds of land, no lake


def test_the_ends_of_sections_listed_before_a_road_are_places():
    got = places("谋划路面改造、恩和林场至建设生产队、潮中至上护林、苏沁牧场至三河一队公路改造项目。", ERGUN)
    assert {"恩和林场", "潮中", "上护林", "苏沁牧场", "三河一队"} <= got
    got = places("过境免签停留时间延长至240小时、提高至3%，开工宜昌至包头高铁。")
    assert "延长" not in got and {"宜昌", "包头"} <= got


NATION = "2014年中华人民共和国国务院政府工作报告\n——2014年3月5日在第十二届全国人民代表大会第二次会议上\n"


def test_a_county_right_after_its_province_is_named_even_far_from_home():
    got = places("去年，我国发生四川芦山地震、甘肃岷县地震。乡镇和县直部门要建成县城污水管网。", NATION)
    assert {"芦山", "岷县"} <= got
    assert not {"和县", "成县"} & got  # 和县, 成县 glued into words, no province before them


def test_a_street_list_keeps_its_everyday_named_and_place_named_streets():
    got = places("七街分别是迎春街、金鹊街、鸿雁街、文化街、沿河街,十二路分别是奇乾路、恩和路、苏沁路。", ERGUN)
    assert {"迎春街", "文化街", "沿河街", "奇乾路", "恩和路", "苏沁路"} <= got, got
    got = places("打通断头路、瓶颈路,建设文化街、美食街。", ERGUN)
    assert not {"文化街", "美食街", "断头路"} & got, got  # kinds of street, no named one among them


def test_a_listed_site_may_open_with_a_place_but_not_hold_one_inside():
    got = places("续建安徽梅山水库、辽宁大伙房水库。", NATION)
    assert not any(p.startswith("续建") for p in got), got


def test_a_village_of_the_county_is_named_without_its_kind():
    got = places("加快大西山、得尔布煤田煤层气开发利用,新建坤库力35千伏输变电项目。", ERGUN)
    assert {"大西山", "得尔布", "坤库力"} <= got, got  # 大西山屯生活区, 得尔布屯生活区, 坤库力屯生活区
    got = places("开展前进村、奶牛村环境整治,推广奶牛养殖,继续前进。", ERGUN)
    assert not {"前进", "奶牛"} & got, got  # short forms that are everyday words stay out


def test_route_ends_before_a_count_of_roads():
    got = places("满归至荒火地、太平至根白等5条公路建设完工。", ERGUN)
    assert {"满归", "荒火地", "根白"} <= got, got
    assert not any("提高" in p for p in places("各项补贴提高至3倍等2条措施。", ERGUN))
