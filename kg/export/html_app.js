/* The kg page script (inlined by kg/export/html.py, after html_chart/panel/render/focus/search/export):
 * builds the vis-network view from the JSON data island #kg-data and wires filters, the detail panel,
 * focus and compare (html_focus.js), search (html_search.js) and export (html_export.js). Moves of the
 * view are timed (moveView), and framing (frameView) leaves out what the panel covers.
 *
 * Safety rule: every string that came from a document is put into the page with textContent or
 * createTextNode, never innerHTML; vis-network tooltips get plain strings, which it sets as innerText;
 * the canvas (html_render.js) draws names with fillText.
 *
 * Data keys. nodes: id, k ("e" entity / "r" report), l label (parent place added to a duplicate name),
 * nm bare name, t type, w importance, v size value, x/y, a aliases, c admin code, cf confidence,
 * xp slogan expansion, r report indices, e evidence [[sentence index, start, end]] (UTF-16 offsets of
 * the name), ne evidence count, ri report index (reports), o observations.
 * edges: id, k ("rel" / "men" / "co"), f from, to, rel, cf, e evidence (relations:
 * [sentence index, head start, head end, tail start, tail end], -1 where a name is absent), ne, n count,
 * sm curve roundness. page_data in kg/export/html.py documents the same.
 * sentences: [report index, text]. reports: id, l title, src, y year, date, sp speaker, pn place name.
 * Observations (o): i indicator, v value, u unit, y year, g growth, s sentence; targets add tg, lo, hi, q,
 * ns (drawn by kgCharts in html_chart.js on a place's panel).
 */
