"""Linking: mentions of all reports become entities, one per real thing, with stable ids.

Mentions merge on their key (a division code for administrative places, a normalised name
otherwise), so 科左后旗 and 科尔沁左翼后旗 are one node and “两不愁、三保障” meets 两不愁三保障.
Ids are readable and depend only on the key and the canonical name, so they are the same on
every run.

Linking reads DocRecords (``summarise``), not Documents: a corpus build holds one small record per
report and keeps only a sample of evidence per entity for the graph views, while each report's
full provenance is rendered on its own (``link_one``) with the corpus-wide ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from kg.extract.context import home_key, report_key
from kg.lexicons.gazetteer import gazetteer
from kg.model import DocRecord, Document, Entity, Evidence, Extraction, Mention, Relation
from kg.read.heading import is_heading_line
from kg.vocab import slug

SAMPLE = 3  # evidence sentences a record keeps per key (and per relation)
GRAPH_SAMPLE = 12  # evidence an entity or relation carries in a corpus graph


@dataclass
class Linked:
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[tuple] = field(default_factory=list)  # (Document, Observation, area id, Evidence)
    place_of: dict[str, str | None] = field(default_factory=dict)  # document source → entity id
    id_of: dict[str, str] = field(default_factory=dict)  # mention key → entity id
    # per report source: (head id, rel, tail id, sentence digest) that an earlier report already gave
    seen_before: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)


def _canonical(key: str, surfaces: dict[str, int]) -> tuple[str, str | None]:
    """(label, code) of a key: the official name for divisions, else the most used surface."""
    kind, _, rest = key.partition(":")
    if kind == "adm":
        u = gazetteer().units.get(rest)
        if u:
            return u.name, u.code
    if kind == "loc":
        return rest.split(":", 1)[1], None
    # most frequent, then longest (the fuller form), then alphabetical for stability
    label = sorted(surfaces.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    if len(label) > 2 and label[0] in "“\"‘'" and label[-1] in "”\"’'" and not any(c in label[1:-1] for c in "“”\""):
        label = label[1:-1]  # “十四五” reads better as 十四五; the quoted form stays an alias
    return label, None


def entity_id(type_: str, key: str, label: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "adm":
        return f"place/{slug(label)}-{rest}"
    if kind in ("loc", "site"):
        scope = rest.split(":", 1)[0]
        if scope in ("", "None"):  # a place in a report with no place of its own: scope unknown
            scope = "x"
        return f"place/{slug(label)}-{scope}"
    return f"{type_.lower()}/{slug(label)}"


# The country named as a region (中国, 中华人民共和国) is the place of the national reports: one node.
COUNTRY_KEYS = frozenset({"region:中华人民共和国", "region:中国"})


def _place_key(key: str) -> str:
    """A place's key as linking groups it: the country under its division code."""
    return "adm:100000" if key in COUNTRY_KEYS else key


def _key(m: Mention) -> str:
    key = m.key or f"{m.type.lower()}:{m.surface}"
    return _place_key(key) if m.type == "Place" else key


def _sentence_digest(sentence: str) -> str:
    return hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).hexdigest()


