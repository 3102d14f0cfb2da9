"""E-resept: active, expired and stopped prescriptions; nurses ask for renewal, never prescribe."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui import labels
from ui.models.grouped_model import Cell, Group, GroupedModel, Row
from ui.presenters.formatting import format_date
from ui.presenters.prescriptions import (
    PrescriptionItem,
    PrescriptionStatus,
    PrescriptionsView,
    reiterations_text,
)
from ui.theme import CHANGED_BACKGROUND, MUTED_TEXT
from ui.views.allergy_mark import (
    allergy_alert,
    allergy_background,
    allergy_foreground,
    with_mark,
)
from ui.widgets.grouped_tree import GroupedTree
from ui.widgets.plain import plain_label

NAME_COLUMN = 0


class PrescriptionsWidget(QWidget):
    """Renders a ``PrescriptionsView``; emits ``renewal_requested(item)`` from its one action."""

    renewal_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prescriptions")
        self.setAccessibleName(self.tr("Prescriptions"))
        self.model = GroupedModel(self._headers(), self)
        # Name, validity and dispensings left stay readable at any width; the rest may elide.
        self.tree = GroupedTree(self.model, stretch_column=NAME_COLUMN, keep_columns=(2, 3, 4))
        self.tree.setObjectName("prescriptionTree")
        self.tree.setAccessibleName(self.tr("Prescriptions"))
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)
        self._renew = QPushButton(self.tr("Ask the prescriber for re&newal…"))
        self._renew.setObjectName("renewButton")
        self._renew.setAccessibleName(self.tr("Ask the prescriber for renewal"))
        self._renew.setEnabled(False)
        self._renew.clicked.connect(self._ask_renewal)
        self._hint = plain_label(
            self.tr("Prescribing is done by a physician. You can ask for a renewal."),
            object_name="hint",
        )
        self._detail = plain_label(object_name="itemDetail")
        self._detail.setAccessibleName(self.tr("Selected prescription"))
        top = QHBoxLayout()
        top.addWidget(self._hint, 1)
        top.addWidget(self._renew)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._detail)

    @property
    def renew_button(self) -> QPushButton:
        """The renewal-request action."""
        return self._renew

    def _headers(self) -> list[str]:
        return [
            self.tr("Medicine"),
            self.tr("Dosage"),
            self.tr("Valid until"),
            self.tr("Dispensings left"),
            self.tr("Last dispensed"),
            self.tr("Prescriber"),
            self.tr("Renewal"),
        ]

    def show_prescriptions(self, view: PrescriptionsView) -> None:
        """Show all three groups (empty ones too, so absence is visible)."""
        groups = [
            Group(labels.prescription_status(status), [self._row(i) for i in items])
            for status, items in view.groups.items()
        ]
        self.model.set_groups(groups)
        if self.model.rowCount() and self.model.rowCount(self.model.index(0, 0)):
            self.tree.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))
        else:
            self._on_current(QModelIndex(), QModelIndex())

    def _validity(self, item: PrescriptionItem) -> Cell:
        until = format_date(item.valid_until)
        if item.status is PrescriptionStatus.ACTIVE and item.expiring_soon:
            text = self.tr("⚠ %1 (expires soon)").replace("%1", until)
            return Cell(text, sort=item.valid_until)
        return Cell(until, sort=item.valid_until)

    def _row(self, item: PrescriptionItem) -> Row:
        renewal = ""
        if item.renewal_requested_on is not None:
            renewal = self.tr("✓ Renewal requested %1").replace(
                "%1", format_date(item.renewal_requested_on)
            )
        chain = self.tr("%n earlier", "", len(item.chain)) if item.chain else ""
        alert = allergy_alert(item.allergy)
        named = with_mark(item.name, item.allergy)
        cells = [
            Cell(named, tooltip=alert, accessible=f"{named}. {alert}" if alert else named),
            Cell(item.dosage, tooltip=item.dosage),
            self._validity(item),
            Cell(
                reiterations_text(item),
                accessible=self.tr("%1 of %2 dispensings left")
                .replace("%1", str(item.dispensings_left))
                .replace("%2", str(item.dispensings_allowed)),
            ),
            Cell(format_date(item.last_dispensed), sort=item.last_dispensed),
            Cell(item.prescriber),
            Cell(" · ".join(p for p in (renewal, chain) if p)),
        ]
        return Row(
            cells=cells,
            payload=item,
            background=allergy_background(item.allergy)
            or (CHANGED_BACKGROUND if item.expiring_soon else ""),
            foreground=(MUTED_TEXT if item.status is not PrescriptionStatus.ACTIVE else "")
            or allergy_foreground(item.allergy),
        )

    def selected(self) -> PrescriptionItem | None:
        """The prescription under the cursor."""
        item = self.model.row_payload(self.tree.currentIndex())
        return item if isinstance(item, PrescriptionItem) else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_payload(current)
        if not isinstance(item, PrescriptionItem):
            self._renew.setEnabled(False)
            self._detail.setText(self.tr("Select a prescription to see its details."))
            return
        self._renew.setEnabled(item.can_request_renewal)
        status = labels.prescription_status(item.status)
        lines = [f"{with_mark(item.name, item.allergy)} – {status}"]
        if item.allergy.matched:
            lines.append(allergy_alert(item.allergy))
        if item.dosage:
            # The dosage column may elide at 200 %; the selected prescription says it in full.
            lines.append(self.tr("Dosage: %1").replace("%1", item.dosage))
        validity = " – ".join(
            p for p in (format_date(item.valid_from), format_date(item.valid_until)) if p
        )
        if validity:
            lines.append(self.tr("Valid: %1").replace("%1", validity))
        if item.dispensings_allowed is not None:
            lines.append(
                self.tr("%1 of %2 dispensings left")
                .replace("%1", str(item.dispensings_left))
                .replace("%2", str(item.dispensings_allowed))
            )
        if item.chain:
            links = " ← ".join(format_date(link.authored) or "?" for link in item.chain)
            lines.append(self.tr("Renewal of earlier prescriptions: %1").replace("%1", links))
        if item.stopped_reason:
            lines.append(self.tr("Stopped: %1").replace("%1", item.stopped_reason))
        if item.finished:
            lines.append(self.tr("Finished: course completed"))
        if item.renewal_requested_on is not None:
            lines.append(
                self.tr("Renewal requested %1").replace(
                    "%1", format_date(item.renewal_requested_on)
                )
            )
        self._detail.setText("  ·  ".join(lines))

    def _ask_renewal(self) -> None:
        item = self.selected()
        if item is not None and item.can_request_renewal:
            self.renewal_requested.emit(item)
