"""What a build is asked to do: one small dataclass every stage of the build may read.

It lives apart from kg.pipeline so that the executor (kg.parallel), the unit of work (kg.work) and
the cache (kg.cache) can read it without importing the pipeline that drives them: data and
imports flow one way, pipeline → executor → work → stages.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg import extract

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
    refresh: bool = False  # with cache: read no entry, write every one anew (`kg build --no-cache`)
