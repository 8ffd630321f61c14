"""The ledger in the page, in headless Chromium: a place's panel charts targets against outcomes, the year
slider filters the reports, and document text stays text. Built from real national reports 2016–2019.

Uses the browser fixtures of test_browser.py (Debian's chromium through Playwright, no network).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_browser import CHROMIUM, browser, open_page, sync_playwright  # noqa: F401 (browser, open_page: fixtures)

from kg.graph import build as build_graph
from kg.model import Document, Entity, Evidence, Observation, ReportMeta, Sentence
from kg.pipeline import Settings, build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run .ci/install-browser.sh"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright (Python package) not installed"),
]
ROOT = Path(__file__).resolve().parents[1]
COUNTRY = "place/中华人民共和国-100000"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory):
    inputs = tmp_path_factory.mktemp("nat-in")
    for y in (2016, 2017, 2018, 2019):
        shutil.copy(ROOT / "tests" / "data" / "national" / f"{y}_guowuyuan.txt", inputs)
    return build([str(inputs)], None, Settings(formats=(), cache=False)).graph


def test_place_panel_charts_targets_against_outcomes(open_page, national, tmp_path) -> None:  # noqa: F811
    g = national
    seen = open_page(g)
    page = seen.page
    page.evaluate("id => kg.showNode(id)", COUNTRY)
    page.wait_for_selector("#kg-panel svg.kg-chart")
    gdp = 'svg.kg-chart[data-indicator="国内生产总值"]'
    targets = page.eval_on_selector_all(gdp + " rect.kg-target", "rs => rs.map(r => [+r.dataset.year, r.dataset.value])")
    outcomes = page.eval_on_selector_all(gdp + " circle.kg-outcome", "cs => cs.map(c => [+c.dataset.year, +c.dataset.value])")
    want_t = sorted((d["year"], f"{d['lower']:g}-{d['upper']:g}" if d.get("lower") is not None else f"{d['growth_pct']:g}")
                    for _, d in g.nodes(data=True) if d.get("kind") == "observation" and d.get("target")
                    and d["indicator"] == "国内生产总值")
    want_o = sorted({(d["year"], d["growth_pct"]) for _, d in g.nodes(data=True)
                     if d.get("kind") == "observation" and not d.get("target") and d["indicator"] == "国内生产总值"
                     and d.get("growth_pct") is not None and d.get("year")})
    assert sorted(map(tuple, targets)) == want_t == [(2016, "6.5-7"), (2017, "6.5"), (2018, "6.5"), (2019, "6-6.5")]
    assert sorted(map(tuple, outcomes)) == want_o == [(2015, 6.9), (2016, 6.7), (2017, 6.9), (2018, 6.6)]
    tips = page.eval_on_selector_all(gdp + " rect.kg-target title", "ts => ts.map(t => t.textContent)")
    assert "2016 目标 6.5–7%区间" in tips
    # the band of a range spans its bounds: 6.5–7 is taller than the single 6.5 band
    heights = page.eval_on_selector_all(gdp + " rect.kg-target", "rs => rs.map(r => [+r.dataset.year, +r.getAttribute('height')])")
    h = dict(heights)
    assert h[2016] > h[2017]
    text = page.inner_text("#kg-panel")
    assert "指标走势（目标与实际）" in text and "目标" in text and "实际" in text
    page.set_viewport_size({"width": 1400, "height": 900})
    shot = tmp_path / "ledger.png"  # as docs/ledger.png, which bench/screenshots.py rewrites
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert not seen.errors and not seen.requests and not seen.dialogs


def test_year_slider_filters_reports(open_page, national) -> None:  # noqa: F811
    page = open_page(national).page
    assert page.is_visible("#kg-year-filter")
    assert page.inner_text("#kg-year-label") == "2016–2019"
    page.evaluate("""() => { const f = document.getElementById('kg-year-from'); f.value = 2018;
                              f.dispatchEvent(new Event('input')); }""")
    assert page.inner_text("#kg-year-label") == "2018–2019"
    shown = page.evaluate("kg.data.reports.filter((r, i) => kg.state.reports.has(i)).map(r => r.y)")
    assert sorted(shown) == [2018, 2019]
    assert not page.is_checked("#kg-reports li[data-report='report/2016_guowuyuan'] input")
    assert page.evaluate("kg.visible().has('report/2016_guowuyuan')") is False
    page.click("#kg-years-all")
    assert page.evaluate("kg.visible().has('report/2016_guowuyuan')") is True


def test_chart_text_from_documents_stays_text(open_page) -> None:  # noqa: F811
    evil = '<img src=x onerror=alert(1)>"</title><script>alert(2)</script>'
    text = "通辽市2020年地区生产总值增长5%。"
    doc = Document("a.txt", text, meta=ReportMeta(title="2021年通辽市政府工作报告", place="通辽市", year=2021),
                   sentences=[Sentence(0, len(text), text)])
    obs = [(doc, Observation(evil, None, "%", 2020, 0, 5, 5.0, None), "place/通辽市-150500", None),
           (doc, Observation(evil, None, "%", 2021, 0, 5, 6.0, None, kind="target", qualifier=evil),
            "place/通辽市-150500", None)]
    place = Entity("place/通辽市-150500", "Place", "通辽市", set(), "150500", 0.9,
                   [Evidence("a.txt", text, 0, 3, "通辽市")], mentions={"a.txt": 1})
    g = build_graph([doc], [place], [], obs, {"a.txt": "place/通辽市-150500"})
    seen = open_page(g)
    page = seen.page
    page.evaluate("id => kg.showNode(id)", "place/通辽市-150500")
    page.wait_for_selector("#kg-panel svg.kg-chart")
    assert page.eval_on_selector_all("#kg-panel img, #kg-panel script", "xs => xs.length") == 0
    assert evil in page.inner_text("#kg-panel")
    assert page.eval_on_selector("#kg-panel svg.kg-chart", "s => s.dataset.indicator") == evil
    assert not seen.dialogs and not seen.errors
