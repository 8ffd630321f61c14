"""Every test starts from a clean environment: no remote Dask cluster, no user cache.

A user with ``$KG_DASK_SCHEDULER`` set would otherwise send test work to that cluster, and a build
without ``--cache-dir`` would read and fill ``~/.cache/kg-gwr/extract`` (so a second build in a test
mostly reads what an earlier run left there). Each test gets its own cache folder under pytest's
temporary folder; subprocesses inherit it through the environment. The pkuseg model folder is left
alone: it is installed, not a cache of results.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.cache import CACHE_ENV
from kg.parallel import DASK_ENV


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    monkeypatch.delenv(DASK_ENV, raising=False)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("kg-cache")))
    yield
