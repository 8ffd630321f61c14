"""Place precision on patterns from reports nobody tuned on: each test writes a small report that
shows one kind of false place (rejected) next to a true place of the same shape (kept)."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

YIDU = "2021年宜都市政府工作报告\n"  # a county-level city of Hubei (420581)
ZHONGNING = "2021年中宁县政府工作报告\n"  # a county of Ningxia (640521)
NATION = "2024年中华人民共和国国务院政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n"


def places(text: str, head: str = YIDU) -> set[str]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Place"}


def test_a_village_by_its_suffix_must_be_one_of_the_countys_villages():
    got = places("打造瑶光里村等一批乡村旅游示范点，完成庙岗村、拖溪村道路硬化。")
    assert "瑶光里村" not in got  # a designation-like name the county's gazetteer does not list
    assert {"庙岗村", "拖溪村"} <= got


def test_a_town_by_its_suffix_must_be_a_town_of_the_gazetteer():
    got = places("谴责以色列当局在加沙地带残酷镇压巴勒斯坦人民。支持大北沟镇建设边贸市场。", NATION)
    assert not any(p.endswith("残酷镇") for p in got), got
    assert "大北沟镇" in got


def test_a_list_of_road_kinds_or_figurative_roads_names_no_road():
    got = places("加上恢复铁路、改建铁路，走出一条高质量发展之路、绿色发展之路，打通断头路、瓶颈路。")
    assert got <= {"宜都市"}, got
    assert {"新兴路", "人民路"} <= places("完成新兴路、人民路提升改造。")


def test_dictionary_words_and_every_village_are_no_sites():
    got = places("沿着康庄大道前进，广播电视村村通工程全面完成。中央大街完成亮化。")
    assert not any(p.startswith("康庄") or p.startswith("广播") for p in got), got
    assert "中央大街" in got


def test_honours_are_no_places():
    got = places("成功创建中国长寿之乡、中国柑橘之乡。")
    assert not any(p.endswith("之乡") for p in got), got


def test_a_verb_before_zhi_is_no_route_end():
    assert "延长" not in places("过境免签境内停留时间延长至240小时。", NATION)
    assert {"宜昌", "包头"} <= places("开工宜昌至包头高铁。")


def test_an_everyday_short_form_of_another_county_only_in_a_list():
    assert "同心" not in places("全县上下勠力同心，砥砺奋进。", ZHONGNING)
    assert "同心" in places("与同心、盐池共建产业园区。", ZHONGNING)


def test_a_district_named_by_an_everyday_word_only_near_its_city():
    assert "解放区" not in places("解放区人民踊跃支援前线。")
    assert "解放区" in places("解放区实施老旧小区改造。", "2021年焦作市政府工作报告\n")


def test_a_far_county_named_alone_is_no_place():
    assert "平房区" not in places("完成平房区集中供暖改造5000户。")
    assert "平房区" in places("与黑龙江省哈尔滨市平房区签订合作协议。")


def test_a_place_that_opens_a_company_name_is_its_prefix():
    assert "哈尔滨" not in places("例如哈尔滨食品公司浪费严重。")
    assert "哈尔滨" in places("组团赴哈尔滨考察。")


def test_a_local_unit_named_by_an_everyday_word_is_no_name():
    got = places("全县自然村通硬化路，五道沟镇建成污水处理厂。", "2021年柳河县政府工作报告\n")
    assert "自然村" not in got  # 柳河县 has a village called 自然村 in the gazetteer
    assert "五道沟镇" in got


def test_a_kind_of_site_is_no_site():
    got = places("建成红色旅游景区、研学旅游景区，建设美食街。大青沟国家AAAA级旅游景区上榜。")
    assert not any(p.startswith(("红色", "研学", "美食")) for p in got), got
    assert "大青沟国家AAAA级旅游景区" in got


def test_cities_the_dictionary_mistags_stay_places():
    # jieba tags 宝鸡 n, 大连 d: the everyday-word check is for counties' short forms only
    got = places("贯通西北和西南的宝鸡到成都的铁路，大连热电站投产。", NATION)
    assert {"宝鸡", "大连"} <= got
