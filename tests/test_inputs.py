"""Input folders as an attacker or a careless user leaves them: links out of the folder, names
that hold terminal escape sequences, and one very long report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from kg import cli
from kg.pipeline import Settings, build
from kg.read import ReadError, find_inputs, printable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_links_out_of_the_input_folder_are_skipped_in_one_line(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(SEEDS[0], corpus / "a.txt")
    shutil.copy(SEEDS[1], outside / "secret.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "sub" / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "elsewhere").symlink_to(outside, target_is_directory=True)
    (corpus / "again.txt").symlink_to("a.txt")  # stays inside: read, and only once
    found = list(find_inputs([corpus]))
    files = [p for p in found if not isinstance(p, ReadError)]
    errors = sorted(str(e) for e in found if isinstance(e, ReadError))
    assert files == [corpus / "a.txt", corpus / "again.txt"]
    assert errors == [f"{corpus / 'elsewhere'}: a symbolic link out of the input folder (to {outside}); skipped",
                      f"{corpus / 'passwd.txt'}: a symbolic link out of the input folder (to /etc/passwd); skipped",
                      f"{corpus / 'sub' / 'secret.txt'}: a symbolic link out of the input folder "
                      f"(to {outside / 'secret.txt'}); skipped"]
    res = build([corpus], None, Settings(cache=False))
    assert [d.source for d in res.documents] == [str(corpus / "a.txt")]
    assert len(res.skipped) == 3


def test_a_link_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(SEEDS[0])
    res = build([link], None, Settings(cache=False))
    assert len(res.documents) == 1 and not res.skipped


def test_terminal_control_characters_in_names_are_escaped_when_printed(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus / "good.txt")
    evil = corpus / "x\x1b]0;owned\x07\x1b[2J\r\u202e.txt"
    evil.write_bytes(b"")  # empty: skipped, so its name is printed
    code = cli.main(["build", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c")])
    captured = capsys.readouterr()
    assert code == 1
    for stream in (captured.out, captured.err):
        assert not any(c in stream for c in "\x1b\x07\r\u202e")
    assert "x\\x1b]0;owned\\x07\\x1b[2J\\x0d\\u202e.txt" in captured.err


def test_printable_keeps_chinese_text_and_spacing() -> None:
    text = "海安市　2021年\t报告 ok"
    assert printable(text) == "海安市　2021年\\x09报告 ok"
    assert printable("plain 报告.txt") == "plain 报告.txt"


def test_a_two_million_character_report_builds(tmp_path: Path) -> None:
    """Extraction is linear in a report's length (it was quadratic: 800 k characters took 28 s);
    the speed is measured by bench/bigdoc_bench.py, this checks that the build completes whole."""
    body = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    text = SEEDS[0].read_text(encoding="utf-8")
    while len(text) < 2_000_000:
        text += "\n" + body
    big = tmp_path / "big.txt"
    big.write_text(text[:2_000_000], encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_CACHE_DIR": str(tmp_path / "cache")}
    p = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(out), "--format", "turtle",
                        "-q"], env=env, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    mentions = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?m <http://www.w3.org/ns/prov#wasDerivedFrom> ?r }")
    assert int(next(iter(mentions))["n"].value) > 10_000
