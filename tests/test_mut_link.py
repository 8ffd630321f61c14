"""Linking as a user reads its result: one node per real thing, its official name, its counts,
its evidence pointing at the right characters, and relations counted once per sentence.

Written to kill the mutants bench/mutation.py found surviving in kg/link.py (see bench/mutation.md).
"""

from __future__ import annotations

import pytest

from kg.link import entity_id, link, link_one, link_records, summarise
from kg.model import Document, Extraction, Mention, ReportMeta
from kg.pipeline import Settings, process
from kg.read import document_from_text

A = ("2021年科尔沁左翼后旗政府工作报告\n各位代表：科左后旗地区生产总值增长5%。我们落实“两不愁、三保障”，"
     "推进乡村振兴战略。科左后旗位于通辽市。\n科左后旗与中国一道实施“十四五”规划。")
B = "2022年科尔沁左翼后旗政府工作报告\n各位代表：科尔沁左翼后旗落实两不愁三保障。推进乡村振兴战略。中华人民共和国成立。"
T = ("2023年科尔沁左翼后旗政府工作报告\n各位代表：今年主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%。"
     + "推进乡村振兴战略。" * 5)


def _ex(source: str, text: str) -> Extraction:
    return process(document_from_text(source, text), Settings())


@pytest.fixture  # per test: mutmut credits a module fixture's calls to the first test only
def two() -> tuple[list[Extraction], object]:
    exs = [_ex("in/a.txt", A), _ex("in/b.txt", B)]
    return exs, link(exs)


def _by_label(linked, label: str):
    found = [e for e in linked.entities if e.label == label]
    assert len(found) == 1, [e.label for e in linked.entities]
    return found[0]


def test_two_spellings_of_a_county_are_one_node_under_its_official_name(two) -> None:
    exs, linked = two
    county = _by_label(linked, "科尔沁左翼后旗")
    assert county.id == "place/科尔沁左翼后旗-150522"
    assert county.code == "150522"
    assert county.type == "Place"
    assert "科左后旗" in county.aliases and "科尔沁左翼后旗" not in county.aliases
    # every mention counted per report: the heading and three 科左后旗 in A, two full names in B
    assert county.mentions == {"in/a.txt": 4, "in/b.txt": 2}
    assert county.confidence == 0.99  # many sure mentions: the cap
    city = _by_label(linked, "通辽市")
    assert city.id == "place/通辽市-150500" and "通辽" in city.aliases  # the short form of a city is an alias
    assert linked.place_of == {"in/a.txt": county.id, "in/b.txt": county.id}


def test_the_country_by_either_name_is_one_node(two) -> None:
    _, linked = two
    country = _by_label(linked, "中华人民共和国")
    assert country.id == "place/中华人民共和国-100000" and country.code == "100000"
    assert country.aliases == {"中国"}
    assert country.mentions == {"in/a.txt": 1, "in/b.txt": 1}


def test_a_slogan_written_two_ways_keeps_the_fuller_form_and_its_parts(two) -> None:
    _, linked = two
    slogan = _by_label(linked, "两不愁、三保障")
    assert slogan.id.startswith("slogan/")
    assert slogan.aliases == {"两不愁三保障"}
    assert "住房安全有保障" in slogan.expansion


def test_more_mentions_raise_confidence_by_the_documented_step(two) -> None:
    exs, linked = two
    policy = _by_label(linked, "乡村振兴战略")
    confs = [m.confidence for ex in exs for m in ex.mentions if m.surface == "乡村振兴战略"]
    assert len(confs) == 2
    assert policy.confidence == pytest.approx(max(confs) + 0.02)
    once = _by_label(linked, "“十四五”规划")  # one mention: its own confidence
    assert once.confidence == pytest.approx(next(m.confidence for m in exs[0].mentions if m.surface == "“十四五”规划"))


def test_every_evidence_points_at_its_name_in_the_report(two) -> None:
    exs, linked = two
    texts = {ex.doc.source: ex.doc.text for ex in exs}
    n = 0
    for ent in linked.entities:
        for ev in ent.evidence:
            assert texts[ev.report][ev.start : ev.end] == ev.surface, (ent.label, ev)
            assert ev.surface in ev.sentence
            n += 1
        assert len(ent.evidence) == sum(ent.mentions.values())  # link keeps every evidence
    assert n >= 12


