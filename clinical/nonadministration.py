"""Why a dose was not (fully) given: the Norwegian reason list, and the partial-dose rules.

No national code system for these reasons was found (norway.md §2.6, §6.4: LMDI defines
none, the FHIR ``reason-medication-not-given`` value set is an example binding), so the codes
live in our own system ``NOT_GIVEN_REASON_SYSTEM``; two map to the SNOMED CT concepts of the
FHIR example value set.

Errors: ``DoseRecordError`` (a ``ValueError``) with a stable ``key`` for the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal

Language = Literal["nb", "en"]

NOT_GIVEN_REASON_SYSTEM: Final = "https://pleiepunkt.no/fhir/CodeSystem/not-given-reason"
SNOMED_SYSTEM: Final = "http://snomed.info/sct"
MAX_TEXT_LENGTH: Final = 500


class DoseRecordError(ValueError):
    """A not-given or partial-dose record that breaks a rule; ``key`` says which."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class NotGivenReason(StrEnum):
    """Reasons a scheduled dose was not given; the value is the stable code."""

    REFUSED = "refused"
    ASLEEP = "asleep"
    NOT_PRESENT = "not-present"
    NAUSEOUS = "nauseous"
    WITHHELD = "withheld-clinical-judgement"
    NOT_AVAILABLE = "not-available"
    OTHER = "other"

    def label(self, language: Language) -> str:
        """The label shown in the reason list."""
        return _LABELS[self][language]

    @property
    def requires_text(self) -> bool:
        """True when the user must say more in free text."""
        return self is NotGivenReason.OTHER

    @property
    def snomed(self) -> str | None:
        """The SNOMED CT concept from the FHIR example value set, where one fits."""
        return _SNOMED.get(self)


_LABELS: Final = MappingProxyType(
    {
        NotGivenReason.REFUSED: {"nb": "Pasienten nektet", "en": "Patient refused"},
        NotGivenReason.ASLEEP: {"nb": "Pasienten sov", "en": "Patient asleep"},
        NotGivenReason.NOT_PRESENT: {"nb": "Pasienten ikke til stede", "en": "Patient not present"},
        NotGivenReason.NAUSEOUS: {"nb": "Kvalm / kastet opp", "en": "Nauseous / vomiting"},
        NotGivenReason.WITHHELD: {
            "nb": "Holdt tilbake etter faglig vurdering",
            "en": "Withheld on clinical judgement",
        },
        NotGivenReason.NOT_AVAILABLE: {
            "nb": "Legemidlet var ikke tilgjengelig",
            "en": "Medicine not available",
        },
        NotGivenReason.OTHER: {"nb": "Annet (beskriv)", "en": "Other (describe)"},
    }
)

_SNOMED: Final = MappingProxyType(
    {
        NotGivenReason.REFUSED: "182895007",  # Drug declined by patient
        NotGivenReason.NOT_AVAILABLE: "242990004",  # Drug not available for administration
    }
)


@dataclass(frozen=True)
class NotGiven:
    """A validated reason with its optional free text (required for ``OTHER``)."""

    reason: NotGivenReason
    text: str | None = None

    def __post_init__(self) -> None:
        text = (self.text or "").strip()
        if self.reason.requires_text and not text:
            raise DoseRecordError("not_given.text_required")
        if len(text) > MAX_TEXT_LENGTH:
            raise DoseRecordError("not_given.text_too_long")
        object.__setattr__(self, "text", text or None)

    def status_reason(self) -> dict[str, object]:
        """FHIR ``MedicationAdministration.statusReason`` (a CodeableConcept) for this record."""
        codings: list[dict[str, str]] = [
            {
                "system": NOT_GIVEN_REASON_SYSTEM,
                "code": self.reason.value,
                "display": self.reason.label("nb"),
            }
        ]
        if self.reason.snomed is not None:
            codings.append({"system": SNOMED_SYSTEM, "code": self.reason.snomed})
        concept: dict[str, object] = {"coding": codings}
        if self.text is not None:
            concept["text"] = self.text
        return concept


class DoseOutcome(StrEnum):
    """What was given of a scheduled dose, with the FHIR administration status it maps to."""

    GIVEN = "given"
    PARTIAL = "partial"
    NOT_GIVEN = "not-given"

    @property
    def fhir_status(self) -> str:
        """``MedicationAdministration.status``: a partial dose was still administered."""
        return "not-done" if self is DoseOutcome.NOT_GIVEN else "completed"


@dataclass(frozen=True)
class DoseRecord:
    """The outcome of one scheduled dose, validated against the partial-dose rules."""

    outcome: DoseOutcome
    given: Decimal
    not_given: NotGiven | None


def classify_dose(
    *,
    prescribed: Decimal,
    given: Decimal,
    prescribed_unit: str,
    given_unit: str,
    not_given: NotGiven | None = None,
) -> DoseRecord:
    """Classify what was given against the prescribed dose and enforce the rules.

    Rules: the amounts are in the same unit; nothing more than the prescribed dose is
    recorded against it (an extra amount is its own administration); zero is "not given"
    and a part is "partially given", and both need a reason; a full dose takes none.
    """
    if given_unit != prescribed_unit:
        raise DoseRecordError("dose.unit_mismatch")
    if not prescribed.is_finite() or prescribed <= 0:
        raise DoseRecordError("dose.prescribed_not_positive")
    if not given.is_finite() or given < 0:
        raise DoseRecordError("dose.given_negative")
    if given > prescribed:
        raise DoseRecordError("dose.exceeds_prescribed")
    if given == prescribed:
        if not_given is not None:
            raise DoseRecordError("dose.reason_for_full_dose")
        return DoseRecord(DoseOutcome.GIVEN, given, None)
    if not_given is None:
        raise DoseRecordError("dose.reason_required")
    outcome = DoseOutcome.NOT_GIVEN if given == 0 else DoseOutcome.PARTIAL
    return DoseRecord(outcome, given, not_given)


MESSAGES: Final = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            (
                "not_given.text_required",
                "Beskriv årsaken når «Annet» er valgt.",
                "Describe the reason when “Other” is chosen.",
            ),
            (
                "not_given.text_too_long",
                f"Beskrivelsen kan ha høyst {MAX_TEXT_LENGTH} tegn.",
                f"The description can have at most {MAX_TEXT_LENGTH} characters.",
            ),
            (
                "dose.unit_mismatch",
                "Gitt mengde må ha samme enhet som ordinert dose.",
                "The amount given must have the same unit as the prescribed dose.",
            ),
            (
                "dose.prescribed_not_positive",
                "Ordinert dose mangler eller er ugyldig.",
                "The prescribed dose is missing or invalid.",
            ),
            (
                "dose.given_negative",
                "Gitt mengde kan ikke være negativ.",
                "The amount given cannot be negative.",
            ),
            (
                "dose.exceeds_prescribed",
                "Gitt mengde er større enn ordinert dose. Registrer en ekstra dose separat.",
                "The amount given is more than the prescribed dose. Record an extra dose "
                "separately.",
            ),
            (
                "dose.reason_for_full_dose",
                "Full dose er gitt; det skal ikke oppgis årsak for at den ikke ble gitt.",
                "The full dose was given; no reason for not giving it applies.",
            ),
            (
                "dose.reason_required",
                "Oppgi årsak når dosen ikke ble gitt eller bare delvis gitt.",
                "Give a reason when the dose was not given or only partly given.",
            ),
        )
    }
)
