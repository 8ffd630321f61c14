"""Mutation testing of the core modules with mutmut 3, one module at a time (not in CI: it is slow).

Why per module: mutmut maps each test to the functions it calls and runs, for each mutant, only the
tests that reach the mutated function; a small, fast test selection per module keeps a run to
minutes, where the whole suite (browser, 2 M-character builds) would take days. Each module gets its
own work folder build/mutation/<name>/ (symlinks to the checkout, a pyproject.toml whose
[tool.mutmut] names that module and its tests), so runs never dirty the checkout and results of
one module survive a run of another.

    .venv/bin/python bench/mutation.py                 # every module, in the order below
    .venv/bin/python bench/mutation.py link query      # some modules
    .venv/bin/python bench/mutation.py --report link   # counts of an earlier run, no new run
    .venv/bin/python bench/mutation.py --survivors link  # the surviving mutants' names

Mutants listed in bench/mutation_equivalent.tsv (name, tab, one-line reason) are counted as
equivalent, not survived. Needs the `mutation` extra: pip install -e '.[mutation]'.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
EQUIVALENT = ROOT / "bench" / "mutation_equivalent.tsv"
# What the tests read besides kg/ and tests/ (seeds, the ontology and queries kg.vocab finds at the top).
LINKED = ("kg", "tests", "seeds", "ontology", "queries", "bench", "README.md")
# Slow or environment-bound tests that add minutes per mutant and kill nothing the others do not.
DESELECT = (
    "tests/test_inputs.py::test_a_two_million_character_report_builds",
    "tests/test_layout.py::test_clean_view_is_linear_in_the_number_of_lines",
    "tests/test_guard.py::test_a_broken_860k_query_is_not_parsed_twice",
    # reads make_server.__defaults__, which mutmut's trampoline (a wrapper without defaults) hides
    "tests/test_serve.py::test_listens_on_loopback_by_default",
)


@dataclass(frozen=True)
class Target:
    """A module (glob of files under kg/) and the tests that exercise it."""

    files: tuple[str, ...]
    tests: tuple[str, ...]


_EXTRACT_TESTS = (
    "tests/test_mut_extract.py", "tests/test_extract.py", "tests/test_extract_generalise.py",
    "tests/test_extract_names.py", "tests/test_relations_recall.py", "tests/test_place_precision.py",
    "tests/test_targets.py", "tests/test_heading.py",
)
MODULES: dict[str, Target] = {
    "link": Target(("kg/link.py",), ("tests/test_mut_link.py", "tests/test_robust.py", "tests/test_exports.py")),
    "rdf": Target(("kg/export/rdf.py",), ("tests/test_mut_rdf.py", "tests/test_ontology.py", "tests/test_robust.py")),
    "query": Target(
        ("kg/query.py",),
        ("tests/test_mut_query.py", "tests/test_guard.py", "tests/test_query_cli.py", "tests/test_queries.py"),
    ),
    "serve": Target(("kg/serve.py",), ("tests/test_mut_serve.py", "tests/test_serve.py", "tests/test_endpoint.py")),
    "read": Target(
        ("kg/read/*",),
        ("tests/test_mut_read.py", "tests/test_read.py", "tests/test_layout.py", "tests/test_heading.py",
         "tests/test_inputs.py"),
    ),
    # kg/extract whole (for --sample), and file by file, most central first, on the extraction tests.
    "extract": Target(("kg/extract/*",), _EXTRACT_TESTS),
    **{
        f"extract.{m}": Target(
            (f"kg/extract/{m}.py",),
            (f"tests/test_mut_extract_{m}.py", *_EXTRACT_TESTS),
        )
        for m in ("indicators", "relations", "resolve", "places", "context", "text", "matcher", "policies",
                  "slogans", "projects", "targets", "implements", "enterprises", "figure_lists", "firm_lists",
                  "place_sites", "relation_patterns", "rerank", "__init__")
    },
}


def _toml_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def prepare(name: str, target: Target, new_tests: bool = True) -> Path:
    """Make (or refresh) the module's work folder: links to the checkout and its own mutmut settings."""
    work = WORK / name
    work.mkdir(parents=True, exist_ok=True)
    for entry in LINKED:
        link = work / entry
        if not link.is_symlink():
            link.symlink_to(ROOT / entry)
    base = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    base = base.split("[tool.mutmut]")[0]  # the checkout's own [tool.mutmut] is the last section
    tests = [t for t in target.tests if (ROOT / t).exists() and (new_tests or "/test_mut_" not in t)]
    args = tests + [f"--deselect={d}" for d in DESELECT]
    cfg = (
        "[tool.mutmut]\n"
        'source_paths = ["kg"]\n'
        f"only_mutate = {_toml_list(target.files)}\n"
        f"also_copy = {_toml_list(['seeds', 'ontology', 'queries', 'bench', 'README.md'])}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(args)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:randomly"]\n'
        # a fresh interpreter per mutant: kg_seeds caches a build, and a fork of a process that ran the
        # tests would hand every mutant the graph the unmutated code built.
        'process_isolation = "forkserver"\n'
        'forkserver_warmup = "collect"\n'
        # mutmut's default (15): a mutant's CPU limit is 30 × its tests' time, and the first test of a
        # run also pays for kg_seeds' build, which mutmut's estimate books to one test only.
        "timeout_multiplier = 15.0\n"
    )
    (work / "pyproject.toml").write_text(base + cfg, encoding="utf-8")
    return work