def test_relations_and_observations_land_on_the_linked_nodes(two) -> None:
    exs, linked = two
    county, city = _by_label(linked, "科尔沁左翼后旗"), _by_label(linked, "通辽市")
    part = [r for r in linked.relations if r.rel == "partOf" and r.head == county.id]
    assert [r.tail for r in part] == [city.id]
    assert part[0].support >= 1 and part[0].evidence
    texts = {ex.doc.source: ex.doc.text for ex in exs}
    assert all(ev.report in texts and ev.sentence in texts[ev.report] for ev in part[0].evidence)
    assert all(r.head != r.tail for r in linked.relations)
    obs = [(o.indicator, o.growth_pct, area) for _d, o, area, _ev in linked.observations]
    assert ("地区生产总值", 5.0, county.id) in obs


def test_a_target_list_is_evidenced_by_its_whole_sentence() -> None:
    linked = link([_ex("in/t.txt", T)])
    sentences = {o.indicator: ev.sentence for _d, o, _a, ev in linked.observations if o.kind == "target"}
    whole = "各位代表：今年主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%。"
    assert sentences == {"地区生产总值": whole, "一般公共预算收入": whole}


def test_corpus_records_keep_a_sample_of_evidence_but_every_count() -> None:
    ex = _ex("in/t.txt", T)
    rec = summarise(ex)  # three samples per key by default
    assert len(rec.samples["policy:乡村振兴战略"]) == 3
    assert len(summarise(ex, None).samples["policy:乡村振兴战略"]) == 5
    capped = link_records([rec], cap=2)
    policy = _by_label(capped, "乡村振兴战略")
    assert policy.mentions == {"in/t.txt": 5} and len(policy.evidence) == 2
    assert len(_by_label(link_records([rec], cap=None), "乡村振兴战略").evidence) == 3


def test_a_reprinted_report_adds_no_support_and_its_provenance_leaves_the_repeat_out() -> None:
    a, b = _ex("in/a.txt", A), _ex("in/a-copy.txt", A)
    corpus = link_records([summarise(a), summarise(b)])
    part = next(r for r in corpus.relations if r.rel == "partOf")
    assert part.support == 1  # the same sentence twice is one piece of support
    assert len(part.evidence) == 1
    assert corpus.seen_before["in/a-copy.txt"] and "in/a.txt" not in corpus.seen_before
    mine = link_one(b, corpus)
    assert [r.evidence for r in mine.relations if r.rel == "partOf"] == [[]]
    first = link_one(a, corpus)
    assert [len(r.evidence) for r in first.relations if r.rel == "partOf"] == [1]
    assert {e.id for e in mine.entities} <= {e.id for e in corpus.entities}  # the corpus's ids


def _hand(source: str, mentions: list[Mention], place: str | None = None) -> Extraction:
    text = "".join(m.surface + "。" for m in mentions)
    doc = Document(source, text, clean=text, meta=ReportMeta(place=place))
    pos = 0
    for m in mentions:
        m.start, m.end = pos, pos + len(m.surface)
        pos = m.end + 1
    return Extraction(doc, mentions=mentions)


def test_two_keys_with_one_readable_name_get_two_stable_ids() -> None:
    ex = _hand("in/h.txt", [Mention("Policy", "双碳", 0, 0, "x", 0.9, key="policy:双碳甲"),
                            Mention("Policy", "双碳", 0, 0, "x", 0.8, key="policy:双碳乙")])
    linked = link([ex])
    assert [(e.id, e.confidence) for e in linked.entities] == [("policy/双碳", 0.8), ("policy/双碳_", 0.9)]  # by key, 乙 < 甲


def test_places_without_a_division_code_are_scoped_by_their_report() -> None:
    assert entity_id("Place", "adm:150522", "科尔沁左翼后旗") == "place/科尔沁左翼后旗-150522"
    assert entity_id("Place", "loc:150522:东湖", "东湖") == "place/东湖-150522"
    assert entity_id("Place", "site::东湖", "东湖") == "place/东湖-x"
    assert entity_id("Place", "loc:None:东湖", "东湖") == "place/东湖-x"
    assert entity_id("Policy", "policy:乡村振兴战略", "乡村振兴战略") == "policy/乡村振兴战略"
    ex = _hand("in/l.txt", [Mention("Place", "东湖", 0, 0, "x", 0.8, key="loc:150522:东湖")])
    assert [(e.id, e.label) for e in link([ex]).entities] == [("place/东湖-150522", "东湖")]


