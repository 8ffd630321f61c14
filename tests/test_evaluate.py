"""`kg score`: a user's own gold files against a built graph, counted as the evaluation counts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.evaluate import GoldError, load_gold, score_graph
from kg.pipeline import Settings, build

GOLD = Path(__file__).resolve().parent / "data" / "gold"

REPORT = """2023年青川县人民政府工作报告
——2023年1月10日在青川县第十八届人民代表大会第三次会议上
县长 王明

过去一年，我们全面落实“六稳”“六保”任务，深入实施乡村振兴战略。
乔庄镇、木鱼镇完成农村人居环境整治。
四川青川川珍实业有限公司在乔庄镇建设食用菌加工项目。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    (src / "qingchuan.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build([src], out, Settings(formats=("turtle",), cache=False))
    g = Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return out, g


def _gold(**extra) -> dict:
    return {"doc": "qingchuan.txt", "report": {"place": "青川县", "year": 2023}, **extra}


def test_found_and_missed_names_are_counted_per_type(built):
    _, g = built
    gold = _gold(entities=[
        {"type": "Place", "name": "乔庄镇"},
        {"type": "Place", "name": "木鱼镇"},
        {"type": "Enterprise", "name": "四川青川川珍实业有限公司"},
        {"type": "Slogan", "name": "六稳"},
        {"type": "Policy", "name": "乡村振兴战略"},
        {"type": "Place", "name": "不在文中的镇"},
    ], relations=[{"head": "乔庄镇", "rel": "partOf", "tail": "青川县"},
                  {"head": "木鱼镇", "rel": "locatedIn", "tail": "乔庄镇"}])
    sc = score_graph(g, [gold])
    assert sc.gold["Place"] == 3 and sc.gold_hit["Place"] == 2
    assert sc.gold_hit["Enterprise"] == 1 and sc.gold_hit["Slogan"] == 1 and sc.gold_hit["Policy"] == 1
    assert sc.meta == 2 and sc.meta_hit == 2
    assert (sc.rel["partOf"], sc.rel_hit["partOf"], sc.rel["locatedIn"], sc.rel_hit["locatedIn"]) == (1, 1, 1, 0)
    assert sc.relation_recall() == 0.5
    # every prediction the gold does not name is a false positive: precision falls below 1
    assert sum(sc.pred.values()) > sum(sc.pred_hit.values()) >= 5
    p, r, f1 = sc.prf("Place")
    assert r == pytest.approx(2 / 3) and 0 < f1 < 1


def test_a_wrong_type_does_not_count(built):
    _, g = built
    sc = score_graph(g, [_gold(entities=[{"type": "Project", "name": "乔庄镇"}])])
    assert sc.gold_hit["Project"] == 0
    sc = score_graph(g, [_gold(entities=[{"type": "Project", "name": "乔庄镇", "alt_types": ["Place"]}])])
    assert sc.gold_hit["Project"] == 1


def test_a_higher_confidence_keeps_fewer_predictions(built):
    _, g = built
    gold = _gold(entities=[])
    counts = [sum(score_graph(g, [gold], x).pred.values()) for x in (0.0, 0.5, 0.95, 1.0)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_a_report_missing_from_the_graph_is_named(built):
    _, g = built
    sc = score_graph(g, [{"doc": "elsewhere.txt", "entities": [{"type": "Place", "name": "乔庄镇"}]}])
    assert sc.missing == ["elsewhere.txt"] and sc.gold_hit["Place"] == 0


def test_the_command_prints_the_table_and_skips_bad_gold(built, tmp_path, capsys):
    out, _ = built
    (tmp_path / "good.json").write_text(json.dumps(_gold(entities=[{"type": "Place", "name": "乔庄镇"}]),
                                        ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "shape.json").write_text(json.dumps({"doc": "x.txt", "entities": [{"name": "甲"}]}),
                                         encoding="utf-8")
    code = main(["score", str(tmp_path), "--graph", str(out / "graph.ttl")])
    cap = capsys.readouterr()
    assert code == 0
    assert "broken.json: not a readable JSON gold file" in cap.err
    assert "shape.json: 'entities' must be a list" in cap.err
    assert len(cap.err.strip().splitlines()) == 2
    assert "Place" in cap.out and "report place and year 2/2" in cap.out
    assert "precision (kept) at a minimum confidence" in cap.out


def test_the_command_fails_clearly_without_gold_or_graph(tmp_path, capsys):
    assert main(["score", str(tmp_path), "--graph", str(tmp_path / "none.ttl")]) == 2
    assert "no readable gold files" in capsys.readouterr().err
    shutil.copy(GOLD / "000_102fbaa1620b6f72.json", tmp_path)
    assert main(["score", str(tmp_path), "--graph", str(tmp_path / "none.ttl")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg score: ") and "none.ttl: cannot read the graph" in err and "\n" not in err


def test_levels_outside_zero_to_one_are_refused(capsys):
    with pytest.raises(SystemExit):
        main(["score", "x", "--thresholds", "0.5,2"])
    assert "between 0 and 1" in capsys.readouterr().err


def test_the_seed_gold_loads_and_a_bad_file_says_which(tmp_path):
    assert load_gold(GOLD / "000_102fbaa1620b6f72.json")["doc"].startswith("000_")
    bad = tmp_path / "bad.json"
    bad.write_text('["a list"]', encoding="utf-8")
    with pytest.raises(GoldError, match="bad.json: a gold file is a JSON object"):
        load_gold(bad)
