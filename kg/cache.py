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
reads no entry and writes every one anew.

Every entry checks itself before it is used. A pickled entry starts with a header holding its own
key and the SHA-256 of the bytes after it; a shard has a ``.sum`` file beside it holding its ident,
size and SHA-256 (so the shard stays plain Turtle that RDF writers copy as it is). An entry cut
short, emptied, or swapped with another's (its key or ident is not the one asked for) is removed
and treated as a miss: it is extracted or rendered again, and one line saying so is added to
``problems`` for the build to print. A pickle that then fails to load (or holds something else)
is treated the same way; a shard whose checksum holds is the Turtle that was rendered, and is not
parsed again.
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
    from kg.settings import Settings

CACHE_ENV = "KG_CACHE_DIR"
KEEP_VERSIONS = 3
_PKG = Path(__file__).resolve().parent
_CODE = ("read", "extract", "lexicons")  # folders whose every file counts
_FILES = ("segment.py", "model.py", "cache.py", "link.py")
_VERSION_NAME = re.compile(r"[0-9a-f]{20}")
MAGIC = b"KGC1"  # header of a pickled entry: MAGIC, 64 hex digits of its key, 32 bytes of SHA-256


class Damaged(Exception):
    """An entry whose bytes are not the ones written under its name."""


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
    """A folder of pickled Extractions for one code version and one settings key.

    With ``refresh`` (``kg build --no-cache``) no entry older than this build is read; entries
    written by this build (``fresh``) are, so nothing is extracted twice.
    """

    def __init__(self, folder: str | Path, refresh: bool = False) -> None:
        self.folder = Path(folder)
        self.refresh = refresh
        self.fresh: set[str] = set()  # keys and shard idents written by this build
        self.problems: list[str] = []  # one line per damaged entry met

    @classmethod
    def open(cls, settings: Settings, root: str | Path | None = None) -> ExtractionCache:
        base = Path(root) if root is not None else default_root()
        version = base / code_version()[:20]
        cache = cls(version / settings_key(settings), refresh=settings.refresh)
        with contextlib.suppress(OSError):
            cache.folder.mkdir(parents=True, exist_ok=True)
            os.utime(version)
            _prune(base, keep=KEEP_VERSIONS)
        return cache

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def _usable(self, name: str) -> bool:
        return not self.refresh or name in self.fresh

    def _load(self, p: Path, key: str, kind: type, source: str) -> object | None:
        """The object pickled at ``p`` under ``key``, checked; None for a miss (a damaged entry is
        removed and reported)."""
        data = self._read(p, source)
        if data is None:
            return None
        try:
            obj = pickle.loads(unseal(data, key))
        except Damaged as exc:
            return self._damaged(p, source, str(exc))
        except Exception as exc:  # noqa: BLE001 - written by other code, or a foreign file: a miss
            return self._damaged(p, source, f"does not load: {type(exc).__name__}")
        if not isinstance(obj, kind):
            return self._damaged(p, source, f"holds a {type(obj).__name__}, not a {kind.__name__}")
        return obj

    def _read(self, p: Path, source: str) -> bytes | None:
        """An entry's bytes; None for a miss (an unreadable entry is removed and reported)."""
        try:
            return p.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return self._damaged(p, source, exc.strerror or str(exc))

    def _damaged(self, p: Path, source: str, why: str) -> None:
        kind = {".pkl": "extraction", ".rec": "record", ".ttl": "RDF part"}.get(p.suffix, "entry")
        self.problems.append(f"{source}: its cached {kind} was damaged ({why}); made again")
        for q in (p, p.with_name(p.name + ".sum")):
            with contextlib.suppress(OSError):
                q.unlink()
        return None

    def get(self, key: str, source: str) -> Extraction | None:
        """The cached Extraction for these bytes, re-labelled with the path it is read from now."""
        if not self._usable(key):
            return None
        ex = self._load(self.path(key), key, Extraction, source)
        if ex is None:
            return None
        ex.doc.source = source  # type: ignore[attr-defined]
        return ex  # type: ignore[return-value]

    def put(self, key: str, ex: Extraction) -> None:
        """Write-then-rename (no fsync: a lost entry is only a miss); errors are ignored."""
        tokens, ex.doc.tokens = ex.doc.tokens, []
        try:
            if _put(self.path(key), seal(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), key)):
                self.fresh.add(key)
        finally:
            ex.doc.tokens = tokens

    def get_record(self, key: str, source: str) -> DocRecord | None:
        """The cached DocRecord (kg.link.summarise) of these bytes, re-labelled like ``get``."""
        if not self._usable(key):
            return None
        rec = self._load(self.path(key).with_suffix(".rec"), key, DocRecord, source)
        if rec is None:
            return None
        if rec.source != source:  # type: ignore[attr-defined]
            rec.source = source  # type: ignore[attr-defined] # evidence samples name no report: theirs
            for _, ev in rec.observations:  # type: ignore[attr-defined]
                ev.report = source
        return rec  # type: ignore[return-value]

    def put_record(self, key: str, rec: DocRecord) -> None:
        _put(self.path(key).with_suffix(".rec"), seal(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL), key))

    def shard_path(self, ident: str) -> Path:
        return self.folder / "shards" / ident[:2] / f"{ident}.ttl"

    def find_shard(self, ident: str, source: str) -> Path | None:
        """The path of a checked shard, or None. The bytes must match the ``.sum`` beside them
        (the ident too, so a shard swapped with another is caught): they are then exactly the
        bytes the RDF writer rendered. They are not parsed again here: at about 40 MB/s that
        would be 5 s of a 1,000-report rebuild that takes 8; the store parses what it loads."""
        if not self._usable(ident):
            return None
        p = self.shard_path(ident)
        data = self._read(p, source)
        if data is None:
            return None
        try:
            want = p.with_name(p.name + ".sum").read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            want = []
        have = [ident, str(len(data)), hashlib.sha256(data).hexdigest()]
        if want != have:
            why = ("no checksum beside it" if not want else "belongs to another entry" if want[0] != ident
                   else f"{len(data)} bytes, {want[1]} written" if want[1:2] != have[1:2] else "checksum differs")
            return self._damaged(p, source, why)
        return p

    def put_shard(self, ident: str, data: bytes) -> Path | None:
        """Keep one report's RDF part; None if it could not be written (it is then kept in memory)."""
        p = self.shard_path(ident)
        if not _put(p, data):
            return None
        if not _put(p.with_name(p.name + ".sum"), f"{ident} {len(data)} {hashlib.sha256(data).hexdigest()}\n".encode()):
            return None
        self.fresh.add(ident)
        return p


def seal(payload: bytes, key: str) -> bytes:
    """An entry's bytes: who it is (its key), the hash of its payload, the payload."""
    return b"".join((MAGIC, key.encode("ascii")[:64].ljust(64, b"-"), hashlib.sha256(payload).digest(), payload))


def unseal(data: bytes, key: str) -> bytes:
    """The payload of an entry written by ``seal`` under ``key``, or Damaged saying why not."""
    head = len(MAGIC) + 64 + 32
    if not data:
        raise Damaged("empty")
    if not data.startswith(MAGIC) and not MAGIC.startswith(data):
        raise Damaged("not an entry of this cache")
    if len(data) < head:
        raise Damaged("cut short")
    if data[len(MAGIC) : len(MAGIC) + 64] != key.encode("ascii")[:64].ljust(64, b"-"):
        raise Damaged("belongs to another entry")
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[head - 32 : head]:
        raise Damaged("checksum differs: cut or altered")
    return payload


def _put(p: Path, data: bytes) -> bool:
    """Write-then-rename (no fsync: a lost entry is only a miss); False if it could not be written."""
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
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
