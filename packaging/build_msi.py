"""Build the signed per-machine Windows MSI on Linux: embeddable CPython + wheels + app + wixl.

Usage (see packaging/README.md)::

    python packaging/build_msi.py --test-pki build/test-pki          # CI: throw-away CA
    python packaging/build_msi.py --pkcs11-module … --key 'pkcs11:…' --certs chain.pem \\
        --timestamp-url http://timestamp.example                      # release

Writes ``dist/Pleiepunkt-<version>-x64.msi``. Exit status 0 on success; on failure one
message saying which step failed and why.
"""

# fixed tool names with argument lists, never a shell

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
import time
from pathlib import Path

from authenticode import (
    PE_SUFFIXES,
    Signer,
    add_signing_arguments,
    has_signature,
    signer_from_arguments,
    verify,
)
from build_common import (
    REPO,
    BuildError,
    compile_translations,
    copy_app,
    files_under,
    normalise_tree,
    project_version,
    run,
    source_date_epoch,
    windows_unsafe_names,
)
from win_embed import extract_embed
from win_wheels import fetch_wheels, unpack_wheels
from wxs import package_code, post_build_queries, wix_source

# Parts of the PySide6 wheel a widgets app never loads: Qt's developer tools, C++ headers and
# type stubs. Dropping them takes ~40 MB and ~30 unsigned-by-us executables out of the MSI.
PYSIDE_PRUNE = (
    "PySide6/include",
    "PySide6/typesystems",
    "PySide6/glue",
    "PySide6/doc",
    "PySide6/scripts",
    "PySide6/support",
)
PYSIDE_PRUNE_SUFFIXES = (".pyi",)
PYSIDE_TOOLS = (
    "assistant.exe", "designer.exe", "linguist.exe", "lrelease.exe", "lupdate.exe",
    "qmlformat.exe", "qmllint.exe", "qmlls.exe", "svgtoqml.exe", "balsam.exe", "balsamui.exe",
    "qsb.exe", "rcc.exe", "uic.exe", "qmlcachegen.exe", "qmlimportscanner.exe",
    "qmltyperegistrar.exe", "metaobjectdump.py",
)  # fmt: skip
LAUNCHER_CMD = '@echo off\r\n"%~dp0python\\python.exe" -m main %*\r\nexit /b %ERRORLEVEL%\r\n'


def stage_tree(source_root: Path, stage: Path) -> None:
    """Assemble INSTALLDIR's content: python/, pkgs/, app/, policy/, pleiepunkt.cmd."""
    if stage.exists():
        shutil.rmtree(stage)
    extract_embed(stage / "python")
    unpack_wheels(fetch_wheels(), stage / "pkgs")
    pyside = stage / "pkgs"
    for relative in PYSIDE_PRUNE:
        shutil.rmtree(pyside / relative, ignore_errors=True)
    for path in list((pyside / "PySide6").rglob("*")):
        if path.is_file() and (path.suffix in PYSIDE_PRUNE_SUFFIXES or path.name in PYSIDE_TOOLS):
            path.unlink()
    copy_app(source_root, stage / "app")
    unsafe = windows_unsafe_names(stage / "app")
    if unsafe:
        raise BuildError(
            "these app files cannot exist on Windows (reserved device names or characters); "
            f"rename them: {', '.join(unsafe)}"
        )
    compile_translations(stage / "app")
    shutil.copytree(REPO / "packaging" / "windows" / "policy", stage / "policy")
    (stage / "pleiepunkt.cmd").write_bytes(LAUNCHER_CMD.encode("ascii"))


def sign_unsigned(stage: Path, signer: Signer) -> list[Path]:
    """Sign every executable file we ship that its vendor did not sign; return them."""
    unsigned = [
        p for p in files_under(stage) if p.suffix.lower() in PE_SUFFIXES and not has_signature(p)
    ]
    for path in unsigned:
        signer.sign(path)
    return unsigned


def build_msi(*, stage: Path, work: Path, version: str, epoch: int) -> Path:
    """Run wixl on the staged tree under a frozen clock, then msibuild's fix-ups."""
    shutil.copyfile(REPO / "resources" / "icons" / "pleiepunkt.ico", work / "pleiepunkt.ico")
    source = wix_source(stage=stage, version=version, icon="pleiepunkt.ico")
    wxs_path = work / "pleiepunkt.wxs"
    wxs_path.write_text(source, encoding="cp1252")
    msi = work / f"Pleiepunkt-{version}-x64.unsigned.msi"
    msi.unlink(missing_ok=True)
    frozen = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    env = {**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": str(epoch)}
    # wixl 0.101 stamps the summary information with the wall clock; faketime freezes it so
    # that the same inputs give a byte-identical MSI.
    run(
        ["faketime", "-f", frozen, "wixl", "-a", "x64", "-o", msi.name, wxs_path.name],
        what="wixl",
        cwd=work,
        env=env,
    )
    for query in post_build_queries():
        run(["msibuild", msi, "-q", query], what="msibuild fix-up")
    run(
        [
            "faketime", "-f", frozen, "msibuild", msi, "-s", "Pleiepunkt", "Pleiepunkt",
            "x64;1044", "{" + package_code(version, source) + "}",
        ],
        what="msibuild summary",
        env=env,
    )  # fmt: skip
    return msi


def main(argv: list[str] | None = None) -> int:
    """Build, sign and (with --test-pki) verify the MSI."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", type=Path, default=REPO, help="the app's source tree")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "msi")
    parser.add_argument("--output", type=Path, default=REPO / "dist")
    add_signing_arguments(parser)
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    try:
        signer = signer_from_arguments(arguments)
        version = project_version(arguments.source_root)
        epoch = source_date_epoch()
        work: Path = arguments.work
        work.mkdir(parents=True, exist_ok=True)
        stage = work / "stage"
        stage_tree(arguments.source_root, stage)
        signed = sign_unsigned(stage, signer) if signer else []
        normalise_tree(stage, epoch=epoch)
        msi = build_msi(stage=stage, work=work, version=version, epoch=epoch)
        arguments.output.mkdir(parents=True, exist_ok=True)
        final = arguments.output / msi.name.replace(".unsigned", "" if signer else ".unsigned")
        if signer:
            final.unlink(missing_ok=True)
            run(signer.command(msi, final), what="signing the MSI")
            if arguments.test_pki is not None:
                ok, output = verify(final, ca_file=arguments.test_pki / "ca.crt")
                if not ok:
                    raise BuildError(f"the signed MSI does not verify:\n{output[-2000:]}")
        else:
            shutil.copyfile(msi, final)
    except BuildError as error:
        print(f"build_msi: {error}", file=sys.stderr)
        return 1
    files = sum(1 for _ in files_under(stage))
    print(
        f"build_msi: {final} ({final.stat().st_size / 1e6:.1f} MB, {files} files, "
        f"{len(signed)} executables signed by us) in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
