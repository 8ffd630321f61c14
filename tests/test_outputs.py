"""The output folder under failure: kill -9 mid-export, two builds at once, folders that cannot be
written, leftovers of killed builds, and folders written by an older kg.

Every check of consistency reads the outputs back: graph.ttl and the store parse, and the reports
in graph.ttl, graph.json and the store are the same set (a mixed set, the Turtle of one build with
the store of another, shows as two different sets, since each build here has other reports).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.export.folder import BUILDS, CURRENT, OutputFolder
from kg.pipeline import Settings, build
from kg.vocab import PREFIX_IRIS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REPORTS = f"SELECT ?r WHERE {{ ?r a <{PREFIX_IRIS['kg']}Report> }}"


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", *args]


def env(cache: Path) -> dict[str, str]:
    return {**os.environ, "KG_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}


def reports(out: Path) -> dict[str, set[str]]:
    """The report ids each output holds, read back from the files (parsing them)."""
    ttl = ox.Store()
    ttl.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    store = ox.Store.read_only(str(out / "graph.oxigraph"))
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    found = {
        "ttl": {s["r"].value.rsplit("/", 1)[-1] for s in ttl.query(REPORTS)},
        "store": {s["r"].value.rsplit("/", 1)[-1] for s in store.query(REPORTS, use_default_graph_as_union=True)},
        "json": {n["id"].rsplit("/", 1)[-1] for n in data["nodes"] if n.get("kind") == "report"},
    }
    return found


def assert_one_build(out: Path) -> set[str]:
    """Every output name leads into one build folder, and all of them hold the same reports."""
    homes = {os.path.realpath(out / n).rsplit("/", 1)[0] for n in ("graph.ttl", "graph.json", "graph.html",
                                                                   "graph.oxigraph", "graph.layout.json")}
    assert homes == {os.path.realpath(out / BUILDS / CURRENT)}
    found = reports(out)
    assert found["ttl"] == found["store"] == found["json"] and found["ttl"], found
    assert "</html>" in (out / "graph.html").read_text(encoding="utf-8")[-200:]
    return found["ttl"]


def processes_naming(marker: str) -> list[int]:
    """Processes whose command line holds ``marker`` (the build and anything it forked)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes()
                state = (d / "stat").read_text().split(") ", 1)[1][:1]
            except OSError:
                continue
            if marker.encode() in cmd and state != "Z":
                pids.append(int(d.name))
    return pids


def wait_gone(marker: str, seconds: float = 5.0) -> list[int]:
    end = time.monotonic() + seconds
    while (left := processes_naming(marker)) and time.monotonic() < end:
        time.sleep(0.05)
    return left


def wait_for(phase: str, proc: subprocess.Popen, out: Path) -> bool:
    """Until the build ``proc`` has taken the lock, started its pool, or begun staging its outputs."""
    end = time.monotonic() + 90
    lock = out / BUILDS / "lock"
    while time.monotonic() < end and proc.poll() is None:
        if phase == "locked" and lock.read_text().strip() == str(proc.pid):
            return True
        if phase == "workers" and len(processes_naming(str(out))) >= 3:
            return True
        if phase == "staging" and any(p.name.startswith("b-") and p.name != os.readlink(out / BUILDS / CURRENT)
                                      for p in (out / BUILDS).iterdir()):
            return True
        time.sleep(0.005)
    return False


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_kill_9_at_any_moment_leaves_one_whole_build(tmp_path: Path) -> None:
    """Builds killed while extracting, while staging, and at several moments of the export: each
    time the folder still shows one whole build, no process of the killed build survives it, and
    the next build removes what the killed ones left."""
    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    corpus.mkdir()
    for p in SEEDS[:2]:
        shutil.copy(p, corpus / p.name)
    assert subprocess.run(kg_command(str(corpus), "-o", str(out), "-q"), env=env(cache)).returncode == 0
    first = assert_one_build(out)
    # each attempt adds reports, so a published attempt shows as a different set of reports
    moments = [("locked", 0.0, ()), ("workers", 0.0, ("-j", "2")), ("staging", 0.0, ()), ("staging", 0.3, ()),
               ("staging", 0.8, ())]
    added = 0
    for n, (phase, delay, extra) in enumerate(moments):
        for k in range(2 if extra else 1):
            shutil.copy(SEEDS[2 + added % 3], corpus / f"extra{n}_{k}.txt")
            added += 1
        proc = subprocess.Popen(kg_command(str(corpus), "-o", str(out), "-q", *extra), env=env(cache),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_for(phase, proc, out), phase
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert wait_gone(str(out)) == []  # the forked view writer and pool workers died with it
        now = assert_one_build(out)
        assert now >= first
    assert subprocess.run(kg_command(str(corpus), "-o", str(out), "-q"), env=env(cache)).returncode == 0
    assert len(assert_one_build(out)) == 2 + added
    left = sorted(p.name for p in (out / BUILDS).iterdir())
    assert left == sorted([CURRENT, "lock", os.readlink(out / BUILDS / CURRENT)])
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != BUILDS]


