"""How a medicine row shows its allergy/intolerance flag: words first, colour as a second signal.

The words are the round's ("⚠ Allergy"), so a nurse reads the same flag on the medication list,
the prescriptions and the round; the full alert is the allergy check's own message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import AllergyCheck
from ui.clinical_texts import clinical_text
from ui.theme import CRITICAL_BACKGROUND, CRITICAL_TEXT


def allergy_mark(check: AllergyCheck) -> str:
    """ "⚠ Allergy" for a match that stops a dose, "⚠ Allergy (low)" for one that warns, or ""."""
    if not check.matched:
        return ""
    if check.interrupts:
        return QCoreApplication.translate("AllergyMark", "⚠ Allergy")
    return QCoreApplication.translate("AllergyMark", "⚠ Allergy (low criticality)")


def allergy_alert(check: AllergyCheck) -> str:
    """The allergy check's alert and what the medicine matched, or "" without a match."""
    if not check.matched:
        return ""
    matched = ", ".join(dict.fromkeys(m.display or m.matched_code for m in check.matches))
    alert = clinical_text(ALLERGY_MESSAGES, check.message_key)
    recorded = QCoreApplication.translate("AllergyMark", "Recorded reaction: %1").replace(
        "%1", matched
    )
    return f"{alert} {recorded}"


def allergy_background(check: AllergyCheck) -> str:
    """The row's highlight for a match that stops a dose; never the only signal."""
    return CRITICAL_BACKGROUND if check.interrupts else ""


def allergy_foreground(check: AllergyCheck) -> str:
    """The row's text colour for a match that stops a dose (with the words, never alone)."""
    return CRITICAL_TEXT if check.interrupts else ""


def with_mark(name: str, check: AllergyCheck) -> str:
    """The medicine's name led by its flag, so the flag can never be scrolled out of view."""
    mark = allergy_mark(check)
    return f"{mark}  {name}" if mark else name
