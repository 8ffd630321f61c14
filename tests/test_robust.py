"""Property-based robustness: arbitrary text never crashes extraction, and what is written reads back.

* Any Unicode text (report-like fragments mixed with arbitrary characters, control characters and
  layout breaks) goes through read → extract → link → graph → Turtle without an exception, every
  mention's offsets hold, and the Turtle parses back with only valid IRIs.
* Entity names with quotes, angle brackets, backslashes and newlines come back intact from Turtle,
  JSON-LD and the HTML page's data.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Graph, URIRef

from kg import export
from kg import graph as kgraph
from kg.export.turtle import to_rdf
from kg.link import link
from kg.model import Document, Entity, Evidence, Relation, ReportMeta, Sentence
from kg.pipeline import Settings, process
from kg.read import document_from_text
from kg.read.text import ReadError, decode

FRAGMENTS = [
    "政府工作报告", "各位代表：", "——2021年1月12日在海安市第十六届人民代表大会第五次会议上", "县长 张三",
    "科左后旗", "通辽市", "内蒙古自治区", "阿荣旗", "有限公司", "集团", "股份有限公司", "江苏中天科技",
    "《关于推进乡村振兴的意见》", "“十四五”", "“两不愁三保障”", "实施", "落户", "项目", "工程", "产业园",
    "地区生产总值", "增长", "6.2%", "1218亿元", "万元", "。", "，", ",", "、", "；", "：", "\n", "\r\n", " ",
    "\u3000", "（一）", "一、", "第三章", "等", "镇", "村", "PM 2.5", "5G", "\"", "<", ">", "\\", "'", "&",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6),
              st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).map(str)),
    max_size=60,
).map("".join)
NAME = st.text(
    alphabet=st.one_of(st.sampled_from(list("\"'<>\\&\n\r\t{}|^`#%@ 　·《》“”")),
                       st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                       st.characters(codec="utf-8", exclude_categories=("Cs",))),
    min_size=1, max_size=20,
).filter(lambda s: s.strip())

# RFC 3987: no space, controls, or <>"{}|\^` anywhere in an IRI; and ours are absolute https IRIs.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\ufffe\uffff]')
# KG_HYPOTHESIS_EXAMPLES=2000 for a longer hunt; 60 keeps the suite quick
PROPS = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", 60)), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


def assert_valid_iris(rdf: Graph) -> None:
    for triple in rdf:
        for term in triple:
            if isinstance(term, URIRef):
                iri = str(term)
                assert iri.startswith(("https://", "http://")), iri
                assert not _BAD_IRI.search(iri), repr(iri)


@PROPS
@given(TEXT)
def test_arbitrary_text_never_crashes_and_turtle_reads_back(text: str) -> None:
    doc = document_from_text("seeds/报告.txt", text)
    ex = process(doc, Settings())
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(doc.clean)
        s, e = doc.source_span(m.start, m.end)
        assert 0 <= s < e <= len(doc.text)
    linked = link([ex])
    g = kgraph.build([doc], linked.entities, linked.relations, linked.observations, linked.place_of)
    data = to_rdf(g).serialize(format="turtle")
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(to_rdf(g))
    assert_valid_iris(back)


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("报告 ()<>\"{}|^`#%2021年")), min_size=1, max_size=12))
def test_any_file_name_gives_valid_iris(stem: str) -> None:
    """Report files are named '2021年 某县政府工作报告 (全文).pdf' in the wild."""
    doc = document_from_text(f"in/{stem}.txt", "2021年北京市东城区政府工作报告\n各位代表：东城区实施“十四五”规划。")
    linked = link([process(doc, Settings())])
    g = kgraph.build([doc], linked.entities, linked.relations, linked.observations, linked.place_of)
    assert_valid_iris(Graph().parse(data=to_rdf(g).serialize(format="turtle"), format="turtle"))


@PROPS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_fail_with_one_line(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except ReadError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
    else:
        assert text.strip()


def graph_with(name: str, sentence: str):
    doc = Document("r.txt", sentence, sentence, list(range(len(sentence))), ReportMeta(title=name, year=2021),
                   [Sentence(0, len(sentence), sentence)])
    ev = Evidence("r.txt", sentence, 0, 1, name)
    ents = [Entity("enterprise/" + _slug(name), "Enterprise", name, {name + "集团"}, None, 0.9, [ev]),
            Entity("place/通辽市-150500", "Place", "通辽市", set(), "150500", 0.9, [ev])]
    rels = [Relation(ents[0].id, "locatedIn", ents[1].id, 0.7, [ev])]
    return kgraph.build([doc], ents, rels, [], {"r.txt": None}), ents[0]


def _slug(name: str) -> str:
    from kg.vocab import slug

    return slug(name)


@PROPS
@given(name=NAME)
def test_names_with_quotes_brackets_backslashes_newlines_survive_turtle(name: str) -> None:
    g, ent = graph_with(name, f"句中有{name}。")
    back = Graph().parse(data=to_rdf(g).serialize(format="turtle"), format="turtle")
    assert_valid_iris(back)
    labels = {str(o) for s, _, o in back.triples((None, RDFS.label, None)) if str(s).endswith(ent.id)}
    assert labels == {name}
    assert f"句中有{name}。" in {str(o) for o in back.objects()}


@PROPS
@given(name=NAME)
def test_names_survive_jsonld(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert "jsonld" in export.available()  # the README promises the format: missing is a failure
    g, ent = graph_with(name, f"句中有{name}。")
    path = tmp_path_factory.mktemp("jsonld") / "g.jsonld"
    export.write("jsonld", g, path)
    back = Graph().parse(path, format="json-ld")
    labels = {str(o) for s, _, o in back.triples((None, RDFS.label, None)) if str(s).endswith(ent.id)}
    assert labels == {name}
    assert_valid_iris(back)


@PROPS
@given(name=NAME)
def test_names_survive_the_html_page(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    g, ent = graph_with(name, f"句中有{name}。")
    path = tmp_path_factory.mktemp("html") / "g.html"
    export.write("html", g, path)
    page = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "data block missing"
    data = json.loads(m.group(1))  # fails if the name closed the script element early
    assert name in _strings(data)


def _strings(obj) -> set[str]:
    if isinstance(obj, str):
        return {obj}
    if isinstance(obj, dict):
        return set().union(*(_strings(v) for v in obj.values())) if obj else set()
    if isinstance(obj, list):
        return set().union(*(_strings(v) for v in obj)) if obj else set()
    return set()
