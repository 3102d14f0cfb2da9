"""Pure builders of the FHIR R4 JSON that bedside documentation writes (stdlib only).

Every builder returns a plain ``dict`` ready for the store and the outbox: a client-side
lowercase UUID4 ``id``, the same id as an ``urn:ietf:rfc:3986`` identifier, and references
by ``ResourceType/id``. Nothing here reads a clock, a store or the network.

- ``administration``: MedicationAdministration given, partly given, not given, as needed,
  multidose pouch items, double signature, scanned pack (lot, expiry, GTIN) and overrides.
- ``prn``: the effect follow-up Task of an as-needed dose and the effect Observation.
- ``vital_signs``: LOINC vital-sign Observations and the NEWS2 score Observation.
- ``renewal``: the Task asking a prescriber to renew a prescription.
- ``task_writer``: any Task to do and its outcome (done / not done / postponed), shared by
  the shift's task list, the handover acknowledgement and other Task workflows.
- ``findings``: the Procedure or Observation a done care-plan activity produced.
- ``nursing_note``: a nursing note (DocumentReference) and its correction.
- ``handover``: the ISBAR handover (Composition) and its acknowledgement Task.
- ``authorship``: the author "with role" of a note or handover (a PractitionerRole).
- ``audit``: the AuditEvent of a record opening (and of emergency access).

Errors: ``RecordBuildError`` (a ``ValueError``) with a stable ``key`` when the inputs
contradict each other (a not-given dose without a reason, no performer). It signals a bug in
the caller, never a user mistake: user input is validated before a builder is called.
"""

from clinical.records.administration import (
    CheckOverride,
    DoseQuantity,
    MedicationSource,
    OverrideCheck,
    ScannedPack,
    Substitution,
    medication_administration,
)
from clinical.records.as_needed import (
    PrnEffect,
    completed_followup,
    effect_followup_task,
    effect_observation,
)
from clinical.records.common import (
    Performer,
    PerformerFunction,
    RecordBuildError,
    Staff,
    identifier,
    new_id,
    reference,
)
from clinical.records.renewal import renewal_task
from clinical.records.vital_signs import (
    VitalSignsSet,
    news2_observation,
    vital_sign_observations,
    vital_signs_resources,
)

__all__ = [
    "CheckOverride",
    "DoseQuantity",
    "MedicationSource",
    "OverrideCheck",
    "Performer",
    "PerformerFunction",
    "PrnEffect",
    "RecordBuildError",
    "ScannedPack",
    "Staff",
    "Substitution",
    "VitalSignsSet",
    "completed_followup",
    "effect_followup_task",
    "effect_observation",
    "identifier",
    "medication_administration",
    "new_id",
    "news2_observation",
    "reference",
    "renewal_task",
    "vital_sign_observations",
    "vital_signs_resources",
]
