"""Which stored resources count for a medication round: shared by the round and the patient list."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from clinical.fhir_read import effective_time
from clinical.records.as_needed import FOLLOWUP_CODE

_CLOSED_TASK: Final = frozenset(
    {"completed", "cancelled", "entered-in-error", "rejected", "failed"}
)


def is_open_followup(task: Mapping[str, Any]) -> bool:
    """A PRN effect follow-up Task that is neither done nor called off."""
    concept = task.get("code")
    codings = concept.get("coding") if isinstance(concept, Mapping) else None
    codes = {
        str(c.get("code"))
        for c in (codings if isinstance(codings, list) else ())
        if isinstance(c, Mapping)
    }
    return FOLLOWUP_CODE in codes and task.get("status") not in _CLOSED_TASK


def effective_in(administration: Mapping[str, Any], *, since: datetime, until: datetime) -> bool:
    """The administration's effective time lies in ``[since, until)`` (the store's date index
    is in whole milliseconds, so the exact bounds are checked here)."""
    at = effective_time(administration)
    return at is not None and since <= at < until
