"""Parallel builds give exactly the serial build's graph: same Turtle, byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import parallel
from kg.pipeline import Settings, build

DATA = Path(__file__).parent / "data" / "inputs"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    shutil.copytree(DATA / "excerpts", d / "excerpts")
    shutil.copytree(DATA / "good", d / "good")
    shutil.copy(DATA / "bad" / "truncated.docx", d / "truncated.docx")
    return d


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    out = tmp_path_factory.mktemp("serial")
    res = build([corpus], out, Settings(cache=False, formats=("turtle",)))
    assert len(res.documents) == 14 and len(res.skipped) == 1
    return (out / "graph.ttl").read_bytes(), res.skipped


def run(corpus: Path, out: Path, **kw) -> tuple[bytes, list[str]]:
    res = build([corpus], out, Settings(cache=False, formats=("turtle",), **kw))
    return (out / "graph.ttl").read_bytes(), res.skipped


def test_process_pool_equals_serial(corpus: Path, serial, tmp_path: Path) -> None:
    assert run(corpus, tmp_path, jobs=2) == serial


def test_pool_results_fill_the_cache_that_a_serial_build_then_reads(corpus: Path, serial, tmp_path: Path) -> None:
    s = Settings(jobs=2, cache_dir=str(tmp_path / "c"), formats=("turtle",))
    first = build([corpus], tmp_path / "a", s)
    assert first.extracted == 15 and first.cached == 0
    s.jobs = 1
    second = build([corpus], tmp_path / "b", s)
    assert second.cached == 14 and second.extracted == 1  # the truncated .docx is tried again
    assert (tmp_path / "b" / "graph.ttl").read_bytes() == serial[0]


def test_executor_choice() -> None:
    assert parallel.resolve("auto", 1, 100) == "serial"
    assert parallel.resolve("auto", 4, 100) == "process"
    assert parallel.resolve("process", 4, 1) == "serial"  # one new report: no pool to start
    assert parallel.resolve("auto", 0, 100) == ("process" if (os.cpu_count() or 1) > 1 else "serial")
    assert parallel.resolve("dask", 2, 3) == "dask"
    with pytest.raises(KeyError, match="unknown executor"):
        parallel.resolve("spark", 2, 3)


def test_worker_turns_extractor_crashes_into_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "r.txt"
    p.write_text("2021年北京市东城区政府工作报告\n各位代表：", encoding="utf-8")

    def boom(doc, settings):
        raise ValueError("bad offset\nsecond line")

    monkeypatch.setattr("kg.work.process", boom)
    o = parallel.work(parallel.Task(0, str(p), ""), Settings())
    assert o.extraction is None
    assert o.error == f"{p}: extraction failed (ValueError: bad offset); please report"


def test_dask_local_cluster_equals_serial(corpus: Path, serial, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask leaves threads behind, after which pools fork-serve instead of fork (the same results)."""
    pytest.importorskip("dask.distributed")
    monkeypatch.delenv(parallel.DASK_ENV, raising=False)  # a local cluster on 127.0.0.1, never the user's
    assert run(corpus, tmp_path, jobs=2, executor="dask") == serial


def test_no_test_reaches_a_users_cluster_or_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """tests/conftest.py: $KG_DASK_SCHEDULER is unset and the extraction cache is a temporary folder."""
    from kg.cache import default_root

    assert parallel.DASK_ENV not in os.environ
    root = default_root().resolve()
    assert root.is_relative_to(tmp_path_factory.getbasetemp().resolve())
    assert not root.is_relative_to(Path.home() / ".cache")


def _imports(module: str) -> set[str]:
    """kg modules a module imports anywhere in it (top level, inside functions, for type checking)."""
    import ast

    path = Path(__file__).resolve().parents[1] / (module.replace(".", "/") + ".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kg"))
    return found


def test_the_build_imports_run_one_way() -> None:
    """pipeline → parallel (executor) → work → stages (cache, read, extract); settings is read by
    all and imports none of them. A cycle here was how the orchestration grew tangled."""
    order = ["kg.pipeline", "kg.parallel", "kg.work", "kg.cache", "kg.settings"]
    for i, module in enumerate(order):
        imported = {m if m in order else m.rsplit(".", 1)[0] for m in _imports(module)}
        assert not imported & set(order[:i]), f"{module} imports {imported & set(order[:i])}"
    assert "kg.parallel" in _imports("kg.pipeline") and "kg.work" in _imports("kg.parallel")
