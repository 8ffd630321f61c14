"""Write-then-rename for outputs that are folders (the Oxigraph store, the Neo4j import files).

kg.atomic.atomic_write covers one file; a folder export writes many files (each still through
atomic_write) into a temporary sibling folder, and only a complete folder replaces the old one.
Not a registered exporter: a helper the folder exporters share.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it takes the place of ``path``.

    POSIX cannot rename a folder over a non-empty one, so the old folder is first moved aside and
    removed after the swap: readers see either the old or the new folder, never a partial one
    (for the instant between the two renames, none).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        for p in tmp.rglob("*"):  # mkstemp/mkdtemp and RocksDB make private files; an export is shared
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
        os.chmod(path, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
