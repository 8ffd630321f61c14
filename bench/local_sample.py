"""Draw a seeded random sample of the entities extracted from local reports nobody annotated, for a
hand check: the even-numbered excerpts (other provinces, never scored) and seeds 001/003.

    .venv/bin/python bench/local_sample.py EXCERPTS_DIR SEEDS_DIR --n 60 --seed 20261202
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_sample import entities  # noqa: E402

CHECK = {f"{i:02d}" for i in range(21, 30)}  # excerpts 21–29 are the check split: never sampled


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("excerpts", type=Path)
    ap.add_argument("seeds", type=Path)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261202)
    a = ap.parse_args()
    paths = [p for p in sorted(a.excerpts.glob("*.txt")) if p.name[:2].isdigit()
             and int(p.name[:2]) % 2 == 0 and p.name[:2] not in CHECK]
    paths += sorted(p for p in a.seeds.glob("*.txt") if p.name[:3] in ("001", "003"))
    ents = entities(paths)
    print(f"{len(ents)} entities in {len(paths)} texts", file=sys.stderr)
    for i, (rep, t, label, ext, ev) in enumerate(random.Random(a.seed).sample(ents, a.n), 1):
        print(f"{i}\t{t}\t{label}\t{rep[:12]}\t{ext}\t{ev[:150]}")


if __name__ == "__main__":
    main()
