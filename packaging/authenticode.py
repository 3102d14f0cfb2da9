"""Authenticode signing and verification with osslsigncode: key files for tests, PKCS#11 for real.

Two ways to sign, one code path:

* tests and CI: a throw-away CA made on the fly by :func:`make_test_pki` (never committed),
  and osslsigncode's built-in RFC 3161 time-stamping authority (``-TSA-certs``/``-TSA-key``), so
  signing and its timestamp work offline;
* production: the code-signing key on a hardware token or HSM reached through PKCS#11
  (``-pkcs11module``, key and certificate as ``pkcs11:`` URIs) and the CA's RFC 3161 timestamp
  servers (``-ts``). ``packaging/README.md`` has the exact commands.
"""

# ruff: noqa: S603, S607  # fixed tool names with argument lists, never a shell

from __future__ import annotations

import argparse
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from build_common import BuildError, run

PE_SUFFIXES = (".exe", ".dll", ".pyd")


@dataclass(frozen=True, slots=True)
class Signer:
    """How to sign: a PEM key (tests) or a PKCS#11 key (token/HSM), and a timestamp source."""

    key: str
    certs: Path | None = None
    pkcs11_module: Path | None = None
    pkcs11_cert: str | None = None
    pin_file: Path | None = None
    tsa_certs: Path | None = None
    tsa_key: Path | None = None
    timestamp_urls: tuple[str, ...] = ()
    description: str = "Pleiepunkt"
    url: str = "https://github.com/pleiepunkt"
    fixed_time: int | None = field(default=None)

    def command(self, source: Path, target: Path) -> list[str]:
        """The osslsigncode command that signs ``source`` into ``target`` with a timestamp."""
        command = ["osslsigncode", "sign"]
        if self.pkcs11_module is not None:
            command += ["-pkcs11module", str(self.pkcs11_module)]
            if self.pkcs11_cert is not None:
                command += ["-pkcs11cert", self.pkcs11_cert]
        if self.certs is not None:
            command += ["-certs", str(self.certs)]
        command += ["-key", self.key]
        if self.pin_file is not None:
            command += ["-readpass", str(self.pin_file)]
        command += ["-h", "sha256", "-n", self.description, "-i", self.url]
        if self.tsa_certs is not None and self.tsa_key is not None:
            command += ["-TSA-certs", str(self.tsa_certs), "-TSA-key", str(self.tsa_key)]
            if self.fixed_time is not None:
                command += ["-TSA-time", str(self.fixed_time)]
        for url in self.timestamp_urls:
            command += ["-ts", url]
        if self.fixed_time is not None:
            command += ["-time", str(self.fixed_time)]
        return [*command, "-in", str(source), "-out", str(target)]

    def sign(self, path: Path) -> None:
        """Sign ``path`` in place (through a temporary file next to it)."""
        if self.tsa_key is None and not self.timestamp_urls:
            raise BuildError("signing needs a timestamp: give TSA certs and key, or -ts URLs")
        signed = path.with_name(path.name + ".signed")
        run(self.command(path, signed), what=f"signing {path.name}")
        signed.replace(path)


def has_signature(path: Path) -> bool:
    """Whether a PE file carries an Authenticode signature (its certificate table is not empty)."""
    data = path.read_bytes()
    if data[:2] != b"MZ":
        return False
    header = int.from_bytes(data[0x3C:0x40], "little")
    magic = int.from_bytes(data[header + 24 : header + 26], "little")
    directories = header + 24 + (112 if magic == 0x20B else 96)
    security = directories + 8 * 4  # IMAGE_DIRECTORY_ENTRY_SECURITY
    return int.from_bytes(data[security + 4 : security + 8], "little") > 0


def verify(
    path: Path, *, ca_file: Path, tsa_ca_file: Path | None = None, offline: bool = True
) -> tuple[bool, str]:
    """Run ``osslsigncode verify``; (True, output) when the signature and timestamp check out."""
    command = ["osslsigncode", "verify", "-CAfile", str(ca_file)]
    command += ["-TSA-CAfile", str(tsa_ca_file or ca_file)]
    if offline:
        command.append("-ignore-crl")  # the build machine reaches no CRL distribution point
    result = subprocess.run(
        [*command, "-in", str(path)], capture_output=True, text=True, check=False
    )
    return result.returncode == 0, result.stdout + result.stderr


@dataclass(frozen=True, slots=True)
class TestPki:
    """A throw-away CA with a code-signing and a time-stamping certificate (tests only)."""

    ca_cert: Path
    sign_chain: Path
    sign_key: Path
    tsa_chain: Path
    tsa_key: Path

    def signer(self, *, fixed_time: int | None = None) -> Signer:
        return Signer(
            key=str(self.sign_key),
            certs=self.sign_chain,
            tsa_certs=self.tsa_chain,
            tsa_key=self.tsa_key,
            fixed_time=fixed_time,
        )


