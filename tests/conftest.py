"""Every test starts from a clean environment: no remote Dask cluster, no user cache.

A user with ``$KG_DASK_SCHEDULER`` set would otherwise send test work to that cluster, and a build
without ``--cache-dir`` would read and fill ``~/.cache/kg-gwr/extract`` (so a second build in a test
mostly reads what an earlier run left there, and the result depends on what ran before). Each
module and each test gets its own cache folder under pytest's temporary folder: module and
session fixtures (one build shared by a file's tests) run before a test's own fixtures, so the
module's folder covers them. Subprocesses inherit the folder through the environment. The pkuseg
model folder is left alone: it is installed, not a cache of results.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.cache import CACHE_ENV
from kg.parallel import DASK_ENV


def _isolate(mp: pytest.MonkeyPatch, factory: pytest.TempPathFactory) -> None:
    mp.delenv(DASK_ENV, raising=False)
    mp.setenv(CACHE_ENV, str(factory.mktemp("kg-cache")))


@pytest.fixture(scope="session", autouse=True)
def _clean_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, tmp_path_factory)
        yield


@pytest.fixture(scope="module", autouse=True)
def _clean_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, tmp_path_factory)
        yield


@pytest.fixture(autouse=True)
def _clean_test(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    _isolate(monkeypatch, tmp_path_factory)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The order was random (pytest-randomly): say how to repeat it, `-q` hides randomly's header."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int) and config.pluginmanager.has_plugin("randomly"):
        terminalreporter.write_line(f"test order: random, repeat it with -p randomly --randomly-seed={seed}")
