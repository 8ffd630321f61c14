"""What `kg query` prints, as a user reads it: a table whose columns line up with Chinese in them
(a Chinese character takes two columns on a terminal), ``--max-width`` clipping, TSV as SPARQL
1.1 writes it, and ``--bind`` numbers that are numbers (a year matches ``kg:year 2024``)."""

from __future__ import annotations

import unicodedata

import pytest
from kg_seeds import Built, build_once

from kg import cli


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


def columns(line: str, marks: str = "|+") -> list[int]:
    """Terminal columns at which the column separators of a table line stand."""
    out, col = [], 0
    for c in line:
        if c in marks:
            out.append(col)
        col += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return out


def test_table_columns_line_up_with_chinese(seeds: Built, capsys) -> None:
    out = kg(capsys, "query", "--store", str(seeds.store), "admin-hierarchy")
    lines = out.splitlines()
    head, rule, rows = lines[0], lines[1], lines[2:-1]
    assert head.split(" | ")[0].strip() == "placeName" and set(rule) <= {"-", "+"}
    assert any("科尔沁左翼后旗 | 150522 | 内蒙古自治区 | 150000" in r for r in rows)
    # 科尔沁左翼后旗 (14 columns) and 肇源县 (6) in one column: the separators still stand one above the other
    assert {len(r.split(" | ")[0].rstrip()) for r in rows} >= {7, 3}
    want = columns(rule, "+")
    assert len(want) == 3
    for line in [head, *rows]:
        assert columns(line, "|") == want, line
    assert lines[-1].startswith(f"({len(rows)} rows, ")


def test_max_width_clips_cells_in_terminal_columns(seeds: Built, capsys) -> None:
    q = ("SELECT ?name WHERE { ?p kg:adminCode '150522' ; rdfs:label ?name }")
    assert kg(capsys, "query", "--store", str(seeds.store), q).splitlines()[2] == "科尔沁左翼后旗"
    out = kg(capsys, "query", "--store", str(seeds.store), "--max-width", "6", q).splitlines()
    assert out[2] == "科尔…"  # two characters (4 columns) and the ellipsis: within 6
    out = kg(capsys, "query", "--store", str(seeds.store), "--max-width", "0", q).splitlines()
    assert out[2] == "科尔沁左翼后旗"  # 0: no limit


def test_tsv_output(seeds: Built, capsys) -> None:
    out = kg(capsys, "query", "--store", str(seeds.store), "--format", "tsv",
             "--bind", "placeName=科尔沁左翼后旗", "headline-figures")
    lines = out.splitlines()
    assert lines[0].split("\t") == ["?placeName", "?indicator", "?year", "?value", "?unit", "?growthPct",
                                    "?reportTitle"]
    rows = [ln.split("\t") for ln in lines[1:]]
    assert rows and all(len(r) == 7 for r in rows)
    gdp = [r for r in rows if r[1] == '"地区生产总值"@zh' and r[2].startswith('"2019"')]
    assert len(gdp) == 1
    place, _, year, value, unit, growth, title = gdp[0]
    assert place == '"科尔沁左翼后旗"@zh' and unit == '"亿元"@zh'
    assert year == '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert value in ("122.05", '"122.05"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    assert growth in ("3.4", '"3.4"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    assert title == '"2020年科左后旗人民政府工作报告"@zh'


YEAR = "?r a kg:Report ; kg:year ?year ; rdfs:label ?title"
RATE = '?o kg:growthRate ?rate ; kg:indicator "地区生产总值"@zh ; prov:wasDerivedFrom ?r . ?r rdfs:label ?title'


@pytest.mark.parametrize("var,where,value,want", [
    ("year", YEAR, "2024", "2024年达拉特旗政府工作报告"),  # an integer
    ("rate", RATE, "3.4", "2020年科左后旗人民政府工作报告"),  # a decimal: 地区生产总值 grew 3.4%
])
def test_bind_numbers_are_typed_as_numbers(seeds: Built, tmp_path, capsys, var: str, where: str, value: str,
                                           want: str) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text(f'SELECT DISTINCT ?title WHERE {{ VALUES ?{var} {{ "x"@zh }} {where} }}', encoding="utf-8")
    assert kg(capsys, "query", "--store", str(seeds.store), "--format", "csv", str(rq)).splitlines() == ["title"]
    out = kg(capsys, "query", "--store", str(seeds.store), "--format", "csv", str(rq), "--bind", f"{var}={value}")
    assert out.splitlines() == ["title", want]
    # the same value quoted is a Chinese string and matches nothing
    out = kg(capsys, "query", "--store", str(seeds.store), "--format", "csv", str(rq),
             "--bind", f'{var}="{value}"@zh')
    assert out.splitlines() == ["title"]
