"""A learned second look at the rules' name candidates: logistic regression over small features.

The rules find projects (policies, slogans) by suffixes, governing verbs and lists; how often each
kind of candidate is right differs from report to report. This component scores every candidate
of a type the model covers with a logistic regression (weights in kg/lexicons/rerank.json, trained
by ``python -m kg.extract.rerank_train`` on the tune gold only), sets the mention's confidence to
that probability, so ``--min-confidence`` reads as precision, and drops candidates under the
model's threshold. Plain Python at build time: a dot product over a few dozen binary features.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from kg.extract import component
from kg.extract.context import COUNTRY
from kg.extract.text import Within, has_proper, load_tsv, tag_of, tokens_in
from kg.model import Extraction, Mention

WEIGHTS_FILE = "rerank.json"
_DIGIT = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万]+(?:个|处|座|条|期|万|千|百|届|轮|次)|[×xX]")
_UNIT = re.compile(r"千伏|兆瓦|千瓦|万吨|吨|公里|千米|km|亩|平方米|万平方|床|套|车位|立方")
_EVENT = re.compile(r"节|赛|论坛|大会|博览会|展会|活动|周|月")
_ROAD = re.compile(r"路|道|线|桥|隧道|公路|铁路|高速")


@lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in load_tsv("governing_verbs.tsv")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _programmes() -> frozenset[str]:
    return frozenset(r[0] for r in load_tsv("programmes.tsv"))


def _len_bucket(n: int) -> str:
    return "<=4" if n <= 4 else "5-6" if n <= 6 else "7-9" if n <= 9 else "10-14" if n <= 14 else "15+"


def _char_class(c: str) -> str:
    if not c:
        return "edge"
    if c in "、等和与及":
        return c
    if c in "，,。；;：:（）()\n":
        return "punct"
    if c in "“”\"'《》":
        return "quote"
    if c.isdigit():
        return "digit"
    return "cjk" if "\u4e00" <= c <= "\u9fa5" else "other"


_SEARCH_CHARS = 200_000  # up to this length a name is found by str.find, beyond by the prefix index


class Index:
    """One document's mentions by position and its names' occurrences, built once for all its
    candidates: scanning every mention and the whole text for each candidate was quadratic (1 M
    characters: 13 s in this component alone)."""

    def __init__(self, ex: Extraction) -> None:
        self.text = ex.doc.clean
        self.within = Within(ex.mentions)
        self._at: dict[str, list[int]] | None = None  # two-character prefix → its offsets
        self._occ: dict[str, tuple[int, int]] = {}  # name → its first and last start (-1: none)

    def repeated(self, name: str, s: int, e: int) -> bool:
        """The name stands whole somewhere before ``s`` or from ``e`` on (what ``str.count`` over
        the text outside the mention would find): its first occurrence ends by ``s`` or its last
        starts at ``e`` or later. A report's text is searched once per name; a very long one is
        indexed by its two-character prefixes instead, since a search per name would be quadratic."""
        text = self.text
        span = self._occ.get(name)
        if span is None:
            if len(text) <= _SEARCH_CHARS or len(name) < 2:
                span = (text.find(name), text.rfind(name))
            else:
                if self._at is None:
                    self._at = {}
                    for i in range(len(text) - 1):
                        self._at.setdefault(text[i : i + 2], []).append(i)
                occ = [p for p in self._at.get(name[:2], ()) if text.startswith(name, p)]
                span = (occ[0], occ[-1]) if occ else (-1, -1)
            self._occ[name] = span
        first, last = span
        return first >= 0 and (first + len(name) <= s or last >= e)


def features(ex: Extraction, m: Mention, index: Index | None = None) -> list[str]:
    """The binary features of one candidate: its rule, head, length, marks, context and tags."""
    index = index or Index(ex)
    text, s, e = ex.doc.clean, m.start, m.end
    name = m.surface
    toks = tokens_in(ex.doc, s, e)
    inner = [o for o in index.within(s, e) if o is not m and (o.start, o.end) != (s, e)]
    before = text[max(0, s - 6) : s]
    out = [
        "rule=" + m.extractor,
        "suf1=" + name[-1:],
        "suf2=" + name[-2:],
        "len=" + _len_bucket(e - s),
        "prev=" + _char_class(text[s - 1 : s] if s else ""),
        "next=" + _char_class(text[e : e + 1]),
        "first=" + tag_of(toks[0])[:2] if toks else "first=none",
        "last=" + tag_of(toks[-1])[:2] if toks else "last=none",
        f"conf={m.confidence:.2f}",
    ]
    flags = {
        "digit": bool(_DIGIT.search(name)),
        "unit": bool(_UNIT.search(name)),
        "event": bool(_EVENT.search(name[-3:])),
        "road": bool(_ROAD.search(name)),
        "quote": "“" in name or "”" in name,
        "place_in": any(o.type == "Place" for o in inner),
        "place_open": any(o.type == "Place" and o.start == s for o in inner),
        "firm_in": any(o.type == "Enterprise" for o in inner),
        "policy_in": any(o.type in ("Policy", "Slogan") for o in inner),
        "governed": before.endswith(_verbs()),
        "list_after": text[e : e + 1] == "、" or text[e : e + 1] == "等",
        "repeated": index.repeated(name, s, e),
        "programme": name in _programmes(),
        "proper": has_proper(ex.doc, s, e),
        "one_token": len(toks) == 1,
    }
    out += ["f=" + k for k, v in flags.items() if v]
    return out


@lru_cache(maxsize=1)
def model() -> dict:
    """The shipped weights, per entity type: {type: {"bias", "threshold", "weights": {feature: w}}}."""
    raw = resources.files("kg.lexicons").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return json.loads(raw)


def score(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def add_loose(ex: Extraction, types) -> None:
    """Put the candidates the rules set aside (unmarked project names) up for scoring too: in
    training always (they teach what a category of work looks like), at build time where they can be right."""
    if "Project" in types:
        from kg.extract.projects import loose_projects

        ex.mentions += loose_projects(ex)


def national_report(ex: Extraction) -> bool:
    """The State Council's report: the one level where an unmarked name (生物多样性保护重大工程) is
    a named programme; in a county's report the same wording (老旧小区改造工程) is a category of
    work (held out on the tune gold: 4 of 10 admitted right in the national reports, 0 of 6 locally)."""
    meta = ex.doc.meta
    return ex.home == COUNTRY or meta.place in ("中华人民共和国", "全国") or "国务院" in (meta.title or "")


@component("rerank")
def rerank(ex: Extraction) -> None:
    types = model().get("types", {})
    loose = national_report(ex)
    if types and loose:
        add_loose(ex, types)
    ex.doc.__dict__.pop("_loose_projects", None)  # projects' hand-over, not part of the cached record
    if not types:
        return
    kept = []
    index = Index(ex)
    for m in ex.mentions:
        spec = types.get(m.type)
        if spec is None:
            kept.append(m)
            continue
        p = score(spec["weights"], spec["bias"], features(ex, m, index))
        if p < spec["threshold"]:
            continue
        m.confidence = round(p, 3)
        kept.append(m)
    ex.mentions[:] = kept
