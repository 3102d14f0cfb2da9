"""Translated words for the presenters' enums, so presenters stay free of Qt and of English.

Every string is a literal ``QCoreApplication.translate("Labels", ...)`` call, because lupdate
extracts strings statically and would miss anything built at run time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.values import AccessBasis, PlaceKind
from ui.presenters.critical import Criticality, Verification
from ui.presenters.medication_list import Change, UseGroup
from ui.presenters.prescriptions import PrescriptionStatus


def criticality(value: Criticality) -> str:
    """ "high criticality" etc."""
    if value is Criticality.HIGH:
        return QCoreApplication.translate("Labels", "high criticality")
    if value is Criticality.LOW:
        return QCoreApplication.translate("Labels", "low criticality")
    if value is Criticality.UNABLE:
        return QCoreApplication.translate("Labels", "criticality not assessable")
    return QCoreApplication.translate("Labels", "criticality unknown")


def verification(value: Verification) -> str:
    """ "verified" / "presumed"."""
    if value is Verification.VERIFIED:
        return QCoreApplication.translate("Labels", "verified")
    if value is Verification.PRESUMED:
        return QCoreApplication.translate("Labels", "presumed")
    return QCoreApplication.translate("Labels", "verification unknown")


def use_group(value: UseGroup) -> str:
    """Group heading of the medication list."""
    if value is UseGroup.REGULAR:
        return QCoreApplication.translate("Labels", "Regular use")
    if value is UseGroup.COURSE:
        return QCoreApplication.translate("Labels", "Course")
    return QCoreApplication.translate("Labels", "As needed")


def change(value: Change) -> str:
    """What changed since the user last looked, as a word that carries meaning without colour."""
    if value is Change.NEW:
        return QCoreApplication.translate("Labels", "● New")
    if value is Change.CHANGED:
        return QCoreApplication.translate("Labels", "● Changed")
    if value is Change.STOPPED:
        return QCoreApplication.translate("Labels", "● Stopped")
    return ""


def prescription_status(value: PrescriptionStatus) -> str:
    """Group heading of the prescriptions view."""
    if value is PrescriptionStatus.ACTIVE:
        return QCoreApplication.translate("Labels", "Active")
    if value is PrescriptionStatus.EXPIRED:
        return QCoreApplication.translate("Labels", "Expired")
    return QCoreApplication.translate("Labels", "Stopped or finished")


def access_basis(value: AccessBasis) -> str:
    """The access basis as the user chooses it."""
    if value is AccessBasis.CONSENT:
        return QCoreApplication.translate("Labels", "The patient consents")
    if value is AccessBasis.EMERGENCY:
        return QCoreApplication.translate("Labels", "Emergency (necessity)")
    return QCoreApplication.translate("Labels", "Exception: consent cannot be obtained")


def place_kind(value: PlaceKind) -> str:
    """ "Unit" or "Home-care route"."""
    if value is PlaceKind.UNIT:
        return QCoreApplication.translate("Labels", "Unit")
    return QCoreApplication.translate("Labels", "Home-care route")


def hospital_contact_kind(code: str) -> str:
    """Encounter class codes as words."""
    if code == "IMP":
        return QCoreApplication.translate("Labels", "Admission")
    if code in ("EMER", "ACUTE"):
        return QCoreApplication.translate("Labels", "Emergency")
    if code == "AMB":
        return QCoreApplication.translate("Labels", "Outpatient")
    return QCoreApplication.translate("Labels", "Hospital contact")


def years(age: int | None) -> str:
    """ "86 years"."""
    if age is None:
        return ""
    # Two plain strings rather than a %n plural: lupdate releases disagree on plural detection.
    if age == 1:
        return QCoreApplication.translate("Labels", "1 year")
    return QCoreApplication.translate("Labels", "%1 years").replace("%1", str(age))


def role_text(role: str) -> str:
    """A signed-in person's role (``client.oidc.Role`` values) in words."""
    if role == "physician":
        return QCoreApplication.translate("Labels", "physician")
    if role == "nurse":
        return QCoreApplication.translate("Labels", "nurse")
    if role == "health-worker":
        return QCoreApplication.translate("Labels", "health worker")
    return QCoreApplication.translate("Labels", "staff")
