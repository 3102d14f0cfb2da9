"""E-resept prescriptions for display: status groups, validity, reiterations, renewal chains.

Conventions read from MedicationRequest (R4):

- A renewal chain is linked through ``priorPrescription``; only the newest link (the head, which
  no other request names as prior) is listed, the older links are its ``chain``.
- Status: ``stopped``/``cancelled`` -> STOPPED (``statusReason`` says why). Otherwise a
  ``dispenseRequest.validityPeriod.end`` before today -> EXPIRED: the validity ran out, whatever
  the status says. ``completed`` within its validity is a finished course (or a used-up
  prescription): it is listed with the stopped ones, marked ``finished``, never as expired.
  Anything else is ACTIVE.
- Reiterations: ``numberOfRepeatsAllowed`` + 1 dispensings in all; each MedicationDispense whose
  ``authorizingPrescription`` names the request uses one.
- A renewal request already sent is an open Task whose ``focus`` names the request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.values import Prescriptions
from clinical.allergy_check import AllergyCheck
from clinical.fhir_read import (
    FhirResource,
    as_list,
    by_id,
    concept_text,
    dicts,
    first_concept_text,
    parse_datetime,
    period,
    reference_display,
    reference_id,
    text,
)
from ui.presenters.allergy_flags import NO_MATCH, allergy_flag
from ui.presenters.formatting import format_decimal

EXPIRING_SOON = timedelta(days=30)
_OPEN_TASK = frozenset({"draft", "requested", "received", "accepted", "ready", "in-progress"})


class PrescriptionStatus(StrEnum):
    """The three groups a nurse sees; STOPPED also holds finished courses (see ``finished``)."""

    ACTIVE = "active"
    EXPIRED = "expired"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class ChainLink:
    """An earlier prescription this one renewed."""

    id: str
    authored: date | None
    valid_until: date | None


@dataclass(frozen=True, slots=True)
class PrescriptionItem:
    """One prescription (the head of its renewal chain)."""

    id: str
    status: PrescriptionStatus
    name: str
    dosage: str
    authored: date | None
    valid_from: date | None
    valid_until: date | None
    expiring_soon: bool
    dispensings_allowed: int | None
    dispensings_left: int | None
    last_dispensed: date | None
    prescriber: str
    stopped_reason: str
    chain: tuple[ChainLink, ...]
    renewal_requested_on: date | None
    finished: bool = False  # in the STOPPED group because it was completed, not stopped
    allergy: AllergyCheck = NO_MATCH
    """The patient's recorded reactions this medicine matches (``ui.presenters.allergy_flags``)."""

    @property
    def can_request_renewal(self) -> bool:
        """Nurses may ask for renewal of active or expired prescriptions not already asked for."""
        return self.status is not PrescriptionStatus.STOPPED and self.renewal_requested_on is None


@dataclass(frozen=True, slots=True)
class PrescriptionsView:
    """Prescriptions grouped by status."""

    groups: Mapping[PrescriptionStatus, tuple[PrescriptionItem, ...]]


def _name(request: FhirResource, medications: Mapping[str, FhirResource]) -> str:
    if (concept := request.get("medicationCodeableConcept")) is not None:
        return concept_text(concept) or "?"
    reference = request.get("medicationReference")
    medication = medications.get(reference_id(reference, "Medication"))
    if medication is not None:
        return concept_text(medication.get("code")) or "?"
    return reference_display(reference) or "?"


def _date_of(value: object) -> date | None:
    parsed = parse_datetime(value)
    return None if parsed is None else parsed.date()


def _dosage(request: FhirResource) -> str:
    texts = [text(d.get("text")) for d in dicts(request.get("dosageInstruction"))]
    return "; ".join(t for t in texts if t)


def prescription_status(
    request: FhirResource, valid_until: date | None, today: date
) -> tuple[PrescriptionStatus, bool]:
    """The group a prescription is shown in, and whether it is there as a finished one."""
    status = text(request.get("status"))
    if status in ("stopped", "cancelled"):
        return PrescriptionStatus.STOPPED, False
    if valid_until is not None and valid_until < today:
        return PrescriptionStatus.EXPIRED, False
    if status == "completed":
        return PrescriptionStatus.STOPPED, True
    return PrescriptionStatus.ACTIVE, False


def _validity(request: FhirResource) -> tuple[date | None, date | None]:
    dispense = request.get("dispenseRequest")
    if not isinstance(dispense, Mapping):
        return None, None
    start, end = period(dispense.get("validityPeriod"))
    return (None if start is None else start.date(), None if end is None else end.date())


