"""Regenerate the small input files the reading tests use (run from the repository root).

    .venv/bin/python tests/data/inputs/make_inputs.py

Why committed rather than made at test time: the PDF and .docx need reportlab and python-docx, and
bad files should be byte-for-byte the same everywhere. Sources are real report excerpts from
/work/shared/corpus/excerpts (copied to excerpts/ here), so the text keeps its half-width
punctuation and PDF line breaks.
"""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXCERPTS = HERE / "excerpts"
GOOD = HERE / "good"
BAD = HERE / "bad"


def excerpt(name: str) -> str:
    return (EXCERPTS / name).read_text(encoding="utf-8")


def make_text() -> None:
    (GOOD / "shuangbai_gbk.txt").write_bytes(excerpt("02_shuangbai.txt").encode("gbk"))
    (GOOD / "changqing_utf16.txt").write_bytes(excerpt("13_changqing.txt").encode("utf-16"))  # LE + BOM
    nested = GOOD / "nested" / "deeper"
    nested.mkdir(parents=True, exist_ok=True)
    (nested / "changshaxian_utf16be.text").write_bytes(excerpt("16_changshaxian.txt").encode("utf-16-be"))
    (GOOD / "haian_crlf.txt").write_bytes(excerpt("05_haian.txt").replace("\n", "\r\n").encode("utf-8-sig"))


PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>宜昌市2021年政府工作报告_宜昌市人民政府门户网站</title>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>body {{ font-size: 14px }} .nav li {{ float: left }}</style></head>
<body>
<div class="top">您好，欢迎访问宜昌市人民政府门户网站！ 无障碍浏览 | 长者模式 | 繁体版 | 登录 | 注册</div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjyc/">走进宜昌</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="main"><div class="article">
<h1>宜昌市2021年政府工作报告</h1>
<div class="meta">发布时间：2021-01-26 09:30 来源：宜昌市人民政府办公室 浏览次数：8152 【字体：大 中 小】 【打印】 【关闭】</div>
<div class="TRS_Editor">
{paragraphs}
</div></div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/a.html">宜昌市2020年政府工作报告</a></li>
<li><a href="/b.html">宜昌市2019年政府工作报告</a></li><li><a href="/c.html">关于宜昌市2020年国民经济和社会发展计划执行情况的报告</a></li></ul></div>
</div>
<div class="footer"><p>主办：宜昌市人民政府办公室 承办：宜昌市大数据中心</p>
<p>鄂ICP备05001234号-1 鄂公网安备 42050202000123号 网站标识码：4205000001</p><p>联系电话：0717-6222222</p></div>
</body></html>
"""


def make_html() -> None:
    paras = "\n".join(f"<p>{ln}</p>" for ln in excerpt("04_yichang.txt").split("\n") if ln.strip())
    (GOOD / "yichang_page.html").write_bytes(PAGE.format(paragraphs=paras).encode("gb18030"))


def make_docx() -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "珠海市斗门区人民政府 页眉不应进入正文"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    lines = [ln for ln in excerpt("10_doumen.txt").split("\n") if ln.strip()]
    d.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        d.add_paragraph(ln)
    table = d.add_table(rows=2, cols=2)
    for (r, c), val in {(0, 0): "指标", (0, 1): "数值", (1, 0): "地区生产总值", (1, 1): "551.7亿元"}.items():
        table.cell(r, c).text = val
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    (GOOD / "doumen.docx").write_bytes(data)
    return data


def make_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built into reportlab: no font file
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)  # invariant: same bytes on every run
    lines = excerpt("21_wuwei.txt").split("\n")
    per_page = 9
    for p, start in enumerate(range(0, len(lines), per_page), start=1):
        c.setFont("STSong-Light", 9)
        c.drawString(200, 800, "无为市人民政府工作报告")  # running header on every page
        c.setFont("STSong-Light", 11)
        y = 760
        for ln in lines[start : start + per_page]:
            c.drawString(60, y, ln)
            y -= 20
        c.setFont("STSong-Light", 9)
        c.drawString(290, 40, f"— {p} —")  # page number
        c.showPage()
    c.save()
    data = buf.getvalue()
    (GOOD / "wuwei.pdf").write_bytes(data)
    return data


def make_bad(docx_data: bytes, pdf_data: bytes) -> None:
    (BAD / "empty.txt").write_bytes(b"")
    (BAD / "blank.txt").write_bytes(b" \r\n\t\n\xe3\x80\x80\n")  # spaces and an ideographic space
    (BAD / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (BAD / "truncated.docx").write_bytes(docx_data[: len(docx_data) // 2])
    (BAD / "truncated.pdf").write_bytes(pdf_data[: len(pdf_data) * 2 // 3])
    (BAD / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes((i * 37) % 256 for i in range(3000)) + b"\n%%EOF\n")
    (BAD / "misnamed.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes((i * 91) % 256 for i in range(2000)))
    (BAD / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    (BAD / "spreadsheet.docx").write_bytes(buf.getvalue())
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(100, 100, 300, 300, fill=1)  # a "scan": drawing, no text
    c.showPage()
    c.save()
    (BAD / "scanned.pdf").write_bytes(buf.getvalue())
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_data)))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    (BAD / "encrypted.pdf").write_bytes(buf.getvalue())
    (BAD / "chrome_only.html").write_text(
        '<!DOCTYPE html><html><head><title></title><script>location.href="/index.html";</script></head>'
        '<body><div class="nav"><a href="/">首页</a></div><noscript>请启用JavaScript</noscript></body></html>',
        encoding="utf-8")
    (BAD / "odd_utf16.txt").write_bytes("政府工作报告".encode("utf-16") + b"\x00")


def main() -> None:
    for d in (GOOD, BAD):
        d.mkdir(parents=True, exist_ok=True)
    make_text()
    make_html()
    docx_data = make_docx()
    pdf_data = make_pdf()
    make_bad(docx_data, pdf_data)


if __name__ == "__main__":
    main()
