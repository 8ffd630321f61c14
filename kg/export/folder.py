"""The output folder: all-or-nothing builds, one at a time, and write-then-rename for folder exports.

Layout (every name a build writes is a link into the build that is current)::

    output/
      graph.ttl       -> .kg-builds/current/graph.ttl
      graph.html      -> .kg-builds/current/graph.html
      graph.oxigraph  -> .kg-builds/current/graph.oxigraph
      …
      .kg-builds/
        lock                      held (flock) by the build writing here; holds its pid
        current -> b-…            the build whose outputs are served
        b-20261201T180102-4242-…/ one complete build: graph.ttl, graph.html, graph.oxigraph/, …

A build writes every output into a new ``b-…`` folder (staging) and then switches ``current`` to it
with one rename of a symbolic link. So graph.ttl, the page, the JSON and the store always come from
one build, whatever moment the build is killed at: before the rename every name still shows the
previous build, after it the new one. The staging folder starts as hard links to the previous
build's files (the page's layout sidecar and the outputs of formats this build does not write are
carried over; the exporters replace a file by renaming, never in place) and a link to its store
(kg.store starts the new store as a checkpoint of it). Whatever a killed build leaves (staging
folders, an old build not yet removed, temporary files) is removed when the next build starts.

A folder written by an older kg (real files where links are now) is adopted on the first build:
its outputs are hard-linked into a ``b-…`` folder made current, then each name is replaced by its
link, so a reader sees the same build throughout.

Where the file system has no symbolic links, outputs are written in place as before (each file
still whole, the set not). The lock is ``flock``: the kernel releases it when its holder dies.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock, builds are the user's to keep apart
    fcntl = None  # type: ignore[assignment]

BUILDS = ".kg-builds"
CURRENT = "current"
LOCK = "lock"


class OutputError(Exception):
    """The output folder cannot be used; the message is one line naming it."""


class OutputFolder:
    """An output folder held by this build: ``open`` locks and tidies it, ``stage`` gives a folder
    to write into, ``commit`` publishes it whole, ``close`` unlocks."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.builds = self.out / BUILDS
        self.direct = False  # no symbolic links here: write in place
        self._lock: int | None = None

    # --- holding the folder -------------------------------------------------------------------

    def open(self, names: dict[str, bool], say: Callable[[str], None] | None = None) -> OutputFolder:
        """Create and lock the folder (waiting for another build, after saying so), remove what a
        killed build left and adopt outputs of an older kg. OutputError, before any work is done,
        if it cannot be written or something is in the way of the names this build writes
        (``names``: file name → whether it is a folder)."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.builds.mkdir(exist_ok=True)
            self._lock = os.open(self.builds / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except (FileExistsError, NotADirectoryError):
            where = next((p for p in (self.out, *self.out.parents) if p.exists() and not p.is_dir()), self.out)
            raise OutputError(f"{where}: a file is in the way of the output folder {self.out}") from None
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write the output folder here ({exc.strerror or exc})") from None
        self._take_lock(say)
        try:
            self._check(names)
            self._tidy()
            self.direct = not _symlinks_work(self.builds)
            if not self.direct:
                self._adopt()
                self._link_all()
        except OutputError:
            self.close()
            raise
        except OSError as exc:
            self.close()
            raise OutputError(f"{self.out}: cannot prepare the output folder ({exc.strerror or exc})") from None
        return self

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the flock
            self._lock = None

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _take_lock(self, say: Callable[[str], None] | None) -> None:
        if fcntl is None or self._lock is None:
            return
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._lock, 32, 0).decode("ascii", "replace").strip() or "unknown"
            if say is not None:
                say(f"{self.out}: another build (pid {holder}) is writing here; waiting for it to finish")
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        os.ftruncate(self._lock, 0)
        os.pwrite(self._lock, f"{os.getpid()}\n".encode(), 0)

    # --- the build's folder -------------------------------------------------------------------

    def current(self) -> Path | None:
        """The folder of the build now served, if any."""
        link = self.builds / CURRENT
        try:
            name = os.readlink(link)
        except OSError:
            return None
        target = self.builds / name
        return target if "/" not in name and target.is_dir() else None

    def _check(self, names: dict[str, bool]) -> None:
        """OutputError if something not ours is in the way of a name this build writes."""
        for name, is_dir in names.items():
            p = self.out / name
            if p.is_symlink() or not p.exists():
                continue
            if p.is_dir() != is_dir:
                what = "a folder" if p.is_dir() else "a file"
                raise OutputError(f"{p}: {what} is in the way of the {'folder' if is_dir else 'file'} this build writes")

    def stage(self) -> Path:
        """A new build folder, holding links to the current build's outputs (see the module doc)."""
        if self.direct:
            return self.out
        stamp = time.strftime("%Y%m%dT%H%M%S")
        new = Path(tempfile.mkdtemp(prefix=f"b-{stamp}-{os.getpid()}-", dir=self.builds))
        os.chmod(new, 0o755)
        cur = self.current()
        for entry in _entries(cur) if cur is not None else []:
            if entry.is_dir():
                os.symlink(os.path.join("..", cur.name, entry.name), new / entry.name)
            else:
                _link_or_copy(entry, new / entry.name)
        return new

    def commit(self, new: Path) -> None:
        """Publish ``new`` whole: one rename switches every output; then remove the old build."""
        if self.direct:
            return
        for entry in list(new.iterdir()):
            if entry.is_symlink():  # a folder carried over unchanged: make it this build's own
                src = entry.resolve()
                entry.unlink()
                shutil.copytree(src, entry, copy_function=_link_or_copy)
        _fsync_dir(new)
        old = self.current()
        tmp = self.builds / f".{CURRENT}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(new.name, tmp)
        os.replace(tmp, self.builds / CURRENT)  # the build is published: what follows is tidying
        _fsync_dir(self.builds)
        with contextlib.suppress(OSError):  # the next build's open() links and removes what is left
            self._link_all()
            if old is not None and old != new:
                shutil.rmtree(old, ignore_errors=True)

    def discard(self, new: Path) -> None:
        """Drop a staging folder that was not published (never the current build)."""
        if not self.direct and new.parent == self.builds and new != self.current():
            shutil.rmtree(new, ignore_errors=True)

    # --- tidying ------------------------------------------------------------------------------

    def _tidy(self) -> None:
        """Remove what a killed build left: staging folders, an old build, temporary files."""
        cur = self.current()
        for p in self.builds.iterdir():
            if p.name in (LOCK, CURRENT) or (cur is not None and p.name == cur.name):
                continue
            _remove(p)
        for p in self.out.iterdir():
            if p.name.startswith(".graph") and p.name.endswith((".tmp", ".old", ".kglink")):
                _remove(p)  # kg.atomic / atomic_dir leftovers of a build killed mid-write

    def _adopt(self) -> None:
        """Outputs of an older kg (real files and folders named like ours) join the current build,
        hard-linked, before their names become links: every reader sees one build throughout."""
        legacy = [p for p in _entries(self.out) if p.name.startswith("graph.") and not p.is_symlink()]
        if not legacy:
            return
        cur = self.current()
        if cur is None:
            cur = Path(tempfile.mkdtemp(prefix=f"b-{time.strftime('%Y%m%dT%H%M%S')}-adopted-", dir=self.builds))
            os.chmod(cur, 0o755)
            for p in legacy:
                _copy_linked(p, cur / p.name)
            _fsync_dir(cur)
            tmp = self.builds / f".{CURRENT}.{os.getpid()}.tmp"
            os.symlink(cur.name, tmp)
            os.replace(tmp, self.builds / CURRENT)
        else:
            for p in legacy:
                if not (cur / p.name).exists():
                    _copy_linked(p, cur / p.name)

    def _link_all(self) -> None:
        """Every output of the current build reachable by its name in the output folder."""
        cur = self.current()
        if cur is None:
            return
        for entry in _entries(cur):
            name = self.out / entry.name
            target = os.path.join(BUILDS, CURRENT, entry.name)
            if name.is_symlink() and os.readlink(name) == target:
                continue
            tmp = self.out / f".{entry.name}.{os.getpid()}.kglink"
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            os.symlink(target, tmp)
            if name.is_dir() and not name.is_symlink():  # an adopted folder: rename cannot replace it
                aside = Path(tempfile.mkdtemp(prefix="aside-", dir=self.builds))
                os.replace(name, aside / entry.name)
                os.replace(tmp, name)
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(tmp, name)


@contextlib.contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it takes the place of ``path``.

    POSIX cannot rename a folder over a non-empty one, so the old folder is first moved aside and
    removed after the swap: readers see either the old or the new folder, never a partial one
    (for the instant between the two renames, none). ``path`` may be a link to the previous
    build's folder (kg.export.folder stages builds that way): the link is moved aside, not its target.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        for p in tmp.rglob("*"):  # mkstemp/mkdtemp and RocksDB make private files; an export is shared
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        old = None
        if path.exists() or path.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
        os.chmod(path, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _entries(folder: Path) -> list[Path]:
    """A build folder's outputs (hidden names are temporary files, never outputs)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _symlinks_work(folder: Path) -> bool:
    probe = folder / f".probe.{os.getpid()}"
    try:
        with contextlib.suppress(FileNotFoundError):
            probe.unlink()
        os.symlink(CURRENT, probe)
        probe.unlink()
        return True
    except OSError:
        return False


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    """A hard link (a finished build's files are never changed in place), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _copy_linked(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, copy_function=_link_or_copy)
    else:
        _link_or_copy(src, dst)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
