"""Place recall, fourth pass: openings of reports from provinces no dev file covers (Tibet, Hainan,
Qinghai, Xinjiang, Shanghai, Hebei, Ningxia, Jiangxi, Inner Mongolia's forest farms). Each test
writes a small report with the form (kept) next to a look-alike that must stay out or stay whole,
and checks the containment (partOf) the graph draws where the rule gives it."""

from __future__ import annotations

from kg.lexicons.gazetteer import gazetteer
from kg.model import Extraction
from kg.pipeline import Settings, process
from kg.read import document_from_text

WUHU = "2024年芜湖市政府工作报告\n"  # a city of Anhui (340200)
QIONGHAI = "琼海市2023年政府工作报告\n"  # a county-level city of Hainan (469002)
PUDONG = "2024年上海市浦东新区政府工作报告\n"  # a district of Shanghai (310115)
HAIXI = "2022年海西蒙古族藏族自治州政府工作报告\n"  # a prefecture of Qinghai (632800)
YILI = "2024年伊犁哈萨克自治州政府工作报告\n"  # a prefecture of Xinjiang (654000)
ZHENGDING = "正定县2024年政府工作报告\n"  # a county of Hebei (130123)
GUYUAN = "2022年固原市政府工作报告\n"  # a city of Ningxia (640400)
RUIJIN = "2023年瑞金市政府工作报告\n"  # a county-level city of Jiangxi (360781)
YAKESHI = "2022年牙克石市政府工作报告\n"  # a county-level city of Inner Mongolia (150782)
DINGRI = "2024年定日县政府工作报告\n"  # a county of Tibet (540223)
SANYA = "2023年三亚市政府工作报告\n"  # a city of Hainan (460200)


def run(text: str, head: str) -> Extraction:
    return process(document_from_text("test/report.txt", head + text), Settings())


def places(text: str, head: str) -> dict[str, str | None]:
    return {m.surface: m.code for m in run(text, head).mentions if m.type == "Place"}


def part_of(ex: Extraction) -> set[tuple[str, str]]:
    return {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == "partOf"}


def test_a_county_made_a_city_after_the_data_keeps_its_new_name():
    g = gazetteer()
    assert g.resolve("无为市").code == g.resolve("无为县").code == "340225"  # type: ignore[union-attr]
    assert g.units["340225"].name == "无为市"  # the change list's new name (2019); 无为县 stays an alias
    assert g.resolve("错那市").code == "540530" and g.resolve("湟中区").code == "630122"  # type: ignore[union-attr]
    ex = run("芜湖市地区生产总值4800亿元。无为市特种电缆产业加快发展。", WUHU)
    assert ("无为市", "芜湖市") in part_of(ex), part_of(ex)


def test_the_own_province_opening_a_glued_name_is_named():
    got = places("我们全面落实海南自由贸易港建设总体方案,博鳌镇、潭门镇协同发展。", QIONGHAI)
    assert got.get("海南") == "460000", got  # 海南|自由贸易港 is one word to the segmenter
    got = places("发挥海南区位优势。", "2023年乌海市海南区政府工作报告\n")
    assert got.get("海南") != "460000", got  # in 乌海's district 海南 is no province


def test_a_region_named_as_a_division_is_the_division_near_home():
    ex = run("浦东新区地区生产总值增长6.5%,川沙新镇、惠南镇城市更新加快推进。", PUDONG)
    got = {m.surface: m.code for m in ex.mentions if m.type == "Place"}
    assert got.get("浦东新区") == "310115", got  # a district of Shanghai, not only a named region
    assert ("惠南镇", "浦东新区") in part_of(ex), part_of(ex)
    got = places("与海西经济区合作。", "2023年福州市政府工作报告\n")
    assert "海西" not in got or got["海西"] is None, got  # in Fujian 海西 is 海峡西岸经济区, not 海西州


def test_a_place_short_form_before_a_river_word_is_the_river():
    got = places("伊犁河、特克斯河、喀什河生态保护持续加强。", YILI)
    assert "喀什河" in got and "喀什" not in got, got  # 喀什河 rises far from 喀什
    got = places("特克斯县、昭苏县经济稳步增长。", YILI)
    assert {"特克斯县", "昭苏县"} <= set(got), got


def test_temples_grottoes_and_a_site_opened_by_a_found_place():
    got = places("正定古城保护利用成效显著,隆兴寺游客量大幅增长。加强寺庙管理,清真寺改造完成。", ZHENGDING)
    assert {"正定古城", "隆兴寺"} <= set(got), got
    assert not {"清真寺", "寺庙"} & set(got), got  # a kind of temple names none
    got = places("须弥山石窟、老龙潭景区接待游客大幅增长。", GUYUAN)
    assert "须弥山石窟" in got, got
    got = places("珠峰大本营、绒布寺接待游客35万人次。", DINGRI)
    assert "绒布寺" in got, got


