/* Detail panel of the kg page (inlined by kg/export/html.py before html_app.js): what a clicked node
 * or edge is, what it is linked to (grouped by type, most important first), its figures and the
 * evidence sentences with only the names marked.
 *
 * Evidence in the data (html.py page_data): a node's e is [[sentence, start, end]] (the name's UTF-16
 * span; [sentence] when it is not found), a relation's e is [[sentence, head start, head end, tail
 * start, tail end]] (-1 for a name the sentence does not hold), a co-mention's e is [[sentence, ""]].
 * Heading lines (title, session and speaker lines) are left out of the data.
 *
 * Document text goes in with textContent / createTextNode only; marks are built as DOM nodes.
 */
function kgPanel(ctx) {
  "use strict";
  const { DATA, typeInfo, nodeData, edgeData, incident, network, el, typeName, reportName, namesOf } = ctx;
  const $ = (id) => document.getElementById(id);
  const KIND_LABEL = ctx.KIND_LABEL;
  const focusNode = (id) => ctx.focusNode(id);
  const GROUP_ORDER = ["Enterprise", "Project", "Policy", "Slogan", "Place"];
  const GROUP_SHOWN = 15;  // rows of a group before "显示全部"
  const EV_SHOWN = 5;  // evidence sentences before "显示全部"

  /* The names of a node as written in text (a disambiguated label is not: 沿河街（…）). */
  function textNames(n) {
    if (!n) return [];
    return n.nm ? [n.nm].concat(n.a || []) : namesOf(n);
  }
  /* Text with the given [start, end] spans marked; overlapping spans keep the first. */
  function marked(text, spans) {
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [s, e] of spans.slice().sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
      if (s < at || s < 0 || e > text.length || e <= s) continue;
      if (at < s) frag.appendChild(document.createTextNode(text.slice(at, s)));
      frag.appendChild(el("mark", null, text.slice(s, e)));
      at = e;
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }
  /* Text with every occurrence of the terms marked (longest first): for evidence without spans. */
  function highlighted(text, terms) {
    const keys = Array.from(new Set(terms.filter((t) => t && t.length))).sort((a, b) => b.length - a.length);
    const spans = [];
    let i = 0;
    while (i < text.length) {
      const hit = keys.find((t) => text.startsWith(t, i));
      if (hit) { spans.push([i, i + hit.length]); i += hit.length; } else i += 1;
    }
    return marked(text, spans);
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
  function moreButton(text, onClick) {
    const b = el("button", "kg-link kg-more", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /* ---------- copy as CSV ---------- */
  function csvCell(v) {
    let s = v === null || v === undefined ? "" : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d/.test(s)) s = "'" + s;  // no formulas
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCsv(rows) {
    return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }
  /* A button that copies rows() as CSV: the clipboard if the browser allows it, else a selected
   * text area beside the button (pages opened from disk often may not write the clipboard). */
  function csvButton(rows, what) {
    const wrap = el("span", "kg-csv");
    const b = el("button", "kg-link kg-csv-copy", "复制 CSV");
    b.type = "button";
    b.title = "把" + what + "复制为 CSV（可粘贴到表格软件）";
    const status = el("span", "kg-muted kg-csv-status");
    status.setAttribute("aria-live", "polite");
    wrap.append(b, status);
    b.addEventListener("click", () => {
      const data = rows();
      const text = toCsv(data);
      const done = () => { status.textContent = "已复制 " + (data.length - 1) + " 行"; };
      const fallback = () => {
        let area = wrap.querySelector("textarea");
        if (!area) {
          area = el("textarea", "kg-csv-text");
          area.readOnly = true;
          area.setAttribute("aria-label", what + " CSV");
          wrap.appendChild(area);
        }
        area.value = text;
        area.focus();
        area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
        status.textContent = ok ? "已复制 " + (data.length - 1) + " 行" : "已选中，按 Ctrl+C 复制";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
    return wrap;
  }
  function heading3(text, extra) {
    const h = el("h3", null, text);
    if (extra) h.appendChild(extra);
    return h;
  }

  /* ---------- evidence ---------- */
  /* Items: [sentence index, spans ([] = mark the terms)], shown grouped by report; the first
   * EV_SHOWN, and all of them on "显示全部". */
  function evidenceList(body, items, terms, mentions, name) {
    if (!items.length) {
      if (mentions) body.appendChild(el("p", "kg-muted", "证据句只见于报告的标题或署名行（已略去）。"));
      return;
    }
    const bySentence = new Map();
    for (const [si, spans] of items) {
      if (!DATA.sentences[si]) continue;
      if (!bySentence.has(si)) bySentence.set(si, []);
      bySentence.get(si).push(...spans);
    }
    const all = Array.from(bySentence.entries());
    const h = el("h3", "kg-ev-head");
    const section = el("div", "kg-evidence");
    body.append(h, section);
    function render(limit) {
      const shown = all.slice(0, limit);
      h.textContent = "证据句（" + (shown.length < all.length ? "显示 " + shown.length + " / " : "") +
        all.length + " 句" + (mentions ? " · 提及 " + mentions + " 次" : "") + "）";
      section.replaceChildren();
      const groups = new Map();
      for (const [si, spans] of shown) {
        const ri = DATA.sentences[si][0];
        if (!groups.has(ri)) groups.set(ri, []);
        groups.get(ri).push([si, spans]);
      }
      for (const [ri, sents] of groups) {
        section.appendChild(el("h4", null, reportName(ri)));
        const ol = el("ol", "kg-ev");
        for (const [si, spans] of sents) {
          const li = el("li");
          const text = DATA.sentences[si][1];
          li.appendChild(spans.length ? marked(text, spans) : highlighted(text, terms));
          ol.appendChild(li);
        }
        section.appendChild(ol);
      }
      if (shown.length < all.length) {
        section.appendChild(moreButton("显示全部 " + all.length + " 句", () => render(all.length)));
      } else if (name && mentions > all.length) {  // the build keeps a sample per report; the store has all
        const p = el("p", "kg-muted kg-ev-more", "本页带有 " + all.length + " 句；全部 " + mentions + " 处提及可查询：");
        p.appendChild(el("code", null, "kg query evidence-of-node --bind name=" + name));
        section.appendChild(p);
      }
    }
    render(EV_SHOWN);
  }
  /* A node's evidence: its own mentions, then the sentences of its relations that name it. */
  function nodeEvidence(id, n) {
    const items = (n.e || []).map((ev) => [ev[0], ev.length >= 3 ? [[ev[1], ev[2]]] : []]);
    const seen = new Set(items.map((x) => x[0]));
    for (const e of incident.get(id) || []) {
      if (e.k !== "rel") continue;
      for (const ev of e.e || []) {
        const [s, t] = e.f === id ? [ev[1], ev[2]] : [ev[3], ev[4]];
        if (s === undefined || s < 0 || seen.has(ev[0])) continue;
        seen.add(ev[0]);
        items.push([ev[0], [[s, t]]]);
      }
    }
    return items;
  }

  /* ---------- figures ---------- */
  function observations(body, obs, title) {
    if (!obs || !obs.length) return;
    if (typeof kgCharts === "function") {
      const charts = kgCharts(obs);
      if (charts) body.append(el("h3", null, "指标走势（目标与实际）"), charts);
    }
    const sorted = obs.slice().sort((a, b) => (a.i < b.i ? -1 : a.i > b.i ? 1 : (a.y || 0) - (b.y || 0)));
    const kindOf = (o) => (o.tg ? "目标" : o.b === "p" ? "五年" : "实际");
    const has = (x) => x !== null && x !== undefined;
    const rows = () => [["指标", "类别", "数值", "单位", "增速或区间（%）", "限定", "年份", "出处"]].concat(
      sorted.map((o) => [o.i, kindOf(o), o.ns ? "不设目标" : has(o.v) ? o.v : "", o.u || "",
        has(o.g) ? o.g : has(o.lo) ? o.lo + "–" + o.hi : "", o.q || "", o.y || "",
        has(o.s) && DATA.sentences[o.s] ? DATA.sentences[o.s][1] : ""]));
    body.appendChild(heading3("主要指标（" + obs.length + "）", csvButton(rows, title + "的指标")));
    const table = el("table", "kg-obs");
    for (const o of sorted) {
      const tr = el("tr", o.tg ? "kg-obs-target" : null);
      const range = has(o.lo) ? o.lo + "–" + o.hi + "%" : "";
      const growth = has(o.g) ? (o.g >= 0 && !o.tg ? "+" : "") + o.g + "%" : range;
      tr.append(el("td", null, o.i), el("td", "kg-kind", kindOf(o)),
        el("td", "kg-num", o.ns ? "不设目标" : has(o.v) ? o.v + (o.u || "") : ""),
        el("td", "kg-num", growth + (o.tg && o.q ? o.q : "")),
        el("td", "kg-num", o.y || ""));
      if (has(o.s) && DATA.sentences[o.s]) tr.title = DATA.sentences[o.s][1];
      table.appendChild(tr);
    }
    body.appendChild(table);
  }

  /* ---------- neighbours, grouped by type ---------- */
  let byReport = null;  // report index → its entities (built on first use)
  function entitiesOf(ri) {
    if (!byReport) {
      byReport = new Map();
      for (const n of DATA.nodes) {
        if (n.k !== "e") continue;
        for (const r of n.r || []) {
          if (!byReport.has(r)) byReport.set(r, []);
          byReport.get(r).push(n);
        }
      }
    }
    return byReport.get(ri) || [];
  }
  /* What a node is linked to: id → {n, tier (2 relation, 1 same sentence, 0 its own report's), how, edge}. */
  function neighbours(id, n) {
    const out = new Map();
    const add = (other, tier, how, edge, count) => {
      const m = nodeData.get(other);
      if (!m || m.k !== "e" || other === id) return;
      let x = out.get(other);
      if (!x) out.set(other, x = { n: m, tier, how: [], edge: edge || null, count: count || 0 });
      if (tier > x.tier) { x.tier = tier; x.edge = edge || x.edge; x.how = []; }
      if (how && tier === x.tier && !x.how.includes(how)) x.how.push(how);
    };
    for (const e of incident.get(id) || []) {
      const other = e.f === id ? e.to : e.f;
      if (e.k === "rel") {
        const what = DATA.relations[e.rel] || e.rel;
        add(other, 2, e.f === id ? what + " →" : "← " + what, e);
      } else if (e.k === "co") {
        add(other, 1, "同句×" + e.n, e);
      } else if (e.k === "men" && n.k === "r") {
        add(other, 0, null, e, e.n);
      }
    }
    const own = n.k === "r" ? [n.ri] : DATA.reports.map((r, ri) => (r.p === id ? ri : -1)).filter((ri) => ri >= 0);
    for (const ri of own) {
      for (const m of entitiesOf(ri)) add(m.id, 0, n.k === "r" ? null : "本地报告提及", null);
    }
    return Array.from(out.values()).sort((a, b) => b.tier - a.tier || b.count - a.count || b.n.w - a.n.w ||
      (a.n.l < b.n.l ? -1 : a.n.l > b.n.l ? 1 : 0));
  }
  function groupRow(x) {
    const li = el("li");
    li.dataset.id = x.n.id;
    if (x.how.length && x.tier) li.appendChild(el("span", "kg-muted kg-how", x.how.join(" · ") + " "));
    li.appendChild(chip(x.n.id));
    if (x.count) li.appendChild(el("span", "kg-muted", " ×" + x.count));
    if (!(x.how.length && x.tier) && !(x.edge && x.edge.k !== "men")) li.className = "kg-plain";  // a chip alone
    if (x.edge && x.edge.k !== "men") {
      const more = el("button", "kg-link", "依据");
      more.type = "button";
      const eid = x.edge.id;
      more.addEventListener("click", () => { network.selectEdges([eid]); showEdge(eid); });
      li.appendChild(more);
    }
    return li;
  }
  function groups(body, list, title, what, note) {
    if (!list.length) return;
    const rows = () => [["类型", "名称", "关系", "提及次数", "报告数", "id"]].concat(list.map((x) =>
      [typeName(x.n.t), x.n.l, x.how.join("；"), x.n.ne || "", (x.n.r || []).length, x.n.id]));
    body.appendChild(heading3(title + "（" + list.length + "）", csvButton(rows, what)));
    if (note) body.appendChild(el("p", "kg-muted kg-group-note", note));
    const byType = new Map();
    for (const x of list) {
      if (!byType.has(x.n.t)) byType.set(x.n.t, []);
      byType.get(x.n.t).push(x);
    }
    const rank = (t) => (GROUP_ORDER.indexOf(t) + 1) || 99;
    const types = Array.from(byType.keys()).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    for (const t of types) {
      const items = byType.get(t);
      const info = typeInfo.get(t) || { color: "#9CA3AF", zh: t };
      const det = el("details", "kg-group");
      det.open = true;
      det.dataset.type = t;
      const sum = el("summary");
      const sw = el("span", "kg-swatch");
      sw.style.background = info.color;
      sum.append(sw, el("span", "kg-group-name", info.zh), el("span", "kg-n kg-group-count", String(items.length)));
      const ul = el("ul", "kg-rels");
      det.append(sum, ul);
      const render = (limit) => {
        ul.replaceChildren(...items.slice(0, limit).map(groupRow));
        const old = det.querySelector(".kg-more");
        if (old) old.remove();
        if (limit < items.length) {
          det.appendChild(moreButton("显示全部 " + items.length + " 个" + info.zh, () => render(items.length)));
        }
      };
      render(GROUP_SHOWN);
      body.appendChild(det);
    }
  }

  /* ---------- panel ---------- */
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
    if (n.k === "r") {
      const r = DATA.reports[n.ri];
      header(body, n.t, r.l);
      const named = entitiesOf(n.ri);
      fields(body, [["年份", r.y], ["日期", r.date], ["报告人", r.sp], ["地区", r.pn], ["文件", r.src],
        ["提及实体", named.length + " 个"]]);
      groups(body, neighbours(id, n), "报告提及的实体", r.l + "提及的实体");
      observations(body, n.o, r.l);
      return;
    }
    header(body, n.t, n.l);
    fields(body, [["类型", typeName(n.t) + "（" + n.t + "）"], ["名称", n.nm], ["别名", n.a],
      ["行政区划代码", n.c], ["展开", n.xp], ["置信度", n.cf], ["提及", n.ne + " 次"]]);
    if (n.r.length) {
      body.appendChild(el("h3", null, "提及它的报告（" + n.r.length + "）"));
      const wrap = el("div", "kg-chips");
      n.r.forEach((ri) => wrap.appendChild(chip(DATA.reports[ri].id)));
      body.appendChild(wrap);
    }
    const own = DATA.reports.map((r, ri) => (r.p === id ? ri : -1)).filter((ri) => ri >= 0);
    groups(body, neighbours(id, n), "关联", n.l + "的关联", own.length ? "含本地报告（" +
      own.map((ri) => reportName(ri)).slice(0, 3).join("、") + (own.length > 3 ? " 等 " + own.length + " 份" : "") +
      "）提及的实体；有关系或同句者在前。" : "");
    observations(body, n.o, n.l);
    evidenceList(body, nodeEvidence(id, n), textNames(n), n.ne, n.nm || n.l);
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
    const both = textNames(a).concat(textNames(b));
    if (e.k === "rel") {
      fields(body, [["关系", name], ["置信度", e.cf]]);
      const items = (e.e || []).map((ev) => [ev[0], [[ev[1], ev[2]], [ev[3], ev[4]]].filter(([s]) => s >= 0)]);
      const absent = [[1, a], [3, b]].filter(([k]) => e.e && e.e.length && e.e.every((ev) => ev[k] < 0));
      for (const [, m] of absent) {  // e.g. a project "located in" the report's own place, which it does not name
        if (m) body.appendChild(el("p", "kg-muted kg-absent", "证据句中未直接出现「" + (m.nm || m.l) + "」。"));
      }
      evidenceList(body, items.map(([si, spans]) => [si, spans.length ? spans : [[-1, -1]]]), both, 0);
    } else if (e.k === "co") {
      fields(body, [["同句出现", e.n + " 次"]]);
      evidenceList(body, (e.e || []).map((ev) => [ev[0], []]), both, 0);
    } else {
      fields(body, [["提及次数", e.n]]);
      const ri = a ? a.ri : -1;
      const ev = b && b.e ? b.e.filter(([si]) => DATA.sentences[si] && DATA.sentences[si][0] === ri) : [];
      evidenceList(body, ev.map((x) => [x[0], x.length >= 3 ? [[x[1], x[2]]] : []]), textNames(b), 0);
    }
  }
  return { showNode, showEdge, highlighted, marked, toCsv, neighbours };
}
