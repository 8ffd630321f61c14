"""A non-editable install behaves like the checkout: the wheel carries the queries and the ontology.

The project is built into a wheel and installed (``pip install --no-deps --no-build-isolation``,
so nothing is downloaded) into a fresh venv whose only view of the dependencies is a ``.pth`` line
naming the test venv's site-packages. That line adds the folder without running its ``.pth``
files, so the editable install of the checkout is not seen: ``kg`` comes from the wheel alone.
The build reads a copy of the sources, so the check does not depend on the checkout's folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin folder, with kg installed from a wheel built from a copy of the sources."""
    pytest.importorskip("setuptools", minversion="77")
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("kg", "queries", "ontology"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "kg-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--no-index", str(src)], capture_output=True, text=True, cwd=work)
    assert r.returncode == 0, r.stderr[-3000:]
    return venv / "bin"


def test_pyproject_has_no_deprecated_setting() -> None:
    """setuptools reads pyproject.toml without a warning (``project.license`` as a table was one)."""
    pytest.importorskip("setuptools", minversion="77")
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dist = apply_configuration(Distribution(), ROOT / "pyproject.toml")
    assert dist.metadata.license_expression == "MIT"


def kg(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([str(bin_dir / "kg"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_the_wheel_holds_every_package_and_the_data(installed: Path, tmp_path: Path) -> None:
    py = installed / "python"
    where = subprocess.run([str(py), "-c", "import kg, pathlib; print(pathlib.Path(kg.__file__).parent)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    pkg = Path(where)
    assert pkg != ROOT / "kg" and pkg.is_dir()  # the wheel's copy, not the checkout
    assert sorted(p.name for p in (pkg / "queries").glob("*.rq")) == sorted(p.name for p in (ROOT / "queries").glob("*.rq"))
    assert {p.name for p in (pkg / "ontology").iterdir()} >= {"kg.ttl", "shapes.ttl"}
    # every subpackage of the checkout made it in (pyproject.toml lists them by hand)
    sub = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("__init__.py")}
    assert {s for s in sub if not (pkg.parent / s / "__init__.py").is_file()} == set()


def test_build_then_query_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    r = kg(installed, "build", "seeds", "-o", "out", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = kg(installed, "query", "--store", "out/graph.oxigraph", "admin-hierarchy", "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.strip().splitlines()
    assert rows[0].split(",") == ["placeName", "code", "aboveName", "aboveCode"]
    assert len(rows) == 9 and "科尔沁左翼后旗,150522,通辽市,150500" in rows
    listed = kg(installed, "query", "--list", cwd=tmp_path).stdout.splitlines()
    assert len(listed) == len(list((ROOT / "queries").glob("*.rq"))) and listed[2].startswith("03-admin-hierarchy")


def test_an_unknown_query_name_lists_the_known_ones(installed: Path, tmp_path: Path) -> None:
    r = kg(installed, "query", "nonsense", cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert "no query named 'nonsense'" in r.stderr and "03-admin-hierarchy" in r.stderr
    assert "16-places-within" in r.stderr and "syntax" not in r.stderr
