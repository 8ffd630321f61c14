"""Positions for the HTML page, computed ahead so the page opens laid out (numpy only).

A rebuild starts from the positions of the last page (kept beside it in ``graph.layout.json``):
nodes that were there stay where the reader saw them, new ones settle among their neighbours, and
a corpus of a thousand reports is laid out again in a fraction of the time a cold start takes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write

GRAVITY = 1.0
EXACT_LIMIT = 500  # nodes up to which the layout computes every pairwise repulsion
WARM_SHARE = 0.5  # share of nodes with a previous position needed for a warm start
WARM_ITERATIONS = 12
CHUNK = 256  # rows of a pairwise matrix computed at once


def layout(n: int, edges: list[tuple[int, int, float]], seed: int = 0, iterations: int | None = None,
           start: list[tuple[float, float] | None] | None = None) -> list[tuple[float, float]]:
    """Fruchterman–Reingold positions in canvas units, computed here so the page opens already laid out.

    networkx's spring_layout needs scipy above 500 nodes; this one needs only numpy and, above
    EXACT_LIMIT nodes, takes the repulsion of far nodes from grid-cell centroids, so 5,000 nodes take
    about two seconds.
    """
    import numpy as np

    if n == 0:
        return []
    if n == 1:
        return [(0.0, 0.0)]
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2))
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    wt = np.array([e[2] for e in edges], dtype=np.float64)
    temp = 0.2
    warm = _warm_start(pos, start, src, dst, math.sqrt(4.0 / n)) if start is not None else False
    if warm:
        temp = 0.03  # settle the newcomers, barely move the rest
    k = math.sqrt(4.0 / n)
    # hubs (reports, much-named places) repel more, as in ForceAtlas2, so they do not pile up
    mass = np.sqrt(1.0 + np.bincount(src, wt, n) + np.bincount(dst, wt, n))
    mass /= mass.mean()
    iters = iterations or (WARM_ITERATIONS if warm else 150 if n <= EXACT_LIMIT else 80)
    for step in range(iters):
        if n <= EXACT_LIMIT:
            disp = _repulsion(pos, k, mass)
        else:
            disp = _repulsion_grid(pos, k, mass, rng.uniform(0.0, 1.0, 2))
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
            f = delta * (wt * dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(dst, f[:, axis], n) - np.bincount(src, f[:, axis], n)
        disp -= pos * GRAVITY  # keeps weakly tied nodes and small components from drifting off
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temp * (1 - step / iters) + 1e-3) / length)[:, None]
    pos -= np.median(pos, axis=0)
    r = np.hypot(pos[:, 0], pos[:, 1])
    edge = float(np.percentile(r, 95)) or 1.0
    far = r > edge  # pull stragglers in to a thin rim, keeping their direction and order
    pos[far] *= (edge * (1.0 + 0.2 * (1.0 - np.exp((edge - r[far]) / edge))) / r[far])[:, None]
    rms = math.sqrt(float((pos**2).sum(axis=1).mean())) or 1.0
    pos *= (60.0 * math.sqrt(n) + 200.0) / rms  # room for labels: ~80 canvas units between neighbours
    return [(float(x), float(y)) for x, y in pos]


def clustered(groups: list[list[int]], anchors: list[int], seed: int = 0,
              slots: list[int] | None = None) -> list[tuple[float, float]]:
    """Starting positions that show a corpus's structure: one cluster per report, the reports on a
    sunflower disc in the given order (so a place's reports of several years sit side by side), each
    node named by one report in a disc around it, and a node named by several at the mean of their
    reports, so national items lie between (or, named everywhere, amid) the clusters they join.

    ``groups[i]`` lists the reports (indices into ``anchors``) naming node i; ``anchors[j]`` is report
    j's own node; ``slots[j]`` its place on the disc (default j). ``layout(..., start=clustered(...))``
    then only relaxes overlaps.
    """
    import numpy as np

    n = len(groups)
    rng = np.random.default_rng(seed)
    m = max(1, len(anchors))
    golden = math.pi * (3.0 - math.sqrt(5.0))
    j = np.arange(m)
    if slots is not None:
        j = np.asarray(slots, dtype=np.float64)
    centres = np.stack([np.sqrt(j + 0.5) * np.cos(j * golden), np.sqrt(j + 0.5) * np.sin(j * golden)], axis=1)
    local = np.zeros(m)
    for g in groups:
        if len(g) == 1:
            local[g[0]] += 1
    cluster = 0.45 * np.sqrt(np.maximum(local, 1.0) / max(float(local.mean()), 1.0))  # a disc per report
    pos = np.zeros((n, 2))
    angle = rng.uniform(0.0, 2 * math.pi, n)
    spread = np.sqrt(rng.uniform(0.0, 1.0, n))
    for i, g in enumerate(groups):
        if not g:
            pos[i] = rng.normal(0.0, math.sqrt(m) * 0.5, 2)
            continue
        centre = centres[g].mean(axis=0)
        r = cluster[g[0]] if len(g) == 1 else 0.35 * math.sqrt(len(g))
        pos[i] = centre + r * spread[i] * np.array([math.cos(angle[i]), math.sin(angle[i])])
    for j, node in enumerate(anchors):
        pos[node] = centres[j]
    return [(float(x), float(y)) for x, y in pos]


def _repulsion(pos: Any, k: float, mass: Any) -> Any:
    """Every pair, CHUNK rows of the pairwise matrices at a time: the same row sums, and a dense
    grid cell of 2,000 nodes costs a few MB instead of a hundred."""
    import numpy as np

    out = np.empty((len(pos), 2))
    for a in range(0, len(pos), CHUNK):
        b = a + CHUNK
        dx = pos[a:b, 0, None] - pos[None, :, 0]
        dy = pos[a:b, 1, None] - pos[None, :, 1]
        f = (k * k) * mass[a:b, None] * mass[None, :] / np.maximum(dx * dx + dy * dy, 1e-6)
        out[a:b, 0] = (dx * f).sum(axis=1)
        out[a:b, 1] = (dy * f).sum(axis=1)
    return out


def _repulsion_grid(pos: Any, k: float, mass: Any, shift: Any) -> Any:
    """Exact repulsion inside each grid cell, cell centroids (weighted by count) for the rest.

    The grid moves by a random fraction of a cell each step, so no cell border stays put long
    enough to leave a seam in the layout.
    """
    import numpy as np

    n = len(pos)
    side = max(4, int(math.sqrt(n / 40)))  # ~40 nodes a cell where most nodes are
    lo, hi = np.percentile(pos, [5, 95], axis=0)
    size = float(np.max(hi - lo)) / side + 1e-9
    cxy = np.floor((pos - lo) / size + shift).astype(np.int64) + (1 << 20)
    cell = cxy[:, 0] * (1 << 21) + cxy[:, 1]
    _, inverse, count = np.unique(cell, return_inverse=True, return_counts=True)
    cm = np.bincount(inverse, mass)
    cx = np.bincount(inverse, pos[:, 0] * mass) / cm
    cy = np.bincount(inverse, pos[:, 1] * mass) / cm
    disp = np.empty((n, 2))
    for a in range(0, n, CHUNK):  # node × cell matrices, CHUNK rows at a time (as in _repulsion)
        b = min(a + CHUNK, n)
        dx = pos[a:b, 0, None] - cx[None, :]
        dy = pos[a:b, 1, None] - cy[None, :]
        f = mass[a:b, None] * cm[None, :] * (k * k) / np.maximum(dx * dx + dy * dy, 1e-6)
        f[np.arange(b - a), inverse[a:b]] = 0.0
        disp[a:b, 0] = (dx * f).sum(axis=1)
        disp[a:b, 1] = (dy * f).sum(axis=1)
    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(count)])
    for c in np.nonzero(count > 1)[0]:
        idx = order[bounds[c]:bounds[c + 1]]
        disp[idx] += _repulsion(pos[idx], k, mass[idx])
    return disp


def _warm_start(pos: Any, start: list[tuple[float, float] | None], src: Any, dst: Any, k: float) -> bool:
    """Put known nodes where they were (rescaled to layout units) and each new one at the mean of
    its placed neighbours; False, leaving ``pos`` random, when too few nodes are known."""
    import numpy as np

    known = np.array([p is not None for p in start])
    if known.sum() < max(2, WARM_SHARE * len(start)):
        return False
    old = np.array([p if p is not None else (0.0, 0.0) for p in start], dtype=np.float64)
    centre = old[known].mean(axis=0)
    rms = math.sqrt(float(((old[known] - centre) ** 2).sum(axis=1).mean())) or 1.0
    pos[known] = (old[known] - centre) / rms * 0.6
    angle = np.arctan2(pos[:, 1], pos[:, 0])  # the random start gives each newcomer a direction
    offset = np.stack([np.cos(angle), np.sin(angle)], axis=1) * k
    for _ in range(3):  # newcomers: neighbours' mean, one spring length off; three hops reach most
        placed = known.copy()
        total = np.zeros_like(pos)
        count = np.zeros(len(pos))
        for a, b in ((src, dst), (dst, src)):
            ok = placed[b] & ~placed[a]
            np.add.at(total, a[ok], pos[b[ok]])
            np.add.at(count, a[ok], 1.0)
        fill = (count > 0) & ~placed
        pos[fill] = total[fill] / count[fill, None] + offset[fill]
        known = known | fill
    pos[~known] *= 1.2  # the rest stay random, at the rim
    return True


def read_positions(path: Path) -> dict[str, tuple[float, float]] | None:
    """Positions the last page was drawn with, or None (missing, unreadable: a cold start)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {str(k): (float(v[0]), float(v[1])) for k, v in data["positions"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def write_positions(path: Path, nodes: list[dict]) -> None:
    data = {"positions": {rec["id"]: [rec["x"], rec["y"]] for rec in nodes}}
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
