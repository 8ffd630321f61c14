"""Benchmark the whole build on synthetic corpora against jieba's POS tagger alone.

For each N (default 100 and 1,000) this generates N reports (bench/corpus.py) and measures, each
in a fresh child process so peak memory is the build's own:

* ``full j=1`` / ``full j=2``: a complete build (read, extract, link, export) with an empty cache;
* ``+1 cached``: one report added, rebuilt with the cache and into the output folder of
  ``full j=1`` (so the store is updated in place and the page's layout starts from the last one);
* ``jieba-POS``: ``jieba.posseg`` over the same texts (tokenizer load included), the baseline.

Reported: characters per second, wall time (child start to exit, as a user waits), peak RSS of the
main process and of any worker, output size, and the baseline's wall time divided by the build's
(above 1: the build is faster than POS tagging alone). Goals: ratio >= 1; time linear in N; peak
< 2 GiB at N = 1,000; the +1 rebuild < 5% of a full build.

    .venv/bin/python bench/build_bench.py                       # N = 100 and 1000
    .venv/bin/python bench/build_bench.py --sizes 100 --workdir /tmp/kg-bench
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Children import kg from a snapshot taken when the benchmark starts, so code edited meanwhile can
# neither change the numbers halfway nor invalidate the cache between the full and the +1 build.
SNAPSHOT_ENV = "KG_BENCH_SRC"
for _p in (ROOT, Path(os.environ.get(SNAPSHOT_ENV, ROOT))):
    if str(_p) in sys.path:
        sys.path.remove(str(_p))
    sys.path.insert(0, str(_p))


def _peaks() -> tuple[float, float]:
    """Peak RSS in MiB of this process and of its largest child (Linux reports KiB)."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def _cpu() -> float:
    """User + system CPU seconds of this process and its finished children (pool workers)."""
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def child_build(corpus: str, out: str, cache_dir: str, jobs: int, formats: list[str]) -> dict:
    from kg.pipeline import DEFAULT_FORMATS, Settings, build

    settings = Settings(jobs=jobs, cache=True, cache_dir=cache_dir, formats=tuple(formats or DEFAULT_FORMATS))
    t = time.perf_counter()
    res = build([corpus], out, settings)
    dt = time.perf_counter() - t
    main, workers = _peaks()
    return {
        "sources": [d.source for d in res.documents],  # the parent counts their characters
        "docs": len(res.documents),
        "skipped": len(res.skipped),
        "cached": res.cached,
        "seconds_in_build": dt,
        "timings": res.timings,
        "peak_main_mib": main,
        "peak_worker_mib": workers,
        "output_bytes": sum(p.stat().st_size for p in res.outputs),
        "entities": sum(1 for _, d in res.graph.nodes(data=True) if d.get("kind") == "entity"),
        "kg": str(Path(sys.modules["kg"].__file__).parent),
        "cpu": _cpu(),
    }


def child_jieba(corpus: str) -> dict:
    """jieba.posseg over the texts the build reads (read outside the timed part)."""
    import logging

    import jieba
    from jieba import posseg

    from kg.read import read_path

    texts = [read_path(p).text for p in sorted(Path(corpus).glob("*.txt"))]
    t = time.perf_counter()
    jieba.setLogLevel(logging.WARNING)
    tagger = posseg.POSTokenizer(jieba.Tokenizer())
    tagger.tokenizer.initialize()
    n_words = sum(1 for text in texts for _ in tagger.cut(text))
    dt = time.perf_counter() - t
    return {"chars": sum(map(len, texts)), "words": n_words, "seconds_in_build": dt, "cpu": _cpu(),
            "peak_main_mib": _peaks()[0], "peak_worker_mib": 0.0}


def snapshot(work: Path) -> Path:
    """Copy the kg package as it is now; children import it from there."""
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    return src


