"""What the server says it supports, read from its CapabilityStatement (``GET /metadata``).

Only the handful of fields the sync engine decides on are read, each checked as it is read, so a
statement with unrelated defects still yields a usable answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ResourceCapability:
    """Support for one resource type (``rest.resource``)."""

    resource_type: str
    interactions: frozenset[str] = frozenset()
    update_create: bool = False
    versioning: str | None = None
    conditional_create: bool = False
    search_params: frozenset[str] = frozenset()

    @property
    def searchable(self) -> bool:
        """True when ``GET [type]?…`` is supported (``search-type``)."""
        return "search-type" in self.interactions

    @property
    def readable(self) -> bool:
        """True when ``GET [type]/[id]`` is supported (``read``)."""
        return "read" in self.interactions

    @property
    def history_type(self) -> bool:
        """True when ``GET [type]/_history`` is supported."""
        return "history-type" in self.interactions

    @property
    def versioned_update(self) -> bool:
        """True when the server checks ``If-Match`` on updates (``versioned-update``)."""
        return self.versioning == "versioned-update"


@dataclass(frozen=True)
class Capabilities:
    """The server's FHIR version, system-level interactions and per-type support."""

    fhir_version: str
    system_interactions: frozenset[str] = frozenset()
    common_search_params: frozenset[str] = frozenset()
    resources: Mapping[str, ResourceCapability] = field(default_factory=dict)

    @property
    def transaction(self) -> bool:
        """True when transaction Bundles are supported."""
        return "transaction" in self.system_interactions

    @property
    def batch(self) -> bool:
        """True when batch Bundles are supported."""
        return "batch" in self.system_interactions

    @property
    def history_system(self) -> bool:
        """True when ``GET /_history`` is supported."""
        return "history-system" in self.system_interactions

    def resource(self, resource_type: str) -> ResourceCapability:
        """Return the support for ``resource_type`` (all False when the server omits it)."""
        return self.resources.get(resource_type) or ResourceCapability(resource_type)

    def search_params(self, resource_type: str) -> frozenset[str]:
        """Return the search parameter names usable on ``resource_type``, common ones included."""
        return self.resource(resource_type).search_params | self.common_search_params


def parse_capabilities(statement: Mapping[str, Any]) -> Capabilities:
    """Return the Capabilities described by a CapabilityStatement dict (server mode only)."""
    fhir_version = _text(statement.get("fhirVersion")) or "unknown"
    rests = [r for r in _objects(statement.get("rest")) if r.get("mode", "server") == "server"]
    system: set[str] = set()
    common: set[str] = set()
    resources: dict[str, ResourceCapability] = {}
    for rest in rests:
        system |= _interaction_codes(rest)
        common |= _param_names(rest)
        for item in _objects(rest.get("resource")):
            resource_type = _text(item.get("type"))
            if resource_type is None:
                continue
            conditional = item.get("conditionalCreate")
            resources[resource_type] = ResourceCapability(
                resource_type=resource_type,
                interactions=frozenset(_interaction_codes(item)),
                update_create=item.get("updateCreate") is True,
                versioning=_text(item.get("versioning")),
                conditional_create=conditional is True,
                search_params=frozenset(_param_names(item)),
            )
    return Capabilities(
        fhir_version=fhir_version,
        system_interactions=frozenset(system),
        common_search_params=frozenset(common),
        resources=resources,
    )


def _objects(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _interaction_codes(item: Mapping[str, Any]) -> set[str]:
    return {c for i in _objects(item.get("interaction")) if (c := _text(i.get("code")))}


def _param_names(item: Mapping[str, Any]) -> set[str]:
    return {n for p in _objects(item.get("searchParam")) if (n := _text(p.get("name")))}
