"""Detached OpenPGP signatures with gpg: a throw-away key for tests, the release key for real."""

# ruff: noqa: S603, S607  # fixed tool names with argument lists, never a shell

from __future__ import annotations

import argparse
import subprocess
from dataclasses import dataclass
from pathlib import Path

from build_common import BuildError, run

TEST_UID = "Pleiepunkt Test Signing (throw-away) <test-signing@pleiepunkt.invalid>"


@dataclass(frozen=True, slots=True)
class GpgSigner:
    """Signs with ``key`` from the keyring in ``homedir`` (gpg's default keyring when None)."""

    key: str
    homedir: Path | None = None
    throw_away: bool = False

    def _gpg(self) -> list[str]:
        base = ["gpg", "--batch", "--yes", "--no-tty"]
        return [*base, "--homedir", str(self.homedir)] if self.homedir else base

    def detach_sign(self, path: Path) -> Path:
        """Write ``<path>.asc``, an armoured detached signature; return its path."""
        signature = path.with_name(path.name + ".asc")
        run(
            [*self._gpg(), "--local-user", self.key, "--armor", "--detach-sign",
             "--output", str(signature), str(path)],
            what=f"gpg signing {path.name}",
        )  # fmt: skip
        return signature

    def close(self) -> None:
        """Stop the gpg-agent a throw-away homedir started (a release keyring's is left alone)."""
        if self.throw_away and self.homedir is not None:
            subprocess.run(
                ["gpgconf", "--homedir", str(self.homedir), "--kill", "all"],
                capture_output=True,
                check=False,
            )

    def export_public_key(self, target: Path) -> Path:
        """The public key, armoured, for ``gpg --import`` or apt's ``signed-by=``."""
        text = run([*self._gpg(), "--armor", "--export", self.key], what="gpg export")
        if "PUBLIC KEY BLOCK" not in text:
            raise BuildError(f"gpg has no public key {self.key}")
        target.write_text(text, encoding="ascii")
        return target


def make_test_key(homedir: Path) -> GpgSigner:
    """A fresh keyring in ``homedir`` with an unprotected Ed25519 key valid for one day."""
    homedir.mkdir(mode=0o700, parents=True, exist_ok=True)
    homedir.chmod(0o700)
    base = ["gpg", "--batch", "--no-tty", "--homedir", str(homedir)]
    run(
        [*base, "--pinentry-mode", "loopback", "--passphrase", "",
         "--quick-generate-key", TEST_UID, "ed25519", "sign", "1d"],
        what="generating the throw-away GPG key",
    )  # fmt: skip
    listing = run([*base, "--with-colons", "--list-secret-keys"], what="gpg key list")
    fingerprints = [line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")]
    if not fingerprints:
        raise BuildError("gpg made no key")
    return GpgSigner(key=fingerprints[0], homedir=homedir, throw_away=True)


def add_gpg_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that choose the signing key (see packaging/README.md)."""
    group = parser.add_argument_group("OpenPGP signing")
    group.add_argument("--test-gpg", type=Path, help="make a throw-away key in this new homedir")
    group.add_argument("--gpg-homedir", type=Path, help="gpg homedir holding the release key")
    group.add_argument("--gpg-key", help="fingerprint or id of the release key")
    group.add_argument("--no-sign", action="store_true", help="build unsigned (not for release)")


def signer_from_arguments(arguments: argparse.Namespace) -> GpgSigner | None:
    """The signer the options describe, None for --no-sign."""
    if arguments.no_sign:
        return None
    if arguments.test_gpg is not None:
        signer = make_test_key(arguments.test_gpg)
        signer.export_public_key(arguments.test_gpg / "signing-key.asc")
        return signer
    if not arguments.gpg_key:
        raise BuildError("give --test-gpg DIR, --gpg-key KEY (and --gpg-homedir), or --no-sign")
    return GpgSigner(key=arguments.gpg_key, homedir=arguments.gpg_homedir)
