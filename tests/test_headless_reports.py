"""A heading that names no place (在市十五届人大五次会议上) or no date: the report's place and year
come from its body."""

from pathlib import Path

import pytest
import rdflib

from kg.extract.context import guess_home
from kg.pipeline import Settings, build
from kg.read.heading import parse_heading

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _body(prefix: str) -> str:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")
    return text[text.index("各位代表"):]


def _heading(level: str) -> str:
    return f"政府工作报告\n（2021年1月10日在{level}十五届人大五次会议上）\n{level}长 张三\n"


@pytest.mark.parametrize(("prefix", "level", "code"), [
    ("000", "旗", "150522"),  # 科尔沁左翼后旗
    ("001", "市", "150784"),  # 额尔古纳市: its city 呼伦贝尔市 is named more often, but fewer of its parts
    ("003", "旗", "150621"),  # 达拉特旗
])
def test_seed_bodies_under_a_heading_without_a_place(prefix: str, level: str, code: str) -> None:
    assert guess_home(_heading(level) + _body(prefix)) == code


def test_a_county_named_by_its_towns() -> None:
    text = _heading("县") + ("各位代表：全县经济稳中有进。闻喜县农业提质增效，东镇镇、礼元镇、河底镇建成特色产业园，"
                            "桐城镇美丽乡村建设加快。")
    assert guess_home(text) == "140823"  # 闻喜县 (运城市)


def test_a_prefecture_named_by_its_counties_not_by_one_of_them() -> None:
    text = _heading("市") + ("各位代表：全市上下团结奋斗。宜都市、枝江市、当阳市工业增长较快，远安县、兴山县、"
                            "秭归县、长阳土家族自治县生态旅游发展，宜都市化工园区整治完成。")
    assert guess_home(text) == "420500"  # 宜昌市, not 宜都市 (a county-level city inside it)


def test_common_words_and_the_whole_prefecture_name_no_place() -> None:
    text = _heading("县") + "各位代表：全县实施惠民工程，惠民利民，全州一盘棋，共和国七十年，安居乐业。"
    assert guess_home(text) is None


def test_the_guessed_place_is_the_report_place_in_the_graph(tmp_path: Path) -> None:
    src = tmp_path / "in" / "report.txt"
    src.parent.mkdir()
    src.write_text(_heading("旗") + _body("003"), encoding="utf-8")
    build([src.parent], tmp_path / "out", Settings(formats=("turtle",), cache=False))
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    local = {str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: p for p in set(g.predicates())}
    report = next(g.subjects(local["sourceFile"], None))
    assert str(g.value(g.value(report, local["place"]), rdflib.RDFS.label)) == "达拉特旗"


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_seed_year_without_the_dated_heading(prefix: str) -> None:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")
    assert parse_heading("政府工作报告\n" + _body(prefix)).year == parse_heading(text).year


def test_the_plan_section_dates_a_report_not_its_latest_goal() -> None:
    text = ("政府工作报告\n各位代表：\n过去一年，全市经济稳中向好。到2035年基本实现现代化，2025年目标如期实现。\n"
            "二、2021年工作安排\n今年是“十四五”开局之年。")
    assert parse_heading(text).year == 2021


def test_a_review_of_the_year_and_the_plan_period_joined_by_he() -> None:
    text = "政府工作报告\n市长 张三\n各位代表：\n一、2020年和“十三五”时期工作回顾\n到2035年远景目标。"
    assert parse_heading(text).year == 2021


def test_without_a_plan_section_the_most_named_year_is_the_reviewed_one() -> None:
    text = ("各位代表：\n2019年全县生产总值增长6%，2019年财政收入增长5%，2019年新增就业1200人。"
            "展望2035年，到2025年建成。")
    assert parse_heading(text).year == 2020
