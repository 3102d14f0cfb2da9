"""Patient list rows: who, where or when, critical indicator, due items, and search matching."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.records.walking_order import walking_order
from app.values import DueDoses, PatientListEntry, VitalsAlert
from ui.presenters.critical import CriticalMarker, critical_information, critical_marker
from ui.presenters.national_id import digits_only, is_valid_national_id
from ui.presenters.patient import PatientSummary, patient_summary

_UNDECOMPOSABLE = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ß": "ss"})


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One row of the patient list with everything needed to show, sort and search it."""

    summary: PatientSummary
    critical: CriticalMarker
    """Only that critical information exists: the list never holds its text."""
    search_name: str
    due: DueDoses | None = None
    """Doses to document this shift; None until counted (or when they could not be)."""
    vitals: VitalsAlert | None = None
    """The newest vital signs scored; None when there are none recent (or not read yet)."""

    @property
    def id(self) -> str:
        """The Patient resource id."""
        return self.summary.id


def fold(value: str) -> str:
    """Case- and accent-insensitive form for matching ("Ørjan" ~ "ørjan", "André" ~ "andre")."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def patient_rows(entries: Sequence[PatientListEntry], *, today: date) -> list[PatientRow]:
    """Rows in the order a nurse walks (``app.records.walking_order``): by visit time on a
    route, by room in a unit."""
    return [
        PatientRow(
            summary=(
                summary := patient_summary(
                    entry.patient, today=today, location=entry.location, visit=entry.visit
                )
            ),
            critical=critical_marker(critical_information(entry.critical, today=today)),
            search_name=fold(f"{summary.full_name} {summary.sort_name}"),
        )
        for entry in sorted(entries, key=walking_order)
    ]


def matches(row: PatientRow, query: str) -> bool:
    """Whether the row matches a search: name words, room, or a full valid national id.

    A national id matches only when all 11 digits are typed and valid, so a partial or mistyped
    number never shows a different patient.
    """
    stripped = query.strip()
    if not stripped:
        return True
    compact = digits_only(stripped)
    if compact.isdigit():
        if len(compact) == 11:
            return is_valid_national_id(compact) and compact == row.summary.national_id
        room_digits = "".join(ch for ch in row.summary.room if ch.isdigit())
        return bool(room_digits) and room_digits.startswith(compact)
    words = fold(stripped).split()
    room_folded = fold(row.summary.room)
    return all(w in row.search_name or (room_folded and w in room_folded) for w in words)
