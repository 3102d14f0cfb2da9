"""The core record: critical information first (left), then the rest of the summary (right)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.presenters.core_record import CoreRecordView
from ui.presenters.critical import AllergyItem, AllergyKind, Criticality
from ui.presenters.critical_item import CriticalItem
from ui.presenters.formatting import format_date
from ui.widgets.plain import plain_label


class _Section(QGroupBox):
    """A titled list of entries; says so plainly when it has none."""

    def __init__(self, title: str, *, critical: bool = False) -> None:
        super().__init__(title)
        self.setObjectName("criticalSection" if critical else "recordSection")
        self.setAccessibleName(title)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(6)

    def add_entry(self, title: str, detail: str = "", *, alert: bool = False) -> None:
        entry = QFrame()
        entry.setObjectName("entryAlert" if alert else "entry")
        box = QVBoxLayout(entry)
        box.setContentsMargins(8, 4, 8, 4)
        box.setSpacing(1)
        heading = plain_label(title, object_name="entryTitle")
        box.addWidget(heading)
        if detail:
            box.addWidget(plain_label(detail, object_name="entryDetail"))
        entry.setAccessibleName(f"{title}. {detail}" if detail else title)
        self._layout.addWidget(entry)

    def add_none(self, text: str) -> None:
        self._layout.addWidget(plain_label(text, object_name="noneText"))

    def texts(self) -> list[str]:
        """Every text in the section, in order (for tests)."""
        return [label.text() for label in self.findChildren(QLabel)]


class CoreRecordWidget(QScrollArea):
    """Renders a ``CoreRecordView``; all patient text in plain-text labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coreRecord")
        self.setAccessibleName(self.tr("Core record"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._sections: list[_Section] = []

    def sections(self) -> list[_Section]:
        """The sections shown, in reading order."""
        return list(self._sections)

    def show_record(self, view: CoreRecordView) -> None:
        """Replace the content with ``view``."""
        self._sections = []
        page = QWidget()
        page.setObjectName("corePage")
        columns = QHBoxLayout(page)
        columns.setContentsMargins(12, 12, 12, 12)
        columns.setSpacing(16)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        critical = view.critical
        self._allergies(left, critical.allergies)
        self._items(
            left, self.tr("⚠ Critical conditions"), critical.critical_conditions, critical=True
        )
        self._items(
            left,
            self.tr("⚠ Ongoing treatments and implants"),
            critical.treatments_and_implants,
            critical=True,
        )
        self._items(
            left,
            self.tr("⚠ Anaesthesia complications"),
            critical.anaesthesia_complications,
            critical=True,
        )
        self._items(
            left, self.tr("⚠ Other procedure changes"), critical.procedure_changes, critical=True
        )
        self._items(
            left,
            self.tr("⚠ Treatment limitations (e.g. HLR-minus)"),
            critical.treatment_limitations,
            critical=True,
        )
        left.addStretch(1)
        self._vaccinations(right, view)
        self._contacts(right, view)
        self._relatives(right, view)
        self._gp(right, view)
        right.addStretch(1)
        self.setWidget(page)

    def _add(self, layout: QVBoxLayout, section: _Section) -> None:
        layout.addWidget(section)
        self._sections.append(section)

    def _allergies(self, layout: QVBoxLayout, allergies: Sequence[AllergyItem]) -> None:
        section = _Section(self.tr("⚠ Drug reactions and critical allergies"), critical=True)
        if not allergies:
            section.add_none(self.tr("None registered"))
        for allergy in allergies:
            kind = (
                self.tr("Drug reaction") if allergy.kind is AllergyKind.DRUG else self.tr("Allergy")
            )
            symbol = "⚠ " if allergy.criticality is Criticality.HIGH else ""
            title = f"{symbol}{allergy.substance}"
            facts = [
                kind,
                labels.criticality(allergy.criticality),
                labels.verification(allergy.verification),
            ]
            lines = []
            if allergy.reactions:
                lines.append(self.tr("Reaction: %1").replace("%1", ", ".join(allergy.reactions)))
            lines.append(" · ".join(facts))
            recorded = " ".join(p for p in (format_date(allergy.recorded), allergy.recorder) if p)
            if recorded:
                lines.append(self.tr("Registered %1").replace("%1", recorded))
            if allergy.note:
                lines.append(allergy.note)
            section.add_entry(
                title, "\n".join(lines), alert=allergy.criticality is Criticality.HIGH
            )
        self._add(layout, section)

    def _items(
        self,
        layout: QVBoxLayout,
        title: str,
        items: Sequence[CriticalItem],
        *,
        critical: bool,
    ) -> None:
        section = _Section(title, critical=critical)
        if not items:
            section.add_none(self.tr("None registered"))
        for item in items:
            lines = [item.detail] if item.detail else []
            when = []
            if item.since is not None:
                when.append(self.tr("from %1").replace("%1", format_date(item.since)))
            if item.until is not None:
                when.append(self.tr("valid until %1").replace("%1", format_date(item.until)))
            if item.by:
                when.append(item.by)
            if when:
                lines.append(" · ".join(when))
            section.add_entry(item.title, "\n".join(lines), alert=critical)
        self._add(layout, section)

    def _vaccinations(self, layout: QVBoxLayout, view: CoreRecordView) -> None:
        section = _Section(self.tr("Vaccinations"))
        if not view.vaccinations:
            section.add_none(self.tr("None registered"))
        for vaccination in view.vaccinations:
            detail = format_date(vaccination.given)
            if vaccination.dose:
                detail += "  " + self.tr("dose %1").replace("%1", vaccination.dose)
            section.add_entry(vaccination.vaccine, detail.strip())
        self._add(layout, section)

    def _contacts(self, layout: QVBoxLayout, view: CoreRecordView) -> None:
        section = _Section(self.tr("Hospital contacts"))
        if not view.hospital_contacts:
            section.add_none(self.tr("None registered"))
        for contact in view.hospital_contacts:
            span = format_date(contact.start)
            if contact.end is not None and contact.end != contact.start:
                span += f"–{format_date(contact.end)}"
            detail = " · ".join(
                p
                for p in (labels.hospital_contact_kind(contact.kind_code), span, contact.reason)
                if p
            )
            section.add_entry(contact.place, detail)
        self._add(layout, section)

    def _relatives(self, layout: QVBoxLayout, view: CoreRecordView) -> None:
        section = _Section(self.tr("Relatives and contact persons"))
        if not view.relatives:
            section.add_none(self.tr("None registered"))
        for relative in view.relatives:
            facts = [relative.relationship] if relative.relationship else []
            if relative.is_contact_person:
                facts.append(self.tr("contact person"))
            if relative.phone:
                facts.append(self.tr("phone %1").replace("%1", relative.phone))
            section.add_entry(relative.name, " · ".join(facts))
        self._add(layout, section)

    def _gp(self, layout: QVBoxLayout, view: CoreRecordView) -> None:
        section = _Section(self.tr("Regular GP (fastlege)"))
        gp = view.general_practitioner
        if gp is None:
            section.add_none(self.tr("No regular GP registered"))
        else:
            facts = [gp.office] if gp.office else []
            if gp.phone:
                facts.append(self.tr("phone %1").replace("%1", gp.phone))
            section.add_entry(gp.name, " · ".join(facts))
        self._add(layout, section)
