"""One line of critical information other than an allergy (shared by the critical presenters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class CriticalItem:
    """A critical condition, treatment/implant, anaesthesia complication, flag or limitation."""

    id: str
    title: str
    detail: str
    since: date | None
    until: date | None
    by: str
