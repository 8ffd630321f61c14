"""Property-graph export: node and relationship CSV files for Neo4j, with a Cypher load script.

Why a folder of CSVs: it is the one format every property-graph database bulk-loads. The headers
follow ``neo4j-admin database import`` of Neo4j 5 (``id:ID``, ``:LABEL``, ``confidence:double``,
``aliases:string[]`` with ';' between items, ``:START_ID``/``:END_ID``/``:TYPE``), so
``neo4j-admin`` reads the files as they are (README.txt in the folder has the command);
``import.cypher`` loads the same files with LOAD CSV into a running Neo4j, and ``ladybug.cypher``
into LadybugDB (the maintained successor of Kùzu), which needs typed tables declared first and
reads the same files through ``LOAD WITH HEADERS`` (tests/test_exports.py runs it).

Every node has a kind label (Entity, Report, Observation; ``id`` unique within it) and entities
also their type (Place, Enterprise, Project, Policy, Slogan). Relations become PART_OF,
LOCATED_IN, UNDERTAKES, IMPLEMENTS, RELATED_TO; a report MENTIONS entities (with the sentences)
and is ABOUT its place; a figure has a REF_AREA and is DERIVED_FROM its report.

Numbers are ``double`` (Neo4j's ``float`` is 32-bit: 122.05 would load as 122.05000305). The
evidence is complete: a corpus build keeps only a sample of sentences on the graph's nodes and
edges, so every MENTIONS sentence and every relation's evidence is taken from the reports' own RDF
parts (kg.export.rdf.report_parts), which hold all of it.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.export import register
from kg.export.folder import atomic_dir
from kg.export.rdf import assertion_iri, report_parts
from kg.vocab import ID, KG

DELIM = ";"  # neo4j-admin's default --array-delimiter
Col = tuple[str, str]  # (property name, type); name "" for :LABEL, :START_ID, :END_ID, :TYPE

ENTITY_COLS: list[Col] = [("id", "ID"), ("", "LABEL"), ("name", "string"), ("aliases", "string[]"),
                          ("code", "string"), ("confidence", "double"), ("expansion", "string[]"),
                          ("reports", "string[]"), ("mentions", "int")]
REPORT_COLS: list[Col] = [("id", "ID"), ("", "LABEL"), ("name", "string"), ("source", "string"),
                          ("year", "int"), ("date", "date"), ("speaker", "string"), ("place_name", "string")]
OBS_COLS: list[Col] = [("id", "ID"), ("", "LABEL"), ("name", "string"), ("indicator", "string"),
                       ("value", "double"), ("unit", "string"), ("year", "int"), ("growth_pct", "double"),
                       ("sentence", "string"), ("figure", "string")]  # figure: outcome, or target (预期目标)
_ENDS: list[Col] = [("", "START_ID"), ("", "END_ID"), ("", "TYPE")]
RELATION_COLS: list[Col] = _ENDS + [("confidence", "double"), ("evidence", "string[]"),
                                    ("reports", "string[]")]
MENTION_COLS: list[Col] = _ENDS + [("count", "int"), ("sentences", "string[]")]
_LADYBUG_TYPES = {"ID": "STRING", "string": "STRING", "int": "INT64", "double": "DOUBLE", "date": "DATE",
                  "string[]": "STRING[]"}


@dataclass
class Table:
    """One CSV file: typed columns and rows; ``kind`` is Entity/Report/Observation for node files."""

    file: str
    cols: list[Col]
    rows: list[list[Any]] = field(default_factory=list)
    kind: str = ""

    def header(self) -> list[str]:
        return [f":{t}" if not n else (f"{n}:{t}" if t != "string" else n) for n, t in self.cols]


def rel_type(name: str) -> str:
    """``partOf`` → ``PART_OF``: relationship types in Neo4j's UPPER_SNAKE convention."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _cell(v: Any, typ: str) -> str:
    if v is None or v == [] or v == "":
        return ""
    if typ == "string[]":  # no escape exists for the delimiter: it becomes the full-width ；
        return DELIM.join(_text(x).replace(DELIM, "；") for x in v)
    if typ == "double":
        return repr(float(v))
    return _text(v)


def _text(v: Any) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", str(v))  # one record per line: no multiline fields


