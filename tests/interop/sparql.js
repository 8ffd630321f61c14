// Load an RDF file into the npm `oxigraph` package and run SPARQL files on it.
// usage: node sparql.js GRAPH FORMAT QUERY.rq... → one JSON object: file name → SPARQL JSON results
"use strict";
const fs = require("fs");
const path = require("path");
const oxigraph = require("oxigraph");

const [graph, format, ...queries] = process.argv.slice(2);
const store = new oxigraph.Store();
store.load(fs.readFileSync(graph, "utf8"), { format });
const out = { size: store.size, results: {} };
for (const q of queries) {
  const text = fs.readFileSync(q, "utf8");
  out.results[path.basename(q, ".rq")] = JSON.parse(store.query(text, { results_format: "json" }));
}
process.stdout.write(JSON.stringify(out));
