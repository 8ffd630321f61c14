"""Relation patterns, each on a small report written for it, with the near miss it must not link.

Relations are scored by the names at both ends, so the tests also check the other written forms a
relation gives a project (its full list name, its name without or with its owner).
"""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

ZHAOYUAN = "2020年肇源县政府工作报告\n"
ERGUN = "2023年额尔古纳市政府工作报告\n"
KZHQ = "2020年科左后旗人民政府工作报告\n"


def extract(text: str, head: str = ZHAOYUAN):
    return process(document_from_text("test/report.txt", head + text), Settings())


def rels(ex, rel: str) -> set[tuple[str, str]]:
    return {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == rel}


def forms(ex, surface: str) -> set[str]:
    """Every written form linking will merge with the mention ``surface`` (same key)."""
    key = next(m.key for m in ex.mentions if m.surface == surface)
    return {m.surface for m in ex.mentions if m.key == key}


def test_places_listed_before_a_place_named_project_locate_it():
    ex = extract("实施室韦、奇乾、恩和哈达供水保障工程，提升乡镇饮水水质。", ERGUN)
    located = rels(ex, "locatedIn")
    assert ("恩和哈达供水保障工程", "恩和哈达") in located
    assert ("恩和哈达供水保障工程", "奇乾") in located
    # the list is the project's full name: one more form under the same key, not a new project
    assert "奇乾、恩和哈达供水保障工程" in forms(ex, "恩和哈达供水保障工程")
    assert len({m.key for m in ex.mentions if m.type == "Project"}) == 1


def test_places_listed_before_a_project_not_named_by_a_place_stay_apart():
    ex = extract("新站镇、三站镇完成旧城改造，城区供水管网改造工程开工。")
    assert not any(t in ("新站镇", "三站镇") for _, t in rels(ex, "locatedIn"))
    assert not any(m.extractor == "relations.list-form" for m in ex.mentions)


def test_firm_that_carries_out_a_project_in_its_clause_undertakes_it():
    ex = extract("全年实施旧城改造。通威集团落实智慧家庭牧场试点。")
    assert ("通威集团", "智慧家庭牧场试点") in rels(ex, "undertakes")


def test_firm_in_another_clause_does_not_undertake():
    ex = extract("全年实施旧城改造。通威集团产量增长，全县推进渔光一体试点。")
    assert not rels(ex, "undertakes")


def test_firms_listed_before_what_they_build_each_undertake_it():
    ex = extract("正邦集团、通威集团等企业投资建设的100兆瓦渔光一体发电项目并网。")
    got = rels(ex, "undertakes")
    assert ("正邦集团", "100兆瓦渔光一体发电项目") in got
    assert ("通威集团", "100兆瓦渔光一体发电项目") in got


def test_project_named_with_its_owner_is_also_named_without_it():
    ex = extract("泰鼎有色金属15万吨废铅酸蓄电池综合利用等项目建成投产。", KZHQ)
    assert ("泰鼎有色金属", "泰鼎有色金属15万吨废铅酸蓄电池综合利用") in rels(ex, "undertakes")
    assert "15万吨废铅酸蓄电池综合利用" in forms(ex, "泰鼎有色金属15万吨废铅酸蓄电池综合利用")


def test_owner_cut_from_a_name_that_is_no_name_without_it():
    ex = extract("华为云华东数据中心一期项目调试运行。", KZHQ)
    assert ("华为", "华为云华东数据中心一期项目") in rels(ex, "undertakes")
    assert forms(ex, "华为云华东数据中心一期项目") == {"华为云华东数据中心一期项目"}  # not 云华东数据中心…


def test_firms_sharing_a_project_by_each_keep_its_own_name():
    ex = extract("开工建设许继、龙源各4.95万千瓦风电等项目。", KZHQ)
    got = rels(ex, "undertakes")
    assert {("许继", "4.95万千瓦风电"), ("龙源", "4.95万千瓦风电")} <= got
    assert forms(ex, "4.95万千瓦风电") == {"4.95万千瓦风电"}  # 龙源4.95万千瓦风电 is not its name


