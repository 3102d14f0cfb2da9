"""A patient's newest vital signs as the patient list shows them: warned when red.

RCP NEWS2 Chart 2: a single parameter scoring 3 needs an urgent ward-based response even when
the set is incomplete, so the list warns on the newest set's red parameters and on the band it
reaches at least, not only on a complete set's total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from clinical.news2 import News2Result, ResponseBand
from ui.record_source import PlaceOfWork


@dataclass(frozen=True, slots=True)
class VitalsAlert:
    """The NEWS2 result of a patient's newest set of vital signs, and when it was measured."""

    at: datetime
    result: News2Result

    @property
    def urgent(self) -> bool:
        """True when the set needs at least an urgent ward-based response (a red parameter or
        5 points or more), complete or not."""
        return self.result.least_band.rank >= ResponseBand.LOW_MEDIUM.rank

    @property
    def red_count(self) -> int:
        """How many parameters score 3."""
        return len(self.result.red_parameters)

    def sort_key(self) -> tuple[int, int]:
        """Most urgent first when sorted descending: band reached, then red parameters."""
        return (self.result.least_band.rank, self.red_count)


@runtime_checkable
class VitalsAlertSource(Protocol):
    """Scores the newest vital signs of the patients of a place (blocks: call it on a worker)."""

    def vitals_alerts(
        self, place: PlaceOfWork, patient_ids: Sequence[str]
    ) -> Mapping[str, VitalsAlert]:
        """``VitalsAlert`` per patient id; patients without recent vital signs are left out."""
        ...
