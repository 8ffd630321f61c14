"""The page layout's repulsion, computed a block of rows at a time, equals the whole-matrix formula."""

from __future__ import annotations

import numpy as np
import pytest

from kg.export import layout


def whole(pos: np.ndarray, k: float, mass: np.ndarray) -> np.ndarray:
    """The pairwise repulsion as one n × n matrix (what _repulsion computed before it went by blocks)."""
    dx = pos[:, 0, None] - pos[None, :, 0]
    dy = pos[:, 1, None] - pos[None, :, 1]
    f = (k * k) * mass[:, None] * mass[None, :] / np.maximum(dx * dx + dy * dy, 1e-6)
    return np.stack([(dx * f).sum(axis=1), (dy * f).sum(axis=1)], axis=1)


@pytest.mark.parametrize("n", [1, 7, layout.CHUNK, layout.CHUNK + 1, 3 * layout.CHUNK + 17])
def test_blocked_repulsion_is_bit_identical(n: int) -> None:
    rng = np.random.default_rng(n)
    pos, mass = rng.uniform(-1, 1, (n, 2)), rng.uniform(0.5, 2.0, n)
    assert np.array_equal(layout._repulsion(pos, 0.1, mass), whole(pos, 0.1, mass))


def test_layout_of_a_big_graph_is_unchanged_by_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # 1,200 nodes take the grid path; one block or many, the same positions to the last bit
    rng = np.random.default_rng(0)
    edges = [(int(a), int(b), 1.0) for a, b in rng.integers(0, 1200, (2400, 2)) if a != b]
    blocked = layout.layout(1200, edges, seed=1, iterations=5)
    monkeypatch.setattr(layout, "CHUNK", 10**6)
    assert layout.layout(1200, edges, seed=1, iterations=5) == blocked
