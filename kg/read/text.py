"""Bytes to text: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, detected from the bytes."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """A file that cannot become a Document; the message is one line naming file and problem."""


def decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, path)
    if _binary(text):
        raise ReadError(f"{path}: binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes, path: Path) -> str:
    """Chinese legacy encodings first (GB18030 is a superset of GBK and GB2312), then a detector."""
    if b"\x00" not in data[:4096]:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(f"{path}: binary data or unknown text encoding")
    return str(best)


def _binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return bad > max(8, len(sample) // 50)
