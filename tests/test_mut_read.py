"""Reading as a user checks it: the heading's place, year, date and speaker in the styles reports
use, the names inputs are recorded under, and one line for each file that cannot be read.

Written to kill the mutants bench/mutation.py found surviving in kg/read (bench/mutation.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import ReadError, extract_text, find_inputs, printable, read_path, sniff, source_names
from kg.read.heading import _cn_number, parse_heading, plan_start_year


def test_a_heading_with_a_chinese_numeral_date_and_a_speaker() -> None:
    meta = parse_heading("2023年额尔古纳市政府工作报告\n——二〇二三年一月十四日在额尔古纳市第十六届人民代表大会第三次会议上\n"
                         "市长 王小平\n各位代表：")
    assert (meta.title, meta.place, meta.year, meta.date, meta.speaker) == \
        ("2023年额尔古纳市政府工作报告", "额尔古纳市", 2023, "2023-01-14", "王小平")


def test_a_spaced_out_title_takes_place_and_year_from_the_session_line() -> None:
    meta = parse_heading("政 府 工 作 报 告\n——2020年4月22日在肇源县第十七届人民代表大会第六次会议上\n县长宁利文\n各位代表：")
    assert (meta.title, meta.place, meta.year, meta.date, meta.speaker) == \
        ("2020年肇源县政府工作报告", "肇源县", 2020, "2020-04-22", "宁利文")


def test_a_december_session_date_with_two_digit_day_and_month() -> None:
    meta = parse_heading("——二〇二〇年十二月二十九日在某某县第十届人民代表大会第一次会议上\n各位代表：")
    assert meta.date == "2020-12-29" and meta.year == 2020


def test_a_speaker_line_names_the_place_when_nothing_else_does() -> None:
    meta = parse_heading("达拉特旗人民政府旗长 王小平\n各位代表：现在，我代表旗人民政府作工作报告。")
    assert (meta.place, meta.speaker) == ("达拉特旗", "王小平")
    assert meta.title is not None and meta.title.endswith("达拉特旗政府工作报告")


def test_without_a_heading_the_year_comes_from_the_body() -> None:
    drafting = parse_heading("各位代表：过去的一年，全县上下……编制“十五五”规划纲要。")
    assert drafting.year == 2025  # drafting the 15th plan: the last year of the 14th
    assert drafting.title == "各位代表：过去的一年，全县上下……编制“十五五”规划纲要。"
    latest = parse_heading("各位代表：2018年和2019年我们干了很多事。")
    assert latest.year == 2020  # a tie: the later year is the one reviewed
    most = parse_heading("各位代表：2019年增长6%，2019年新增就业，到2035年基本实现现代化。")
    assert most.year == 2020  # the year most named is reviewed; a goal year is no guide
    assert parse_heading("各位代表：没有年份。").year is None
    assert parse_heading("").title is None
    assert parse_heading("\n\n  第一行\n第二行").title == "第一行"
    assert parse_heading("长" * 80).title == "长" * 60


def test_chinese_numbers_and_plan_years() -> None:
    assert [_cn_number(s) for s in ("十四", "十", "二十", "二十一", "七", "12")] == [14, 10, 20, 21, 7, 12]
    assert [plan_start_year(n) for n in (3, 13, 14, 15)] == [1966, 2016, 2021, 2026]


def test_source_names_are_relative_to_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "r" / "2024").mkdir(parents=True)
    a = tmp_path / "r" / "2024" / "报告.txt"
    b = tmp_path / "r" / "b.txt"
    for f in (a, b):
        f.write_text("x", encoding="utf-8")
    names = source_names([tmp_path / "r"], [a, b])
    assert names == {str(a): "2024/报告.txt", str(b): "b.txt"}
    assert source_names([a], [a]) == {str(a): "报告.txt"}  # a file named: its own folder
    assert source_names([a, b], [a, b]) == {str(a): "2024/报告.txt", str(b): "b.txt"}  # the folder they share


def test_folders_skip_hidden_lock_and_foreign_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.PDF", ".hidden.txt", "~$lock.docx", "notes.csv", "c.HTML"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_bytes(b"x")
    found = [p.name for p in find_inputs([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.txt", "b.PDF", "c.HTML"]
    named = list(find_inputs([tmp_path / "notes.csv"]))  # named on the command line: read whatever its name
    assert named == [tmp_path / "notes.csv"]
    missing = list(find_inputs([tmp_path / "nope"]))
    assert [str(e) for e in missing] == [f"{tmp_path / 'nope'}: no such file or folder"]


def test_what_each_kind_of_bytes_is_taken_for() -> None:
    assert sniff(b"junk\n" * 10 + b"%PDF-1.7") == "pdf"
    assert sniff(b" " * 1030 + b"%PDF-1.7") == "text"  # a header past the first KB is text
    assert sniff(b"PK\x05\x06" + b"\0" * 18) == "zip"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "ole"
    assert sniff(b"{\\rtf1 hi}") == "rtf"
    with pytest.raises(ReadError, match=r"^old\.doc: legacy Word \.doc"):
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old.doc")
    with pytest.raises(ReadError, match=r"^x\.rtf: RTF is not supported"):
        extract_text(b"{\\rtf1 hi}", "x.rtf")


def test_a_misnamed_text_file_says_so(tmp_path: Path) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    with pytest.raises(ReadError) as exc:
        read_path(f)
    msg = str(exc.value)
    assert msg.startswith(f"{f}: ") and "named .pdf but without a PDF header" in msg and "\n" not in msg


def test_html_bytes_become_the_page_text() -> None:
    page = ("<html><head><title>t</title></head><body><nav>首页</nav><article><h1>2021年某某县政府工作报告</h1>"
            + "<p>各位代表：现在，我代表县人民政府向大会报告工作。</p>" * 5 + "</article></body></html>")
    text = extract_text(page.encode("utf-8"), "r.html")
    assert "各位代表" in text and "<p>" not in text


def test_printable_escapes_only_what_a_terminal_obeys() -> None:
    assert printable("报告 2021.txt") == "报告 2021.txt"
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("a\u202eb\tc") == "a\\u202eb\\x09c"


def test_private_use_characters_are_escaped_too() -> None:
    assert printable("名\ue000称") == "名\\ue000称"


def test_a_broken_docx_says_what_broke() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document")
    with pytest.raises(ReadError) as exc:
        extract_text(buf.getvalue(), "bad.docx")
    assert str(exc.value).startswith("bad.docx: truncated or corrupt .docx (KeyError: ")
    assert "[Content_Types].xml" in str(exc.value)


def test_a_page_without_main_text_says_why() -> None:
    with pytest.raises(ReadError) as exc:
        extract_text("<html><body><p>短</p></body></html>".encode(), "e.html")
    assert str(exc.value) == ("e.html: HTML page with no main text (1 characters: an index, a redirect "
                              "or a page built by JavaScript?)")


def test_a_link_to_a_folder_inside_the_input_folder_is_skipped_without_a_complaint(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "alias").symlink_to(tmp_path / "sub", target_is_directory=True)
    assert list(find_inputs([tmp_path])) == [tmp_path / "sub" / "a.txt"]


def test_a_docx_body_at_the_size_limit_is_read_and_one_byte_over_is_refused(monkeypatch) -> None:
    import io
    import zipfile

    import docx

    from kg.read import docx as kdocx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("2021年某县政府工作报告")
    d.save(buf)
    size = zipfile.ZipFile(io.BytesIO(buf.getvalue())).getinfo("word/document.xml").file_size
    monkeypatch.setattr(kdocx, "MAX_XML_BYTES", size)
    assert "2021年某县政府工作报告" in extract_text(buf.getvalue(), "r.docx")
    monkeypatch.setattr(kdocx, "MAX_XML_BYTES", size - 1)
    with pytest.raises(ReadError, match=r"^r\.docx: \.docx body of 0 MB is far larger than any report$"):
        extract_text(buf.getvalue(), "r.docx")
