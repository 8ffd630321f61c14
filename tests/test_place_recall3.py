"""Place recall, third pass: places of reports from provinces the dev set lacks. Each test writes a
small report with the form (kept) next to a look-alike that must stay out or stay whole."""

from __future__ import annotations

from kg.extract.context import resolve_place
from kg.model import Extraction
from kg.pipeline import Settings, process
from kg.read import document_from_text

XIANGYUN = "2021年祥云县人民政府工作报告\n"  # a county of 大理白族自治州, Yunnan (532923)
SHAYANG = "2019年沙洋县人民政府工作报告\n"  # a county of Hubei (420822)
MAOMING = "2017年茂名市人民政府工作报告\n"  # a city of Guangdong (440900)
ENSHI = "2023年恩施州人民政府工作报告\n"  # 恩施土家族苗族自治州, Hubei (422800)
ZHERONG = "2023年柘荣县人民政府工作报告\n"  # a county of Fujian (350926)
GUANGDE = "2023年广德市人民政府工作报告\n"  # a county-level city of Anhui (341882)
MUDING = "2021年牟定县人民政府工作报告\n"  # a county of Yunnan (532323)


def run(text: str, head: str) -> Extraction:
    return process(document_from_text("test/report.txt", head + text), Settings())


def places(text: str, head: str) -> set[str]:
    return {m.surface for m in run(text, head).mentions if m.type == "Place"}


def test_an_autonomous_prefecture_by_its_short_form_and_level():
    ex = run("在大理州委、州政府的领导下,我县承办了伊犁州、克州等地客商推介会。", XIANGYUN)
    got = {m.surface: m.code for m in ex.mentions if m.type == "Place"}
    assert got.get("大理州") == "532900", got  # 大理白族自治州
    assert got.get("伊犁州") == "654000", got
    assert got.get("克州") == "653000", got  # 克孜勒苏柯尔克孜自治州: the gazetteer has 克州/克孜勒苏 for its short form


def test_village_names_beside_a_found_village_in_a_list():
    got = places("抓好金台、唐垴、荆南、借粮湖等美丽宜居乡村建设。", SHAYANG)  # 借粮湖村 is found whole
    assert {"金台", "唐垴", "荆南", "借粮湖"} <= got, got
    got = places("铸就金台,再创佳绩。", SHAYANG)
    assert "金台" not in got, got  # alone, a two-character village name is an everyday word


def test_far_cities_beside_a_found_city_in_a_list():
    got = places("选派医务人员赶赴上海、贵阳、遵义等地支援。与玉林、梧州两市形成经济圈。", MAOMING)
    assert {"上海", "贵阳", "遵义", "玉林", "梧州"} <= got, got
    got = places("打造龙山温泉、笄山村停车场等一批项目。", GUANGDE)
    assert "温泉" not in got, got  # 温泉县 (Xinjiang) inside a local name, beside a village


def test_a_route_end_glued_to_zhi_and_a_kind_of_district():
    got = places("开通茂南至电白、高州公交。形成以中心城区为核心的生活圈。", MAOMING)
    assert {"茂南", "电白", "高州"} <= got, got  # 茂南区: the segmenter reads 茂南至 as one word
    assert "城区" not in got, got  # 城区 is a district of 汕尾, not the centre of 茂名


def test_items_of_a_list_closed_by_a_kind_of_place():
    got = places("推动恩施大峡谷、腾龙洞、神农溪等景区提档升级。", ENSHI)
    assert {"恩施大峡谷", "腾龙洞", "神农溪"} <= got, got
    got = places("县辖祥城、沙龙、云南驿三个镇,鹿鸣、东山两个乡。", XIANGYUN)
    assert {"祥城", "沙龙", "云南驿", "鹿鸣", "东山"} <= got, got
    assert "县辖祥城" not in got, got
    got = places("建立7个苏木乡镇(街道)医保服务站、16个村(社区)医保服务点。", XIANGYUN)
    assert not {"医保服务站", "医保服务点"} & got, got  # the count opens the next item


def test_a_scenic_site_named_before_its_grade():
    got = places("启动创建鸳鸯草场国家AAAA级景区工作,这是柘荣首个国家4A级景区。", ZHERONG)
    assert "鸳鸯草场" in got, got
    assert not {"鸳鸯草场国家AAAA级景区", "柘荣首个"} & got, got


