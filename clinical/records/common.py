"""Ids, identifiers, references, staff and performers shared by the record builders."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

IETF_URI: Final = "urn:ietf:rfc:3986"
HPR_SYSTEM: Final = "urn:oid:2.16.578.1.12.4.1.4.4"
PERFORMER_FUNCTION_SYSTEM: Final = (
    "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"
)
PLEIEPUNKT: Final = "http://pleiepunkt.no/fhir"
TASK_CODE_SYSTEM: Final = f"{PLEIEPUNKT}/CodeSystem/task-code"
"""What a Task of ours is for (renewal, as-needed effect follow-up, a shift task, an alert's
follow-up): one code system, so every writer and reader agrees."""
PERFORMER_CATEGORY_URL: Final = f"{PLEIEPUNKT}/StructureDefinition/performer-category"
"""The health-personnel category (Volven 9060) a performer acted in: R4's
``MedicationAdministration.performer`` has only ``function`` and ``actor``, so a witness's
role is recorded on their entry as this extension (a ``valueCodeableConcept``)."""
VOLVEN_9060: Final = "urn:oid:2.16.578.1.12.4.1.1.9060"

Json = dict[str, Any]


class RecordBuildError(ValueError):
    """Builder inputs that contradict each other; ``key`` names the rule (a caller bug)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def new_id() -> str:
    """A client-side resource id: a lowercase UUID4."""
    return str(uuid.uuid4())


def identifier(resource_id: str) -> Json:
    """The ``urn:uuid`` business identifier that carries a resource's id across servers."""
    return {"system": IETF_URI, "value": f"urn:uuid:{resource_id}"}


def reference(resource_type: str, resource_id: str, display: str | None = None) -> Json:
    """A literal ``ResourceType/id`` reference, with an optional display."""
    ref: Json = {"reference": f"{resource_type}/{resource_id}"}
    if display:
        ref["display"] = display
    return ref


def fhir_datetime(moment: datetime) -> str:
    """An aware datetime as a FHIR ``dateTime`` with seconds and offset."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise RecordBuildError("records.naive_datetime")
    return moment.isoformat(timespec="seconds")


def fhir_number(value: Decimal | float | int) -> int | float:
    """A JSON number: whole values as ``int``, others as ``float``."""
    number = Decimal(str(value))
    if not number.is_finite():
        raise RecordBuildError("records.not_finite")
    return int(number) if number == number.to_integral_value() else float(number)


@dataclass(frozen=True)
class Staff:
    """A signed-in or confirming staff member: Practitioner id, name, HPR number, role code.

    ``role`` is a Volven 9060 code (``SP`` sykepleier, ``HF`` helsefagarbeider, ``LE`` lege).
    """

    practitioner_id: str
    name: str
    hpr: str | None = None
    role: str | None = None

    def reference(self) -> Json:
        """Reference to the Practitioner, with the name and HPR number as identifier."""
        ref = reference("Practitioner", self.practitioner_id, self.name)
        if self.hpr:
            ref["identifier"] = {"system": HPR_SYSTEM, "value": self.hpr}
        return ref


class PerformerFunction(StrEnum):
    """FHIR med-admin-perform-function: who gave, who checked (double signature), who saw."""

    PERFORMER = "performer"
    VERIFIER = "verifier"
    WITNESS = "witness"

    @property
    def display(self) -> str:
        """The code system's display text."""
        return self.value.capitalize()


@dataclass(frozen=True)
class Performer:
    """A staff member in a function on an administration."""

    staff: Staff
    function: PerformerFunction = PerformerFunction.PERFORMER

    def to_fhir(self) -> Json:
        """``MedicationAdministration.performer`` entry, with the role the person acted in."""
        entry: Json = {
            "function": {
                "coding": [
                    {
                        "system": PERFORMER_FUNCTION_SYSTEM,
                        "code": self.function.value,
                        "display": self.function.display,
                    }
                ]
            },
            "actor": self.staff.reference(),
        }
        if self.staff.role:
            entry["extension"] = [
                {
                    "url": PERFORMER_CATEGORY_URL,
                    "valueCodeableConcept": {
                        "coding": [{"system": VOLVEN_9060, "code": self.staff.role}]
                    },
                }
            ]
        return entry
