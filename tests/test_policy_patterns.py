"""Policies and slogans on small reports written for the purpose, one positive and one negative per
pattern: grades, record runs, hotlines, quoted failings and glossary parts are no slogans; a quoted
name of works stays a project; the report's own glossary heading is no policy, the national report
named by its issuer is; 方略 after the verb that holds it; pooling levels and mechanisms in the
State Council's report; a reform's action."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

LOCAL = "2023年某县政府工作报告\n"
NATIONAL = "2023年国务院政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理\n各位代表：\n"


def found(text: str, head: str = LOCAL) -> dict[str, set[str]]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    out: dict[str, set[str]] = {}
    for m in ex.mentions:
        out.setdefault(m.type, set()).add(m.surface)
    return out


def test_a_grade_or_a_record_run_is_no_slogan():
    got = found("县医院晋升为“三级乙等综合医院”，图书馆获评“一级图书馆”，粮食迎来“二十连丰”。"
                "扎实做好“六稳”工作，推行“三清一改”。").get("Slogan", set())
    assert not {"三级乙等综合医院", "一级图书馆", "二十连丰"} & got, got
    assert {"六稳", "三清一改"} <= got


def test_a_hotline_number_is_no_slogan_but_a_numeral_formula_is():
    got = found("“12345”政务服务便民热线高效运行。全面落实“823”发展战略。").get("Slogan", set())
    assert "12345" not in got
    assert "823" in got


def test_a_quoted_failing_is_no_motto():
    got = found("“打折扣、慢半拍”的问题尚未根除，克服“不讲细节、差不多就行”的心态。"
                "推行“户分类、村收集、镇处理”模式。").get("Slogan", set())
    assert not {"打折扣、慢半拍", "不讲细节、差不多就行"} & got, got
    assert "户分类、村收集、镇处理" in got


def test_the_quoted_parts_a_glossary_line_spells_out_are_no_slogans():
    text = ("大力整治“三多三少三慢”问题。\n《政府工作报告》名词解释\n"
            "三多三少三慢：“三多”指会议多、活动多、外出多，“三少”指调研少。\n"
            "两升两降：指“两升”和“两降”。\n")
    got = found(text).get("Slogan", set())
    assert "三多三少三慢" in got
    assert not {"三多", "三少"} & got, got


def test_a_quoted_name_of_works_stays_a_project():
    got = found("实施“十村示范、百村提升、千社和美”工程，深入开展“双创”行动。")
    assert "“十村示范、百村提升、千社和美”工程" in got.get("Project", set()), got
    assert "“十村示范、百村提升、千社和美”工程" not in got.get("Slogan", set())
    assert "十村示范、百村提升、千社和美" not in got.get("Slogan", set())
    assert "双创" in got.get("Slogan", set())  # a slogan named with its kind of work stays a slogan


def test_the_glossary_heading_is_no_policy_but_the_state_councils_report_is():
    got = found("今年国务院政府工作报告提出，扎实做好“六稳”工作。全面完成《政府工作报告》确定的十项重点工作。\n"
                "附件\n《政府工作报告》有关名词解释\n1.六稳：稳就业、稳金融。\n").get("Policy", set())
    assert "国务院政府工作报告" in got
    # the title in running text stays a policy (the tune gold marks it); the glossary heading's start is not it
    assert "政府工作报告" in got


def test_the_glossary_heading_alone_is_no_policy():
    got = found("附件\n《政府工作报告》名词解释\n1.六稳：稳就业、稳金融。\n2.六保：保就业、保民生。\n"
                "3.三保：保基本民生、保工资、保运转。\n").get("Policy", set())
    assert "政府工作报告" not in got


def test_a_grand_plan_after_the_verb_that_holds_it():
    got = found("完整准确全面贯彻新时代党的治疆方略，认真落实。贯彻党的基本理论、基本路线、基本方略。"
                "落实习近平总书记对广西重大方略要求。").get("Policy", set())
    assert "新时代党的治疆方略" in got
    assert not any(p.endswith("方略") and p != "新时代党的治疆方略" for p in got), got


def test_pooling_levels_and_mechanisms_in_the_state_councils_report_only():
    text = "推进基本养老保险全国统筹，推动基本医保省级统筹。建立常态化财政资金直达机制，健全区域协调发展体制机制。"
    national = found(text, NATIONAL).get("Policy", set())
    assert {"基本养老保险全国统筹", "基本医保省级统筹", "常态化财政资金直达机制"} <= national, national
    assert not any(p.endswith("体制机制") for p in national)
    local = found(text).get("Policy", set())
    assert not {"基本养老保险全国统筹", "常态化财政资金直达机制"} & local, local


def test_a_reforms_action_is_the_name():
    got = found("实施国有企业改革深化提升行动，深化国有企业改革。").get("Policy", set())
    assert "国有企业改革深化提升行动" in got
    assert "国有企业改革" in got  # the reform named alone elsewhere stays itself


def test_a_spirit_a_room_or_a_title_of_honour_is_no_formula():
    got = found("大力弘扬“三北精神”，创新打造“一企无忧室”，争创“三湘第一镇”，深入开展“三清一改”。"
                ).get("Slogan", set())
    assert not {"三北精神", "一企无忧室", "三湘第一镇"} & got, got
    assert "三清一改" in got


def test_a_short_quoted_principle_is_a_motto():
    got = found("落实“爱国者治港”、“爱国者治澳”原则，坚持“谁主管、谁负责”原则。坚持“稳中求进”，打造“高颜值”城市。"
                ).get("Slogan", set())
    assert {"爱国者治港", "爱国者治澳", "谁主管、谁负责"} <= got, got
    assert not {"稳中求进", "高颜值"} & got


def test_an_action_quoted_with_its_kind_word_is_no_slogan_alias():
    got = found("实施“放心消费行动”，开展“双创”行动。")
    assert "放心消费行动" not in got.get("Slogan", set()), got
    assert "放心消费" not in got.get("Slogan", set())
    assert "“双创”行动" in got.get("Slogan", set())


def test_a_centenary_of_the_army_is_no_two_centenaries_slogan():
    got = found("聚焦建军一百年奋斗目标。实现“两个一百年”奋斗目标。").get("Slogan", set())
    assert "一百年" not in got
    assert "两个一百年" in got


def test_a_walk_over_the_object_crosses_morphemes_and_distinguishing_words():
    got = found("完善天然打草场轮刈保护和流转制度。编制城镇总体规划。").get("Policy", set())
    assert {"天然打草场轮刈保护和流转制度", "城镇总体规划"} <= got, got


def test_a_known_policy_after_a_word_of_time_is_the_policy_not_a_project():
    got = found("开展新一轮国企改革深化提升行动，提升国有企业核心竞争力。实施新一轮农村人居环境整治提升五年行动。")
    assert "国企改革深化提升行动" in got.get("Policy", set())
    assert "新一轮国企改革深化提升行动" not in got.get("Project", set())
    # no policy inside it: the campaign stays a project
    assert "新一轮农村人居环境整治提升五年行动" in got.get("Project", set())
