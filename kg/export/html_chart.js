/* Small inline SVG charts of a place's indicators over the years (inlined by kg/export/html.py before
 * html_panel.js): each report's target (预期目标) as a band, the outcome later reports give as a line.
 *
 * Observation keys: i indicator, v value, u unit, y year, g growth (%), tg 1 for a target, lo/hi a
 * target range, q its hedge (左右, 以上…), ns 1 when no target was set, b "p" for a five-year figure.
 * Every string from a document goes in with textContent; nothing is parsed as markup. No network.
 */
function kgCharts(obs) {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const W = 326, H = 118, L = 40, R = 22, T = 16, B = 20;
  const ORDER = ["国内生产总值", "地区生产总值", "城镇新增就业", "居民消费价格", "一般公共预算收入"];

  function svg(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function tip(e, text) { e.appendChild(svg("title", {}, text)); return e; }
  function fmt(x) { return String(Math.round(x * 100) / 100); }

  /* Per indicator: the series to draw, in one measure (growth % if any figure gives one, else the level). */
  function series(items) {
    const byYear = (xs) => xs.filter((o) => o.y && o.b !== "p");
    const growth = items.some((o) => o.g !== null && o.g !== undefined && !o.tg) ||
      items.some((o) => o.tg && (o.g !== null && o.g !== undefined || o.lo !== null && o.lo !== undefined));
    const pick = (o) => (growth ? o.g : o.v);
    const outcomes = new Map();
    for (const o of byYear(items.filter((x) => !x.tg))) {
      const val = pick(o);
      if (val !== null && val !== undefined && !outcomes.has(o.y)) outcomes.set(o.y, val);
    }
    const targets = new Map();
    for (const o of byYear(items.filter((x) => x.tg && !x.ns))) {
      const lo = o.lo !== null && o.lo !== undefined ? o.lo : pick(o);
      const hi = o.hi !== null && o.hi !== undefined ? o.hi : pick(o);
      if (lo !== null && lo !== undefined && !targets.has(o.y)) targets.set(o.y, [lo, hi, o.q || ""]);
    }
    const unit = growth ? "%" : (items.find((o) => o.u) || {}).u || "";
    return { growth, unit, outcomes, targets };
  }

  function chart(name, s) {
    const years = Array.from(new Set([...s.outcomes.keys(), ...s.targets.keys()])).sort((a, b) => a - b);
    const vals = [...s.outcomes.values()];
    for (const [lo, hi] of s.targets.values()) vals.push(lo, hi);
    let lo = Math.min(...vals), hi = Math.max(...vals);
    const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.1 || 1;
    lo -= pad; hi += pad;
    const y0 = years[0], y1 = years[years.length - 1];
    const X = (y) => (y1 === y0 ? (L + W - R) / 2 : L + (W - L - R) * (y - y0) / (y1 - y0));
    const Y = (v) => T + (H - T - B) * (hi - v) / (hi - lo);
    const step = years.length > 1 ? (W - L - R) / (y1 - y0) : 40;
    const box = svg("svg", { class: "kg-chart", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
      "data-indicator": name });
    box.appendChild(svg("title", {}, name + "：目标与实际"));
    box.appendChild(svg("text", { x: L, y: 11, class: "kg-chart-name" }, name + (s.growth ? " 增速（%）" : "（" + s.unit + "）")));
    box.appendChild(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "kg-axis" }));
    box.appendChild(svg("text", { x: L - 4, y: Y(hi - pad) + 4, class: "kg-tick", "text-anchor": "end" }, fmt(hi - pad)));
    box.appendChild(svg("text", { x: L - 4, y: Y(lo + pad) + 4, class: "kg-tick", "text-anchor": "end" }, fmt(lo + pad)));
    const every = Math.max(1, Math.ceil(years.length / 7));
    years.forEach((y, i) => {
      if (i % every === 0 || i === years.length - 1)
        box.appendChild(svg("text", { x: X(y), y: H - 5, class: "kg-tick", "text-anchor": "middle" }, String(y)));
    });
    const band = Math.max(2, (H - T - B) * 0.03);
    for (const [y, [a, b, q]] of s.targets) {  // the target: a band from lower to upper bound
      const w = Math.min(step * 0.7, 26);
      const top = Y(Math.max(a, b)) - (a === b ? band : 0), bottom = Y(Math.min(a, b)) + (a === b ? band : 0);
      box.appendChild(tip(svg("rect", { x: X(y) - w / 2, y: top, width: w, height: Math.max(2, bottom - top),
        class: "kg-target", "data-year": y, "data-value": a === b ? a : a + "-" + b }),
      y + " 目标 " + (a === b ? fmt(a) : fmt(a) + "–" + fmt(b)) + s.unit + q));
    }
    const pts = [...s.outcomes.entries()].sort((a, b) => a[0] - b[0]);
    if (pts.length > 1)
      box.appendChild(svg("polyline", { points: pts.map(([y, v]) => X(y) + "," + Y(v)).join(" "), class: "kg-outcome-line" }));
    for (const [y, v] of pts)
      box.appendChild(tip(svg("circle", { cx: X(y), cy: Y(v), r: 3.5, class: "kg-outcome", "data-year": y, "data-value": v }),
        y + " 实际 " + fmt(v) + s.unit));
    return box;
  }

  const by = new Map();
  for (const o of obs || []) {
    if (!by.has(o.i)) by.set(o.i, []);
    by.get(o.i).push(o);
  }
  const drawn = [];
  for (const [name, items] of by) {
    const s = series(items);
    if (s.outcomes.size + s.targets.size >= 2 && (s.targets.size || s.outcomes.size >= 2)) drawn.push([name, s]);
  }
  drawn.sort((a, b) => ((ORDER.indexOf(a[0]) + 1 || 99) - (ORDER.indexOf(b[0]) + 1 || 99)) ||
    (b[1].outcomes.size + b[1].targets.size) - (a[1].outcomes.size + a[1].targets.size));
  const wrap = document.createElement("div");
  wrap.className = "kg-charts";
  for (const [name, s] of drawn.slice(0, 4)) wrap.appendChild(chart(name, s));
  if (drawn.length) {
    const key = document.createElement("div");
    key.className = "kg-chart-key";
    const t = document.createElement("span"); t.className = "kg-key-target"; t.textContent = "目标";
    const o = document.createElement("span"); o.className = "kg-key-outcome"; o.textContent = "实际";
    key.append(t, o);
    wrap.appendChild(key);
  }
  return drawn.length ? wrap : null;
}
