"""Install optional model files: ``python -m kg.models fetch-pkuseg [--dest DIR]``.

Why: the spacy-pkuseg wheel carries no model and would download one from a host that these
machines cannot reach. The pkuseg 0.0.25 release on PyPI carries its ``default`` model inside
its wheels and sdist, so we fetch that release through the configured package registry with pip
(a prebuilt wheel for a fixed foreign platform, hash-pinned, ``--no-deps``: nothing is built or
installed) and extract only ``pkuseg/models/default/{features.pkl,weights.npz}``.

Licence: pkuseg is classified "Other/Proprietary" on PyPI and upstream describes its pre-trained
models as for research use, so pkuseg stays optional and is never installed by default.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from kg.segment import PKUSEG_MODEL_FILES, PkusegSegmenter, default_pkuseg_dir

PKUSEG_VERSION = "0.0.25"
# One prebuilt wheel (platform-independent model inside); pinning platform + hash means pip only
# downloads, never builds, and a tampered mirror is rejected.
PKUSEG_WHEEL_FLAGS = (
    "--only-binary=:all:",
    "--platform=manylinux1_x86_64",
    "--python-version=3.7",
    "--implementation=cp",
    "--abi=cp37m",
)
PKUSEG_WHEEL_SHA256 = "6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f"
# sha256 of the model files, identical in the 0.0.25 wheels and sdist (from the wheel's RECORD).
PKUSEG_FILE_SHA256 = {
    "features.pkl": "265dcf5534a11d6429776f7e7450a9eef8e075b1a4bedb82ef996994d9c721ac",
    "weights.npz": "95d1632a1fed45993b5006d8ba85939cb110fae71313987673582d24669811dd",
}
SOURCE_NOTE = (
    f"pkuseg {PKUSEG_VERSION} 'default' model (pkuseg/models/default), taken from the pkuseg "
    "release on PyPI by `python -m kg.models fetch-pkuseg`.\n"
    "Licence caveat: PyPI classifies pkuseg as Other/Proprietary and upstream describes the "
    "pre-trained models as for research use. Do not redistribute.\n"
)


class FetchError(RuntimeError):
    """The model could not be fetched or did not verify."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def files_verified(folder: Path) -> bool:
    """True if both model files are present with the expected content."""
    return all(
        (folder / name).is_file() and _sha256(folder / name) == digest
        for name, digest in PKUSEG_FILE_SHA256.items()
    )


def download_release(workdir: Path) -> Path:
    """Download the pinned pkuseg wheel with pip from whatever index pip is configured to use."""
    req = workdir / "requirements.txt"
    req.write_text(f"pkuseg=={PKUSEG_VERSION} --hash=sha256:{PKUSEG_WHEEL_SHA256}\n", encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--require-hashes",
        *PKUSEG_WHEEL_FLAGS,
        "--dest",
        str(workdir),
        "-r",
        str(req),
        "--quiet",
    ]
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        raise FetchError(f"pip download failed (exit {proc.returncode}): {' '.join(cmd)}")
    wheels = sorted(workdir.glob(f"pkuseg-{PKUSEG_VERSION}-*.whl"))
    if not wheels:
        raise FetchError(f"pip reported success but no pkuseg wheel is in {workdir}")
    return wheels[0]


def extract_model(archive: Path, dest: Path) -> None:
    """Copy the two model files out of a pkuseg wheel (.whl) or sdist (.tar.gz) into ``dest``.

    Files are written under temporary names, verified, then renamed, so an interrupted run never
    leaves a half-written model that looks installed.
    """
    dest.mkdir(parents=True, exist_ok=True)
    staged: dict[str, Path] = {}
    try:
        try:
            _stage_members(archive, dest, staged)
        except (tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
            kind = exc.__class__.__name__
            raise FetchError(f"{archive} is not a readable pkuseg wheel or sdist ({kind})") from exc
        missing = set(PKUSEG_MODEL_FILES) - set(staged)
        if missing:
            raise FetchError(f"{archive.name} has no pkuseg/models/default/{', '.join(sorted(missing))}")
        for name, tmp in staged.items():
            if _sha256(tmp) != PKUSEG_FILE_SHA256[name]:
                raise FetchError(f"{name} from {archive.name} does not match the expected sha256")
        for name, tmp in staged.items():
            os.replace(tmp, dest / name)
        staged.clear()
        (dest / "SOURCE.txt").write_text(SOURCE_NOTE, encoding="utf-8")
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def _stage_members(archive: Path, dest: Path, staged: dict[str, Path]) -> None:
    """Write the model members of ``archive`` to temporary files in ``dest``, recorded in ``staged``."""
    wanted = {f"pkuseg/models/default/{name}": name for name in PKUSEG_MODEL_FILES}
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                name = _wanted(member, wanted)
                if name:
                    with zf.open(member) as src:
                        staged[name] = _stage(src, dest, name)
        return
    with tarfile.open(archive) as tf:
        for member in tf.getmembers():
            name = _wanted(member.name, wanted)
            src = tf.extractfile(member) if name and member.isfile() else None
            if name and src is not None:
                with src:
                    staged[name] = _stage(src, dest, name)


def _wanted(member: str, wanted: dict[str, str]) -> str | None:
    """Model file name if ``member`` is one (wheel paths are bare, sdist ones have a prefix)."""
    for suffix, name in wanted.items():
        if member == suffix or member.endswith("/" + suffix):
            return name
    return None


def _stage(src: object, dest: Path, name: str) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=dest)
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)  # type: ignore[arg-type]
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; the model is plain read-only data
    return Path(tmp)


def check_loads(dest: Path) -> str:
    """Load the model with spacy_pkuseg and segment one sentence, so a broken install fails now."""
    seg = PkusegSegmenter(model_dir=dest)
    sample = "全面落实两不愁三保障，推进乡村振兴。"
    return " / ".join(w for w, _, _ in seg.cut(sample))


def fetch_pkuseg(dest: Path, archive: Path | None = None, force: bool = False) -> Path:
    """Install the pkuseg default model into ``dest`` (no-op if already there and intact)."""
    dest = dest.expanduser().resolve()
    if not force and files_verified(dest):
        print(f"pkuseg model already installed at {dest}")
        return dest
    if archive is not None:
        extract_model(archive, dest)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-pkuseg-") as tmp:
            extract_model(download_release(Path(tmp)), dest)
    print(f"pkuseg model installed at {dest}")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.models", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("fetch-pkuseg", help="install the optional pkuseg 'default' model")
    fetch.add_argument(
        "--dest", type=Path, default=None, help=f"target folder (default {default_pkuseg_dir()})"
    )
    fetch.add_argument(
        "--archive",
        type=Path,
        default=None,
        help="use an already downloaded pkuseg-0.0.25 wheel or sdist instead of pip",
    )
    fetch.add_argument("--force", action="store_true", help="reinstall even if present")
    fetch.add_argument("--no-check", action="store_true", help="skip the test load (~4 s)")
    args = parser.parse_args(argv)
    try:
        dest = fetch_pkuseg(args.dest or default_pkuseg_dir(), args.archive, args.force)
        if not args.no_check:
            print(f"check: {check_loads(dest)}")
    except (FetchError, OSError) as exc:
        print(f"fetch-pkuseg: {exc}", file=sys.stderr)
        return 1
    if args.dest is not None and args.dest.expanduser().resolve() != default_pkuseg_dir().resolve():
        print(f"set KG_PKUSEG_MODEL={dest} to use it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
