"""The ISBAR handover as a FHIR R4 Composition, and the Task the next shift acknowledges it by.

ISBAR (Identifikasjon, Situasjon, Bakgrunn, Aktuell vurdering, Råd) is the communication tool of
Helsedirektoratet's national faglige råd "Tidlig oppdagelse og rask respons ved forverret
somatisk tilstand" (ux_packaging.md §A.4). No Norwegian or HL7 profile for a handover was found,
and no LOINC section codes for ISBAR (research note issue18-design §2.1); the closest precedent
turns a shift handover into "a single Composition with one section per heading" (SGHI FHIR IG,
StructureMap ExtractInpatientShiftHandoverNote). So:

- ``meta.profile`` no-basis-Composition; ``type`` Volven 9602 ``A04-2`` "Sykepleiesammenfatning"
  (the required binding; no 9602 code names a handover, this is the closest);
  ``category`` the product's ``isbar`` code; ``title`` "ISBAR-rapport".
- ``subject`` the Patient: one Composition per patient, so each is in the patient's compartment
  and reaches every workstation that holds the patient. A unit or route report is the set of
  Compositions signed together, sharing the ``handover-report`` identifier extension and naming
  the place (a Location) in ``handover-place`` (R4 Composition has one identifier, its own).
- ``section``: one per ISBAR part with its code (``ISBAR_SECTION_SYSTEM``), the nurse's text
  as escaped XHTML narrative (``status`` ``additional``), and ``entry`` → the resources the
  prefilled lines came from (NEWS2 Observations, administrations, Tasks, notes, Flags…), so
  the source of each line travels with it. A part the nurse left empty is left out (R4 cmp-1:
  a section needs text, entries or sub-sections).
- ``event.period``: the shift covered; ``date`` and ``attester`` (mode ``professional``):
  when and by whom it was signed; ``author`` the nurse in her role.

Acknowledgement: one Task per Composition (``focus`` → it, ``for`` → the patient), written with
the handover; the next shift completes it (``task_writer.task_done``). Its id is derived from
the Composition's, so two computers that acknowledge the same report meet on one Task.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, Literal

from clinical import codes
from clinical.narrative import text_to_xhtml
from clinical.records.authorship import Author
from clinical.records.common import (
    IETF_URI,
    PLEIEPUNKT,
    Json,
    RecordBuildError,
    Staff,
    fhir_datetime,
    new_id,
    reference,
)
from clinical.records.task_writer import TaskCode, task_to_do

Language = Literal["nb", "en"]

ISBAR_SECTION_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/isbar-section"
HANDOVER_CATEGORY_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/handover"
HANDOVER_CATEGORY: Final = "isbar"
REPORT_EXTENSION: Final = f"{PLEIEPUNKT}/StructureDefinition/handover-report"
PLACE_EXTENSION: Final = f"{PLEIEPUNKT}/StructureDefinition/handover-place"
NO_BASIS_COMPOSITION: Final = f"{codes.NO_BASIS_PROFILE_BASE}Composition"
SYKEPLEIESAMMENFATNING: Final = "A04-2"
ACKNOWLEDGE: Final = TaskCode("bekreft-rapport", "Bekreft mottatt rapport")
MAX_SECTION_LENGTH: Final = 20_000


class IsbarPart(StrEnum):
    """The five parts, in order; the value is the section code."""

    IDENTIFY = "I"
    SITUATION = "S"
    BACKGROUND = "B"
    ASSESSMENT = "A"
    RECOMMENDATION = "R"

    def label(self, language: Language) -> str:
        """The part's name ("Identifikasjon" / "Identify")."""
        return _PART_LABELS[self][language]


_PART_LABELS: Final = MappingProxyType(
    {
        IsbarPart.IDENTIFY: {"nb": "Identifikasjon", "en": "Identify"},
        IsbarPart.SITUATION: {"nb": "Situasjon", "en": "Situation"},
        IsbarPart.BACKGROUND: {"nb": "Bakgrunn", "en": "Background"},
        IsbarPart.ASSESSMENT: {"nb": "Aktuell vurdering", "en": "Assessment"},
        IsbarPart.RECOMMENDATION: {"nb": "Råd", "en": "Recommendation"},
    }
)


