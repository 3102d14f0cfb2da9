"""What the documentation dialogs return: plain values of what the nurse chose and typed.

A dialog collects these and hands them to ``BedsideSource``; the application service turns
them into FHIR resources through ``clinical.records`` and writes them (``app.bedside``). A value
holds no decision that belongs to a clinical rule: the outcome of a dose, who performs it, and
whether an as-needed dose gets an effect follow-up are decided in ``app.bedside.dose_records``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from clinical.news2 import News2Result
from clinical.nonadministration import DoseOutcome, NotGiven
from clinical.records import (
    CheckOverride,
    DoseQuantity,
    MedicationSource,
    PrnEffect,
    ScannedPack,
    Staff,
    Substitution,
    VitalSignsSet,
)

FhirJson = Mapping[str, Any]


@dataclass(frozen=True)
class DoseEntry:
    """One dose (or one as-needed dose) as documented in the dialog.

    ``chosen`` is the outcome the nurse picked, ``given`` the amount typed (in the order's
    ``unit``; zero when nothing was given), ``ordered`` the order's dose for this time.
    ``verifier`` is the colleague who co-signed a controlled drug; ``substitution`` the confirmed
    substitute pack in hand, when it is one. For an as-needed dose,
    ``indication`` is why it is given now as typed, ``ordered_indication`` the order's coded
    indication it was pre-filled from.
    """

    patient_id: str
    medication: MedicationSource
    effective: datetime
    chosen: DoseOutcome
    given: Decimal
    unit: str | None = None
    ordered: DoseQuantity | None = None
    not_given: NotGiven | None = None
    route: Mapping[str, Any] | None = None
    dosage_text: str | None = None
    scheduled_at: datetime | None = None
    pack: ScannedPack | None = None
    overrides: Sequence[CheckOverride] = ()
    note: str = ""
    verifier: Staff | None = None
    as_needed: bool = False
    indication: str = ""
    ordered_indication: Mapping[str, Any] | None = None
    substitution: Substitution | None = None


@dataclass(frozen=True)
class PouchItemEntry:
    """One drug of a multidose pouch: ticked as given, or not given with a reason."""

    medication: MedicationSource
    given: bool
    not_given: NotGiven | None = None
    ordered: DoseQuantity | None = None
    route: Mapping[str, Any] | None = None
    dosage_text: str | None = None
    scheduled_at: datetime | None = None
    atc: str | None = None


@dataclass(frozen=True)
class PouchEntry:
    """A multidose pouch confirmed as a unit, with its per-drug exceptions."""

    patient_id: str
    effective: datetime
    items: Sequence[PouchItemEntry]
    overrides: Sequence[CheckOverride] = ()
    verifier: Staff | None = None


@dataclass(frozen=True)
class EffectEntry:
    """How well an as-needed dose worked, answering its open follow-up ``task``."""

    patient_id: str
    task: FhirJson
    effect: PrnEffect
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class VitalsEntry:
    """A set of vital signs measured at ``effective`` (any field may be missing)."""

    patient_id: str
    values: VitalSignsSet
    effective: datetime


@dataclass(frozen=True)
class RecordedVitals:
    """What was saved for a ``VitalsEntry``: the resources, and the NEWS2 they carry."""

    resources: Sequence[FhirJson]
    score: News2Result = field(compare=False)
