"""Checks that a resource dict is FHIR before it crosses the client boundary, reporting no values.

Two depths, chosen deliberately because full validation costs about eight times JSON parsing:

- ``"structural"``: the resource is a JSON object, ``resourceType`` is a known R4/R4B type,
  ``id`` is a valid FHIR id and ``meta`` (if present) has a valid ``versionId`` and
  ``lastUpdated``. Microseconds per resource; the default for search and history pages.
- ``"full"``: the structural check, then the fhir.resources R4B pydantic model. Used for single
  reads, for everything we send, and for pages when the caller asks for it.

Validation is a check, never a conversion: the caller keeps the server's JSON dict untouched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, Literal

import pydantic
from fhir.resources.R4B import get_fhir_model_class

from client.errors import MalformedResource, Problem
from clinical.fhir_types import KNOWN_TYPES, R4B_TYPES

ValidationMode = Literal["structural", "full"]

FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}\Z")
_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)


def is_fhir_id(value: object) -> bool:
    """Return True when ``value`` is a string that is a valid FHIR logical or version id."""
    return isinstance(value, str) and FHIR_ID.match(value) is not None


def check_resource(
    resource: object, *, mode: ValidationMode, expected_type: str | None = None
) -> MalformedResource | None:
    """Return None when ``resource`` passes the check at depth ``mode``, else a value-free report.

    ``expected_type``, when given, must equal ``resourceType``.
    """
    report = _check_structure(resource, expected_type=expected_type)
    if report is not None or mode == "structural":
        return report
    assert isinstance(resource, dict)
    return _check_model(resource)


def _identity(resource: Mapping[str, Any]) -> tuple[str | None, str | None]:
    resource_type = resource.get("resourceType")
    resource_id = resource.get("id")
    return (
        resource_type if isinstance(resource_type, str) and resource_type in KNOWN_TYPES else None,
        resource_id if is_fhir_id(resource_id) else None,
    )


_ABSENT = object()
_match_id = FHIR_ID.match
_match_instant = _INSTANT.match


def _passes_fast(resource: dict[str, Any], expected_type: str | None) -> bool:
    """Return True for a resource that is certainly well-formed; the common case, kept cheap."""
    resource_type = resource.get("resourceType")
    if (
        resource_type.__class__ is not str
        or resource_type not in KNOWN_TYPES
        or (expected_type is not None and resource_type != expected_type)
    ):
        return False
    resource_id = resource.get("id", _ABSENT)
    if resource_id is not _ABSENT and (
        resource_id.__class__ is not str or _match_id(resource_id) is None
    ):
        return False
    meta = resource.get("meta", _ABSENT)
    if meta is _ABSENT:
        return True
    if meta.__class__ is not dict:
        return False
    version = meta.get("versionId", _ABSENT)
    if version is not _ABSENT and (version.__class__ is not str or _match_id(version) is None):
        return False
    last_updated = meta.get("lastUpdated", _ABSENT)
    return last_updated is _ABSENT or (
        last_updated.__class__ is str and _match_instant(last_updated) is not None
    )


def _check_structure(resource: object, *, expected_type: str | None) -> MalformedResource | None:
    if isinstance(resource, dict) and _passes_fast(resource, expected_type):
        return None
    if not isinstance(resource, dict):
        return MalformedResource(None, None, (Problem("", "not-an-object"),))
    problems: list[Problem] = []
    resource_type = resource.get("resourceType")
    if not isinstance(resource_type, str) or resource_type not in KNOWN_TYPES:
        problems.append(Problem("resourceType", "unknown-type"))
    elif expected_type is not None and resource_type != expected_type:
        problems.append(Problem("resourceType", "unexpected-type"))
    if "id" in resource and not is_fhir_id(resource["id"]):
        problems.append(Problem("id", "invalid-id"))
    meta = resource.get("meta")
    if meta is not None:
        if not isinstance(meta, dict):
            problems.append(Problem("meta", "not-an-object"))
        else:
            if "versionId" in meta and not is_fhir_id(meta["versionId"]):
                problems.append(Problem("meta.versionId", "invalid-id"))
            last_updated = meta.get("lastUpdated")
            if last_updated is not None and (
                not isinstance(last_updated, str) or _INSTANT.match(last_updated) is None
            ):
                problems.append(Problem("meta.lastUpdated", "invalid-instant"))
    if not problems:
        return None
    return MalformedResource(*_identity(resource), tuple(problems))


@functools.cache
def _model(resource_type: str) -> type[pydantic.BaseModel]:
    model: type[pydantic.BaseModel] = get_fhir_model_class(resource_type)
    return model


def _check_model(resource: dict[str, Any]) -> MalformedResource | None:
    resource_type = resource["resourceType"]
    if resource_type not in R4B_TYPES:
        # R4-only types have no R4B model; the structural check is all we can do for them.
        return None
    try:
        _model(resource_type).model_validate(resource)
    except pydantic.ValidationError as exc:
        problems = tuple(
            Problem(_format_loc(error["loc"]), error["type"])
            for error in exc.errors(include_url=False, include_context=False, include_input=False)
        )
        return MalformedResource(*_identity(resource), problems)
    except (ValueError, TypeError, KeyError) as exc:
        # Some fhir.resources validators raise plain exceptions; their text may quote values.
        return MalformedResource(*_identity(resource), (Problem("", type(exc).__name__),))
    return None


def _format_loc(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path