@dataclass(frozen=True)
class IsbarSection:
    """One part as signed: the text and the references its lines came from."""

    part: IsbarPart
    text: str
    sources: tuple[Mapping[str, Any], ...] = field(default=())


def _section(section: IsbarSection) -> Json | None:
    words = section.text.strip()
    if len(words) > MAX_SECTION_LENGTH:
        raise RecordBuildError("handover.too_long")
    if not words and not section.sources:
        return None
    part = section.part
    built: Json = {
        "title": part.label("nb"),
        "code": {
            "coding": [
                {"system": ISBAR_SECTION_SYSTEM, "code": part.value, "display": part.label("nb")}
            ]
        },
        "text": {"status": "additional", "div": text_to_xhtml(words)},
    }
    unique = list({str(ref.get("reference")): dict(ref) for ref in section.sources}.values())
    if unique:
        built["entry"] = unique
    return built


def isbar_composition(
    *,
    patient_id: str,
    author: Author,
    sections: Sequence[IsbarSection],
    signed_at: datetime,
    shift: tuple[datetime, datetime],
    report_id: str,
    place: Mapping[str, Any] | None = None,
    custodian: Mapping[str, Any] | None = None,
    resource_id: str | None = None,
) -> Json:
    """The signed ISBAR handover of one patient for the shift ``shift`` ([start, end))."""
    parts = [built for built in (_section(s) for s in sections) if built is not None]
    if not parts:
        raise RecordBuildError("handover.empty")
    if shift[1] <= shift[0]:
        raise RecordBuildError("handover.shift_reversed")
    rid = resource_id or new_id()
    signed = fhir_datetime(signed_at)
    extensions: list[Json] = [
        {
            "url": REPORT_EXTENSION,
            "valueIdentifier": {"system": IETF_URI, "value": f"urn:uuid:{report_id}"},
        }
    ]
    if place is not None:
        extensions.append({"url": PLACE_EXTENSION, "valueReference": dict(place)})
    composition: Json = {
        "resourceType": "Composition",
        "id": rid,
        "meta": {"profile": [NO_BASIS_COMPOSITION]},
        "extension": extensions,
        "identifier": {"system": IETF_URI, "value": f"urn:uuid:{rid}"},
        "status": "final",
        "type": {
            "coding": [
                {
                    "system": codes.DOKUMENTTYPE,
                    "code": SYKEPLEIESAMMENFATNING,
                    "display": "Sykepleiesammenfatning",
                }
            ],
            "text": "ISBAR-rapport",
        },
        "category": [
            {
                "coding": [
                    {
                        "system": HANDOVER_CATEGORY_SYSTEM,
                        "code": HANDOVER_CATEGORY,
                        "display": "ISBAR-rapport",
                    }
                ]
            }
        ],
        "subject": reference("Patient", patient_id),
        "date": signed,
        "author": [author.reference()],
        "title": "ISBAR-rapport",
        "attester": [{"mode": "professional", "time": signed, "party": author.reference()}],
        "event": [{"period": {"start": fhir_datetime(shift[0]), "end": fhir_datetime(shift[1])}}],
        "section": parts,
    }
    contained = author.contained()
    if contained:
        composition["contained"] = contained
    if custodian is not None:
        composition["custodian"] = dict(custodian)
    return composition


def acknowledgement_task(
    composition: Mapping[str, Any], *, requester: Staff, at: datetime, due: datetime
) -> Json:
    """The Task the next shift completes to acknowledge ``composition`` (due at shift change)."""
    rid = str(composition.get("id") or "")
    subject = composition.get("subject")
    patient = str(subject.get("reference", "")) if isinstance(subject, Mapping) else ""
    if not rid or not patient.startswith("Patient/"):
        raise RecordBuildError("handover.not_a_handover")
    return task_to_do(
        patient_id=patient.removeprefix("Patient/"),
        code=ACKNOWLEDGE,
        description="Les og bekreft ISBAR-rapporten fra forrige vakt",
        due=due,
        requester=requester,
        authored=at,
        key=f"Composition/{rid}/acknowledge",
        focus=reference("Composition", rid),
    )
