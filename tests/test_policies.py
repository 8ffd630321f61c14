"""Policies on small reports written for the purpose: where a name starts (a handling verb, a count,
a list that shares its head), short names of national strategies, 以…代… formulas, and the
one-report tier of the national miner."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from kg.pipeline import Settings, process
from kg.read import document_from_text

ROOT = Path(__file__).resolve().parents[1]
HEAD = "2023年某县政府工作报告\n"


def policies(text: str) -> set[str]:
    ex = process(document_from_text("test/report.txt", HEAD + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Policy"}


def _miner():
    spec = importlib.util.spec_from_file_location("mine_national", ROOT / "bench" / "mine_national.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["mine_national"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_a_handling_verb_opens_a_clause_before_the_name():
    got = policies("规范中央财政转移支付制度，正确处理改革、发展、稳定的关系。")
    assert "中央财政转移支付制度" in got
    assert not {"规范中央财政转移支付制度", "正确处理改革"} & got


def test_a_count_or_determiner_names_no_instrument():
    got = policies("这是一项战略任务，若干战略举措已经落地，要实施若干战略。深入实施创新驱动发展战略。")
    assert "创新驱动发展战略" in got
    assert not any(p.startswith(("一项", "若干")) for p in got)


def test_the_last_short_item_of_a_list_sharing_its_head_is_no_name():
    got = policies("协调推进医疗、医保、医药联动改革。深化宅基地制度改革、农村集体产权制度改革。")
    assert "医药联动改革" not in got
    assert "农村集体产权制度改革" in got


def test_a_strategy_before_the_noun_it_modifies_is_no_name():
    got = policies("巩固提高一体化国家战略体系和能力。实施区域协调发展战略。")
    assert "一体化国家战略" not in got
    assert "区域协调发展战略" in got


def test_short_names_of_national_strategies_only_where_the_phrase_ends():
    assert {"乡村振兴", "健康中国"} <= policies("持续推动乡村振兴。加快建设健康中国，巩固脱贫攻坚成果。")
    got = policies("培养乡村振兴人才，巩固脱贫攻坚成果，打造数字中国示范区。")
    assert not {"乡村振兴", "脱贫攻坚", "数字中国"} & got


def test_formula_policies_before_a_noun_and_not_malpractice():
    got = policies("扩大以工代赈规模，推进以电代煤、以气代煤，杜绝以罚代管，以现代化经济建设为中心。")
    assert {"以工代赈", "以电代煤", "以气代煤"} <= got
    assert not any(p.startswith(("以罚", "以现")) for p in got)


def test_miner_keeps_one_recent_report_name_that_reads_as_one(tmp_path):
    (tmp_path / "2019_guowuyuan.txt").write_text(
        "建立生态产品价值实现机制。健全有关的协调机制。完善规范涉企收费机制。深化结构性改革。实施新政策。",
        encoding="utf-8")
    (tmp_path / "2001_guowuyuan.txt").write_text("建立农村信用评价机制。", encoding="utf-8")
    mine = _miner().mine
    paths = sorted(tmp_path.glob("*.txt"))
    assert mine(paths) == {}  # no name is used by two reports
    got = mine(paths, single_from=2013)
    assert set(got) == {"生态产品价值实现机制"}  # 的, vague openers, 2001, a 政策 named once: out
    assert got["生态产品价值实现机制"][0] == "mechanism"


def test_miner_command_writes_nothing_for_an_empty_folder(tmp_path, capsys):
    assert _miner().main([str(tmp_path), "--print"]) == 2
    assert "no reports" in capsys.readouterr().err


def test_a_title_that_is_only_a_kind_of_document_or_an_artwork_is_no_policy():
    got = policies("国务院出台支持高质量发展《意见》，以创作《大河春潮》等优秀艺术作品为抓手，贯彻《优化营商环境条例》。")
    assert "优化营商环境条例" in got
    assert not {"意见", "大河春潮"} & got


def test_fields_counts_and_determiners_before_the_head_name_nothing():
    got = policies("深入推进简政放权、放管结合、优化服务改革。推进电力、交通、通信等领域价格改革。推进京津冀协同发展、"
                   "长江经济带发展三大战略。深化与各大国战略沟通。优化国家战略科技力量布局。提供中国建设性方案。")
    assert "京津冀协同发展" in got
    assert not {"优化服务改革", "领域价格改革", "长江经济带发展三大战略", "大国战略", "优化国家战略",
                "中国建设性方案"} & got


def test_an_action_coordinated_before_a_strategy_is_not_part_of_its_name():
    got = policies("实施“互联网+”行动和国家大数据战略。")
    assert "国家大数据战略" in got and not any("和国家" in p for p in got)


def test_miner_keeps_slogans_two_reports_quote(tmp_path):
    (tmp_path / "2016_guowuyuan.txt").write_text("抓好“三去一降一补”。坚持“一老一小”。解决“最后一公里”问题。",
                                                 encoding="utf-8")
    (tmp_path / "2018_guowuyuan.txt").write_text("深入推进“三去一降一补”，落实“两个毫不动摇”，推行“双随机一公开”。",
                                                 encoding="utf-8")
    (tmp_path / "2001_guowuyuan.txt").write_text("坚持“两个毫不动摇”。", encoding="utf-8")
    got = _miner().mine_slogans(sorted(tmp_path.glob("*.txt")))
    # one report's formula, jargon that packs no list and what slogans.tsv holds already stay out
    assert set(got) == {"三去一降一补", "两个毫不动摇"}
    assert got["两个毫不动摇"] == {"2001", "2018"}


def test_a_mined_slogan_is_found_without_its_quotes():
    ex = process(document_from_text("test/report.txt", HEAD + "持续推进三去一降一补，办好一老一小民生实事。"), Settings())
    assert {"三去一降一补", "一老一小"} <= {m.surface for m in ex.mentions if m.type == "Slogan"}


def test_a_reform_a_pilot_tries_a_principle_and_a_short_method_are_no_names():
    got = policies("深化农村宅基地制度改革试点。注重用改革和创新办法助企纾困。坚持中国特色社会主义根本制度、基本制度。"
                   "落实耕地占补平衡管理办法，深化医药卫生体制改革。")
    assert {"耕地占补平衡管理办法", "医药卫生体制改革"} <= got, got
    assert not {"农村宅基地制度改革", "创新办法", "中国特色社会主义根本制度"} & got, got


def test_a_package_of_measures_named_by_its_count():
    got = policies("出台应对疫情便民惠企22条、助力复工复产12项服务措施，兑现“人才新政20条”。新建道路5条，今年将采取三项举措。")
    assert {"应对疫情便民惠企22条", "助力复工复产12项服务措施", "人才新政20条"} <= got, got
    assert not any(p.endswith(("5条", "三项举措")) for p in got), got


def test_a_strategy_is_named_without_the_goal_it_is_driven_to():
    got = policies("推动西部大开发形成新格局，推动东北全面振兴取得新突破。")
    assert "西部大开发" in got and "西部大开发形成新格局" not in got, got


def test_a_shared_responsibility_of_party_and_government_is_a_system():
    got = policies("严格落实耕地保护和粮食安全党政同责。实行党政同责、一岗双责。")
    assert "耕地保护和粮食安全党政同责" in got, got
    assert "党政同责" not in got


def test_the_body_that_adopted_a_quoted_strategy_is_no_part_of_its_name():
    got = policies("紧紧围绕州委“1133”战略部署，认真落实市委“一核两翼”发展战略，打造合作区战略拓展区。")
    assert {"“1133”战略", "“一核两翼”发展战略"} <= got, got
    assert not any(p.startswith(("州委", "市委")) for p in got), got
    assert not any(p.endswith("合作区战略") for p in got), got


def test_a_quoted_mechanism_is_a_policy_unless_the_quote_is_a_slogan():
    got = policies("建立“清单 闭环”机制。全面推行“企业吹哨、部门报到”机制。")
    assert "“清单闭环”机制" in {p.replace(" ", "") for p in got}, got
    assert not any("吹哨" in p for p in got), got


def test_a_name_holding_verbs_runs_back_to_the_verb_that_takes_it():
    got = policies("深入实施中长期青年发展规划。建立健全创新激励和容错纠错制度，鼓励干部敢想敢试。"
                   "落实中央与地方财政事权和支出责任划分改革方案。制定2030年前碳排放达峰行动方案。落实和优化休假制度。")
    assert {"中长期青年发展规划", "创新激励和容错纠错制度", "中央与地方财政事权和支出责任划分改革方案",
            "2030年前碳排放达峰行动方案"} <= got, got
    assert not any(p.startswith(("和", "前", "实施", "建立")) for p in got), got


def test_a_subsidy_or_refund_policy_is_named_and_its_area_is_not():
    got = policies("落实好719万亩第三轮草原生态奖补政策，完成造林5万亩。落实失业保险稳岗返还政策。"
                   "延长小微企业融资担保降费奖补政策。落实各项惠民政策。")
    assert {"第三轮草原生态奖补政策", "失业保险稳岗返还政策"} <= got, got
    assert not any(p.startswith("719") or p.endswith("惠民政策") for p in got), got


def test_trade_and_climate_agreements_are_policies():
    got = policies("抢抓RCEP机遇，积极推动加入全面与进步跨太平洋伙伴关系协定，落实巴黎协定。")
    assert {"RCEP", "全面与进步跨太平洋伙伴关系协定", "巴黎协定"} <= got, got


def test_a_line_of_the_party_is_no_named_instrument():
    got = policies("全面贯彻党的民族政策和宗教工作基本方针，奉行独立自主的和平外交政策，实施就业优先政策。")
    assert not {"党的民族政策", "民族政策", "奉行独立自主的和平外交政策"} & got, got
    assert {"独立自主的和平外交政策", "就业优先政策"} <= got, got


def test_the_five_year_law_education_programme_keeps_its_word():
    got = policies("荣获全国“七五”普法中期先进县。深入推进“八五”普法，编制“十四五”规划。")
    assert {"“七五”普法", "“八五”普法", "“十四五”规划"} <= got, got
    assert not {"“七五”", "“八五”"} & got, got
