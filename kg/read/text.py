"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK.

The encoding is detected from the bytes, never guessed from the file name: reports saved on
Windows are often GBK or UTF-16 whatever they are called. Line ends are kept as they are (a lone
CR becomes LF, which has the same length), so offsets into the decoded text stay offsets into the
file as an editor shows it; the layout step treats the CR of a CRLF as a space.
"""

from __future__ import annotations

import re
from pathlib import Path


class ReadError(Exception):
    """A file that cannot become a Document; the message is one line naming file and problem."""


_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\n\r\t]")
_LONE_CR = re.compile(r"\r(?!\n)")


def decode(data: bytes, path: Path | str) -> str:
    """Text of a file's bytes, or ReadError saying why it is not text."""
    if not data:
        raise ReadError(f"{path}: empty file (0 bytes)")
    if not data.strip():
        raise ReadError(f"{path}: empty file (only white space)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{path}: broken UTF-16 text (odd length or bad surrogate)") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        text = _utf16_without_bom(data)
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _detect(data, path)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ReadError(f"{path}: empty file (only white space)")
    if _binary(text):
        raise ReadError(f"{path}: binary data, not text")
    return _LONE_CR.sub("\n", text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: NUL bytes mostly on one parity (the high byte of ASCII), and it
    decodes to plausible text. Mostly, not only: Chinese characters such as 一 (U+4E00) put a NUL
    on the other side, so real reports have a few there."""
    sample = data[:4096]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if 3 * min(even, odd) > max(even, odd):  # NULs on both sides alike: binary, or UTF-32
        return None
    enc = "utf-16-be" if even > odd else "utf-16-le"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    head = text[:2000]
    ok = len(_PLAUSIBLE.findall(head))
    return text if ok >= 0.9 * len(head) else None


def _detect(data: bytes, path: Path | str) -> str:
    """Chinese legacy encodings first (GB18030 is a superset of GBK and GB2312), then a detector."""
    if b"\x00" not in data[:4096]:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReadError(f"{path}: binary data or unknown text encoding")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(f"{path}: binary data or unknown text encoding") from None


def _binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return bad > max(8, len(sample) // 50)
