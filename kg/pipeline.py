"""The whole flow, read → segment → extract → link → graph → export, as plain functions.

``build`` is what `kg build` runs; each stage lives in its own module and this file only
strings them together, collects the files that could not be read and times the stages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx

from kg import export, extract
from kg import graph as kgraph
from kg.link import link
from kg.model import Document, Extraction
from kg.read import ReadError, find_inputs, read_path

DEFAULT_FORMATS = ("turtle", "html", "nodelink")


@dataclass
class Settings:
    segmenter: str = "jieba"
    pipeline: tuple[str, ...] = extract.DEFAULT_PIPELINE
    min_confidence: float = 0.0
    formats: tuple[str, ...] = DEFAULT_FORMATS


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[str] = field(default_factory=list)  # one line per input that failed
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _segmenter(name: str):
    from kg import segment
    from kg.extract.text import load_tsv

    seg = segment.get_segmenter(name)
    words: list[tuple[str, str]] = []
    for row in load_tsv("slogans.tsv"):
        words += [(w, "nz") for w in [row[0], *(row[2].split("|") if len(row) > 2 else [])] if w]
    words += [(r[0], "nz") for r in load_tsv("policies.tsv")]
    words += [(r[0], "ns") for r in load_tsv("regions.tsv")]
    if hasattr(seg, "add_words"):
        seg.add_words(words)
    return seg


def process(doc: Document, settings: Settings) -> Extraction:
    """Segment and extract one document (the unit of work a parallel build hands out)."""
    doc.tokens = _segmenter(settings.segmenter).cut(doc.clean)
    return extract.run(Extraction(doc), settings.pipeline)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    settings = settings or Settings()
    t0 = time.perf_counter()
    docs: list[Document] = []
    skipped: list[str] = []
    for item in find_inputs(inputs):
        if isinstance(item, ReadError):
            skipped.append(str(item))
            continue
        try:
            docs.append(read_path(item))
        except ReadError as exc:
            skipped.append(str(exc))
    _dedupe_sources(docs)
    t1 = time.perf_counter()
    extractions = []
    for doc in docs:
        extractions.append(process(doc, settings))
        if progress:
            progress(doc.source)
    t2 = time.perf_counter()
    linked = link(extractions, settings.min_confidence)
    g = kgraph.build(docs, linked.entities, linked.relations, linked.observations, linked.place_of)
    t3 = time.perf_counter()
    outputs: list[Path] = []
    if out_dir is not None:
        out = Path(out_dir)
        for fmt in settings.formats:
            exp = export.get(fmt)
            outputs.append(export.write(fmt, g, out / f"graph{exp.suffix}"))
    t4 = time.perf_counter()
    timings = {"read": t1 - t0, "extract": t2 - t1, "link+graph": t3 - t2, "export": t4 - t3, "total": t4 - t0}
    return BuildResult(g, docs, skipped, outputs, timings)


def _dedupe_sources(docs: list[Document]) -> None:
    """Two inputs with one file name (a/报告.txt, b/报告.txt) must not become one report node."""
    seen: dict[str, int] = {}
    for d in docs:
        seen[d.stem] = seen.get(d.stem, 0) + 1
    dup = {s for s, n in seen.items() if n > 1}
    for d in docs:
        if d.stem in dup:
            d.report_key = f"{d.stem}-{abs(hash(d.source)) % 10**8:08d}"  # type: ignore[attr-defined]