def test_most_used_spelling_names_the_node_and_a_fully_quoted_name_loses_its_quotes() -> None:
    ms = [Mention("Slogan", s, 0, 0, "x", 0.7, key="slogan:三个一") for s in ("“三个一”", "“三个一”", "三个一工程")]
    ent = link([_hand("in/q.txt", ms)]).entities[0]
    assert ent.label == "三个一" and ent.aliases == {"“三个一”", "三个一工程"}
    ms = [Mention("Slogan", s, 0, 0, "x", 0.7, key="slogan:三个一") for s in ("三个一", "三个一工程")]
    assert link([_hand("in/q.txt", ms)]).entities[0].label == "三个一工程"  # a tie: the fuller form


def test_the_home_place_is_a_node_even_when_only_the_heading_names_it() -> None:
    ex = _ex("in/h.txt", "2021年科尔沁左翼后旗政府工作报告\n各位代表：推进乡村振兴战略。")
    linked = link([ex])
    county = _by_label(linked, "科尔沁左翼后旗")
    assert linked.place_of == {"in/h.txt": county.id}
    assert county.mentions == {"in/h.txt": 1}


def test_a_key_named_as_two_types_takes_the_type_most_mentions_give() -> None:
    ms = [Mention(t, "蒙牛", 0, 0, "x", 0.8, key="org:蒙牛") for t in ("Enterprise", "Enterprise", "Organization")]
    ent = link([_hand("in/o.txt", ms)]).entities[0]
    assert (ent.type, ent.id) == ("Enterprise", "enterprise/蒙牛")


def test_a_local_place_is_named_by_its_key_and_a_target_at_the_very_end_reads_to_the_end() -> None:
    ex = _hand("in/l.txt", [Mention("Place", "东湖公园", 0, 0, "x", 0.8, key="loc:150522:东湖")])
    assert [(e.label, e.aliases) for e in link([ex]).entities] == [("东湖", {"东湖公园"})]
    last = T.replace("增长5%。", "增长5%").split("推进")[0]  # the report ends inside the target list
    linked = link([_ex("in/e.txt", last)])
    assert {ev.sentence for _d, o, _a, ev in linked.observations if o.kind == "target"} == \
        {"各位代表：今年主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%"}


def test_the_home_place_is_a_node_when_its_name_opens_the_text() -> None:
    ex = _hand("in/h.txt", [Mention("Policy", "乡村振兴战略", 0, 0, "x", 0.9, key="policy:乡村振兴战略")])
    text = "科尔沁左翼后旗政府工作报告。" + ex.doc.clean  # the place is at offset 0, no extractor found it
    ex.doc = Document("in/h.txt", text, clean=text, meta=ReportMeta(place="科尔沁左翼后旗"))
    ex.mentions[0].start += 14
    ex.mentions[0].end += 14
    ex.home = "150522"
    linked = link([ex])
    county = _by_label(linked, "科尔沁左翼后旗")
    assert linked.place_of == {"in/h.txt": county.id} and county.mentions == {"in/h.txt": 1}
    assert [(ev.start, ev.end) for ev in county.evidence] == [(0, 7)]


def test_min_confidence_drops_a_weak_relation_between_two_entities_it_keeps() -> None:
    text = ("2021年科尔沁左翼后旗政府工作报告\n各位代表：科左后旗位于通辽市。\n"
            "实施国有企业改革三年行动，深化国有企业改革。")
    ex = _ex("in/r.txt", text)
    t = 0.6  # under the reranker's confidence of the project (0.64 with the shipped weights), above the relation's 0.5
    best: dict[str, float] = {}
    for m in ex.mentions:
        best[m.key or m.surface] = max(best.get(m.key or m.surface, 0.0), m.confidence)
    weak = [(r.head.key, r.rel, r.tail.key) for r in ex.relations
            if r.confidence < t and best[r.head.key] >= t and best[r.tail.key] >= t]
    assert ("proj:国有企业改革三年行动", "implements", "policy:国有企业改革") in weak  # the case under test
    everything, sure = link([ex]), link([ex], min_confidence=t)
    rels = {(r.head, r.rel, r.tail): r.confidence for r in sure.relations}
    assert all(c >= t for c in rels.values()) and ("place/科尔沁左翼后旗-150522", "partOf", "place/通辽市-150500") in rels
    weak_ids = {(everything.id_of[h], rel, everything.id_of[tk]) for h, rel, tk in weak}
    assert weak_ids <= {(r.head, r.rel, r.tail) for r in everything.relations}
    assert not weak_ids & set(rels) and {sure.id_of[h] for h, _, _ in weak} <= {e.id for e in sure.entities}
