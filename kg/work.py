"""The unit of work of a build: one file read, segmented and extracted, in whichever process.

Executors (kg.parallel) hand out Tasks and collect Outcomes; they know nothing of what a task does.
This module knows the stages (kg.read, kg.extract, kg.cache) and nothing of executors or of the
pipeline, so imports run one way: pipeline → parallel → work → stages.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from kg import extract
from kg.cache import ExtractionCache, digest
from kg.model import Document, Extraction
from kg.read import ReadError, document_from_bytes, document_from_text, load_bytes
from kg.settings import Settings


@dataclass
class Task:
    index: int  # position among the build's inputs, to restore order
    source: str  # path as given
    digest: str  # sha256 of the bytes the main process saw
    data: bytes | None = None  # None: the worker reads ``source`` itself


@dataclass
class Outcome:
    index: int
    source: str
    digest: str
    extraction: Extraction | None = None
    error: str | None = None  # one line, naming the file


def process(doc: Document, settings: Settings) -> Extraction:
    """Segment and extract one document (the unit of work a parallel build hands out)."""
    return extract.process(doc, settings.segmenter, settings.pipeline)


def work(task: Task, settings: Settings, cache_folder: str | None = None) -> Outcome:
    """Read and extract one file; never raises for a bad file (the error comes back as text)."""
    try:
        data = task.data if task.data is not None else load_bytes(task.source)
        key = digest(data) if task.data is None else task.digest  # the file may have changed since
        doc = document_from_bytes(task.source, data)
        del data
        ex = slim(process(doc, settings))
    except ReadError as exc:
        return Outcome(task.index, task.source, task.digest, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop a 1,000-report build
        msg = str(exc).splitlines()[0][:200] if str(exc) else ""
        return Outcome(task.index, task.source, task.digest,
                       error=f"{task.source}: extraction failed ({type(exc).__name__}: {msg}); please report")
    if cache_folder is not None:
        ExtractionCache(cache_folder).put(key, ex)
    return Outcome(task.index, task.source, key, extraction=ex)


def slim(ex: Extraction) -> Extraction:
    """Drop what only extraction needed: tokens (a third of a Document's size) and any private
    attribute an extractor stashed on the Document (e.g. token start lists). Linking reads
    text, clean, src, sentences and meta only."""
    doc = ex.doc
    doc.tokens = []
    names = {f.name for f in fields(doc)}
    for k in [k for k in vars(doc) if k not in names]:
        delattr(doc, k)
    return ex


def warm(settings: Settings) -> None:
    """Load the segmenter, extractors and gazetteer, so the first real document is not slow."""
    text = "2021年北京市东城区政府工作报告\n各位代表：北京市东城区。"
    process(document_from_text("warm-up.txt", text), settings)


__all__ = ["Task", "Outcome", "process", "work", "slim", "warm"]
