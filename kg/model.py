"""The records passed between pipeline stages.

Data flows one way: read → segment → extract → link → graph → export. Each stage takes
the records of the one before and returns new ones; nothing reaches back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

ENTITY_TYPES = ("Place", "Enterprise", "Project", "Policy", "Slogan")
RELATION_TYPES = ("partOf", "locatedIn", "undertakes", "implements", "relatedTo")


@dataclass
class ReportMeta:
    """What a report's heading says about it (None where it is silent)."""

    title: str | None = None
    place: str | None = None
    year: int | None = None
    date: str | None = None  # ISO date of the session
    speaker: str | None = None


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Document:
    """One report: its text as read, a clean view for extractors, its sentences and heading facts.

    Extractors work on ``clean`` (layout line breaks joined, stray spaces dropped); ``src`` maps
    each clean offset back to ``text``, so evidence always points into the file as it was read.
    Sentence and Mention offsets are clean offsets; ``source_span`` converts them.
    """

    source: str  # path as given, e.g. seeds/000_x.txt
    text: str
    clean: str = ""
    src: Sequence[int] = ()
    meta: ReportMeta = field(default_factory=ReportMeta)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[tuple[str, int, int]] = field(default_factory=list)  # (word, start, end) in clean

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if not self.src or end <= start:
            return start, end
        return self.src[start], self.src[end - 1] + 1

    @property
    def stem(self) -> str:
        from pathlib import PurePath

        return PurePath(self.source).stem

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that holds a character offset."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Mention:
    """A span of one document that names a thing of one type."""

    type: str
    surface: str  # text[start:end] as the clean view reads it (spaces out, half-width ，（） folded)
    start: int
    end: int
    extractor: str
    confidence: float = 0.7
    key: str | None = None  # normalised name that linking merges on; defaults to surface
    code: str | None = None  # GB/T 2260 code for administrative places
    parent: str | None = None  # key of the containing place, where known
    expansion: list[str] = field(default_factory=list)  # slogan parts spelled out


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class MentionRelation:
    """A relation between two mentions of one document, with the span that states it."""

    head: Mention
    rel: str
    tail: Mention
    start: int
    end: int
    extractor: str
    confidence: float = 0.6


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Observation:
    """A figure of a report (RDF Data Cube observation once in the graph): an outcome, or a target.

    An outcome says what a past year achieved; a target (``kind="target"``, 预期目标) what the year
    the report plans for should reach. Either may carry a level (``value`` with ``unit``), a growth
    rate in percent (``growth_pct``), or both. A target's range (6%－6.5%) is ``lower``/``upper``
    and its hedge (左右, 以上, 以内, 不低于, 区间…) ``qualifier``; ``not_set`` is a report saying it
    sets no such target. ``basis="period"`` marks a five-year total or average, which is never one
    year's figure (its ``year`` is None).
    """

    indicator: str
    value: float | None
    unit: str
    year: int | None
    start: int
    end: int
    growth_pct: float | None = None
    area: str | None = None  # key of the Place it describes
    kind: str = "outcome"  # or "target"
    qualifier: str | None = None
    lower: float | None = None
    upper: float | None = None
    not_set: bool = False
    basis: str = "year"  # or "period"


@dataclass
class Extraction:
    """Everything extraction found in one document."""

    doc: Document
    home: str | None = None  # GB/T 2260 code of the report's own place, once known
    mentions: list[Mention] = field(default_factory=list)
    relations: list[MentionRelation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Evidence:
    report: str  # document source
    sentence: str
    start: int  # offsets of the name (or the relation's span) in the report text
    end: int
    surface: str = ""


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Entity:
    """One real thing, merged from its mentions across all reports."""

    id: str  # stable IRI path, e.g. place/科尔沁左翼后旗-150522
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    code: str | None = None
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)  # all of it, or a sample in corpus builds
    expansion: list[str] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)  # report source → mentions there (all)

    @property
    def reports(self) -> list[str]:
        return sorted(self.mentions or {e.report for e in self.evidence})


@dataclass(slots=True)  # millions of these in a large build: no per-object __dict__
class Relation:
    head: str  # entity id
    rel: str
    tail: str  # entity id
    confidence: float = 0.6
    evidence: list[Evidence] = field(default_factory=list)  # all of it, or a sample in corpus builds
    support: int = 0  # distinct evidence sentences in the whole corpus


@dataclass(slots=True)
class DocRecord:
    """What linking needs from one report, small enough to hold for every report of a corpus.

    Linking a thousand reports must not need a thousand Documents in memory: a record keeps the
    keys a report names (as tuples), its relations by key, its figures, and only the first few
    evidence sentences per key (all of them when ``sample`` was None), which is what the graph
    views show. The full provenance of a report is rendered from its Extraction, one at a time.
    """

    source: str
    meta: ReportMeta
    home: str | None
    # (key, type, surface, confidence, expansion, code) for every mention
    mentions: list[tuple[str, str, str, float, tuple[str, ...], str | None]] = field(default_factory=list)
    # (head key, rel, tail key, confidence, digest of the evidence sentence)
    relations: list[tuple[str, str, str, float, str]] = field(default_factory=list)
    observations: list[tuple[Observation, Evidence]] = field(default_factory=list)
    # key → (confidence, sentence, start, end, surface): tuples, which unpickle twice as fast as objects
    samples: dict[str, list[tuple[float, str, int, int, str]]] = field(default_factory=dict)
    rel_samples: dict[tuple[str, str, str], list[tuple[float, str, int, int, str]]] = field(default_factory=dict)
    report_key: str | None = None  # set when two inputs share a file name
