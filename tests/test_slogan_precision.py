"""Slogan precision: quoted text that begins with a numeral or pairs phrases but packs no list."""

from __future__ import annotations

from kg.pipeline import Settings, process
from kg.read import document_from_text


def slogans(text: str) -> set[str]:
    doc = document_from_text("test/report.txt", "2021年宜都市政府工作报告\n" + text)
    return {m.surface for m in process(doc, Settings()).mentions if m.type == "Slogan"}


def test_an_event_named_by_its_date_is_no_slogan():
    got = slogans("“7·15”疫情仅用3天社会面清零。深入开展“三清一改”村庄清洁行动。")
    assert "7·15" not in got
    assert "三清一改" in got


def test_a_complaint_pair_is_no_motto():
    got = slogans("切实解决群众“看病难、看病贵”问题，推行“户分类、村收集、镇处理”模式。")
    assert "看病难、看病贵" not in got
    assert "户分类、村收集、镇处理" in got


def test_a_quoted_everyday_word_is_no_formula():
    got = slogans("经受住疫情和经济下行的“双重”考验，防止政策执行“一刀切”，扎实做好“六稳”工作。")
    assert not {"双重", "一刀切"} & got, got
    assert "六稳" in got


def test_a_full_width_plus_and_a_repeated_first_character_pack_a_formula():
    got = slogans("大力推行“互联网＋监管”，运用好“互联网＋”。贯彻“港人治港”方针，落实“乙类乙管”措施，"
                  "高风险区“快封快解”，扩大“同线同标同质”范围。经受住“虎虎生威”的考验，克服“准入不准营”现象。")
    assert {"互联网＋监管", "互联网＋", "港人治港", "乙类乙管", "快封快解", "同线同标同质"} <= got, got
    assert not {"虎虎生威", "准入不准营"} & got


def test_a_numeral_inside_a_longer_motto_packs_it_but_not_a_numbered_programme():
    got = slogans("以推进“高效办成一件事”为牵引。扎实开展“碳达峰十大行动”。")
    assert "高效办成一件事" in got
    assert "碳达峰十大行动" not in got


def test_national_formulas_are_found_without_quotes():
    got = slogans("支持大众创业、万众创新，培育专精特新企业。坚持共商共建共享，坚持房子是用来住的、不是用来炒的定位。"
                  "统筹山水林田湖草沙系统治理。")
    assert {"大众创业、万众创新", "专精特新", "共商共建共享", "房子是用来住的、不是用来炒的", "山水林田湖草沙"} <= got, got
    assert "山水林田湖草" not in got, got  # the longer formula is the one the text has


def test_a_quoted_idiom_in_common_use_is_no_formula():
    got = slogans("不能“三心二意”，与群众“约法三章”，落实“门前三包”，坚持“三区三线”管控。")
    assert not {"三心二意", "约法三章"} & got and {"门前三包", "三区三线"} <= got, got
