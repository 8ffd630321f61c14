"""The whole flow, read → segment → extract → link → graph → export, as plain functions.

``build`` is what `kg build` runs; each stage lives in its own module and this file only
strings them together, collects the files that could not be read and times the stages.
Per-document work (read, segment, extract: kg.work) is cached by file content (kg.cache) and
handed to an executor (kg.parallel); linking needs every document, so it runs here once they are
all back. Imports run one way: this module → kg.parallel → kg.work → the stages; none of them
imports this one (Settings lives in kg.settings).

Outputs are all-or-nothing (kg.export.folder): the output folder is locked for the whole build,
every output is written into a staging folder and published by one rename.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath

import networkx as nx

from kg import export, parallel
from kg import graph as kgraph
from kg.cache import ExtractionCache, digest
from kg.export.folder import OutputError, OutputFolder
from kg.export.rdf import SHARDS, Shard, render_shard
from kg.extract import release as release_models
from kg.lifeline import die_with_parent
from kg.link import Linked, link_one, link_records, summarise
from kg.model import DocRecord, Document, Extraction
from kg.read import ReadError, document_from_bytes, find_inputs, load_bytes, source_names
from kg.settings import DEFAULT_FORMATS, Settings  # noqa: F401 - DEFAULT_FORMATS re-exported
from kg.work import Outcome, Task, process

FOLDER_FORMATS = ("oxigraph", "neo4j")  # exporters that write a folder, not a file
LAYOUT_SIDECAR = "graph.layout.json"  # written beside graph.html (kg.export.html)


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[str] = field(default_factory=list)  # one line per input that failed
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cached: int = 0  # documents taken from the cache
    extracted: int = 0  # documents read and extracted in this build (including ones that failed)
    notes: list[str] = field(default_factory=list)  # one line each: damaged cache entries remade, …


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    say: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read, extract (cached, possibly in parallel), link, graph and export (see ``_build``).

    The output folder is locked first (``say`` is told, in one line, if another build holds it
    and this one waits) and checked: OutputError if it cannot be written, before any work.

    The cyclic garbage collector is paused except while documents are extracted: loading records
    and linking make millions of small objects and no cycles, and the collector's repeated scans
    of that heap took a third of a rebuild's time. While it runs, what the build keeps (each
    report's record, the graph) is frozen (gc.freeze) as it is made, so a collection scans only
    the garbage of the report at hand, not every record kept so far: on 100 reports the full
    collections took 1.5 s of CPU. The heap is unfrozen when the build returns.
    """
    settings = settings or Settings()
    folder = None
    if out_dir is not None:
        folder = OutputFolder(out_dir).open(_output_names(settings.formats), say)
    was = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        return _build(inputs, folder, settings, progress, say)
    finally:
        if not frozen:  # leave a heap someone else froze as it was
            gc.unfreeze()
        if was:
            gc.enable()
        if folder is not None:
            folder.close()


def _output_names(formats: tuple[str, ...]) -> dict[str, bool]:
    """File name → whether it is a folder, for every output the formats write."""
    names = {f"graph{export.get(f).suffix}": f in FOLDER_FORMATS for f in formats}
    if "html" in formats:
        names[LAYOUT_SIDECAR] = False
    return names


