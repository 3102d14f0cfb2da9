"""The .deb's file tree: /opt/pleiepunkt, the /usr/bin link, desktop entry, icons, /etc conffiles.

Only dpkg-managed files live here. A user's store and settings sit in their home directory
(``~/.local/share/pleiepunkt``, ``~/.config/pleiepunkt``), which no package owns, so removing
or purging the package never touches them.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

from build_common import REPO, source_date_epoch

LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# What the bundled Qt (PySide6 wheel) loads from the system for the xcb and offscreen platform
# plugins, fonts, D-Bus and the keyring, so that `apt install ./pleiepunkt_*.deb` pulls it in.
DEPENDS = (
    "libc6 (>= 2.28)",
    "libegl1",
    "libgl1",
    "libglib2.0-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "fonts-dejavu-core | fonts-liberation2",
)
RECOMMENDS = ("gnome-keyring | kwalletmanager",)
CONFFILES = ("/etc/pleiepunkt/config.toml", "/etc/pleiepunkt/policy.toml")

CONTROL = """\
Package: pleiepunkt
Version: {version}
Architecture: amd64
Maintainer: Pleiepunkt <drift@pleiepunkt.invalid>
Installed-Size: {installed_size}
Depends: {depends}
Recommends: {recommends}
Section: misc
Priority: optional
Homepage: https://github.com/pleiepunkt
Description: point-of-care client for municipal nursing homes and home care
 Pleiepunkt shows a patient's core record, medication list and prescriptions at
 the bedside, records medication administration and vital signs, keeps an
 encrypted offline store (SQLCipher) and synchronises with the municipality's
 FHIR R4 journal platform.
 .
 Machine configuration lives in /etc/pleiepunkt/config.toml, enforced policy in
 /etc/pleiepunkt/policy.toml.
"""

CHANGELOG = """\
pleiepunkt ({version}) unstable; urgency=medium

  * Release {version}.

 -- Pleiepunkt <drift@pleiepunkt.invalid>  {date}
"""

LINTIAN_OVERRIDES = """\
# Pleiepunkt ships as one self-contained PyInstaller bundle under /opt/pleiepunkt: its own
# Python 3.11, the PyPI wheels' Qt, SQLCipher and cryptography builds, and the few system
# libraries PyInstaller copies beside them. They are shipped as their vendors built them, so
# Debian's rules for packaged libraries (stripping, hardening flags, shared-library
# dependencies, no embedded copies) cannot apply to them. Each exception is limited to the bundle.
# /opt is where the FHS puts such add-on software, which Debian's own packages never use.
pleiepunkt: dir-or-file-in-opt [opt/*]
pleiepunkt: unstripped-binary-or-object [opt/pleiepunkt/*]
pleiepunkt: custom-library-search-path * [opt/pleiepunkt/_internal/*]
pleiepunkt: embedded-library * [opt/pleiepunkt/_internal/*]
pleiepunkt: shared-library-lacks-prerequisites [opt/pleiepunkt/_internal/*]
pleiepunkt: library-not-linked-against-libc [opt/pleiepunkt/_internal/*]
# libblkid/libmount (pulled in by GLib) mention sensible-pager in strings they never run here.
pleiepunkt: missing-depends-on-sensible-utils sensible-pager [opt/pleiepunkt/_internal/*]
# PyInstaller's prebuilt bootloader is not position-independent.
pleiepunkt: hardening-no-pie [opt/pleiepunkt/pleiepunkt]
"""


def _gzip(source: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=source_date_epoch()
        ) as compressed,
    ):
        compressed.write(source)


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def write_package_tree(*, root: Path, frozen: Path, version: str) -> None:
    """Lay out the package under ``root`` from the PyInstaller folder ``frozen``."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(frozen, root / "opt" / "pleiepunkt", symlinks=True)
    for library in (root / "opt" / "pleiepunkt").rglob("*.so*"):
        if library.is_file() and not library.is_symlink():
            library.chmod(0o644)  # the loader maps them; only programs need the execute bit
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "pleiepunkt").symlink_to("/opt/pleiepunkt/pleiepunkt")
    share = root / "usr" / "share"
    _install(LINUX / "pleiepunkt.desktop", share / "applications" / "pleiepunkt.desktop")
    for size in ICON_SIZES:
        _install(
            ICONS / f"pleiepunkt-{size}.png",
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "pleiepunkt.png",
        )
    _install(
        ICONS / "pleiepunkt.svg",
        share / "icons" / "hicolor" / "scalable" / "apps" / "pleiepunkt.svg",
    )
    _gzip((LINUX / "pleiepunkt.1").read_bytes(), share / "man" / "man1" / "pleiepunkt.1.gz")
    doc = share / "doc" / "pleiepunkt"
    _install(LINUX / "copyright", doc / "copyright")
    date = _rfc2822(source_date_epoch())
    changelog = CHANGELOG.format(version=version, date=date).encode("utf-8")
    _gzip(changelog, doc / "changelog.gz")
    overrides = share / "lintian" / "overrides" / "pleiepunkt"
    overrides.parent.mkdir(parents=True)
    overrides.write_text(LINTIAN_OVERRIDES, encoding="utf-8")
    for name in ("config.toml", "policy.toml"):
        _install(LINUX / name, root / "etc" / "pleiepunkt" / name)
    _write_control(root, version)


def _rfc2822(epoch: int) -> str:
    import email.utils  # noqa: PLC0415  # only for the changelog date

    return email.utils.formatdate(epoch, usegmt=False).replace("-0000", "+0000")


def _write_control(root: Path, version: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir()
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and debian not in p.parents
    )
    size_kib = sum((p.stat().st_size + 1023) // 1024 for p in files) + len(files) // 4
    (debian / "control").write_text(
        CONTROL.format(
            version=version,
            installed_size=size_kib,
            depends=", ".join(DEPENDS),
            recommends=", ".join(RECOMMENDS),
        ),
        encoding="utf-8",
    )
    (debian / "conffiles").write_text("".join(f"{c}\n" for c in CONFFILES), encoding="utf-8")
    md5sums = []
    for path in files:
        relative = path.relative_to(root).as_posix()
        if f"/{relative}" in CONFFILES:
            continue
        md5sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")  # noqa: S324  # dpkg's format
    (debian / "md5sums").write_text("".join(md5sums), encoding="utf-8")
