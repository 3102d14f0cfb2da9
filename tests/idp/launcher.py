"""Start, control and stop the local identity provider (``node tests/idp/server.mjs``).

Like the journal platform's launcher: a free loopback port, one ``IDP_READY <issuer>`` stdout
line, and the Node process exits when its stdin closes, so a crashed Python parent never leaves
it running. Errors: ``IdentityProviderStartError``.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.node_program import ensure_node_modules, node_executable, read_ready_line

IDP_DIR = Path(__file__).resolve().parent
SERVER_SCRIPT = IDP_DIR / "server.mjs"
READY_PREFIX = "IDP_READY "
START_TIMEOUT_S = 30.0

FHIR_RESOURCE = "urn:pleiepunkt:journal-platform"
FHIR_SCOPE = "pleiepunkt:journal/fhir"
OTHER_RESOURCE = "urn:pleiepunkt:other-api"
OTHER_SCOPE = "pleiepunkt:other/api"


@dataclass(frozen=True)
class SyntheticUser:
    """A synthetic user of the test identity provider (``users.json``)."""

    username: str
    password: str
    subject: str
    name: str
    hpr_number: str
    categories: tuple[str, ...]


def synthetic_users() -> dict[str, SyntheticUser]:
    """The synthetic users by username."""
    raw = json.loads((IDP_DIR / "users.json").read_text(encoding="utf-8"))["users"]
    return {
        username: SyntheticUser(
            username=username,
            password=u["password"],
            subject=u["sub"],
            name=f"{u['given_name']} {u['family_name']}",
            hpr_number=u["hpr_number"],
            categories=tuple(code for code, _text in u["categories"]),
        )
        for username, u in raw.items()
    }


class IdentityProviderStartError(RuntimeError):
    """The identity provider could not be started, or an admin call failed."""


class IdentityProvider:
    """A running test identity provider: its issuer and the admin call to register clients."""

    issuer: str

    def __init__(self, *, issuer: str) -> None:
        self.issuer = issuer
        self._http = httpx.Client(timeout=10.0)

    @classmethod
    @contextlib.contextmanager
    def start(
        cls,
        *,
        port: int = 0,
        access_token_ttl: int = 300,
        refresh_token_ttl: int = 28800,
        dpop_nonce: bool = True,
        resources: Mapping[str, str] | None = None,
    ) -> Iterator[IdentityProvider]:
        """Start the provider (port 0 = a free port) and stop it when the block ends.

        ``resources`` maps resource indicator -> scope (default: the FHIR platform and one
        other API, for wrong-audience tests). ``dpop_nonce`` makes the token endpoint demand
        server nonces, as HelseID does.
        """
        node = node_executable(error=IdentityProviderStartError)
        ensure_node_modules(IDP_DIR, error=IdentityProviderStartError)
        args = [node, str(SERVER_SCRIPT), "--port", str(port)]
        args += ["--access-token-ttl", str(access_token_ttl)]
        args += ["--refresh-token-ttl", str(refresh_token_ttl)]
        if not dpop_nonce:
            args.append("--no-dpop-nonce")
        for resource, scope in (
            resources or {FHIR_RESOURCE: FHIR_SCOPE, OTHER_RESOURCE: OTHER_SCOPE}
        ).items():
            args += ["--resource", f"{resource}={scope}"]
        process = subprocess.Popen(
            args,
            cwd=IDP_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            provider = cls(
                issuer=read_ready_line(
                    process,
                    prefix=READY_PREFIX,
                    timeout=START_TIMEOUT_S,
                    what="identity provider",
                    error=IdentityProviderStartError,
                )
            )
            try:
                yield provider
            finally:
                provider._http.close()
        finally:
            _stop(process)

    def register_client(
        self,
        client_id: str,
        public_jwk: Mapping[str, Any],
        *,
        redirect_uris: Sequence[str] = ("http://127.0.0.1/callback",),
    ) -> None:
        """Register (or replace) a client with its public key, as IT does in Selvbetjening."""
        response = self._http.post(
            f"{self.issuer}/admin/clients",
            json={
                "client_id": client_id,
                "jwks": {"keys": [dict(public_jwk)]},
                "redirect_uris": list(redirect_uris),
            },
        )
        if response.status_code != 201:
            raise IdentityProviderStartError(
                f"client registration failed: HTTP {response.status_code}"
            )


def _stop(process: subprocess.Popen[str]) -> None:
    """Close stdin (the server exits on EOF), then terminate, then kill if it lingers."""
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    if process.stdout is not None:
        process.stdout.close()
