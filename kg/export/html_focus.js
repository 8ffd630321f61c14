/* Focus, compare, path, shared state and export for the kg page (inlined before html_app.js).
 *
 * Focus: a node (clicked, searched or named in the URL) with its neighbours and the reports naming it
 * stays bright, the rest is dimmed, and the view frames them in the part of the canvas the panel does
 * not cover; one more step, only these, back. Compare: two or more reports or places, their entities
 * ringed (shared / only in one) and counted by type side by side; a shortest path between two picks.
 * The state (selection, filters, picks, view) lives in the URL's hash, so a link reopens the same view.
 *
 * Names reach the page through textContent only (chips, lists, the live region).
 */
function kgFocus(ctx) {
  "use strict";
  const { DATA, nodeData, incident, network, render, state, el, typeName, reportName, $ } = ctx;
  const look = render.look;
  const FRAME_MAX = 60;  // neighbours framed at most (all stay bright): a hub's 300 would be the whole graph
  const EXPAND_MAX = 800;
  const PICK_COLOURS = ["#0072B2", "#009E73", "#CC79A7", "#E69F00"];
  const SHARED = "#111827";
  const TYPE_ORDER = DATA.types.map((t) => t.name);
  const cur = { id: null, depth: 1, only: false, set: null };
  const history = [];
  let cursor = { list: [], at: -1 };
  let picks = [];
  let path = null;  // [node ids] or null
  let restoring = false;

  function neighbours(id) {
    const out = new Set();
    for (const e of incident.get(id) || []) out.add(e.f === id ? e.to : e.f);
    const n = nodeData.get(id);
    if (n && n.k === "e") for (const ri of n.r) out.add(DATA.reports[ri].id);
    out.delete(id);
    return out;
  }
  function ball(id, depth) {
    const seen = new Set([id]);
    let ring = [id];
    for (let d = 0; d < depth && seen.size < EXPAND_MAX; d++) {
      const next = [];
      for (const x of ring) for (const y of neighbours(x)) {
        if (!seen.has(y) && seen.size < EXPAND_MAX) { seen.add(y); next.push(y); }
      }
      ring = next;
    }
    return seen;
  }
  const byWeight = (a, b) => nodeData.get(b).w - nodeData.get(a).w;

  /* ---------- focus ---------- */
  function apply(opts) {
    const vis = ctx.visible();
    cur.set = ball(cur.id, cur.depth);
    const had = state.only;
    state.only = cur.only ? new Set(cur.set) : null;
    if (had || state.only) ctx.refresh();  // "only these" changes what is drawn; dimming does not
    updateLook();
    network.selectNodes(vis.has(cur.id) || ctx.visible().has(cur.id) ? [cur.id] : []);
    const near = Array.from(neighbours(cur.id)).filter((x) => ctx.visible().has(x)).sort(byWeight);
    cursor = { list: near.slice().sort((a, b) => TYPE_ORDER.indexOf(nodeData.get(a).t) -
      TYPE_ORDER.indexOf(nodeData.get(b).t) || byWeight(a, b)), at: -1 };
    look.cursor = null;
    const n = nodeData.get(cur.id);
    $("kg-focusbar").hidden = false;
    $("kg-focus-name").textContent = n.l;
    $("kg-focus-info").textContent = typeName(n.t) + " · " + (cur.set.size - 1) + " 个相邻" +
      (cur.depth > 1 ? "（" + cur.depth + " 步）" : "");
    $("kg-only").setAttribute("aria-pressed", cur.only ? "true" : "false");
    $("kg-back").disabled = false;
    const frame = [cur.id].concat(cur.depth > 1 ? Array.from(cur.set).filter((x) => ctx.visible().has(x))
      .sort(byWeight).slice(0, FRAME_MAX * 2) : near.slice(0, FRAME_MAX));
    if (!opts.keepView) ctx.moveView(ctx.frameView(frame, 1.6), opts.animate ? (DATA.big ? 300 : 450) : 0);
    stateChanged();
  }
  function focus(id, opts) {
    opts = opts || {};
    const n = nodeData.get(id);
    if (!n) return;
    const fromPanel = document.activeElement && $("kg-panel").contains(document.activeElement);
    if (cur.id && cur.id !== id && opts.push !== false) history.push({ id: cur.id, depth: cur.depth, only: cur.only });
    ctx.reveal(n);
    cur.id = id;
    cur.depth = opts.depth || 1;
    cur.only = !!opts.only;
    ctx.showNode(id);
    apply(opts);
    if (fromPanel) {  // a chip in the panel was pressed: keep the keyboard in the panel
      const h = $("kg-panel").querySelector("h2");
      if (h) { h.tabIndex = -1; h.focus(); }
    }
  }
  function expand() {
    if (!cur.id) return;
    history.push({ id: cur.id, depth: cur.depth, only: cur.only });
    cur.depth += 1;
    apply({ animate: true });
  }
  function only() {
    if (!cur.id) return;
    cur.only = !cur.only;
    apply({ animate: true });
  }
  function back() {
    const prev = history.pop();
    if (!prev) { exit(); return; }
    cur.id = prev.id;
    cur.depth = prev.depth;
    cur.only = prev.only;
    ctx.showNode(prev.id);
    apply({ animate: true });
  }
  function exit() {
    cur.id = null;
    cur.set = null;
    history.length = 0;
    state.only = null;
    look.cursor = null;
    $("kg-focusbar").hidden = true;
    network.unselectAll();
    ctx.refresh();
    updateLook();
    ctx.fitAll();
    stateChanged();
  }
  function moveCursor(step) {
    if (!cursor.list.length) return;
    cursor.at = (cursor.at + step + cursor.list.length) % cursor.list.length;
    const id = cursor.list[cursor.at];
    look.cursor = id;
    const n = nodeData.get(id);
    $("kg-live").textContent = n.l + "（" + typeName(n.t) + "）" + (cursor.at + 1) + " / " + cursor.list.length +
      "，回车聚焦";
    const p = network.canvasToDOM({ x: n.x, y: n.y });
    const box = $("kg-network");
    if (p.x < 20 || p.y < 20 || p.x > box.clientWidth - 20 || p.y > box.clientHeight - 20) {
      ctx.moveView({ position: { x: n.x, y: n.y }, scale: network.getScale() }, 200);
    } else {
      network.redraw();
    }
  }

  /* ---------- compare and path ---------- */
  function entitiesOf(id) {
    const n = nodeData.get(id);
    if (n.k === "r") return new Set(DATA.nodes.filter((x) => x.k === "e" && x.r.includes(n.ri)).map((x) => x.id));
    const own = DATA.reports.map((r, ri) => (r.p === id ? ri : -1)).filter((ri) => ri >= 0);
    if (own.length) {
      return new Set(DATA.nodes.filter((x) => x.k === "e" && x.id !== id && x.r.some((ri) => own.includes(ri)))
        .map((x) => x.id));
    }
    return new Set(Array.from(neighbours(id)).filter((x) => nodeData.get(x).k === "e"));
  }
  function pick(id) {
    if (!nodeData.get(id)) return;
    picks = picks.includes(id) ? picks.filter((x) => x !== id) : picks.concat([id]).slice(-PICK_COLOURS.length);
    path = null;
    ctx.reveal(nodeData.get(id));
    showCompare(true);
  }
  function clearPicks() {
    picks = [];
    path = null;
    showCompare(true);
  }
  let sets = [];
  function showCompare(frame) {
    sets = picks.map(entitiesOf);
    const wrap = $("kg-compare");
    wrap.hidden = !picks.length;
    const list = $("kg-picks");
    list.replaceChildren();
    picks.forEach((id, i) => {
      const li = el("li");
      const sw = el("span", "kg-ring");
      sw.style.borderColor = PICK_COLOURS[i];
      const name = el("button", "kg-chip", nodeLabel(id));
      name.type = "button";
      name.addEventListener("click", () => focus(id, { animate: true }));
      const rm = el("button", "kg-link", "移除");
      rm.type = "button";
      rm.setAttribute("aria-label", "移除 " + nodeLabel(id));
      rm.addEventListener("click", () => pick(id));
      li.append(sw, name, rm);
      list.appendChild(li);
    });
    table();
    $("kg-path").disabled = picks.length < 2;
    showPath();
    updateLook();
    if (frame && picks.length > 1 && !cur.id) {
      const ids = picks.concat(Array.from(sharedIds()).sort(byWeight).slice(0, FRAME_MAX));
      ctx.moveView(ctx.frameView(ids.filter((x) => ctx.visible().has(x)), 1.6), restoring ? 0 : 350);
    }
    stateChanged();
  }
  function nodeLabel(id) {
    const n = nodeData.get(id);
    return n.k === "r" ? reportName(n.ri) : n.l;
  }
  function sharedIds() {
    const count = new Map();
    for (const s of sets) for (const x of s) count.set(x, (count.get(x) || 0) + 1);
    return new Set(Array.from(count).filter(([, c]) => c > 1).map(([x]) => x));
  }
  /* Per type: how many entities each pick has, and how many two or more share. */
  function table() {
    const t = $("kg-compare-table");
    t.replaceChildren();
    if (picks.length < 2) return;
    const shared = sharedIds();
    const head = el("tr");
    head.appendChild(el("th", null, "类型"));
    picks.forEach((id, i) => {
      const th = el("th", null, String.fromCharCode(65 + i));
      th.title = nodeLabel(id);
      th.style.color = PICK_COLOURS[i];
      head.appendChild(th);
    });
    head.appendChild(el("th", null, "共有"));
    t.appendChild(head);
    for (const type of TYPE_ORDER) {
      if (type === "Report") continue;
      const cells = sets.map((s) => Array.from(s).filter((x) => nodeData.get(x).t === type).length);
      const both = Array.from(shared).filter((x) => nodeData.get(x).t === type).length;
      if (!cells.some((c) => c)) continue;
      const tr = el("tr");
      tr.dataset.type = type;
      tr.appendChild(el("td", null, typeName(type)));
      for (const c of cells) tr.appendChild(el("td", "kg-num", c));
      tr.appendChild(el("td", "kg-num", both));
      t.appendChild(tr);
    }
    const sh = $("kg-shared");
    sh.replaceChildren();
    const top = Array.from(shared).sort(byWeight);
    $("kg-shared-head").textContent = "共有实体（" + top.length + "）";
    for (const id of top.slice(0, 40)) {
      const b = el("button", "kg-chip", nodeData.get(id).l);
      b.type = "button";
      b.addEventListener("click", () => focus(id, { animate: true }));
      sh.appendChild(b);
    }
  }
  /* Breadth-first over every kind of link between visible nodes (a report and what it names count). */
  function shortest(a, b) {
    const vis = ctx.visible();
    const prev = new Map([[a, null]]);
    let ring = [a];
    while (ring.length && !prev.has(b)) {
      const next = [];
      for (const x of ring) {
        for (const e of incident.get(x) || []) {
          const y = e.f === x ? e.to : e.f;
          if (!prev.has(y) && vis.has(y)) { prev.set(y, [x, e.id]); next.push(y); }
        }
      }
      ring = next;
    }
    if (!prev.has(b)) return null;
    const ids = [], edgeIds = [];
    for (let x = b; x !== null; x = prev.get(x) ? prev.get(x)[0] : null) {
      ids.unshift(x);
      if (prev.get(x)) edgeIds.push(prev.get(x)[1]);
    }
    return { ids, edgeIds };
  }
  function findPath() {
    if (picks.length < 2) return;
    path = shortest(picks[0], picks[1]) || { ids: [], edgeIds: [] };
    showPath();
    updateLook();
    if (path.ids.length) ctx.moveView(ctx.frameView(path.ids, 1.6), restoring ? 0 : 350);
    stateChanged();
  }
  function showPath() {
    const out = $("kg-path-result");
    out.replaceChildren();
    const had = state.force && state.force.size;
    state.force = new Set(path ? path.edgeIds : []);
    if (had || state.force.size) ctx.refresh();
    if (!path) return;
    if (!path.ids.length) { out.appendChild(el("span", "kg-muted", "在当前筛选下两者不相连")); return; }
    out.appendChild(el("div", "kg-muted", "路径（" + (path.ids.length - 1) + " 步）"));
    path.ids.forEach((id, i) => {
      if (i) out.appendChild(el("span", "kg-muted", " → "));
      const b = el("button", "kg-chip", nodeLabel(id));
      b.type = "button";
      b.addEventListener("click", () => focus(id, { animate: true }));
      out.appendChild(b);
    });
  }
  /* What the renderer marks: rings for the picks' entities, the path, and what stays bright. */
  function updateLook() {
    look.rings = new Map();
    const shared = sharedIds();
    sets.forEach((s, i) => {
      for (const x of s) if (!shared.has(x)) look.rings.set(x, [PICK_COLOURS[i], 2, false]);
    });
    for (const x of shared) look.rings.set(x, [SHARED, 3.5, false]);
    picks.forEach((x, i) => look.rings.set(x, [PICK_COLOURS[i], 4, true]));
    look.strong = new Set(path ? path.edgeIds : []);
    if (cur.id) look.focus = cur.set;
    else if (path && path.ids.length) look.focus = new Set(path.ids);
    else if (picks.length) look.focus = new Set(picks.concat(...sets.map((s) => Array.from(s))));
    else look.focus = null;
    if (path) for (const x of path.ids) if (!look.rings.has(x)) look.rings.set(x, ["#D55E00", 3, false]);
    look.labelAll = !!cur.id;
    render.redraw();
  }

  /* ---------- state in the URL ---------- */
  let hashTimer = 0;
  function stateChanged() {
    if (restoring) return;
    clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHash, 200);
  }
  function encodeState() {
    const p = new URLSearchParams();
    if (cur.id) { p.set("n", cur.id); if (cur.depth > 1) p.set("d", cur.depth); if (cur.only) p.set("h", "1"); }
    if (state.types.size !== DATA.types.length) p.set("t", Array.from(state.types).join(","));
    if (state.reports.size !== DATA.reports.length) p.set("r", Array.from(state.reports).sort((a, b) => a - b).join(",") || "-");
    const kinds = ["rel", "co", "men"].filter((k) => state.kinds[k]).join(",");
    if (kinds !== ["rel", "co", "men"].filter((k) => k === "rel" || DATA.defaults[k]).join(",")) p.set("k", kinds || "-");
    if (picks.length) p.set("c", picks.join("|"));
    if (path) p.set("p", "1");
    const v = network.getViewPosition();
    p.set("v", [Math.round(v.x), Math.round(v.y), network.getScale().toPrecision(4)].join(","));
    return p.toString();
  }
  function writeHash() {
    const text = encodeState();
    if (("#" + text) !== location.hash) history_.replaceState(null, "", "#" + text);
  }
  const history_ = window.history;
  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const out = {};
    for (const [k, v] of p) out[k] = v;
    return out;
  }
  function start(initial) {
    const h = readHash();
    restoring = true;
    try {
      if (h.t !== undefined) state.types = new Set(h.t.split(",").filter((t) => TYPE_ORDER.includes(t)));
      if (h.r !== undefined) {
        state.reports = new Set(h.r === "-" ? [] : h.r.split(",").map(Number).filter((i) => DATA.reports[i]));
      }
      if (h.k !== undefined) for (const k of ["rel", "co", "men"]) state.kinds[k] = h.k.split(",").includes(k);
      ctx.syncChecks();
      ctx.refresh();
      if (h.c) { picks = h.c.split("|").filter((x) => nodeData.has(x)).slice(0, PICK_COLOURS.length); showCompare(false); }
      if (h.p && picks.length > 1) findPath();
      const id = h.n && nodeData.has(h.n) ? h.n : initial;
      if (id) focus(id, { animate: false, depth: Math.max(1, Math.min(5, +h.d || 1)), only: h.h === "1" });
      if (h.v) {
        const [x, y, s] = h.v.split(",").map(Number);
        if ([x, y, s].every(Number.isFinite) && s > 0) ctx.moveView({ position: { x, y }, scale: s }, 0);
      }
    } finally {
      restoring = false;
    }
    network.on("dragEnd", stateChanged);
    network.on("zoom", stateChanged);
    document.addEventListener("kg-moved", stateChanged);
    window.addEventListener("hashchange", () => { if (location.hash !== "#" + encodeState()) location.reload(); });
  }

  /* ---------- keys ---------- */
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (ev.key === "/" && !typing) {
      ev.preventDefault();
      $("kg-search").focus();
    } else if (ev.key === "Escape") {
      if (!$("kg-panel").hidden) {
        ctx.closePanel();
        $("kg-network").focus();
      } else if (cur.id) {
        exit();
        $("kg-network").focus();
      } else if (document.body.classList.contains("kg-sidebar-open")) {
        document.body.classList.remove("kg-sidebar-open");
        $("kg-menu").focus();
      }
    } else if (cur.id && !typing && (t === document.body || t === $("kg-network"))) {
      if (ev.key === "ArrowRight" || ev.key === "ArrowDown") moveCursor(1);
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") moveCursor(-1);
      else if (ev.key === "Enter" && look.cursor) focus(look.cursor, { animate: true });
      else if (ev.key === "Backspace") back();
      else return;
      ev.preventDefault();
    }
  });
  $("kg-expand").addEventListener("click", expand);
  $("kg-only").addEventListener("click", only);
  $("kg-back").addEventListener("click", back);
  $("kg-exit").addEventListener("click", exit);
  $("kg-pick-focus").addEventListener("click", () => { if (cur.id) pick(cur.id); });
  $("kg-path").addEventListener("click", findPath);
  $("kg-picks-clear").addEventListener("click", clearPicks);

  function filtersChanged() {
    if (cur.id) apply({ animate: true });
    else ctx.fitAll();
    stateChanged();
  }
  return { focus, expand, only, back, exit, pick, clearPicks, findPath, start, filtersChanged, stateChanged,
    encodeState, current: () => Object.assign({}, cur), picks: () => picks.slice(),
    path: () => path, sets: () => sets, moveCursor };
}
