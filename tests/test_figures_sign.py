"""Falling and flat figures, from the text to what a user reads: the graph, the Turtle, `kg query`.

A fall (下降3.2%, 减少3.2%) is a growth rate of −3.2, never +3.2; a growth of 0 (增长0%) is a rate of
0, kept in every output (a rate of 0 is a fact, not a missing value).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from kg import cli

KG = Namespace("https://w3id.org/cn-gwr/ontology#")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
REPORT = """2021年科左后旗人民政府工作报告
——2021年1月20日在科左后旗第十六届人民代表大会第五次会议上
旗长 何志伟
各位代表：
一、2020年工作回顾
过去一年，全旗地区生产总值完成118.2亿元，同比下降3.2%；一般公共预算收入完成4.5亿元，增长0%；\
固定资产投资减少3.2%；单位GDP能耗下降3.2%；社会消费品零售总额完成30.1亿元，增长1.5%。
"""
# indicator → (value, growth rate) as the report states them for 2020
WANT = {"地区生产总值": (Decimal("118.2"), Decimal("-3.2")),
        "一般公共预算收入": (Decimal("4.5"), Decimal("0")),
        "固定资产投资": (None, Decimal("-3.2")),
        "单位国内生产总值能耗": (None, Decimal("-3.2")),
        "社会消费品零售总额": (Decimal("30.1"), Decimal("1.5"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("fall")
    (d / "in").mkdir()
    (d / "in" / "2021_kzhq.txt").write_text(REPORT, encoding="utf-8")
    out = d / "out"
    assert cli.main(["build", str(d / "in"), "-o", str(out), "-q", "--format", "turtle",
                     "--format", "nodelink", "--format", "oxigraph"]) == 0
    return out


def test_falls_are_negative_and_zero_is_kept_in_the_graph(built: Path) -> None:
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    got = {n["indicator"]: n for n in data["nodes"] if n.get("kind") == "observation"}
    assert set(got) == set(WANT)
    for name, (_, rate) in WANT.items():
        assert got[name]["growth_pct"] is not None, name
        assert Decimal(str(got[name]["growth_pct"])) == rate, name
        assert got[name]["year"] == 2020


def test_falls_are_negative_and_zero_is_kept_in_the_turtle(built: Path) -> None:
    g = Graph().parse(built / "graph.ttl", format="turtle")
    rates = {str(ind): rate for obs, ind in g.subject_objects(KG.indicator)
             for rate in g.objects(obs, KG.growthRate)}
    assert set(rates) == set(WANT)  # every figure, 一般公共预算收入's 0 included, has its rate
    for name, (_, rate) in WANT.items():
        assert rates[name].datatype == XSD_DECIMAL and rates[name].toPython() == rate, name


def test_kg_query_prints_the_signed_rates(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(built / "graph.oxigraph")
    assert cli.main(["query", "--store", store, "--format", "csv", "headline-figures"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    got = {r["indicator"]: (Decimal(r["value"]), Decimal(r["growthPct"]) if r["growthPct"] else None)
           for r in rows}
    assert got == {k: v for k, v in WANT.items() if v[0] is not None}  # the figures with a level
    # the changes alone (固定资产投资减少3.2%) have a rate and no level
    assert cli.main(["query", "--store", store, "--format", "csv",
                     "SELECT ?i ?r WHERE { ?o kg:indicator ?i ; kg:growthRate ?r "
                     "FILTER NOT EXISTS { ?o sdmx-measure:obsValue ?v } }"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["i"]: Decimal(r["r"]) for r in rows} == {"固定资产投资": Decimal("-3.2"),
                                                      "单位国内生产总值能耗": Decimal("-3.2")}
