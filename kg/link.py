"""Linking: mentions of all reports become entities, one per real thing, with stable ids.

Mentions merge on their key (a division code for administrative places, a normalised name
otherwise), so 科左后旗 and 科尔沁左翼后旗 are one node and “两不愁、三保障” meets 两不愁三保障.
Ids are readable and depend only on the key and the canonical name, so they are the same on
every run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.lexicons.gazetteer import gazetteer
from kg.model import Entity, Evidence, Extraction, Mention, Relation
from kg.vocab import slug


@dataclass
class Linked:
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[tuple] = field(default_factory=list)  # (Document, Observation, area id)
    place_of: dict[str, str | None] = field(default_factory=dict)  # document source → entity id


def _canonical(key: str, surfaces: Counter[str]) -> tuple[str, str | None]:
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
        scope = rest.split(":", 1)[0] or "x"
        return f"place/{slug(label)}-{scope}"
    return f"{type_.lower()}/{slug(label)}"


def _evidence(ex: Extraction, m: Mention) -> Evidence:
    doc = ex.doc
    s, e = doc.source_span(m.start, m.end)
    sent = doc.sentences[doc.sentence_at(m.start)].text if doc.sentences else doc.clean
    return Evidence(doc.source, sent, s, e, m.surface)


def _default_key(m: Mention) -> str:
    return m.key or f"{m.type.lower()}:{m.surface}"


def link(extractions: list[Extraction], min_confidence: float = 0.0) -> Linked:
    groups: dict[str, list[tuple[Extraction, Mention]]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            if m.confidence >= min_confidence:
                groups[_default_key(m)].append((ex, m))
        if ex.home and f"adm:{ex.home}" not in groups:
            _add_home(ex, groups)
    out = Linked()
    id_of: dict[str, str] = {}
    used_ids: set[str] = set()
    for key in sorted(groups):
        items = groups[key]
        types = Counter(m.type for _, m in items)
        type_ = types.most_common(1)[0][0]
        surfaces = Counter(m.surface for _, m in items)
        label, code = _canonical(key, surfaces)
        eid = entity_id(type_, key, label)
        while eid in used_ids:  # two keys, one readable name: keep both apart, stably
            eid += "_"
        used_ids.add(eid)
        id_of[key] = eid
        confs = [m.confidence for _, m in items]
        ent = Entity(
            id=eid,
            type=type_,
            label=label,
            aliases=set(surfaces) - {label},  # every form as written, quotes included
            code=code,
            confidence=min(0.99, max(confs) + 0.02 * (len(confs) - 1)),
            evidence=[_evidence(ex, m) for ex, m in items],
            expansion=next((m.expansion for _, m in items if m.expansion), []),
        )
        if code:
            u = gazetteer().units[code]
            ent.aliases |= {u.short} - {label} if len(u.short) >= 2 else set()
        out.entities.append(ent)
    rels: dict[tuple[str, str, str], Relation] = {}
    for ex in extractions:
        for r in ex.relations:
            h, t = id_of.get(_default_key(r.head)), id_of.get(_default_key(r.tail))
            if not h or not t or h == t or r.confidence < min_confidence:
                continue
            sent = ex.doc.sentences[ex.doc.sentence_at(r.start)].text if ex.doc.sentences else ""
            s, e = ex.doc.source_span(r.start, r.end)
            ev = Evidence(ex.doc.source, sent, s, e, ex.doc.clean[r.start : r.end][:200])
            rel = rels.setdefault((h, r.rel, t), Relation(h, r.rel, t, r.confidence))
            rel.confidence = max(rel.confidence, r.confidence)
            if all(x.sentence != ev.sentence for x in rel.evidence):
                rel.evidence.append(ev)
        area = id_of.get(f"adm:{ex.home}") if ex.home else None
        out.place_of[ex.doc.source] = area
        for ob in ex.observations:
            out.observations.append((ex.doc, ob, id_of.get(ob.area) if ob.area else area))
    out.relations = sorted(rels.values(), key=lambda r: (r.head, r.rel, r.tail))
    return out


def _add_home(ex: Extraction, groups: dict[str, list[tuple[Extraction, Mention]]]) -> None:
    """The report's own place is always a node, even if only the heading names it."""
    name = ex.doc.meta.place or ""
    pos = ex.doc.clean.find(name) if name else -1
    if pos < 0:
        return
    code = ex.home
    groups[f"adm:{code}"].append(
        (ex, Mention("Place", name, pos, pos + len(name), "places.heading", 0.95, key=f"adm:{code}", code=code))
    )


__all__ = ["link", "Linked", "entity_id"]
