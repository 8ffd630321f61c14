"""The page's side panel and its data: neighbours grouped by type, all evidence on demand with heading
lines left out and only the names marked, figures and copy as CSV, names that identify, readable
titles, and ``kg viz --report`` by place or title.

The graph is two small reports written here the way the pipeline records them (a relation's evidence
is its whole sentence; headings are sentences too); ``kg viz`` runs on the seeds' build. Browser
tests reuse test_browser.py's Chromium fixtures.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import networkx as nx
import pytest
from kg_seeds import build_once
from test_browser import CHROMIUM, browser, open_page, sync_playwright  # noqa: F401 (fixtures)
from test_html import embedded_data, make_doc, occurrences

from kg import viz
from kg.export import html
from kg.export.html_payload import is_heading_line, page_title, pair_spans, report_title
from kg.graph import build
from kg.model import Entity, Evidence, Observation, Relation

HOME = "place/科尔沁左翼后旗-150522"
EVIL = "<img src=x onerror=alert(1)>政策"
HEADINGS_A = ["2020年科左后旗人民政府工作报告", "——2020年4月22日在科左后旗第十六届人民代表大会", "科左后旗人民政府旗长何志伟"]
BODY_A = [
    "科左后旗坚持实施乡村振兴战略，巩固两不愁三保障成果。",
    "蒙宝生物科技在科左后旗建设蒙宝牛副产品深加工项目。",
    "甘旗卡镇沿河街完成改造，甘旗卡镇供热工程投入使用。",
    "甘旗卡镇是科左后旗的旗府所在地。",
    "科左后旗地区生产总值增长3.4%。",
    "科左后旗城镇常住居民人均可支配收入增长7.3%。",
    "科左后旗粮食产量达到25.2亿斤。",
    "𠮷野家在科左后旗开设门店。",
    "全面落实减税降费政策，落实" + EVIL + "。",
]
SENTENCES_B = ["2023年达拉特旗政府工作报告", "树林召镇沿河街实施黄河流域生态保护工程。", "树林召镇位于达拉特旗。"]


def panel_graph() -> nx.MultiDiGraph:
    """科左后旗's report (headings, enterprises, projects, policies, figures) and 达拉特旗's, each
    with a street called 沿河街."""
    a = make_doc("in/000_kzhq.txt", HEADINGS_A[0], 2020, HEADINGS_A + BODY_A, place="科左后旗")
    b = make_doc("in/003_dlt.txt", SENTENCES_B[0], 2023, SENTENCES_B, place="达拉特旗")
    ents = [  # id, type, label, aliases, code, document
        (HOME, "Place", "科尔沁左翼后旗", ["科左后旗"], "150522", a),
        ("place/甘旗卡镇-150522", "Place", "甘旗卡镇", [], None, a),
        ("place/沿河街-150522", "Place", "沿河街", [], None, a),
        ("place/达拉特旗-150621", "Place", "达拉特旗", [], "150621", b),
        ("place/树林召镇-150621", "Place", "树林召镇", [], None, b),
        ("place/沿河街-150621", "Place", "沿河街", [], None, b),
        ("enterprise/蒙宝生物科技", "Enterprise", "蒙宝生物科技", [], None, a),
        ("enterprise/𠮷野家", "Enterprise", "𠮷野家", [], None, a),
        ("project/蒙宝牛副产品深加工", "Project", "蒙宝牛副产品深加工", [], None, a),
        ("project/甘旗卡镇供热工程", "Project", "甘旗卡镇供热工程", [], None, a),
        ("policy/乡村振兴战略", "Policy", "乡村振兴战略", [], None, a),
        ("policy/减税降费", "Policy", "减税降费", [], None, a),
        ("policy/evil", "Policy", EVIL, [], None, a),
        ("policy/黄河流域生态保护", "Policy", "黄河流域生态保护", [], None, b),
        ("slogan/两不愁三保障", "Slogan", "两不愁三保障", [], None, a),
    ]
    entities = {eid: Entity(eid, t, label, {label, *al}, code, 0.9, occurrences(doc, [label, *al]))
                for eid, t, label, al, code, doc in ents}
    for e in entities.values():  # mentions (all of them) count the heading lines too, as the pipeline's do
        e.mentions = {}
        for ev in e.evidence:
            e.mentions[ev.report] = e.mentions.get(ev.report, 0) + 1

    def rel(head: str, name: str, tail: str) -> Relation:
        """Evidence as the extractor records it: the whole sentence naming both."""
        ev = []
        for doc in (a, b):
            for s in doc.sentences:
                if any(n in s.text for n in entities[head].aliases) and any(n in s.text for n in entities[tail].aliases):
                    ev.append(Evidence(doc.source, s.text, s.start, s.end, s.text))
        return Relation(head, name, tail, 0.8, ev, len(ev))

    rels = [rel("enterprise/蒙宝生物科技", "undertakes", "project/蒙宝牛副产品深加工"),
            rel("project/蒙宝牛副产品深加工", "locatedIn", HOME),
            rel("enterprise/𠮷野家", "locatedIn", HOME),
            rel("place/甘旗卡镇-150522", "partOf", HOME),
            rel("place/沿河街-150522", "partOf", "place/甘旗卡镇-150522"),
            rel("project/甘旗卡镇供热工程", "locatedIn", "place/甘旗卡镇-150522"),
            rel("place/树林召镇-150621", "partOf", "place/达拉特旗-150621"),
            rel("place/沿河街-150621", "partOf", "place/树林召镇-150621")]
    heat = next(x for x in a.sentences if "供热" in x.text)  # as the extractor infers it: the report's place,
    rels.append(Relation("project/甘旗卡镇供热工程", "locatedIn", HOME, 0.7,  # which the sentence does not name
                         [Evidence(a.source, heat.text, heat.start, heat.end, heat.text)], 1))
    gdp = Observation("地区生产总值", None, "", 2019, 0, 10, growth_pct=3.4, area="科左后旗")
    grain = Observation("粮食产量", 25.2, "亿斤", 2019, 0, 10, area="科左后旗")
    place_of = {a.source: HOME, b.source: "place/达拉特旗-150621"}
    return build([a, b], list(entities.values()), rels, [(a, gdp, HOME), (a, grain, HOME)], place_of)


@pytest.fixture(scope="module")
def data() -> dict:
    return html.page_data(panel_graph())


def node(data: dict, nid: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == nid)


# ---------- the payload, without a browser ----------

def test_heading_lines_are_left_out_of_evidence(data) -> None:
    home = node(data, HOME)
    texts = [data["sentences"][ev[0]][1] for ev in home["e"]]
    assert texts and not set(texts) & set(HEADINGS_A)
    assert "科左后旗地区生产总值增长3.4%。" in texts
    # the mention count still counts every mention (headings too)
    assert home["ne"] == sum(s.count("科左后旗") for s in HEADINGS_A + BODY_A)
    # the rule on real heading lines of the seeds, and body sentences that name the same things
    for line in ("(内蒙古)2020年科左后旗人民政府工作报告(全文)本地事", "——2024年1月25日在达拉特旗第十八届",
                 "县长宁利文", "鄂尔多斯市人民政府官方微信", "第四次会议上"):
        assert is_heading_line(line), line
    for line in ("全面启动了科左后旗国土空间总体规划编制,完成第三次全国国土调查初始数据提交工作。",
                 "四、坚决打好污染防治攻坚战和加强生态环境保护", "塞尚乳业落实智慧家庭牧场试点;",
                 "——坚持生态优先绿色发展"):
        assert not is_heading_line(line), line


def test_relation_evidence_carries_the_two_names_spans(data) -> None:
    rels = {(e["f"], e["rel"], e["to"]): e for e in data["edges"] if e["k"] == "rel"}
    e = rels[("enterprise/蒙宝生物科技", "undertakes", "project/蒙宝牛副产品深加工")]
    (si, hs, he, ts, te), = e["e"]
    text = data["sentences"][si][1]
    assert (text[hs:he], text[ts:te]) == ("蒙宝生物科技", "蒙宝牛副产品深加工")
    assert all(isinstance(x, int) for ev in e["e"] for x in ev)  # no copy of the sentence as "surface"
    loc = rels[("project/蒙宝牛副产品深加工", "locatedIn", HOME)]["e"][0]
    assert data["sentences"][loc[0]][1][loc[3]:loc[4]] == "科左后旗"
    # a name outside the Basic Multilingual Plane: offsets count UTF-16 units, as JavaScript does
    yj = rels[("enterprise/𠮷野家", "locatedIn", HOME)]["e"][0]
    assert (yj[1], yj[2], yj[3], yj[4]) == (0, 4, 5, 9)  # 𠮷 is two units
    # a name inside the other's name is not marked twice; one the sentence lacks is -1
    assert pair_spans("县道457线科尔沁区与科左后旗界改善工程", ["科左后旗"], ["县道457线科尔沁区与科左后旗界改善工程"]) == \
        (None, (0, 20))
    assert pair_spans("在科左后旗建设工程。", ["科左后旗"], ["达拉特旗"]) == ((1, 5), None)


def test_duplicate_names_carry_their_parent_place(data) -> None:
    streets = sorted(n["l"] for n in data["nodes"] if n.get("nm") == "沿河街")
    assert streets == ["沿河街（树林召镇）", "沿河街（甘旗卡镇）"]
    assert "nm" not in node(data, "place/甘旗卡镇-150522")  # a unique name stays as it is


def test_titles_name_places_and_years() -> None:
    g = panel_graph()
    page = html.render(g)
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title == "2 份政府工作报告：科左后旗、达拉特旗（2020–2023）"
    reports = [{"id": f"r{i}", "pn": p, "y": 2020 + i % 3} for i, p in enumerate(["甲县", "乙县", "乙县", "丙县", "丁县"])]
    assert page_title(reports).startswith("5 份政府工作报告：乙县、")  # the place with most reports first
    assert page_title(reports).endswith("等 4 地（2020–2022）")
    assert report_title({"pn": "科左后旗", "y": 2020}) == "科左后旗 2020年政府工作报告"
    assert report_title({"l": "在县委全会上的讲话", "y": 2020}) == "在县委全会上的讲话（2020年）"


def test_find_reports_by_file_title_or_place() -> None:
    g = panel_graph()
    assert viz.find_reports(g, "000_kzhq.txt") == ["report/000_kzhq"]
    assert viz.find_reports(g, "2023年达拉特旗政府工作报告") == ["report/003_dlt"]
    assert viz.find_reports(g, "科左后旗") == ["report/000_kzhq"]  # the heading's name
    assert viz.find_reports(g, "科尔沁左翼后旗") == ["report/000_kzhq"]  # the place's full name
    assert viz.find_reports(g, "达拉特旗 2023") == ["report/003_dlt"]
    assert viz.find_reports(g, "达拉特旗 2021") == []
    with pytest.raises(ValueError, match=r"2 reports match '旗'.*000_kzhq\.txt.*003_dlt\.txt"):
        viz.pick_report(g, "旗")
    with pytest.raises(ValueError, match=r"no report matches '北京市'.*2020年科左后旗人民政府工作报告"):
        viz.pick_report(g, "北京市")


def test_kg_viz_report_by_place_from_the_command_line(tmp_path_factory, tmp_path) -> None:
    built = build_once(tmp_path_factory)
    graph = built.out / "graph.json"
    out = tmp_path / "kzhq.html"

    def kg_viz(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kg.cli", "viz", "--graph", str(graph), *args],
                              capture_output=True, text=True, timeout=300)

    done = kg_viz("--report", "科左后旗", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    d = embedded_data(page)
    assert [r["src"] for r in d["reports"]] == ["000_102fbaa1620b6f72.txt"]
    assert re.search(r"<title>(.*?)</title>", page).group(1) == "科左后旗 2020年政府工作报告 · 知识图谱"
    assert not any(s in d["title"] for s in ("000_", "102fbaa"))
    # every mention from the store beside the graph, not the graph's sample (its first sentences)
    home = next(n for n in d["nodes"] if n["id"] == HOME)
    sample = html.page_data(viz.subgraph(built.graph, report="科左后旗"))
    assert len(home["e"]) > len(next(n for n in sample["nodes"] if n["id"] == HOME)["e"])
    evidence = [d["sentences"][ev[0]][1] for ev in home["e"]]
    assert all("科左后旗" in s or "科尔沁左翼后旗" in s for s in evidence)
    assert not any(is_heading_line(s) for s in evidence) and len(set(evidence)) == len(evidence)
    many = kg_viz("--report", "2020", "-o", str(tmp_path / "x.html"))
    assert many.returncode == 2 and len(many.stderr.strip().splitlines()) == 1
    assert "科左后旗" in many.stderr and "肇源县" in many.stderr
    none = kg_viz("--report", "不存在的旗", "-o", str(tmp_path / "x.html"))
    assert none.returncode == 2 and len(none.stderr.strip().splitlines()) == 1
    assert "no report matches" in none.stderr and "达拉特旗" in none.stderr


# ---------- in the browser ----------

def in_browser(test):
    """A test that needs headless Chromium and Playwright (skipped without them, as in test_browser.py)."""
    test = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run .ci/install-browser.sh")(test)
    test = pytest.mark.skipif(sync_playwright is None, reason="playwright (Python package) not installed")(test)
    return pytest.mark.browser(test)


def texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "xs => xs.map(x => x.textContent)")


@in_browser
def test_panel_groups_neighbours_by_type(open_page) -> None:  # noqa: F811
    g = panel_graph()
    seen = open_page(g)
    page = seen.page
    page.fill("#kg-search", "科左后旗")
    page.click("#kg-results li >> nth=0")
    page.wait_for_selector("#kg-panel:not([hidden])")
    groups = page.eval_on_selector_all(
        "#kg-panel details.kg-group",
        "ds => ds.map(d => [d.dataset.type, d.querySelector('.kg-group-count').textContent,"
        " Array.from(d.querySelectorAll('.kg-chip')).map(c => c.textContent)])")
    # expected: what its own report names, and what a relation links it to
    own = {n for n, d in g.nodes(data=True) if d.get("kind") == "entity" and "report/000_kzhq" in d["reports"]}
    linked = {v for _, v in g.out_edges(HOME)} | {u for u, _ in g.in_edges(HOME) if not u.startswith("report/")}
    expected = (own | linked) - {HOME}
    by_type: dict[str, set[str]] = {}
    for n in expected:
        by_type.setdefault(g.nodes[n]["type"], set()).add(g.nodes[n]["label"])
    assert [t for t, _, _ in groups] == [t for t in ("Enterprise", "Project", "Policy", "Slogan", "Place")
                                         if t in by_type]
    for t, count, chips in groups:
        assert int(count) == len(by_type[t]) == len(chips)
        assert {c.split("（")[0] for c in chips} == by_type[t]
    policies = dict((t, chips) for t, _, chips in groups)["Policy"]
    assert policies[0] == "乡村振兴战略"  # in a sentence with it: before those its report only names
    assert "减税降费" in policies and "黄河流域生态保护" not in policies  # the other place's policy is not
    # a group folds
    page.click("#kg-panel details.kg-group[data-type=Project] > summary")
    assert page.evaluate("document.querySelector('#kg-panel details[data-type=Project]').open") is False
    assert EVIL in policies and page.evaluate("document.images.length") == 0 and not seen.dialogs
    assert not seen.errors


@in_browser
def test_show_all_evidence_marks_only_names(open_page) -> None:  # noqa: F811
    g = panel_graph()
    page = open_page(g).page
    page.evaluate("id => kg.showNode(id)", HOME)
    n_body = sum("科左后旗" in s for s in BODY_A)
    head = page.inner_text("#kg-panel .kg-ev-head")
    assert head.startswith(f"证据句（显示 5 / {n_body} 句")
    assert len(texts(page, "#kg-panel .kg-ev li")) == 5
    page.click(f"#kg-panel .kg-evidence button:text('显示全部 {n_body} 句')")
    shown = texts(page, "#kg-panel .kg-ev li")
    assert sorted(shown) == sorted(s for s in BODY_A if "科左后旗" in s)
    assert not set(shown) & set(HEADINGS_A)
    assert set(texts(page, "#kg-panel .kg-ev mark")) == {"科左后旗"}
    mentions = sum(s.count("科左后旗") for s in HEADINGS_A + BODY_A)  # more mentions than sentences shown:
    hint = page.inner_text("#kg-panel .kg-ev-more")  # say where all of them are
    assert f"全部 {mentions} 处提及" in hint and "kg query evidence-of-node --bind name=科尔沁左翼后旗" in hint
    # a relation whose evidence is its whole sentence: only the two names are marked
    edge = page.evaluate("""() => kg.data.edges.find(e => e.k === 'rel' && e.f === 'project/蒙宝牛副产品深加工').id""")
    page.evaluate("id => kg.showEdge(id)", edge)
    assert texts(page, "#kg-panel .kg-ev li") == ["蒙宝生物科技在科左后旗建设蒙宝牛副产品深加工项目。"]
    assert texts(page, "#kg-panel .kg-ev mark") == ["科左后旗", "蒙宝牛副产品深加工"]
    edge = page.evaluate("""() => kg.data.edges.find(e => e.k === 'rel' && e.f === 'enterprise/𠮷野家').id""")
    page.evaluate("id => kg.showEdge(id)", edge)
    assert texts(page, "#kg-panel .kg-ev mark") == ["𠮷野家", "科左后旗"]
    assert page.locator("#kg-panel .kg-absent").count() == 0
    # a relation whose sentence names one end only: that name is marked, the other said to be absent
    edge = page.evaluate("""id => kg.data.edges.find(e => e.k === 'rel' && e.f === 'project/甘旗卡镇供热工程'
                                                && e.to === id).id""", HOME)
    page.evaluate("id => kg.showEdge(id)", edge)
    assert texts(page, "#kg-panel .kg-ev mark") == ["甘旗卡镇供热工程"]
    assert page.inner_text("#kg-panel .kg-absent") == "证据句中未直接出现「科尔沁左翼后旗」。"


@in_browser
def test_copy_as_csv_to_clipboard_or_text_area(open_page) -> None:  # noqa: F811
    page = open_page(panel_graph()).page
    page.evaluate("""() => { window.copied = [];
        Object.defineProperty(navigator, "clipboard", { configurable: true, value: {
            writeText: (t) => { window.copied.push(t); return Promise.resolve(); } } }); }""")
    page.evaluate("id => kg.showNode(id)", HOME)
    chips = texts(page, "#kg-panel details.kg-group .kg-chip")
    page.click("#kg-panel h3:has-text('关联') .kg-csv-copy")
    page.wait_for_function("window.copied.length === 1")
    rows = list(csv.reader(io.StringIO(page.evaluate("window.copied[0]"))))
    assert rows[0] == ["类型", "名称", "关系", "提及次数", "报告数", "id"]
    assert sorted(r[1] for r in rows[1:]) == sorted(chips)
    assert [r for r in rows if r[1] == "甘旗卡镇"][0][:3] == ["地点", "甘旗卡镇", "← 隶属"]
    assert EVIL in [r[1] for r in rows]
    assert "已复制" in page.inner_text("#kg-panel h3:has-text('关联') .kg-csv-status")
    # figures; the clipboard refuses (as a page opened from disk may be refused): a selected text area
    page.evaluate("""() => Object.defineProperty(navigator, "clipboard", { configurable: true, value: {
        writeText: () => Promise.reject(new Error("denied")) } })""")
    page.click("#kg-panel h3:has-text('主要指标') .kg-csv-copy")
    area = page.wait_for_selector("#kg-panel h3:has-text('主要指标') textarea.kg-csv-text")
    figures = list(csv.reader(io.StringIO(area.input_value())))
    assert figures[0][:3] == ["指标", "类别", "数值"]
    assert ["地区生产总值", "实际", "", "", "3.4"] in [f[:5] for f in figures]
    assert ["粮食产量", "实际", "25.2", "亿斤"] in [f[:4] for f in figures]
    assert page.evaluate("document.activeElement.classList.contains('kg-csv-text')")


@in_browser
def test_duplicate_names_show_their_parent_in_search_and_panel(open_page) -> None:  # noqa: F811
    page = open_page(panel_graph()).page
    page.fill("#kg-search", "沿河街")
    names = texts(page, "#kg-results li .kg-name")
    assert sorted(names) == ["沿河街（树林召镇）", "沿河街（甘旗卡镇）"]
    page.click("#kg-results li:has-text('树林召镇')")
    page.wait_for_selector("#kg-panel:not([hidden])")
    assert page.inner_text("#kg-panel h2") == "沿河街（树林召镇）"
    assert texts(page, "#kg-panel .kg-ev mark") == ["沿河街"]  # the name as written, not the label


def test_kg_viz_without_a_readable_store_keeps_the_sample(tmp_path_factory, tmp_path) -> None:
    graph = tmp_path / "graph.json"
    graph.write_bytes((build_once(tmp_path_factory).out / "graph.json").read_bytes())
    (tmp_path / "graph.oxigraph").mkdir()  # not a store
    done = subprocess.run([sys.executable, "-m", "kg.cli", "viz", "--graph", str(graph), "--report", "科左后旗",
                           "-o", str(tmp_path / "p.html")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and (tmp_path / "p.html").exists()
    assert len(done.stderr.strip().splitlines()) == 1 and "graph.oxigraph" in done.stderr


def test_evidence_sample_prefers_body_sentences_to_heading_lines() -> None:
    """The graph keeps a few sentences per entity: the title and session lines must not use them up."""
    from kg.extract import process
    from kg.link import SAMPLE, summarise
    from kg.read import document_from_text

    body = "".join(f"第{i}件事，科左后旗新建学校{i}所。" for i in range(1, 6))
    text = (
        "科左后旗2020年政府工作报告\n"
        "——2020年4月22日在科左后旗第十六届人民代表大会第四次会议上\n"
        "科左后旗人民政府旗长何志伟\n"
        f"{body}\n"
    )
    rec = summarise(process(document_from_text("kzhq.txt", text)))
    place = [k for k, typ, surface, *_ in rec.mentions if typ == "Place" and "科左后旗" in surface]
    assert place
    kept = rec.samples[place[0]]
    assert len(kept) == SAMPLE
    assert all(not is_heading_line(sent) for _, sent, *_ in kept), [s for _, s, *_ in kept]
    assert all("新建学校" in sent for _, sent, *_ in kept)
