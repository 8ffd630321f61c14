"""Towns and villages written right after their county, in a report of another place (a province's)."""

from __future__ import annotations

from kg.model import Extraction
from kg.pipeline import Settings, process
from kg.read import document_from_text

HAINAN = "政府工作报告\n——2024年1月24日在海南省第七届人民代表大会第二次会议上\n各位代表：\n"


def run(text: str) -> Extraction:
    return process(document_from_text("test/hainan.txt", HAINAN + text), Settings())


def test_a_town_after_its_county_is_a_place_of_that_county() -> None:
    ex = run("万宁市和乐镇、陵水县英州镇获评全国乡村特色产业十亿元镇。")
    got = {m.surface: m.parent for m in ex.mentions if m.type == "Place"}
    assert got.get("和乐镇") == "adm:469006", got  # 万宁市
    assert got.get("英州镇") == "adm:469028", got  # 陵水黎族自治县, written 陵水县


def test_a_village_after_its_county_belongs_to_its_town() -> None:
    text = "政府工作报告\n——2024年1月20日在湖南省第十四届人民代表大会第二次会议上\n各位代表：\n花垣县十八洞村精准扶贫经验推广。"
    ex = process(document_from_text("test/hunan.txt", text), Settings())
    village = next(m for m in ex.mentions if m.surface == "十八洞村")
    assert village.parent == "loc:433124:双龙镇"


def test_a_word_after_a_county_that_is_none_of_its_towns_is_no_place() -> None:
    ex = run("万宁市和平发展、陵水县城镇化率提高。")
    assert not [m for m in ex.mentions if m.extractor == "places.county-town"]
