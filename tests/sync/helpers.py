"""Shared pieces of the sync tests: a store, a client and an engine against the platform."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from client import FhirClient, RetryPolicy
from offline.datakey import DataKey
from offline.paths import StorePaths, store_paths
from offline.store import Store
from offline.types import UserId
from sync import Backoff, SyncConfig, SyncScope
from sync.engine import SyncEngine
from tests.platform.launcher import Platform

USER = UserId("hpr:9144901")
REFERENCE_DATE = dt.date(2026, 1, 15)


def no_sleep(_seconds: float) -> None:
    """Tests never wait for real backoff delays."""


def fast_config(**overrides: Any) -> SyncConfig:
    """Sync settings for tests: no real waiting, generous attempts, a short overlap."""
    values: dict[str, Any] = {
        "backoff": Backoff(max_attempts=8, base=0.0, cap=0.0, max_retry_after=0.0),
        "overlap": dt.timedelta(seconds=1),
        "random": lambda: 0.5,
    }
    values.update(overrides)
    return SyncConfig(**values)


def make_client(platform: Platform, **kwargs: Any) -> FhirClient:
    """A FhirClient for the platform that never sleeps between its own retries."""
    kwargs.setdefault("retry", RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0))
    return FhirClient(platform.fhir_base + "/", sleep=no_sleep, **kwargs)


def open_store(directory: Path, key: DataKey, *, create: bool = True) -> Store:
    return Store.open(paths_in(directory), key, user=USER, create=create)


def paths_in(directory: Path) -> StorePaths:
    return store_paths(USER, directory=directory)


def make_engine(
    store: Store, client: FhirClient, scope: SyncScope, directory: Path, **config: Any
) -> SyncEngine:
    return SyncEngine(
        store,
        client,
        scope,
        lock_path=directory / "sync.lock",
        config=fast_config(**config),
    )


def capability_statement(types: tuple[str, ...] = ("Patient", "Observation")) -> dict[str, Any]:
    """A small CapabilityStatement: transactions, client ids, the types searchable by patient."""
    params = [{"name": n, "type": "reference"} for n in ("patient", "subject", "_id")]
    return {
        "resourceType": "CapabilityStatement",
        "fhirVersion": "4.0.1",
        "rest": [
            {
                "mode": "server",
                "interaction": [{"code": "transaction"}, {"code": "batch"}],
                "searchParam": [{"name": "_sort", "type": "string"}],
                "resource": [
                    {
                        "type": t,
                        "interaction": [
                            {"code": c} for c in ("read", "update", "create", "search-type")
                        ],
                        "updateCreate": True,
                        "conditionalCreate": True,
                        "versioning": "versioned-update",
                        "searchParam": [*params, {"name": "_lastUpdated", "type": "date"}],
                    }
                    for t in types
                ],
            }
        ],
    }


def platform_resources(
    platform: Platform, resource_type: str, **params: str
) -> list[dict[str, Any]]:
    """Every current resource of a type on the platform (optionally filtered)."""
    out: list[dict[str, Any]] = []
    with httpx.Client(timeout=60.0) as http:
        url: str | None = f"{platform.fhir_base}/{resource_type}"
        query: dict[str, str] | None = {"_count": "1000", **params}
        while url is not None:
            bundle = http.get(url, params=query).json()
            query = None
            out.extend(e["resource"] for e in bundle.get("entry", []))
            url = next(
                (lk["url"] for lk in bundle.get("link", []) if lk["relation"] == "next"), None
            )
    return out


def strip(resource: dict[str, Any] | None) -> dict[str, Any] | None:
    """The resource without meta/text, normalised through JSON for comparisons."""
    if resource is None:
        return None
    return json.loads(json.dumps({k: v for k, v in resource.items() if k not in ("meta", "text")}))


def ndjson(resources: Iterator[dict[str, Any]]) -> list[str]:
    return [json.dumps(r) for r in resources]
