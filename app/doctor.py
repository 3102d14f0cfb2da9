"""``pleiepunkt doctor``: what IT needs to diagnose a machine, printed; never patient data.

Each effective setting and the layer it came from, a configuration-root override that policy
refused, the keyring backend, the health of the store files (file facts only, never contents),
the newest entries of the local security log (PIN failures, lockouts, policy violations,
recovery: no patient data), whether the journal platform and the identity provider answer, and
how the sync uses what the platform offers (types it cannot pull are a problem).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

import httpx
import keyring

from app.errors import PolicyRefused
from app.fhir_clients import fhir_client, server_url
from client import FhirError
from client.oidc import IdentityProviderError, ProviderMetadata
from config import CLIENT_ID, IDENTITY_PROVIDER_URL, Settings
from offline import SecurityLog, memory_path_report, store_health
from sync import strategy_for


def diagnose(
    settings: Settings, *, server: str | None, data_dir: Path, version: str, out: TextIO
) -> int:
    """Print every check to ``out``; the number of problems found (0: all is well).
    ``server`` is the command line's ``--server``, checked against policy like the app does."""
    problems = 0
    print(f"Pleiepunkt {version} on Python {sys.version.split()[0]} ({sys.platform})", file=out)
    problems += _configuration(settings, out)
    problems += _keyring(out)
    print(
        "\nStore memory (speed only: the store is encrypted and memory-secure either way):",
        file=out,
    )
    for line in memory_path_report():
        print(f"  {line}", file=out)
    print(f"\nStores in {data_dir}:", file=out)
    for health in store_health(data_dir):
        problems += not health.ok
        print(f"  {health.describe()}", file=out)
    _security_log(SecurityLog(data_dir), out)
    try:
        url = server_url(settings, override=server)
    except PolicyRefused as refused:
        print(f"\nServer: PROBLEM: {refused}", file=out)
        problems += 1
    else:
        problems += _platform(settings, url, out)
    problems += _identity_provider(settings, out)
    print(
        f"\n{'All checks passed.' if not problems else f'{problems} problem(s) found.'}", file=out
    )
    return problems


def _configuration(settings: Settings, out: TextIO) -> int:
    print("\nConfiguration (value  <-  where it came from):", file=out)
    for value in settings.effective():
        managed = "  [managed by your organisation]" if settings.is_managed(value.name) else ""
        print(
            f"  {value.name} = {value.value!r}  <-  {value.layer}: {value.source}{managed}",
            file=out,
        )
    for problem in settings.problems:
        print(f"  PROBLEM: {problem}", file=out)
    refused = settings.paths.refused_override
    if refused is not None:
        print(
            f"  PROBLEM: the configuration root {refused} was refused: this machine has a policy",
            file=out,
        )
    return len(settings.problems) + (refused is not None)


def _security_log(log: SecurityLog, out: TextIO) -> None:
    entries = log.newest(20)
    print(f"\nSecurity log ({log.path}), newest last:", file=out)
    if not entries:
        print("  (empty)", file=out)
    for entry in entries:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.at))
        details = ", ".join(f"{key}={value}" for key, value in entry.details.items())
        print(f"  {when}  {entry.kind}  {details}", file=out)


def _keyring(out: TextIO) -> int:
    backend = keyring.get_keyring()
    backend_name = f"{type(backend).__module__}.{type(backend).__name__}"
    if backend_name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        print(
            f"\nKeyring: PROBLEM: no usable OS keyring ({backend_name}); see the install guide",
            file=out,
        )
        return 1
    print(f"\nKeyring: {backend_name}", file=out)
    return 0


def _platform(settings: Settings, url: str | None, out: TextIO) -> int:
    if url is None:
        print(
            "\nServer: PROBLEM: no server_url configured (policy, machine or user settings)",
            file=out,
        )
        return 1
    try:
        with fhir_client(url, settings) as fhir:
            started = time.monotonic()
            capabilities = fhir.capabilities()
            elapsed_ms = (time.monotonic() - started) * 1000
    except FhirError as error:
        print(f"\nServer {url}: PROBLEM: {error}", file=out)
        return 1
    print(
        f"\nServer {url}: reachable in {elapsed_ms:.0f} ms, FHIR "
        f"{capabilities.fhir_version}. What it offers, and how the sync uses it:",
        file=out,
    )
    strategy = strategy_for(capabilities)
    for line in strategy.describe():
        print(f"  {line}", file=out)
    return int(bool(strategy.unpullable))  # a type the platform holds that no sync can pull


def _identity_provider(settings: Settings, out: TextIO) -> int:
    """Whether the identity provider answers its discovery document; 1 for a problem."""
    issuer = settings.get(IDENTITY_PROVIDER_URL)
    if not issuer or not settings.get(CLIENT_ID):
        print(
            "\nIdentity provider: PROBLEM: identity_provider_url and client_id must both be set "
            "(machine configuration, or the MSI properties IDP_URL and CLIENT_ID)",
            file=out,
        )
        return 1
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = httpx.get(url, timeout=10.0)
        response.raise_for_status()
        metadata = ProviderMetadata.parse(response.json(), expected_issuer=issuer)
    except (httpx.HTTPError, ValueError, IdentityProviderError) as error:
        print(
            f"\nIdentity provider {issuer}: PROBLEM: no valid discovery document "
            f"({type(error).__name__}). Check the address and the network.",
            file=out,
        )
        return 1
    print(
        f"\nIdentity provider {metadata.issuer}: answers, with every endpoint sign-in needs",
        file=out,
    )
    return 0
