"""Start, control and stop the local journal platform (``node tests/platform/server.mjs``).

The Node process prints ``PLATFORM_READY <fhir base>`` when it listens and exits when its stdin
closes, so a crashed Python parent never leaves it running. Admin calls go over HTTP with httpx.
Errors: ``PlatformError`` (start-up failure, timeout, or an admin call answered with an error).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from tests.node_program import ensure_node_modules, node_executable, read_ready_line

PLATFORM_DIR = Path(__file__).resolve().parent
SERVER_SCRIPT = PLATFORM_DIR / "server.mjs"
READY_PREFIX = "PLATFORM_READY "
START_TIMEOUT_S = 60.0
PROFILES = ("default", "hapi", "azure", "firely", "medplum")
LOAD_TIMEOUT_S = 1800.0


class PlatformError(RuntimeError):
    """The platform could not be started, or an admin call failed."""


@dataclass(frozen=True)
class JwtAccess:
    """Access mode jwt-dpop: DPoP-bound JWT access tokens from ``issuer`` for ``audience``."""

    issuer: str
    audience: str
    scope: str | None = None
    dpop_nonce: bool = False

    def args(self) -> list[str]:
        """The server.mjs options for this mode."""
        args = ["--jwt-issuer", self.issuer, "--jwt-audience", self.audience]
        if self.scope is not None:
            args += ["--jwt-scope", self.scope]
        if self.dpop_nonce:
            args.append("--dpop-nonce")
        return args


class Platform:
    """A running journal platform: FHIR base URL, admin URL and admin operations."""

    fhir_base: str
    admin_base: str

    def __init__(self, *, fhir_base: str, process: subprocess.Popen[str]) -> None:
        self.fhir_base = fhir_base
        self.admin_base = fhir_base.rsplit("/fhir/R4", 1)[0] + "/admin"
        self._process = process
        self._http = httpx.Client(timeout=httpx.Timeout(LOAD_TIMEOUT_S, connect=10.0))

    @classmethod
    @contextlib.contextmanager
    def start(
        cls,
        *,
        port: int = 0,
        auth_token: str | None = None,
        jwt: JwtAccess | None = None,
        max_transaction_updates: int = 50,
        profile: str = "default",
        extra_args: Iterable[str] = (),
    ) -> Iterator[Platform]:
        """Start the platform (port 0 = a free port) and stop it when the block ends.

        ``auth_token`` switches on static-bearer access checking (401 without the token);
        ``jwt`` switches on DPoP-bound JWT access tokens from an identity provider instead.
        ``max_transaction_updates`` is the update-operation limit per transaction (Medplum: 50).
        ``profile`` names a server-variation profile (``PROFILES``; see README "Server profiles").
        """
        node = node_executable(error=PlatformError)
        ensure_node_modules(PLATFORM_DIR, error=PlatformError)
        args = [node, str(SERVER_SCRIPT), "--port", str(port)]
        args += ["--max-transaction-updates", str(max_transaction_updates), "--profile", profile]
        if auth_token is not None:
            args += ["--auth-token", auth_token]
        if jwt is not None:
            args += jwt.args()
        args += list(extra_args)
        process = subprocess.Popen(
            args,
            cwd=PLATFORM_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
            env={**os.environ, "NODE_OPTIONS": "--max-old-space-size=8192"},
        )
        try:
            base = read_ready_line(
                process,
                prefix=READY_PREFIX,
                timeout=START_TIMEOUT_S,
                what="platform",
                error=PlatformError,
            )
            platform = cls(fhir_base=base, process=process)
            try:
                yield platform
            finally:
                platform._http.close()
        finally:
            _stop(process)

    # ---- admin API ------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, f"{self.admin_base}/{path}", **kwargs)
        if response.status_code >= 400:
            raise PlatformError(
                f"admin {method} {path}: HTTP {response.status_code} {response.text[:500]}"
            )
        return response.json()

    def reset(self) -> None:
        """Empty the repository and the change log (fault switches are kept)."""
        self._call("POST", "reset")

    def clear_faults(self) -> None:
        """Switch every injected fault off."""
        self._call("DELETE", "faults")

    def set_faults(self, **faults: Any) -> None:
        """Merge fault switches; each applies to FHIR requests only (never to the admin API).

        - ``latency_ms=int``: delay every FHIR request.
        - ``error={"status": 500|503, "count": N}``: answer the next N requests with that status.
        - ``throttle={"count": N, "retry_after": seconds}``: answer 429 with ``Retry-After``.
        - ``reset_connection=N``: close the next N connections with no response (nothing done).
        - ``drop_after_commit=N``: perform the next N writes, then close without a response.

        Counted switches take N or a dict with ``count`` plus optional ``method`` (e.g. "PUT")
        and ``path_prefix`` (below the FHIR base, e.g. "Patient" or "" for the base itself).
        """
        self._call("POST", "faults", json=faults)

    def set_profile(self, name: str = "default", **switches: Any) -> dict[str, Any]:
        """Behave like server profile ``name`` (plus ``switches``); returns the switches in force.

        Profiles and switches are listed in ``tests/platform/src/profiles.mjs`` and README.md
        ("Server profiles"). The profile stays until the next call; data is kept.
        """
        result: dict[str, Any] = self._call(
            "POST", "profile", json={"name": name, "switches": switches}
        )
        return result

    def profile(self) -> dict[str, Any]:
        """The server-variation switches in force."""
        result: dict[str, Any] = self._call("GET", "profile")
        return result

    def faults(self) -> dict[str, Any]:
        """The current fault switches."""
        result: dict[str, Any] = self._call("GET", "faults")
        return result

    def load_ndjson(self, path_or_lines: str | os.PathLike[str] | Iterable[str]) -> int:
        """Bulk-load NDJSON (a file path, or an iterable of lines/resources' JSON); ids kept."""
        if isinstance(path_or_lines, (str, os.PathLike)):
            with open(path_or_lines, "rb") as handle:  # streamed, never read whole
                return self._load(handle, "application/x-ndjson")
        body = "".join(line if line.endswith("\n") else line + "\n" for line in path_or_lines)
        return self._load(body.encode("utf-8"), "application/x-ndjson")

    def load_bundle(self, bundle: dict[str, Any]) -> int:
        """Bulk-load a transaction/batch/collection Bundle atomically; references resolved."""
        return self._load(json.dumps(bundle).encode("utf-8"), "application/fhir+json")

    def _load(self, body: bytes | BinaryIO, content_type: str) -> int:
        result = self._call("POST", "load", content=body, headers={"Content-Type": content_type})
        return int(result["loaded"])

    def stats(self) -> dict[str, Any]:
        """Resource counts per type, change-log size, fault switches, limits and memory use."""
        result: dict[str, Any] = self._call("GET", "stats")
        return result


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
