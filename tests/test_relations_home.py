"""A town or village a report names lies, one step up, in the report's own division.

A county report's towns (甘旗卡镇) and villages (阿古拉镇双胜村) are part of that county directly,
not only through their town; a city report's towns are part of the city when it does not name
their county. Read as a user would ask it: one `kg:partOf` step in the Turtle.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from kg import cli

KG = Namespace("https://w3id.org/cn-gwr/ontology#")
COUNTY = """2021年科左后旗人民政府工作报告
——2021年1月20日在科左后旗第十六届人民代表大会第五次会议上
各位代表：
一、2020年工作回顾
过去一年，我们在甘旗卡镇建成物流园区，在散都苏木实施草原生态修复。阿古拉镇双胜村建成文化广场。
"""
CITY = """2021年通辽市人民政府工作报告
各位代表：
一、2020年工作回顾
过去一年，我们在舍伯吐镇建成物流园区，在甘旗卡镇建成文化广场。
"""


@pytest.fixture(scope="module")
def part_of(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Each report's places → the places one partOf step above them, by label."""
    out = {}
    for name, text in (("county", COUNTY), ("city", CITY)):
        d = tmp_path_factory.mktemp(name)
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
        assert cli.main(["build", str(d / f"{name}.txt"), "-o", str(d / "out"), "-q", "--format", "turtle"]) == 0
        g = Graph().parse(Path(d / "out" / "graph.ttl"), format="turtle")
        ups: dict[str, set[str]] = {}
        for a, b in g.subject_objects(KG.partOf):
            ups.setdefault(str(g.value(a, RDFS.label)), set()).add(str(g.value(b, RDFS.label)))
        out[name] = ups
    return out


def test_a_county_reports_towns_and_villages_are_part_of_it(part_of) -> None:
    ups = part_of["county"]
    for town in ("甘旗卡镇", "散都苏木", "阿古拉镇"):
        assert "科尔沁左翼后旗" in ups.get(town, set()), town
    assert {"阿古拉镇", "科尔沁左翼后旗"} <= ups.get("双胜村", set())  # its town, and its county directly


def test_a_city_reports_towns_are_part_of_it_when_their_county_is_not_named(part_of) -> None:
    ups = part_of["city"]
    assert "通辽市" in ups.get("甘旗卡镇", set()) and "通辽市" in ups.get("舍伯吐镇", set())
