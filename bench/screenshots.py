"""Rewrite the docs' screenshots: docs/graph.png, docs/ledger.png and docs/viz-*.png.

Why a script: the tests open the same pages and check what they show, but a test run must not
rewrite tracked files, so the pictures are made only when asked (`make screenshots`):

* docs/graph.png: the graph of the seed reports, searched by a short form (科左后旗), its node
  centred and its evidence panel open;
* docs/ledger.png: the national reports 2016–2019, the country's panel charting its targets
  against its outcomes.

Run from the repository root:  .venv/bin/python bench/screenshots.py [--out docs]
Needs /usr/bin/chromium (.ci/install-browser.sh) and the playwright package.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from html_bench import ARGS, CHROMIUM  # noqa: E402  (the same browser and flags as the page benchmark)
from html_bench import screenshots as viz_shots  # noqa: E402  (docs/viz.md's three pictures)

from kg.export import html  # noqa: E402  (import after the path fix so the script runs uninstalled)
from kg.pipeline import Settings, build  # noqa: E402


def graph_shot(ctx, work: Path, out: Path) -> None:
    g = build([ROOT / "seeds"], None, Settings(formats=(), cache=False)).graph
    page_path = work / "graph.html"
    html.write(g, page_path, title="五份政府工作报告 · 知识图谱")
    page = ctx.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60_000)
    page.fill("#kg-search", "科左后旗")
    page.click("#kg-results li >> nth=0")
    page.wait_for_function("kg.focus.current().id && !kg.moving()", timeout=30_000)  # focused and framed
    page.wait_for_timeout(300)
    page.screenshot(path=str(out))
    page.close()


def ledger_shot(ctx, work: Path, out: Path) -> None:
    inputs = work / "national"
    inputs.mkdir()
    for y in (2016, 2017, 2018, 2019):
        shutil.copy(ROOT / "tests" / "data" / "national" / f"{y}_guowuyuan.txt", inputs)
    g = build([inputs], None, Settings(formats=(), cache=False)).graph
    page_path = work / "ledger.html"
    html.write(g, page_path)
    page = ctx.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60_000)
    page.evaluate("id => kg.showNode(id)", "place/中华人民共和国-100000")
    page.wait_for_selector("#kg-panel svg.kg-chart")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_timeout(1000)  # the view's move to the node is animated
    page.screenshot(path=str(out))
    page.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for graph.png and ledger.png")
    args = ap.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: pip install -e '.[test]'", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: run .ci/install-browser.sh", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kg-shots-"))
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(work / "profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
                viewport={"width": 1400, "height": 860}, locale="zh-CN")
            graph_shot(ctx, work, args.out / "graph.png")
            ledger_shot(ctx, work, args.out / "ledger.png")
            ctx.close()
        shots = viz_shots(work / "graph.html", args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for path in [args.out / "graph.png", args.out / "ledger.png", *shots]:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
