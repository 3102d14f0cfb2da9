"""Build the Linux .deb: a PyInstaller onedir under /opt/pleiepunkt, signed with GPG.

Usage (see packaging/README.md)::

    python packaging/build_deb.py --test-gpg build/test-gpg     # CI: throw-away key
    python packaging/build_deb.py --gpg-homedir ~/.gnupg --gpg-key 0xKEYID    # release

Writes ``dist/pleiepunkt_<version>_amd64.deb``, its detached signature ``….deb.asc``, and
``SHA256SUMS`` with its signature ``SHA256SUMS.asc``.
"""

# fixed tool names with argument lists, never a shell

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from build_common import (
    REPO,
    BuildError,
    compile_translations,
    copy_app,
    normalise_tree,
    project_version,
    run,
    sha256_file,
    source_date_epoch,
)
from deb_layout import write_package_tree
from gpg_signing import GpgSigner, add_gpg_arguments, signer_from_arguments

# Modules main.py reaches only through importlib (per-resource FHIR models, keyring backends)
# and our own packages, which main.py (the command line) may import lazily.
HIDDEN_PACKAGES = (
    "app",
    "config",
    "client",
    "ui",
    "offline",
    "sync",
    "clinical",
    "fhir.resources.R4B",
)
# Packages that read data files next to their modules (biip's GS1 application identifier table).
DATA_PACKAGES = ("biip",)
EXCLUDED_MODULES = ("tkinter", "PySide6.QtQuick", "PySide6.QtQml", "PySide6.Qt3DCore")


def freeze(*, app: Path, work: Path, epoch: int) -> Path:
    """PyInstaller onedir of the staged app; returns the folder with the ``pleiepunkt`` binary."""
    distpath, workpath = work / "pyinstaller-dist", work / "pyinstaller-work"
    shutil.rmtree(distpath, ignore_errors=True)
    command: list[str | Path] = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--onedir", "--name", "pleiepunkt", "--distpath", distpath, "--workpath", workpath,
        "--specpath", work, "--paths", app, "--add-data", f"{app / 'resources'}:resources",
    ]  # fmt: skip
    for package in HIDDEN_PACKAGES:
        command += ["--collect-submodules", package]
    for package in DATA_PACKAGES:
        command += ["--collect-data", package]
    for module in EXCLUDED_MODULES:
        command += ["--exclude-module", module]
    # PYTHONHASHSEED and SOURCE_DATE_EPOCH make PyInstaller's archives repeatable.
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch)}
    run([*command, app / "main.py"], what="PyInstaller", env=env, cwd=work)
    return distpath / "pleiepunkt"


COMPRESSION = {"xz": ("-Zxz", "-z6"), "gzip": ("-Zgzip", "-z6")}


def build_deb(*, root: Path, output: Path, epoch: int, compression: str) -> None:
    """dpkg-deb with root-owned files and clamped times."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    run(
        ["dpkg-deb", "--root-owner-group", *COMPRESSION[compression], "--build", root, output],
        what="dpkg-deb",
        env=env,
    )


def write_checksums(files: list[Path], target: Path) -> Path:
    """SHA256SUMS in ``sha256sum`` format for ``files`` (which sit next to it)."""
    lines = [f"{sha256_file(path)}  {path.name}\n" for path in files]
    target.write_text("".join(lines), encoding="ascii")
    return target


def main(argv: list[str] | None = None) -> int:
    """Freeze, lay out, build, sign."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", type=Path, default=REPO, help="the app's source tree")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "deb")
    parser.add_argument("--output", type=Path, default=REPO / "dist")
    parser.add_argument(
        "--compression",
        choices=sorted(COMPRESSION),
        default="xz",
        help="xz: smallest (~3 min on 2 cores); gzip: ~10 s, for CI",
    )
    parser.add_argument(
        "--frozen", type=Path, help="re-package this existing PyInstaller folder (skip freezing)"
    )
    add_gpg_arguments(parser)
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    signer: GpgSigner | None = None
    try:
        signer = signer_from_arguments(arguments)
        version = project_version(arguments.source_root)
        epoch = source_date_epoch()
        work: Path = arguments.work
        work.mkdir(parents=True, exist_ok=True)
        frozen: Path | None = arguments.frozen
        if frozen is None:
            app = work / "app"
            shutil.rmtree(app, ignore_errors=True)
            copy_app(arguments.source_root, app)
            compile_translations(app)
            frozen = freeze(app=app, work=work, epoch=epoch)
        root = work / "root"
        write_package_tree(root=root, frozen=frozen, version=version)
        normalise_tree(root, epoch=epoch)
        output: Path = arguments.output
        output.mkdir(parents=True, exist_ok=True)
        deb = output / f"pleiepunkt_{version}_amd64.deb"
        deb.unlink(missing_ok=True)
        build_deb(root=root, output=deb, epoch=epoch, compression=arguments.compression)
        artefacts = [deb]
        if signer is not None:
            artefacts.append(signer.detach_sign(deb))
            sums = write_checksums([deb], output / "SHA256SUMS")
            artefacts += [sums, signer.detach_sign(sums)]
    except BuildError as error:
        print(f"build_deb: {error}", file=sys.stderr)
        return 1
    finally:
        if signer is not None:
            signer.close()
    print(
        f"build_deb: {', '.join(str(a) for a in artefacts)} "
        f"({deb.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
