/* Export of the kg page's current view (inlined before html_app.js): the canvas as PNG, and the nodes
 * in view (only the bright ones when a focus or comparison dims the rest) with the lines drawn between
 * them as CSV, both handed to the browser as a Blob download.
 *
 * CSV cells are quoted, and a leading = + - @ is neutralised so that a spreadsheet shows a name from a
 * document as text instead of running it as a formula.
 */
function kgExport(ctx) {
  "use strict";
  const { DATA, network, look, $ } = ctx;
  function download(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  }
  function pngBlob() {
    const src = $("kg-network").querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = src.width;
    out.height = src.height;
    const c = out.getContext("2d");
    c.fillStyle = "#fff";
    c.fillRect(0, 0, out.width, out.height);
    c.drawImage(src, 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, "image/png"));
  }
  /* A cell as CSV: quoted, and a leading = + - @ neutralised so a spreadsheet does not run it. */
  function cell(x) {
    let s = x === null || x === undefined ? "" : String(x);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }
  /* The nodes in view (bright ones, in focus or compare) and the lines drawn between them. */
  function csvText() {
    const box = $("kg-network");
    const a = network.DOMtoCanvas({ x: 0, y: 0 });
    const b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    const vis = ctx.visible();
    const inView = DATA.nodes.filter((n) => vis.has(n.id) && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y &&
      (look.focus === null || look.focus.has(n.id)));
    const ids = new Set(inView.map((n) => n.id));
    const rows = [["kind", "id", "label", "type", "from", "to", "relation"]];
    for (const n of inView) rows.push(["node", n.id, n.k === "r" ? DATA.reports[n.ri].l : n.l, n.t, "", "", ""]);
    const drawn = new Set(network.body.edgeIndices);
    for (const e of DATA.edges) {
      if (!drawn.has(e.id) || !ids.has(e.f) || !ids.has(e.to)) continue;
      rows.push(["edge", e.id, "", e.k, e.f, e.to, e.k === "rel" ? e.rel : e.k]);
    }
    return "\ufeff" + rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }
  $("kg-export-png").addEventListener("click", () => pngBlob().then((b) => download(b, "kg-view.png")));
  $("kg-export-csv").addEventListener("click", () =>
    download(new Blob([csvText()], { type: "text/csv;charset=utf-8" }), "kg-view.csv"));

  return { csvText, pngBlob };
}