def _build(
    inputs: Iterable[str | Path],
    folder: OutputFolder | None,
    settings: Settings,
    progress: Callable[[str], None] | None = None,
    say: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read, extract (cached, possibly in parallel), link, graph and export.

    ``progress`` is called with each document's source as it is done; if it also has a
    ``start(total)`` method, that is called first with the number of files found.
    """
    notes: list[str] = []

    def note(line: str) -> None:
        notes.append(line)
        if say is not None:
            say(line)

    t0 = time.perf_counter()
    inputs = list(inputs)
    paths, failed = _expand(inputs)
    names = source_names(inputs, paths)  # what the outputs record: no folder above the inputs
    if progress is not None and hasattr(progress, "start"):
        progress.start(len(paths))
    cache = ExtractionCache.open(settings, settings.cache_dir) if settings.cache else None
    records: dict[int, DocRecord] = {}
    fresh: dict[int, Extraction] = {}  # extracted now and not cached: kept to render their RDF
    digests: dict[int, str] = {}
    tasks: list[Task] = []
    hits = 0
    for i, p in enumerate(paths):
        try:
            data = load_bytes(p)
        except ReadError as exc:
            failed.append((i, str(exc)))
            if progress:
                progress(str(p))
            continue
        key = digests[i] = digest(data)
        rec = cache.get_record(key, str(p)) if cache else None
        _tell(cache, note)
        if rec is not None:
            records[i] = rec
            hits += 1
            if progress:
                progress(str(p))
        else:
            keep = data if settings.executor == "dask" else None  # local workers read the file themselves
            tasks.append(Task(i, str(p), key, keep))
        del data
    t1 = time.perf_counter()

    def done(o: Outcome) -> None:
        if progress:
            progress(o.source)

    gc.enable()
    for o in parallel.run(tasks, settings, str(cache.folder) if cache else None, done):
        if o.extraction is None:
            failed.append((o.index, o.error or f"{o.source}: failed"))
            continue
        digests[o.index] = o.digest
        records[o.index] = summarise(o.extraction)
        if cache:
            cache.fresh.add(o.digest)  # the worker wrote its extraction
            cache.put_record(o.digest, records[o.index])
        else:
            fresh[o.index] = o.extraction
        del o
        gc.freeze()  # kept to the end: the next report's collections need not scan it
    gc.disable()
    release_models()  # extraction is over: stop the tagger's process (serial builds started it here)
    order = sorted(records)
    _dedupe_sources([records[i] for i in order])
    docs = [_light_document(records[i]) for i in order]
    t2 = time.perf_counter()
    linked = link_records((records[i] for i in order), settings.min_confidence)
    g = kgraph.build(docs, linked.entities, linked.relations, linked.observations, linked.place_of, names)
    g.graph["has_observations"] = bool(linked.observations)
    if folder is not None and docs and any(export.get(f).rdf for f in settings.formats):
        gc.freeze()
        gc.enable()  # rendering a report's RDF is like extracting it: a document's worth of garbage each
        g.graph[SHARDS] = [_shard(i, records[i], digests[i], linked, settings, cache, fresh, names) for i in order]
        gc.disable()
        _tell(cache, note)
    del records, fresh, linked  # the graph holds what the exporters need
    t3 = time.perf_counter()
    outputs: list[Path] = []
    if folder is not None and docs:  # nothing read: keep the previous outputs rather than empty them
        outputs = _publish(g, folder, settings.formats)
    t4 = time.perf_counter()
    timings = {"read": t1 - t0, "extract": t2 - t1, "link+graph": t3 - t2, "export": t4 - t3,
               "total": t4 - t0}
    skipped = [msg for _, msg in sorted(failed, key=lambda x: x[0])]
    return BuildResult(g, docs, skipped, outputs, timings, cached=hits, extracted=len(tasks), notes=notes)


def _tell(cache: ExtractionCache | None, note: Callable[[str], None]) -> None:
    """Pass on what the cache found damaged (and made again) since last asked."""
    if cache is not None:
        while cache.problems:
            note(cache.problems.pop(0))


def _publish(g: nx.MultiDiGraph, folder: OutputFolder, formats: tuple[str, ...]) -> list[Path]:
    """Every output written into a staging folder, then published at once (kg.export.folder);
    on any failure the staging folder is dropped and the previous outputs stay as they were."""
    stage = folder.stage()
    try:
        names = _export_all(g, stage, formats)
        folder.commit(stage)
    except BaseException as exc:
        folder.discard(stage)
        if isinstance(exc, OSError):
            raise OutputError(f"{folder.out}: writing the outputs failed ({exc.strerror or exc}); "
                              "the previous outputs are unchanged") from None
        if isinstance(exc, RuntimeError) and str(exc).startswith("writing "):  # the views' forked writer
            raise OutputError(f"{folder.out}: {exc}; the previous outputs are unchanged") from None
        raise
    return [folder.out / p.name for p in names]


def _export_all(g: nx.MultiDiGraph, out: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every format. The views (HTML, node-link JSON, …) are written by a forked copy of this
    process while this one writes the RDF: both are CPU-bound and independent, and on a rebuild of
    1,000 reports they are each about half of the export. Sequential where fork is unsafe."""
    paths = {f: out / f"graph{export.get(f).suffix}" for f in formats}
    views = [f for f in formats if not export.get(f).rdf]
    rdf = [f for f in formats if export.get(f).rdf]
    if not views or not rdf or "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        for f in formats:
            export.write(f, g, paths[f])
        return [paths[f] for f in formats]
    errors = mp.get_context("fork").SimpleQueue()
    child = mp.get_context("fork").Process(target=_write_views, args=(g, views, paths, errors), daemon=True)
    child.start()
    try:
        for f in rdf:
            export.write(f, g, paths[f])
    finally:
        child.join()
    if child.exitcode != 0:
        msg = errors.get() if not errors.empty() else f"exit status {child.exitcode}"
        raise RuntimeError(f"writing {', '.join(views)} failed: {msg}")
    return [paths[f] for f in formats]


def _write_views(g: nx.MultiDiGraph, views: list[str], paths: dict[str, Path], errors) -> None:
    """In the forked child: write, report a failure in one line, exit without tearing down."""
    code = 0
    try:
        die_with_parent()
        for f in views:
            export.write(f, g, paths[f])
    except BaseException as exc:  # noqa: BLE001 - carried to the parent, which raises it
        errors.put(f"{type(exc).__name__}: {exc}")
        code = 1
    finally:
        os._exit(code)


def _light_document(rec: DocRecord) -> Document:
    """A report node's facts without its text: the graph needs no more."""
    doc = Document(rec.source, "", meta=rec.meta)
    if rec.report_key:
        doc.report_key = rec.report_key  # type: ignore[attr-defined]
    return doc


@lru_cache(maxsize=1)
def _export_version() -> str:
    """Hash of the code that turns one report into RDF: a shard made by other code is not reused."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for name in ("export/rdf.py", "graph.py", "link.py", "vocab.py", "model.py"):
        h.update((pkg / name).read_bytes())
    return h.hexdigest()


def _shard(i: int, rec: DocRecord, key: str, linked: Linked, settings: Settings,
           cache: ExtractionCache | None, fresh: dict[int, Extraction], names: dict[str, str]) -> Shard:
    """One report's part of the RDF, reused when nothing it depends on changed.

    It depends on the file's bytes, the path it was read from, the ids the corpus gave the names it
    mentions, its place, the relation evidence an earlier report already gave, and the code: all of
    that goes into its name, so a shard found under the name is the shard that would be rendered.
    """
    rid = kgraph.report_id(_light_document(rec))
    keys = sorted({m[0] for m in rec.mentions} | {r[0] for r in rec.relations} | {r[2] for r in rec.relations})
    h = hashlib.sha256("\0".join([_export_version(), key, rec.source, names.get(rec.source, ""), rid,
                                  str(settings.min_confidence),
                                  str(linked.place_of.get(rec.source))]).encode())
    for k in keys:
        h.update(f"{k}\1{linked.id_of.get(k)}\0".encode())
    for item in linked.seen_before.get(rec.source, ()):
        h.update("\1".join(item).encode())
    ident = h.hexdigest()[:32]
    found = cache.find_shard(ident, rec.source) if cache is not None else None
    if found is not None:
        return Shard(rid, ident, path=found)
    ex = fresh.pop(i, None) or (cache.get(key, rec.source) if cache else None)
    if ex is None:  # the cache lost the entry since the record was read: read and extract again
        ex = process(document_from_bytes(rec.source, load_bytes(rec.source)), settings)
    if rec.report_key:
        ex.doc.report_key = rec.report_key  # type: ignore[attr-defined]
    one = link_one(ex, linked, settings.min_confidence)
    g1 = kgraph.build([ex.doc], one.entities, one.relations, one.observations,
                      {rec.source: linked.place_of.get(rec.source)}, names)
    data = render_shard(g1)
    where = cache.put_shard(ident, data) if cache is not None else None
    return Shard(rid, ident, path=where) if where is not None else Shard(rid, ident, data=data)


def _expand(inputs: Iterable[str | Path]) -> tuple[list[Path], list[tuple[int, str]]]:
    """Input files in order, each once (a file named twice, or inside a folder also named, is one
    report); missing paths become failures ordered before everything else."""
    paths: list[Path] = []
    failed: list[tuple[int, str]] = []
    seen: set[Path] = set()
    for item in find_inputs(inputs):
        if isinstance(item, ReadError):
            failed.append((-1, str(item)))
            continue
        try:
            real = item.resolve()
        except OSError:
            real = item
        if real not in seen:
            seen.add(real)
            paths.append(item)
    return paths, failed


def _dedupe_sources(docs: list[DocRecord]) -> None:
    """Two inputs with one file name (a/报告.txt, b/报告.txt) must not become one report node.

    The suffix is a hash of the path (hashlib, not hash(): that one changes with every process).
    """
    stems = [PurePath(d.source).stem for d in docs]
    seen = Counter(stems)
    for d, stem in zip(docs, stems, strict=True):
        d.report_key = None
        if seen[stem] > 1:
            d.report_key = f"{stem}-{hashlib.sha1(d.source.encode('utf-8')).hexdigest()[:8]}"