def summarise(ex: Extraction, sample: int | None = SAMPLE) -> DocRecord:
    """The record linking needs from one extraction; ``sample=None`` keeps every evidence."""
    doc = ex.doc

    def evidence(start: int, end: int, surface: str | None = None) -> Evidence:
        s, e = doc.source_span(start, end)
        sent = doc.sentences[doc.sentence_at(start)].text if doc.sentences else doc.clean
        return Evidence(doc.source, sent, s, e, doc.clean[start:end][:200] if surface is None else surface)

    rec = DocRecord(doc.source, doc.meta, ex.home)
    rec.report_key = getattr(doc, "report_key", None)
    mentions = list(ex.mentions)
    heads: dict[object, int] = {}  # heading lines among a key's kept evidence: replaced by body sentences
    seen: dict[str, bool] = {}  # a sentence holds many mentions: judge it once

    def heading(sentence: str) -> bool:
        if sentence not in seen:
            seen[sentence] = is_heading_line(sentence)
        return seen[sentence]

    home = _home_mention(ex)
    if home is not None and not any(_key(m) == home.key for m in mentions):
        mentions.append(home)
    for m in mentions:
        key = _key(m)
        rec.mentions.append((key, m.type, m.surface, m.confidence, tuple(m.expansion), m.code))
        kept = rec.samples.setdefault(key, [])
        if sample is None or len(kept) < sample or heads.get(key):
            ev = evidence(m.start, m.end, m.surface)
            item = (m.confidence, ev.sentence, ev.start, ev.end, ev.surface)
            if sample is None or len(kept) < sample:
                kept.append(item)
                if sample is not None and heading(ev.sentence):
                    heads[key] = heads.get(key, 0) + 1
            elif not heading(ev.sentence):  # a body sentence says more than the title line
                i = next(i for i in range(len(kept) - 1, -1, -1) if heading(kept[i][1]))
                kept[i] = item
                heads[key] -= 1
    for r in ex.relations:
        ev = evidence(r.start, r.end)
        trip = (_key(r.head), r.rel, _key(r.tail))
        rec.relations.append((*trip, r.confidence, _sentence_digest(ev.sentence)))
        kept_r = rec.rel_samples.setdefault(trip, [])
        if (sample is None or len(kept_r) < sample) and all(x[1] != ev.sentence for x in kept_r):
            kept_r.append((r.confidence, ev.sentence, ev.start, ev.end, ev.surface))
    for ob in ex.observations:
        ev = evidence(ob.start, ob.end)
        if ob.kind == "target":  # a target list runs across ；: its evidence is the whole sentence
            ev.sentence = _whole_sentence(doc.clean, ob.start, ob.end)
        rec.observations.append((ob, ev))
    return rec


def _whole_sentence(text: str, start: int, end: int, limit: int = 400) -> str:
    s = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    e = min(ends) + 1 if ends else len(text)
    return text[max(s, start - limit) : min(e, end + limit)].strip()


def _home_mention(ex: Extraction) -> Mention | None:
    """The report's own place is always a node, even if only the heading names it."""
    name = ex.doc.meta.place or ""
    pos = ex.doc.clean.find(name) if name and ex.home else -1
    if pos < 0:
        return None
    key, division = report_key(ex.home, name), home_key(ex.home)  # a town's report (大营镇): the town
    town = key != division  # ... part of its county, which keeps the code
    return Mention("Place", name, pos, pos + len(name), "places.heading", 0.95, key=key,
                   code=None if town else ex.home, parent=division if town else None)


class _Group:
    __slots__ = ("types", "surfaces", "best", "n", "expansion", "mentions", "evidence")

    def __init__(self) -> None:
        # plain dicts, counted by hand: a Counter is several times slower to make and to bump, and
        # a build makes two per entity, for the corpus and again for each report's shard
        self.types: dict[str, int] = {}
        self.surfaces: dict[str, int] = {}
        self.best = 0.0
        self.n = 0
        self.expansion: tuple[str, ...] = ()
        self.mentions: dict[str, int] = {}
        self.evidence: list[Evidence] = []


