/* Search box of the kg page (inlined before html_app.js): names, aliases and codes matched on any
 * part, NFKC- and case-folded; exact names first, then prefixes, then the most important.
 *
 * An ARIA combobox: the listbox's active option follows the arrow keys (aria-activedescendant,
 * aria-selected), Enter focuses it, Escape clears the box. Names go in with textContent only.
 */
function kgSearch(ctx) {
  "use strict";
  const { DATA, el, norm, namesOf, typeInfo, typeName, $ } = ctx;
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
  const box = $("kg-search");
  function renderResults() {
    const ul = $("kg-results");
    ul.replaceChildren();
    results.slice(0, 50).forEach((h, i) => {
      const li = el("li");
      li.setAttribute("role", "option");
      li.id = "kg-opt-" + i;
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.dataset.id = h.n.id;
      if (i === active) li.classList.add("kg-active");
      const sw = el("span", "kg-swatch" + (h.n.k === "r" ? " kg-diamond" : ""));
      sw.style.background = (typeInfo.get(h.n.t) || {}).color || "#888";
      li.append(sw, el("span", "kg-name", h.n.l));
      if (h.via && h.via !== h.n.l) li.appendChild(el("span", "kg-via", "（" + h.via + "）"));
      li.appendChild(el("span", "kg-via", typeName(h.n.t)));
      if (!ctx.visible().has(h.n.id)) li.appendChild(el("span", "kg-off", "已筛除"));
      const add = el("button", "kg-link kg-pick", "＋对比");
      add.type = "button";
      add.tabIndex = -1;
      add.title = "加入对比 / 路径";
      add.addEventListener("click", (ev) => { ev.stopPropagation(); ctx.pick(h.n.id); });
      li.appendChild(add);
      li.addEventListener("click", () => choose(i));
      ul.appendChild(li);
    });
    box.setAttribute("aria-expanded", results.length ? "true" : "false");
    if (active >= 0 && active < Math.min(results.length, 50)) {
      box.setAttribute("aria-activedescendant", "kg-opt-" + active);
      const li = $("kg-opt-" + active);
      if (li && li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
    const q = box.value.trim();
    $("kg-results-info").textContent = q ? (results.length ? "找到 " + results.length + " 个" +
      (results.length > 50 ? "，显示前 50 个" : "") : "没有匹配“" + q + "”的节点") : "";
  }
  function choose(i) {
    if (!results[i]) return;
    active = i;
    renderResults();
    ctx.focusNode(results[i].n.id);
  }
  box.addEventListener("input", (ev) => {
    results = search(ev.target.value);
    active = -1;
    renderResults();
  });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      const last = Math.min(results.length, 50) - 1;
      active = ev.key === "ArrowDown" ? Math.min(last, active + 1) : Math.max(0, active - 1);
      renderResults();
    } else if (ev.key === "Enter") {
      choose(active >= 0 ? active : 0);
    } else if (ev.key === "Escape" && (ev.target.value || results.length)) {
      ev.stopPropagation();  // a first Escape clears the box; the next one closes what is open
      ev.target.value = "";
      results = [];
      active = -1;
      renderResults();
    }
  });

  return { search, results: () => results.slice() };
}
