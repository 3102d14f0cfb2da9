"""The journal platform as this workstation reaches it: FHIR clients built from the settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from client import FhirClient
from config import CA_BUNDLE, SERVER_URL, Settings

FhirFactory = Callable[[httpx.Auth | None], FhirClient]
"""Makes a FHIR client signed by ``auth`` (or unsigned); the caller closes it."""


def server_url(settings: Settings, *, override: str | None = None) -> str | None:
    """The FHIR base URL: ``override`` (the command line) wins over every settings layer."""
    return override or settings.get(SERVER_URL)


def fhir_client(base_url: str, settings: Settings, *, auth: httpx.Auth | None = None) -> FhirClient:
    """A FHIR client configured from settings (CA bundle); the caller closes it."""
    ca_bundle = settings.get(CA_BUNDLE)
    return FhirClient(base_url, auth=auth, ca_bundle=Path(ca_bundle) if ca_bundle else None)


def fhir_factory(base_url: str, settings: Settings) -> FhirFactory:
    """``fhir_client`` for ``base_url`` with these settings, as a factory of signed clients."""
    return lambda auth: fhir_client(base_url, settings, auth=auth)
