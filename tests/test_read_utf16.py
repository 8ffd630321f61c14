"""UTF-16 saved without a byte-order mark, big- and little-endian: both read right.

Windows tools write UTF-16 LE, some Java and Mac tools BE; without a BOM the byte order is told
from where the NUL bytes of ASCII characters fall. Every real excerpt is written both ways (the
files are made here) and must read back as the text that was written, through the BOM-less path
itself and not by luck of the general-purpose detector behind it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import read_path
from kg.read.text import _utf16_without_bom

EXCERPTS = Path(__file__).parent / "data" / "inputs" / "excerpts"


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("excerpt", sorted(p.name for p in EXCERPTS.glob("*.txt")))
def test_bomless_utf16_reads_as_written(excerpt: str, order: str, tmp_path: Path) -> None:
    text = (EXCERPTS / excerpt).read_text(encoding="utf-8")
    data = text.encode(order)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))  # no BOM: the path under test
    path = tmp_path / "报告.txt"
    path.write_bytes(data)
    assert read_path(path).text == text
    assert _utf16_without_bom(data) == text


def test_a_short_report_in_either_order(tmp_path: Path) -> None:
    text = "2020年科左后旗人民政府工作报告\n全旗地区生产总值完成122.05亿元，增长3.4%。\n"
    for order in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{order}.txt"
        path.write_bytes(text.encode(order))
        doc = read_path(path)
        assert doc.text == text and doc.meta.place == "科左后旗" and doc.meta.year == 2020
