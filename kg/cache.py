"""Per-document extraction cache, so adding one report to a corpus of a thousand reads one report.

An entry is the pickled Extraction (tokens dropped) of one file, keyed by the SHA-256 of the
file's bytes, with its DocRecord beside it (``.rec``: what linking reads, so a rebuild loads
records, not documents) and, under ``shards/``, the report's part of the RDF as last rendered
(named by its content and the corpus ids it used; see kg.pipeline). Entries live under a folder named by a *version*: a hash of everything that can
change what extraction produces (the code in kg/read, kg/extract, kg/segment.py, kg/model.py,
kg/link.py; every file in kg/lexicons; the jieba and jionlp versions; the segmenter and the
extractor list). Editing a lexicon or an extractor therefore starts a fresh folder; nothing stale
is ever read. Settings that act after extraction (``min_confidence``, formats) are not in the key.

Location: ``$KG_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/kg-gwr/extract`` (``~/.cache/kg-gwr/
extract``), shared by all output folders. Only the three most recently used versions are kept.
The cache is pickle, so it is trusted like any file in your home folder; ``kg build --no-cache``
ignores it and rebuilds every entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import DocRecord, Extraction

if TYPE_CHECKING:
    from kg.pipeline import Settings

CACHE_ENV = "KG_CACHE_DIR"
KEEP_VERSIONS = 3
_PKG = Path(__file__).resolve().parent
_CODE = ("read", "extract", "lexicons")  # folders whose every file counts
_FILES = ("segment.py", "model.py", "cache.py", "link.py")
_VERSION_NAME = re.compile(r"[0-9a-f]{20}")


def default_root() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from kg.segment import cache_root

    return cache_root() / "extract"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the extraction code and data (read fresh per process; a few ms)."""
    h = hashlib.sha256(f"py{sys.version_info[0]}.{sys.version_info[1]}".encode())
    files = [p for d in _CODE for p in (_PKG / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [_PKG / f for f in _FILES]
    for p in sorted(files):
        h.update(str(p.relative_to(_PKG)).encode() + b"\0")
        h.update(p.read_bytes())
    for dist in ("jieba", "jionlp"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none".encode())
    return h.hexdigest()


def settings_key(settings: Settings) -> str:
    """The part of the settings extraction depends on."""
    parts = [settings.segmenter, ",".join(settings.pipeline)]
    if settings.segmenter == "pkuseg":
        from kg.segment import pkuseg_model_dir

        folder = pkuseg_model_dir()
        parts += [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(folder.glob("*"))
                  if p.is_file()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class ExtractionCache:
    """A folder of pickled Extractions for one code version and one settings key."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def open(cls, settings: Settings, root: str | Path | None = None) -> ExtractionCache:
        base = Path(root) if root is not None else default_root()
        version = base / code_version()[:20]
        cache = cls(version / settings_key(settings))
        with contextlib.suppress(OSError):
            cache.folder.mkdir(parents=True, exist_ok=True)
            os.utime(version)
            _prune(base, keep=KEEP_VERSIONS)
        return cache

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str, source: str) -> Extraction | None:
        """The cached Extraction for these bytes, re-labelled with the path it is read from now."""
        p = self.path(key)
        try:
            with open(p, "rb") as fh:
                ex = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a torn or foreign entry is just a miss
            with contextlib.suppress(OSError):
                p.unlink()
            return None
        if not isinstance(ex, Extraction):
            return None
        ex.doc.source = source
        return ex

    def put(self, key: str, ex: Extraction) -> None:
        """Write-then-rename (no fsync: a lost entry is only a miss); errors are ignored."""
        tokens, ex.doc.tokens = ex.doc.tokens, []
        try:
            _put(self.path(key), ex)
        finally:
            ex.doc.tokens = tokens


    def get_record(self, key: str, source: str) -> DocRecord | None:
        """The cached DocRecord (kg.link.summarise) of these bytes, re-labelled like ``get``."""
        try:
            with open(self.path(key).with_suffix(".rec"), "rb") as fh:
                rec = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a torn entry is a miss
            return None
        if not isinstance(rec, DocRecord):
            return None
        if rec.source != source:  # evidence samples name no report: the record's source is theirs
            rec.source = source
            for _, ev in rec.observations:
                ev.report = source
        return rec

    def put_record(self, key: str, rec: DocRecord) -> None:
        _put(self.path(key).with_suffix(".rec"), rec)

    def shard_path(self, ident: str) -> Path:
        return self.folder / "shards" / ident[:2] / f"{ident}.ttl"

    def put_shard(self, ident: str, data: bytes) -> Path | None:
        """Keep one report's RDF part; None if it could not be written (it is then kept in memory)."""
        p = self.shard_path(ident)
        return p if _put(p, data) else None


def _put(p: Path, obj: object) -> bool:
    """Write-then-rename (no fsync: a lost entry is only a miss); bytes as they are, else pickled."""
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                if isinstance(obj, bytes):
                    fh.write(obj)
                else:
                    pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


def _prune(base: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used code versions (only folders named like one)."""
    versions = sorted((d for d in base.iterdir() if d.is_dir() and _VERSION_NAME.fullmatch(d.name)),
                      key=lambda d: d.stat().st_mtime, reverse=True)
    for old in versions[keep:]:
        shutil.rmtree(old, ignore_errors=True)
