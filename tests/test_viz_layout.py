"""The large page's layout shows structure: a cluster per report, shared names between them.

Checked on a random graph of the real schema (tests/test_html.py's random_graph) after the whole
pipeline of ``page_data`` (clustered start, then the force layout's relaxation).
"""

from __future__ import annotations

import math
import statistics

from test_html import random_graph

from kg.export import html, layout


def test_clustered_start_puts_a_node_by_the_reports_naming_it() -> None:
    groups = [[], [], [0], [0], [1], [0, 1]]
    pos = layout.clustered(groups, anchors=[0, 1], seed=3)
    d = lambda a, b: math.dist(pos[a], pos[b])  # noqa: E731
    assert d(2, 0) < d(2, 1) and d(3, 0) < d(3, 1) and d(4, 1) < d(4, 0)
    assert abs(d(5, 0) - d(5, 1)) < d(0, 1)  # named by both: between them
    moved = layout.clustered(groups, anchors=[0, 1], seed=3, slots=[1, 0])
    assert moved[0] == pos[1] and moved[1] == pos[0]


def test_page_layout_has_one_cluster_per_report() -> None:
    g = random_graph(900, n_reports=24)
    data = html.page_data(g)
    assert len(data["reports"]) >= html.CLUSTER_REPORTS
    where = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    reports = [r["id"] for r in data["reports"]]
    own, other = [], []
    for n in data["nodes"]:
        if n["k"] == "e" and len(n["r"]) == 1:
            mine = reports[n["r"][0]]
            own.append(math.dist(where[n["id"]], where[mine]))
            other.append(statistics.median(math.dist(where[n["id"]], where[r]) for r in reports if r != mine))
    assert own, "the random graph has names of one report"
    # most names of one report lie nearer to it than to a typical other report
    assert sum(a < b for a, b in zip(own, other, strict=True)) > 0.8 * len(own)
