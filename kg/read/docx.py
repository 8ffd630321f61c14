"""Word ``.docx`` reports: paragraphs and table cells in document order, one a line.

Headers, footers and comments are left out: they repeat the title and page numbers, which would
count as mentions. A truncated or corrupt file, or a zip that is not a Word document (``.xlsx``,
``.pptx``), is a ReadError, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kg.read.text import ReadError

MAX_XML_BYTES = 200 * 2**20  # a zip bomb posing as a report would otherwise fill memory
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes, path: Path | str) -> str:
    """Text of a .docx held in memory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = {i.filename: i for i in zf.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ReadError(f"{path}: truncated or corrupt .docx ({_first_line(exc)})") from None
    main = info.get("word/document.xml")
    if main is None:
        raise ReadError(f"{path}: zip archive without word/document.xml, not a Word .docx")
    if main.file_size > MAX_XML_BYTES:
        raise ReadError(f"{path}: .docx body of {main.file_size / 1e6:.0f} MB is far larger than any report")
    try:
        import docx
    except ImportError:
        raise ReadError(f"{path}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document.element.body))
    except Exception as exc:  # noqa: BLE001 - zip, XML and OPC errors all mean one thing here
        why = f"{type(exc).__name__}: {_first_line(exc)}"
        raise ReadError(f"{path}: truncated or corrupt .docx ({why})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(f"{path}: .docx with no text")
    return text


def _body_lines(body) -> list[str]:
    """Paragraph texts, with tables flattened row by row (cells joined by a tab)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for child in body.iterchildren():
        if child.tag == _W + "p":
            out.append(Paragraph(child, None).text)
        elif child.tag == _W + "tbl":
            for row in Table(child, None).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                        cells.append(t)
                out.append("\t".join(cells))
    return out


def _first_line(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()
    return msg[0][:160] if msg else type(exc).__name__
