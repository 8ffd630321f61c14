"""How reports state a link, each form on a small report written for it, with the near miss it must
not link (kg/extract/relation_patterns.py): the builder after 由, a firm building at a place, 位于 and
the section of a road, the places listed before 等 and a project, and the policy a sentence's closing
clause says its work advanced or aims at."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

NINGXIANG = "2023年宁乡县人民政府工作报告\n"
NATIONAL = "2021年国务院政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理 李克强\n"


def rels(text: str, rel: str, head: str = NINGXIANG) -> set[tuple[str, str]]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == rel}


def test_firm_named_after_by_builds_the_project_before_it():
    got = rels("金洲大道提质改造工程由长沙城建集团承建，年内完工。", "undertakes")
    assert ("长沙城建集团", "金洲大道提质改造工程") in got


def test_firm_after_by_that_only_looks_after_the_project_builds_nothing():
    assert not rels("金洲大道提质改造工程完工后由长沙城建集团管护。", "undertakes")


def test_firm_building_at_a_place_undertakes_the_project_and_it_lies_there():
    text = "华润电力在双江口镇建设200兆瓦光伏电站。"
    assert ("华润电力", "200兆瓦光伏电站") in rels(text, "undertakes")
    assert ("200兆瓦光伏电站", "双江口镇") in rels(text, "locatedIn")


def test_firm_at_a_place_doing_something_else_undertakes_nothing():
    assert not rels("华润电力在双江口镇召开座谈会，建设200兆瓦光伏电站。", "undertakes")


def test_project_said_to_lie_at_a_place():
    assert ("炭河古城文旅综合体项目", "黄材镇") in rels("位于黄材镇的炭河古城文旅综合体项目开业运营。", "locatedIn")
    got = rels("炭河古城文旅综合体项目开业，位于黄材镇的游客中心同步运营。", "locatedIn")
    assert ("炭河古城文旅综合体项目", "黄材镇") not in got  # another clause's building lies there


def test_road_section_named_by_a_place_lies_there():
    got = rels("长张高速灰汤段加快建设，长张高速服务区完成招标。", "locatedIn")
    assert ("长张高速", "灰汤") in got


def test_places_listed_before_etc_and_a_project_locate_it_items_that_are_no_place_aside():
    got = rels("长江、黄河、海岸带等流域山水林田湖草沙一体化保护和修复工程深入实施，生态建设得到加强。", "locatedIn", NATIONAL)
    assert {"长江", "黄河"} <= {t for h, t in got if h.endswith("保护和修复工程")}
    assert "海岸带" not in {t for _, t in got}
    got = rels("长江、黄河水质持续改善，重要生态系统保护和修复重大工程深入实施。", "locatedIn", NATIONAL)
    assert not any(t in ("长江", "黄河") for _, t in got)  # no 等: the list is another clause's subject


def test_policy_a_closing_clause_says_the_work_advanced_is_carried_out_by_it():
    got = rels("强化社会治安综合治理，持续推进扫黑除恶专项斗争，平安中国建设取得新成效。", "implements", NATIONAL)
    assert ("扫黑除恶专项斗争", "平安中国建设") in got
    got = rels("强化社会治安综合治理，持续推进扫黑除恶专项斗争，平安中国建设面临新的挑战。", "implements", NATIONAL)
    assert ("扫黑除恶专项斗争", "平安中国建设") not in got  # named last, not said to have advanced


def test_policy_a_closing_clause_sets_as_the_goal_is_carried_out_by_the_work_before():
    text = "强化社会治安整体防控，推进扫黑除恶专项斗争，依法打击各类违法犯罪活动，建设更高水平的平安中国。"
    assert ("扫黑除恶专项斗争", "平安中国") in rels(text, "implements", NATIONAL)
    text = "推进扫黑除恶专项斗争，依法打击各类违法犯罪活动，平安中国的理念深入人心。"
    assert not rels(text, "implements", NATIONAL)  # named, neither advanced nor aimed at


def test_places_a_clause_opens_with_locate_the_work_it_then_carries_out():
    got = rels("在兴福镇、曹王镇等地开展农村宅基地制度改革试点。", "locatedIn")
    assert {("农村宅基地制度改革试点", "兴福镇"), ("农村宅基地制度改革试点", "曹王镇")} <= got
    got = rels("兴福镇、曹王镇完成验收，开展农村宅基地制度改革试点。", "locatedIn")
    assert not any(t in ("兴福镇", "曹王镇") for _, t in got)  # the towns are another clause's


def test_reaches_of_rivers_listed_before_a_project_locate_it():
    got = rels("加大长江上游、黄河上中游天然林保护工程的实施力度。", "locatedIn", NATIONAL)
    assert {("天然林保护工程", "长江"), ("天然林保护工程", "黄河")} <= got
    got = rels("长江上游水质改善，天然林保护工程全面展开。", "locatedIn", NATIONAL)
    assert ("天然林保护工程", "长江") not in got


def test_a_paragraph_lead_that_sets_a_slogan_frames_the_projects_of_its_paragraph():
    text = ("深化“放管服”改革。推进企业投资项目承诺制改革试点，压减行政许可事项。\n"
            "另起一段，实施全国统一大市场建设专项行动。\n")
    got = rels(text, "implements", NATIONAL)
    assert ("企业投资项目承诺制改革试点", "放管服") in got
    assert not any(p.startswith("全国统一大市场") and q == "放管服" for p, q in got)  # the next paragraph


DALAT = "2024年达拉特旗人民政府工作报告\n"


def test_project_opening_with_a_firm_the_report_names_elsewhere_is_that_firms():
    text = ("实施宏牛废盐综合利用、默锐渣盐高值化利用等项目。"
            "推动实施宁德时代1GW新能源零碳超级发电机组、默锐钠离子电池补钠技术开发等示范项目。")
    assert ("默锐", "默锐钠离子电池补钠技术开发") in rels(text, "undertakes", DALAT)
    text = "成功引进投资21.5亿元的中电集中式储能电站、投资2亿元的中电农创牧光互补。"
    got = rels(text, "undertakes", DALAT)
    assert ("中电", "中电农创牧光互补") not in got  # the longer firm named before it owns it


def test_a_place_named_right_after_a_division_by_its_bare_name_lies_in_it():
    got = rels("更好发挥经济特区、天津滨海新区在改革开放中先行先试的作用。", "partOf", NATIONAL)
    assert ("滨海新区", "天津") in got
    got = rels("更好发挥天津、滨海新区在改革开放中先行先试的作用。", "partOf", NATIONAL)
    assert ("滨海新区", "天津") not in got  # listed side by side, not one inside the other


def test_a_place_that_opens_a_clause_and_builds_a_project_holds_it():
    assert ("温泉康养小镇", "灰汤镇") in rels("金洲镇完成旧城改造，灰汤镇打造温泉康养小镇。", "locatedIn")
    got = rels("灰汤镇获评省级特色小镇，打造温泉康养小镇。", "locatedIn")
    assert ("温泉康养小镇", "灰汤镇") not in got  # the town is the subject of another clause
