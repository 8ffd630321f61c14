"""The whole flow, read → segment → extract → link → graph → export, as plain functions.

``build`` is what `kg build` runs; each stage lives in its own module and this file only
strings them together, collects the files that could not be read and times the stages.
Per-document work (read, segment, extract) is cached by file content (kg.cache) and handed to an
executor (kg.parallel); linking needs every document, so it runs here once they are all back.
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

from kg import export, extract, parallel
from kg import graph as kgraph
from kg.cache import ExtractionCache, digest
from kg.export.rdf import SHARDS, Shard, render_shard
from kg.link import Linked, link_one, link_records, summarise
from kg.model import DocRecord, Document, Extraction
from kg.parallel import Outcome, Task
from kg.read import ReadError, document_from_bytes, find_inputs, load_bytes, source_names

DEFAULT_FORMATS = ("turtle", "html", "nodelink", "oxigraph")


@dataclass
class Settings:
    segmenter: str = "jieba"
    pipeline: tuple[str, ...] = extract.DEFAULT_PIPELINE
    min_confidence: float = 0.0
    formats: tuple[str, ...] = DEFAULT_FORMATS
    jobs: int = 1  # worker processes for extraction; 0 = one per CPU
    executor: str = "auto"  # auto (process pool if jobs > 1), serial, process, dask
    cache: bool = True  # reuse per-document extractions keyed by file content (kg.cache)
    cache_dir: str | None = None  # default: $KG_CACHE_DIR or ~/.cache/kg-gwr/extract
    dask_address: str | None = None  # scheduler of an existing Dask cluster; None starts a local one


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[str] = field(default_factory=list)  # one line per input that failed
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cached: int = 0  # documents taken from the cache
    extracted: int = 0  # documents read and extracted in this build (including ones that failed)


def process(doc: Document, settings: Settings) -> Extraction:
    """Segment and extract one document (the unit of work a parallel build hands out)."""
    return extract.process(doc, settings.segmenter, settings.pipeline)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read, extract (cached, possibly in parallel), link, graph and export (see ``_build``).

    The cyclic garbage collector is paused except while documents are extracted: loading records
    and linking make millions of small objects and no cycles, and the collector's repeated scans
    of that heap took a third of a rebuild's time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        return _build(inputs, out_dir, settings, progress)
    finally:
        if was:
            gc.enable()


def _build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read, extract (cached, possibly in parallel), link, graph and export.

    ``progress`` is called with each document's source as it is done; if it also has a
    ``start(total)`` method, that is called first with the number of files found.
    """
    settings = settings or Settings()
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
            cache.put_record(o.digest, records[o.index])
        else:
            fresh[o.index] = o.extraction
    gc.disable()
    order = sorted(records)
    _dedupe_sources([records[i] for i in order])
    docs = [_light_document(records[i]) for i in order]
    t2 = time.perf_counter()
    linked = link_records((records[i] for i in order), settings.min_confidence)
    g = kgraph.build(docs, linked.entities, linked.relations, linked.observations, linked.place_of, names)
    g.graph["has_observations"] = bool(linked.observations)
    if out_dir is not None and docs and any(export.get(f).rdf for f in settings.formats):
        gc.enable()  # rendering a report's RDF is like extracting it: a document's worth of garbage each
        g.graph[SHARDS] = [_shard(i, records[i], digests[i], linked, settings, cache, fresh, names) for i in order]
        gc.disable()
    del records, fresh, linked  # the graph holds what the exporters need
    t3 = time.perf_counter()
    outputs: list[Path] = []
    if out_dir is not None and docs:  # nothing read: keep the previous outputs rather than empty them
        outputs = _export_all(g, Path(out_dir), settings.formats)
    t4 = time.perf_counter()
    timings = {"read": t1 - t0, "extract": t2 - t1, "link+graph": t3 - t2, "export": t4 - t3,
               "total": t4 - t0}
    skipped = [msg for _, msg in sorted(failed, key=lambda x: x[0])]
    return BuildResult(g, docs, skipped, outputs, timings, cached=hits, extracted=len(tasks))


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
    if cache is not None and cache.shard_path(ident).is_file():
        return Shard(rid, ident, path=cache.shard_path(ident))
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
