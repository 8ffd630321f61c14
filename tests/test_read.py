"""Reading real inputs (encodings, HTML, Word, PDF, folders) and refusing bad ones with one line.

Fixtures are in tests/data/inputs (regenerate with tests/data/inputs/make_inputs.py); the texts are
real report excerpts, so they keep half-width punctuation and PDF line breaks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.pipeline import Settings, process
from kg.read import MAX_BYTES, MAX_TEXT_BYTES, ReadError, document_from_bytes, find_inputs, read_path, sniff
from kg.read.text import decode

DATA = Path(__file__).parent / "data" / "inputs"
GOOD = DATA / "good"
BAD = DATA / "bad"
EXCERPTS = DATA / "excerpts"


def excerpt(name: str) -> str:
    return (EXCERPTS / name).read_text(encoding="utf-8")


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "source"),
    [
        ("shuangbai_gbk.txt", "02_shuangbai.txt"),
        ("changqing_utf16.txt", "13_changqing.txt"),
        ("nested/deeper/changshaxian_utf16be.text", "16_changshaxian.txt"),
    ],
)
def test_legacy_and_utf16_encodings_are_detected_from_bytes(file: str, source: str) -> None:
    doc = read_path(GOOD / file)
    assert doc.text == excerpt(source)


def test_gbk_bytes_under_a_misleading_name_still_decode(tmp_path: Path) -> None:
    p = tmp_path / "report.utf8.md"
    p.write_bytes(excerpt("02_shuangbai.txt").encode("gb18030"))
    assert read_path(p).text == excerpt("02_shuangbai.txt")


def test_crlf_and_bom_keep_offsets_into_the_file_text() -> None:
    doc = read_path(GOOD / "haian_crlf.txt")
    assert doc.text == excerpt("05_haian.txt").replace("\n", "\r\n")  # BOM dropped, CRs kept
    assert "\r" not in doc.clean
    i = doc.clean.index("新冠肺炎疫情")
    s, e = doc.source_span(i, i + len("新冠肺炎疫情"))
    assert doc.text[s:e] == "新冠肺\r\n炎疫情"


def test_lone_cr_line_ends_become_lf_without_moving_offsets() -> None:
    text = decode("各位代表：\r现在，我代表县人民政府报告工作。\r".encode(), "x.txt")
    assert text == "各位代表：\n现在，我代表县人民政府报告工作。\n"


# --- HTML, Word, PDF ---------------------------------------------------------------------------


def test_html_page_main_text_without_site_chrome() -> None:
    doc = read_path(GOOD / "yichang_page.html")
    for chrome in ("网站首页", "ICP备", "分享到", "相关阅读", "浏览次数", "_hmt", "font-size"):
        assert chrome not in doc.text, chrome
    assert "宜昌市第六届人民代表大会第六次会议" in doc.text
    assert doc.meta.place == "宜昌市" and doc.meta.year == 2021 and doc.meta.speaker == "张家胜"
    squash = "".join  # HTML collapses white space, and trafilatura may join a <p> split mid-sentence
    assert squash(excerpt("04_yichang.txt").split()) in squash(doc.text.split())


def test_html_without_trafilatura_falls_back_to_the_densest_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.read.html._trafilatura", lambda html: (None, None))
    doc = read_path(GOOD / "yichang_page.html")
    for chrome in ("网站首页", "ICP备", "分享到", "相关阅读", "浏览次数"):
        assert chrome not in doc.text, chrome
    assert doc.text.startswith("宜昌市2021年政府工作报告\n政府工作报告\n——二〇二一年一月十四日")
    assert doc.meta.place == "宜昌市" and doc.meta.speaker == "张家胜"


def test_docx_paragraphs_and_tables_in_order_without_header_footer() -> None:
    doc = read_path(GOOD / "doumen.docx")
    assert "页眉不应进入正文" not in doc.text and "第 1 页" not in doc.text
    lines = [ln for ln in excerpt("10_doumen.txt").split("\n") if ln.strip()]
    assert doc.text.startswith("\n".join(lines))
    assert doc.text.endswith("指标\t数值\n地区生产总值\t551.7亿元")
    assert doc.meta.place == "珠海市斗门区" and doc.meta.year == 2022


def test_pdf_text_layer_with_running_header_and_page_numbers_removed() -> None:
    doc = read_path(GOOD / "wuwei.pdf")
    assert doc.text.count("无为市人民政府工作报告") == 1  # a running title is kept once
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text
    assert doc.text.split("\n", 1)[1] == excerpt("21_wuwei.txt")  # line breaks exactly as in the PDF


def test_pdf_broken_name_source_span_keeps_the_line_break() -> None:
    """The clean view joins 万汇城商业|综合体; the evidence offsets still cover the break."""
    doc = read_path(GOOD / "wuwei.pdf")
    assert "万汇城商业\n综合体" in doc.text
    assert "万汇城商业综合体" in doc.clean
    ex = process(doc, Settings())
    names = {m.surface: m for m in ex.mentions}
    m = next((m for s, m in names.items() if "万汇城商业综合体" in s), None)
    assert m is not None, sorted(names)
    s, e = doc.source_span(m.start, m.end)
    assert doc.text[s:e].replace("\n", "") == m.surface
    assert "\n" in doc.text[s:e]
    # and every mention round-trips: clean slice == surface, source slice minus layout == surface
    for m in ex.mentions:
        s, e = doc.source_span(m.start, m.end)
        assert doc.clean[m.start : m.end] == m.surface
        assert "".join(doc.text[s:e].split()) == "".join(m.surface.split())


def test_sniffing_uses_bytes_not_names() -> None:
    assert sniff((GOOD / "wuwei.pdf").read_bytes()) == "pdf"
    assert sniff((GOOD / "doumen.docx").read_bytes()) == "zip"
    assert sniff((BAD / "legacy.doc").read_bytes()) == "ole"
    assert sniff(b"\xef\xbb\xbf\xe5\x90\x84") == "text"
    html = (GOOD / "yichang_page.html").read_bytes()
    assert document_from_bytes("saved-page.txt", html).meta.place == "宜昌市"  # HTML named .txt


# --- folders -----------------------------------------------------------------------------------


def test_folders_are_read_recursively_sorted_and_missing_paths_reported(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("不读", encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"lock")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    found = list(find_inputs([tmp_path, tmp_path / "nope.pdf"]))
    assert found[:2] == [tmp_path / "a.html", tmp_path / "b" / "z.txt"]
    assert isinstance(found[2], ReadError) and str(found[2]) == f"{tmp_path / 'nope.pdf'}: no such file or folder"
    good = [p for p in find_inputs([GOOD]) if isinstance(p, Path)]
    assert {p.suffix for p in good} == {".txt", ".text", ".html", ".docx", ".pdf"}


# --- bad inputs: one line, naming the file and the problem --------------------------------------

BAD_CASES = {
    "empty.txt": "empty file (0 bytes)",
    "blank.txt": "empty file (only white space)",
    "binary.txt": "binary data",
    "truncated.docx": "truncated or corrupt .docx",
    "spreadsheet.docx": "not a Word .docx",
    "truncated.pdf": "truncated PDF",
    "corrupt.pdf": "corrupt PDF",
    "misnamed.pdf": "named .pdf but without a PDF header",
    "scanned.pdf": "no text layer",
    "legacy.doc": "legacy Word .doc",
    "encrypted.pdf": "encrypted PDF (needs a password)",
    "chrome_only.html": "HTML page with no main text",
    "odd_utf16.txt": "broken UTF-16 text",
}


@pytest.mark.parametrize(("name", "problem"), sorted(BAD_CASES.items()))
def test_bad_file_gives_one_line_naming_file_and_problem(name: str, problem: str) -> None:
    with pytest.raises(ReadError) as err:
        read_path(BAD / name)
    msg = str(err.value)
    assert msg.startswith(f"{BAD / name}: ") and problem in msg and "\n" not in msg


def test_paths_that_do_not_exist_or_are_not_files(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    for path, problem in ((tmp_path / "missing.txt", "no such file"), (link, "no such file"),
                          (tmp_path, "not a regular file"), (Path("/dev/null"), "not a regular file")):
        with pytest.raises(ReadError, match=problem):
            read_path(path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "locked.txt"
    p.write_text("政府工作报告", encoding="utf-8")
    real_open = open

    def deny(file, *a, **k):  # root can read a chmod-000 file, so deny at open()
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(ReadError, match=r"locked.txt: cannot read \(Permission denied\)"):
        read_path(p)


def test_files_far_larger_than_a_report_are_refused_without_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError, match="far larger than any report"):
        read_path(huge)
    big_text = tmp_path / "big.txt"
    with open(big_text, "wb") as fh:
        fh.write("政府工作报告。\n".encode() * (MAX_TEXT_BYTES // 21 + 10))
    assert os.path.getsize(big_text) > MAX_TEXT_BYTES
    with pytest.raises(ReadError, match="of text is far larger than any report"):
        read_path(big_text)


def test_docx_whose_body_would_inflate_past_any_report_is_refused(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("word/document.xml", "w", force_zip64=True) as fh:
        chunk = b" " * 2**20
        for _ in range(201):
            fh.write(chunk)
    assert bomb.stat().st_size < 2**20
    with pytest.raises(ReadError, match=r"bomb.docx: .docx body of 211 MB is far larger than any report"):
        read_path(bomb)
