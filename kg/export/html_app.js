/* The kg page script (inlined by kg/export/html.py): builds the vis-network view from the JSON data
 * island #kg-data and wires search, filters and the detail panel.
 *
 * Safety rule: every string that came from a document is put into the page with textContent or
 * createTextNode, never innerHTML; vis-network tooltips get plain strings, which it sets as innerText.
 *
 * Data keys. nodes: id, k ("e" entity / "r" report), l label, t type, w importance, v size value, x/y,
 * a aliases, c admin code, cf confidence, xp slogan expansion, r report indices, e evidence
 * [[sentence index, surface]], ne evidence count, ri report index (reports), o observations.
 * edges: id, k ("rel" / "men" / "co"), f from, to, rel, cf, e evidence, ne, n count, sm curve roundness.
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

  /* ---------- vis items ---------- */
  function nodeItem(n) {
    const color = (typeInfo.get(n.t) || {}).color || "#888";
    const lines = [n.l, typeName(n.t) + "（" + n.t + "）"];
    if (n.k === "e") lines.push("提及 " + n.ne + " 次 · " + n.r.length + " 份报告");
    if (n.a && n.a.length) lines.push("别名：" + n.a.join("、"));
    return {
      id: n.id, label: n.l, x: n.x, y: n.y, title: lines.join("\n"),
      shape: n.k === "r" ? "diamond" : "dot",
      color: { background: color, border: "rgba(0,0,0,0.35)",
        highlight: { background: color, border: "#111827" }, hover: { background: color, border: "#111827" } },
    };
  }
  function edgeItem(e) {
    const item = { id: e.id, from: e.f, to: e.to, kind: e.k };
    if (e.k === "rel") {
      item.label = DATA.relations[e.rel] || e.rel;
      item.title = (DATA.relations[e.rel] || "") + " " + e.rel;
      item.arrows = { to: { enabled: true, scaleFactor: 0.6 } };
      item.color = { color: "#6b7280", highlight: "#374151", hover: "#374151" };
      item.width = 1.6;
      if (e.sm) item.smooth = { enabled: true, type: "curvedCW", roundness: e.sm };
    } else if (e.k === "co") {
      item.dashes = [5, 5];
      item.value = e.n;
      item.title = "同句共现 " + e.n + " 次";
      item.color = { color: "#94a3b8", highlight: "#475569", hover: "#475569", opacity: 0.8 };
    } else {
      item.width = 0.6;
      item.title = "提及 " + e.n + " 次";
      item.color = { color: "#d1d5db", highlight: "#6b7280", hover: "#6b7280", opacity: 0.7 };
    }
    return item;
  }

  const nodes = new vis.DataSet(DATA.nodes.map(nodeItem));
  const rankOf = new Map(DATA.nodes.slice().sort((a, b) => b.w - a.w).map((n, i) => [n.id, i]));
  const edges = new vis.DataSet(DATA.edges.map(edgeItem));

  /* ---------- filters ---------- */
  const state = {
    types: new Set(DATA.types.map((t) => t.name)),
    reports: new Set(DATA.reports.map((_, i) => i)),
    kinds: { rel: true, men: !!DATA.defaults.men, co: !!DATA.defaults.co },
  };
  let visible = new Set();
  function isVisible(n) {
    if (!state.types.has(n.t)) return false;
    if (n.k === "r") return state.reports.has(n.ri);
    return !n.r.length || n.r.some((ri) => state.reports.has(ri));
  }
  function computeVisible() {
    visible = new Set(DATA.nodes.filter(isVisible).map((n) => n.id));
  }
  computeVisible();
  const nodesView = new vis.DataView(nodes, { filter: (item) => visible.has(item.id) });
  const edgesView = new vis.DataView(edges, {
    filter: (item) => state.kinds[item.kind] && visible.has(item.from) && visible.has(item.to),
  });
  function refresh() {
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    $("kg-count").textContent = "显示 " + visible.size + " / " + DATA.nodes.length + " 个节点，" +
      edgesView.length + " 条连线";
  }

  /* ---------- network ---------- */
  function clamp(x, lo, hi) { return Math.max(lo, Math.min(hi, x)); }
  /* The scale at which the whole graph fits the canvas (what vis's fit() will pick, near enough). */
  function fitScale() {
    const box = $("kg-network");
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const n of DATA.nodes) {
      if (!visible.has(n.id)) continue;
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    }
    if (x0 === Infinity) return 1;
    const w = (box.clientWidth || 800) / (x1 - x0 + 160);
    return clamp(Math.min(w, (box.clientHeight || 600) / (y1 - y0 + 160)), 0.02, 1);
  }
  /* Sizes for the opening zoom, set per node in canvas units from the scale s0 at which the graph fits.
   * Radius grows with importance (3–22 px on screen). Labels: vis hides one under drawThreshold
   * screen pixels, so the font comes from the importance rank: the top ones open at 16 px, the next
   * ones just under the threshold (they appear as the reader zooms in), none under 12 canvas units,
   * so a small graph shows every name. vis 9 does not cap sizes when zooming in (maxVisible only
   * fades), so capZoom() does: labels at most 18 px, radii 6–24 px by importance. */
  const s0 = fitScale();
  const TOP = 15;
  const vs = DATA.nodes.map((n) => n.v);
  const vMin = Math.min(...vs, 0);
  const vMax = Math.max(...vs, 1);
  const base = new Map(DATA.nodes.map((n) => {
    const f = vMax > vMin ? (n.v - vMin) / (vMax - vMin) : 0.5;
    const px = 16 * Math.pow(TOP / (rankOf.get(n.id) + TOP), 0.7);
    return [n.id, { f, size: Math.max(6, (3 + 19 * f) / s0), font: Math.max(12, px / s0) }];
  }));
  let styledAt = 0;
  let drawn = false;  // the network exists (capZoom runs once before, to size the nodes)
  const styled = new Map();
  function capZoom(s) {
    if (styledAt && Math.abs(Math.log(s / styledAt)) < 0.1) return;
    styledAt = s;
    const updates = [];
    for (const [id, b] of base) {
      const size = Math.min(b.size, (6 + 18 * b.f) / s);
      const font = Math.max(12, Math.min(b.font, 18 / s));
      const old = styled.get(id);
      if (old && Math.abs(old[0] - size) < 0.5 && Math.abs(old[1] - font) < 0.5) continue;
      styled.set(id, [size, font]);
      updates.push({ id, size, font: { size: font } });
    }
    if (updates.length) nodes.update(updates);
    if (drawn) {
      network.setOptions({ edges: { font: { size: clamp(Math.min(10.5 / s0, 13 / s), 11, 30) } } });
    }
  }
  capZoom(s0);
  const big = DATA.big;
  const network = new vis.Network($("kg-network"), { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { face: DATA.font, color: "#111827", strokeWidth: 4, strokeColor: "rgba(255,255,255,0.9)" },
      scaling: { label: { enabled: false, drawThreshold: 8 } },
    },
    edges: {
      smooth: false, selectionWidth: 0.6, hoverWidth: 0.6,
      font: { face: DATA.font, size: clamp(10.5 / s0, 11, 30), color: "#374151", strokeWidth: 3,
        strokeColor: "#ffffff", align: "middle" },
      scaling: { min: 1, max: 5, label: { enabled: false, drawThreshold: 7 } },
    },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      multiselect: false, navigationButtons: false, keyboard: false },
  });
  function openingView() {
    network.fit({ animation: false });
  }
  drawn = true;
  let zoomTimer = 0;
  const onZoom = () => {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(() => capZoom(network.getScale()), 120);
  };
  network.on("zoom", onZoom);
  network.on("animationFinished", onZoom);
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
  $("kg-panel-close").addEventListener("click", () => {
    $("kg-panel").hidden = true;
    network.unselectAll();
    network.setSize();
  });

  /* ---------- focus ---------- */
  function reveal(n) {
    if (visible.has(n.id)) return;
    state.types.add(n.t);
    if (n.k === "r") state.reports.add(n.ri);
    else if (n.r.length && !n.r.some((ri) => state.reports.has(ri))) state.reports.add(n.r[0]);
    syncChecks();
    refresh();
  }
  function focusNode(id, animate) {
    const n = nodeData.get(id);
    if (!n) return;
    reveal(n);
    showNode(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0),
      animation: animate === false ? false : { duration: 350, easingFunction: "easeInOutQuad" } });
  }

  /* ---------- search ---------- */
  const searchKeys = DATA.nodes.map((n) => ({
    n, keys: namesOf(n).concat(n.c ? [n.c] : []).map((k) => [k, norm(k)]) }));
  let results = [];
  let active = -1;
  function search(q) {
    q = norm(q);
    if (!q) return [];
    const hits = [];
    for (const { n, keys } of searchKeys) {
      let best = 0;
      let via = null;
      for (const [raw, key] of keys) {
        const at = key.indexOf(q);
        if (at < 0) continue;
        const score = key === q ? 3 : at === 0 ? 2 : 1;
        if (score > best) { best = score; via = raw; }
      }
      if (best) hits.push({ n, best, via });
    }
    hits.sort((x, y) => y.best - x.best || y.n.w - x.n.w || x.n.l.length - y.n.l.length);
    return hits;
  }
  function renderResults() {
    const ul = $("kg-results");
    ul.replaceChildren();
    results.slice(0, 50).forEach((h, i) => {
      const li = el("li");
      li.setAttribute("role", "option");
      li.dataset.id = h.n.id;
      if (i === active) li.classList.add("kg-active");
      const sw = el("span", "kg-swatch" + (h.n.k === "r" ? " kg-diamond" : ""));
      sw.style.background = (typeInfo.get(h.n.t) || {}).color || "#888";
      li.append(sw, el("span", "kg-name", h.n.l));
      if (h.via && h.via !== h.n.l) li.appendChild(el("span", "kg-via", "（" + h.via + "）"));
      li.appendChild(el("span", "kg-via", typeName(h.n.t)));
      if (!visible.has(h.n.id)) li.appendChild(el("span", "kg-off", "已筛除"));
      li.addEventListener("click", () => choose(i));
      ul.appendChild(li);
    });
    const q = $("kg-search").value.trim();
    $("kg-results-info").textContent = q ? (results.length ? "找到 " + results.length + " 个" +
      (results.length > 50 ? "，显示前 50 个" : "") : "没有匹配“" + q + "”的节点") : "";
  }
  function choose(i) {
    if (!results[i]) return;
    active = i;
    renderResults();
    focusNode(results[i].n.id);
  }
  $("kg-search").addEventListener("input", (ev) => {
    results = search(ev.target.value);
    active = -1;
    renderResults();
  });
  $("kg-search").addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      const last = Math.min(results.length, 50) - 1;
      active = ev.key === "ArrowDown" ? Math.min(last, active + 1) : Math.max(0, active - 1);
      renderResults();
    } else if (ev.key === "Enter") {
      choose(active >= 0 ? active : 0);
    } else if (ev.key === "Escape") {
      ev.target.value = "";
      results = [];
      renderResults();
    }
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== $("kg-search")) {
      ev.preventDefault();
      $("kg-search").focus();
    }
  });

  /* ---------- sidebar ---------- */
  const checks = { types: new Map(), reports: new Map(), kinds: new Map() };
  function checkRow(list, swatch, text, count, checked, onChange, title) {
    const li = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, swatch, el("span", "kg-label", text));
    if (count !== null) label.appendChild(el("span", "kg-n", count));
    if (title) label.title = title;
    li.appendChild(label);
    list.appendChild(li);
    return { li, box };
  }
  for (const t of DATA.types) {
    const sw = el("span", "kg-swatch" + (t.name === "Report" ? " kg-diamond" : ""));
    sw.style.background = t.color;
    const count = t.total > t.count ? t.count + " / " + t.total : String(t.count);
    const name = t.zh === t.name ? t.name : t.zh + " " + t.name;
    const row = checkRow($("kg-legend"), sw, name, count, true, (on) => {
      if (on) state.types.add(t.name); else state.types.delete(t.name);
      refresh();
    });
    row.li.dataset.type = t.name;
    if (!t.count) row.li.classList.add("kg-empty");
    checks.types.set(t.name, row.box);
  }
  for (const kind of ["rel", "co", "men"]) {
    const style = { rel: "", co: " kg-dashed", men: " kg-faint" }[kind];
    const sample = el("span", "kg-line-sample" + style);
    const hint = { rel: "从文本抽取的关系", co: "同一报告同一句中出现的两个实体", men: "报告 → 它提及的实体" }[kind];
    const text = KIND_LABEL[kind] + (DATA.counts[kind] && !state.kinds[kind] ? "（较多，默认隐藏）" : "");
    const row = checkRow($("kg-edge-filters"), sample, text, String(DATA.counts[kind]), state.kinds[kind],
      (on) => { state.kinds[kind] = on; refresh(); }, hint);
    row.li.dataset.kind = kind;
    checks.kinds.set(kind, row.box);
  }
  DATA.reports.forEach((r, ri) => {
    const sw = el("span", "kg-swatch kg-diamond");
    sw.style.background = typeInfo.get("Report").color;
    const row = checkRow($("kg-reports"), sw, reportName(ri), null, true, (on) => {
      if (on) state.reports.add(ri); else state.reports.delete(ri);
      refresh();
    }, r.src || "");
    row.li.dataset.report = r.id;
    checks.reports.set(ri, row.box);
  });
  function syncChecks() {
    for (const [t, box] of checks.types) box.checked = state.types.has(t);
    for (const [ri, box] of checks.reports) box.checked = state.reports.has(ri);
  }
  function setAllReports(on) {
    state.reports = new Set(on ? DATA.reports.map((_, i) => i) : []);
    syncChecks();
    refresh();
  }
  /* The year filter: two sliders (from, to) keep the reports of those years (and any without a year). */
  const reportYears = DATA.reports.map((r) => r.y).filter((y) => y);
  const years = { lo: Math.min(...reportYears), hi: Math.max(...reportYears) };
  function setYears(a, b) {
    const from = $("kg-year-from"), to = $("kg-year-to");
    a = clamp(a, years.lo, years.hi);
    b = clamp(b, a, years.hi);
    from.value = a;
    to.value = b;
    $("kg-year-label").textContent = a === b ? String(a) : a + "–" + b;
    state.reports = new Set(DATA.reports.map((r, i) => i).filter((i) => {
      const y = DATA.reports[i].y;
      return !y || (y >= a && y <= b);
    }));
    syncChecks();
    refresh();
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
  $("kg-fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));

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
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) focusNode(p.nodes[0]); });

  refresh();
  openingView();
  if (DATA.focus.length) {  // a focused page (kg viz --focus) opens on the name and its neighbours
    const id = DATA.focus[0];
    const near = (incident.get(id) || []).filter((e) => e.k !== "men").map((e) => (e.f === id ? e.to : e.f));
    showNode(id);
    network.selectNodes([id]);
    network.fit({ nodes: [id].concat(near), animation: false });
  }
  window.kgTimings.parse = performance.now() - T0;
  /* Handle for tests and for readers who want the console. */
  window.kg = { network, nodes, edges, nodesView, edgesView, data: DATA, state, refresh, focusNode, search,
    showNode, showEdge, visible: () => visible, setYears };
})();
