"""Version ids: read from ``ETag``, ``meta.versionId`` or ``Location``, written as ``If-Match``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from client.validation import is_fhir_id


def if_match(version_id: str) -> str:
    """Return the ``If-Match`` value for ``version_id``: a weak ETag, ``W/"<versionId>"``."""
    if not is_fhir_id(version_id):
        raise ValueError("a version id is 1-64 letters, digits, '-' or '.'")
    return f'W/"{version_id}"'


def version_from_etag(etag: str | None) -> str | None:
    """Return the version id inside an ETag (``W/"3"``, ``"3"``), or None if there is none."""
    if not etag:
        return None
    value = etag.strip()
    if value[:2] in {"W/", "w/"}:
        value = value[2:]
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value if is_fhir_id(value) else None


def version_from_location(location: str | None) -> str | None:
    """Return the version id of a ``.../_history/<versionId>`` location, or None."""
    if not location:
        return None
    parts = location.split("?", 1)[0].rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == "_history" and is_fhir_id(parts[-1]):
        return parts[-1]
    return None


def version_from_resource(resource: Mapping[str, Any] | None) -> str | None:
    """Return ``meta.versionId`` of ``resource`` when it is a valid id, else None."""
    if resource is None:
        return None
    meta = resource.get("meta")
    version = meta.get("versionId") if isinstance(meta, Mapping) else None
    return version if is_fhir_id(version) else None


def resolve_version(
    *, etag: str | None, resource: Mapping[str, Any] | None, location: str | None
) -> str | None:
    """Return the new version id: ETag first, then ``meta.versionId``, then the Location."""
    return (
        version_from_etag(etag)
        or version_from_resource(resource)
        or version_from_location(location)
    )
