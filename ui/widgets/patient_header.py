"""Which patient is open: name, national id, age, room or address, banner, and data freshness.

An emergency access grant is shown as its own line (when, and the reason given) for as long as
the visit's grant lasts: the workspace passes the grant on every opening.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from app.values import AccessBasis, AccessGrant
from clinical import codes
from ui import labels
from ui.presenters.critical import CriticalInformation
from ui.presenters.formatting import format_datetime, format_time
from ui.presenters.incomplete import MissingPart, missing_parts
from ui.presenters.patient import PatientSummary
from ui.widgets.critical_banner import CriticalBanner
from ui.widgets.plain import plain_label


class PatientHeader(QFrame):
    """Stays above the tabs while a patient is open; nothing in it scrolls."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientHeader")
        self._back = QPushButton(self.tr("← &Patient list"))
        self._back.setObjectName("backButton")
        self._back.setAccessibleName(self.tr("Back to the patient list"))
        self._back.setToolTip(self.tr("Back to the patient list (Esc)"))
        self._back.clicked.connect(self.back_requested)
        self._name = plain_label(object_name="patientName", wrap=False)
        self._facts = plain_label(object_name="patientFacts")
        self._synced = plain_label(object_name="syncedAt", wrap=False)
        self._emergency = plain_label(object_name="emergencyAccess")
        self._emergency.hide()
        self._incomplete = plain_label(object_name="incompleteRecord")
        self._incomplete.setProperty("level", "problem")
        self._incomplete.hide()
        self.banner = CriticalBanner()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._back, 0, 0, 2, 1)
        grid.addWidget(self._name, 0, 1)
        grid.addWidget(self._synced, 0, 2)
        grid.addWidget(self._facts, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self._emergency)
        layout.addWidget(self._incomplete)
        layout.addWidget(self.banner)

    @property
    def back_button(self) -> QPushButton:
        """The way back to the list (also Esc)."""
        return self._back

    def name_text(self) -> str:
        """The full name as shown."""
        return self._name.text()

    def facts_text(self) -> str:
        """The national id, age and room/address line as shown."""
        return self._facts.text()

    def synced_text(self) -> str:
        """The freshness line as shown."""
        return self._synced.text()

    def emergency_text(self) -> str:
        """The emergency-access line as shown, or "" when it is hidden."""
        return self._emergency.text() if not self._emergency.isHidden() else ""

    def incomplete_text(self) -> str:
        """The incomplete-record warning as shown, or "" when it is hidden."""
        return self._incomplete.text() if not self._incomplete.isHidden() else ""

    def set_incomplete(self, unreadable_types: frozenset[str]) -> None:
        """Warn when records of the open patient's allergies, critical information or
        medication came from the journal system unreadable (the sync keeps trying them)."""
        parts = missing_parts(unreadable_types)
        if not parts:
            self._incomplete.clear()
            self._incomplete.hide()
            return
        names = {
            MissingPart.ALLERGIES: self.tr("allergies"),
            MissingPart.CRITICAL: self.tr("critical information"),
            MissingPart.MEDICATION: self.tr("medication"),
            MissingPart.UNKNOWN: self.tr("a record of unknown kind"),
        }
        text = self.tr(
            "⚠ Information may be incomplete: %1 from the journal system could not be read. "
            "Check the journal system before relying on what is shown here."
        ).replace("%1", ", ".join(names[p] for p in parts))
        self._incomplete.setText(text)
        self._incomplete.setAccessibleName(text)
        self._incomplete.show()

    def set_access(self, grant: AccessGrant | None) -> None:
        """Show the emergency-access line when ``grant`` is emergency access; hide it otherwise."""
        if grant is None or grant.basis is not AccessBasis.EMERGENCY:
            self._emergency.clear()
            self._emergency.hide()
            return
        text = (
            self.tr("⚠ Emergency access used at %1 – reason: %2")
            .replace("%1", format_time(grant.granted_at))
            .replace("%2", " ".join(grant.reason.split()))
        )
        self._emergency.setText(text)
        self._emergency.setAccessibleName(text)
        self._emergency.show()

    def set_patient(self, summary: PatientSummary) -> None:
        """Show who is open; the national id is shown in full here."""
        self._name.setText(summary.full_name)
        self._name.setAccessibleName(self.tr("Open patient: %1").replace("%1", summary.full_name))
        facts = []
        if summary.national_id_formatted:
            facts.append(self._national_id(summary))
        # Never a guessed age: without the register's birth date, say it is unknown.
        facts.append(
            labels.years(summary.age) if summary.age is not None else self.tr("age unknown")
        )
        if summary.room:
            facts.append(summary.room)
        if summary.visit_start is not None:
            facts.append(self.tr("Visit %1").replace("%1", format_time(summary.visit_start)))
        if summary.address:
            facts.append(summary.address)
        if summary.deceased:
            facts.append(self.tr("✝ Deceased"))
        self._facts.setText("  ·  ".join(facts))
        self._facts.setAccessibleName(", ".join(facts))
        self._synced.setText("")
        self.set_access(None)
        self.set_incomplete(frozenset())
        self.banner.set_information(None)

    def _national_id(self, summary: PatientSummary) -> str:
        """The person number with what it is: national, felles hjelpenummer or local H-nummer."""
        number = summary.national_id_formatted
        if summary.national_id_system == codes.FELLES_HJELPENUMMER:
            return self.tr("Felles hjelpenummer %1").replace("%1", number)
        if summary.national_id_system == codes.LOCAL_H_NUMMER:
            return self.tr("Local H-number %1 (this organisation only)").replace("%1", number)
        return self.tr("National ID %1").replace("%1", number)

    def set_critical(self, info: CriticalInformation | None) -> None:
        """Show the banner for the open patient (None: still being read)."""
        self.banner.set_information(info)

    def set_synced_at(self, when: datetime | None, *, loaded: bool = True) -> None:
        """Say how fresh the shown data is."""
        if not loaded:
            text = ""
        elif when is None:
            text = self.tr("⚠ Never synced: data entered on this computer only")
        else:
            text = self.tr("Data synced %1").replace("%1", format_datetime(when))
        self._synced.setText(text)
        self._synced.setAccessibleName(text)
