"""Draw a seeded random sample of the entities extracted from national work reports, for a hand check.

The national reports (国务院政府工作报告) are long and were never tuned on; precision breaks there in
ways the dev gold does not show (clause fragments taken as policies). This extracts the reports of
the given years, takes each report's distinct entities (type and key) with the sentence of their
first mention, and prints a seeded sample of them: type, label, report, evidence sentence.
The hand check of the printed list is written up in docs/national-check.md.

    .venv/bin/python bench/national_sample.py CORPUS_DIR                 # 2015-2025, 50 entities
    .venv/bin/python bench/national_sample.py CORPUS_DIR --n 50 --seed 10 --years 2015-2025
    .venv/bin/python bench/national_sample.py CORPUS_DIR --all --type Policy   # every entity
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from kg import extract
from kg.read import read_path


def entities(paths: list[Path], types: set[str] | None = None) -> list[tuple[str, str, str, str, str]]:
    """(report, type, label, extractor, evidence) for each distinct entity of each report."""
    out = []
    for path in paths:
        ex = extract.process(read_path(path))
        seen: set[tuple[str, str]] = set()
        for m in sorted(ex.mentions, key=lambda m: m.start):
            sig = (m.type, m.key or m.surface)
            if sig in seen or (types and m.type not in types):
                continue
            seen.add(sig)
            sent = ex.doc.sentences[ex.doc.sentence_at(m.start)] if ex.doc.sentences else None
            evidence = sent.text.strip() if sent else ex.doc.clean[max(0, m.start - 40) : m.end + 40]
            out.append((path.stem, m.type, m.surface, m.extractor, evidence))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder of national reports named YYYY_*.txt")
    ap.add_argument("--years", default="2015-2025", help="first-last year (default 2015-2025)")
    ap.add_argument("--n", type=int, default=50, help="sample size (default 50)")
    ap.add_argument("--seed", type=int, default=20260101, help="random seed (default 20260101)")
    ap.add_argument("--all", action="store_true", help="print every entity, not a sample")
    ap.add_argument("--type", action="append", help="only this type (repeatable)")
    args = ap.parse_args(argv)
    lo, hi = (int(y) for y in args.years.split("-"))
    paths = sorted(p for p in args.corpus.glob("*.txt")
                   if re.match(r"\d{4}_", p.name) and lo <= int(p.name[:4]) <= hi)
    if not paths:
        print(f"{args.corpus}: no reports named YYYY_*.txt for {args.years}", file=sys.stderr)
        return 2
    rows = entities(paths, set(args.type) if args.type else None)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"# {len(paths)} reports, {len(rows)} entities: "
          + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())))
    picked = rows if args.all else random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    for i, (report, typ, label, extractor, evidence) in enumerate(picked, 1):
        ev = evidence if len(evidence) <= 160 else evidence[:160] + "…"
        print(f"{i}\t{report[:4]}\t{typ}\t{label}\t{extractor}\t{ev}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