def property_graph(g: nx.MultiDiGraph) -> tuple[dict[str, Table], dict[str, Table], dict[str, set]]:
    """Node tables by label, relationship tables by type, and the (start, end) labels of each type."""
    nodes: dict[str, Table] = {}
    rels: dict[str, Table] = {}
    label_of: dict[str, str] = {}
    mention_sents, rel_evidence = full_evidence(g)

    def node(label: str, kind: str, cols: list[Col], row: list[Any]) -> None:
        t = nodes.setdefault(label, Table(f"nodes_{label}.csv", cols, kind=kind))
        t.rows.append(row)
        label_of[row[0]] = label

    for n, d in sorted(g.nodes(data=True)):
        kind = d.get("kind")
        if kind == "entity":
            node(d["type"], "Entity", ENTITY_COLS, [
                n, f"Entity{DELIM}{d['type']}", d.get("label"), d.get("aliases"), d.get("code"),
                d.get("confidence"), d.get("expansion"), d.get("reports"), len(d.get("evidence") or [])])
        elif kind == "report":
            node("Report", "Report", REPORT_COLS, [
                n, "Report", d.get("label"), d.get("source"), d.get("year"), d.get("date"), d.get("speaker"),
                d.get("place_name")])
        elif kind == "observation":
            node("Observation", "Observation", OBS_COLS, [
                n, "Observation", _obs_name(d), d.get("indicator"), d.get("value"), d.get("unit"),
                d.get("year"), d.get("growth_pct"), (d.get("evidence") or {}).get("sentence"),
                "target" if d.get("target") else "outcome"])

    def rel(typ: str, cols: list[Col], row: list[Any]) -> None:
        rels.setdefault(typ, Table(f"relationships_{typ}.csv", cols)).rows.append(row)

    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if d.get("kind") == "relation":
            ev = rel_evidence.get(assertion_iri(u, key, v), [])
            reports = sorted({r for r, _ in ev})
            typ = rel_type(key)
            rel(typ, RELATION_COLS, [u, v, typ, d.get("confidence"), [s for _, s in ev], reports])
        elif d.get("kind") == "mentions":
            rel("MENTIONS", MENTION_COLS, [u, v, "MENTIONS", d.get("count"), mention_sents.get((u, v), [])])
    for n, d in sorted(g.nodes(data=True)):
        if d.get("kind") == "report" and d.get("place") in label_of:
            rel("ABOUT", _ENDS, [n, d["place"], "ABOUT"])
        elif d.get("kind") == "observation":
            if d.get("area") in label_of:
                rel("REF_AREA", _ENDS, [n, d["area"], "REF_AREA"])
            if d.get("report") in label_of:
                rel("DERIVED_FROM", _ENDS, [n, d["report"], "DERIVED_FROM"])
    pairs: dict[str, set] = defaultdict(set)
    for typ, t in rels.items():
        for r in t.rows:
            pairs[typ].add((label_of[r[0]], label_of[r[1]]))
    return nodes, rels, dict(pairs)


def full_evidence(g: nx.MultiDiGraph) -> tuple[dict[tuple[str, str], list[str]], dict[str, list[tuple[str, str]]]]:
    """Every evidence sentence, read from the reports' RDF parts rather than the graph's sample.

    Returns the distinct sentences of each (report id, entity id) in text order, and for each
    relation's assertion IRI its (report id, sentence) pairs.
    """
    mention_of, sentence, start, evidence = (ox.NamedNode(str(KG[t])) for t in
                                             ("mentionOf", "sentence", "startOffset", "evidence"))
    base = len(str(ID))
    sents: dict[tuple[str, str], list[str]] = {}
    rels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for report, trips in report_parts(g):
        entity: dict[str, str] = {}  # mention IRI → entity id
        said: dict[str, str] = {}  # mention IRI → sentence
        at: dict[str, int] = {}  # mention IRI → start offset
        for t in trips:
            p = t.predicate
            if p == sentence:
                said[t.subject.value] = t.object.value
            elif p == mention_of:
                entity[t.subject.value] = t.object.value[base:]
            elif p == start:
                at[t.subject.value] = int(t.object.value)
            elif p == evidence:
                rels[t.subject.value].append((report, t.object.value))
        per: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for m, e in entity.items():
            if m in said:
                per[e].append((at.get(m, 0), said[m]))
        for e, found in per.items():
            sents[(report, e)] = list(dict.fromkeys(s for _, s in sorted(found)))
    return sents, dict(rels)


