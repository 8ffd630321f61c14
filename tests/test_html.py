"""The HTML page and the node-link round trip, checked without a browser.

The sample graphs are built by kg.graph.build from hand-written kg.model records, as the pipeline
would; test_browser.py reuses them.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from pathlib import Path

import networkx as nx
import pytest

from kg import export, viz
from kg.export import html, layout, nodelink
from kg.graph import build
from kg.model import Document, Entity, Evidence, Observation, Relation, ReportMeta, Sentence

XSS_NAME = "<script>alert(1)</script>"
XSS_SENTENCE = "会上有人写下</script><img src=x onerror=alert(1)>，" + XSS_NAME + "不应执行。"


def make_doc(source: str, title: str, year: int, sentences: list[str], place: str = "通辽市") -> Document:
    spans, pos = [], 0
    for s in sentences:
        spans.append(Sentence(pos, pos + len(s), s))
        pos += len(s)
    meta = ReportMeta(title=title, place=place, year=year, date=f"{year}-01-10", speaker="市长")
    return Document(source=source, text="".join(sentences), meta=meta, sentences=spans)


def occurrences(doc: Document, names: list[str]) -> list[Evidence]:
    """Evidence for every occurrence of any of ``names`` in ``doc``, longest name first."""
    out, taken = [], set()
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), doc.text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            sent = doc.sentences[doc.sentence_at(m.start())]
            out.append(Evidence(doc.source, sent.text, m.start(), m.end(), name))
    return out


def graph_from(docs: list[Document], ents: list[tuple], rels: list[tuple[str, str, str]],
               obs: list[tuple[int, Observation, str | None]] = ()) -> nx.MultiDiGraph:
    """ents: (id, type, label, aliases, code, expansion); rels: (head id, rel, tail id)."""
    entities = []
    for eid, typ, label, aliases, code, expansion in ents:
        ev = [e for d in docs for e in occurrences(d, [label, *aliases])]
        entities.append(Entity(eid, typ, label, set(aliases) | {label}, code, 0.9, ev, list(expansion)))
    by_id = {e.id: e for e in entities}
    relations = []
    for head, rel, tail in rels:
        h_sents = {(e.report, e.sentence) for e in by_id[head].evidence}
        ev = [e for e in by_id[tail].evidence if (e.report, e.sentence) in h_sents]
        relations.append(Relation(head, rel, tail, 0.8, ev))
    observations = [(docs[i], o, area) for i, o, area in obs]
    place_of = {d.source: "place/通辽市-150500" for d in docs}
    return build(docs, entities, relations, observations, place_of)


def sample_graph() -> nx.MultiDiGraph:
    """Two reports of 通辽市 with places, an enterprise, projects, policies, a slogan and figures."""
    d1 = make_doc("seeds/tongliao_2022.txt", "2022年通辽市人民政府工作报告", 2022, [
        "通辽市地区生产总值增长6.5%。",
        "科尔沁区和科尔沁左翼后旗推进乡村振兴战略。",
        "霍煤鸿骏在霍林郭勒市建设扎鲁特—青州特高压配套工程。",
        "筑牢“两个屏障”，落实黄河流域生态保护政策。",
    ])
    d2 = make_doc("seeds/tongliao_2023.txt", "2023年通辽市人民政府工作报告", 2023, [
        "科尔沁区加快建设通辽至京沈高铁连接线。",
        "内蒙古霍煤鸿骏铝电有限责任公司扩大铝产能。",
        "科尔沁左翼后旗和科尔沁区继续实施乡村振兴战略。",
    ])
    ents = [
        ("place/通辽市-150500", "Place", "通辽市", ["通辽"], "150500", []),
        ("place/科尔沁区-150502", "Place", "科尔沁区", [], "150502", []),
        ("place/科尔沁左翼后旗-150522", "Place", "科尔沁左翼后旗", ["科左后旗"], "150522", []),
        ("place/霍林郭勒市-150581", "Place", "霍林郭勒市", [], "150581", []),
        ("enterprise/霍煤鸿骏", "Enterprise", "内蒙古霍煤鸿骏铝电有限责任公司", ["霍煤鸿骏"], None, []),
        ("project/特高压", "Project", "扎鲁特—青州特高压配套工程", [], None, []),
        ("project/高铁连接线", "Project", "通辽至京沈高铁连接线", [], None, []),
        ("policy/乡村振兴战略", "Policy", "乡村振兴战略", [], None, []),
        ("policy/黄河流域生态保护", "Policy", "黄河流域生态保护", [], None, []),
        ("slogan/两个屏障", "Slogan", "两个屏障", [], None, ["生态安全屏障", "安全稳定屏障"]),
    ]
    rels = [
        ("place/科尔沁区-150502", "partOf", "place/通辽市-150500"),
        ("place/科尔沁左翼后旗-150522", "partOf", "place/通辽市-150500"),
        ("enterprise/霍煤鸿骏", "locatedIn", "place/霍林郭勒市-150581"),
        ("enterprise/霍煤鸿骏", "undertakes", "project/特高压"),
        ("place/科尔沁区-150502", "implements", "policy/乡村振兴战略"),
        ("place/科尔沁区-150502", "relatedTo", "policy/乡村振兴战略"),
    ]
    gdp = Observation("地区生产总值", 1500.0, "亿元", 2021, 0, 14, growth_pct=6.5, area="通辽市")
    return graph_from([d1, d2], ents, rels, [(0, gdp, "place/通辽市-150500")])


def xss_graph() -> nx.MultiDiGraph:
    """Names, sentences and a title written to break out of the page."""
    d = make_doc("seeds/evil.txt", "报告</title><script>alert(2)</script>", 2023,
                 [XSS_SENTENCE, "通辽市与" + XSS_NAME + "并列。"])
    ents = [("policy/evil", "Policy", XSS_NAME, ["<b onmouseover=alert(3)>x</b>"], None, []),
            ("place/通辽市-150500", "Place", "通辽市", [], "150500", [])]
    return graph_from([d], ents, [("policy/evil", "relatedTo", "place/通辽市-150500")])


def random_graph(n_entities: int, n_reports: int = 20, seed: int = 7) -> nx.MultiDiGraph:
    """A random graph of the real schema: each sentence names 2–4 entities, some related."""
    rng = random.Random(seed)
    types = ["Place", "Enterprise", "Project", "Policy", "Slogan"]
    syll = "通辽科尔沁扎鲁特奈曼库伦开鲁霍林郭勒新能源产业园区高铁乡村振兴生态保护示范基地"
    names = set()
    while len(names) < n_entities:
        names.add("".join(rng.choice(syll) for _ in range(rng.randint(3, 7))) + str(len(names)))
    names_l = sorted(names)
    docs, evid = [], {n: [] for n in names_l}
    pairs = []
    for r in range(n_reports):
        sents, members, pos = [], [], 0
        for _ in range(max(1, n_entities * 2 // n_reports)):
            group = rng.sample(names_l, rng.randint(2, 4))
            text = "、".join(group) + "协同推进。"
            sents.append(Sentence(pos, pos + len(text), text))
            members.append((pos, group))
            pos += len(text)
        doc = Document(source=f"seeds/r{r:03d}.txt", text="".join(s.text for s in sents),
                       meta=ReportMeta(f"第{r}号报告", f"地区{r % 7}", 2015 + r % 9), sentences=sents)
        docs.append(doc)
        for (start, group), s in zip(members, sents, strict=True):
            off = start
            for name in group:
                evid[name].append(Evidence(doc.source, s.text, off, off + len(name), name))
                off += len(name) + 1
            if rng.random() < 0.3:
                pairs.append((group[0], group[1]))
    ents = [Entity(f"e/{i}", types[i % 5], n, {n}, None, 0.7, evid[n]) for i, n in enumerate(names_l)]
    ids = {n: f"e/{i}" for i, n in enumerate(names_l)}
    rel_names = ["partOf", "relatedTo", "undertakes"]
    rels = [Relation(ids[a], rng.choice(rel_names), ids[b], 0.6) for a, b in pairs]
    return build(docs, ents, rels, [], {})


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "data island missing"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    export.write("html", sample_graph(), path)
    return path, path.read_text(encoding="utf-8")


def test_registered() -> None:
    assert export.get("html").suffix == ".html"
    assert export.get("nodelink").suffix == ".json"


def test_page_is_self_contained(sample_page) -> None:
    path, page = sample_page
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert path.read_bytes().decode("utf-8") == page  # written as UTF-8 whatever the locale
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I), "no external scripts"
    assert not re.search(r"<link\b", page, re.I), "no linked styles"
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "vis.Network" in page and "Noto Sans CJK SC" in page


def test_data_describes_the_graph(sample_page) -> None:
    g = sample_graph()
    data = embedded_data(sample_page[1])
    ents = [n for n in data["nodes"] if n["k"] == "e"]
    assert len(ents) == sum(1 for _, d in g.nodes(data=True) if d["kind"] == "entity")
    assert len(data["reports"]) == 2 and len(data["nodes"]) == len(ents) + 2
    counts = {t["name"]: t["count"] for t in data["types"]}
    assert counts == {"Place": 4, "Enterprise": 1, "Project": 2, "Policy": 2, "Slogan": 1, "Report": 2}
    node = {n["id"]: n for n in data["nodes"]}
    town = node["place/通辽市-150500"]
    assert town["c"] == "150500" and town["a"] == ["通辽"] and town["o"][0]["i"] == "地区生产总值"
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    # the most mentioned entity is drawn larger than a once-mentioned one
    assert node["place/科尔沁区-150502"]["v"] > node["slogan/两个屏障"]["v"]
    rel = {(e["f"], e["rel"], e["to"]) for e in data["edges"] if e["k"] == "rel"}
    assert ("enterprise/霍煤鸿骏", "locatedIn", "place/霍林郭勒市-150581") in rel
    parallel = [e for e in data["edges"] if e["k"] == "rel" and e["f"] == "place/科尔沁区-150502"
                and e["to"] == "policy/乡村振兴战略"]
    assert sorted(e["sm"] for e in parallel) == [0, 0.25]  # the second one curves, not on top


def test_comention_from_shared_sentences(sample_page) -> None:
    data = embedded_data(sample_page[1])
    co = {frozenset((e["f"], e["to"])): e for e in data["edges"] if e["k"] == "co"}
    # 科左后旗 and 乡村振兴战略 share a sentence in both reports and have no extracted relation
    pair = co[frozenset(("place/科尔沁左翼后旗-150522", "policy/乡村振兴战略"))]
    assert pair["n"] == 2
    assert {data["sentences"][si][0] for si, _ in pair["e"]} == {0, 1}
    # a pair with an extracted relation is not repeated as co-mention
    assert frozenset(("place/科尔沁区-150502", "place/通辽市-150500")) not in co
    assert frozenset(("enterprise/霍煤鸿骏", "place/霍林郭勒市-150581")) not in co
    assert data["defaults"] == {"men": True, "co": True}


def test_comention_off_when_too_many() -> None:
    data = html.page_data(random_graph(300, n_reports=4), max_nodes=5000)
    assert data["counts"]["co"] > html.COMENTION_SHOWN_LIMIT and data["defaults"]["co"] is False
    assert html.page_data(sample_graph(), comention=False)["defaults"]["co"] is False


def test_xss_is_escaped(tmp_path) -> None:
    path = tmp_path / "evil.html"
    html.write(xss_graph(), path, title="图谱</title><script>alert(2)</script>")
    page = path.read_text(encoding="utf-8")
    assert XSS_NAME not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "alert(2)</script>" not in page
    assert "<title>图谱&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    island = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in island and ">" not in island
    data = json.loads(island)
    assert {n["l"] for n in data["nodes"]} >= {XSS_NAME}
    assert any(XSS_SENTENCE == s for _, s in data["sentences"])
    assert data["title"] == "图谱</title><script>alert(2)</script>"
    assert data["reports"][0]["l"] == "报告</title><script>alert(2)</script>"


def test_json_for_script_escapes_line_separators() -> None:
    text = html.json_for_script({"s": "a\u2028b\u2029c</script>&"})
    assert "\u2028" not in text and "\u2029" not in text and "</" not in text and "&" not in text
    assert json.loads(text) == {"s": "a\u2028b\u2029c</script>&"}


def test_cap_names_what_was_left_out() -> None:
    g = sample_graph()
    data = html.page_data(g, max_nodes=6)
    assert len(data["nodes"]) == 6
    assert sum(n["k"] == "r" for n in data["nodes"]) == 2  # reports are always kept
    assert data["omitted"]["count"] == 6 and data["omitted"]["total"] == 12
    assert "两个屏障" in data["omitted"]["names"]
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["f"] in kept and e["to"] in kept for e in data["edges"])


def test_layout_is_finite_and_deterministic() -> None:
    edges = [(i, (i * 7 + 1) % 900, 1.0) for i in range(900)]
    a = layout.layout(900, edges, seed=3, iterations=20)
    assert a == layout.layout(900, edges, seed=3, iterations=20)
    assert all(abs(x) < 1e6 and abs(y) < 1e6 for x, y in a)
    assert len({(round(x), round(y)) for x, y in a}) > 850  # nodes do not collapse onto each other
    assert layout.layout(0, []) == [] and layout.layout(1, []) == [(0.0, 0.0)]
    small = layout.layout(60, [(i, (i + 1) % 60, 1.0) for i in range(60)], seed=1)  # exact repulsion
    assert len({(round(x), round(y)) for x, y in small}) == 60


def test_nodelink_round_trip(tmp_path) -> None:
    g = sample_graph()
    path = tmp_path / "graph.json"
    export.write("nodelink", g, path)
    back = viz.load_graph(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    edges = sorted(g.edges(keys=True, data=True), key=repr)
    assert sorted(back.edges(keys=True, data=True), key=repr) == edges
    assert json.loads(path.read_text(encoding="utf-8"))["graph"]["format"] == nodelink.FORMAT


def test_subgraph_focus_depth_and_report() -> None:
    g = sample_graph()
    one = viz.subgraph(g, focus="霍煤鸿骏", depth=1, comention=False)
    ents = {n for n, d in one.nodes(data=True) if d["kind"] == "entity"}
    assert ents == {"enterprise/霍煤鸿骏", "place/霍林郭勒市-150581", "project/特高压"}
    assert {n for n, d in one.nodes(data=True) if d["kind"] == "report"} == {
        "report/tongliao_2022", "report/tongliao_2023"}
    assert viz.find_entities(g, "科左") == ["place/科尔沁左翼后旗-150522"]  # partial alias
    zero = viz.subgraph(g, focus="通辽", depth=0)
    assert {n for n, d in zero.nodes(data=True) if d["kind"] == "entity"} == {"place/通辽市-150500"}
    assert any(d["kind"] == "observation" for _, d in zero.nodes(data=True))
    rep = viz.subgraph(g, report="tongliao_2023.txt")
    assert {n for n, d in rep.nodes(data=True) if d["kind"] == "report"} == {"report/tongliao_2023"}
    assert "slogan/两个屏障" not in rep
    assert viz.subgraph(g, report="seeds/tongliao_2023.txt").number_of_nodes() == rep.number_of_nodes()
    with pytest.raises(ValueError):
        viz.subgraph(g, focus="不存在的地方")
    with pytest.raises(ValueError):
        viz.subgraph(g, report="nope.txt")


def test_viz_command(tmp_path, capsys) -> None:
    graph = tmp_path / "graph.json"
    export.write("nodelink", sample_graph(), graph)
    parser = argparse.ArgumentParser(prog="kg")
    viz.add_parser(parser.add_subparsers(dest="cmd"))
    out = tmp_path / "focus.html"
    args = parser.parse_args(["viz", "--graph", str(graph), "--focus", "科尔沁区", "--depth", "1",
                              "-o", str(out)])
    assert args.func(args) == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["focus"] == ["place/科尔沁区-150502"] and "科尔沁区" in data["title"]
    printed = re.fullmatch(rf"{re.escape(str(out))}: (\d+) entities, (\d+) edges\n", capsys.readouterr().out)
    assert printed, "kg viz says what it wrote"
    assert int(printed[1]) == sum(1 for n in data["nodes"] if n["k"] == "e") >= 2 and int(printed[2]) > 0
    bad = parser.parse_args(["viz", "--graph", str(graph), "--focus", "无此名", "-o", str(out)])
    assert viz.run(bad) == 2
    missing = parser.parse_args(["viz", "--graph", str(tmp_path / "none.json")])
    assert viz.run(missing) == 2
    assert "not found" in capsys.readouterr().err


def test_a_rebuilt_page_keeps_its_layout(tmp_path) -> None:
    """The page remembers where its nodes were (graph.layout.json): drawn again with one node
    more, the old nodes stay put and the new one lands beside its neighbour, not at random."""
    g = random_graph(600, seed=5)
    path = tmp_path / "graph.html"
    html.write(g, path)
    first = layout.read_positions(tmp_path / "graph.layout.json")
    assert first and len(first) == g.number_of_nodes()
    hub = min((n for n, d in g.nodes(data=True) if d.get("kind") == "entity" and g.degree(n)),
              key=lambda n: (g.degree(n), n))  # a quiet node: "beside it" means something there
    g.add_node("policy/新来的政策", kind="entity", type="Policy", label="新来的政策", aliases=[], code=None,
               confidence=0.9, expansion=[], evidence=[], reports=[])
    g.add_edge("policy/新来的政策", hub, key="implements", kind="relation", rel="implements", confidence=0.9,
               evidence=[])
    html.write(g, path)
    second = layout.read_positions(tmp_path / "graph.layout.json")
    xs = [p[0] for p in first.values()]
    span = max(xs) - min(xs)
    moved = sorted(math.dist(first[n], second[n]) for n in first)
    assert moved[len(moved) // 2] < 0.05 * span  # most nodes barely move
    others = sorted(math.dist(second[hub], second[n]) for n in first if n != hub)
    assert math.dist(second["policy/新来的政策"], second[hub]) < others[len(others) // 10]
    (tmp_path / "graph.layout.json").write_text("{not json", encoding="utf-8")
    html.write(g, path)  # a broken file is only a cold start
    assert layout.read_positions(tmp_path / "graph.layout.json")
