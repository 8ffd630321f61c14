"""The clean view: layout line breaks joined, stray spaces dropped, every offset mapped back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import document_from_text
from kg.read.layout import clean_view, split_sentences

DATA = Path(__file__).parent / "data"
EXCERPTS = DATA / "inputs" / "excerpts"


def all_excerpts() -> list[Path]:
    """The thirty real excerpts, each once: most are kept for other tests (dev/, figures/,
    inputs/excerpts/), the rest in layout/."""
    found: dict[str, Path] = {}
    for folder in ("inputs/excerpts", "dev", "figures", "layout"):
        for p in sorted((DATA / folder).glob("[0-9][0-9]_*.txt")):
            found.setdefault(p.name, p)
    return [found[k] for k in sorted(found)]


def test_every_excerpt_is_here() -> None:
    assert [p.name[:2] for p in all_excerpts()] == [f"{i:02d}" for i in range(1, 31)]


def assert_maps_back(text: str) -> None:
    clean, src = clean_view(text)
    assert len(clean) == len(src)
    full = dict(zip(",.;:!?()", "，。；：！？（）", strict=True))  # half-width punctuation reads full width
    assert all(clean[i] == text[src[i]] or clean[i] == full.get(text[src[i]]) or
               (clean[i] in "“”" and text[src[i]] == '"') for i in range(len(clean)))
    assert list(src) == sorted(set(src))  # strictly increasing: spans stay spans


@pytest.mark.parametrize("path", all_excerpts(), ids=lambda p: p.name)
def test_every_clean_offset_points_at_the_same_character(path: Path) -> None:
    assert_maps_back(path.read_text(encoding="utf-8"))


def test_pdf_breaks_inside_names_are_joined() -> None:
    text = (EXCERPTS / "05_haian.txt").read_text(encoding="utf-8")
    assert "新冠肺\n炎疫情" in text and "争先锋发展指\n标" in text
    clean, src = clean_view(text)
    for name in ("新冠肺炎疫情", "比学赶超争先锋发展指标", "不忘初心、牢记使命"):
        i = clean.index(name)
        s, e = src[i], src[i + len(name) - 1] + 1
        assert text[s:e].replace("\n", "") == name
    assert "分别增长4.5%、7%。在南通市" in clean  # a line that starts with the full stop of the one before


def test_headings_list_items_and_short_lines_stay_apart() -> None:
    text = (EXCERPTS / "05_haian.txt").read_text(encoding="utf-8")
    lines = clean_view(text)[0].split("\n")
    assert lines[:2] == ["政府工作报告", "各位代表："]  # half-width punctuation reads full width
    assert "2020年及“十三五”工作回顾" in lines
    assert any(ln.startswith("——疫情防控取得重要成果") for ln in lines)


def test_spaces_dropped_between_chinese_kept_between_ascii_words() -> None:
    clean, _ = clean_view("我们高举 习近平 新时代\u3000旗帜，PM 2.5 浓度下降，5 G 基站 120 个")
    assert clean == "我们高举习近平新时代旗帜，PM 2.5浓度下降，5 G基站120个"


def test_crlf_text_has_no_cr_in_clean_view() -> None:
    text = "各位代表：\r\n现在，我代表县人民政府向大会报告工作，请予审议，并请政协委员和\r\n列席人员提出意见。\r\n"
    clean, src = clean_view(text)
    assert clean == "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议，并请政协委员和列席人员提出意见。\n"
    assert_maps_back(text)


def test_clean_view_of_many_short_lines() -> None:
    """90,000 lines (page numbers, short lines, blanks): what a long PDF gives. How long it takes
    is measured by bench/bigdoc_bench.py --layout, not here."""
    text = "\n".join(["— 12 —", "短行 a b c 1 2 3", ""] * 30000)
    clean, src = clean_view(text)
    assert len(clean) == len(src)
    assert clean.count("短行a b c 1 2 3") == 30000 and clean.count("12") >= 30000
    assert_maps_back(text[:3000])


def test_sentences_cover_the_clean_view_and_keep_closing_quotes() -> None:
    doc = document_from_text("x.txt", "他说：“好！”然后走了。\n第二段没有句号\n第三句；第四句")
    assert [s.text for s in doc.sentences] == ["他说：“好！”", "然后走了。", "第二段没有句号", "第三句；", "第四句"]
    for s in split_sentences(doc.clean):
        assert doc.clean[s.start : s.end] == s.text


def test_offset_map_is_a_compact_sequence() -> None:
    import pickle

    text = "各位 代表：\n现在，我代表县人民政府向大会报告工作，请予审议，并请政协委员和\n列席人员提出意见。 PM 2.5"
    clean, src = clean_view(text)
    plain = [i for i, c in enumerate(text) if c not in " \n"]
    assert len(src) == len(clean) and src[0] == 0 and src[-1] == len(text) - 1
    assert src[1:3] == [1, 3] and list(src)[:3] == [0, 1, 3]
    with pytest.raises(IndexError):
        src[len(src)]
    assert pickle.loads(pickle.dumps(src)) == src == list(src)
    assert len(src._starts) < 8 and set(plain) <= set(src)


def test_half_width_punctuation_reads_as_full_width_and_keeps_numbers() -> None:
    text = '落实"两不愁、三保障"要求(2020年),增长9.7%.78个电站并网,新增1,234人,PM(2.5)下降;10:30开会.'
    clean, src = clean_view(text)
    assert clean == "落实“两不愁、三保障”要求（2020年），增长9.7%。78个电站并网，新增1,234人，PM(2.5)下降；10:30开会。"
    assert [text[src[i]] for i in range(len(clean))] == list(text)  # one character for one: offsets exact


def test_a_line_ending_in_a_half_width_full_stop_is_not_joined_to_the_next() -> None:
    text = "深入实施乡村振兴战略,全面优化镇村发展空间布局,推进产业基础较好的镇村规模化发展.\n全面完成农村牧区人居环境整治三年行动各项工作任务."
    assert clean_view(text)[0].count("\n") == 1


def test_a_numbered_paragraph_in_half_width_punctuation_is_no_heading() -> None:
    text = "(一)疫情防控取得重大胜利.面对突如其来的新冠肺炎疫情,我们坚持“人民至上、\n生命至上”,全力以赴抓防控."
    assert "人民至上、生命至上" in clean_view(text)[0]
