"""Place recall on patterns from reports nobody tuned on: each test writes a small report with a
kind of local place the rules used to miss (kept) next to a look-alike that is no place (rejected)."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text

DALATE = "2024年达拉特旗政府工作报告\n"  # a banner of Inner Mongolia (150621)
ERGUN = "2023年额尔古纳市政府工作报告\n"  # a county-level city of Inner Mongolia (150784)


def places(text: str, head: str = DALATE) -> set[str]:
    ex = process(document_from_text("test/report.txt", head + text), Settings())
    return {m.surface for m in ex.mentions if m.type == "Place"}


def test_an_unknown_word_ending_in_a_gully_or_river_word_is_a_feature():
    got = places("统筹山水林田湖草沙一体化保护,实施黑赖沟生态综合治理、束鸡沟河道治理等项目。")
    assert {"黑赖沟", "束鸡沟"} <= got
    assert not any(p.endswith("林田湖") for p in got), got  # a list of kinds of land, no lake
