"""Extraction: one component per entity type (plus relations and figures), run in order.

Like a spaCy pipeline, each component is a plain callable over one document's Extraction,
registered by name; the pipeline is a list of names in the settings. A component reads what
earlier ones found (relations read the mentions) and appends its own results.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import lru_cache

from kg.model import Document, Extraction

Component = Callable[[Extraction], None]
_REGISTRY: dict[str, Component] = {}
_MODULES = ("context", "places", "place_towns", "slogans", "policies", "enterprises", "firm_lists", "firm_owners", "firms_lac", "projects", "rerank",
            "resolve", "relations", "implements", "indicators")
DEFAULT_PIPELINE = ("context", "places", "place-towns", "slogans", "policies", "enterprises", "projects", "enterprise-lists",
                    "project-owners", "firms-lac", "owner-lists", "rerank", "resolve", "relations", "implements", "indicators")


def component(name: str) -> Callable[[Component], Component]:
    def deco(fn: Component) -> Component:
        _REGISTRY[name] = fn
        return fn

    return deco


def get(name: str) -> Component:
    if name not in _REGISTRY:  # load every built-in component once, whatever was imported first
        for mod in _MODULES:
            importlib.import_module(f"kg.extract.{mod}")
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def run(ex: Extraction, pipeline: tuple[str, ...] = DEFAULT_PIPELINE) -> Extraction:
    for name in pipeline:
        get(name)(ex)
    return ex


def release() -> None:
    """Stop the helper processes extraction started (the LAC tagger) once a build has extracted
    its documents."""
    import sys

    mod = sys.modules.get("kg.extract.lac_tagger")
    if mod is not None:
        mod.release()


@lru_cache(maxsize=4)
def _segmenter(name: str):
    """The segmenter with the lexicons' names added as words, so no name is cut in two."""
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


def process(doc: Document, segmenter: str = "jieba", pipeline: Sequence[str] = DEFAULT_PIPELINE) -> Extraction:
    """Segment one document and run the pipeline over it."""
    doc.tokens = _segmenter(segmenter).cut(doc.clean)
    return run(Extraction(doc), pipeline)
