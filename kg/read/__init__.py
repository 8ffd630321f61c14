"""Reading: files in, Documents out.

``read_path`` loads a file and tells its kind from the bytes (a ``%PDF`` header, a zip holding
``word/document.xml``, HTML markup, else text in UTF-8, UTF-16 or GB18030), extracts the text,
builds the clean view, splits sentences and parses the heading. Unreadable input raises ReadError
with a one-line message naming the file and the problem; the pipeline reports it and goes on.

Offsets: for text files ``Document.text`` is the decoded file; for PDF, Word and HTML it is the
text extracted from them (there is no other original), exactly as extracted, line breaks and all.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document
from kg.read.heading import parse_heading
from kg.read.layout import clean_view, split_sentences
from kg.read.text import ReadError, decode

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".htm", ".html", ".shtml", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}  # what a folder is searched for
MAX_BYTES = 128 * 2**20  # PDF and Word files carry images; the longest report's text is < 1 MB
MAX_TEXT_BYTES = 16 * 2**20  # text and HTML
MAX_CHARS = 4_000_000  # extracted text; guards against zip bombs and PDFs of a whole yearbook


def find_inputs(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Expand folders recursively (sorted, so builds are reproducible); report missing paths.

    A file named on the command line is read whatever its name; inside folders only report-like
    suffixes are taken, skipping hidden files and Word's ``~$`` lock files. A symbolic link inside
    a folder is followed only if it stays inside that folder: one that leads out of it (to a
    system file, another user's folder) is skipped with a ReadError saying so. Links to folders
    are not followed (as ``os.walk`` does); one that leads out is reported the same way.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            errors: list[OSError] = []
            found: list[Path | ReadError] = []
            top = p.resolve()
            for root, dirs, files in os.walk(p, onerror=errors.append):
                for d in dirs:
                    if not d.startswith(".") and os.path.islink(os.path.join(root, d)):
                        found.extend(_escaping(Path(root) / d, top))
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUFFIXES:
                        continue
                    f = Path(root) / name
                    found.extend(_escaping(f, top) if f.is_symlink() else [f])
            yield from sorted(found, key=lambda x: str(x.args[0]) if isinstance(x, ReadError) else str(x))
            for err in errors:
                yield ReadError(f"{err.filename}: cannot list folder ({err.strerror or err})")
        elif p.exists() or p.is_symlink():
            yield p
        else:
            yield ReadError(f"{p}: no such file or folder")


def source_names(inputs: Iterable[str | Path], paths: Iterable[str | Path]) -> dict[str, str]:
    """The name each input file is recorded under in the outputs: its path relative to the
    folder the inputs were given in (a folder named on the command line, or the folder of a file
    named; the folder they share when several are named), with '/' between parts.

    So `kg build ~/reports` records ``2024/报告.txt``, not the user's home folder: graphs are
    shared, and a path says nothing about a report that its file name does not.
    """
    roots = [os.path.abspath(p) if Path(p).is_dir() else os.path.dirname(os.path.abspath(p)) for p in inputs]
    common = os.path.commonpath(roots) if roots else os.getcwd()
    return {str(p): Path(os.path.relpath(os.path.abspath(p), common)).as_posix() for p in paths}


def _escaping(link: Path, top: Path) -> list[Path | ReadError]:
    """``[link]`` if it leads to a place inside ``top``, else a ReadError naming where it leads."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return [ReadError(f"{link}: a symbolic link that cannot be followed; skipped")]
    if target == top or top in target.parents:
        return [link] if not target.is_dir() else []
    return [ReadError(f"{link}: a symbolic link out of the input folder (to {target}); skipped")]


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (escape sequences, carriage
    returns, bidirectional overrides) shown as ``\\x1b``-style escapes, nothing else changed.
    File names and report text can hold them, and a terminal would obey them."""
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c.isprintable() or (c == " "):
            out.append(c)
        elif unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            out.append(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return "".join(out)


def load_bytes(path: str | Path) -> bytes:
    """The bytes of one regular file of a sane size, or ReadError."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file (or a broken link)") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        raise ReadError(f"{path}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise ReadError(f"{path}: {_mb(st.st_size)} is far larger than any report (limit {_mb(MAX_BYTES)})")
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def sniff(data: bytes) -> str:
    """Kind of a file from its first bytes: pdf, zip, ole (legacy Office), rtf or text."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def extract_text(data: bytes, source: str) -> str:
    """The text of a file's bytes, by the kind the bytes show."""
    kind = sniff(data)
    if kind == "pdf":
        from kg.read.pdf import pdf_to_text

        return pdf_to_text(data, source, MAX_CHARS)
    if kind == "zip":
        from kg.read.docx import docx_to_text

        text = docx_to_text(data, source)
    elif kind == "ole":
        raise ReadError(f"{source}: legacy Word .doc (or other OLE2 Office file); save it as .docx or PDF")
    elif kind == "rtf":
        raise ReadError(f"{source}: RTF is not supported; save it as .docx, PDF or text")
    else:
        if len(data) > MAX_TEXT_BYTES:
            raise ReadError(f"{source}: {_mb(len(data))} of text is far larger than any report "
                            f"(limit {_mb(MAX_TEXT_BYTES)})")
        try:
            text = decode(data, source)
        except ReadError as exc:
            suffix = Path(source).suffix.lower()
            if suffix in (".pdf", ".docx") and "empty" not in str(exc):
                raise ReadError(f"{exc} (named {suffix} but without a {suffix[1:].upper()} header: "
                                "corrupt or misnamed)") from None
            raise
        from kg.read.html import html_to_text, looks_like_html

        if looks_like_html(text):
            text = html_to_text(text, source)
    if len(text) > MAX_CHARS:
        raise ReadError(f"{source}: more than {MAX_CHARS:,} characters of text, far more than any report")
    return text


def document_from_text(source: str, text: str) -> Document:
    clean, src = clean_view(text)
    return Document(
        source=source,
        text=text,
        clean=clean,
        src=src,
        meta=parse_heading(text),
        sentences=split_sentences(clean),
    )


def document_from_bytes(source: str, data: bytes) -> Document:
    """A Document from bytes already loaded (what a worker on another machine receives)."""
    return document_from_text(source, extract_text(data, source))


def read_path(path: str | Path) -> Document:
    return document_from_bytes(str(path), load_bytes(path))


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


__all__ = ["ReadError", "read_path", "find_inputs", "document_from_text", "document_from_bytes", "load_bytes",
           "extract_text", "sniff", "printable", "SUFFIXES"]
