"""Connection settings for the FHIR client: timeouts and the TLS trust store."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed to connect, to read a response chunk, to write the body, to get a pooled
    connection."""

    connect: float = 5.0
    read: float = 30.0
    write: float = 30.0
    pool: float = 10.0

    def to_httpx(self) -> httpx.Timeout:
        """Return the equivalent ``httpx.Timeout``."""
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Return a verifying TLS context trusting ``ca_bundle`` (a PEM file), or the system store.

    Verification is never switched off: a municipality with its own CA configures its bundle.
    """
    if ca_bundle is None:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=str(ca_bundle))
