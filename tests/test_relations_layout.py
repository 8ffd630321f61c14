"""Relations that hang on how a report is laid out or listed (kg/extract/relations.py,
relation_patterns.py), each on a small report written for it, with the near miss it must not link:
paragraphs kept on one line apart by a space, a note spelling out a slogan, a slogan inside a
project's own name, works listed after a place-led one, firms listed before a firm-led project."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

ERGUN = "2023年额尔古纳市政府工作报告\n"
DALAD = "2024年达拉特旗政府工作报告\n"
DOUMEN = "2023年斗门区政府工作报告\n"
NATIONAL = "2021年国务院政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理 李克强\n"


def rels(text: str, rel: str, head: str = ERGUN) -> set[tuple[str, str]]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == rel}


SPACED = ("大力度推进精细管理。完成国土空间规划编制工作，建设智慧城市数据中心。 全方位推进乡村振兴。"
          "创建文化产业赋能乡村振兴试点，大力推动国家级传统村落集中连片保护示范利用项目进程。"
          "全线开工上库力电力基础设施提升工程。\n")


def test_paragraph_kept_apart_by_a_space_on_one_line_frames_its_projects_by_its_lead():
    got = rels(SPACED, "implements")
    assert ("上库力电力基础设施提升工程", "乡村振兴") in got
    assert ("国家级传统村落集中连片保护示范利用项目", "乡村振兴") in got


def test_the_paragraph_before_the_space_is_not_framed_by_the_next_lead():
    assert ("智慧城市数据中心", "乡村振兴") not in rels(SPACED, "implements")


def test_sentence_without_a_space_before_it_leads_no_paragraph():
    joined = SPACED.replace("。 全方位", "。全方位")
    assert ("上库力电力基础设施提升工程", "乡村振兴") not in rels(joined, "implements")


NOTE = ("附件2 名词解释 7.“清四乱”行动：指对乱占、乱采、乱堆、乱建等河湖管理保护突出问题开展专项清理整治行动。 "
        "8.“两个试点、一个示范”：呼伦贝尔市地方财政生鲜乳目标价格指数保险试点；塞尚乳业落实智慧家庭牧场试点；"
        "恩和农牧业公司的三河牛良种扩繁基地智慧生态牛舍示范建设。 9.“专精特新”：指中小企业具备专业化特征。\n")


def test_note_spelling_out_a_slogan_ties_every_work_it_lists():
    got = rels(NOTE, "implements")
    assert ("智慧家庭牧场试点", "两个试点、一个示范") in got
    assert ("呼伦贝尔市地方财政生鲜乳目标价格指数保险试点", "两个试点、一个示范") in got


def test_a_note_ties_nothing_to_the_slogan_of_the_next_note():
    assert not any(q == "专精特新" for _, q in rels(NOTE, "implements"))


def test_slogan_inside_a_project_name_heads_no_clause():
    text = "推进“六同”供水工程、巩固提升1.6万农牧民饮水安全，新建5G基站75个，县道625黑赖沟大桥建成通车；\n"
    got = rels(text, "implements", DALAD)
    assert not any(p == "县道625黑赖沟大桥" for p, _ in got)


def test_a_year_that_is_a_plans_last_frames_no_work():
    text = "2015年是“十二五”收官之年。探月工程嫦娥五号成功发射。\n"
    assert not rels(text, "implements", NATIONAL)


def test_event_listed_after_a_place_led_one_of_its_kind_is_held_there_too():
    got = rels("精心筹办北京冬奥会、冬残奥会等综合性体育赛事。\n", "locatedIn", NATIONAL)
    assert ("冬残奥会", "北京") in got


def test_a_body_named_after_a_city_places_nothing_listed_after_it():
    got = rels("办好博鳌亚洲论坛年会、上海合作组织峰会、中非合作论坛峰会等主场外交。\n", "locatedIn", NATIONAL)
    assert ("中非合作论坛峰会", "上海") not in got


def test_firm_listed_before_a_project_led_by_its_own_firm_does_not_undertake_it():
    got = rels("爱旭光伏电池、越芯半导体、闻泰光电智能制造产业园落地富山工业园。\n", "undertakes", DOUMEN)
    assert ("越芯半导体", "闻泰光电智能制造产业园") not in got


def test_firms_listed_before_one_each_of_a_counted_project_both_undertake_it():
    got = rels("推进三峡蒙能、华能两座400万千瓦火电调峰机组项目纳规核准。\n", "undertakes", DALAD)
    assert ("三峡蒙能", "华能两座400万千瓦火电调峰机组项目") in got


def test_a_continent_or_a_body_named_after_a_city_inside_a_name_locates_nothing():
    text = ("出席亚太经合组织领导人非正式会议、东亚合作领导人系列会议、上海合作组织峰会。"
            "成功举办第九届亚洲冬季运动会。\n")
    got = rels(text, "locatedIn", NATIONAL)
    assert not {t for _, t in got} & {"亚太", "东亚", "上海", "亚洲"}


def test_a_city_inside_an_events_name_still_locates_it():
    got = rels("成功举办中非合作论坛北京峰会、上合组织青岛峰会。\n", "locatedIn", NATIONAL)
    assert ("中非合作论坛北京峰会", "北京") in got


def test_goal_clause_ties_the_work_to_the_construction_the_report_names_elsewhere():
    text = ("推进平安中国建设，完善社会治安防控体系。\n"
            "强化社会治安整体防控，推进扫黑除恶常态化，依法打击各类违法犯罪活动，建设更高水平的平安中国。\n")
    got = rels(text, "implements", NATIONAL)
    assert ("扫黑除恶", "平安中国建设") in got
    assert ("扫黑除恶", "平安中国") in got


def test_goal_clause_without_the_construction_named_ties_only_the_goal():
    text = "强化社会治安整体防控，推进扫黑除恶常态化，建设更高水平的平安中国。\n"
    assert ("扫黑除恶", "平安中国建设") not in rels(text, "implements", NATIONAL)


def test_firm_building_a_list_of_projects_undertakes_each():
    text = "蒙泰集团投资建设100万吨铝硅合金项目、50万千瓦绿电进园区项目和高头窑煤矿至开发区疏干水引用工程。\n"
    got = rels(text, "undertakes", DALAD)
    assert ("蒙泰集团", "高头窑煤矿至开发区疏干水引用工程") in got


def test_firm_verb_does_not_reach_past_other_words_of_its_clause():
    text = "蒙泰集团投资建设100万吨铝硅合金项目、完善配套设施并同步谋划高头窑煤矿至开发区疏干水引用工程。\n"
    assert ("蒙泰集团", "高头窑煤矿至开发区疏干水引用工程") not in rels(text, "undertakes", DALAD)
