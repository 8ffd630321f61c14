"""The HTML page in a real browser: headless Chromium from Debian, driven by Playwright.

Run ``.ci/install-browser.sh`` first (Debian's chromium and CJK fonts); Playwright's own browser
download is not used. Each test opens the written page from disk (file://) and reads the state of
the vis-network view through ``window.kg``, the handle the page script leaves for this purpose.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.export import html

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

from test_html import XSS_NAME, XSS_SENTENCE, embedded_data, random_graph, sample_graph, xss_graph

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run .ci/install-browser.sh"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright (Python package) not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1400, "height": 860}, locale="zh-CN")
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


class Opened:
    """A loaded page plus what it did: alerts, script errors and any request that left the disk."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []


@pytest.fixture
def open_page(browser, tmp_path) -> Iterator:
    pages: list[Page] = []

    def opener(graph, name: str = "graph.html", **options) -> Opened:
        path = tmp_path / name
        html.write(graph, path, **options)
        page = browser.new_page()
        pages.append(page)
        seen = Opened(page)
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:"))
                else seen.requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        return seen

    yield opener
    for page in pages:
        page.close()


def dom_point(page: Page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates (vis positions → canvasToDOM → + container offset)."""
    return tuple(page.evaluate(
        """id => { const p = kg.network.getPositions([id])[id]; const d = kg.network.canvasToDOM(p);
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [r.left + d.x, r.top + d.y]; }""", node_id))


def click_node(page: Page, node_id: str) -> None:
    page.wait_for_function("!kg.moving()")  # a click frames its node: wait until the view stands still
    page.mouse.click(*dom_point(page, node_id))


def wait_centred(page: Page, node_id: str) -> None:
    """Until the (timed) move has ended in focus on the node, drawn in the part of the canvas the panel
    leaves free."""
    page.wait_for_function(
        """id => { if (kg.moving() || kg.focus.current().id !== id) return false;
                   const d = kg.network.canvasToDOM(kg.network.getPositions([id])[id]);
                   const box = document.getElementById('kg-network');
                   const panel = document.getElementById('kg-panel');
                   const right = box.clientWidth - (panel.hidden ? 0 : panel.offsetWidth);
                   return d.x > 0 && d.x < right && d.y > 0 && d.y < box.clientHeight; }""",
        arg=node_id, timeout=5_000)


def test_nodes_drawn_equal_the_data(open_page) -> None:
    g = sample_graph()
    seen = open_page(g)
    page = seen.page
    expected = sum(1 for _, d in g.nodes(data=True) if d["kind"] in ("entity", "report"))
    counts = page.evaluate("[kg.data.nodes.length, kg.nodes.length, kg.nodesView.length,"
                           " kg.network.body.nodeIndices.length,"
                           " Object.keys(kg.network.getPositions()).length]")
    assert counts == [expected] * 5
    # the legend counts each type; the first view shows the main names legibly (>= 12 px on screen)
    legend = page.inner_text("#kg-legend")
    assert "地点 Place" in legend and "4" in legend
    top = max(embedded_data(Path(page.url[7:]).read_text(encoding="utf-8"))["nodes"], key=lambda n: n["w"])
    assert top["id"] in page.evaluate("kg.render.labelled()")  # names are drawn at a fixed 12 px
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Noto Sans CJK SC"')
    assert not seen.errors and not seen.requests and not seen.dialogs


def test_search_partial_chinese_selects_and_centres(open_page) -> None:
    page = open_page(sample_graph()).page
    page.click("#kg-search")
    page.keyboard.type("科尔沁")
    items = page.locator("#kg-results li")
    assert items.count() == 2
    assert items.nth(0).inner_text().startswith("科尔沁区")  # most mentioned first
    assert "科尔沁左翼后旗" in page.inner_text("#kg-results")
    assert page.inner_text("#kg-results-info") == "找到 2 个"
    page.fill("#kg-search", "科左")  # part of an alias
    first = page.inner_text("#kg-results li")
    assert "科尔沁左翼后旗" in first and "科左后旗" in first
    page.fill("#kg-search", "霍煤")
    page.click("#kg-results li >> nth=0")
    target = "enterprise/霍煤鸿骏"
    wait_centred(page, target)
    assert page.evaluate("kg.network.getSelectedNodes()") == [target]
    assert target in page.evaluate("kg.render.labelled()")
    assert page.inner_text("#kg-panel h2") == "内蒙古霍煤鸿骏铝电有限责任公司"
    page.fill("#kg-search", "不存在")
    assert "没有匹配" in page.inner_text("#kg-results-info")


def test_type_and_report_filters_hide_nodes(open_page) -> None:
    g = sample_graph()
    page = open_page(g).page
    total = page.evaluate("kg.nodesView.length")
    page.uncheck("#kg-legend li[data-type=Place] input")
    shown = page.evaluate("kg.network.body.nodeIndices.map(id => kg.data.nodes.find(n => n.id === id).t)")
    assert len(shown) == total - 4 and "Place" not in shown
    assert page.evaluate("kg.nodesView.length") == total - 4
    page.check("#kg-legend li[data-type=Place] input")
    assert page.evaluate("kg.network.body.nodeIndices.length") == total
    # a report off: its node goes, and so do the entities no other report mentions
    page.uncheck("#kg-reports li[data-report='report/tongliao_2022'] input")
    only_2022 = {n for n, d in g.nodes(data=True)
                 if d["kind"] == "entity" and d["reports"] == ["report/tongliao_2022"]}
    assert only_2022, "the sample graph has entities of one report"
    hidden = set(page.evaluate("kg.data.nodes.map(n => n.id).filter(id => !kg.visible().has(id))"))
    assert hidden == only_2022 | {"report/tongliao_2022"}
    assert page.evaluate("kg.network.body.nodeIndices.length") == total - len(hidden)
    assert f"显示 {total - len(hidden)} / {total}" in page.inner_text("#kg-count")
    # co-mention edges can be switched off; none is drawn then
    page.uncheck("#kg-edge-filters li[data-kind=co] input")
    kinds = page.evaluate("kg.network.body.edgeIndices.map(id => kg.edges.get(id).kind)")
    assert "co" not in kinds and "rel" in kinds


def test_click_node_and_edge_open_the_panel(open_page) -> None:
    page = open_page(sample_graph()).page
    assert page.is_hidden("#kg-panel")
    click_node(page, "place/科尔沁区-150502")
    page.wait_for_selector("#kg-panel:not([hidden])")
    text = page.inner_text("#kg-panel")
    for part in ("地点 · Place", "科尔沁区", "行政区划代码", "150502", "提及它的报告（2）",
                 "2022 通辽市 报告", "2023 通辽市 报告", "隶属 →", "通辽市", "证据句",
                 "科尔沁区加快建设通辽至京沈高铁连接线。"):
        assert part in text, part
    marks = page.eval_on_selector_all("#kg-panel .kg-ev mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"科尔沁区"}
    # the enterprise (Escape twice: the panel closes, then focus ends and the whole graph shows again)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    click_node(page, "enterprise/霍煤鸿骏")
    page.wait_for_function("document.querySelector('#kg-panel h2').textContent.startsWith('内蒙古')")
    fields = page.eval_on_selector_all("#kg-panel .kg-fields > *", "xs => xs.map(x => x.textContent)")
    assert fields[fields.index("别名") + 1] == "霍煤鸿骏"
    marks = page.eval_on_selector_all("#kg-panel .kg-ev mark", "ms => ms.map(m => m.textContent)")
    assert set(marks) == {"霍煤鸿骏", "内蒙古霍煤鸿骏铝电有限责任公司"}
    # an edge: click the middle of 霍煤鸿骏 → 霍林郭勒市 (once the view has framed the enterprise)
    page.wait_for_function("!kg.moving()")
    a, b = dom_point(page, "enterprise/霍煤鸿骏"), dom_point(page, "place/霍林郭勒市-150581")
    page.evaluate("kg.network.unselectAll()")
    page.mouse.click((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    page.wait_for_function("document.getElementById('kg-panel-body').dataset.kind === 'edge'")
    text = page.inner_text("#kg-panel")
    assert "位于（locatedIn）" in text and "霍林郭勒市" in text
    assert "霍煤鸿骏在霍林郭勒市建设扎鲁特—青州特高压配套工程。" in text.replace("\n", "")


def test_xss_graph_shows_text_and_runs_nothing(open_page) -> None:
    seen = open_page(xss_graph(), title="图谱</title><script>alert(2)</script>")
    page = seen.page
    assert page.title() == "图谱</title><script>alert(2)</script>"
    assert page.evaluate("document.scripts.length") == 3  # data island, vis-network, page script
    assert page.evaluate("document.images.length") == 0
    click_node(page, "policy/evil")
    page.wait_for_selector("#kg-panel:not([hidden])")
    assert page.inner_text("#kg-panel h2") == XSS_NAME
    text = page.inner_text("#kg-panel")
    assert "<b onmouseover=alert(3)>x</b>" in text
    sentences = page.eval_on_selector_all("#kg-panel .kg-ev li", "ls => ls.map(l => l.textContent)")
    assert XSS_SENTENCE in sentences
    marks = page.eval_on_selector_all("#kg-panel .kg-ev mark", "ms => ms.map(m => m.textContent)")
    assert marks[0] == XSS_NAME
    page.fill("#kg-search", "<script")
    assert XSS_NAME in page.inner_text("#kg-results")
    page.hover("#kg-network", position={"x": 5, "y": 5})
    page.wait_for_timeout(300)
    assert page.evaluate("document.images.length") == 0
    assert seen.dialogs == [] and seen.errors == []


def test_large_graph_loads_and_responds(open_page) -> None:
    """5,000 nodes drawn, a type filter and a search work. How fast: bench/html_bench.py."""
    g = random_graph(5000, n_reports=20)
    seen = open_page(g, name="big.html")
    page = seen.page
    assert page.evaluate("kg.network.body.nodeIndices.length") == 5000
    note = page.inner_text("#kg-note")
    assert "5000 / 5020" in note and "略去 20 个" in note
    left_out = embedded_data(Path(page.url[7:]).read_text(encoding="utf-8"))["omitted"]["names"]
    assert left_out[0] in note
    policies = page.evaluate("kg.data.nodes.filter(n => n.t === 'Policy').length")
    page.click("#kg-legend li[data-type=Policy] input")
    assert policies > 0
    assert page.evaluate("kg.network.body.nodeIndices.length") == 5000 - policies
    some = page.evaluate("kg.data.nodes[100].l")
    page.fill("#kg-search", some[:3])
    assert page.locator("#kg-results li").count() >= 1
    assert not seen.errors


def test_screenshot(open_page, tmp_path) -> None:
    """The seeds' graph, searched by a short form (科左后旗), its evidence panel open, as in
    docs/graph.png; written under the test's folder (bench/screenshots.py rewrites the docs' one)."""
    from kg.pipeline import Settings, build

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    g = build([seeds], None, Settings(formats=())).graph
    page = open_page(g, title="五份政府工作报告 · 知识图谱").page
    page.fill("#kg-search", "科左后旗")
    page.click("#kg-results li >> nth=0")
    target = "place/科尔沁左翼后旗-150522"
    wait_centred(page, target)
    assert "科尔沁左翼后旗" in page.inner_text("#kg-panel")
    page.evaluate("kg.fitAll(0)")  # the whole graph in the part the panel leaves free
    page.wait_for_timeout(300)
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