def link_records(
    records: Iterable[DocRecord],
    min_confidence: float = 0.0,
    cap: int | None = GRAPH_SAMPLE,
    ids: dict[str, str] | None = None,
    seen_before: Iterable[tuple[str, str, str, str]] = (),
) -> Linked:
    """Entities and relations of a corpus from its records.

    ``cap`` bounds the evidence kept per entity and relation (None: all). ``ids`` imposes the ids
    of a corpus linking (to render one report's provenance alone); ``seen_before`` lists relation
    evidence an earlier report of the corpus already gave, which this one then leaves out.
    """
    records = list(records)
    groups: dict[str, _Group] = {}
    for rec in records:
        for key, type_, surface, conf, expansion, _code in rec.mentions:
            if conf < min_confidence or (ids is not None and key not in ids):
                continue
            grp = groups.get(key)
            if grp is None:
                grp = groups[key] = _Group()
            grp.types[type_] = grp.types.get(type_, 0) + 1
            grp.surfaces[surface] = grp.surfaces.get(surface, 0) + 1
            grp.best = max(grp.best, conf)
            grp.n += 1
            if expansion and not grp.expansion:
                grp.expansion = expansion
            grp.mentions[rec.source] = grp.mentions.get(rec.source, 0) + 1
        for key, kept in rec.samples.items():
            grp = groups.get(key)
            if grp is not None:
                room = len(kept) if cap is None else cap - len(grp.evidence)
                grp.evidence += [Evidence(rec.source, *ev) for conf, *ev in kept if conf >= min_confidence][: max(room, 0)]
    out = Linked()
    used_ids: set[str] = set()
    for key in sorted(groups):
        grp = groups[key]
        type_ = max(grp.types.items(), key=itemgetter(1))[0]  # Counter.most_common(1): the first most counted
        label, code = _canonical(key, grp.surfaces)
        if ids is not None:
            eid = ids[key]
        else:
            eid = entity_id(type_, key, label)
            while eid in used_ids:  # two keys, one readable name: keep both apart, stably
                eid += "_"
            used_ids.add(eid)
        out.id_of[key] = eid
        ent = Entity(
            id=eid,
            type=type_,
            label=label,
            aliases=set(grp.surfaces) - {label},  # every form as written, quotes included
            code=code,
            confidence=min(0.99, grp.best + 0.02 * (grp.n - 1)),
            evidence=grp.evidence,
            expansion=list(grp.expansion),
            mentions=grp.mentions,
        )
        if code:
            u = gazetteer().units[code]
            ent.aliases |= {u.short} - {label} if len(u.short) >= 2 else set()
        out.entities.append(ent)
    if ids is not None:  # relations of one report may point at entities it does not name itself
        out.id_of = {**ids, **out.id_of}
    _relations(records, out, min_confidence, cap, set(seen_before))
    return out


def _relations(records: list[DocRecord], out: Linked, min_confidence: float, cap: int | None,
               skip: set[tuple[str, str, str, str]]) -> None:
    id_of = out.id_of
    rels: dict[tuple[str, str, str], Relation] = {}
    given: set[tuple[str, str, str, str]] = set(skip)
    for rec in records:
        mine: set[tuple[str, str, str, str]] = set()
        for hk, rel, tk, conf, digest in rec.relations:
            h, t = id_of.get(hk), id_of.get(tk)
            if not h or not t or h == t or conf < min_confidence:
                continue
            r = rels.get((h, rel, t))
            if r is None:
                r = rels[(h, rel, t)] = Relation(h, rel, t, conf)
            r.confidence = max(r.confidence, conf)
            item = (h, rel, t, digest)
            if item in given:
                if item in skip or item not in mine:
                    out.seen_before.setdefault(rec.source, []).append(item)
                continue
            given.add(item)
            mine.add(item)
            r.support += 1
        for (hk, rel, tk), kept in rec.rel_samples.items():
            h, t = id_of.get(hk), id_of.get(tk)
            r = rels.get((h, rel, t)) if h and t else None
            if r is None:
                continue
            for conf, sentence, start, end, surface in kept:
                if skip and (h, rel, t, _sentence_digest(sentence)) in skip:
                    continue
                if conf >= min_confidence and (cap is None or len(r.evidence) < cap) and \
                        all(x.sentence != sentence for x in r.evidence):
                    r.evidence.append(Evidence(rec.source, sentence, start, end, surface))
        area = id_of.get(_place_key(report_key(rec.home, rec.meta.place) or ""))
        out.place_of[rec.source] = area
        doc = Document(rec.source, "", meta=rec.meta)
        if rec.report_key:
            doc.report_key = rec.report_key  # type: ignore[attr-defined]
        for ob, ev in rec.observations:
            out.observations.append((doc, ob, id_of.get(ob.area) if ob.area else area, ev))
    out.relations = sorted(rels.values(), key=lambda r: (r.head, r.rel, r.tail))


def link(extractions: list[Extraction], min_confidence: float = 0.0) -> Linked:
    """Link a few reports with every evidence kept (what a small build and the tests use)."""
    return link_records([summarise(ex, None) for ex in extractions], min_confidence, cap=None)


def link_one(ex: Extraction, corpus: Linked, min_confidence: float = 0.0) -> Linked:
    """One report's entities and relations with all its evidence, under the corpus's ids."""
    return link_records([summarise(ex, None)], min_confidence, cap=None, ids=corpus.id_of,
                        seen_before=corpus.seen_before.get(ex.doc.source, ()))


__all__ = ["link", "link_records", "link_one", "summarise", "Linked", "entity_id"]
