"""Remembers the access basis for a visit, so the user is asked once per patient visit.

A visit ends when its time runs out, when the place of work changes, or when ``forget_all`` is
called (lock, sign-out, user switch). Every opening is still audited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.values import AccessBasis, AccessGrant

DEFAULT_VISIT_LENGTH = timedelta(hours=4)


class AccessMemory:
    """Grants per patient, each valid for one visit."""

    def __init__(self, *, visit_length: timedelta = DEFAULT_VISIT_LENGTH) -> None:
        self._visit_length = visit_length
        self._grants: dict[str, AccessGrant] = {}

    def grant_for(self, patient_id: str, *, now: datetime) -> AccessGrant | None:
        """The grant of the current visit, or None when the user must be asked."""
        grant = self._grants.get(patient_id)
        if grant is None:
            return None
        if not grant.granted_at <= now < grant.granted_at + self._visit_length:
            del self._grants[patient_id]
            return None
        return grant

    def remember(self, patient_id: str, grant: AccessGrant) -> None:
        """Start a visit with this grant."""
        self._grants[patient_id] = grant

    def end_emergency(self) -> None:
        """End every emergency-access grant (the screen locked and policy says so)."""
        self._grants = {
            pid: grant
            for pid, grant in self._grants.items()
            if grant.basis is not AccessBasis.EMERGENCY
        }

    def forget_all(self) -> None:
        """End every visit (lock, sign-out, place change)."""
        self._grants.clear()
