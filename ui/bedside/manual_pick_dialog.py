"""Identify a pack by hand (no scanner): search the catalogue, give expiry and lot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.contract import BedsideSource
from app.values import FhirJson
from clinical.medication_read import medication_name
from ui.tasks import TaskRunner
from ui.widgets.button_row import ButtonRow
from ui.widgets.plain import plain_label

_MEDICATION_ROLE = Qt.ItemDataRole.UserRole + 1


class ManualPickDialog(QDialog):
    """On accept: ``medication`` (catalogue Medication JSON), ``expiry`` and ``lot``."""

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        today: date,
        initial_search: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pick the pack by hand"))
        self._source, self._runner = source, runner
        self.medication: FhirJson | None = None
        self.expiry: date | None = None
        self.lot: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Choose the product written on the pack you hold. The same checks as for a "
                    "scan apply."
                )
            )
        )
        form = QFormLayout()
        self.search = QLineEdit(initial_search)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching products"))
        self.has_expiry = QCheckBox(self.tr("E&xpiry date read on the pack"))
        self.has_expiry.setChecked(True)
        self.expiry_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.expiry_edit.setDisplayFormat("dd.MM.yyyy")
        self.expiry_edit.setCalendarPopup(True)
        self.has_expiry.toggled.connect(self.expiry_edit.setEnabled)
        self.lot_edit = QLineEdit()
        form.addRow(self.tr("&Product name:"), self.search)
        form.addRow(self.tr("&Matches:"), self.results)
        form.addRow(self.has_expiry)
        form.addRow(self.tr("&Expiry:"), self.expiry_edit)
        form.addRow(self.tr("&Lot (batch):"), self.lot_edit)
        layout.addLayout(form)
        buttons = ButtonRow(
            action_text=self.tr("&Use this pack"),
            cancel_text=self.tr("Cancel"),
            on_accept=self._accept,
            on_reject=self.reject,
        )
        self.ok_button = buttons.action
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.results.setFocus)
        self._search(initial_search)

    def _search(self, text: str) -> None:
        if len(text.strip()) < 2:
            self.results.clear()
            return
        self._runner.run(
            lambda: self._source.search_medications(text), on_success=self._show_results
        )

    def _show_results(self, found: Any) -> None:
        medications: Sequence[FhirJson] = found
        self.results.clear()
        for medication in medications:
            item = QListWidgetItem(medication_name(medication))
            item.setData(_MEDICATION_ROLE, medication)
            self.results.addItem(item)
        if medications:
            self.results.setCurrentRow(0)

    def _accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.search.setFocus()
            return
        self.medication = item.data(_MEDICATION_ROLE)
        if self.has_expiry.isChecked():
            qdate = self.expiry_edit.date()
            self.expiry = date(qdate.year(), qdate.month(), qdate.day())
        self.lot = self.lot_edit.text().strip() or None
        self.accept()
