"""Extraction values a reader of the graph checks, on small reports: figures read from a list with
分别 and from 由A增加到B, the evidence span of each, a firm written with and without quotes.

Written to kill mutants bench/mutation.py found surviving in kg/extract (bench/mutation.md).
"""

from __future__ import annotations

from kg.extract.enterprises import enterprise_key
from kg.model import Extraction
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2021年科尔沁左翼后旗政府工作报告\n各位代表："


def _ex(body: str) -> Extraction:
    return process(document_from_text("in/r.txt", HEAD + body), Settings())


def test_figures_listed_with_respectively_each_take_their_rate_and_the_list_as_evidence() -> None:
    ex = _ex("去年，一般公共预算收入、规上工业增加值、固定资产投资分别增长8%、6%、10%。全面实施乡村振兴战略。")
    got = {o.indicator: (o.growth_pct, o.year, ex.doc.clean[o.start : o.end]) for o in ex.observations}
    span = "一般公共预算收入、规上工业增加值、固定资产投资分别增长8%、6%、10%"
    assert got["一般公共预算收入"] == (8.0, 2020, span)
    assert got["固定资产投资"] == (10.0, 2020, span)


def test_a_level_that_rose_from_a_to_b_is_b_in_the_year_it_names() -> None:
    ex = _ex("城镇居民人均可支配收入由2015年的2.1万元增加到2020年的3.2万元。")
    [ob] = [o for o in ex.observations if o.indicator.endswith("人均可支配收入")]
    assert (ob.value, ob.unit, ob.year, ob.basis) == (3.2, "万元", 2020, "year")
    assert ex.doc.clean[ob.start : ob.end].endswith("3.2万元")


def test_a_firm_in_quotes_meets_the_same_firm_without_them() -> None:
    assert enterprise_key("“蒙牛”乳业集团") == enterprise_key("蒙牛乳业集团") == enterprise_key("蒙牛 乳业集团")


def test_the_matcher_takes_the_longest_name_and_never_overlaps() -> None:
    from kg.extract.matcher import Matcher

    m: Matcher[str] = Matcher()
    for name in ("乡村振兴", "乡村振兴战略", "振兴战略", "战略"):
        m.add(name, name)
    assert list(m.scan("实施乡村振兴战略和振兴战略")) == [(2, 8, "乡村振兴战略"), (9, 13, "振兴战略")]
    assert (4, 8, "振兴战略") in list(m.scan("实施乡村振兴战略", overlap=True))


def test_a_site_that_would_cut_a_found_name_in_two_is_refused() -> None:
    from kg.extract.place_sites import _crosses

    taken = {2, 3, 4}  # a name found at [2, 5)
    assert _crosses(taken, 3, 7) and _crosses(taken, 0, 3)  # starts or ends inside it
    assert not _crosses(taken, 2, 5) and not _crosses(taken, 5, 8) and not _crosses(taken, 0, 2)
    assert not _crosses(taken, 1, 6)  # holds it whole


def _wz(body: str) -> Extraction:
    return process(document_from_text("in/w.txt", "2021年吴忠市政府工作报告\n各位代表：" + body), Settings())


def test_a_county_whose_short_form_is_an_everyday_word_is_a_place_only_beside_another() -> None:
    assert ("同心", "adm:640324") in {(m.surface, m.key) for m in _wz("推动吴忠与同心协同发展。").mentions}
    assert "同心" not in {m.surface for m in _wz("我们勠力同心，攻坚克难。").mentions}


def test_a_report_that_sets_no_growth_target_says_so_for_its_year() -> None:
    ex = _wz("今年不设定经济增长具体目标。")
    got = [(o.indicator, o.kind, o.not_set, o.year, ex.doc.clean[o.start : o.end]) for o in ex.observations]
    assert got == [("地区生产总值", "target", True, 2021, "不设定经济增长具体目标")]
