"""Due medication doses per patient for the patient list, and the source that counts them.

The counts come from the same medication round the unit's round page (Ctrl+R) and the
patient's round tab show (``ui.bedside.round_plan``), so the list never disagrees with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ui.record_source import PlaceOfWork


@dataclass(frozen=True, slots=True)
class DueDoses:
    """One patient's doses still to document in this shift's round window.

    ``overdue``: past their time by more than the tolerance; ``due_now``: within it; ``later``:
    later in the shift. ``unclear``: orders whose dosage cannot be scheduled safely (the round
    page says why); ``followups``: as-needed doses whose effect is still to be assessed.
    """

    overdue: int = 0
    due_now: int = 0
    later: int = 0
    unclear: int = 0
    followups: int = 0

    @property
    def nothing_due(self) -> bool:
        """True when there is nothing at all to do or check."""
        return not (self.overdue or self.due_now or self.later or self.unclear or self.followups)

    def sort_key(self) -> tuple[int, ...]:
        """Most urgent first when sorted descending: overdue, unclear, due now, later."""
        return (self.overdue, self.unclear, self.due_now, self.later, self.followups)


@runtime_checkable
class DueDoseSource(Protocol):
    """Counts due doses for the patients of a place (blocks: call it on a worker)."""

    def due_doses(self, place: PlaceOfWork, patient_ids: Sequence[str]) -> Mapping[str, DueDoses]:
        """``DueDoses`` per patient id for the current shift; patients without any may be
        left out (they count as nothing due)."""
        ...
