"""What the README promises on the command line, run as a user runs it.

`kg serve --host/--port` (a real server on 127.0.0.1 answering on the port asked for; the warning
for any other address checked without listening there), `kg viz --report FILE`, and the build
options that must not change the graph: `--jobs`, `--executor`, `--no-cache`, `--segmenter`.
Nothing listens anywhere but 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from kg_seeds import SEEDS, Built, build_once
from test_html import embedded_data

from kg import cli
from kg.segment import pkuseg_available

ROOT = Path(__file__).resolve().parents[1]
EXCERPTS = Path(__file__).parent / "data" / "inputs" / "excerpts"
PARTOF = ('SELECT ?up WHERE { ?p rdfs:label "科尔沁左翼后旗"@zh ; kg:partOf/rdfs:label ?up } ORDER BY ?up')


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- kg serve --host/--port ----------------------------------------------------------------------


def test_serve_listens_on_the_host_and_port_asked_for(seeds: Built) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(seeds.store),
                             "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        banner = proc.stdout.readline()
        assert banner.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/sparql (read-only) over store ")
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": PARTOF})
        req = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.read().decode("utf-8").splitlines() == ["up", "内蒙古自治区", "通辽市"]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "anyone who can reach this machine" not in err  # loopback: no warning


@pytest.mark.parametrize("host,warned", [("0.0.0.0", True), ("192.0.2.7", True), ("127.0.0.1", False),
                                         ("localhost", False), ("::1", False)])
def test_serve_warns_when_asked_to_listen_off_loopback(seeds: Built, capsys, monkeypatch: pytest.MonkeyPatch,
                                                       host: str, warned: bool) -> None:
    """The command is run whole, but its server is made on 127.0.0.1 with a free port, whatever
    host was asked for: the test checks what `kg serve` says and passes on, not the network."""
    import kg.serve_cli as serve_cli
    from kg.serve import make_server

    asked = []

    def loopback_server(source, host, port, settings=None):
        asked.append((host, port))
        srv = make_server(source, "127.0.0.1", 0, settings=settings)
        monkeypatch.setattr(srv, "serve_forever", lambda: (_ for _ in ()).throw(KeyboardInterrupt))
        return srv

    monkeypatch.setattr(serve_cli, "make_server", loopback_server)
    before = signal.getsignal(signal.SIGTERM)
    try:
        assert cli.main(["serve", "--store", str(seeds.store), "--host", host, "--port", "8999", "--workers", "1"]) == 0
    finally:
        signal.signal(signal.SIGTERM, before)
    out = capsys.readouterr()
    assert asked == [(host, 8999)]
    assert out.out.startswith("SPARQL endpoint http://127.0.0.1:")
    warning = f"kg serve: listening on {host}: anyone who can reach this machine can query the graph\n"
    assert (warning in out.err) is warned


# --- kg viz --report -----------------------------------------------------------------------------


def test_viz_report_from_the_command_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert cli.main(["build", str(SEEDS), "-o", str(out), "-q", "--format", "nodelink"]) == 0
    whole = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    report = "report/000_102fbaa1620b6f72"
    mentioned = {e["target"] for e in whole["edges"] if e["source"] == report and e["key"] == "mentions"}
    page = tmp_path / "report.html"
    assert cli.main(["viz", "--graph", str(out / "graph.json"), "--report",
                     str(SEEDS / "000_102fbaa1620b6f72.txt"), "-o", str(page)]) == 0
    assert f"{page}: {len(mentioned)} entities" in capsys.readouterr().out
    data = embedded_data(page.read_text(encoding="utf-8"))
    assert [r["id"] for r in data["reports"]] == [report]
    assert {n["id"] for n in data["nodes"] if n["k"] == "e"} == mentioned and len(mentioned) > 100
    assert "科左后旗" in data["title"] and "2020" in data["title"]  # a readable title, not the file stem


# --- build options that must not change the graph -----------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for p in sorted(EXCERPTS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    return d


def kg_build(capsys, corpus: Path, out: Path, *opts: str) -> tuple[bytes, str]:
    """The Turtle of one `kg build` and the summary line of how many reports it read."""
    assert cli.main(["build", str(corpus), "-o", str(out), "--format", "turtle", *opts]) == 0
    read = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("reports read:"))
    return (out / "graph.ttl").read_bytes(), read


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("serial")
    assert cli.main(["build", str(corpus), "-o", str(out), "-q", "--format", "turtle",
                     "--cache-dir", str(out / "cache")]) == 0
    return (out / "graph.ttl").read_bytes()


N = len(list(EXCERPTS.glob("*.txt")))


@pytest.mark.parametrize("opts", [["--jobs", "2"], ["--jobs", "0"], ["--executor", "process", "--jobs", "2"],
                                  ["--executor", "serial", "--jobs", "2"], ["--segmenter", "jieba"]],
                         ids=" ".join)
def test_build_options_give_the_same_graph(corpus: Path, serial: bytes, tmp_path: Path, capsys,
                                           opts: list[str]) -> None:
    ttl, read = kg_build(capsys, corpus, tmp_path / "out", *opts, "--cache-dir", str(tmp_path / "c"))
    assert read == f"reports read: {N}" and ttl == serial


def test_dask_executor_gives_the_same_graph(corpus: Path, serial: bytes, tmp_path: Path, capsys,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.delenv("KG_DASK_SCHEDULER", raising=False)  # a local cluster on 127.0.0.1
    ttl, read = kg_build(capsys, corpus, tmp_path / "out", "--executor", "dask", "--jobs", "2",
                         "--cache-dir", str(tmp_path / "c"))
    assert read == f"reports read: {N}" and ttl == serial


def test_no_cache_extracts_again_and_gives_the_same_graph(corpus: Path, serial: bytes, tmp_path: Path,
                                                          capsys) -> None:
    cache = ["--cache-dir", str(tmp_path / "c")]
    assert kg_build(capsys, corpus, tmp_path / "a", *cache) == (serial, f"reports read: {N}")
    assert kg_build(capsys, corpus, tmp_path / "b", *cache) == (serial, f"reports read: {N}, {N} from cache")
    assert kg_build(capsys, corpus, tmp_path / "c", *cache, "--no-cache") == (serial, f"reports read: {N}")
    entries = sorted(p.name for p in (tmp_path / "c").rglob("*") if p.is_file())
    assert entries, "--no-cache rewrites the entries"
    assert kg_build(capsys, corpus, tmp_path / "d", *cache) == (serial, f"reports read: {N}, {N} from cache")


@pytest.mark.skipif(not pkuseg_available(), reason="pkuseg model not installed (python -m kg.models fetch-pkuseg)")
def test_segmenter_pkuseg_runs_end_to_end_and_is_cached_apart(corpus: Path, serial: bytes, tmp_path: Path,
                                                              capsys) -> None:
    cache = ["--cache-dir", str(tmp_path / "c")]
    kg_build(capsys, corpus, tmp_path / "a", *cache)  # jieba's entries
    ttl, read = kg_build(capsys, corpus, tmp_path / "b", *cache, "--segmenter", "pkuseg")
    assert read == f"reports read: {N}"  # nothing of jieba's read back: another segmenter, other entries
    assert ttl != serial and b"kg:Place" in ttl
    assert re.search(r'rdfs:label "海安市"@zh', ttl.decode("utf-8"))  # the divisions are found either way
    assert kg_build(capsys, corpus, tmp_path / "c", *cache, "--segmenter", "pkuseg") == (
        ttl, f"reports read: {N}, {N} from cache")
