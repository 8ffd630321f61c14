"""Reading: files in, Documents out.

``read_path`` decodes a file (encoding detected from the bytes, not the extension), builds the
clean view, splits sentences and parses the heading. Unreadable input raises ReadError with a
one-line message naming the file and the problem; the pipeline reports it and goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document
from kg.read.heading import parse_heading
from kg.read.layout import clean_view, split_sentences
from kg.read.text import ReadError, decode

SUFFIXES = {".txt", ".text", ".md"}
MAX_BYTES = 20 * 1024 * 1024  # the longest real report is well under 1 MB


def find_inputs(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Expand folders recursively (sorted, so builds are reproducible); report missing paths."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    yield f
        elif p.exists():
            yield p
        else:
            yield ReadError(f"{p}: no such file or folder")


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


def read_path(path: str | Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{path}: {size / 1e6:.0f} MB is far larger than any report (limit {MAX_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, path)
    return document_from_text(str(path), text)


__all__ = ["ReadError", "read_path", "find_inputs", "document_from_text"]