def test_directional_streets_and_kinds_of_road_surface():
    got = places("龙川南路完成拆迁并启动建设,茅州古镇商业区开街营业。", MUDING)
    assert {"龙川南路", "茅州古镇"} <= got, got
    got = places("建成通村水泥路、弹石路、柏油路120公里。", MUDING)
    assert not {"水泥路", "弹石路", "柏油路"} & got, got


def test_the_speaker_line_names_the_report_place():
    head = "政府工作报告\n(2023年2月23日在自治县十届人大二次会议上)\n玉屏侗族自治县人民政府县长 田兴国\n各位代表:\n"
    ex = run("现在,我代表自治县人民政府向大会报告工作。全县上下团结奋斗。", head)
    assert ex.home == "520622", ex.home  # the session line's 自治县 names no division


def test_a_compound_heading_place_stays_inside_its_first_part():
    assert resolve_place("重庆市万盛经开区") == "500000"  # not 秦皇岛's 经开区 (Hebei)
    assert resolve_place("奈曼旗白音他拉苏木") == "150525"  # a town's report: its banner
    assert resolve_place("珠海市斗门区") == "440403"


FUYUAN = "2023年抚远市人民政府工作报告\n"  # a county-level city of Heilongjiang on the Russian border (230883)


def test_a_capital_names_itself_and_a_river_named_after_a_town_stays_whole():
    got = places("莫斯科客商到访,完成别拉洪河治理和别拉洪乡道路硬化。", FUYUAN)  # 别拉洪乡: a town of 抚远
    assert {"莫斯科", "别拉洪河", "别拉洪乡"} <= got, got
    assert "别拉洪" not in got, got
    got = places("推动色连二号(布拉格)矿井建设。", FUYUAN)
    assert "布拉格" not in got, got  # a mine's other name in brackets, not Prague


DUNHUA = "2023年敦化市人民政府工作报告\n"  # a county-level city of Jilin (222403)


def test_route_ends_far_away_and_a_city_report_names_its_towns():
    got = places("推进锡林浩特至二连浩特铁路、集宁至大同高速公路建设,实施沈阳—白河高铁敦化段。", DUNHUA)
    assert {"锡林浩特", "二连浩特", "集宁", "大同", "沈阳", "白河"} <= got, got  # 二连浩特 opens with 二: no figure
    got = places("推进棚改,面积提高至二十万平方米。实施大同小异的改造。", DUNHUA)
    assert not {"大同"} & got, got  # an everyday word off a route
    got = places("博贺疏港铁路进入勘察设计阶段。", MAOMING)  # 博贺镇 of 电白区, a district of 茂名
    assert "博贺" in got, got


def test_well_known_rivers_and_regions_and_an_honour_in_a_list():
    got = places("完成漳河治理,融入华中地区和粤东西北发展。", MAOMING)
    assert {"漳河", "华中地区", "粤东西北"} <= got, got
    got = places("推进苏北地区合作,举办华山论剑研讨会。", MAOMING)
    assert "苏北" in got, got
    assert "华山" not in got, got  # inside the idiom 华山论剑: a two-character name counts as a whole word only
    got = places("笄山村入选全国乡村旅游重点村、省级特色美食村。", GUANGDE)
    assert "省级特色美食村" not in got, got  # an honour of a village, not a village's name


def test_a_township_made_a_town_is_named_with_its_new_level():
    head = "2024年突泉县人民政府工作报告\n"  # 学田乡 of 突泉县 (Inner Mongolia) in the gazetteer
    got = places("学田镇、宝石镇完成人居环境整治,推进乡镇建设。", head)
    assert {"学田镇", "宝石镇"} <= got, got
    assert "学田" not in got, got


def test_a_far_city_opening_a_local_school_name_is_no_place():
    head = "2023年额尔古纳市政府工作报告\n"  # Inner Mongolia; 广安 is a city of Sichuan
    assert "广安" not in places("市一中、广安幼儿园建设完工。", head)
    assert "广安" in places("选派干部赴广安学习。", head)  # the city itself, named alone
