"""A report written with half-width punctuation (PDF converters, some government sites) gives the
same graph as the same report written with full-width punctuation."""

from pathlib import Path

import pytest

from kg.pipeline import Settings, process
from kg.read import document_from_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?",
                      "“": '"', "”": '"'})


def _facts(text: str) -> tuple[set, set, set]:
    ex = process(document_from_text("test/report.txt", text), Settings())
    names = {(m.type, m.surface) for m in ex.mentions}
    rels = {(r.head.surface, r.rel, r.tail.surface) for r in ex.relations}
    figures = {(o.indicator, o.value, o.growth_pct, o.year, o.kind) for o in ex.observations}
    return names, rels, figures


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_a_seed_report_in_half_width_punctuation_gives_the_same_graph(prefix: str) -> None:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")
    full, half = _facts(text), _facts(text.translate(HALF))
    assert full[2] and half[2] == full[2]  # headline figures
    assert half[0] == full[0]
    assert half[1] == full[1]
