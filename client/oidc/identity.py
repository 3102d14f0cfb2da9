"""Who is signed in: name, HPR number and role from HelseID-style claims, and what a role may do.

The role comes from the health-personnel category (Volven 9060) of the user's HPR approvals in
``helseid://claims/hpr/hpr_details``; several approvals give the most capable role. The policy
table decides what the interface offers; the server still decides what it accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

HPR_NUMBER_CLAIM = "helseid://claims/hpr/hpr_number"
HPR_DETAILS_CLAIM = "helseid://claims/hpr/hpr_details"
HPR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.4"
CATEGORY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9060"


class Role(StrEnum):
    """What the user works as, from the HPR category (most capable first)."""

    PHYSICIAN = "physician"
    NURSE = "nurse"
    HEALTH_WORKER = "health-worker"
    OTHER = "other"


class Action(StrEnum):
    """Things the interface offers only to some roles."""

    VIEW_RECORD = "view-record"
    RECORD_VITAL_SIGNS = "record-vital-signs"
    ADMINISTER_MEDICATION = "administer-medication"
    REQUEST_RENEWAL = "request-renewal"
    PRESCRIBE = "prescribe"
    EMERGENCY_ACCESS = "emergency-access"


_CATEGORY_ROLE = {"LE": Role.PHYSICIAN, "SP": Role.NURSE, "HF": Role.HEALTH_WORKER}
_RANK = (Role.PHYSICIAN, Role.NURSE, Role.HEALTH_WORKER, Role.OTHER)

PERMISSIONS: Mapping[Role, frozenset[Action]] = {
    Role.PHYSICIAN: frozenset(Action),
    Role.NURSE: frozenset(
        {
            Action.VIEW_RECORD,
            Action.RECORD_VITAL_SIGNS,
            Action.ADMINISTER_MEDICATION,
            Action.REQUEST_RENEWAL,
            Action.EMERGENCY_ACCESS,
        }
    ),
    Role.HEALTH_WORKER: frozenset(
        {Action.VIEW_RECORD, Action.RECORD_VITAL_SIGNS, Action.ADMINISTER_MEDICATION}
    ),
    Role.OTHER: frozenset({Action.VIEW_RECORD}),
}


def may(role: Role, action: Action) -> bool:
    """Whether ``role`` is offered ``action``."""
    return action in PERMISSIONS[role]


@dataclass(frozen=True, slots=True)
class Identity:
    """The signed-in person (health personnel, not a patient); ``subject`` is the IdP's ``sub``."""

    issuer: str
    subject: str
    name: str
    hpr_number: str | None
    categories: tuple[str, ...]
    role: Role

    def __repr__(self) -> str:
        # Staff names and HPR numbers are personal data too: keep them out of reprs in logs.
        return f"Identity(role={self.role.value})"

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def role_label(self) -> str:
        return self.role.value

    def may(self, action: Action) -> bool:
        """Whether this person's role is offered ``action``."""
        return may(self.role, action)

    def to_claims(self) -> dict[str, Any]:
        """The claims this identity was made from (to cache it for offline unlock)."""
        return {
            "iss": self.issuer,
            "sub": self.subject,
            "name": self.name,
            HPR_NUMBER_CLAIM: self.hpr_number,
            HPR_DETAILS_CLAIM: {
                "approvals": [{"profession": code} for code in self.categories],
            },
        }


def _categories(details: object) -> tuple[str, ...]:
    if not isinstance(details, Mapping):
        return ()
    approvals = details.get("approvals")
    if not isinstance(approvals, list):
        return ()
    codes = (a.get("profession") for a in approvals if isinstance(a, Mapping))
    return tuple(c for c in codes if isinstance(c, str))


def role_for(categories: tuple[str, ...]) -> Role:
    """The most capable role any of the 9060 categories gives (OTHER when none is known)."""
    roles = {_CATEGORY_ROLE.get(code, Role.OTHER) for code in categories}
    return next((r for r in _RANK if r in roles), Role.OTHER)


def identity_from_claims(claims: Mapping[str, Any]) -> Identity:
    """Build the identity from ID token (or userinfo) claims; missing HPR data gives OTHER."""
    subject = claims.get("sub")
    issuer = claims.get("iss")
    if not isinstance(subject, str) or not isinstance(issuer, str):
        raise ValueError("claims without iss and sub")
    name = claims.get("name")
    if not isinstance(name, str):
        given, family = claims.get("given_name"), claims.get("family_name")
        name = " ".join(p for p in (given, family) if isinstance(p, str)) or subject
    hpr = claims.get(HPR_NUMBER_CLAIM)
    categories = _categories(claims.get(HPR_DETAILS_CLAIM))
    return Identity(
        issuer=issuer,
        subject=subject,
        name=name,
        hpr_number=hpr if isinstance(hpr, str) and hpr.isdigit() else None,
        categories=categories,
        role=role_for(categories),
    )
