"""The outcome of a single write (create, update, delete, conditional create)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.errors import MalformedResource


@dataclass(frozen=True)
class WriteResult:
    """What the server did with one write: status, new version, and the stored representation.

    ``resource`` is None when the server sent no body (or a malformed one; then ``malformed``
    says where). ``version_id`` comes from the ETag, else ``meta.versionId``, else the Location.
    """

    status: int
    resource_type: str
    resource_id: str | None
    version_id: str | None
    last_modified: str | None
    location: str | None
    resource: dict[str, Any] | None
    malformed: MalformedResource | None = None

    @property
    def created(self) -> bool:
        """True when the server created a new resource (201), False when it updated or found one."""
        return self.status == 201
