"""A cache that checks itself: entries cut short, emptied or swapped with another's are misses,
made again and reported in one line each; the outputs equal those of a build without cache.

Three kinds of entry (kg.cache): a report's record (``.rec``, read on every build), its part of
the RDF (``shards/…ttl``, copied into graph.ttl and the store) and its extraction (``.pkl``, read
only when the part must be rendered anew, so that case also removes the parts).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.pipeline import Settings, build

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[:3]
KINDS = {"rec": "*/*.rec", "shard": "shards/*/*.ttl", "pkl": "*/*.pkl"}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ref")
    build(SEEDS, out, Settings(cache=False, formats=("turtle",)))
    return (out / "graph.ttl").read_bytes()


def entries(cache: Path, kind: str) -> list[Path]:
    return sorted(cache.rglob(KINDS[kind]))


def damage(paths: list[Path], how: str) -> None:
    if how == "cut":
        data = paths[0].read_bytes()
        paths[0].write_bytes(data[: len(data) // 2])
    elif how == "empty":
        paths[0].write_bytes(b"")
    else:  # swapped with another entry of the same kind, checksum files and all
        a, b = paths[0], paths[1]
        for x, y in ((a, b), (a.with_name(a.name + ".sum"), b.with_name(b.name + ".sum"))):
            if x.exists():
                tmp = x.with_name("swap")
                x.rename(tmp)
                y.rename(x)
                tmp.rename(y)


def store_triples(folder: Path) -> set[str]:
    store = ox.Store.read_only(str(folder))
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, None)}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("how", ["cut", "empty", "swap"])
def test_a_damaged_entry_is_made_again_and_said_in_one_line(tmp_path: Path, reference: bytes, kind: str,
                                                            how: str) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    s = Settings(cache_dir=str(cache), formats=("turtle", "oxigraph"))
    build(SEEDS, out, s)
    if kind == "pkl":  # the extraction is read only when a report's RDF part must be rendered again
        for p in entries(cache, "shard"):
            p.unlink()
    damage(entries(cache, kind), how)
    lines: list[str] = []
    res = build(SEEDS, out, s, say=lines.append)
    hurt = 2 if how == "swap" else 1
    assert len(lines) == hurt and all("damaged" in line and "made again" in line for line in lines)
    assert {line.split(": its cached")[0] for line in lines} <= {str(p) for p in SEEDS}
    assert res.notes == lines and res.extracted == (hurt if kind == "rec" else 0)
    assert (out / "graph.ttl").read_bytes() == reference
    loaded = ox.Store()
    loaded.bulk_load(reference, format=ox.RdfFormat.TURTLE)
    assert store_triples(out / "graph.oxigraph") == {str(q.triple) for q in loaded}
    again: list[str] = []
    build(SEEDS, out, s, say=again.append)  # the entries were written anew: nothing to report
    assert again == []


def test_a_foreign_file_in_place_of_an_entry_is_a_miss(tmp_path: Path, reference: bytes) -> None:
    """An entry of an older cache format, or any other file, is not unpickled as ours."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    s = Settings(cache_dir=str(cache), formats=("turtle",))
    build(SEEDS, out, s)
    import pickle

    rec = entries(cache, "rec")[0]
    rec.write_bytes(pickle.dumps({"not": "a record"}))
    lines: list[str] = []
    build(SEEDS, out, s, say=lines.append)
    assert len(lines) == 1 and "not an entry of this cache" in lines[0]
    assert (out / "graph.ttl").read_bytes() == reference


def test_no_cache_reads_no_entry_and_rewrites_them(tmp_path: Path, reference: bytes, capsys) -> None:
    """`--no-cache` extracts every report, says nothing of the damaged entries it never read, and
    leaves entries the next build uses without complaint."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ["build", *map(str, SEEDS), "-o", str(out), "--cache-dir", str(cache), "--format", "turtle"]
    assert cli.main(args) == 0
    for kind in KINDS:
        damage(entries(cache, kind), "cut")
    assert cli.main([*args, "--no-cache"]) == 0
    first = capsys.readouterr()
    assert "damaged" not in first.err and "from cache" not in first.out
    assert (out / "graph.ttl").read_bytes() == reference
    assert cli.main(args) == 0
    second = capsys.readouterr()
    assert second.err == "" and f"{len(SEEDS)} from cache" in second.out
    assert (out / "graph.ttl").read_bytes() == reference
    shutil.rmtree(out)
