"""The Oxigraph store: what `kg build --format oxigraph` writes and `kg query`/`kg serve` open."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from kg_seeds import Built, build_once

from kg.export import available
from kg.export.oxigraph import is_store, write_store
from kg.export.turtle import to_rdf
from kg.pipeline import Settings, build
from kg.store import StoreNotFound, load, open_for_query, open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PARTOF = """PREFIX kg: <https://w3id.org/cn-gwr/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?up WHERE { ?p rdfs:label "科尔沁左翼后旗"@zh ; kg:partOf ?x . ?x rdfs:label ?up }"""


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


def answer(store: ox.Store) -> set[str]:
    return {sol["up"].value for sol in store.query(PARTOF, use_default_graph_as_union=True)}


def test_registered_as_an_exporter() -> None:
    assert available()["oxigraph"].suffix == ".oxigraph"


def test_build_writes_a_store_with_every_triple(seeds: Built) -> None:
    assert is_store(seeds.store)
    s = open_store(seeds.store, read_only=True)
    assert len(s) == len(to_rdf(seeds.graph))
    assert {"通辽市", "内蒙古自治区"} <= answer(s)


def test_read_only_store_refuses_writes(seeds: Built) -> None:
    s = open_store(seeds.store, read_only=True)
    with pytest.raises((OSError, RuntimeError), match="read-write|read only|read-only"):
        s.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert len(s) == len(to_rdf(seeds.graph))


def test_rewrite_replaces_the_folder_whole(seeds: Built, tmp_path) -> None:
    target = tmp_path / "graph.oxigraph"
    write_store(seeds.graph, target)
    (target / "stray").write_text("from an older build", encoding="utf-8")
    write_store(seeds.graph, target)
    assert not (target / "stray").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.oxigraph"]  # no temp folders left
    assert len(open_store(target, read_only=True)) == len(to_rdf(seeds.graph))


def test_failed_write_keeps_the_old_store(seeds: Built, tmp_path, monkeypatch) -> None:
    target = tmp_path / "graph.oxigraph"
    write_store(seeds.graph, target)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ox.Store, "flush", boom)
    with pytest.raises(RuntimeError):
        write_store(seeds.graph, target)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.oxigraph"]
    assert {"通辽市"} <= answer(open_store(target, read_only=True))


def test_open_for_query_order(seeds: Built, tmp_path) -> None:
    opened = open_for_query(store=seeds.store)
    assert opened.read_only and "store" in opened.origin
    mem = open_for_query(graph=seeds.ttl)
    assert not mem.read_only and len(mem.store) == len(opened.store)
    with pytest.raises(StoreNotFound):
        open_for_query(store=tmp_path)  # an empty folder is not a store, and must not become one
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StoreNotFound):
        open_for_query(graph=tmp_path / "missing.ttl")


def test_load_guesses_syntax_from_suffix(seeds: Built) -> None:
    s = open_store()
    n = load(s, seeds.out / "graph.nt")
    assert n == len(to_rdf(seeds.graph)) and "通辽市" in answer(s)
    with pytest.raises(ValueError):
        load(open_store(), seeds.out / "graph.graphml")


def _quads(path) -> set[tuple[str, str]]:
    return {(str(q.triple), str(q.graph_name)) for q in open_store(path, read_only=True)}


def test_a_changed_corpus_updates_the_store_in_place(tmp_path, monkeypatch) -> None:
    """Adding a report copies the old store and writes that report only; removing one drops its
    graph. Either way the store holds exactly what a store written from scratch holds."""
    seeds = sorted(SEEDS.glob("*.txt"))
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for p in seeds[:4]:
        shutil.copy(p, corpus / p.name)
    settings = Settings(formats=("oxigraph",), cache_dir=str(tmp_path / "cache"))
    build([corpus], out, settings)
    shutil.copy(seeds[4], corpus / seeds[4].name)

    def boom(*args, **kwargs):
        raise AssertionError("the whole store was loaded again")

    for change in ("add", "remove"):
        if change == "remove":
            (corpus / seeds[0].name).unlink()
        monkeypatch.setattr(ox.Store, "bulk_extend", boom)
        res = build([corpus], out, settings)
        monkeypatch.undo()
        write_store(res.graph, tmp_path / f"fresh-{change}")
        got = _quads(out / "graph.oxigraph")
        assert got == _quads(tmp_path / f"fresh-{change}")
        reports = {g for _, g in got if "/id/report/" in g}
        assert len(reports) == (5 if change == "add" else 4)
