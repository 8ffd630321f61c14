"""Extraction time against the length of one document: is it linear?

A report of N characters is made by joining the seeds (the first seed's heading on top, so it has a
home county) and cut to N. Each size is read and extracted once, in this process, after a warm-up
on a small seed (segmenter and lexicons loaded), and then built whole (`kg build`, one child
process, no cache) so that linking and export are counted too. Printed: characters, seconds to
read, to extract, microseconds per character (flat when linear), the whole build's wall time and
its peak resident memory (sizes run in increasing order, so the children's maximum is this build's).

    .venv/bin/python bench/bigdoc_bench.py                        # 400 k, 800 k, 2 M characters
    .venv/bin/python bench/bigdoc_bench.py --sizes 100000 4000000 --no-build
    .venv/bin/python bench/bigdoc_bench.py --src /tmp/kg-old      # another checkout, for before/after
    .venv/bin/python bench/bigdoc_bench.py --layout               # the clean view alone: 30 k to 480 k short lines

--layout times kg.read.layout.clean_view on a text of many short lines (page numbers, short lines,
blanks, as a long PDF gives) at doubling sizes: the time per line should stay flat (it was once
quadratic in the number of lines; tests/test_layout.py checks the result, this the speed).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_document(chars: int, folder: Path) -> Path:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    body = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    text = seeds[0].read_text(encoding="utf-8")
    while len(text) < chars:
        text += "\n" + body
    path = folder / f"big{chars // 1000}k.txt"
    path.write_text(text[:chars], encoding="utf-8")
    return path


def layout(src: Path) -> None:
    """Seconds of clean_view against the number of lines, and µs per line (flat when linear)."""
    sys.path.insert(0, str(src.resolve()))
    from kg.read.layout import clean_view

    print(f"{'lines':>9} {'clean_view s':>12} {'µs/line':>8}")
    for reps in (10_000, 20_000, 40_000, 80_000, 160_000):
        text = "\n".join(["— 12 —", "短行 a b c 1 2 3", ""] * reps)
        t = time.perf_counter()
        clean_view(text)
        s = time.perf_counter() - t
        print(f"{3 * reps:>9,} {s:12.2f} {s / (3 * reps) * 1e6:8.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[400_000, 800_000, 2_000_000])
    ap.add_argument("--src", type=Path, default=ROOT, help="checkout whose kg is measured")
    ap.add_argument("--no-build", dest="build", action="store_false", help="extraction only")
    ap.add_argument("--layout", action="store_true", help="time the clean view of many short lines only")
    args = ap.parse_args()
    if args.layout:
        layout(args.src)
        return
    sys.path.insert(0, str(args.src.resolve()))
    from kg.pipeline import Settings, process
    from kg.read import read_path

    settings = Settings()
    process(read_path(sorted((ROOT / "seeds").glob("*.txt"))[-1]), settings)  # warm-up
    print(f"kg from {args.src}")
    print(f"{'chars':>10} {'read s':>7} {'extract s':>9} {'µs/char':>7} {'kg build s':>10} {'peak MiB':>8}")
    with tempfile.TemporaryDirectory(prefix="kg-bigdoc-") as tmp:
        for n in args.sizes:
            path = make_document(n, Path(tmp))
            t0 = time.perf_counter()
            doc = read_path(path)
            t1 = time.perf_counter()
            process(doc, settings)
            t2 = time.perf_counter()
            whole = ""
            if args.build:
                env = {**os.environ, "PYTHONPATH": str(args.src.resolve()), "KG_CACHE_DIR": f"{tmp}/cache"}
                t3 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "kg.cli", "build", str(path), "-o", f"{tmp}/out{n}",
                                "--no-cache", "-q"], check=True, env=env, cwd=tmp)
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                whole = f"{time.perf_counter() - t3:10.2f} {peak:8.0f}"
            print(f"{n:>10,} {t1 - t0:7.2f} {t2 - t1:9.2f} {(t2 - t1) / n * 1e6:7.2f} {whole}", flush=True)


if __name__ == "__main__":
    main()
