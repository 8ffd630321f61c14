/* Drawing of the kg page (inlined by kg/export/html.py before html_app.js).
 *
 * vis-network keeps what it is good at (view, hit tests, clicks, drag, tooltips); its per-item drawing
 * (one path, one stroke and one text measure per node and per edge, all 21,000 of them every frame)
 * is replaced here by batched drawing on the same canvas: one path per colour for nodes, one per kind
 * for edges, viewport culling, an edge budget that keeps the most important lines when zoomed out
 * (fewer while the view moves), and labels of a fixed screen size placed greedily without overlap,
 * most important first. What focus, compare and path modes need (dimming, rings, highlighted lines)
 * is read each frame from `look`, which html_focus.js fills.
 *
 * Labels are drawn with fillText from data strings: canvas text is never parsed as HTML.
 */
function kgRender(ctx) {
  "use strict";
  const { network, DATA, typeInfo, nodeData } = ctx;
  const renderer = network.renderer;
  const body = network.body;
  const LABEL_PX = 12;
  const EDGE_BUDGET_MOVING = 700;
  const DIM_EDGES = 400;  // faint lines behind a focus: enough to hint at the rest, not a haze
  /* Tuning, measured under software rendering (bench/html_bench.py): lines drawn when still (most
   * important first), labels when still and while moving, dots under `squareBelow` px drawn as squares,
   * outlines only from `borderMin` px (stroking 5,000 arcs doubled the cost of a still frame). */
  const opts = { labelsMoving: 50, strokeMoving: true, squareBelow: 3, bordersMoving: true, labels: 220,
    borderMin: 6, edges: 2500 };
  const look = {
    focus: null,     // Set of ids in focus (others dimmed) or null
    rings: new Map(), // id → [colour, width px, dashed]
    strong: new Set(), // edge ids drawn thick (path)
    cursor: null,     // id of the keyboard cursor
    labelAll: false,  // label every node of the focus
    edge: null,       // id of the selected edge
  };
  const color = new Map(DATA.nodes.map((n) => [n.id, (typeInfo.get(n.t) || {}).color || "#888"]));
  const rank = new Map(DATA.nodes.slice().sort((a, b) => b.w - a.w).map((n, i) => [n.id, i]));
  const importance = (e) => Math.min(rank.get(e.f), rank.get(e.to));
  const edgeOrder = DATA.edges.slice().sort((a, b) => importance(a) - importance(b));
  const upward = new Map(DATA.nodes.slice().sort((a, b) => a.w - b.w).map((n, i) => [n.id, i]));
  const drawOrder = { of: null, ids: [] };  // the drawn nodes, small first (big ones on top)
  function nodeOrder() {
    if (drawOrder.of !== body.nodeIndices) {
      drawOrder.of = body.nodeIndices;
      drawOrder.ids = body.nodeIndices.slice().sort((a, b) => upward.get(a) - upward.get(b));
    }
    return drawOrder.ids;
  }
  const widthCache = new Map();
  let s0 = 1;
  let radiusBase = new Map();
  let lastLabels = [];
  let pendingEdgeLabels = [];  // named after the node labels, where they leave room
  const grid = { used: new Set(), cell: 16, ox: 0, oy: 0 };
  /* Marks a screen box as labelled; false (and nothing marked) if part of it already is. */
  function claim(x0, y0, x1, y1, force) {
    const cx0 = Math.floor(x0 / grid.cell), cx1 = Math.floor(x1 / grid.cell);
    const cy0 = Math.floor(y0 / grid.cell), cy1 = Math.floor(y1 / grid.cell);
    if (!force) {
      for (let x = cx0; x <= cx1; x++) for (let y = cy0; y <= cy1; y++) if (grid.used.has(x * 4096 + y)) return false;
    }
    for (let x = cx0; x <= cx1; x++) for (let y = cy0; y <= cy1; y++) grid.used.add(x * 4096 + y);
    return true;
  }

  function setBase(scale, base) { s0 = scale; radiusBase = base; }
  /* Radius in canvas units: 3–22 px on screen at the opening zoom, never above 5–16 px nor under 2. */
  function radius(id, s) {
    const f = radiusBase.get(id) || 0;
    return Math.max(2 / s, Math.min((3 + 19 * f) / s0, (5 + 11 * f) / s));
  }
  function viewBox(pad) {
    const c = renderer.canvas;
    const a = c.DOMtoCanvas({ x: -pad, y: -pad });
    const b = c.DOMtoCanvas({ x: c.frame.canvas.clientWidth + pad, y: c.frame.canvas.clientHeight + pad });
    return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
  }
  const moving = () => renderer.zooming || renderer.dragging || ctx.animating();
  function dimmed(id) { return look.focus !== null && !look.focus.has(id); }

  /* ---------- edges ---------- */
  function snapValid() {
    const el = renderer.canvas.frame.canvas;
    return snap.s > 0 && snap.canvas.width === el.width && snap.canvas.height === el.height;
  }
  function drawEdges(c) {
    if (moving() && snapValid()) return;
    const s = body.view.scale;
    const box = viewBox(20);
    const budget = moving() ? EDGE_BUDGET_MOVING : opts.edges;
    const groups = { rel: [], co: [], men: [], dim: [], hi: [], strong: [] };
    let n = 0;
    for (const d of edgeOrder) {
      if (!ctx.edgeShown(d)) continue;
      const a = body.nodes[d.f], b = body.nodes[d.to];
      if (!a || !b) continue;
      if ((a.x < box.x0 && b.x < box.x0) || (a.x > box.x1 && b.x > box.x1) ||
          (a.y < box.y0 && b.y < box.y0) || (a.y > box.y1 && b.y > box.y1)) continue;
      const ve = body.edges[d.id];
      const e = { id: d.id, from: a, to: b, k: d.k };
      if (look.strong.has(d.id)) { groups.strong.push(e); continue; }
      if (look.focus !== null) {
        const bright = look.focus.has(a.id) && look.focus.has(b.id);
        if (bright && look.labelAll) groups.hi.push(e);  // focus: its lines stand out
        else if (bright ? n < budget : groups.dim.length < DIM_EDGES) {  // compare: plain lines
          groups[bright ? d.k : "dim"].push(e);
          n++;
        }
        continue;
      }
      if ((ve && ve.selected) || look.edge === d.id) { groups.hi.push(e); continue; }
      if (n >= budget) continue;
      groups[d.k].push(e);
      n++;
    }
    const stroke = (list, style, px, dash) => {
      if (!list.length) return;
      c.beginPath();
      for (const e of list) { c.moveTo(e.from.x, e.from.y); c.lineTo(e.to.x, e.to.y); }
      c.strokeStyle = style;
      c.lineWidth = px / s;
      c.setLineDash(dash ? [4 / s, 4 / s] : []);
      c.stroke();
    };
    stroke(groups.men, "rgba(209,213,219,0.7)", 0.6);
    stroke(groups.co, "rgba(148,163,184,0.8)", 1, true);
    stroke(groups.rel, "rgba(107,114,128,0.55)", 1);
    stroke(groups.dim, "rgba(203,213,225,0.35)", 0.8);
    stroke(groups.hi, "rgba(55,65,81,0.9)", 1.6);
    stroke(groups.strong, "#D55E00", 4);
    c.setLineDash([]);
    const arrowed = groups.hi.concat(groups.strong, groups.rel.length < 400 ? groups.rel : []);
    arrows(c, arrowed.filter((e) => e.k === "rel"), s);
    pendingEdgeLabels = moving() ? [] : groups.hi.length ? groups.hi : groups.rel.length < 60 ? groups.rel : [];
  }
  function arrows(c, list, s) {
    if (!list.length) return;
    c.beginPath();
    for (const e of list) {
      const a = e.from, b = e.to;
      const dx = b.x - a.x, dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len, uy = dy / len;
      const r = radius(b.id, s) + 1 / s;
      const tx = b.x - ux * r, ty = b.y - uy * r;
      const h = 8 / s, w = 3.5 / s;
      c.moveTo(tx, ty);
      c.lineTo(tx - ux * h - uy * w, ty - uy * h + ux * w);
      c.lineTo(tx - ux * h + uy * w, ty - uy * h - ux * w);
      c.closePath();
    }
    c.fillStyle = "rgba(75,85,99,0.85)";
    c.fill();
  }
  function edgeLabels(c, list, s) {
    if (!list.length || list.length > 120) return;
    c.font = (11 / s) + "px " + DATA.font;
    c.textAlign = "center";
    c.textBaseline = "middle";
    c.lineWidth = 3 / s;
    c.strokeStyle = "#fff";
    c.fillStyle = "#374151";
    for (const e of list) {
      const d = ctx.edgeData.get(e.id);
      if (!d || d.k !== "rel") continue;
      if (Math.hypot(e.to.x - e.from.x, e.to.y - e.from.y) * s < 60) continue;  // too short to name
      const text = DATA.relations[d.rel] || d.rel;
      const x = (e.from.x + e.to.x) / 2, y = (e.from.y + e.to.y) / 2;
      const sx = (x - grid.ox) * s, sy = (y - grid.oy) * s;
      if (!claim(sx - 12, sy - 7, sx + 12, sy + 7)) continue;
      c.strokeText(text, x, y);
      c.fillText(text, x, y);
    }
  }

  /* ---------- nodes ---------- */
  /* vis's hit box of a dot (what its resize() would set, without measuring a label it never draws). */
  function ensureBox(c, node) {
    const size = node.options.size;
    if (node.kgSized === size) return;
    node.shape.width = node.shape.height = 2 * size;
    node.shape.radius = size;
    node.kgSized = size;
  }
  /* While the view moves, the last still frame is redrawn scaled and shifted (one drawImage): the
   * software rasteriser takes 100–500 ms for 5,000 shapes, far too long for a frame. */
  const snap = { canvas: document.createElement("canvas"), s: 0, tx: 0, ty: 0 };
  function drawSnapshot(c) {
    const el = renderer.canvas.frame.canvas;
    if (!snapValid()) return false;
    const k = body.view.scale / snap.s;
    const pr = el.width / (el.clientWidth || 1);
    c.save();
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, el.width, el.height);
    c.drawImage(snap.canvas, (body.view.translation.x - snap.tx * k) * pr, (body.view.translation.y - snap.ty * k) * pr,
      el.width * k, el.height * k);
    c.restore();
    return true;
  }
  function takeSnapshot() {
    const el = renderer.canvas.frame.canvas;
    if (snap.canvas.width !== el.width) snap.canvas.width = el.width;
    if (snap.canvas.height !== el.height) snap.canvas.height = el.height;
    const sc = snap.canvas.getContext("2d");
    sc.clearRect(0, 0, el.width, el.height);
    sc.drawImage(el, 0, 0);
    snap.s = body.view.scale;
    snap.tx = body.view.translation.x;
    snap.ty = body.view.translation.y;
  }
  function drawNodes(c) {
    const s = body.view.scale;
    if (moving() && drawSnapshot(c)) return;
    const box = viewBox(30);
    const shown = [];
    for (const id of nodeOrder()) {
      const node = body.nodes[id];
      if (!node || !node.options || node.options.hidden === true) continue;
      ensureBox(c, node);
      node.shape.left = node.x - node.shape.width / 2;  // vis sets these (its hit box) only when it draws
      node.shape.top = node.y - node.shape.height / 2;
      if (node.x < box.x0 || node.x > box.x1 || node.y < box.y0 || node.y > box.y1) continue;
      shown.push(node);
    }
    const layers = look.focus === null ? [shown] :
      [shown.filter((n) => dimmed(n.id)), shown.filter((n) => !dimmed(n.id))];
    layers.forEach((list, li) => {
      const faint = look.focus !== null && li === 0;
      const byColour = new Map();
      for (const node of list) {
        const col = color.get(node.id);
        if (!byColour.has(col)) byColour.set(col, []);
        byColour.get(col).push(node);
      }
      c.globalAlpha = faint ? 0.13 : 1;
      const border = new Path2D();
      for (const [col, nodes] of byColour) {
        const p = new Path2D();
        for (const node of nodes) shape(p, node, radius(node.id, s), s);
        c.fillStyle = col;
        c.fill(p);
        if (!moving() || opts.bordersMoving) {
          if (!opts.borderMin) border.addPath(p);
          else for (const node of nodes) if (radius(node.id, s) * s >= opts.borderMin) shape(border, node, radius(node.id, s), s);
        }
      }
      c.strokeStyle = "rgba(0,0,0,0.35)";
      c.lineWidth = 1 / s;
      if (!moving() || opts.bordersMoving) c.stroke(border);
      c.globalAlpha = 1;
    });
    rings(c, shown, s);
    labels(c, shown, s);
    if (!moving()) snap.pending = true;
  }
  function shape(p, node, r, s) {
    if (r * s < opts.squareBelow) {
      p.rect(node.x - r, node.y - r, 2 * r, 2 * r);
    } else if (nodeData.get(node.id).k === "r") {
      const d = r * 1.3;
      p.moveTo(node.x, node.y - d); p.lineTo(node.x + d, node.y); p.lineTo(node.x, node.y + d);
      p.lineTo(node.x - d, node.y); p.closePath();
    } else {
      p.moveTo(node.x + r, node.y);
      p.arc(node.x, node.y, r, 0, 2 * Math.PI);
    }
  }
  function ring(c, node, s, col, px, dash, gap) {
    c.beginPath();
    c.arc(node.x, node.y, radius(node.id, s) * (nodeData.get(node.id).k === "r" ? 1.3 : 1) + (gap + px / 2) / s,
      0, 2 * Math.PI);
    c.strokeStyle = col;
    c.lineWidth = px / s;
    c.setLineDash(dash ? [3 / s, 3 / s] : []);
    c.stroke();
  }
  function rings(c, shown, s) {
    if (look.rings.size) {
      for (const node of shown) {
        const r = look.rings.get(node.id);
        if (r) ring(c, node, s, r[0], r[1], r[2], 1);
      }
    }
    for (const node of shown) if (node.selected) ring(c, node, s, "#111827", 2.5, false, 1.5);
    if (look.cursor && body.nodes[look.cursor]) ring(c, body.nodes[look.cursor], s, "#111827", 2, true, 6);
    c.setLineDash([]);
  }
  /* Labels of LABEL_PX screen pixels whatever the zoom: focus and selection first, then by importance,
   * each only where it overlaps no label already placed (a grid of occupied screen cells). */
  function labels(c, shown, s) {
    const limit = moving() ? opts.labelsMoving : opts.labels;
    const order = shown.filter((n) => !dimmed(n.id)).sort((a, b) => pri(a) - pri(b));
    const px = LABEL_PX / s;
    c.font = px + "px " + DATA.font;
    c.textAlign = "center";
    c.textBaseline = "top";
    c.lineJoin = "round";
    grid.used = new Set();
    const placed = [];
    const origin = renderer.canvas.DOMtoCanvas({ x: 0, y: 0 });
    grid.ox = origin.x;
    grid.oy = origin.y;
    for (const node of order) {
      if (placed.length >= limit) break;
      const text = nodeData.get(node.id).l;
      let w = widthCache.get(node.id);
      if (w === undefined) {
        w = c.measureText(text).width * s;  // screen px at LABEL_PX
        widthCache.set(node.id, w);
      }
      const sx = (node.x - origin.x) * s, sy = (node.y - origin.y) * s + radius(node.id, s) * s + 2;
      if (!claim(sx - w / 2, sy, sx + w / 2, sy + LABEL_PX + 2, node.selected)) continue;
      placed.push([node, text, sy]);
    }
    c.lineWidth = 3.5 / s;
    c.strokeStyle = "rgba(255,255,255,0.92)";
    c.fillStyle = "#111827";
    const halo = !moving() || opts.strokeMoving;
    for (const [node, text] of placed) {
      const y = node.y + radius(node.id, s) + 2 / s;
      if (halo) c.strokeText(text, node.x, y);
      c.fillText(text, node.x, y);
    }
    lastLabels = placed.map(([node]) => node.id);
    edgeLabels(c, pendingEdgeLabels, s);
    pendingEdgeLabels = [];
  }
  function pri(node) {
    if (node.selected) return -2e9;
    if (node.id === look.cursor) return -1.5e9;
    const r = rank.get(node.id);
    return look.focus !== null && look.focus.has(node.id) ? r - 1e9 : r;
  }

  /* ---------- install ---------- */
  renderer._drawEdges = function (c) { drawEdges(c); };
  renderer._drawArrows = function () {};
  renderer._drawNodes = function (c) { drawNodes(c); return { drawExternalLabels: null }; };
  let snapTimer = 0;
  network.on("afterDrawing", () => {
    if (!snap.pending) return;
    snap.pending = false;
    clearTimeout(snapTimer);  // after the frame (the copy makes the rasteriser finish it at once)
    snapTimer = setTimeout(() => { if (!moving()) takeSnapshot(); }, 30);
  });
  function prepare() {
    if (snapValid()) return;
    network.redraw();
    takeSnapshot();
  }
  /* A change of look needs no new snapshot: moves may show the last still frame, the next still one
   * is drawn (and kept) when they end. */
  return { look, opts, setBase, prepare, radius, labelled: () => lastLabels.slice(),
    redraw: () => network.body.emitter.emit("_requestRedraw") };
}
