"""Field-level comparison and merge of two versions of a FHIR resource (pure)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

IGNORED_FIELDS = frozenset({"meta", "text", "id", "resourceType"})


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One top-level element that differs, rendered as readable JSON text."""

    path: str
    local: str
    server: str


def _render(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def differences(
    local: Mapping[str, Any] | None, server: Mapping[str, Any] | None
) -> list[FieldDifference]:
    """Top-level elements whose values differ (meta, text and id ignored), sorted by name."""
    ours = local or {}
    theirs = server or {}
    keys = sorted((set(ours) | set(theirs)) - IGNORED_FIELDS)
    return [
        FieldDifference(path=key, local=_render(ours.get(key)), server=_render(theirs.get(key)))
        for key in keys
        if ours.get(key) != theirs.get(key)
    ]


def merge(
    local: Mapping[str, Any] | None,
    server: Mapping[str, Any] | None,
    *,
    take_local: Iterable[str],
) -> dict[str, Any]:
    """The server version with the chosen fields taken from the local one (absent = removed)."""
    merged: dict[str, Any] = dict(server or local or {})
    ours = local or {}
    for key in take_local:
        if key in ours:
            merged[key] = ours[key]
        else:
            merged.pop(key, None)
    return merged