def mutant_names(target: Target) -> list[str]:
    """Every mutant mutmut makes of the target's files (its own generator, no run needed)."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    names: list[str] = []
    for pattern in target.files:
        for path in sorted(ROOT.glob(pattern)):
            if path.suffix != ".py":
                continue
            rel = path.relative_to(ROOT)
            module = ".".join(rel.with_suffix("").parts).removesuffix(".__init__")
            mutated = mutate_file_contents(str(rel), path.read_text(encoding="utf-8"))
            names += [f"{module}.{n}" for n in mutated.mutant_names]
    return names


def run(name: str, work: Path, only: list[str] | None = None) -> float:
    """Run mutmut in the work folder: every mutant not yet tested, or exactly ``only``."""
    mutmut = Path(sys.executable).with_name("mutmut")
    env = dict(os.environ, KG_CACHE_DIR=str(work / "cache"))
    env.pop("KG_DASK_SCHEDULER", None)
    t0 = time.monotonic()
    log = (work / "run.log").open("w", encoding="utf-8")
    subprocess.run([str(mutmut), "run", "--max-children", "1", *(only or [])], cwd=work, env=env, stdout=log, stderr=log, check=False)
    return time.monotonic() - t0


def statuses(work: Path) -> dict[str, str]:
    """Each mutant's status, from the .meta files mutmut leaves beside the mutated sources."""
    from mutmut.stats import status_by_exit_code

    out: dict[str, str] = {}
    for meta in sorted((work / "mutants").rglob("*.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for key, code in data.get("exit_code_by_key", {}).items():
            out[key] = status_by_exit_code[code]
    return out


def exit_codes(work: Path) -> dict[Path, dict[str, int | None]]:
    """mutmut's raw verdicts, per .meta file."""
    return {meta: json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
            for meta in sorted((work / "mutants").rglob("*.meta"))}


def restore(work: Path, before: dict[Path, dict[str, int | None]]) -> None:
    """Put back the verdicts mutmut dropped when the test selection changed (it resets them all):
    a mutant killed before stays killed when tests are only added, so only reruns need running."""
    for meta, codes in before.items():
        if not meta.exists():
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        now = data.get("exit_code_by_key", {})
        for key, code in codes.items():
            if now.get(key) is None and code is not None:
                now[key] = code
        data["exit_code_by_key"] = now
        meta.write_text(json.dumps(data), encoding="utf-8")


def equivalent() -> dict[str, str]:
    if not EQUIVALENT.exists():
        return {}
    rows = (line.split("\t", 1) for line in EQUIVALENT.read_text(encoding="utf-8").splitlines())
    return {r[0].strip(): r[1].strip() for r in rows if len(r) == 2 and not r[0].startswith("#")}


def summary(name: str, work: Path, target: Target, only: set[str] | None = None) -> dict[str, int]:
    st = statuses(work)
    eq = equivalent()
    wanted = tuple(f.removesuffix(".py").removesuffix("*").replace("/", ".") for f in target.files)
    counts: Counter[str] = Counter()
    for key, status in st.items():
        if not key.startswith(wanted) or (only is not None and key not in only):
            continue
        counts["mutants"] += 1
        if status == "survived" and key in eq:
            status = "equivalent"
        counts[status] += 1
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("modules", nargs="*", help=f"default: all of {', '.join(MODULES)}")
    ap.add_argument("--report", action="store_true", help="print counts of earlier runs only")
    ap.add_argument("--survivors", action="store_true", help="list surviving (non-equivalent) mutants")
    ap.add_argument("--without-new", action="store_true",
                    help="leave out the tests written to kill mutants (tests/test_mut_*.py): the 'before' run")
    ap.add_argument("--sample", type=int, metavar="N",
                    help="test only N mutants per module drawn at random, for a quick estimate")
    ap.add_argument("--seed", type=int, default=15, help="seed of --sample (default 15)")
    ap.add_argument("--only-survivors", action="store_true",
                    help="with --sample: rerun only the sampled mutants that survived or timed out before")
    a = ap.parse_args(argv)
    names = a.modules or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}", file=sys.stderr)
        return 2
    print(f"{'module':24} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv':>6} {'timeout':>7} "
          f"{'no tests':>8} {'killed %':>8} {'time':>7}")
    for name in names:
        target = MODULES[name]
        looking = a.report or a.survivors
        work = WORK / name if looking else prepare(name, target, new_tests=not a.without_new)
        only = None
        if a.sample:
            names_ = mutant_names(target)
            only = sorted(random.Random(a.seed).sample(names_, min(a.sample, len(names_))))
        if only and a.only_survivors:
            st = statuses(work)
            only_run = [m for m in only if st.get(m) in ("survived", "no tests", "timeout", None, "not checked")]
        else:
            only_run = only
        before = exit_codes(work) if a.only_survivors else {}
        secs = 0.0 if looking or (only is not None and not only_run) else run(name, work, only_run)
        if before:
            restore(work, before)
        c = summary(name, work, target, set(only) if only else None)
        n = c.get("mutants", 0)
        killed = c.get("killed", 0) + c.get("timeout", 0) + c.get("caught by type check", 0)
        judged = n - c.get("equivalent", 0)
        rate = f"{100 * killed / judged:.1f}" if judged else "-"  # of the mutants not equivalent
        print(f"{name:24} {n:7} {c.get('killed', 0):7} {c.get('survived', 0):8} {c.get('equivalent', 0):6} "
              f"{c.get('timeout', 0):7} {c.get('no tests', 0):8} {rate:>8} {secs:7.0f}", flush=True)
        if a.survivors:
            eq = equivalent()
            for key, status in statuses(work).items():
                if a.sample and key not in (only or ()):
                    continue
                if status in ("survived", "no tests") and key not in eq:
                    print(f"    {key}: {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
