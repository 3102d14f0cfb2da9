"""Words a nurse reads in the conflict dialog instead of FHIR names: fields, record kinds, statuses.

Every string is a literal ``QCoreApplication.translate`` call (lupdate extracts statically);
the source language is English and Bokmål comes from ``pleiepunkt_nb.ts``. A field or status
without a word here is shown by its FHIR name, marked as technical, never hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(path: str) -> str:  # noqa: PLR0911, PLR0912 - one plain table
    """ "Dose" for ``dosage``; the FHIR name with a marker for fields without a word."""
    if path in ("effectiveDateTime", "effectivePeriod", "effectiveInstant", "occurrenceDateTime"):
        return QCoreApplication.translate("ConflictLabels", "Time")
    if path in ("dosage", "dosageInstruction"):
        return QCoreApplication.translate("ConflictLabels", "Dose")
    if path == "status":
        return QCoreApplication.translate("ConflictLabels", "Status")
    if path == "statusReason":
        return QCoreApplication.translate("ConflictLabels", "Reason for status")
    if path == "note":
        return QCoreApplication.translate("ConflictLabels", "Note")
    if path in ("medicationReference", "medicationCodeableConcept"):
        return QCoreApplication.translate("ConflictLabels", "Medicine")
    if path == "performer":
        return QCoreApplication.translate("ConflictLabels", "Performed by")
    if path in ("reasonCode", "reasonReference"):
        return QCoreApplication.translate("ConflictLabels", "Reason")
    if path.startswith("value") and path[5:6].isupper():
        return QCoreApplication.translate("ConflictLabels", "Value")
    if path == "component":
        return QCoreApplication.translate("ConflictLabels", "Measurements")
    if path == "code":
        return QCoreApplication.translate("ConflictLabels", "What")
    if path == "category":
        return QCoreApplication.translate("ConflictLabels", "Category")
    if path in ("subject", "for", "patient"):
        return QCoreApplication.translate("ConflictLabels", "Patient")
    if path == "request":
        return QCoreApplication.translate("ConflictLabels", "Prescription")
    if path == "supportingInformation":
        return QCoreApplication.translate("ConflictLabels", "Medication list item")
    if path == "issued":
        return QCoreApplication.translate("ConflictLabels", "Registered")
    if path == "authoredOn":
        return QCoreApplication.translate("ConflictLabels", "Created")
    if path == "lastModified":
        return QCoreApplication.translate("ConflictLabels", "Last changed")
    if path == "description":
        return QCoreApplication.translate("ConflictLabels", "Description")
    if path == "priority":
        return QCoreApplication.translate("ConflictLabels", "Priority")
    if path == "owner":
        return QCoreApplication.translate("ConflictLabels", "Responsible")
    if path == "requester":
        return QCoreApplication.translate("ConflictLabels", "Requested by")
    if path == "restriction":
        return QCoreApplication.translate("ConflictLabels", "To be done by")
    if path == "executionPeriod":
        return QCoreApplication.translate("ConflictLabels", "Carried out")
    if path in ("basedOn", "focus"):
        return QCoreApplication.translate("ConflictLabels", "Concerns")
    if path == "derivedFrom":
        return QCoreApplication.translate("ConflictLabels", "Calculated from")
    if path == "identifier":
        return QCoreApplication.translate("ConflictLabels", "Identifier")
    if path == "device":
        return QCoreApplication.translate("ConflictLabels", "Device")
    if path in ("extension", "modifierExtension"):
        return QCoreApplication.translate("ConflictLabels", "Additional information")
    if path == "interpretation":
        return QCoreApplication.translate("ConflictLabels", "Interpretation")
    if path == "intent":
        return QCoreApplication.translate("ConflictLabels", "Kind of request")
    return QCoreApplication.translate("ConflictLabels", "%1 (technical name)").replace("%1", path)


def resource_label(resource_type: str) -> str:  # noqa: PLR0911 - one plain table
    """What kind of record this is, in words ("Medicine given or not given")."""
    if resource_type == "MedicationAdministration":
        return QCoreApplication.translate("ConflictLabels", "Medicine given or not given")
    if resource_type == "Observation":
        return QCoreApplication.translate("ConflictLabels", "Measurement")
    if resource_type == "Task":
        return QCoreApplication.translate("ConflictLabels", "Task")
    if resource_type == "MedicationStatement":
        return QCoreApplication.translate("ConflictLabels", "Medication list item")
    if resource_type == "MedicationRequest":
        return QCoreApplication.translate("ConflictLabels", "Prescription")
    if resource_type == "AuditEvent":
        return QCoreApplication.translate("ConflictLabels", "Record opening")
    if resource_type == "AllergyIntolerance":
        return QCoreApplication.translate("ConflictLabels", "Allergy or drug reaction")
    if resource_type == "Condition":
        return QCoreApplication.translate("ConflictLabels", "Condition")
    if resource_type == "Flag":
        return QCoreApplication.translate("ConflictLabels", "Warning")
    if resource_type == "Patient":
        return QCoreApplication.translate("ConflictLabels", "Patient details")
    return resource_type


def status_label(resource_type: str, code: str) -> str:  # noqa: PLR0911, PLR0912 - one plain table
    """A status code in words; the code itself when there is no word for it."""
    if resource_type == "MedicationAdministration":
        if code == "completed":
            return QCoreApplication.translate("ConflictLabels", "Given")
        if code == "not-done":
            return QCoreApplication.translate("ConflictLabels", "Not given")
    if code == "completed":
        return QCoreApplication.translate("ConflictLabels", "Completed")
    if code == "in-progress":
        return QCoreApplication.translate("ConflictLabels", "In progress")
    if code == "on-hold":
        return QCoreApplication.translate("ConflictLabels", "On hold")
    if code == "stopped":
        return QCoreApplication.translate("ConflictLabels", "Stopped")
    if code == "entered-in-error":
        return QCoreApplication.translate("ConflictLabels", "Entered in error")
    if code == "cancelled":
        return QCoreApplication.translate("ConflictLabels", "Cancelled")
    if code == "final":
        return QCoreApplication.translate("ConflictLabels", "Final")
    if code == "preliminary":
        return QCoreApplication.translate("ConflictLabels", "Preliminary")
    if code in ("amended", "corrected"):
        return QCoreApplication.translate("ConflictLabels", "Corrected")
    if code == "registered":
        return QCoreApplication.translate("ConflictLabels", "Registered")
    if code == "requested":
        return QCoreApplication.translate("ConflictLabels", "Requested")
    if code == "accepted":
        return QCoreApplication.translate("ConflictLabels", "Accepted")
    if code == "rejected":
        return QCoreApplication.translate("ConflictLabels", "Rejected")
    if code == "active":
        return QCoreApplication.translate("ConflictLabels", "Active")
    if code == "draft":
        return QCoreApplication.translate("ConflictLabels", "Draft")
    if code == "unknown":
        return QCoreApplication.translate("ConflictLabels", "Unknown")
    return code


def yes_no(value: bool) -> str:
    """ "Yes" or "No"."""
    return (
        QCoreApplication.translate("ConflictLabels", "Yes")
        if value
        else QCoreApplication.translate("ConflictLabels", "No")
    )


def empty() -> str:
    """What an absent value reads as."""
    return QCoreApplication.translate("ConflictLabels", "(not filled in)")
