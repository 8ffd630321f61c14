"""The competency questions in queries/ and `kg query`, on the seed reports.

Expected rows are of two kinds: facts that are right whatever the extractor does (administrative
hierarchy from GB/T 2260, headline figures, report metadata, slogans of the national lexicon),
and, for relations whose entities are still being tuned, the answer recomputed from the networkx
graph, so the query is checked against the graph rather than against today's extraction.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from decimal import Decimal

import networkx as nx
import pytest
from kg_seeds import Built, build_once, label_of

from kg import cli
from kg.query import (
    QUERIES_DIR,
    QueryError,
    Results,
    bind_values,
    competency_queries,
    execute,
    rdflib_graph,
    read_query,
)
from kg.store import open_store


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


@pytest.fixture(scope="session")
def store(seeds: Built):
    return open_store(seeds.store, read_only=True)


def top_policy(g: nx.MultiDiGraph) -> str:
    """The policy or slogan most projects implement: what 06 is asked about, since which policies
    the extractor links to projects still changes from build to build."""
    counts = Counter(v for _, v, k in g.edges(keys=True) if k == "implements")
    return label_of(g, min(counts, key=lambda n: (-counts[n], n)))


def run(store, name: str, g: nx.MultiDiGraph | None = None) -> Results:
    """A competency query with no default prefixes: each file must declare what it uses."""
    text = competency_queries()[name][0].read_text(encoding="utf-8")
    if name == "06-projects-by-policy" and g is not None:
        text = bind_values(text, {"policyName": top_policy(g)})
    return execute(text, store, prefixes={})


def rows(store, name: str, g: nx.MultiDiGraph | None = None) -> list[dict[str, str]]:
    return run(store, name, g).dicts()


def test_at_least_twelve_documented_queries() -> None:
    qs = competency_queries()
    assert len(qs) >= 12
    for stem, (path, question) in qs.items():
        assert path.read_text(encoding="utf-8").startswith("# "), stem
        assert len(question) > 20, stem


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_every_query_answers_on_the_seeds(seeds: Built, store, name: str) -> None:
    res = run(store, name, seeds.graph)
    assert res.kind == "select" and res.rows, name


def _norm(res: Results, sets: tuple[str, ...] = ()) -> Counter:
    """Engine-neutral rows: numbers compared as numbers, GROUP_CONCAT lists as sets."""
    out = []
    for row in res.rows:
        vals = []
        for var, t in zip(res.vars, row, strict=True):
            if t is None:
                vals.append(None)
            elif t.datatype and t.datatype.rsplit("#", 1)[-1] in ("decimal", "double", "integer"):
                vals.append(Decimal(t.value).normalize())
            elif var in sets:
                vals.append(frozenset(t.value.replace(" | ", "、").split("、")))
            else:
                vals.append(t.value)
        out.append(tuple(vals))
    return Counter(out)


def test_rdflib_gives_the_same_answers(seeds: Built, store) -> None:
    g = rdflib_graph(seeds.ttl)
    for name, (path, _) in competency_queries().items():
        text = path.read_text(encoding="utf-8")
        a, b = execute(text, store, prefixes={}), execute(text, g, prefixes={})
        assert a.rows, name  # every competency query has an answer on the seeds: both empty proves nothing
        assert _norm(a, ("parts", "aliases")) == _norm(b, ("parts", "aliases")), name


def test_reports(store) -> None:
    rs = {r["title"]: r for r in rows(store, "01-reports")}
    assert len(rs) == 5
    r = rs["2020年科左后旗人民政府工作报告"]
    assert (r["year"], r["date"], r["speaker"], r["placeName"], r["code"]) == (
        "2020", "2020-04-22", "何志伟", "科尔沁左翼后旗", "150522")
    assert rs["2024年达拉特旗政府工作报告"]["code"] == "150621"


def test_places_named_with_parents(store) -> None:
    got = {(r["title"], r["namedPlace"], r.get("parentName")) for r in rows(store, "02-places-named")}
    assert ("2020年科左后旗人民政府工作报告", "科尔沁左翼后旗", "通辽市") in got
    assert {t for t, _, _ in got} == {"2020年科左后旗人民政府工作报告"}
    text = bind_values(read_query("02-places-named"), {"placeName": "肇源县"})
    got = {(r["title"], r["namedPlace"], r.get("parentName")) for r in execute(text, store).dicts()}
    assert ("2020年肇源县政府工作报告", "肇源县", "大庆市") in got


def test_admin_hierarchy(store) -> None:
    got = {(r["placeName"], r["aboveName"], r["aboveCode"]) for r in rows(store, "03-admin-hierarchy")}
    assert {("科尔沁左翼后旗", "通辽市", "150500"), ("科尔沁左翼后旗", "内蒙古自治区", "150000"),
            ("肇源县", "大庆市", "230600"), ("肇源县", "黑龙江省", "230000"),
            ("达拉特旗", "鄂尔多斯市", "150600"), ("额尔古纳市", "呼伦贝尔市", "150700")} <= got


def test_enterprises_by_place(seeds: Built, store) -> None:
    g = seeds.graph
    parts = nx.DiGraph([(u, v) for u, v, k in g.edges(keys=True) if k == "partOf"])
    homes = {d["place"] for _, d in g.nodes(data=True) if d.get("kind") == "report" and d.get("place")}
    want = set()
    for u, v, k in g.edges(keys=True):
        if k == "locatedIn" and g.nodes[u].get("type") == "Enterprise":
            above = ({v} | (nx.descendants(parts, v) if v in parts else set())) & homes
            want |= {(label_of(g, h), label_of(g, v), label_of(g, u)) for h in above}
    got = rows(store, "04-enterprises-by-place")
    assert {(r["countyName"], r["placeName"], r["enterpriseName"]) for r in got} == want
    assert ("肇源县", "通威集团") in {(r["countyName"], r["enterpriseName"]) for r in got}


def test_enterprise_projects_match_the_graph(seeds: Built, store) -> None:
    g = seeds.graph
    want = {(label_of(g, u), label_of(g, v)) for u, v, k in g.edges(keys=True) if k == "undertakes"}
    got = {(r["enterpriseName"], r["projectName"]) for r in rows(store, "05-enterprise-projects")}
    assert got == want and want


def test_projects_by_policy_match_the_graph(seeds: Built, store) -> None:
    g = seeds.graph
    top = top_policy(g)
    want = {(label_of(g, v), g.nodes[v]["type"], label_of(g, u)) for u, v, k in g.edges(keys=True)
            if k == "implements" and label_of(g, v) == top}
    got = {(r["policyName"], r["policyType"], r["projectName"]) for r in rows(store, "06-projects-by-policy", g)}
    assert got == want and want


def test_slogans_across_places(seeds: Built, store) -> None:
    got = {r["sloganName"]: r for r in rows(store, "07-slogans-across-places")}
    assert int(got["两不愁三保障"]["places"]) >= 2 and got["两不愁三保障"]["firstYear"] == "2020"
    assert "六稳" in got
    # the same answer from the networkx graph: slogans whose reports are about more than one place
    g = seeds.graph
    want = {}
    for _, d in g.nodes(data=True):
        places = {g.nodes[r].get("place") for r in d.get("reports", [])} - {None}
        if d.get("type") == "Slogan" and len(places) > 1:
            want[d["label"]] = len(places)
    assert {k: int(r["places"]) for k, r in got.items()} == want


def test_headline_figures(store) -> None:
    got = {(r["placeName"], r["indicator"], r.get("year")): r for r in rows(store, "08-headline-figures")}
    gdp = got[("科尔沁左翼后旗", "地区生产总值", "2019")]
    assert (Decimal(gdp["value"]), gdp["unit"], Decimal(gdp["growthPct"])) == (Decimal("122.05"), "亿元",
                                                                                Decimal("3.4"))
    assert gdp["reportTitle"] == "2020年科左后旗人民政府工作报告"
    assert Decimal(got[("科尔沁左翼后旗", "一般公共预算收入", "2019")]["value"]) == Decimal("4.51")


def test_gdp_over_time(store) -> None:
    got = {(r["placeName"], r["year"]): Decimal(r["value"]) for r in rows(store, "09-gdp-over-time")}
    assert got[("科尔沁左翼后旗", "2019")] == Decimal("122.05")


def test_evidence_of_a_node(store) -> None:
    got = rows(store, "10-evidence-of-node")
    assert {"2020年科左后旗人民政府工作报告", "2020年肇源县政府工作报告"} <= {r["reportTitle"] for r in got}
    for r in got:
        assert r["surface"] in r["sentence"]
        assert int(r["end"]) - int(r["start"]) == len(r["surface"])


def test_relation_evidence(store) -> None:
    got = rows(store, "11-relation-evidence")
    want = ("科尔沁左翼后旗", "partOf", "通辽市")
    hit = [r for r in got if (r["headName"], r["relation"], r["tailName"]) == want]
    assert hit and all(0 < float(r["confidence"]) <= 1 for r in hit)
    assert "2020年科左后旗人民政府工作报告" in {r.get("reportTitle") for r in hit}


def test_slogan_expansions(store) -> None:
    got = {r["sloganName"]: set(r["parts"].split("、")) for r in rows(store, "12-slogan-expansions")}
    assert got["两不愁三保障"] == {"不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障", "住房安全有保障"}
    assert got["六稳"] == {"稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"}


def test_policy_reach_counts(seeds: Built, store) -> None:
    got = rows(store, "13-policy-reach")
    assert 0 < len(got) <= 20
    counts = [int(r["reports"]) for r in got]
    assert counts == sorted(counts, reverse=True)
    g = seeds.graph
    top = got[0]
    node = next(n for n, d in g.nodes(data=True)
                if d.get("type") == "Policy" and d["label"] == top["policyName"])
    assert int(top["reports"]) == len(g.nodes[node]["reports"])


def test_report_profile_counts(seeds: Built, store) -> None:
    g = seeds.graph
    got = {(r["title"], r["type"]): int(r["count"]) for r in rows(store, "14-report-profile")}
    rid = next(n for n, d in g.nodes(data=True) if d.get("label") == "2020年科左后旗人民政府工作报告")
    figures = sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "observation" and d["report"] == rid)
    assert got[("2020年科左后旗人民政府工作报告", "Figure")] == figures > 0
    places = sum(1 for _, v, k in g.out_edges(rid, keys=True)
                 if k == "mentions" and g.nodes[v]["type"] == "Place")
    assert got[("2020年科左后旗人民政府工作报告", "Place")] == places


def test_policy_chain_matches_the_graph(seeds: Built, store) -> None:
    g = seeds.graph
    want = {(label_of(g, e), label_of(g, p), label_of(g, q))
            for e, p, k in g.edges(keys=True) if k == "undertakes"
            for _, q, k2 in g.out_edges(p, keys=True) if k2 == "implements"}
    got = {(r["enterpriseName"], r["projectName"], r["policyName"]) for r in rows(store, "15-policy-chain")}
    assert got == want and want  # the seeds have such chains: an empty answer would be a failure


def test_places_within(seeds: Built, store) -> None:
    g = seeds.graph
    county = next(n for n, d in g.nodes(data=True) if d.get("label") == "肇源县")
    parts = nx.DiGraph([(v, u) for u, v, k in g.edges(keys=True) if k == "partOf"])
    want = {label_of(g, n) for n in nx.descendants(parts, county)}
    got = {r["withinName"] for r in rows(store, "16-places-within")}
    assert got == want and "头台镇" in got


# --- the command ---------------------------------------------------------------------------------


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_table_from_a_named_query(seeds: Built, capsys) -> None:
    code, out, _ = kg(capsys, "query", "--store", str(seeds.store), "admin-hierarchy")
    assert code == 0
    assert any("科尔沁左翼后旗" in ln and "通辽市" in ln and "150500" in ln for ln in out.splitlines())
    assert "rows," in out.splitlines()[-1]


def test_cli_csv_and_json(seeds: Built, capsys) -> None:
    q = str(QUERIES_DIR / "08-headline-figures.rq")
    code, out, _ = kg(capsys, "query", "--store", str(seeds.store), "--format", "csv", q)
    assert code == 0
    recs = list(csv.DictReader(io.StringIO(out)))
    assert any(r["placeName"] == "科尔沁左翼后旗" and r["value"] == "122.05" for r in recs)
    code, out, _ = kg(capsys, "query", "--graph", str(seeds.ttl), "--format", "json",
                      "ASK { ?p kg:partOf ?q ; rdfs:label '科尔沁左翼后旗'@zh }")
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": True}


def test_cli_rdflib_engine_and_stdin(seeds: Built, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Report }"))
    code, out, _ = kg(capsys, "query", "--engine", "rdflib", "--graph", str(seeds.ttl),
                      "--format", "json", "-")
    assert code == 0
    assert json.loads(out)["results"]["bindings"][0]["n"]["value"] == "5"


def test_cli_refuses_updates_and_reports_syntax_errors(seeds: Built, capsys) -> None:
    code, _, err = kg(capsys, "query", "--store", str(seeds.store), "INSERT DATA { kg:a kg:b kg:c }")
    assert code == 2 and "read-only" in err
    code, _, err = kg(capsys, "query", "--store", str(seeds.store), "SELEC ?x")
    assert code == 2 and "syntax error" in err
    code, _, err = kg(capsys, "query", "--store", str(seeds.out / "missing"), "SELECT * {}")
    assert code == 2 and "no Oxigraph store" in err


def test_cli_bind(seeds: Built, capsys) -> None:
    code, out, _ = kg(capsys, "query", "--store", str(seeds.store), "--format", "csv",
                      "--bind", "placeName=达拉特旗", "headline-figures")
    recs = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and recs and {r["placeName"] for r in recs} == {"达拉特旗"}
    code, _, err = kg(capsys, "query", "--store", str(seeds.store), "--bind", "nope=1", "headline-figures")
    assert code == 2 and "VALUES ?nope" in err


def test_cli_list(capsys) -> None:
    code, out, _ = kg(capsys, "query", "--list")
    assert code == 0 and len(out.splitlines()) >= 12 and "slogans-across-places" in out


def test_read_query_resolves_files_names_and_text(tmp_path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("ASK {}", encoding="utf-8")
    assert read_query(str(f)) == "ASK {}"
    assert read_query("07-slogans-across-places").startswith("# Where slogans spread")
    assert read_query("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"


def test_an_unknown_name_lists_the_known_queries(seeds: Built, capsys) -> None:
    code, out, err = kg(capsys, "query", "--store", str(seeds.store), "nonsense")
    assert code == 2 and out == "" and "syntax" not in err
    assert "no query named 'nonsense'" in err and all(stem in err for stem in competency_queries())
    code, _, err = kg(capsys, "query", "--store", str(seeds.store), "missing.rq")
    assert code == 2 and "no query named 'missing.rq' and no such file" in err
    with pytest.raises(QueryError, match="known queries: 01-reports"):
        read_query("admin-hierarchyy")
