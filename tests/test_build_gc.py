"""The build pauses and freezes the garbage collector for speed; it must leave it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from kg.pipeline import Settings, build

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_ae839ed401dd8876.txt"


def test_collector_left_as_found(tmp_path: Path) -> None:
    assert gc.get_freeze_count() == 0
    res = build([SEED], tmp_path / "out", Settings(cache=False, formats=("turtle",)))
    assert res.documents and gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        build([SEED], None, Settings(cache=False))
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_a_heap_frozen_before_stays_frozen(tmp_path: Path) -> None:
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        build([SEED], None, Settings(cache=False))
        assert gc.get_freeze_count() > 0  # not unfrozen by the build (objects freed meanwhile leave it)
    finally:
        gc.unfreeze()