_EXTENSIONS = {
    "sign": "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    "extendedKeyUsage=codeSigning\n",
    "tsa": "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    "extendedKeyUsage=critical,timeStamping\n",
}


def make_test_pki(directory: Path) -> TestPki:
    """Generate a throw-away root CA, signing and TSA certificates in ``directory`` with openssl.

    Certificates are valid from 2024-01-01 (made under ``faketime`` when it is installed) so
    that signatures dated at SOURCE_DATE_EPOCH verify.
    """
    directory.mkdir(parents=True, exist_ok=True)
    prefix = ["faketime", "-f", "2024-01-01 00:00:00"] if _has_faketime() else []
    ca_key, ca_cert = directory / "ca.key", directory / "ca.crt"
    run(
        [
            *prefix,
            "openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes",
            "-keyout", ca_key, "-out", ca_cert, "-days", "7300",
            "-subj", "/CN=Pleiepunkt Test Root CA (throw-away)",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ],
        what="test CA",
    )  # fmt: skip
    for name, extensions in _EXTENSIONS.items():
        key, csr = directory / f"{name}.key", directory / f"{name}.csr"
        cert, ext = directory / f"{name}.crt", directory / f"{name}.ext"
        ext.write_text(extensions, encoding="ascii")
        run(
            [
                *prefix, "openssl", "req", "-newkey", "rsa:3072", "-nodes", "-keyout", key,
                "-out", csr, "-subj", f"/O=Pleiepunkt Test/CN=Pleiepunkt Test {name}",
            ],
            what=f"test {name} key",
        )  # fmt: skip
        run(
            [
                *prefix, "openssl", "x509", "-req", "-in", csr, "-CA", ca_cert,
                "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "7000",
                "-extfile", ext,
            ],
            what=f"test {name} certificate",
        )  # fmt: skip
        chain = directory / f"{name}-chain.pem"
        chain.write_text(
            cert.read_text(encoding="ascii") + ca_cert.read_text(encoding="ascii"),
            encoding="ascii",
        )
    return TestPki(
        ca_cert=ca_cert,
        sign_chain=directory / "sign-chain.pem",
        sign_key=directory / "sign.key",
        tsa_chain=directory / "tsa-chain.pem",
        tsa_key=directory / "tsa.key",
    )


def _has_faketime() -> bool:
    try:
        subprocess.run(["faketime", "--version"], capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return True


def add_signing_arguments(parser: argparse.ArgumentParser) -> None:
    """The command-line options that describe a :class:`Signer` (see packaging/README.md)."""
    group = parser.add_argument_group("Authenticode signing")
    group.add_argument("--test-pki", type=Path, help="make a throw-away CA here and sign with it")
    group.add_argument("--key", help="PEM key file, or a pkcs11: URI with --pkcs11-module")
    group.add_argument("--certs", type=Path, help="PEM certificate chain (leaf first)")
    group.add_argument("--pkcs11-module", type=Path, help="the token's PKCS#11 module (.so)")
    group.add_argument("--pkcs11-cert", help="pkcs11: URI of the certificate on the token")
    group.add_argument("--pin-file", type=Path, help="file holding the token PIN")
    group.add_argument("--tsa-certs", type=Path, help="built-in TSA: certificate chain (tests)")
    group.add_argument("--tsa-key", type=Path, help="built-in TSA: key (tests)")
    group.add_argument(
        "--timestamp-url", action="append", default=[], help="RFC 3161 server (repeatable)"
    )
    group.add_argument("--no-sign", action="store_true", help="build unsigned (not for release)")


def signer_from_arguments(arguments: argparse.Namespace) -> Signer | None:
    """The Signer the options describe, None for --no-sign; BuildError if they are incomplete."""
    if arguments.no_sign:
        return None
    if arguments.test_pki is not None:
        return make_test_pki(arguments.test_pki).signer()
    if not arguments.key:
        raise BuildError(
            "give --test-pki DIR, --key (with --certs or --pkcs11-module), or --no-sign"
        )
    return Signer(
        key=arguments.key,
        certs=arguments.certs,
        pkcs11_module=arguments.pkcs11_module,
        pkcs11_cert=arguments.pkcs11_cert,
        pin_file=arguments.pin_file,
        tsa_certs=arguments.tsa_certs,
        tsa_key=arguments.tsa_key,
        timestamp_urls=tuple(arguments.timestamp_url),
    )
