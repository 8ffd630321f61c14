// Read a GraphML file with graphology-graphml (graphology refuses repeated edge ids) and
// summarise it for tests/test_interop.py: counts and the edges between two named nodes.
// usage: node graphml.js FILE.graphml SOURCE TARGET
"use strict";
const fs = require("fs");
const { MultiDirectedGraph } = require("graphology");
const graphml = require("graphology-graphml");

const [file, source, target] = process.argv.slice(2);
const graph = graphml.parse(MultiDirectedGraph, fs.readFileSync(file, "utf8"));
const relations = {};
graph.forEachEdge((edge, attrs) => {
  relations[attrs.relation] = (relations[attrs.relation] || 0) + 1;
});
const between = graph.hasNode(source) && graph.hasNode(target)
  ? graph.edges(source, target).map((e) => graph.getEdgeAttributes(e)) : [];
const summary = { order: graph.order, size: graph.size, relations, between,
  sourceLabel: graph.hasNode(source) ? graph.getNodeAttribute(source, "label") : null };
process.stdout.write(JSON.stringify(summary));
