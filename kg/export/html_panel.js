/* Detail panel of the kg page (inlined by kg/export/html.py before html_app.js): what a clicked node
 * or edge is, where it comes from and the evidence sentences with its names marked.
 *
 * Document text goes in with textContent / createTextNode only; marks are built as DOM nodes.
 */
function kgPanel(ctx) {
  "use strict";
  const { DATA, typeInfo, nodeData, edgeData, incident, network, el, typeName, reportName, namesOf } = ctx;
  const $ = (id) => document.getElementById(id);
  const KIND_LABEL = ctx.KIND_LABEL;
  const focusNode = (id) => ctx.focusNode(id);

  function highlighted(text, terms) {
    const frag = document.createDocumentFragment();
    const keys = Array.from(new Set(terms.filter((t) => t && t.length))).sort((a, b) => b.length - a.length);
    let i = 0;
    let plain = 0;
    while (i < text.length) {
      const hit = keys.find((t) => text.startsWith(t, i));
      if (hit) {
        if (plain < i) frag.appendChild(document.createTextNode(text.slice(plain, i)));
        frag.appendChild(el("mark", null, hit));
        i += hit.length;
        plain = i;
      } else {
        i += 1;
      }
    }
    if (plain < text.length) frag.appendChild(document.createTextNode(text.slice(plain)));
    return frag;
  }
  function chip(id) {
    const n = nodeData.get(id);
    const b = el("button", "kg-chip", n ? n.l : id);
    b.type = "button";
    if (n) b.addEventListener("click", () => focusNode(id));
    return b;
  }
  function fields(body, pairs) {
    const dl = el("dl", "kg-fields");
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
      dl.append(el("dt", null, k), el("dd", null, Array.isArray(v) ? v.join("、") : v));
    }
    body.appendChild(dl);
  }
  /* Evidence sentences grouped by report, each with the given names marked. */
  function evidenceList(body, ev, total, terms) {
    if (!ev || !ev.length) return;
    const count = total > ev.length ? "显示 " + ev.length + " / " + total : String(ev.length);
    body.appendChild(el("h3", null, "证据句（" + count + "）"));
    const groups = new Map();
    for (const [si, surface] of ev) {
      const s = DATA.sentences[si];
      if (!s) continue;
      if (!groups.has(s[0])) groups.set(s[0], new Map());
      const g = groups.get(s[0]);
      if (!g.has(si)) g.set(si, new Set());
      if (surface) g.get(si).add(surface);
    }
    for (const [ri, sents] of groups) {
      body.appendChild(el("h4", null, reportName(ri)));
      const ol = el("ol", "kg-ev");
      for (const [si, surfaces] of sents) {
        const li = el("li");
        li.appendChild(highlighted(DATA.sentences[si][1], terms.concat(Array.from(surfaces))));
        ol.appendChild(li);
      }
      body.appendChild(ol);
    }
  }
  function observations(body, obs, chart) {
    if (!obs || !obs.length) return;
    if (chart && typeof kgCharts === "function") {
      const charts = kgCharts(obs);
      if (charts) body.append(el("h3", null, "指标走势（目标与实际）"), charts);
    }
    body.appendChild(el("h3", null, "主要指标"));
    const table = el("table", "kg-obs");
    const sorted = obs.slice().sort((a, b) => (a.i < b.i ? -1 : a.i > b.i ? 1 : (a.y || 0) - (b.y || 0)));
    for (const o of sorted) {
      const tr = el("tr", o.tg ? "kg-obs-target" : null);
      const kind = o.tg ? "目标" : o.b === "p" ? "五年" : "实际";
      const range = o.lo !== null && o.lo !== undefined ? o.lo + "–" + o.hi + "%" : "";
      const growth = o.g === null || o.g === undefined ? range : (o.g >= 0 && !o.tg ? "+" : "") + o.g + "%";
      tr.append(el("td", null, o.i), el("td", "kg-kind", kind),
        el("td", "kg-num", o.ns ? "不设目标" : (o.v === null || o.v === undefined ? "" : o.v) + (o.v === null || o.v === undefined ? "" : o.u || "")),
        el("td", "kg-num", growth + (o.tg && o.q ? o.q : "")),
        el("td", "kg-num", o.y || ""));
      if (o.s !== null && o.s !== undefined && DATA.sentences[o.s]) tr.title = DATA.sentences[o.s][1];
      table.appendChild(tr);
    }
    body.appendChild(table);
  }
  function openPanel() {
    const panel = $("kg-panel");
    const body = $("kg-panel-body");
    body.replaceChildren();
    if (panel.hidden) {
      panel.hidden = false;
      network.setSize();
    }
    panel.scrollTop = 0;
    return body;
  }
  function header(body, t, label) {
    const info = typeInfo.get(t) || { color: "#888", zh: t };
    const badge = el("span", "kg-badge", info.zh + " · " + t);
    badge.style.background = info.color;
    body.append(badge, el("h2", null, label));
  }
  function showNode(id) {
    const n = nodeData.get(id);
    if (!n) return;
    const body = openPanel();
    body.dataset.kind = "node";
    header(body, n.t, n.k === "r" ? DATA.reports[n.ri].l : n.l);
    if (n.k === "r") {
      const r = DATA.reports[n.ri];
      const named = (incident.get(id) || []).filter((e) => e.k === "men");
      fields(body, [["年份", r.y], ["日期", r.date], ["报告人", r.sp], ["地区", r.pn], ["文件", r.src],
        ["提及实体", named.length + " 个"]]);
      observations(body, n.o);
      if (named.length) {
        body.appendChild(el("h3", null, "提及最多的实体"));
        const wrap = el("div", "kg-chips");
        named.sort((a, b) => b.n - a.n).slice(0, 40).forEach((e) => wrap.appendChild(chip(e.to)));
        body.appendChild(wrap);
      }
      return;
    }
    fields(body, [["类型", typeName(n.t) + "（" + n.t + "）"], ["别名", n.a], ["行政区划代码", n.c],
      ["展开", n.xp], ["置信度", n.cf], ["提及", n.ne + " 次"]]);
    if (n.r.length) {
      body.appendChild(el("h3", null, "提及它的报告（" + n.r.length + "）"));
      const wrap = el("div", "kg-chips");
      n.r.forEach((ri) => wrap.appendChild(chip(DATA.reports[ri].id)));
      body.appendChild(wrap);
    }
    const rels = (incident.get(id) || []).filter((e) => e.k === "rel" || e.k === "co");
    if (rels.length) {
      body.appendChild(el("h3", null, "关联（" + rels.length + "）"));
      const ul = el("ul", "kg-rels");
      for (const e of rels.slice(0, 80)) {
        const li = el("li");
        const out = e.f === id;
        const what = e.k === "rel" ? (DATA.relations[e.rel] || e.rel) : "同句共现×" + e.n;
        const arrow = e.k === "co" ? what + " — " : out ? what + " → " : "← " + what + " ";
        li.append(el("span", "kg-muted", arrow), chip(out ? e.to : e.f));
        const more = el("button", "kg-link", "依据");
        more.type = "button";
        more.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(more);
        ul.appendChild(li);
      }
      body.appendChild(ul);
    }
    observations(body, n.o, n.t === "Place");
    evidenceList(body, n.e, n.ne, namesOf(n));
  }
  function showEdge(id) {
    const e = edgeData.get(id);
    if (!e) return;
    const body = openPanel();
    body.dataset.kind = "edge";
    const a = nodeData.get(e.f);
    const b = nodeData.get(e.to);
    const name = e.k === "rel" ? (DATA.relations[e.rel] || e.rel) + "（" + e.rel + "）" : KIND_LABEL[e.k];
    const badge = el("span", "kg-badge", KIND_LABEL[e.k]);
    badge.style.background = "#4B5563";
    body.append(badge, el("h2", null, name));
    const line = el("div", "kg-chips");
    line.append(chip(e.f), el("span", "kg-muted", e.k === "rel" ? "→" : "—"), chip(e.to));
    body.appendChild(line);
    if (e.k === "rel") {
      fields(body, [["关系", name], ["置信度", e.cf]]);
      evidenceList(body, e.e, e.ne, namesOf(a).concat(namesOf(b)));
    } else if (e.k === "co") {
      fields(body, [["同句出现", e.n + " 次"]]);
      evidenceList(body, e.e, e.n, namesOf(a).concat(namesOf(b)));
    } else {
      fields(body, [["提及次数", e.n]]);
      const ri = a ? a.ri : -1;
      const ev = b && b.e ? b.e.filter(([si]) => DATA.sentences[si] && DATA.sentences[si][0] === ri) : [];
      evidenceList(body, ev, ev.length, namesOf(b));
    }
  }
  return { showNode, showEdge, highlighted };
}
