"""The journal platform as this workstation reaches it: FHIR clients built from the settings.

Every address the app connects to passes ``connection_url``: https always, except plain http to
the loopback address on a machine *without* a policy (development and the tests' local servers).
Where a policy exists, ``--server`` is refused when the policy sets the server, and any plain
http address is refused, so nobody can point the app at their own server over an unencrypted
or unchecked connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.errors import PolicyRefused
from client import FhirClient
from config import CA_BUNDLE, SERVER_URL, InvalidValueError, Settings, parse_url

FhirFactory = Callable[[httpx.Auth | None], FhirClient]
"""Makes a FHIR client signed by ``auth`` (or unsigned); the caller closes it."""


def connection_url(value: str, settings: Settings, *, setting: str) -> str:
    """``value`` if the app may connect to it under these settings; ``PolicyRefused`` else."""
    try:
        checked = parse_url(value)
    except InvalidValueError as error:
        raise PolicyRefused(f"{setting}: {error}", setting=setting) from None
    if checked.startswith("http://") and settings.has_policy():
        raise PolicyRefused(
            f"{setting}: plain http is allowed only on a machine without a policy",
            setting=setting,
        )
    return checked


def server_url(settings: Settings, *, override: str | None = None) -> str | None:
    """The FHIR base URL, checked: ``override`` (``--server``) wins over the settings unless a
    policy sets the server (then it is refused)."""
    if override is not None:
        if settings.is_managed(SERVER_URL.name):
            raise PolicyRefused(
                "--server is refused: the server is set by policy", setting=SERVER_URL.name
            )
        return connection_url(override, settings, setting=SERVER_URL.name)
    configured = settings.get(SERVER_URL)
    return (
        None
        if configured is None
        else connection_url(configured, settings, setting=SERVER_URL.name)
    )


@dataclass(frozen=True, slots=True)
class PlatformAddress:
    """Where the platform is and how its certificate is checked: a ``FhirFactory`` that can be
    handed to another process (the window's sync process builds its own clients from it)."""

    base_url: str
    ca_bundle: Path | None = None

    def __call__(self, auth: httpx.Auth | None) -> FhirClient:
        """A FHIR client of this platform signed by ``auth``; the caller closes it."""
        return FhirClient(self.base_url, auth=auth, ca_bundle=self.ca_bundle)


def platform_address(base_url: str, settings: Settings) -> PlatformAddress:
    """``base_url`` with the settings' CA bundle (the URL already checked: ``server_url``)."""
    ca_bundle = settings.get(CA_BUNDLE)
    return PlatformAddress(base_url, Path(ca_bundle) if ca_bundle else None)


def fhir_client(base_url: str, settings: Settings, *, auth: httpx.Auth | None = None) -> FhirClient:
    """A FHIR client configured from settings (CA bundle); the caller closes it."""
    return platform_address(base_url, settings)(auth)