def test_rivers_named_by_everyday_words_in_a_list_of_rivers():
    got = places("清水河、葫芦河、泾河流域综合治理稳步推进。", GUYUAN)
    assert "葫芦河" in got, got
    got = places("种植葫芦、西瓜等作物。", GUYUAN)
    assert "葫芦" not in got, got


def test_a_far_county_known_as_a_place_in_a_list_of_counties():
    got = places("与长汀、宁都、石城、会昌共建红色旅游协作区。", RUIJIN)
    assert got.get("长汀") == "350821", got  # a county of Fujian beside counties of Jiangxi
    assert got.get("宁都") == "360730", got


def test_a_farm_named_by_a_rare_word_and_an_island():
    got = places("牙克石林场、图里河林业局全面停伐后转型发展。", YAKESHI)
    assert "牙克石林场" in got, got
    got = places("加强国有林场、家庭农场建设。", YAKESHI)
    assert not {"国有林场", "家庭农场"} & set(got), got
    got = places("横琴岛开发建设加快。", SANYA)
    assert "横琴岛" in got, got


def test_state_level_new_areas_and_named_regions():
    got = places("赣闽粤原中央苏区振兴发展取得新成效,三江源国家公园建设稳步推进,融入贵安新区建设。", RUIJIN)
    assert {"赣闽粤原中央苏区", "三江源", "贵安新区"} <= set(got), got
    got = places("柴达木循环经济试验区建设成效显著。", HAIXI)
    assert "柴达木" in got, got


def test_a_place_opening_a_company_name_is_its_prefix():
    got = places("引进实施恒星二期氟硅材料、峨眉山长庆新材料气相二氧化硅等项目。", YAKESHI)
    assert "峨眉山" not in got, got  # 峨眉山|长庆|新材料: a company's name
    got = places("与包头现代农业合作。", YAKESHI)
    assert "包头" in got, got  # 现代 is no trade name


HAIDIAN = "北京市海淀区2023年政府工作报告\n"  # a district of Beijing (110108)


def test_a_river_among_rivers_and_a_town_before_its_village():
    ex = run("西北旺镇、温泉镇协调发展。永定河、清河、南沙河综合治理完成。", HAIDIAN)
    got = {m.surface: (m.code, m.key) for m in ex.mentions if m.type == "Place"}
    assert "清河" in got and got["清河"][0] is None, got  # the river, not 清河县 of Hebei
    assert "西北旺镇" in got, got  # the town 西北旺地区, not its village 西北旺村


def test_a_heritage_park_and_the_same_park_as_a_project():
    got = places("圆明园遗址公园接待游客稳步增长。", HAIDIAN)
    assert "圆明园遗址公园" in got, got
    got = places("推进总投资3亿元的辽代皇家遗址公园项目建设。", HAIDIAN)
    assert "辽代皇家遗址公园" not in got, got  # a park being built is the project's


XINING = "2023年青海省政府工作报告\n"  # the province of Qinghai (630000)
SHAANXI = "2023年陕西省政府工作报告\n"  # the province of Shaanxi (610000)


def test_an_ambiguous_short_form_names_a_city_of_the_report_province():
    got = places("海西、海南、海北、黄南、果洛、玉树六州特色产业加快发展。", XINING)
    assert got.get("海南") == "632500", got  # 海南藏族自治州 among Qinghai's prefectures, not Hainan
    got = places("西安市经济总量跨越万亿元,西安国家中心城市建设加快。", SHAANXI)
    assert got.get("西安") == "610100", got
    got = places("西安国家中心城市建设加快。", "2023年宜昌市政府工作报告\n")
    assert "西安" not in got, got  # far from Shaanxi the short form stays ambiguous


def test_a_far_county_named_like_a_river_is_the_river_among_rivers():
    got = places("清水河、葫芦河、泾河流域综合治理稳步推进。", GUYUAN)
    assert "清水河" in got and got["清水河"] is None, got  # not 清水河县 of Inner Mongolia


def test_a_river_with_its_river_word_and_a_valley():
    got = places("湟水河、黄河干流水质稳定在II类以上。", XINING)
    assert "湟水河" in got and "湟水" not in got, got
    got = places("伊犁河谷现代农业示范区建设加快。", YILI)
    assert {"伊犁河谷", "伊犁河"} <= set(got), got  # the valley, and the river inside its name


def test_items_sharing_the_kind_of_a_found_port():
    got = places("吉隆、樟木、普兰口岸恢复通关。", "2023年西藏自治区政府工作报告\n")
    assert {"吉隆", "樟木", "普兰口岸"} <= set(got), got  # 樟木 is a common noun, here the port's town
    got = places("推进优化、提升口岸功能,国家级、省级景区达到5家。", DINGRI)
    assert not {"优化", "提升", "国家级", "省级"} & set(got), got
