"""Extraction values a reader of the graph checks, on small reports: figures read from a list with
分别 and from 由A增加到B, the evidence span of each, a firm written with and without quotes.

Written to kill mutants bench/mutation.py found surviving in kg/extract (bench/mutation.md).
"""

from __future__ import annotations

import json

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
    from kg.extract.place_sites import crosses

    taken = {2, 3, 4}  # a name found at [2, 5)
    assert crosses(taken, 3, 7) and crosses(taken, 0, 3)  # starts or ends inside it
    assert not crosses(taken, 2, 5) and not crosses(taken, 5, 8) and not crosses(taken, 0, 2)
    assert not crosses(taken, 1, 6)  # holds it whole


def _wz(body: str) -> Extraction:
    return process(document_from_text("in/w.txt", "2021年吴忠市政府工作报告\n各位代表：" + body), Settings())


def test_a_county_whose_short_form_is_an_everyday_word_is_a_place_only_beside_another() -> None:
    assert ("同心", "adm:640324") in {(m.surface, m.key) for m in _wz("推动吴忠与同心协同发展。").mentions}
    assert "同心" not in {m.surface for m in _wz("我们勠力同心，攻坚克难。").mentions}


def test_a_report_that_sets_no_growth_target_says_so_for_its_year() -> None:
    ex = _wz("今年不设定经济增长具体目标。")
    got = [(o.indicator, o.kind, o.not_set, o.year, ex.doc.clean[o.start : o.end]) for o in ex.observations]
    assert got == [("地区生产总值", "target", True, 2021, "不设定经济增长具体目标")]


def _kinds(ex: Extraction) -> list[tuple]:
    return [(o.indicator, o.kind, o.value, o.unit, o.growth_pct, o.year, ex.doc.clean[o.start : o.end])
            for o in ex.observations]


def test_a_level_past_a_milestone_is_the_level_reached_after_it() -> None:
    ex = _ex("地区生产总值突破百亿元大关，达到122亿元。")
    assert _kinds(ex) == [("地区生产总值", "outcome", 122.0, "亿元", None, 2020, "地区生产总值突破百亿元大关，达到122亿元")]


def test_in_a_december_report_this_year_is_the_year_under_review_not_a_plan() -> None:
    head = "2020年某县政府工作报告\n——2019年12月29日在某县第十七届人民代表大会第五次会议上\n各位代表：\n"
    ex = process(document_from_text("in/d.txt", head + "今年，地区生产总值增长6.5%。"), Settings())
    assert _kinds(ex) == [("地区生产总值", "outcome", None, "%", 6.5, 2019, "地区生产总值增长6.5%")]


def test_a_known_firm_whose_name_is_an_everyday_word_is_found_when_it_ends_the_report() -> None:
    ex = _ex("全面深化与远景")  # a report cut off right after the name
    assert [(m.type, m.surface, ex.doc.clean[m.start : m.end]) for m in ex.mentions if m.type == "Enterprise"] \
        == [("Enterprise", "远景", "远景")]


def test_a_pilot_carries_out_the_reform_it_is_named_after_even_paragraphs_apart() -> None:
    ex = _ex("\n推进农村集体产权制度改革，壮大集体经济。\n加快农业现代化。\n开展农村集体产权综合改革试点。")
    pairs = {(r.head.surface, r.tail.surface) for r in ex.relations if r.rel == "implements"}
    assert ("农村集体产权综合改革试点", "农村集体产权制度改革") in pairs


def test_a_site_named_by_rare_single_characters_is_a_place() -> None:
    ex = _ex("修缮珲乌水库。")  # the segmenter splits 珲|乌: a name it does not know
    assert ("Place", "珲乌水库", "places.suffix") in {(m.type, m.surface, m.extractor) for m in ex.mentions}


def test_loose_project_names_skip_those_over_a_found_name_and_keep_the_rest() -> None:
    from kg.extract.projects import loose_projects

    ex = _ex("实施重点公路工程和文化惠民工程。")
    text = ex.doc.clean
    first = (text.index("重点公路工程"), text.index("重点公路工程") + 6)
    second = (text.index("文化惠民工程"), text.index("文化惠民工程") + 6)
    ex.mentions = [m for m in ex.mentions if m.type == "Place"]
    from kg.model import Mention

    ex.mentions.append(Mention("Policy", "公路", first[0] + 2, first[0] + 4, "test", 0.9))
    ex.doc._loose_projects = [first, second]  # type: ignore[attr-defined]
    assert [(m.surface, m.start, m.extractor) for m in loose_projects(ex)] == [("文化惠民工程", second[0], "projects.loose")]


def test_retraining_the_reranker_exits_0_and_a_dry_run_writes_nothing(tmp_path, monkeypatch) -> None:
    from kg.extract import rerank_train

    (tmp_path / "kg" / "lexicons").mkdir(parents=True)
    monkeypatch.setattr(rerank_train, "ROOT", tmp_path)
    monkeypatch.setattr(rerank_train, "load_docs", lambda: [])
    monkeypatch.setattr(rerank_train, "build_model", lambda docs, verbose=False: {"types": {}})
    dest = tmp_path / "kg" / "lexicons" / rerank_train.WEIGHTS_FILE
    assert rerank_train.main(["--dry-run"]) == 0 and not dest.exists()
    assert rerank_train.main([]) == 0 and json.loads(dest.read_text(encoding="utf-8")) == {"types": {}}
