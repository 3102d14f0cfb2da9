"""The user's own recent record openings (who-looked-at-what, from their side).

Each line is one opening: when, which patient (as the user saw them), on what basis, and
whether it was emergency access. Patient names are shown as plain text only. The list comes
from a callable run on a worker (``ClinicalSource.own_accesses``); ``access_entries`` words
the application's Qt-free openings (``app.values.OwnAccess``) for the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.values import AccessBasis, OwnAccess, RecordView
from ui import labels
from ui.models.cell_table import CellTableModel, Roles
from ui.presenters.formatting import format_datetime
from ui.presenters.patient import patient_summary
from ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One opening of a patient's record by the signed-in user."""

    at: datetime
    patient_label: str
    basis_label: str
    emergency: bool = False


def _view_name(view: RecordView) -> str:
    if view is RecordView.CORE_RECORD:
        return QCoreApplication.translate("OwnAccesses", "Core record")
    if view is RecordView.MEDICATION_LIST:
        return QCoreApplication.translate("OwnAccesses", "Medication list")
    return QCoreApplication.translate("OwnAccesses", "Prescriptions")


def _patient_label(access: OwnAccess) -> str:
    """The patient as the list shows them: name and masked national id; "" when not here."""
    if access.patient is None:
        return ""
    summary = patient_summary(access.patient, today=access.at.date())
    if summary.national_id_masked:
        return f"{summary.full_name} ({summary.national_id_masked})"
    return summary.full_name


def access_entries(accesses: Sequence[OwnAccess]) -> list[AccessEntry]:
    """The dialog's lines for the adapter's openings: basis and part of the record in words."""
    entries = []
    for access in accesses:
        parts = []
        if access.basis is not None:
            parts.append(labels.access_basis(access.basis))
        else:
            parts.append(QCoreApplication.translate("OwnAccesses", "Unknown basis"))
        if access.view is not None:
            parts.append(_view_name(access.view))
        entries.append(
            AccessEntry(
                at=access.at,
                patient_label=_patient_label(access)
                or QCoreApplication.translate("OwnAccesses", "Patient no longer on this computer"),
                basis_label=" · ".join(parts),
                emergency=access.basis is AccessBasis.EMERGENCY,
            )
        )
    return entries


class OwnAccessesModel(CellTableModel):
    """Time, patient, basis; emergency openings are marked."""

    COLUMNS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.COLUMNS, parent)
        self.set_titles([self.tr("Time"), self.tr("Patient"), self.tr("Access basis")])

    def set_entries(self, entries: Sequence[AccessEntry]) -> None:
        self.set_cells(self._cells(entry) for entry in entries)

    def _cells(self, entry: AccessEntry) -> list[Roles]:
        cells: list[Roles] = [
            {Qt.ItemDataRole.DisplayRole: self._display(entry, column)}
            for column in range(self.COLUMNS)
        ]
        if entry.emergency:
            cells[2] = {**cells[2], Qt.ItemDataRole.AccessibleTextRole: self.tr("Emergency access")}
        return cells

    def _display(self, entry: AccessEntry, column: int) -> str:
        if column == 0:
            return format_datetime(entry.at)
        if column == 1:
            return entry.patient_label
        if not entry.emergency:
            return entry.basis_label
        marker = self.tr("emergency access")
        return f"{entry.basis_label} — {marker}"


class OwnAccessesDialog(QDialog):
    """Lists the signed-in user's recent openings; loads on a worker when shown."""

    def __init__(
        self,
        *,
        list_accesses: Callable[[], Sequence[AccessEntry]],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My recent record openings"))
        self.model = OwnAccessesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        note = QLabel(
            self.tr(
                "Every opening of a record is logged. Patients can see who opened their record."
            )
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, 480)
        runner.run(list_accesses, on_success=self._loaded, on_failure=self._failed)

    def _loaded(self, entries: Sequence[AccessEntry]) -> None:
        self.model.set_entries(entries)
        self.status.setText(self.tr("No openings recorded yet.") if not entries else "")

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The list could not be read. Nothing has been lost."))
