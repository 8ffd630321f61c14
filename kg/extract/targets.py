"""Targets (预期目标): what a report sets for the year it plans, as observations of kind "target".

A target sentence is one that introduces targets (主要预期目标是：…, 力争…, 经济增长预期目标为…)
and does not speak of a multi-year plan (十四五…年均, 到2025年…). Every indicator named in it
gives one target: a growth rate (增长6%左右 → 6), a level (城镇新增就业1100万人以上 → 1100 万人),
a rate (城镇调查失业率5.5%以内 → 5.5 %), a range (6%－6.5% → lower 6, upper 6.5, 区间), with its
hedge (左右, 以上, 以内, 不低于…). A report that says it sets no growth target (不设定…增速目标)
gives a target with ``not_set``. The year is the one named before the intro if it is later than
the reviewed year, else the reviewed year plus one. Cue words live in kg/lexicons/figures.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import COUNTRY
from kg.extract.figure_years import met_rx
from kg.extract.indicators import GAP, PCT, alt, cues, lexicon, reviewed_year
from kg.model import Extraction, Observation

_YEAR = re.compile(r"(\d{4})年")  # \d: full-width digits too (到１９９２年)
GDP_ALIASES = ("经济增长", "经济增速")  # said of the report's own GDP in a target sentence


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern]:
    dash = cues()["range_dash"]
    after, before = alt("hedge_after"), alt("hedge_before")
    rise, fall = alt("rise"), alt("fall")
    return {
        "intro": re.compile(alt("target_intro")),
        "era": re.compile(alt("target_period")),
        "not_set": re.compile(alt("not_set")),
        "range": re.compile(rf"(?P<pre>{before})?(?P<lo>\d+(?:\.\d+)?){GAP}[%％]?{GAP}{dash}{GAP}(?P<hi>\d+(?:\.\d+)?){PCT}"
                            rf"(?P<post>{after})?"),
        "pct": re.compile(rf"(?P<pre>{before})?(?P<n>\d+(?:\.\d+)?){PCT}(?P<post>{after})?"),
        "dir": re.compile(rf"{rise}|{fall}|涨幅|增速"),
        "pair": re.compile(rf"(?:城镇(?:常住)?(?:居民)?[、和及与](?:农村(?:牧区)?|农牧区|农牧民|农民)|(?P<rural>(?:农村(?:牧区)?|农牧区)(?:常住)?(?:居民)?[、和及与])城镇|城[、和]?乡)(?:常住)?(?:居民)?人均可支配收入[^。；;，,\d]{{0,6}}?(?:分别)?{rise}"
                           rf"{GAP}(?P<a>\d+(?:\.\d+)?){PCT}(?P<qa>{after})?[、和与]{GAP}(?P<b>\d+(?:\.\d+)?){PCT}(?P<qb>{after})?"),
        "fall": re.compile(fall),
        "before": re.compile(before),
        "after": re.compile(after),
    }


def _names() -> re.Pattern:
    rx, _ = lexicon()
    return re.compile(rx.pattern + "|" + "|".join(GDP_ALIASES))


def _canon(form: str, national: bool) -> tuple[str, str, tuple[str, ...]]:
    _, info = lexicon()
    if form in GDP_ALIASES or info[form][0] in ("地区生产总值", "国内生产总值"):
        name = "国内生产总值" if national else "地区生产总值"
        return name, "level", info[name][2] if name in info else ("亿元",)
    return info[form]


def _bounds(text: str, pos: int) -> tuple[int, int]:
    """The whole sentence around ``pos`` (to 。, not to ；: a target list runs across semicolons)."""
    s = max(text.rfind(c, 0, pos) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？\n") if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


def _target_year(ex: Extraction, sent: str, intro_at: int) -> int | None:
    reviewed = reviewed_year(ex.doc.meta)
    named = [int(y) for y in _YEAR.findall(sent[:intro_at])]
    if named and (reviewed is None or named[-1] > reviewed):
        return named[-1]
    return reviewed + 1 if reviewed is not None else None


def _parse(seg: str, kind: str, units: tuple[str, ...]) -> dict | None:
    """The figure at the head of one indicator's part of a target sentence."""
    R = _rx()
    d = R["dir"].search(seg[:8])
    sign = -1 if d and R["fall"].fullmatch(d.group(0)) else 1
    rg = R["range"].search(seg)
    unit_rx = re.compile(rf"(?P<pre>{alt('hedge_before')})?(?P<n>\d+(?:\.\d+)?){GAP}(?P<u>"
                         + "|".join(map(re.escape, units)) + rf")(?P<post>{alt('hedge_after')})?")
    lv = unit_rx.search(seg) if kind == "level" else None
    pc = R["pct"].search(seg)
    if rg and (not pc or rg.start() <= pc.start()):
        lo, hi = sorted((float(rg.group("lo")), float(rg.group("hi"))))
        out = {"lower": lo * sign, "upper": hi * sign, "qualifier": rg.group("post") or "区间"}
        return out
    if lv and (not pc or lv.start() < pc.start()):
        return {"value": float(lv.group("n")), "unit": lv.group("u"),
                "qualifier": lv.group("post") or lv.group("pre")}
    if pc:
        q = pc.group("post") or pc.group("pre")
        if kind == "rate":
            return {"value": float(pc.group("n")), "unit": "%", "qualifier": q}
        return {"growth": float(pc.group("n")) * sign, "qualifier": q}
    return None


@lru_cache(maxsize=1)
def _then_rate() -> re.Pattern:
    return re.compile(rf"[，,](?:同比)?(?:{alt('rise')}){GAP}(?P<n>\d+(?:\.\d+)?){PCT}(?P<post>{alt('hedge_after')})?")


