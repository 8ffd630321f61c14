"""Mine the names of national strategies, reforms, systems, actions and pilots from national work reports.

The State Council's reports (国务院政府工作报告) are where the names that local reports implement are
introduced: 创新驱动发展战略, 河湖长制, 城市更新行动, 长期护理保险制度试点. A name is taken where a
governing verb fixes its left edge (实施|创新驱动发展战略, 深化|医药卫生体制改革, 开展|城市更新行动) and
a head word its right edge, and it is kept when at least ``--min-reports`` reports of different years
use it so (one report's wording is not a name). Coordinated names are split (科教兴国战略和人才强国
战略). Junk (a clause, a vague phrase) is dropped by the filters below and by kg/lexicons/
national_policies.skip.tsv, a reviewed list of rejected strings; the result is written to
kg/lexicons/national_policies.tsv (name, kind, number of reports), deterministic: sorted, no clock.

    .venv/bin/python bench/mine_national.py CORPUS_DIR            # writes kg/lexicons/national_policies.tsv
    .venv/bin/python bench/mine_national.py CORPUS_DIR --print    # only print

The same run writes kg/lexicons/national_slogans.tsv: the slogan formulas the reports set in quotation
marks (“三去一降一补”), quoted in two reports, one of 2013 or later (rejects: national_slogans.skip.tsv).

Reports of years given with ``--exclude`` (default 2022, the national check report of the dev
scoring) are not read, so that report stays a fair test.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "lexicons" / "national_policies.tsv"
SKIP = ROOT / "kg" / "lexicons" / "national_policies.skip.tsv"
SLOGANS_OUT = ROOT / "kg" / "lexicons" / "national_slogans.tsv"
SLOGANS_SKIP = ROOT / "kg" / "lexicons" / "national_slogans.skip.tsv"

# verbs that govern a named instrument: the name starts right after them
TRIGGERS = (
    "实施", "推进", "深化", "推行", "落实", "完善", "健全", "建立", "开展", "启动", "出台", "制定", "贯彻",
    "执行", "坚持", "推动", "部署", "组织", "印发", "颁布", "修订", "编制", "试行", "全面推开",
    "推开", "实行", "开展了", "建立了", "实施了", "启动了", "出台了", "制定了", "加快", "抓好", "稳妥推进",
    "继续", "深入", "做好", "用好", "发挥", "加强", "巩固", "探索", "改进", "构建", "形成",
)
# head word → kind; longest first
HEADS = (
    ("行动计划", "plan"), ("行动方案", "plan"), ("规划纲要", "plan"), ("专项行动", "action"),
    ("体制改革", "reform"), ("制度改革", "reform"), ("综合改革", "reform"), ("改革试点", "pilot"),
    ("战略", "strategy"), ("改革", "reform"), ("制度", "system"), ("机制", "mechanism"),
    ("责任制", "system"), ("承诺制", "system"), ("注册制", "system"), ("长制", "system"),
    ("行动", "action"), ("试点", "pilot"), ("计划", "programme"), ("政策", "policy"),
    ("纲要", "plan"), ("倡议", "policy"), ("协定", "policy"),
)
_HEAD = "|".join(h for h, _ in HEADS)
_KIND = dict(HEADS)
_TRIG = "|".join(sorted(TRIGGERS, key=len, reverse=True))
_BODY = r"[\u4e00-\u9fa5“”]"
# trigger, then a body holding no other trigger, then the head, then the end of the phrase
_PHRASE = re.compile(
    rf"(?:{_TRIG})((?:(?!{_TRIG}){_BODY}){{2,20}}?(?:{_HEAD}))(?=[，。；、：:）)”\n]|和|与|及|等|的|,)")
_FOLLOW = re.compile(
    rf"(?:和|与|及|、)((?:(?!{_TRIG}){_BODY}){{2,20}}?(?:{_HEAD}))(?=[，。；、：:）)”\n]|和|与|及|等|的|,)")
# a name does not open with these: adverbs, quantifiers, deictics, vague modifiers
_BAD_START = re.compile(
    r"^(?:更|进一步|好|各|这|那|该|此|其|有关|相关|一系列|一批|一些|系列|若干|多|新的|了|和|与|及|等|的|"
    r"一项|一个|一整套|配套|重大|重点|重要|有效|严格|稳妥|大力|不断|加快|着力|切实|认真|深入|"
    r"我国|我们|国家各|自身|所有|具体|主要|上述|以上|以下|以|在|对|向|把|将|从|为|由|按|依|同|给|跟|"
    r"第|些|年|项|大|小|中|上|下|要|要求|方面|领域|工作|这些|那些|必要|必须|能够|可以|一切|任何)")
_BAD_ANY = re.compile(r"[是了着过吗呢吧啊]|我们|已经|正在|不能|不会|必须|应当|可以|能够|坚决|如何|怎样|这个|那个")
# too vague to name one instrument, whatever precedes them
_VAGUE_BODY = re.compile(
    r"^(?:各项|各类|相关|有关|配套|重大|重点|重要|主要|基本|基础|基础性|综合|全面|深层次|关键|宏观|"
    r"财政|货币|产业|区域|社会|经济|政治|文化|生态|改革|发展|管理|工作|责任|监管|激励|约束|保障|协调|"
    r"长效|配套|支持|扶持|优惠|专项|试点|制度|体制|机制|政策|体系|市场|行政|国家|中国|地方|中央|全国)*$")


def mine(paths: list[Path], min_reports: int = 2, single_from: int | None = None) -> dict[str, tuple[str, set[str]]]:
    """name → (kind, years that use it after a governing verb).

    With ``single_from``, a name one report of that year or later introduces is kept too when it
    passes the stricter test of ``_introduced``: the recent reports name the instruments that
    local reports of the same years implement, most of them only once (粮食节约行动).
    """
    found: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        year = path.name[:4]
        text = path.read_text(encoding="utf-8")
        for m in _PHRASE.finditer(text):
            bodies, end = [m.group(1)], m.end()
            while (nxt := _FOLLOW.match(text, end)) is not None:  # 科教兴国战略和|人才强国战略
                bodies.append(nxt.group(1))
                end = nxt.end()
            for name in (n for b in bodies for n in _split(b)):
                if _good(name):
                    found[name].add(year)
    out = {}
    for name, years in found.items():
        if len(years) >= min_reports or (single_from is not None and int(max(years)) >= single_from
                                         and _introduced(name)):
            head = next(h for h, _ in HEADS if name.endswith(h))
            out[name] = (_KIND[head], years)
    return out


def _split(body: str) -> list[str]:
    """科教兴国战略和人才强国战略 → both; 政府和社会资本合作机制 stays whole (政府 ends in no head)."""
    parts, last = [], 0
    for i, c in enumerate(body):
        if c in "和与、及" and any(body.endswith(h, last, i) for h, _ in HEADS):
            parts.append(body[last:i])
            last = i + 1
    parts.append(body[last:])
    return [p.strip("“”") if p.count("“") != p.count("”") else p for p in parts]


def _good(name: str) -> bool:
    head = next((h for h, _ in HEADS if name.endswith(h)), None)
    if head is None:
        return False
    body = name[: -len(head)].replace("“", "").replace("”", "")
    if len(body) < 2 or len(name) > 22 or name.count("“") != name.count("”"):
        return False
    if _BAD_START.match(name) or _BAD_ANY.search(name) or _VAGUE_BODY.match(body):
        return False
    return not re.search(r"[一二三四五六七八九十百千万亿\d]+(?:个|项|条|种|批|次|大)$", body)


# kinds whose one-report names are kept: a 政策 or 计划 named once is mostly a category of measures
_SINGLE_KINDS = frozenset({"strategy", "reform", "system", "mechanism", "plan", "action"})
# a verb or a vague modifier opening a system, reform or mechanism makes the string a clause
_CLAUSE_START = re.compile(
    r"^(?:拓展|稳定|扩大|展开|触动|适应|符合|有利于|规范|提高|加大|强化|优化|改善|保障|增进|引领|促进|支持|"
    r"维护|实现|推动|全面|统一|基础性|结构性|市场化|可复制|综合|新型|现代|相关|行业|领域)")
_MIN_BODY = {"mechanism": 4, "system": 3, "reform": 3, "pilot": 3, "action": 3, "strategy": 3, "plan": 4}


def _introduced(name: str) -> bool:
    """A name used once is kept only when nothing in it reads as a clause or a list: no 的, no 等,
    no 体制机制 (a field, not an instrument), a body long enough to be specific."""
    head = next(h for h, _ in HEADS if name.endswith(h))
    kind = _KIND[head]
    body = name[: -len(head)].replace("“", "").replace("”", "")
    if kind not in _SINGLE_KINDS or len(body) < _MIN_BODY[kind] or re.search(r"[的等]|体制机制$|领域", name):
        return False
    return kind in ("action", "plan", "pilot") or not _CLAUSE_START.match(body)


def mine_slogans(paths: list[Path], min_reports: int = 2, since: int = 2013) -> dict[str, set[str]]:
    """Slogan formulas the national reports set in quotation marks (“三去一降一补”, “一老一小”), used so
    in at least ``min_reports`` reports, one of them of ``since`` or later: local reports repeat them,
    often without the quotes, where only a lexicon finds them. name → years."""
    from kg.extract.slogans import _QUOTED, _STRIP, _packed, is_formula
    from kg.extract.text import load_tsv

    known = {n for row in load_tsv("slogans.tsv") for n in (row[0], *(row[2].split("|") if len(row) > 2 else ()))}
    found: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        for m in _QUOTED.finditer(path.read_text(encoding="utf-8")):
            body = m.group(1).strip()
            if is_formula(body) or (len(body) > 4 and _packed(body)):
                found[_STRIP.sub("", body)].add(path.name[:4])
    return {n: ys for n, ys in found.items()
            if len(ys) >= min_reports and int(max(ys)) >= since and n not in known and len(n) >= 3}


def _skip_list(path: Path = SKIP) -> set[str]:
    if not path.exists():
        return set()
    return {ln.split("\t")[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


def _write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder of national reports named YYYY_*.txt")
    ap.add_argument("--exclude", default="2022", help="comma-separated years not to read (default 2022)")
    ap.add_argument("--min-reports", type=int, default=2)
    ap.add_argument("--single-from", type=int, default=2013,
                    help="also keep names one report of this year or later introduces (default 2013; 0: never)")
    ap.add_argument("--print", action="store_true", help="print the list, write nothing")
    args = ap.parse_args(argv)
    skip_years = {y for y in args.exclude.split(",") if y}
    paths = sorted(p for p in args.corpus.glob("*.txt") if re.match(r"\d{4}_", p.name) and p.name[:4] not in skip_years)
    if not paths:
        print(f"{args.corpus}: no reports named YYYY_*.txt", file=sys.stderr)
        return 2
    skip = _skip_list()
    names = {n: v for n, v in mine(paths, args.min_reports, args.single_from or None).items() if n not in skip}
    lines = [f"{n}\t{kind}\t{len(years)}" for n, (kind, years) in sorted(names.items())]
    skip_slogans = _skip_list(SLOGANS_SKIP)
    slogans = [f"{n}\t{len(ys)}" for n, ys in sorted(mine_slogans(paths).items()) if n not in skip_slogans]
    if args.print:
        print("\n".join(lines + ["# slogans"] + slogans))
        return 0
    head = ("# Names of national strategies, reforms, systems, actions and pilots, mined by bench/mine_national.py\n"
            f"# from {len(paths)} national work reports (a governing verb before, a head word after, >= "
            f"{args.min_reports} reports, or one report of {args.single_from} or later when the name reads as one)."
            "\n# Do not edit by hand: add rejects to national_policies.skip.tsv and "
            "re-run.\n# name\tkind\treports\n")
    _write(OUT, head + "\n".join(lines) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(lines)} names")
    head = ("# Slogan formulas the national work reports quote, mined by bench/mine_national.py from "
            f"{len(paths)} reports\n# (quoted in >= 2 reports, one of 2013 or later, not in slogans.tsv). "
            "Do not edit by hand: add rejects to\n# national_slogans.skip.tsv and re-run.\n# name\treports\n")
    _write(SLOGANS_OUT, head + "\n".join(slogans) + "\n")
    print(f"wrote {SLOGANS_OUT.relative_to(ROOT)}: {len(slogans)} slogans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