def _obs_name(d: dict[str, Any]) -> str:
    v = d.get("value")
    v = f"{v:g}" if isinstance(v, float) else v
    return f"{d.get('indicator', '')} {v}{d.get('unit') or ''}" + (f" ({d['year']})" if d.get("year") else "")


def csv_text(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(t.header())
    for r in t.rows:
        w.writerow([_cell(v, typ) for v, (_, typ) in zip(r, t.cols, strict=True)])
    return buf.getvalue()


# --- load scripts -------------------------------------------------------------------------------


def _cypher_value(col: Col, header: str) -> str:
    name, typ = col
    x = f"row.`{header}`"
    return {"int": f"toInteger({x})", "double": f"toFloat({x})", "date": f"date({x})",
            "string[]": f"split({x}, '{DELIM}')"}.get(typ, x)


def neo4j_script(nodes: dict[str, Table], rels: dict[str, Table], pairs: dict[str, set]) -> str:
    """Cypher for a running Neo4j 5: constraints, then LOAD CSV of every file."""
    kinds = sorted({t.kind for t in nodes.values()})
    out = ["// Load the kg-gwr property graph into Neo4j 5 with LOAD CSV.",
           "// Copy the CSV files into Neo4j's import folder, then: cypher-shell -f import.cypher",
           "// (for large graphs use neo4j-admin instead: see README.txt)", ""]
    out += [f"CREATE CONSTRAINT {k.lower()}_id IF NOT EXISTS FOR (n:{k}) REQUIRE n.id IS UNIQUE;"
            for k in kinds]
    kind_of = {label: t.kind for label, t in nodes.items()}
    for label, t in sorted(nodes.items()):
        props = ", ".join(f"{n}: {_cypher_value(c, h)}" for c, h in zip(t.cols, t.header(), strict=True)
                          if (n := c[0]))
        labels = f"{t.kind}:{label}" if t.kind != label else label
        out += ["", f"LOAD CSV WITH HEADERS FROM 'file:///{t.file}' AS row",
                f"CREATE (:{labels} {{{props}}});"]
    for typ, t in sorted(rels.items()):
        start = {kind_of[s] for s, _ in pairs[typ]}
        end = {kind_of[e] for _, e in pairs[typ]}
        a = f":{start.pop()}" if len(start) == 1 else ""
        b = f":{end.pop()}" if len(end) == 1 else ""
        props = ", ".join(f"{n}: {_cypher_value(c, h)}" for c, h in zip(t.cols, t.header(), strict=True)
                          if (n := c[0]))
        out += ["", f"LOAD CSV WITH HEADERS FROM 'file:///{t.file}' AS row",
                f"MATCH (a{a} {{id: row.`:START_ID`}}), (b{b} {{id: row.`:END_ID`}})",
                f"CREATE (a)-[:{typ}{' {' + props + '}' if props else ''}]->(b);"]
    return "\n".join(out) + "\n"


def ladybug_script(nodes: dict[str, Table], rels: dict[str, Table], pairs: dict[str, set]) -> str:
    """LadybugDB/Kùzu Cypher: typed tables, then COPY from the same CSVs (paths relative to the folder)."""
    out = ["// Load the kg-gwr property graph into LadybugDB (or Kùzu): one statement per line, file paths",
           "// relative to this folder. From Python: kg.export.neo4j.load_ladybug(folder, db_path).", ""]
    for label, t in sorted(nodes.items()):
        cols = ", ".join(f"`{n}` {_LADYBUG_TYPES[typ]}" + (" PRIMARY KEY" if typ == "ID" else "")
                         for n, typ in t.cols if n)
        out.append(f"CREATE NODE TABLE {label}({cols});")
    for typ, t in sorted(rels.items()):
        ends = ", ".join(f"FROM {s} TO {e}" for s, e in sorted(pairs[typ]))
        props = "".join(f", `{n}` {_LADYBUG_TYPES[ty]}" for n, ty in t.cols if n)
        out.append(f"CREATE REL TABLE {typ}({ends}{props});")
    for label, t in sorted(nodes.items()):
        out.append(f"COPY {label} FROM ({_ladybug_load(t)} RETURN {_ladybug_return(t)});")
    for typ, t in sorted(rels.items()):
        for s, e in sorted(pairs[typ]):
            out.append(f"COPY {typ} FROM ({_ladybug_load(t)} MATCH (a:{s} {{id: c0}}), (b:{e} {{id: c1}}) "
                       f"RETURN {_ladybug_return(t)}) (from='{s}', to='{e}');")
    return "\n".join(out) + "\n"


def _ladybug_load(t: Table) -> str:
    heads = ", ".join(f"c{i} {'DOUBLE' if typ == 'double' else 'INT64' if typ == 'int' else 'STRING'}"
                      for i, (_, typ) in enumerate(t.cols))
    return f"LOAD WITH HEADERS ({heads}) FROM '{t.file}' (header=true, delim=',', quote='\"', escape='\"')"


def _ladybug_return(t: Table) -> str:
    parts = []
    for i, (n, typ) in enumerate(t.cols):
        if typ in ("START_ID", "END_ID"):
            parts.append(f"c{i}")
        elif not n:
            continue
        elif typ == "string[]":
            parts.append(f"CASE WHEN c{i} IS NULL THEN CAST([] AS STRING[]) "
                         f"ELSE string_split(c{i}, '{DELIM}') END")
        elif typ == "date":
            parts.append(f"CAST(c{i} AS DATE)")
        else:
            parts.append(f"c{i}")
    return ", ".join(parts)


def admin_import_command(nodes: dict[str, Table], rels: dict[str, Table], database: str = "neo4j") -> str:
    """The Neo4j 5 offline import of the folder: database name right after ``full`` (5.19 and
    later take nothing else there), then the options and the files."""
    files = [f"--nodes={t.file}" for _, t in sorted(nodes.items())] + \
            [f"--relationships={t.file}" for _, t in sorted(rels.items())]
    return " ".join(["neo4j-admin database import full", database, "--overwrite-destination",
                     f"--array-delimiter='{DELIM}'", *files])


def readme(nodes: dict[str, Table], rels: dict[str, Table]) -> str:
    return ("kg-gwr property graph: nodes_<Label>.csv and relationships_<TYPE>.csv in neo4j-admin's "
            "header format.\n\nNeo4j 5, offline bulk import (stop the database first), from this folder:\n\n"
            f"  {admin_import_command(nodes, rels)}\n\n"
            "Neo4j, online: copy the CSV files into Neo4j's import folder and run "
            "`cypher-shell -f import.cypher`.\n"
            "LadybugDB/Kùzu: run the statements of ladybug.cypher from this folder.\n")


def load_ladybug(folder: str | Path, database: str | Path) -> Any:
    """Run ``ladybug.cypher`` of an export folder into a new LadybugDB database; return a connection.

    Needs ``pip install ladybug``. COPY reads paths relative to the working directory, so the file
    names are made absolute here rather than changing directory.
    """
    import ladybug

    folder = Path(folder).resolve()
    conn = ladybug.Connection(ladybug.Database(str(database)))
    for line in (folder / "ladybug.cypher").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("//"):
            conn.execute(re.sub(r"FROM '([^'/]+\.csv)'", lambda m: f"FROM '{folder / m.group(1)}'", line))
    return conn


@register("neo4j", ".neo4j")
def write(g: nx.MultiDiGraph, path: Path) -> None:
    """Neo4j import folder: node/relationship CSVs (neo4j-admin headers), import.cypher, ladybug.cypher."""
    nodes, rels, pairs = property_graph(g)
    files = {t.file: csv_text(t) for t in [*nodes.values(), *rels.values()]}
    files["import.cypher"] = neo4j_script(nodes, rels, pairs)
    files["ladybug.cypher"] = ladybug_script(nodes, rels, pairs)
    files["README.txt"] = readme(nodes, rels)
    with atomic_dir(path) as tmp:
        for name, text in files.items():
            with atomic_write(tmp / name, "w", encoding="utf-8") as fh:
                fh.write(text)
