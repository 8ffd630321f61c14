"""The HTML page as an analyst's tool, in headless Chromium: focus, compare, path, shared state,
export, keyboard and the phone layout (the page script's handle ``window.kg`` gives the state).

Expectations are computed from the page's own data island (who links to whom, which report names
what), not written out, so they follow the sample graph if it changes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import test_browser
from test_browser import click_node, dom_point, pytestmark, wait_centred  # noqa: F401  (marks: browser tests)
from test_html import XSS_NAME, embedded_data, sample_graph, xss_graph

browser = test_browser.browser  # the fixtures, shared with test_browser.py
open_page = test_browser.open_page

PLACE = "place/科尔沁左翼后旗-150522"
R22, R23 = "report/tongliao_2022", "report/tongliao_2023"


def data_of(page) -> dict:
    return embedded_data(Path(page.url.split("#")[0][7:]).read_text(encoding="utf-8"))


def neighbourhood(data: dict, node_id: str) -> set[str]:
    """The node, whatever it is linked to, and (an entity) the reports naming it."""
    out = {node_id}
    for e in data["edges"]:
        if node_id in (e["f"], e["to"]):
            out |= {e["f"], e["to"]}
    node = next(n for n in data["nodes"] if n["id"] == node_id)
    out |= {data["reports"][ri]["id"] for ri in node.get("r", [])}
    return out


def named_by(data: dict, report_id: str) -> set[str]:
    ri = next(i for i, r in enumerate(data["reports"]) if r["id"] == report_id)
    return {n["id"] for n in data["nodes"] if n["k"] == "e" and ri in n["r"]}


def still(page) -> None:
    page.wait_for_function("!kg.moving()")


def test_click_focuses_dims_and_frames(open_page) -> None:
    page = open_page(sample_graph()).page
    data = data_of(page)
    width = page.evaluate("document.getElementById('kg-network').clientWidth")
    click_node(page, PLACE)
    wait_centred(page, PLACE)
    # the panel lies over the graph: the drawing keeps its width
    assert page.evaluate("document.getElementById('kg-network').clientWidth") == width
    near = neighbourhood(data, PLACE)
    bright = set(page.evaluate("Array.from(kg.render.look.focus)"))
    assert bright == near
    assert set(page.evaluate("kg.data.nodes.map(n => n.id)")) - bright, "something is dimmed"
    # every node of the neighbourhood is drawn in the part of the canvas the panel leaves free
    free = page.evaluate("""() => { const b = document.getElementById('kg-network').getBoundingClientRect();
        const p = document.getElementById('kg-panel'); return [b.left, b.top, b.right - p.offsetWidth, b.bottom]; }""")
    for node_id in near:
        x, y = dom_point(page, node_id)
        assert free[0] <= x <= free[2] and free[1] <= y <= free[3], node_id
    assert PLACE in page.evaluate("kg.render.labelled()")
    assert page.inner_text("#kg-focus-name") == "科尔沁左翼后旗"
    # one more step: the neighbours' neighbours join; "only these" hides the rest; back returns
    page.click("#kg-expand")
    still(page)
    two = set(page.evaluate("Array.from(kg.render.look.focus)"))
    expected = set().union(*(neighbourhood(data, x) for x in near))
    assert two == expected and two > near
    page.click("#kg-only")
    still(page)
    assert set(page.evaluate("Array.from(kg.visible())")) == two
    page.click("#kg-back")
    still(page)
    assert page.evaluate("kg.focus.current()")["depth"] == 1
    assert set(page.evaluate("Array.from(kg.render.look.focus)")) == near
    assert page.evaluate("kg.visible().size") == len(data["nodes"])


def test_compare_marks_shared_and_unique_and_finds_a_path(open_page) -> None:
    page = open_page(sample_graph()).page
    data = data_of(page)
    page.click(f"#kg-reports li[data-report='{R22}'] .kg-pick")
    page.click(f"#kg-reports li[data-report='{R23}'] .kg-pick")
    still(page)
    a, b = named_by(data, R22), named_by(data, R23)
    assert a & b and a - b, "the sample reports share some names and not others"
    rings = page.evaluate("Object.fromEntries(kg.render.look.rings)")
    shared_colour = rings[next(iter(a & b))][0]
    assert {x for x, r in rings.items() if r[0] == shared_colour} == a & b
    only_a = {x for x, r in rings.items() if x in a - b}
    assert only_a == a - b and len({rings[x][0] for x in only_a}) == 1 and rings[next(iter(only_a))][0] != shared_colour
    # per-type counts side by side
    types = {n["id"]: n["t"] for n in data["nodes"]}
    for row in page.locator("#kg-compare-table tr[data-type]").all():
        t = row.get_attribute("data-type")
        cells = [c.inner_text() for c in row.locator("td").all()][1:]
        assert cells == [str(sum(types[x] == t for x in s)) for s in (a, b, a & b)], t
    assert f"共有实体（{len(a & b)}）" in page.inner_text("#kg-compare")
    # the shortest path between the two reports: consecutive nodes are linked
    page.click("#kg-path")
    still(page)
    path = page.evaluate("kg.focus.path().ids")
    assert path[0] == R22 and path[-1] == R23 and len(path) >= 3
    links = {frozenset((e["f"], e["to"])) for e in data["edges"]}
    assert all(frozenset(p) in links for p in zip(path, path[1:], strict=False))
    assert "路径（" + str(len(path) - 1) + " 步）" in page.inner_text("#kg-path-result")


def test_state_in_the_url_round_trip(open_page, browser) -> None:
    seen = open_page(sample_graph())
    page = seen.page
    page.uncheck("#kg-legend li[data-type=Slogan] input")
    page.click(f"#kg-reports li[data-report='{R23}'] .kg-pick")
    click_node(page, PLACE)
    wait_centred(page, PLACE)
    page.wait_for_function("location.hash.includes('n=')")
    page.wait_for_timeout(400)  # the hash is written 0.2 s after the last change
    url = page.url
    view = page.evaluate("[kg.network.getViewPosition(), kg.network.getScale()]")
    other = browser.new_page()
    try:
        other.goto(url)
        other.wait_for_function("window.kgReady === true")
        still(other)
        assert other.evaluate("kg.focus.current().id") == PLACE
        assert other.evaluate("kg.focus.picks()") == [R23]
        assert not other.is_checked("#kg-legend li[data-type=Slogan] input")
        assert "Slogan" not in other.evaluate("Array.from(kg.state.types)")
        pos, scale = other.evaluate("[kg.network.getViewPosition(), kg.network.getScale()]")
        assert abs(scale - view[1]) / view[1] < 0.01
        assert abs(pos["x"] - view[0]["x"]) < 2 and abs(pos["y"] - view[0]["y"]) < 2
    finally:
        other.close()


def test_png_and_csv_export(open_page, tmp_path) -> None:
    page = open_page(xss_graph()).page
    with page.expect_download() as png:
        page.click("#kg-export-png")
    png_path = tmp_path / png.value.suggested_filename
    png.value.save_as(png_path)
    head = png_path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(head[16:20], "big")
    assert width == page.evaluate("document.querySelector('#kg-network canvas').width")
    click_node(page, "policy/evil")
    still(page)
    with page.expect_download() as dl:
        page.click("#kg-export-csv")
    text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["kind", "id", "label", "type", "from", "to", "relation"]
    nodes = {r[1]: r for r in rows[1:] if r[0] == "node"}
    bright = set(page.evaluate("Array.from(kg.render.look.focus)"))
    assert set(nodes) <= bright and "policy/evil" in nodes
    assert nodes["policy/evil"][2] == XSS_NAME  # the name as text, not markup
    for r in rows[1:]:
        if r[0] == "edge":
            assert r[4] in nodes and r[5] in nodes


def test_keyboard_path(open_page) -> None:
    seen = open_page(sample_graph())
    page = seen.page
    data = data_of(page)
    page.keyboard.press("/")
    page.keyboard.type("科左")
    page.keyboard.press("ArrowDown")
    active = page.get_attribute("#kg-search", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    assert page.get_attribute("#kg-search", "aria-expanded") == "true"
    page.keyboard.press("Enter")
    wait_centred(page, PLACE)
    page.focus("#kg-network")
    page.keyboard.press("ArrowRight")
    cursor = page.evaluate("kg.render.look.cursor")
    assert cursor in neighbourhood(data, PLACE) - {PLACE}
    label = next(n["l"] for n in data["nodes"] if n["id"] == cursor)
    assert page.inner_text("#kg-live").startswith(label)
    page.keyboard.press("Enter")
    still(page)
    assert page.evaluate("kg.focus.current().id") == cursor
    page.keyboard.press("Backspace")
    still(page)
    assert page.evaluate("kg.focus.current().id") == PLACE
    # a chip in the panel keeps the keyboard in the panel
    page.locator("#kg-panel .kg-chip").first.focus()
    page.keyboard.press("Enter")
    still(page)
    assert page.evaluate("document.getElementById('kg-panel').contains(document.activeElement)")
    # Escape: first the panel, then the focus
    page.keyboard.press("Escape")
    assert page.is_hidden("#kg-panel")
    page.keyboard.press("Escape")
    assert page.evaluate("kg.focus.current().id") is None
    assert page.evaluate("kg.render.look.focus") is None
    assert not seen.errors


def test_phone_width_gives_the_graph_the_screen(open_page) -> None:
    page = open_page(sample_graph()).page
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    assert page.is_hidden("#kg-sidebar")
    assert page.evaluate("document.getElementById('kg-network').clientWidth") == 390
    page.click("#kg-menu")
    assert page.is_visible("#kg-sidebar")
    assert page.evaluate("document.activeElement.id") == "kg-search"
    page.keyboard.press("Escape")  # clears the search box first
    page.keyboard.press("Escape")
    page.wait_for_selector("#kg-sidebar", state="hidden")
    click_node(page, PLACE)
    page.wait_for_selector("#kg-panel:not([hidden])")
    box = page.evaluate("(() => { const r = document.getElementById('kg-panel').getBoundingClientRect();"
                        " return [r.left, r.width, r.top]; })()")
    assert box[0] == 0 and box[1] == 390 and box[2] > 300  # a sheet over the lower half


def test_filters_refit_reset_and_count_by_report(open_page) -> None:
    page = open_page(sample_graph()).page
    data = data_of(page)
    ri = next(i for i, r in enumerate(data["reports"]) if r["id"] == R22)
    only_22 = {n["id"] for n in data["nodes"] if n["k"] == "e" and n["r"] == [ri]}
    projects = sum(n["t"] == "Project" for n in data["nodes"])
    page.uncheck(f"#kg-reports li[data-report='{R22}'] input")
    still(page)
    left = projects - sum(n["t"] == "Project" for n in data["nodes"] if n["id"] in only_22)
    assert page.inner_text("#kg-legend li[data-type=Project] .kg-n") == f"{left} / {projects}"
    # refit: every visible node is on the canvas
    w, h = page.evaluate("[document.getElementById('kg-network').clientWidth,"
                         " document.getElementById('kg-network').clientHeight]")
    box = page.evaluate("document.getElementById('kg-network').getBoundingClientRect().toJSON()")
    for node_id in page.evaluate("Array.from(kg.visible())"):
        x, y = dom_point(page, node_id)
        assert box["left"] <= x <= box["left"] + w and box["top"] <= y <= box["top"] + h
    page.click("#kg-types-none")
    assert page.evaluate("kg.visible().size") == 0
    page.click("#kg-types-all")
    assert page.evaluate("kg.visible().size") == len(data["nodes"]) - len(only_22) - 1