(function () {
  "use strict";
  const T0 = performance.now();
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const typeInfo = new Map(DATA.types.map((t) => [t.name, t]));
  const nodeData = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgeData = new Map(DATA.edges.map((e) => [e.id, e]));
  const incident = new Map();
  for (const e of DATA.edges) {
    for (const end of [e.f, e.to]) {
      if (!incident.has(end)) incident.set(end, []);
      incident.get(end).push(e);
    }
  }
  const KIND_LABEL = { rel: "抽取关系", co: "同句共现", men: "报告提及" };

  function el(tag, cls, text) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }
  function typeName(t) {
    const info = typeInfo.get(t);
    return info ? info.zh : t;
  }
  function reportName(ri) {
    const r = DATA.reports[ri];
    if (!r) return "";
    const head = [r.y, r.pn].filter((x) => x !== null && x !== undefined && x !== "").join(" ");
    return head ? head + " · " + r.l : r.l;
  }

  /* ---------- vis items (drawing is html_render.js's; vis keeps hit tests, clicks and tooltips) ---------- */
  function nodeItem(n) {
    const lines = [n.l, typeName(n.t) + "（" + n.t + "）"];
    if (n.k === "e") lines.push("提及 " + n.ne + " 次 · " + n.r.length + " 份报告");
    if (n.a && n.a.length) lines.push("别名：" + n.a.join("、"));
    return { id: n.id, x: n.x, y: n.y, title: lines.join("\n"), shape: "dot" };
  }
  function edgeItem(e) {
    const item = { id: e.id, from: e.f, to: e.to, kind: e.k };
    if (e.k === "rel") item.title = (DATA.relations[e.rel] || "") + " " + e.rel;
    else if (e.k === "co") item.title = "同句共现 " + e.n + " 次";
    else item.title = "提及 " + e.n + " 次";
    return item;
  }

  /* ---------- filters ---------- */
  const state = {
    types: new Set(DATA.types.map((t) => t.name)),
    reports: new Set(DATA.reports.map((_, i) => i)),
    kinds: { rel: true, men: !!DATA.defaults.men, co: !!DATA.defaults.co },
    only: null,  // "hide others" in focus mode: the ids kept, or null
    force: new Set(),  // edges drawn whatever their kind's box says (a path's)
  };
  let visible = new Set();
  function inReports(n) {
    if (n.k === "r") return state.reports.has(n.ri);
    return !n.r.length || n.r.some((ri) => state.reports.has(ri));
  }
  function isVisible(n) {
    if (state.only && !state.only.has(n.id)) return false;
    return state.types.has(n.t) && inReports(n);
  }
  function computeVisible() {
    visible = new Set(DATA.nodes.filter(isVisible).map((n) => n.id));
  }
  computeVisible();
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const nodesView = new vis.DataView(nodes, { filter: (item) => visible.has(item.id) });
  const edgesView = new vis.DataView(edges, {
    filter: (item) => (state.kinds[item.kind] || state.force.has(item.id)) && visible.has(item.from) &&
      visible.has(item.to),
  });
  function refresh() {
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    $("kg-count").textContent = "显示 " + visible.size + " / " + DATA.nodes.length + " 个节点，" +
      edgesView.length + " 条连线";
    const perType = new Map();  // counts under the report filter, whatever the type boxes say
    for (const n of DATA.nodes) if (inReports(n)) perType.set(n.t, (perType.get(n.t) || 0) + 1);
    for (const [t, span] of typeCounts) {
      const info = typeInfo.get(t);
      const c = perType.get(t) || 0;
      span.textContent = info.total > c ? c + " / " + info.total : String(c);
    }
  }

  /* ---------- network ---------- */
  function clamp(x, lo, hi) { return Math.max(lo, Math.min(hi, x)); }
  /* Bounding box of the given nodes (all visible ones by default), in canvas units. */
  function bounds(ids) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const id of ids || visible) {
      const n = nodeData.get(id);
      if (!n) continue;
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    }
    return x0 === Infinity ? null : { x0, x1, y0, y1 };
  }
  /* The part of the canvas not covered by the panel (or, on a phone, the open sidebar). */
  function freeArea() {
    const box = $("kg-network");
    const w = box.clientWidth || 800, h = box.clientHeight || 600;
    let right = 0;
    const panel = $("kg-panel");
    if (!panel.hidden && w > 600) right = Math.min(panel.offsetWidth, w / 2);
    let bottom = 0;
    if (!panel.hidden && w <= 600) bottom = Math.min(panel.offsetHeight, h / 2);
    const bar = $("kg-focusbar");
    return { w, h, right, bottom, top: bar.hidden ? 0 : bar.offsetHeight + 8 };
  }
  /* The view that frames the given nodes in the free area, zoomed in to at most `most`. */
  function frameView(ids, most) {
    const b = bounds(ids);
    const a = freeArea();
    if (!b) return null;
    const pad = 48;  // screen pixels around the frame: room for the outer nodes and their labels
    const fw = Math.max(60, a.w - a.right - 2 * pad), fh = Math.max(60, a.h - a.bottom - a.top - 2 * pad);
    const scale = clamp(Math.min(fw / Math.max(b.x1 - b.x0, 1), fh / Math.max(b.y1 - b.y0, 1)), 0.01, most || 1.5);
    const cx = (b.x0 + b.x1) / 2 + (a.right / 2) / scale;
    const cy = (b.y0 + b.y1) / 2 + ((a.bottom - a.top) / 2) / scale;
    return { position: { x: cx, y: cy }, scale };
  }
  /* Time-based moves: each frame goes to where the clock says, so a slow frame shortens the move
   * instead of stretching it (vis counts frames, which took 14 s on a 5,000-node page). */
  let tween = null;
  const settled = [];
  function moveView(view, ms) {
    if (!view) return;
    if (tween) cancelAnimationFrame(tween.raf);
    const from = { position: network.getViewPosition(), scale: network.getScale() };
    if (!ms) {
      tween = null;
      network.moveTo({ position: view.position, scale: view.scale, animation: false });
      afterMove();
      return;
    }
    render.prepare();  // a still frame of the new look to move (the frames in between only scale it)
    const t0 = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - t0) / ms);
      const k = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      const s = Math.exp(Math.log(from.scale) + (Math.log(view.scale) - Math.log(from.scale)) * k);
      network.moveTo({ animation: false, scale: s, position: {
        x: from.position.x + (view.position.x - from.position.x) * k,
        y: from.position.y + (view.position.y - from.position.y) * k } });
      if (t < 1) tween.raf = requestAnimationFrame(step);
      else { tween = null; afterMove(); }
    };
    tween = { raf: requestAnimationFrame(step) };
  }
  function afterMove() {
    render.redraw();
    while (settled.length) settled.shift()();
    window.kgMoves = (window.kgMoves || 0) + 1;
    document.dispatchEvent(new CustomEvent("kg-moved"));
  }
  function fitAll(ms) { moveView(frameView(null, 1.2), ms === undefined ? 250 : ms); }

  const bigPage = DATA.big;
  const network = new vis.Network($("kg-network"), { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { borderWidth: 1, borderWidthSelected: 3, font: { size: 0 } },
    edges: { smooth: false, selectionWidth: 0.6, hoverWidth: 0.6, font: { size: 0 } },
    /* nodes stay where the layout put them: dragging one would move it under a still snapshot */
    interaction: { hover: false, tooltipDelay: 200, hideEdgesOnDrag: true, hideEdgesOnZoom: true, dragNodes: false,
      multiselect: false, navigationButtons: false, keyboard: false, zoomSpeed: 0.7 },
  });
  const edgeShown = (e) => (state.kinds[e.k] || state.force.has(e.id)) && visible.has(e.f) && visible.has(e.to);
  const render = kgRender({ network, DATA, typeInfo, nodeData, edgeData, edgeShown,
    animating: () => tween !== null });
  /* Sizes: radius by importance, 3–22 px at the scale where the visible graph fits (the opening view). */
  function fitScale() {
    const v = frameView(null, 1.2);
    return v ? v.scale : 1;
  }
  const s0 = fitScale();
  const vs = DATA.nodes.map((n) => n.v);
  const vMin = Math.min(...vs, 0);
  const vMax = Math.max(...vs, 1);
  const base = new Map(DATA.nodes.map((n) => [n.id, vMax > vMin ? (n.v - vMin) / (vMax - vMin) : 0.5]));
  render.setBase(s0, base);
  nodes.add(DATA.nodes.map((n) => Object.assign(nodeItem(n), { size: (3 + 19 * base.get(n.id)) / s0 })));
  /* vis needs the edges only to click and select them (html_render.js draws them from DATA). Building
   * its 20,000 edge objects takes a second, so a large page keeps them out of vis and finds the edge
   * under a click itself (nearestEdge). */
  const VIS_EDGES = !bigPage;
  if (VIS_EDGES) edges.add(DATA.edges.map(edgeItem));
  const selectEdges = network.selectEdges.bind(network);
  network.selectEdges = (ids) => {
    render.look.edge = ids[0] || null;
    selectEdges(ids.filter((id) => network.body.edges[id]));
    render.redraw();
  };
  function nearestEdge(pt) {
    let best = null, bestD = 6 / network.getScale();
    for (const e of DATA.edges) {
      if (!edgeShown(e)) continue;
      const a = nodeData.get(e.f), b = nodeData.get(e.to);
      const dx = b.x - a.x, dy = b.y - a.y;
      const t = clamp(((pt.x - a.x) * dx + (pt.y - a.y) * dy) / (dx * dx + dy * dy || 1), 0, 1);
      const d = Math.hypot(a.x + t * dx - pt.x, a.y + t * dy - pt.y);
      if (d < bestD) { bestD = d; best = e.id; }
    }
    return best;
  }
  window.kgTimings = { parse: 0, firstDraw: 0 };
  network.once("afterDrawing", () => {
    window.kgTimings.firstDraw = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-kg-ready", "1");
  });

  /* ---------- detail panel (html_panel.js) ---------- */
  function namesOf(n) {
    if (!n) return [];
    return n.k === "r" ? [n.l, DATA.reports[n.ri].l] : [n.l].concat(n.a || []);
  }
  const panel = kgPanel({ DATA, typeInfo, nodeData, edgeData, incident, network, el, typeName, reportName,
    namesOf, KIND_LABEL, focusNode: (id) => focusNode(id) });
  const showNode = panel.showNode;
  const showEdge = panel.showEdge;
  function closePanel() {
    $("kg-panel").hidden = true;
    network.unselectAll();
    network.redraw();
  }
  $("kg-panel-close").addEventListener("click", () => {
    closePanel();
    $("kg-network").focus();
  });

  /* ---------- focus, compare, path, shared state (html_focus.js) ---------- */
  function reveal(n) {
    if (visible.has(n.id)) return;
    state.types.add(n.t);
    if (state.only) state.only.add(n.id);
    if (n.k === "r") state.reports.add(n.ri);
    else if (n.r.length && !n.r.some((ri) => state.reports.has(ri))) state.reports.add(n.r[0]);
    syncChecks();
    refresh();
  }
  const focus = kgFocus({ DATA, nodeData, edgeData, incident, network, render, state, el, typeName, reportName,
    typeInfo, visible: () => visible, refresh, reveal, showNode, closePanel, frameView, moveView, fitAll,
    syncChecks: () => syncChecks(), settled, $ });
  function focusNode(id, animate) {
    focus.focus(id, { animate: animate !== false });
  }

  const exporter = kgExport({ DATA, network, look: render.look, visible: () => visible, $ });

  /* ---------- search (html_search.js) ---------- */
  const finder = kgSearch({ DATA, el, norm, namesOf, typeInfo, typeName, visible: () => visible, focusNode,
    pick: (id) => focus.pick(id), $ });
  const search = finder.search;
  const box = $("kg-search");

  /* ---------- sidebar ---------- */
  const checks = { types: new Map(), reports: new Map(), kinds: new Map() };
  const typeCounts = new Map();
  function checkRow(list, swatch, text, count, checked, onChange, title) {
    const li = el("li");
    const label = el("label");
    const input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", () => onChange(input.checked));
    label.append(input, swatch, el("span", "kg-label", text));
    let n = null;
    if (count !== null) { n = el("span", "kg-n", count); label.appendChild(n); }
    if (title) label.title = title;
    li.appendChild(label);
    list.appendChild(li);
    return { li, box: input, n };
  }
  /* A filter changed by the reader: redraw, and frame what is left. */
  function filtered() {
    refresh();
    focus.filtersChanged();
  }
  for (const t of DATA.types) {
    const sw = el("span", "kg-swatch" + (t.name === "Report" ? " kg-diamond" : ""));
    sw.style.background = t.color;
    const count = t.total > t.count ? t.count + " / " + t.total : String(t.count);
    const name = t.zh === t.name ? t.name : t.zh + " " + t.name;
    const row = checkRow($("kg-legend"), sw, name, count, true, (on) => {
      if (on) state.types.add(t.name); else state.types.delete(t.name);
      filtered();
    });
    row.li.dataset.type = t.name;
    if (!t.count) row.li.classList.add("kg-empty");
    checks.types.set(t.name, row.box);
    typeCounts.set(t.name, row.n);
  }
  function setTypes(names) {
    state.types = new Set(names);
    syncChecks();
    filtered();
  }
  $("kg-types-all").addEventListener("click", () => setTypes(DATA.types.map((t) => t.name)));
  $("kg-types-none").addEventListener("click", () => setTypes([]));
  for (const kind of ["rel", "co", "men"]) {
    const style = { rel: "", co: " kg-dashed", men: " kg-faint" }[kind];
    const sample = el("span", "kg-line-sample" + style);
    const hint = { rel: "从文本抽取的关系", co: "同一报告同一句中出现的两个实体", men: "报告 → 它提及的实体" }[kind];
    const text = KIND_LABEL[kind] + (DATA.counts[kind] && !state.kinds[kind] ? "（较多，默认隐藏）" : "");
    const row = checkRow($("kg-edge-filters"), sample, text, String(DATA.counts[kind]), state.kinds[kind],
      (on) => { state.kinds[kind] = on; refresh(); focus.stateChanged(); }, hint);
    row.li.dataset.kind = kind;
    checks.kinds.set(kind, row.box);
  }
  DATA.reports.forEach((r, ri) => {
    const sw = el("span", "kg-swatch kg-diamond");
    sw.style.background = typeInfo.get("Report").color;
    const row = checkRow($("kg-reports"), sw, reportName(ri), null, true, (on) => {
      if (on) state.reports.add(ri); else state.reports.delete(ri);
      filtered();
    }, r.src || "");
    const pick = el("button", "kg-link kg-pick", "对比");
    pick.type = "button";
    pick.setAttribute("aria-label", "对比 " + reportName(ri));
    pick.addEventListener("click", () => focus.pick(r.id));
    row.li.appendChild(pick);
    row.li.dataset.report = r.id;
    checks.reports.set(ri, row.box);
  });
  function syncChecks() {
    for (const [t, b] of checks.types) b.checked = state.types.has(t);
    for (const [ri, b] of checks.reports) b.checked = state.reports.has(ri);
    for (const [k, b] of checks.kinds) b.checked = !!state.kinds[k];
  }
  function setAllReports(on) {
    state.reports = new Set(on ? DATA.reports.map((_, i) => i) : []);
    syncChecks();
    filtered();
  }
  /* The year filter: two sliders (from, to) keep the reports of those years (and any without a year). */
  const reportYears = DATA.reports.map((r) => r.y).filter((y) => y);
  const years = { lo: Math.min(...reportYears), hi: Math.max(...reportYears), a: null, b: null };
  function setYears(a, b, quiet) {
    const from = $("kg-year-from"), to = $("kg-year-to");
    a = clamp(a, years.lo, years.hi);
    b = clamp(b, a, years.hi);
    from.value = a;
    to.value = b;
    years.a = a; years.b = b;
    $("kg-year-label").textContent = a === b ? String(a) : a + "–" + b;
    state.reports = new Set(DATA.reports.map((r, i) => i).filter((i) => {
      const y = DATA.reports[i].y;
      return !y || (y >= a && y <= b);
    }));
    syncChecks();
    if (quiet) refresh(); else filtered();
  }
  if (reportYears.length && years.lo < years.hi) {
    for (const id of ["kg-year-from", "kg-year-to"]) {
      Object.assign($(id), { min: years.lo, max: years.hi, step: 1 });
    }
    $("kg-year-from").value = years.lo;
    $("kg-year-to").value = years.hi;
    $("kg-year-label").textContent = years.lo + "–" + years.hi;
    $("kg-year-filter").hidden = false;
    $("kg-year-from").addEventListener("input", (ev) => {
      const a = +ev.target.value;
      setYears(a, Math.max(a, +$("kg-year-to").value));
    });
    $("kg-year-to").addEventListener("input", (ev) => {
      const b = +ev.target.value;
      setYears(Math.min(b, +$("kg-year-from").value), b);
    });
    $("kg-years-all").addEventListener("click", () => setYears(years.lo, years.hi));
  }
  $("kg-reports-all").addEventListener("click", () => setAllReports(true));
  $("kg-reports-none").addEventListener("click", () => setAllReports(false));
  $("kg-fit").addEventListener("click", () => fitAll());
  $("kg-menu").addEventListener("click", () => {
    const open = document.body.classList.toggle("kg-sidebar-open");
    $("kg-menu").setAttribute("aria-expanded", open ? "true" : "false");
    if (open) box.focus();
  });

  const nEnt = DATA.nodes.filter((n) => n.k === "e").length;
  $("kg-stats").textContent = DATA.reports.length + " 份报告 · " + nEnt + " 个实体 · " +
    DATA.counts.rel + " 条关系 · " + DATA.counts.co + " 条同句共现";
  if (DATA.omitted.count) {
    const note = $("kg-note");
    note.hidden = false;
    note.textContent = "节点过多：只显示最重要的 " + DATA.nodes.length + " / " + DATA.omitted.total +
      " 个节点，略去 " + DATA.omitted.count + " 个，如：" + DATA.omitted.names.slice(0, 10).join("、") +
      (DATA.omitted.count > 10 ? " 等" : "") + "。可用 kg viz --focus 名称 查看局部。";
  }

  network.on("click", (p) => {
    render.look.edge = null;
    if (p.nodes.length) { focusNode(p.nodes[0]); return; }
    const edge = p.edges.length ? p.edges[0] : VIS_EDGES ? null : nearestEdge(p.pointer.canvas);
    if (edge) { network.selectEdges([edge]); showEdge(edge); }
  });

  refresh();
  fitAll(0);
  focus.start(DATA.focus.length ? DATA.focus[0] : null);
  window.kgTimings.parse = performance.now() - T0;
  /* Handle for tests and for readers who want the console. */
  window.kg = { network, nodes, edges, nodesView, edgesView, data: DATA, state, refresh, focusNode, search,
    showNode, showEdge, visible: () => visible, setYears, years, render, focus, frameView, fitAll, exporter,
    setTypes, syncChecks, moving: () => tween !== null };
})();
