"""Synthetic corpus: N reports recombined from the seeds' paragraphs, places and firms varied.

Why: the benchmark needs corpora of 100 and 1,000 reports whose entity counts grow with N, as a
real corpus's do; five seeds copied 200 times would link into the same few hundred entities and
flatter every stage after extraction.

Each report gets its own county (drawn from the GB/T 2260 gazetteer) and a heading naming it.
Its body is runs of consecutive paragraphs from random seeds; in each, the seed's own county and
city (full and short names) become the new report's, and every enterprise name of that seed gets
a new trade name (``康臣药业`` → ``瑞丰药业``), fixed per report. Report i depends only on (seed, i),
so ``generate(n + 1)`` adds one file and leaves the first n unchanged.

The seeds' home divisions and enterprise names are listed here (harvested once with kg's own
extractors, false positives removed) rather than extracted at run time, so the corpus does not
change, or break, whenever the extractors do.

    from bench.corpus import generate
    paths = generate(100, "/tmp/corpus100")          # list of Path, r00000.txt ...

or ``python bench/corpus.py 100 /tmp/corpus100``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
MIN_PARAGRAPH = 20  # shorter lines are headings, site chrome or speaker lines
BRAND_CHARS = "华鑫恒泰源达盛隆宏瑞丰祥嘉信通远德兴利安众联金新正天海汇润康宁博昌富春晟茂永鼎誉辰"
ROLE = {"县": "县长", "旗": "旗长", "市": "市长", "区": "区长"}


SEED_FACTS: dict[str, tuple[str, tuple[str, ...]]] = {  # file → (home county code, enterprise names)
    "000_102fbaa1620b6f72.txt": ("150522", (
        "大金源农牧业有限公司", "康臣药业", "泰鼎有色金属", "蒙宝生物科技")),
    "001_c7f09e0d5707841b.txt": ("150784", ("塞尚乳业", "诚诚矿业")),
    "002_ebcb9aa3a8a5b78d.txt": ("230622", (
        "东方日升", "亿盟华世", "博尔捷", "哈铁集团", "宁升电力", "山东水发集团", "庆远新能源", "惠丰乳业",
        "正邦集团", "水发集团", "沈铁物流", "益海嘉里集团", "通威新能源", "通威集团", "鲁源日升")),
    "003_409138925a99a39e.txt": ("150621", ("三峡蒙能", "大唐蒙西", "德胜泰", "海博思创", "绿沃川数字农业")),
    "004_ae839ed401dd8876.txt": ("421022", ("伊利乳业", "展红中草药", "蒙东畅彤矿业")),
}


@dataclass
class Seed:
    name: str
    paragraphs: list[str]
    places: list[tuple[str, str]]  # (name in the seed, which slot: county, county_short, city, city_short)
    firms: list[str]  # enterprise names to vary, longest first


@lru_cache(maxsize=1)
def _seeds() -> tuple[Seed, ...]:
    """Seed paragraphs, with the names to replace."""
    from kg.lexicons.gazetteer import gazetteer
    from kg.read import read_path

    g = gazetteer()
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        home, firm_names = SEED_FACTS.get(path.name, ("", ()))
        places: list[tuple[str, str]] = []
        if home in g.units:
            county = g.units[home]
            places += [(county.name, "county"), (county.short, "county_short")]
            if county.parent and county.parent in g.units:
                city = g.units[county.parent]
                places += [(city.name, "city"), (city.short, "city_short")]
        places = sorted({p for p in places if len(p[0]) >= 2}, key=lambda p: -len(p[0]))
        firms = sorted(firm_names, key=lambda s: (-len(s), s))
        text = read_path(path).text.replace("\r", "")
        paragraphs = [ln.strip() for ln in text.split("\n") if len(ln.strip()) >= MIN_PARAGRAPH]
        out.append(Seed(path.name, paragraphs, places, firms))
    return tuple(out)


@lru_cache(maxsize=1)
def _counties() -> tuple[tuple[str, str, str, str, str], ...]:
    """(county, county short, city, city short, code) for counties with plain names."""
    from kg.lexicons.gazetteer import AMBIGUOUS_SHORT, gazetteer

    g = gazetteer()
    out = []
    for code in sorted(g.units):
        u = g.units[code]
        if u.level != "county" or u.name[-1] not in ROLE or len(u.name) < 3 or u.short in AMBIGUOUS_SHORT:
            continue
        city = g.units.get(u.parent or "")
        if city is None or city.level != "city":
            continue
        out.append((u.name, u.short, city.name, city.short, code))
    return tuple(out)


def report_text(i: int, seed: int = 0) -> str:
    """Report number i of the corpus with this seed."""
    rng = random.Random(f"kg-bench:{seed}:{i}")
    county, county_short, city, city_short, _ = rng.choice(_counties())
    slots = {"county": county, "county_short": county_short, "city": city, "city_short": city_short}
    year = rng.randint(2016, 2024)
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    speaker = rng.choice("王李张刘陈杨赵黄周吴") + rng.choice("志建国明海文立华宇强") + rng.choice("军平伟红")
    head = [
        f"{year}年{county}政府工作报告",
        f"——{year}年{month}月{day}日在{county}第十七届人民代表大会第{rng.randint(1, 6)}次会议上",
        f"{county}人民政府{ROLE[county[-1]]} {speaker}",
        "各位代表:",
        f"现在,我代表{ROLE[county[-1]][0]}人民政府向大会报告工作,请予审议,并请政协委员和列席人员提出意见。",
    ]
    firms: dict[str, str] = {}
    body: list[str] = []
    target = rng.randint(8000, 20000)
    size = 0
    seeds = _seeds()
    while size < target:
        s = rng.choice(seeds)
        start = rng.randrange(len(s.paragraphs))
        for para in s.paragraphs[start : start + rng.randint(3, 8)]:
            para = _vary(para, s, slots, firms, rng)
            body.append(para)
            size += len(para)
    return "\n".join(head + body) + "\n"


def _vary(para: str, s: Seed, slots: dict[str, str], firms: dict[str, str], rng: random.Random) -> str:
    names = {name: slots[slot] for name, slot in s.places}
    for f in s.firms:
        if f in para and f not in names:
            if f not in firms:
                keep = f[2:] if len(f) >= 4 else ""  # 康臣|药业 keeps its industry; 博尔捷 is all name
                firms[f] = "".join(rng.choice(BRAND_CHARS) for _ in range(len(f) - len(keep))) + keep
            names[f] = firms[f]
    if not names:
        return para
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return pattern.sub(lambda m: names[m.group(0)], para)


def generate(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write reports 0..n-1 as UTF-8 files r00000.txt ... into out_dir; return their paths.

    Files already there with the right content are left untouched (their mtime too)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = out / f"r{i:05d}.txt"
        data = report_text(i, seed).encode("utf-8")
        if not (p.exists() and p.read_bytes() == data):
            p.write_bytes(data)
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("out_dir", help="folder to write them into")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate(args.n, args.out_dir, args.seed)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} reports, {chars:,} characters, to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
