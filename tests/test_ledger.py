"""The ledger across reports: the national reports 2015–2025 and the seeds built together.

Targets meet outcomes through queries (queries/17–20), the RDF conforms to the SHACL shapes with
the new classes, the scorer's reading of figures never takes a target for an outcome, and
`kg query NAME --format csv` prints the ledger for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from test_ontology import PLACE_BANNER, _document, _graph

from kg import cli
from kg.export.turtle import to_rdf
from kg.model import Observation
from kg.pipeline import Settings, build
from kg.query import bind_values, execute, read_query
from kg.store import open_store

pyshacl = pytest.importorskip("pyshacl")

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "tests" / "data" / "national"
YEARS = (2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025)
KG = Namespace("https://w3id.org/cn-gwr/ontology#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

# the GDP growth ledger read by hand: year → (target, lower, upper, qualifier, outcome)
GDP_LEDGER = {
    2014: (None, None, None, None, 7.4), 2015: (7, None, None, "左右", 6.9), 2016: (None, 6.5, 7, "区间", 6.7),
    2017: (6.5, None, None, "左右", 6.9), 2018: (6.5, None, None, "左右", 6.6), 2019: (None, 6, 6.5, "区间", None),
    2020: (None, None, None, None, 2.3), 2021: (6, None, None, "以上", 8.1), 2022: (5.5, None, None, "左右", 3),
    2023: (5, None, None, "左右", 5.2), 2024: (5, None, None, "左右", 5), 2025: (5, None, None, "左右", None),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    inputs = tmp_path_factory.mktemp("ledger-in")
    for y in YEARS:
        shutil.copy(NATIONAL / f"{y}_guowuyuan.txt", inputs)
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, inputs)
    out = tmp_path_factory.mktemp("ledger-out")
    res = build([str(inputs)], out, Settings(formats=("turtle", "oxigraph"), cache=False))
    return out, res.graph


@pytest.fixture(scope="module")
def store(built):
    return open_store(built[0] / "graph.oxigraph", read_only=True)


def rows(store, name: str, **bind: str) -> list[dict[str, str]]:
    text = read_query(name)
    if bind:
        text = bind_values(text, bind)
    return execute(text, store).dicts()


def num(x: str | None) -> float | None:
    return None if x is None else float(x)


def test_gdp_growth_ledger_of_the_national_reports(store) -> None:
    got = {int(r["year"]): (num(r.get("target")), num(r.get("lower")), num(r.get("upper")), r.get("qualifier"),
                            num(r.get("outcome")))
           for r in rows(store, "gdp-growth-ledger", placeName="中华人民共和国")}
    assert got == GDP_LEDGER
    gaps = {int(r["year"]): num(r.get("gap")) for r in rows(store, "gdp-growth-ledger", placeName="中华人民共和国")}
    assert gaps[2022] == pytest.approx(-2.5) and gaps[2016] == pytest.approx(0.2) and gaps[2019] is None


def test_targets_vs_outcomes_of_a_place(store) -> None:
    got = {(r["indicator"], int(r["year"])): r for r in rows(store, "targets-vs-outcomes", placeName="中华人民共和国")}
    jobs = got[("城镇新增就业", 2023)]
    assert (num(jobs["target"]), jobs["qualifier"], jobs["unit"], num(jobs["outcome"]), num(jobs["gap"])) == (
        1200, "左右", "万人", 1244, 44)
    cpi = got[("居民消费价格", 2024)]
    assert (num(cpi["target"]), num(cpi["outcome"])) == (3, 0.2)
    assert "outcome" not in got[("国内生产总值", 2025)]  # not yet reviewed
    # a seed: its targets are there, with no outcome (no later report of that place)
    seed = rows(store, "targets-vs-outcomes")
    assert {r["placeName"] for r in seed} == {"科尔沁左翼后旗"}
    assert ("地区生产总值", "2020", "4", "左右") in {(r["indicator"], r["year"], r["target"], r.get("qualifier"))
                                                   for r in seed}


def test_policy_first_mention(store) -> None:
    got = {(r["name"], r["placeName"]): r for r in rows(store, "policy-first-mention")}
    r = got[("乡村振兴战略", "科尔沁左翼后旗")]
    assert (r["nationalYear"], r["firstYear"], r["lag"]) == ("2018", "2020", "2")
    r = got[("“十四五”规划", "达拉特旗")]
    assert (r["nationalYear"], r["firstYear"]) == ("2021", "2024")
    assert all(r["placeName"] != "中华人民共和国" for r in got.values())


def test_project_timeline(store) -> None:
    got = rows(store, "project-timeline")
    by = {}
    for r in got:
        by.setdefault(r["projectName"], []).append(int(r["year"]))
    assert all(len(set(ys)) > 1 for ys in by.values())
    assert all(ys == sorted(ys) for ys in by.values())
    hzm = [r for r in got if r["projectName"] == "港珠澳大桥"]
    assert [(r["year"], r["status"]) for r in hzm if r["year"] == "2019"] == [("2019", "建成")]


def test_shapes_pass_with_targets(built) -> None:
    out, g = built
    data = to_rdf(g)
    assert set(data.subjects(RDF.type, KG.Target))
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text[:2000]


def test_scorer_never_reads_a_target_as_an_outcome(built) -> None:
    """score.py takes any node with obsValue, indicator, refPeriod and refArea: a target with a level
    must be of the year it is set for, later than every outcome its report gives."""
    data = Graph().parse(built[0] / "graph.ttl", format="turtle")
    targets = set(data.subjects(RDF.type, KG.Target))
    assert targets and not targets & set(data.subjects(RDF.type, QB.Observation))
    report_of = {s: o for s, o in data.subject_objects(Namespace("http://www.w3.org/ns/prov#").wasDerivedFrom)}
    year = {s: int(str(o)) for s, o in data.subject_objects(SDMX_DIM.refPeriod)}
    for t in targets:
        outs = [year[o] for o in data.subjects(RDF.type, QB.Observation)
                if report_of.get(o) == report_of[t] and o in year]
        assert all(y < year[t] for y in outs), t


def test_kg_query_csv_prints_the_ledger(built, capsys) -> None:
    out, _ = built
    code = cli.main(["query", "gdp-growth-ledger", "--bind", "placeName=中华人民共和国", "--format", "csv",
                     "--store", str(out / "graph.oxigraph")])
    assert code == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["year"] for r in table] == [str(y) for y in range(2014, 2026)]
    assert table[2]["lower"] == "6.5" and table[2]["upper"] == "7" and table[2]["outcome"] == "6.7"


@pytest.mark.parametrize("broken", ["no year", "no number", "two bounds"])
def test_shapes_catch_a_broken_target(broken: str) -> None:
    doc = _document()
    ob = Observation("地区生产总值", None, "%", 2020, 0, 8, 6.0, None, kind="target", qualifier="左右")
    if broken == "no year":
        ob.year = None
    elif broken == "no number":
        ob.growth_pct = None
    good = to_rdf(_graph(observations=[(doc, Observation("地区生产总值", None, "%", 2020, 0, 8, 6.0, None,
                                                           kind="target"), PLACE_BANNER)]))
    bad = to_rdf(_graph(observations=[(doc, ob, PLACE_BANNER)]))
    if broken == "two bounds":
        t = next(bad.subjects(RDF.type, KG.Target))
        bad.add((t, KG.lowerBound, Literal("5", datatype=DECIMAL)))
        bad.add((t, KG.lowerBound, Literal("6", datatype=DECIMAL)))
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    assert pyshacl.validate(good, shacl_graph=shapes, inference="none")[0]
    assert not pyshacl.validate(bad, shacl_graph=shapes, inference="none")[0]