def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    """The second build waits for the first, says in one line which process it waits for, and the
    folder ends with the second build's outputs whole."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, seeds in ((a, SEEDS[:2]), (b, SEEDS[2:4])):
        folder.mkdir()
        for p in seeds:
            shutil.copy(p, folder / p.name)
    first = subprocess.Popen(kg_command(str(a), "-o", str(out), "-q"), env=env(cache),
                             stderr=subprocess.PIPE, text=True)
    lock = out / BUILDS / "lock"
    end = time.monotonic() + 30
    while time.monotonic() < end and not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        time.sleep(0.01)
    second = subprocess.run(kg_command(str(b), "-o", str(out), "-q"), env=env(cache),
                            stderr=subprocess.PIPE, text=True, timeout=120)
    assert first.wait(timeout=120) == 0 and second.returncode == 0
    waited = second.stderr.strip().splitlines()
    assert waited == [f"kg: {out}: another build (pid {first.pid}) is writing here; waiting for it to finish"]
    assert assert_one_build(out) == {p.stem for p in SEEDS[2:4]}


def run_cli(args: list[str], drop_root: bool = False) -> tuple[int, str]:
    """``kg build`` in a child process; as root, without the power to ignore file permissions."""
    cmd = [sys.executable, "-m", "kg.cli", "build", *args]
    if drop_root and os.geteuid() == 0:
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd]
    p = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stderr


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="root can write anywhere")
def test_read_only_output_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, err = run_cli([str(SEEDS[0]), "-o", str(out), "--cache-dir", str(tmp_path / "c")], drop_root=True)
    finally:
        out.chmod(0o755)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert str(out) in err and "Permission denied" in err


@pytest.mark.parametrize("where", ["output", "parent", "inside"])
def test_something_in_the_way_of_the_output_folder_is_one_line(tmp_path: Path, where: str) -> None:
    out = tmp_path / "out"
    if where == "output":
        out.write_text("not a folder", encoding="utf-8")
        target = out
    elif where == "parent":
        out.write_text("not a folder", encoding="utf-8")
        target, out = out, out / "sub"
    else:
        (out / "graph.ttl").mkdir(parents=True)
        target = out / "graph.ttl"
    code, err = run_cli([str(SEEDS[0]), "-o", str(out), "--cache-dir", str(tmp_path / "c")])
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"kg: {target}: a f") and "in the way" in err


def test_leftovers_of_killed_builds_are_removed_at_the_next_start(tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = Settings(cache=False, formats=("turtle", "oxigraph"))
    build([SEEDS[0]], out, s)
    junk = [out / BUILDS / "b-20200101T000000-1-stale", out / ".graph.oxigraph.x1.tmp", out / ".graph.oxigraph.x2.old"]
    for d in junk:
        (d / "000001.sst").parent.mkdir(parents=True)
        (d / "000001.sst").write_bytes(b"half")
    (out / ".graph.ttl.x3.tmp").write_text("half", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # not ours: kept
    build([SEEDS[0]], out, s)
    assert sorted(p.name for p in out.iterdir()) == [BUILDS, "graph.oxigraph", "graph.ttl", "notes.txt"]
    assert len(list((out / BUILDS).iterdir())) == 3  # lock, current and the build it names


def test_a_folder_written_by_an_older_kg_is_adopted_whole(tmp_path: Path) -> None:
    """Real files and a real store folder where links are now: the first build takes them over
    (the store is still updated from the old one, not loaded anew) and every name becomes a link."""
    out = tmp_path / "out"
    s = Settings(cache_dir=str(tmp_path / "cache"))
    build(SEEDS[:2], out, s)
    legacy = tmp_path / "legacy"
    shutil.copytree(out, legacy, symlinks=False, ignore=shutil.ignore_patterns(BUILDS))
    shutil.rmtree(out)
    legacy.rename(out)
    assert not (out / "graph.ttl").is_symlink() and (out / "graph.oxigraph").is_dir()
    with OutputFolder(out).open({"graph.ttl": False, "graph.oxigraph": True}) as folder:
        adopted = folder.current()
        assert adopted is not None and (adopted / "graph.oxigraph" / "kg-manifest.json").is_file()
    assert all((out / n).is_symlink() for n in ("graph.ttl", "graph.oxigraph", "graph.json", "graph.html"))
    tables = {p.stat().st_ino for p in (out / "graph.oxigraph").glob("*.sst")}
    build(SEEDS[:3], out, s)
    assert assert_one_build(out) == {p.stem for p in SEEDS[:3]}
    # the new store is a checkpoint of the old one (hard links), with one report's graph added
    assert tables & {p.stat().st_ino for p in (out / "graph.oxigraph").glob("*.sst")}


def test_a_build_with_fewer_formats_keeps_the_other_outputs(tmp_path: Path) -> None:
    """`--format turtle` after a full build: the page and the store of the earlier build stay
    (carried into the new build folder, as before they stayed in place)."""
    out = tmp_path / "out"
    build(SEEDS[:1], out, Settings(cache=False))
    page = (out / "graph.html").read_bytes()
    assert cli.main([str(p) for p in ["build", SEEDS[1], "-o", out, "-q", "--format", "turtle",
                                      "--cache-dir", tmp_path / "c"]]) == 0
    assert (out / "graph.html").read_bytes() == page
    assert ox.Store.read_only(str(out / "graph.oxigraph")).query("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert not (out / "graph.oxigraph").resolve().is_symlink() and (out / "graph.oxigraph").resolve().is_dir()


def test_a_full_disk_mid_export_is_one_line_and_keeps_the_previous_build(tmp_path: Path, capsys,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from kg import export

    out = tmp_path / "out"
    args = ["build", str(SEEDS[0]), "-o", str(out), "-q", "--format", "turtle", "--format", "oxigraph",
            "--cache-dir", str(tmp_path / "c")]
    assert cli.main(args) == 0
    before = (out / "graph.ttl").read_bytes()
    real = export.write

    def full(fmt, g, path, **kw):
        if fmt == "oxigraph":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fmt, g, path, **kw)

    monkeypatch.setattr(export, "write", full)
    assert cli.main([*args[:1], str(SEEDS[1]), *args[2:]]) == 2
    err = capsys.readouterr().err
    assert err == (f"kg: {out}: writing the outputs failed (No space left on device); "
                   "the previous outputs are unchanged\n")
    assert (out / "graph.ttl").read_bytes() == before
    assert sorted(p.name for p in (out / BUILDS).iterdir()) == sorted([CURRENT, "lock", os.readlink(out / BUILDS / CURRENT)])


def test_without_symbolic_links_outputs_are_written_in_place(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without links (FAT on a USB stick): the build still writes every output,
    each whole, as plain files."""
    from kg.export import folder

    monkeypatch.setattr(folder, "_symlinks_work", lambda _d: False)
    out = tmp_path / "out"
    build(SEEDS[:1], out, Settings(cache=False))
    build(SEEDS[:2], out, Settings(cache=False))
    assert not any(p.is_symlink() for p in out.iterdir())
    assert sorted(p.name for p in (out / BUILDS).iterdir()) == ["lock"]
    assert assert_reports_agree(out) == {p.stem for p in SEEDS[:2]}


def assert_reports_agree(out: Path) -> set[str]:
    found = reports(out)
    assert found["ttl"] == found["store"] == found["json"]
    return found["ttl"]


def test_a_failure_after_publishing_does_not_undo_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once `current` names the new build, a failure while linking names or removing the old
    build neither fails the build nor removes what it published; the next build finishes the job."""
    import errno

    real = OutputFolder._link_all
    calls: list[int] = []

    def flaky(self: OutputFolder) -> None:
        calls.append(1)
        if len(calls) == 2:  # the call in commit(), after the switch
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(self)

    monkeypatch.setattr(OutputFolder, "_link_all", flaky)
    out = tmp_path / "out"
    res = build(SEEDS[:1], out, Settings(cache=False))
    published = out / BUILDS / os.readlink(out / BUILDS / CURRENT)
    assert (published / "graph.ttl").is_file() and not (out / "graph.ttl").exists()
    assert res.outputs
    build(SEEDS[:1], out, Settings(cache=False))
    assert assert_one_build(out) == {SEEDS[0].stem}
