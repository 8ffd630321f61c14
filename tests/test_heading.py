"""Report metadata: year and place from the heading, on all 52 national reports and on headings written here.

The national reports (国务院政府工作报告, 1954–2025, tests/data/national) name many years in their
bodies (a 2019 report plans for 2020 throughout); the title's year must win, and the place is the
country (中华人民共和国, code 100000).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.context import context
from kg.model import Extraction
from kg.read import document_from_text, read_path
from kg.read.heading import parse_heading

NATIONAL = sorted((Path(__file__).parent / "data" / "national").glob("*_guowuyuan.txt"))


def test_all_national_reports_are_there() -> None:
    assert len(NATIONAL) == 52


@pytest.mark.parametrize("path", NATIONAL, ids=lambda p: p.stem)
def test_national_report_year_and_place(path: Path) -> None:
    doc = read_path(path)
    year = int(path.stem[:4])
    assert doc.meta.year == year
    assert doc.meta.place == "中华人民共和国"
    assert doc.meta.title.startswith(f"{year}年中华人民共和国国务院政府工作报告")
    ex = Extraction(doc)
    context(ex)
    assert ex.home == "100000"


def test_national_bodies_name_later_years_than_their_titles() -> None:
    """What made 17 reports wrong before: the latest year named in the body is not the report's."""
    later = [p for p in NATIONAL
             if max(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", p.read_text(encoding="utf-8")))
             > int(p.stem[:4])]
    assert len(later) >= 15
    assert all(read_path(p).meta.year == int(p.stem[:4]) for p in later)


def test_speaker_of_a_national_report() -> None:
    meta = read_path(next(p for p in NATIONAL if p.stem.startswith("2024"))).meta
    assert (meta.speaker, meta.date) == ("李强", "2024-03-05")  # written 李　强 in the heading


def test_title_year_wins_over_body_years() -> None:
    meta = parse_heading("2019年肇源县政府工作报告\n各位代表：\n2018年全县……2020年全面建成小康社会，"
                         "2035年基本实现现代化。")
    assert (meta.year, meta.place) == (2019, "肇源县")


def test_session_date_gives_the_year_of_a_december_report() -> None:
    """Given on 2019-12-29, a report is the 2019 report, whatever year its title plans for."""
    meta = parse_heading("2020年肇源县人民政府工作报告\n——2019年12月29日在肇源县第十七届人民代表大会第五次会议上\n"
                         "县长 宁利文\n各位代表：")
    assert (meta.year, meta.date, meta.place) == (2019, "2019-12-29", "肇源县")


def test_session_line_gives_no_garbage_place() -> None:
    meta = parse_heading("政府工作报告\n——2022年12月21日在区第十八届人民代表大会第三次会议上\n区长 孙立明\n"
                         "各位代表：\n现在，我代表区人民政府，向大会报告工作。")
    assert meta.place is None
    assert (meta.year, meta.speaker) == (2022, "孙立明")
    meta = parse_heading("政府工作报告\n在第十八届人民代表大会第三次会议上\n各位代表：")
    assert meta.place is None


def test_no_heading_reviewed_year_and_national_place() -> None:
    meta = parse_heading("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2020年工作回顾\n"
                         "过去一年……2025年远景目标。")
    assert (meta.year, meta.place) == (2021, "中华人民共和国")
    meta = parse_heading("政府工作报告\n各位代表：\n刚刚过去的 2020 年，是极不平凡的一年。到2035年……")
    assert meta.year == 2021


def test_no_heading_place_from_the_text() -> None:
    """No heading names the place: of the units the text names often, the one not above another."""
    text = ("政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2020年工作回顾\n"
            "在南通市委、市政府和市委的坚强领导下，全市上下团结奋斗，海安市经济运行稳中向好。"
            "南通市下达的任务全面完成，海安市获评南通市考核优秀，海安市高新区晋位。南通市表彰先进。"
            "全市地区生产总值增长4%。")
    doc = document_from_text("haian.txt", text)
    assert doc.meta.place is None
    ex = Extraction(doc)
    context(ex)
    assert ex.home == "320685"  # 海安市, not 南通市 above it


@pytest.mark.parametrize(("heading", "year", "place"), [
    ("政府工作报告\n——2021年2月在昌都市第二届人民代表大会第六次会议上\n", 2021, "昌都市"),
    ("六盘水市人民政府工作报告\n（2025年1月）\n", 2025, "六盘水市"),
    ("政府工作报告\n在日喀则市第二届人民代表大会第四次会议上\n2023年1月\n", 2023, "日喀则市"),
    ("政府工作报告\n——二〇二四年一月在鹰潭市余江区第二届人民代表大会第三次会议上\n", 2024, "鹰潭市余江区"),
])
def test_a_session_month_without_its_day_dates_the_report(heading: str, year: int, place: str) -> None:
    body = "各位代表：\n一、2024年工作回顾\n过去一年，全市地区生产总值增长5.2%。2035年远景目标稳步推进。\n"
    meta = parse_heading(heading + body)
    assert (meta.year, meta.place) == (year, place)


def test_a_month_in_the_body_is_no_session_month() -> None:
    text = "政府工作报告\n各位代表：\n一、2023年工作回顾\n2023年5月，我市举办了首届茶博会（2023年5月）。\n"
    assert parse_heading(text).year == 2024


def test_a_headless_report_opening_with_its_year_of_beginnings_is_that_years() -> None:
    body = "过去一年，全县实现地区生产总值165.3亿元，比2019年增长3.8%。" * 3
    assert parse_heading("各位代表：\n" + body).year == 2020  # the body's most named year + 1
    opening = "2021年是中国共产党成立100周年，是“十四五”规划的开局之年。\n各位代表：\n" + body
    assert parse_heading(opening).year == 2021
    # a first line that reviews (no …之年), or one not followed by 各位代表, leaves the year to the body
    assert parse_heading("2021年是极不平凡的一年。\n各位代表：\n" + body).year == 2020
    assert parse_heading("2021年是“十四五”开局之年。\n" + body * 40 + "各位代表：").year == 2020
