"""Headline figures of eighteen report openings written in the forms of places no other file covers
(a province, 县级市, districts of Beijing, Shanghai and Tianjin, prefectures, counties; a table-like list,
a December session, a five-year review, half-width punctuation, PDF breaks, 万元, milestones in words, a
report whose first line names the session's year): docs/figures-check.md, sixth pass.

The expected figures (tests/data/figures/openings/expected.tsv) were marked by hand from the texts, as an
annotator following the guidelines would: the six headline indicators, the year each describes, the value
(empty for a rate alone) and the year's growth rate (empty where the text gives none, or only an average).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_reports import BUDGET, FAI, GDP, RETAIL, RURAL, URBAN, figures

from kg.extract import process
from kg.read import document_from_text

DIR = Path(__file__).parent / "data" / "figures" / "openings"
NAMES = {"G": GDP, "B": BUDGET, "F": FAI, "R": RETAIL, "U": URBAN, "N": RURAL}


def _marks() -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {}
    for line in (DIR / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f, i, y, v, g = (line.split("\t") + [""] * 5)[:5]
        out.setdefault(f, set()).add((NAMES[i], int(y), float(v) if v else None, float(g) if g else None))
    return out


MARKS = _marks()


@pytest.mark.parametrize("name", sorted(MARKS))
def test_opening_figures(name: str) -> None:
    text = (DIR / f"{name}.txt").read_text(encoding="utf-8")
    got = {f for f in figures(process(document_from_text(f"{name}.txt", text))) if f[0] in NAMES.values()}
    expected = MARKS[name]
    assert expected <= got
    # anything else read must be one of the marked figures said again without its rate
    extra = got - expected
    assert all(v is not None and g is None and any(e[:3] == (i, y, v) for e in expected)
               for i, y, v, g in extra), extra


def test_every_opening_is_marked() -> None:
    assert {p.stem for p in DIR.glob("*.txt")} == set(MARKS)
