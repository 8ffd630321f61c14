"""PDF reports with a text layer, through pypdf.

pypdf was measured against pdfminer.six on CJK PDFs made two ways (reportlab with the built-in
STSong-Light CID font; fpdf2 with an embedded Noto Sans CJK subset): both read the CID file
exactly and pypdf was 14x faster; on the fpdf2 file pdfminer returned nothing while pypdf
returned the text with a NUL after each character, which is stripped here.

What a PDF adds to a report is removed: running page headers and footers (the same line, digits
aside, at the top or bottom of most pages, e.g. "— 3 —"). Line breaks inside sentences are left
for the layout step to join, so ``Document.text`` is the text exactly as the PDF gave it.
A scanned PDF with no text layer, an encrypted one, a truncated or corrupt one is a ReadError.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from kg.read.text import ReadError

_PAGE_NUMBER = re.compile(r"^[\s\-—–－_·•]*(?:第\s*)?[\d０-９]{1,4}(?:\s*页)?"
                          r"(?:\s*/\s*\d{1,4})?[\s\-—–－_·•]*$")
_DIGITS = re.compile(r"[\d０-９]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def pdf_to_text(data: bytes, path: Path | str, max_chars: int = 4_000_000) -> str:
    """Text of a PDF held in memory, pages joined by a line break."""
    end = data.rfind(b"%%EOF")
    if end < 0 or len(data.rstrip(b"\x00\r\n\t ")) - end > 8192:
        raise ReadError(f"{path}: truncated PDF (no %%EOF at the end)")
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise ReadError(f"{path}: reading PDF needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns on every odd font
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(f"{path}: encrypted PDF (needs a password)")
        pages = reader.pages
        n = len(pages)
    except ReadError:
        raise
    except (PyPdfError, Exception) as exc:  # noqa: BLE001 - pypdf raises many types on bad files
        raise ReadError(f"{path}: corrupt PDF ({type(exc).__name__}: {_first_line(exc)})") from None
    texts: list[str] = []
    failed = 0
    total = 0
    for i in range(n):
        try:
            t = pages[i].extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page must not lose the others
            failed += 1
            continue
        t = _CONTROL.sub("", t)
        total += len(t)
        if total > max_chars:
            raise ReadError(f"{path}: more than {max_chars:,} characters of text, far more than any report")
        texts.append(t)
    if failed == n and n:
        raise ReadError(f"{path}: corrupt PDF (no page could be read)")
    texts = strip_running_lines(texts)
    text = "\n".join(t.strip("\n") for t in texts)
    if not text.strip():
        raise ReadError(f"{path}: PDF has no text layer (scanned images?); OCR it first")
    return text


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    def ends(lines: list[str]) -> list[int]:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        return sorted({*idx[:2], *idx[-2:]})

    split = [p.split("\n") for p in pages]
    seen: Counter[str] = Counter()
    for lines in split:
        seen.update({_DIGITS.sub("#", lines[i].strip()) for i in ends(lines)})
    running = {k for k, c in seen.items() if len(pages) >= 3 and c >= max(3, len(pages) // 2)}
    out = []
    kept: set[str] = set()  # a running title stays once: it is often the report's title
    for lines in split:
        drop = set()
        for i in ends(lines):
            key = _DIGITS.sub("#", lines[i].strip())
            if _PAGE_NUMBER.match(lines[i]) or (key in running and ("#" in key or key in kept)):
                drop.add(i)
            elif key in running:
                kept.add(key)
        out.append("\n".join(ln for i, ln in enumerate(lines) if i not in drop))
    return out


def _first_line(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()
    return msg[0][:160] if msg else type(exc).__name__
