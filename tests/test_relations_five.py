"""Fifth pass on relations (kg/extract/relations.py, relation_layout.py, region_members.tsv), each
form on a small report written for it with the near miss it must not link: a review heading frames
no work, a place inside the builder's name is not the site, a local report's place lies in the
named regions that hold it, events the country hosts, a bracket after a project, and a paragraph a
place and a colon open."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

NINGXIANG = "2023年宁乡县人民政府工作报告\n"
DOUMEN = "2022年珠海市斗门区人民政府工作报告\n"
NATIONAL = "2021年国务院政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理 李克强\n中华人民共和国成立70周年。\n"


def rels(text: str, rel: str, head: str = NINGXIANG) -> set[tuple[str, str]]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == rel}


def test_a_review_heading_frames_no_work_below_it():
    work = "\n扎实开展“稳增长促发展攻坚年”行动，全县经济企稳向好。"
    assert not rels("2025年和“十四五”工作回顾" + work, "implements")
    assert ("“稳增长促发展攻坚年”行动", "“十四五”规划") in rels("“十四五”规划开局良好" + work, "implements")


def test_a_place_inside_the_builders_name_is_not_where_the_project_lies():
    got = rels("实施三峡蒙能大基地7GW光伏、大唐蒙西1.5GW光伏等20个新能源项目。", "locatedIn")
    assert ("大唐蒙西1.5GW光伏", "蒙西") not in got
    assert ("大唐蒙西1.5GW光伏", "宁乡县") in got  # the report's own place, as for any local project
    got = rels("启动黄河内蒙古段河道治理工程。", "locatedIn")
    assert ("黄河内蒙古段河道治理工程", "内蒙古") in got  # no firm: the place is the site


def test_a_local_reports_place_lies_in_the_named_region_that_holds_it():
    text = "全力支持服务横琴粤澳深度合作区建设，加快推进粤港澳大湾区建设38项重点工作落实。"
    assert ("斗门区", "粤港澳大湾区") in rels(text, "partOf", DOUMEN)
    assert not any(t == "粤港澳大湾区" for _, t in rels(text, "partOf"))  # 宁乡县 is not in it


def test_a_region_a_firms_name_holds_places_nothing():
    head = "2024年达拉特旗政府工作报告\n"
    assert not any(t == "蒙西" for _, t in rels("实施大唐蒙西1.5GW光伏项目。", "partOf", head))
    assert ("达拉特旗", "蒙西") in rels("加快建设蒙西地区重要能源基地，蒙西电网保障有力。", "partOf", head)


def test_events_the_country_hosts_are_held_in_it_and_those_its_leaders_attend_are_not():
    got = rels("成功举办亚太经合组织第二十二次领导人非正式会议、亚信会议第四次峰会、博鳌亚洲论坛。", "locatedIn", NATIONAL)
    assert {("亚太经合组织第二十二次领导人非正式会议", "中华人民共和国"), ("博鳌亚洲论坛", "中华人民共和国")} <= got
    assert not any(t in ("亚太", "亚洲") for _, t in got)  # who takes part, not where
    got = rels("习近平主席等国家领导人出访多国，出席二十国集团领导人峰会、亚太经合组织领导人非正式会议等重大活动。",
               "locatedIn", NATIONAL)
    assert not got


def test_places_or_a_firm_in_a_bracket_after_a_project():
    got = rels("加快推进城区污水处理厂提标改造工程（金洲镇、黄材镇），年内完工。", "locatedIn")
    assert {("城区污水处理厂提标改造工程", "金洲镇"), ("城区污水处理厂提标改造工程", "黄材镇")} <= got
    assert ("宁德时代", "年产10万吨电解液项目") in rels("开工建设年产10万吨电解液项目（宁德时代），确保年内投产。", "undertakes")
    got = rels("加快推进城区污水处理厂提标改造工程（含金洲镇、黄材镇管网），年内完工。", "locatedIn")
    assert not any(t in ("金洲镇", "黄材镇") for _, t in got)  # other words in the bracket: no site


def test_a_paragraph_a_place_and_a_colon_open_locates_its_projects():
    text = "——黄材镇：建设炭河古城文旅综合体项目，实施沩水河道治理工程。\n——金洲镇：推进金洲大道提质改造工程。"
    got = rels(text, "locatedIn")
    assert {("炭河古城文旅综合体项目", "黄材镇"), ("沩水河道治理工程", "黄材镇"), ("金洲大道提质改造工程", "金洲镇")} <= got
    assert ("金洲大道提质改造工程", "黄材镇") not in got  # the next paragraph is another place's
    got = rels("黄材镇完成验收，实施沩水河道治理工程。", "locatedIn")
    assert ("沩水河道治理工程", "黄材镇") not in got  # the town is the subject of another clause


def test_events_athletes_compete_in_or_leaders_attend_past_a_wrapped_line_are_held_elsewhere():
    got = rels("扎实做好2020年奥运会、残奥会备战工作，办好第七届世界军人运动会。", "locatedIn", NATIONAL)
    assert ("第七届世界军人运动会", "中华人民共和国") in got
    assert ("2020年奥运会", "中华人民共和国") not in got
    got = rels("习近平主席等国家领导人出访多国，出席亚太经合组织领导人非正式会议、上海合\n作组织峰会、金砖国家领导人会晤、"
               "核安全峰会等重大活动。", "locatedIn", NATIONAL)
    assert not any(h in ("金砖国家领导人会晤", "核安全峰会") for h, _ in got)


def test_firms_the_report_calls_stationed_in_its_place_lie_in_it():
    got = rels("深化与驻县中石油、中石化企业合作，推动地企协同发展。", "locatedIn")
    assert {("中石油", "宁乡县"), ("中石化", "宁乡县")} <= got
    got = rels("深化与中石油、中石化等驻县企业全方位合作。", "locatedIn")
    assert {("中石油", "宁乡县"), ("中石化", "宁乡县")} <= got
    assert not rels("深化与中石油、中石化等企业全方位合作。", "locatedIn")  # partners, not said to be here