def run_child(args: list[str]) -> dict:
    """Run one measurement in a fresh interpreter; wall time is measured from out here."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, SNAPSHOT_ENV: os.environ.get(SNAPSHOT_ENV, str(ROOT))})
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    if "sources" in out:  # counted here, outside the child's wall time
        from kg.read import read_path

        out["chars"] = sum(len(read_path(s).text) for s in out.pop("sources"))
    return out


def bench_size(n: int, work: Path, jobs_list: list[int], formats: list[str]) -> list[dict]:
    from bench.corpus import generate

    corpus = work / f"corpus-{n}"
    if corpus.exists():
        shutil.rmtree(corpus)
    generate(n, corpus)
    rows = []
    base = run_child(["jieba", str(corpus)])
    rows.append({"n": n, "mode": "jieba-POS", **base})
    for jobs in jobs_list:
        cache = work / f"cache-{n}-j{jobs}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(work / f"out-{n}-j{jobs}", ignore_errors=True)  # a full build starts from nothing
        r = run_child(["build", str(corpus), str(work / f"out-{n}-j{jobs}"), str(cache), str(jobs), *formats])
        rows.append({"n": n, "mode": f"full j={jobs}", **r})
    # add one report (report n of the same generator) and rebuild on the first full build's cache
    generate(n + 1, corpus)
    cache = work / f"cache-{n}-j{jobs_list[0]}"
    out = str(work / f"out-{n}-j{jobs_list[0]}")  # the same folder: its store and layout are updated
    r = run_child(["build", str(corpus), out, str(cache), str(jobs_list[0]), *formats])
    rows.append({"n": n, "mode": "+1 cached", **r})
    for row in rows:
        row["chars_per_s"] = row["chars"] / row["wall"]
        row["vs_jieba"] = base["wall"] / row["wall"]
    return rows


def table(rows: list[dict]) -> str:
    head = ("| N | run | chars | wall s | chars/s | jieba-POS wall ÷ this | peak RSS main / worker MiB "
            "| output MB | read / extract / link / export s |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        t = r.get("timings")
        stages = "–"
        if t:
            stages = f"{t['read']:.1f} / {t['extract']:.1f} / {t['link+graph']:.1f} / {t['export']:.1f}"
        out = f"{r['output_bytes'] / 1e6:.1f}" if "output_bytes" in r else "–"
        worker = f"{r['peak_worker_mib']:.0f}" if r.get("peak_worker_mib") else "–"
        lines.append(f"| {r['n']} | {r['mode']} | {r['chars']:,} | {r['wall']:.1f} | "
                     f"{r['chars_per_s']:,.0f} | {r['vs_jieba']:.2f} | {r['peak_main_mib']:.0f} / {worker} "
                     f"| {out} | {stages} |")
    return "\n".join(lines)


def goals(rows: list[dict]) -> list[str]:
    out = []
    by = {(r["n"], r["mode"]): r for r in rows}
    sizes = sorted({r["n"] for r in rows})
    for n in sizes:
        full = by[(n, "full j=1")]
        plus = by[(n, "+1 cached")]
        fulls = [r for r in rows if r["n"] == n and r["mode"].startswith("full")]
        best = max(fulls, key=lambda r: r["vs_jieba"])
        out.append(f"N={n}: build vs jieba-POS: j=1 {full['vs_jieba']:.2f}x, best ({best['mode']}) "
                   f"{best['vs_jieba']:.2f}x (goal >= 1); +1 rebuild {plus['wall'] / full['wall']:.1%} "
                   f"of full (goal < 5%); peak main {full['peak_main_mib']:.0f} MiB (goal < 2048)")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        fa, fb = by[(a, "full j=1")], by[(b, "full j=1")]
        per = [r["wall"] / r["chars"] * 1e6 for r in (fa, fb)]
        out.append(f"linearity: N x{b / a:.0f} → wall x{fb['wall'] / fa['wall']:.1f}, "
                   f"chars x{fb['chars'] / fa['chars']:.1f}; s per million chars {per[0]:.1f} → {per[1]:.1f}")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, *rest = argv[1:]
        if kind == "jieba":
            res = child_jieba(rest[0])
        else:
            corpus, out, cache, jobs, *formats = rest
            res = child_build(corpus, out, cache, int(jobs), formats)
        print(json.dumps(res), flush=True)
        os._exit(0)  # as `kg` does (kg.cli.entry): no object-by-object teardown of the heap
    ap = argparse.ArgumentParser(description="Benchmark kg build against jieba POS tagging.")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts for full builds")
    ap.add_argument("--workdir", default="/tmp/kg-build-bench")
    ap.add_argument("--format", dest="formats", action="append", default=[],
                    help="output formats (default: the build's default)")
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    os.environ[SNAPSHOT_ENV] = str(snapshot(work))
    rows: list[dict] = []
    for n in args.sizes:
        rows += bench_size(n, work, args.jobs, args.formats)
        print(table([r for r in rows if r["n"] == n]), flush=True)
    print()
    print(table(rows))
    print()
    for line in goals(rows):
        print(line)
    (work / "results.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    print(f"\nraw results: {work / 'results.json'} (cpus: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
