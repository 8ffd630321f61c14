"""Builds that meet bad input, reuse their cache and never leave a half-written output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import cache as kcache
from kg import cli, export
from kg.atomic import atomic_write
from kg.export.folder import OutputError
from kg.pipeline import Settings, build

DATA = Path(__file__).parent / "data" / "inputs"
GOOD = DATA / "good"
BAD = DATA / "bad"
EXCERPTS = DATA / "excerpts"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(EXCERPTS, d)
    return d


def settings(tmp_path: Path, **kw) -> Settings:
    return Settings(cache_dir=str(tmp_path / "cache"), formats=("turtle",), **kw)


def test_bad_inputs_are_skipped_with_one_line_each_and_the_build_goes_on(tmp_path: Path) -> None:
    res = build([GOOD, BAD, tmp_path / "missing.txt"], tmp_path / "out", settings(tmp_path))
    assert len(res.documents) == 7
    assert len(res.skipped) == 13  # the folder's bad files with report suffixes, and the missing path
    assert res.skipped[0] == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert all("\n" not in line and line.startswith(str(BAD)) for line in res.skipped[1:])
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_cli_exit_status_and_summary_list_what_was_skipped(tmp_path: Path, capsys) -> None:
    base = ["build", "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"), "--format", "turtle"]
    assert cli.main([*base, str(GOOD)]) == 0
    out, err = capsys.readouterr()
    assert "reports read: 7" in out and err == ""  # no progress bar: stderr is not a terminal
    assert cli.main([*base, str(GOOD), str(BAD / "empty.txt"), str(BAD / "truncated.pdf")]) == 1
    out, err = capsys.readouterr()
    assert "reports read: 7 (skipped 2)" in out
    assert f"kg: skipped {BAD / 'empty.txt'}: empty file (0 bytes)" in err.splitlines()
    assert f"kg: skipped {BAD / 'truncated.pdf'}: truncated PDF (no %%EOF at the end)" in err.splitlines()
    assert cli.main([*base, "-q", str(BAD)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "no report could be read" in err


def test_second_build_comes_from_the_cache_and_is_identical(corpus: Path, tmp_path: Path) -> None:
    s = settings(tmp_path)
    first = build([corpus], tmp_path / "a", s)
    assert (first.cached, first.extracted) == (0, 7)
    second = build([corpus], tmp_path / "b", s)
    assert (second.cached, second.extracted) == (7, 0)
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()
    assert all(not d.tokens for d in second.documents)


def test_adding_one_report_reads_one_report(corpus: Path, tmp_path: Path) -> None:
    s = settings(tmp_path)
    build([corpus], None, s)
    shutil.copy(GOOD / "wuwei.pdf", corpus / "new.pdf")
    res = build([corpus], None, s)
    assert (res.cached, res.extracted) == (7, 1)
    nocache = build([corpus], None, settings(tmp_path, cache=False))
    assert (nocache.cached, nocache.extracted) == (0, 8)


def test_a_copy_under_another_name_hits_the_cache_with_its_own_source(corpus: Path, tmp_path: Path) -> None:
    s = settings(tmp_path)
    build([corpus / "05_haian.txt"], None, s)
    shutil.copy(corpus / "05_haian.txt", tmp_path / "copy.txt")
    res = build([tmp_path / "copy.txt"], None, s)
    assert res.cached == 1 and res.documents[0].source == str(tmp_path / "copy.txt")
    assert {r for _, d in res.graph.nodes(data=True) for r in d.get("reports", [])} == {"report/copy"}


def test_torn_cache_entries_are_misses(corpus: Path, tmp_path: Path) -> None:
    s = settings(tmp_path)
    build([corpus], None, s)
    torn = [p for p in (tmp_path / "cache").rglob("*") if p.suffix in (".pkl", ".rec")]
    assert len(torn) == 14  # an extraction and its record per report
    for p in torn:
        p.write_bytes(p.read_bytes()[:50])
    res = build([corpus], None, s)
    assert (res.cached, res.extracted) == (0, 7)


def test_cache_version_changes_with_lexicons_and_extractor_code(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "kg"
    for d in ("read", "extract", "lexicons"):
        shutil.copytree(Path(kcache.__file__).parent / d, pkg / d, ignore=shutil.ignore_patterns("__pycache__"))
    for f in kcache._FILES:
        shutil.copy(Path(kcache.__file__).parent / f, pkg / f)
    monkeypatch.setattr(kcache, "_PKG", pkg)

    def version() -> str:
        kcache.code_version.cache_clear()
        return kcache.code_version()

    v0 = version()
    assert version() == v0
    with open(pkg / "lexicons" / "slogans.tsv", "a", encoding="utf-8") as fh:
        fh.write("新口号\tSlogan\n")
    v1 = version()
    (pkg / "extract" / "places.py").write_text("# changed\n", encoding="utf-8")
    v2 = version()
    assert len({v0, v1, v2}) == 3
    kcache.code_version.cache_clear()
    a = kcache.settings_key(Settings())
    assert a != kcache.settings_key(Settings(segmenter="jieba-pos"))
    assert a == kcache.settings_key(Settings(min_confidence=0.5, formats=("html",), jobs=4))


def test_cache_keeps_only_recent_versions_and_nothing_else_is_touched(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    (root / "notes").mkdir()  # not a version folder: never removed
    for i in range(5):
        (root / f"{i:020x}").mkdir()
    kcache.ExtractionCache.open(Settings(), root)
    kept = sorted(p.name for p in root.iterdir())
    assert "notes" in kept and len(kept) == 1 + kcache.KEEP_VERSIONS


def test_interrupted_write_leaves_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as fh:
        fh.write("half of the new grap")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


@pytest.mark.parametrize("threads", [1, 2], ids=["forked-views", "sequential"])
def test_interrupted_build_keeps_previous_outputs(corpus: Path, tmp_path: Path, capsys,
                                                  monkeypatch: pytest.MonkeyPatch, threads: int) -> None:
    """Both ways of writing the outputs, whatever threads earlier tests left alive: the views in a
    forked child beside the RDF (this process alone), or one after the other (other threads)."""
    from kg import pipeline

    monkeypatch.setattr(pipeline.threading, "active_count", lambda: threads)
    out = tmp_path / "out"
    args = ["build", str(corpus), "-o", str(out), "--cache-dir", str(tmp_path / "c"), "-q",
            "--format", "turtle", "--format", "nodelink"]
    assert cli.main(args) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    real = export.write

    writers = tmp_path / "writers"

    def stop_in_second(fmt, g, path, **kw):  # the RDF, written while a forked child writes the JSON
        with open(writers, "a") as fh:
            fh.write(f"{fmt} {os.getpid()}\n")
        if fmt == "turtle":
            raise KeyboardInterrupt
        return real(fmt, g, path, **kw)

    monkeypatch.setattr(export, "write", stop_in_second)
    shutil.copy(GOOD / "shuangbai_gbk.txt", corpus)
    assert cli.main(args) == 130
    assert "interrupted" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # all or nothing: the Turtle written before the stop is not published
    assert [p.name for p in (out / ".kg-builds").iterdir() if p.name.startswith("b-")] == [
        os.readlink(out / ".kg-builds" / "current")]  # the staging folder is gone
    wrote = dict(line.split() for line in writers.read_text().splitlines())
    assert wrote["turtle"] == str(os.getpid())
    if threads == 1:  # the JSON was written by the forked child
        assert wrote["nodelink"] != str(os.getpid())
    else:  # one after the other: the stop came first
        assert "nodelink" not in wrote


def test_same_file_name_in_two_folders_stays_two_reports_with_stable_ids(tmp_path: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
    shutil.copy(EXCERPTS / "05_haian.txt", tmp_path / "a" / "报告.txt")
    shutil.copy(EXCERPTS / "21_wuwei.txt", tmp_path / "b" / "报告.txt")
    ids = []
    for _ in range(2):
        res = build([tmp_path / "a", tmp_path / "b", tmp_path / "a" / "报告.txt"], None, settings(tmp_path))
        assert len(res.documents) == 2  # the file named twice is read once
        ids.append(sorted(n for n, d in res.graph.nodes(data=True) if d.get("kind") == "report"))
    assert len(set(ids[0])) == 2 and ids[0] == ids[1]


def test_a_build_that_reads_nothing_keeps_the_previous_outputs(tmp_path):
    from kg.pipeline import Settings, build

    good = tmp_path / "good.txt"
    good.write_text("2020年科左后旗人民政府工作报告\n全旗地区生产总值完成122.05亿元。", encoding="utf-8")
    out = tmp_path / "out"
    build([good], out, Settings(formats=("turtle",), cache=False))
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = build([empty], out, Settings(formats=("turtle",), cache=False))
    assert res.documents == [] and res.skipped and res.outputs == []
    assert (out / "graph.ttl").read_bytes() == before


def test_a_rebuild_after_a_change_equals_a_build_from_scratch(tmp_path: Path) -> None:
    """Reports added or removed: the kept reports' RDF comes from their shards, yet the Turtle is
    byte for byte what a build without cache writes. The same report under two names gives its
    relation evidence once (the first copy owns it), and the copy takes over when the first goes."""
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for p in seeds[:2]:
        shutil.copy(p, corpus / p.name)
    shutil.copy(seeds[0], corpus / "zz_copy.txt")
    s = Settings(cache_dir=str(tmp_path / "cache"), formats=("turtle",))
    build([corpus], out, s)
    shards = sorted((tmp_path / "cache").rglob("shards/*/*.ttl"))
    assert len(shards) == 3
    for step, change in enumerate(["add", "remove"]):
        if change == "add":
            shutil.copy(seeds[2], corpus / seeds[2].name)
        else:
            (corpus / seeds[0].name).unlink()
        res = build([corpus], out, s)
        assert res.extracted == (1 if change == "add" else 0)
        scratch = build([corpus], tmp_path / f"scratch{step}", Settings(cache=False, formats=("turtle",)))
        assert scratch.outputs and (out / "graph.ttl").read_bytes() == scratch.outputs[0].read_bytes()
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "zz_copy" in text and seeds[0].stem not in text


def test_report_shards_join_into_the_mapping_of_the_whole_graph(corpus: Path, tmp_path: Path) -> None:
    """A corpus build writes each report's RDF alone (under the corpus's ids) and joins the parts;
    mapping one graph that holds every evidence gives exactly the same triples."""
    import pyoxigraph as ox

    from kg import graph as kgraph
    from kg.export.rdf import triples
    from kg.link import link
    from kg.pipeline import process
    from kg.read import read_path, source_names

    res = build([corpus], tmp_path / "out", Settings(cache=False, formats=("turtle",)))
    joined = {str(q.triple) for q in ox.parse(path=str(res.outputs[0]), format=ox.RdfFormat.TURTLE)}
    paths = sorted(corpus.rglob("*.txt"))
    exs = [process(read_path(p), Settings()) for p in paths]
    whole = link(exs)
    g = kgraph.build([ex.doc for ex in exs], whole.entities, whole.relations, whole.observations, whole.place_of,
                     source_names([corpus], paths))
    mapped = {str(t) for t in triples(g)}
    assert len(joined) > 1000 and joined == mapped


def test_a_view_failing_in_its_forked_writer_fails_the_build(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """The views are written by a forked process beside the RDF; its failure reaches the caller
    in one line, and leaves no half-written page behind."""
    import dataclasses

    def broken(*args, **kwargs):
        raise OSError("disk full")

    from kg import pipeline

    export.available()
    monkeypatch.setitem(export._REGISTRY, "html", dataclasses.replace(export.get("html"), write=broken))
    # an earlier test's helper thread would make the build write sequentially; fork is safe here
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 1)
    out = tmp_path / "out"
    with pytest.raises(OutputError, match=r"writing html failed: OSError: disk full; the previous outputs are unchanged"):
        build([corpus], out, Settings(cache=False, formats=("turtle", "html")))
    assert sorted(p.name for p in out.iterdir()) == [".kg-builds"]  # nothing published, nothing left
    assert sorted(p.name for p in (out / ".kg-builds").iterdir()) == ["lock"]