def _chain(head: FhirResource, requests: Mapping[str, FhirResource]) -> tuple[ChainLink, ...]:
    links: list[ChainLink] = []
    seen = {text(head.get("id"))}
    current = head
    while prior_id := reference_id(current.get("priorPrescription"), "MedicationRequest"):
        if prior_id in seen or prior_id not in requests:
            break
        seen.add(prior_id)
        current = requests[prior_id]
        authored = parse_datetime(current.get("authoredOn"))
        links.append(
            ChainLink(
                id=prior_id,
                authored=None if authored is None else authored.date(),
                valid_until=_validity(current)[1],
            )
        )
    return tuple(links)


def prescription_item(
    request: FhirResource,
    *,
    requests: Mapping[str, FhirResource],
    dispenses: Sequence[FhirResource],
    medications: Mapping[str, FhirResource],
    tasks: Sequence[FhirResource],
    today: date,
    allergies: Sequence[FhirResource] = (),
) -> PrescriptionItem:
    """One chain head as a list line; flagged when the patient has a recorded reaction to
    its medicine."""
    request_id = text(request.get("id"))
    valid_from, valid_until = _validity(request)
    status, finished = prescription_status(request, valid_until, today)
    own = [
        d
        for d in dispenses
        if any(
            reference_id(r, "MedicationRequest") == request_id
            for r in as_list(d.get("authorizingPrescription"))
        )
        and text(d.get("status")) in ("completed", "")
    ]
    handed = [
        parsed.date()
        for d in own
        if (parsed := parse_datetime(d.get("whenHandedOver") or d.get("whenPrepared")))
    ]
    dispense_request = request.get("dispenseRequest")
    repeats = (
        dispense_request.get("numberOfRepeatsAllowed")
        if isinstance(dispense_request, Mapping)
        else None
    )
    allowed = repeats + 1 if isinstance(repeats, int) and repeats >= 0 else None
    requested_on = None
    for task in tasks:
        if text(task.get("status")) not in _OPEN_TASK:
            continue
        if reference_id(task.get("focus"), "MedicationRequest") == request_id:
            authored = parse_datetime(task.get("authoredOn"))
            requested_on = today if authored is None else authored.date()
    return PrescriptionItem(
        id=request_id,
        status=status,
        name=_name(request, medications),
        dosage=_dosage(request),
        authored=_date_of(request.get("authoredOn")),
        valid_from=valid_from,
        valid_until=valid_until,
        expiring_soon=(
            status is PrescriptionStatus.ACTIVE
            and valid_until is not None
            and valid_until - today <= EXPIRING_SOON
        ),
        dispensings_allowed=allowed,
        dispensings_left=None if allowed is None else max(0, allowed - len(own)),
        last_dispensed=max(handed) if handed else None,
        prescriber=reference_display(request.get("requester")),
        stopped_reason=(
            first_concept_text(as_list(request.get("statusReason")))
            if status is PrescriptionStatus.STOPPED and not finished
            else ""
        ),
        chain=_chain(request, requests),
        renewal_requested_on=requested_on,
        finished=finished,
        allergy=allergy_flag(request, medications, allergies),
    )


def prescriptions_view(data: Prescriptions, *, today: date) -> PrescriptionsView:
    """Group chain heads by status; active ones expiring first, others newest first."""
    requests = {
        rid: r for rid, r in by_id(data.requests).items() if r.get("status") != "entered-in-error"
    }
    priors = {
        reference_id(r.get("priorPrescription"), "MedicationRequest") for r in requests.values()
    }
    medications = by_id(data.medications)
    items = [
        prescription_item(
            request,
            requests=requests,
            dispenses=data.dispenses,
            medications=medications,
            tasks=data.tasks,
            today=today,
            allergies=data.allergies,
        )
        for rid, request in requests.items()
        if rid not in priors
    ]
    groups: dict[PrescriptionStatus, tuple[PrescriptionItem, ...]] = {}
    for status in PrescriptionStatus:
        members = [i for i in items if i.status is status]
        if status is PrescriptionStatus.ACTIVE:
            members.sort(key=lambda i: (i.valid_until or date.max, i.name.casefold()))
        else:
            members.sort(key=lambda i: i.valid_until or i.authored or date.min, reverse=True)
        groups[status] = tuple(members)
    return PrescriptionsView(groups=groups)


def reiterations_text(item: PrescriptionItem) -> str:
    """ "2 of 4" style numbers, language-free: "2/4", or "" when unknown."""
    if item.dispensings_allowed is None or item.dispensings_left is None:
        return ""
    return f"{format_decimal(item.dispensings_left)}/{format_decimal(item.dispensings_allowed)}"
