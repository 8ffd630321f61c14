"""The learned reranker (kg/extract/rerank.py): its shipped weights, its determinism, what it drops."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from kg import extract
from kg.extract import rerank, rerank_train
from kg.read import document_from_text

# a county report written for this test: two individuated projects (a named clinic, an invested
# works), one category of work the suffix rule takes (智慧城市示范区) and one it sets aside
LOCAL = (
    "临河县2025年政府工作报告\n"
    "过去一年，临河镇卫生院综合楼项目建成投用，总投资12亿元的临河县城北污水处理厂扩建工程开工。"
    "今年要加快智慧城市示范区建设，推进老旧小区改造工程。\n"
)
NATIONAL = "2025年国务院政府工作报告\n今年要实施生物多样性保护重大工程。\n"


def _projects(text: str, pipeline=extract.DEFAULT_PIPELINE) -> dict[str, float]:
    ex = extract.process(document_from_text("t.txt", text), "jieba", pipeline)
    return {m.surface: m.confidence for m in ex.mentions if m.type == "Project"}


@pytest.fixture(scope="module")
def tune_docs():
    return rerank_train.load_docs()


@pytest.fixture(scope="module")
def made(tune_docs) -> dict:
    """One training (about a minute): the shipped weights are compared with it, and a second
    training must give it again."""
    return rerank_train.build_model(tune_docs)


def test_shipped_weights_are_what_the_training_script_makes(made):
    shipped = json.loads(resources.files("kg.lexicons").joinpath(rerank.WEIGHTS_FILE).read_text(encoding="utf-8"))
    stale = "kg/lexicons/rerank.json is stale: run python -m kg.extract.rerank_train"
    assert made["types"].keys() == shipped["types"].keys() == set(rerank_train.TYPES), stale
    for typ, spec in made["types"].items():
        old = shipped["types"][typ]
        assert (spec["lambda"], spec["threshold"]) == (old["lambda"], old["threshold"]), (typ, stale)
        assert spec["weights"].keys() == old["weights"].keys(), (typ, stale)
        # another machine's floating point may round the fourth decimal the other way
        assert all(abs(w - old["weights"][f]) <= 5e-4 for f, w in spec["weights"].items()), (typ, stale)
        assert abs(spec["bias"] - old["bias"]) <= 5e-4, (typ, stale)


def test_training_reads_no_check_document(tune_docs):
    stems = {d.stem for d in tune_docs}
    assert "000_102fbaa1620b6f72" in stems and "2021_guowuyuan" in stems
    assert not any(s.startswith(("002_", "21_", "23_", "25_", "27_", "29_", "2022_")) for s in stems)


def test_training_and_scoring_are_deterministic(tune_docs, made):
    assert rerank_train.build_model(tune_docs) == made
    assert _projects(LOCAL) == _projects(LOCAL)


def test_fit_learns_a_separable_feature():
    X = np.array([[1.0, 1.0], [1.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    w = rerank_train.fit(X, np.array([1.0, 1.0, 0.0, 0.0]), lam=0.1)
    assert w[1] > 2.0 and w[0] < 0


def test_drops_a_category_of_work_and_keeps_individuated_projects():
    without = _projects(LOCAL, tuple(c for c in extract.DEFAULT_PIPELINE if c != "rerank"))
    assert "智慧城市示范区" in without  # the rules alone take it
    got = _projects(LOCAL)
    assert "智慧城市示范区" not in got and "老旧小区改造工程" not in got
    assert got.keys() >= {"临河镇卫生院综合楼项目", "临河县城北污水处理厂扩建工程"}
    # the confidence is the model's probability, not a rule's constant
    assert all(0.5 < c < 1.0 for c in got.values())
    # (compared name by name: a probability may round to a constant of another rule, 0.9)
    assert all(got[n] != without[n] for n in got), (got, without)


def test_unmarked_names_are_proposed_only_in_the_national_report():
    got = _projects(NATIONAL)
    assert "生物多样性保护重大工程" in got
    assert "生物多样性保护重大工程" not in _projects(NATIONAL.replace("国务院", "临河县"))


def test_a_name_found_by_search_or_by_the_prefix_index_repeats_alike(monkeypatch) -> None:
    """Short texts search each name; very long ones index two-character prefixes: same answers."""
    path = next((rerank_train.ROOT / "seeds").glob("003_*.txt"))
    ex = extract.process(document_from_text(str(path), path.read_text(encoding="utf-8")), "jieba",
                         extract.DEFAULT_PIPELINE)
    probes = [(m.surface, m.start, m.end) for m in ex.mentions] + [("没有这个名字", 0, 10), ("项", 5, 9)]
    searched = rerank.Index(ex)
    answers = [searched.repeated(*p) for p in probes]
    monkeypatch.setattr(rerank, "_SEARCH_CHARS", 0)
    indexed = rerank.Index(ex)
    assert [indexed.repeated(*p) for p in probes] == answers
    assert True in answers and False in answers
    assert indexed._at is not None and searched._at is None  # each path was the one taken