def _listed(text: str, found: list[re.Match], end: int) -> dict[int, tuple[re.Match, float]]:
    """Names joined by 、/和 and followed by 分别增长 and as many rates: index in ``found`` → (name, rate)."""
    out: dict[int, tuple[re.Match, float]] = {}
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and re.fullmatch("[、和及与]", text[found[j].end() : found[j + 1].start()]):
            j += 1
        if j > i:
            stop = found[j + 1].start() if j + 1 < len(found) else end
            rates = _rates_list().match(text, found[j].end(), stop)
            nums = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)\s*[%％]", rates.group("nums"))] if rates else []
            if len(nums) == j - i + 1:
                out.update({k: (found[k], nums[k - i]) for k in range(i, j + 1)})
        i = j + 1
    return out


@lru_cache(maxsize=1)
def _rates_list() -> re.Pattern:
    n = rf"\d+(?:\.\d+)?{PCT}"
    return re.compile(rf"[^。；;，,\d]{{0,8}}?分别(?:{alt('rise')})?(?:为)?(?P<nums>{n}(?:[、和及与]{n})+)")


def targets(ex: Extraction, area: str | None) -> list[tuple[int, int]]:
    """Append the report's targets to ``ex.observations``; return the spans of target sentences."""
    text = ex.doc.clean
    R = _rx()
    names = _names()
    national = ex.home == COUNTRY
    spans: list[tuple[int, int]] = []
    seen: set[tuple[str, int | None]] = set()
    for intro in R["intro"].finditer(text):
        s, e = _bounds(text, intro.start())
        if spans and s < spans[-1][1]:
            continue
        if any(g.start() < intro.end() and intro.start() < g.end()  # 主要预期目标较好完成: the goal inside the intro
               for g in met_rx().finditer(text, max(s, intro.start() - 20), e)):
            continue  # 超额完成目标任务, 好于预期目标: a goal met, not set
        sent = text[s:e]
        if R["era"].search(sent[: intro.start() - s]):
            continue  # a five-year plan's goals (“十四五”时期主要目标…), not one year's targets
        year = _target_year(ex, sent, intro.start() - s)
        # names after the intro, or just before it (经济增长预期目标为5%左右); not 就业1312万人，超过预期目标
        found = list(names.finditer(text, max(s, intro.start() - 10), e))
        got = 0
        pair = R["pair"].search(text, s, e)
        if pair:  # 城镇和农村居民人均可支配收入分别增长7%和9%以上: two targets, the hedge shared
            q = pair.group("qb") or pair.group("qa")
            a, b = (pair.group("b"), pair.group("a")) if pair.group("rural") else (pair.group("a"), pair.group("b"))
            for name, n in (("城镇常住居民人均可支配收入", a), ("农村常住居民人均可支配收入", b)):
                seen.add((name, year))
                ex.observations.append(Observation(name, None, "%", year, pair.start(), pair.end(), float(n), area,
                                                   kind="target", qualifier=q))
            found = [m for m in found if not pair.start() <= m.start() < pair.end()]
            got += 2
        listed = _listed(text, found, e)
        for m, n in listed.values():  # A、B、C分别增长6.5%、6%和10%: one rate per name, in order
            canon, kind, _ = _canon(m.group(0), national)
            if kind == "level" and (canon, year) not in seen:
                seen.add((canon, year))
                ex.observations.append(Observation(canon, None, "%", year, m.start(), m.end(), n, area, kind="target"))
                got += 1
        for i, m in enumerate(found):
            if i in listed:
                continue
            stop = found[i + 1].start() if i + 1 < len(found) else e
            seg = text[m.end() : stop]
            digit = re.search(r"\d", seg)
            if not digit or digit.start() > 20 or re.search(r"[，,；;。]", seg[: digit.start()]):
                continue  # the name has no figure of its own (单位国内生产总值能耗和…继续下降)
            cut = re.search(r"[，,；;。]", seg[digit.start() :])
            seg = seg[: digit.start() + cut.start()] if cut else seg
            canon, kind, units = _canon(m.group(0), national)
            fig = _parse(seg, kind, units) if "年均" not in seg else None
            if fig is None or (canon, year) in seen:
                continue
            then = _then_rate().match(text, m.end() + len(seg)) if fig.get("value") is not None else None
            if then and kind == "level":  # 地区生产总值达到92亿元，增长7%左右: the level and its rate
                fig["growth"], fig["qualifier"] = float(then.group("n")), fig.get("qualifier") or then.group("post")
                seg = text[m.end() : then.end()]
            seen.add((canon, year))
            q = fig.get("qualifier") or ("力争" if "力争" in sent[: m.start() - s] else None)
            ex.observations.append(Observation(
                canon, fig.get("value"), fig.get("unit") or "%", year, m.start(), m.end() + len(seg),
                fig.get("growth"), area, kind="target", qualifier=q, lower=fig.get("lower"), upper=fig.get("upper")))
            got += 1
        if got:
            spans.append((max(s, intro.start() - 10), e))
    for ns in R["not_set"].finditer(text):
        s, e = _bounds(text, ns.start())
        year = _target_year(ex, text[s:e], ns.start() - s)
        canon = "国内生产总值" if national else "地区生产总值"
        if (canon, year) not in seen:
            seen.add((canon, year))
            ex.observations.append(Observation(canon, None, "%", year, ns.start(), ns.end(), None, area,
                                               kind="target", not_set=True))
        spans.append((s, e))
    return spans