def test_policy_carried_out_ties_the_work_of_the_next_clause():
    ex = extract("加强河道岸线保护管理，深入落实河湖长制和水资源管理工作，加快推进胡勒斯台淖尔人工湿地环境整治。", KZHQ)
    assert ("胡勒斯台淖尔人工湿地环境整治", "河湖长制") in rels(ex, "implements")


def test_policy_two_clauses_back_or_only_named_ties_nothing():
    ex = extract("加强河道岸线保护管理，深入落实河湖长制，加强水资源管理，加快推进胡勒斯台淖尔人工湿地环境整治。", KZHQ)
    assert not rels(ex, "implements")
    ex = extract("加快推进胡勒斯台淖尔人工湿地环境整治，河湖长制全面推行。", KZHQ)
    assert not rels(ex, "implements")


def test_paragraph_lead_project_implements_the_plan_it_then_carries_out():
    ex = extract("四要扎实开展安全生产专项整治提升行动。应急管理部门牵头，认真贯彻落实市安委会制发的"
                 "《三年行动工作实施方案》，抓好推进落实。\n下一段另起，执行《城镇总体规划》。")
    got = rels(ex, "implements")
    assert ("安全生产专项整治提升行动", "三年行动工作实施方案") in got
    assert not any(t == "城镇总体规划" for _, t in got)  # another paragraph


def test_paragraph_lead_policy_frames_projects_across_a_wrapped_line():
    text = ("深入实施乡村振兴战略。持续改善农村人居环境，巩固提升脱贫攻坚成\n\u200b\n果，"
            "全面完成农村牧区人居环境整治三年行动各项工作任务。\n另起一段，推进旗医院改扩建工程。")
    got = rels(extract(text, KZHQ), "implements")
    assert ("农村牧区人居环境整治三年行动", "乡村振兴战略") in got
    assert not any(p == "旗医院改扩建工程" for p, _ in got)  # the next paragraph is its own


def test_firm_or_event_in_the_clause_that_says_where_it_settles_or_is_held():
    ex = extract("通威集团在新站镇落户，正邦集团在三站镇发展养殖。")
    located = rels(ex, "locatedIn")
    assert ("通威集团", "新站镇") in located
    assert ("正邦集团", "三站镇") not in located  # 发展养殖 says nothing of where the firm is


def test_policy_set_as_the_frame_of_the_clause_before_ties_its_work():
    ex = extract("全旗上下凝心聚力，以“三清一改”为抓手，全面完成农村牧区人居环境整治三年行动。", KZHQ)
    assert ("农村牧区人居环境整治三年行动", "三清一改") in rels(ex, "implements")
    ex = extract("全旗上下凝心聚力，以“三清一改”为抓手，完善村规民约，全面完成农村牧区人居环境整治三年行动。", KZHQ)
    assert not rels(ex, "implements")  # two clauses on: the frame has moved to other work


def test_no_owner_form_from_a_place_led_name_or_a_generic_rest():
    ex = extract("力争建设完成x县水土保持科技示范园区项目主体工程。")
    assert not any(m.extractor == "relations.owner-form" for m in ex.mentions)


NATIONAL = "2016年国务院政府工作报告\n——2016年3月5日在第十二届全国人民代表大会第四次会议上\n国务院总理 李克强\n"


def test_a_summit_the_leaders_attended_abroad_is_not_located_at_home():
    ex = extract("中华人民共和国各族人民团结奋斗。习近平主席等国家领导人出访多国，出席二十国集团领导人峰会、核安全峰会等重大活动。"
                 "实施黑土地保护工程，推进城镇保障性安居工程。", NATIONAL)
    located = {h for h, _ in rels(ex, "locatedIn")}
    projects = {m.surface for m in ex.mentions if m.type == "Project"}
    assert "二十国集团领导人峰会" in projects and "二十国集团领导人峰会" not in located
    assert "黑土地保护工程" in located  # a national programme is the country's
