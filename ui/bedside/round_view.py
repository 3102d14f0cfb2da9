"""A patient's medication round for the shift: overdue first, pouches, as-needed, follow-ups.

Keyboard first: the table has focus; Enter opens the selected row (give / confirm pouch /
as-needed / assess effect), Ctrl+N not given, Ctrl+P partly given, F5 reloads. A pack scanned
anywhere in the view (scan field, or a fast scanner burst while the table has focus) opens the
dose it belongs to with the pack check already done: the dose of the same product first, then
of a substitute, then of the same substance (so the stop says why). ATC never picks the dose.

One patient at a time: ``set_patient`` empties the round at once, before the new patient's
doses load, and every scan and every save passes the ``PatientGuard`` (the patient in the
header). A scan while the round is loading, or for a round that is not the header's patient,
opens nothing and says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.bedside.config import BedsideConfig
from app.bedside.round_plan import RoundPlan, RoundRow, RowKind, build_round
from app.contract import BedsideSource
from app.followup.dispenser import dispenser_of
from app.values import FhirJson
from clinical import patient_guard
from clinical.doses import DoseStatus
from clinical.fhir_read import patient_name
from clinical.gs1 import Gs1Error, parse_package_code
from clinical.nonadministration import DoseOutcome
from clinical.patient_guard import WrongPatientError
from clinical.products import compare_products, product_of, related_score
from clinical.records import Staff
from ui.bedside.administer_dialog import AdministerDialog
from ui.bedside.context import BedsideContext
from ui.bedside.effect_dialog import EffectDialog
from ui.bedside.pouch_dialog import PouchDialog
from ui.bedside.round_model import RoundModel
from ui.bedside.scanner import ScanField, ScanListener
from ui.bedside.view_base import BedsideView
from ui.clinical_texts import clinical_text
from ui.errors import failure_text
from ui.presenters.formatting import format_time
from ui.widgets.plain import plain_label
from ui.widgets.row_table import set_up_row_table


@dataclass(frozen=True)
class _Loaded:
    patient_id: str
    patient: FhirJson
    user: Staff
    allergies: Sequence[FhirJson]
    plan: RoundPlan
    now: datetime
    window: tuple[datetime, datetime]


def load_round(
    source: BedsideSource, patient_id: str, *, now: datetime, config: BedsideConfig
) -> tuple[FhirJson, Staff, Sequence[FhirJson], RoundPlan, tuple[datetime, datetime]]:
    """Read everything the round needs and build it (runs on a worker)."""
    window = config.round_window(now)
    data = source.medication_data(patient_id)
    administrations = source.administrations(patient_id, since=window[0], until=window[1])
    dispenser = source.dispenser_records(patient_id, since=window[0], until=window[1])
    plan = build_round(
        data,
        administrations=administrations,
        followups=source.open_followups(patient_id),
        window=window,
        now=now,
        tolerance=config.tolerance,
        dispenser=dispenser_of(dispenser),
    )
    return (
        source.patient(patient_id),
        source.current_user(),
        source.allergies(patient_id),
        plan,
        window,
    )


class MedicationRoundView(BedsideView):
    """The round of one patient; call ``set_patient`` when the selected patient changes.

    Scans and saves pass the view's ``PatientGuard`` (``BedsideView``): the header's, which the
    workspace shows each patient in before telling the views.
    """

    round_loaded = Signal()
    recorded = Signal(list)

    def _build(self) -> None:
        """The page's widgets (called once, by ``BedsideView.__init__``)."""
        self._loaded: _Loaded | None = None
        self._patient_id: str | None = None
        self._notice = ""
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.title = plain_label(self.tr("No patient chosen."))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.summary = plain_label()
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("Scan pac&k:"))
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(
            self.tr("Scan a pack to open the dose it belongs to (or type the code + Enter)")
        )
        scan_label.setBuddy(self.scan_field)
        self.scan_field.scanned.connect(self.handle_scan)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan_field, 1)
        layout.addLayout(scan_row)
        self.model = RoundModel(self)
        self.table = self._build_table()
        self.table.setAccessibleName(self.tr("Doses in this shift"))
        self.table.activated.connect(lambda _index: self.open_current())
        self.listener = ScanListener(self)
        self.listener.scanned.connect(self.handle_scan)
        self.table.installEventFilter(self.listener)
        layout.addWidget(self.table, 1)
        self._build_buttons(layout)
        self.status = plain_label()
        self.status.setAccessibleName(self.tr("Round status"))
        layout.addWidget(self.status)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.not_given_button.click)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.partial_button.click)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _build_table(self) -> QTableView:
        """The doses table: whole rows selected, wrapped text, the drug column stretching."""
        table = QTableView()
        table.setModel(self.model)
        set_up_row_table(table, wrap=True)
        table.setAlternatingRowColors(False)
        header = table.horizontalHeader()
        # Rows grow to their wrapped text whenever a column changes width (a window resize,
        # 200 % scaling), so a drug name and its strength are never cut off.
        self._rows_fitter = QTimer(self)
        self._rows_fitter.setSingleShot(True)
        self._rows_fitter.setInterval(0)
        self._rows_fitter.timeout.connect(table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._rows_fitter.start())
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _fit_columns(self) -> None:
        """Size the short columns to their text on one line (time, status, dose, route, checks).

        Measured with wrapping on, a cell's width follows the column's current width, so a
        column that starts narrow stays narrow ("⚠ Forsi…"); measure unwrapped, then wrap.
        """
        self.table.setWordWrap(False)
        self.table.horizontalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        buttons = QHBoxLayout()
        self.give_button = QPushButton(self.tr("&Give / open… (Enter)"))
        self.not_given_button = QPushButton(self.tr("&Not given… (Ctrl+N)"))
        self.partial_button = QPushButton(self.tr("Partl&y given… (Ctrl+P)"))
        self.reload_button = QPushButton(self.tr("Re&load (F5)"))
        self.give_button.clicked.connect(self.open_current)
        self.not_given_button.clicked.connect(
            lambda: self.open_current(outcome=DoseOutcome.NOT_GIVEN)
        )
        self.partial_button.clicked.connect(lambda: self.open_current(outcome=DoseOutcome.PARTIAL))
        self.reload_button.clicked.connect(self.reload)
        for button in (
            self.give_button,
            self.not_given_button,
            self.partial_button,
            self.reload_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_patient(self, patient_id: str) -> None:
        """Show this patient's round (loads on a worker); the previous one is gone at once."""
        self.show_patient(patient_id)
        self._patient_id = patient_id
        self.clear()
        self.reload()

    def clear(self) -> None:
        """Empty the round: no rows, no title, nothing a scan or Enter could open."""
        self._loaded = None
        self._notice = ""
        self.model.set_round(RoundPlan(), now=self._clock(), allergies=(), config=self._config)
        self.title.setText(self.tr("Medication round: loading…"))
        self.summary.setText("")
        self.status.setText("")
        self._update_buttons()

    def reload(self) -> None:
        """Read the round again from the store."""
        patient_id = self._patient_id
        if patient_id is None:
            return
        now = self._clock()
        self.status.setText(self.tr("Loading…"))
        self._runner.run(
            lambda: load_round(self._source, patient_id, now=now, config=self._config),
            on_success=lambda result: self._show(patient_id, now, result),
            on_failure=self._load_failed,
        )

    def _show(self, patient_id: str, now: datetime, result: Any) -> None:
        if patient_id != self._patient_id:
            return  # a slow load of a patient the user has left: never paint it
        patient, user, allergies, plan, window = result
        self._loaded = _Loaded(patient_id, patient, user, allergies, plan, now, window)
        current = self.table.currentIndex().row()
        self.model.set_round(plan, now=now, allergies=allergies, config=self._config)
        self._fit_columns()
        self.table.resizeRowsToContents()
        self.title.setText(self.tr("Medication round: %1").replace("%1", patient_name(patient)))
        start, end = self._config.shift(now)
        self.summary.setText(
            self.tr(
                "Shift %1–%2 · %3 overdue · %4 due now · %5 later · %6 as needed · %7 to assess"
            )
            .replace("%1", format_time(start))
            .replace("%2", format_time(end))
            .replace("%3", str(plan.count(DoseStatus.OVERDUE)))
            .replace("%4", str(plan.count(DoseStatus.DUE)))
            .replace("%5", str(plan.count(DoseStatus.UPCOMING)))
            .replace("%6", str(plan.prn_count))
            .replace("%7", str(plan.followup_count))
        )
        if self.model.rowCount() == 0:
            self.status.setText(self.tr("Nothing is due for this patient in this shift."))
        else:
            self.status.setText(self._notice)
        self._notice = ""
        row = min(max(current, 0), self.model.rowCount() - 1)
        self.table.selectRow(row)
        self.table.setFocus()
        self._update_buttons()
        self.round_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(failure_text(error))

    def _refused(self, loaded: _Loaded | None) -> str | None:
        """Why nothing may be opened for ``loaded`` now, or None when it is the header's."""
        shown = self._loaded
        if loaded is None or shown is None or loaded.patient_id != shown.patient_id:
            return self.tr("✖ The round is still loading. Scan again when the doses are shown.")
        try:
            self._guard.check(loaded.patient_id)
        except WrongPatientError as error:
            return "✖ " + clinical_text(patient_guard.MESSAGES, error.key)
        return None

    def _context(self) -> BedsideContext | None:
        loaded = self._loaded
        if loaded is None:
            return None
        return BedsideContext(
            source=self._source,
            runner=self._runner,
            clock=self._clock,
            config=self._config,
            patient_id=loaded.patient_id,
            user=loaded.user,
            allergies=loaded.allergies,
            guard=self._guard,
        )

    def current_row(self) -> RoundRow | None:
        """The selected round row."""
        return self.model.row_at(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        row = self.current_row()
        is_dose = row is not None and row.kind is RowKind.DOSE
        staff_pouch = row is not None and row.kind is RowKind.POUCH and not row.by_dispenser
        self.give_button.setEnabled(
            row is not None and row.kind is not RowKind.PROBLEM and not row.by_dispenser
        )
        self.not_given_button.setEnabled(is_dose or staff_pouch)
        self.partial_button.setEnabled(is_dose)

    def open_current(self, *, outcome: DoseOutcome = DoseOutcome.GIVEN) -> QDialog | None:
        """Open the dialog for the selected row; returns it (window-modal, not blocking)."""
        row = self.current_row()
        return None if row is None else self.open_row(row, outcome=outcome)

    def open_row(
        self, row: RoundRow, *, outcome: DoseOutcome = DoseOutcome.GIVEN
    ) -> QDialog | None:
        """Open the dialog that documents ``row``; nothing opens for another patient."""
        refusal = self._refused(self._loaded)
        if refusal is not None:
            self.status.setText(refusal)
            return None
        context = self._context()
        if context is None or row.kind is RowKind.PROBLEM:
            return None
        if row.by_dispenser:
            # The dispenser's pouch: documenting it as given by staff would be false.
            self.status.setText(
                self.tr("The dispenser hands over this pouch; there is nothing to give.")
            )
            return None
        dialog: QDialog
        if row.kind is RowKind.POUCH:
            pouch = PouchDialog(context=context, row=row, parent=self)
            if outcome is DoseOutcome.NOT_GIVEN:
                pouch.none_button.click()
            dialog = pouch
        elif row.kind is RowKind.FOLLOWUP and row.task is not None:
            dialog = EffectDialog(context=context, task=row.task, parent=self)
        else:
            dialog = AdministerDialog(context=context, row=row, outcome=outcome, parent=self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._recorded(dialog))
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _recorded(self, dialog: QDialog) -> None:
        saved = getattr(dialog, "saved", [])
        self._notice = self.tr(
            "✔ Saved %1 record(s). They are sent when the computer is online."
        ).replace("%1", str(len(saved)))
        self.status.setText(self._notice)
        self.recorded.emit(saved)
        self.reload()

    def handle_scan(self, text: str) -> None:
        """Find the due dose the scanned pack belongs to and open it with the pack checked."""
        loaded = self._loaded
        refusal = self._refused(loaded)
        if refusal is not None:
            self.status.setText(refusal)
            return
        try:
            gtin = parse_package_code(text).gtin
        except Gs1Error:
            gtin = None
        self._runner.run(
            lambda: None if gtin is None else self._source.medication_for_gtin(gtin),
            on_success=lambda found: self._open_for_scan(loaded, text, gtin, found),
        )

    def _open_for_scan(
        self, loaded: _Loaded | None, text: str, gtin: str | None, found: Any
    ) -> None:
        # The lookup ran on a worker: the patient may have changed since the scan.
        refusal = self._refused(loaded)
        if refusal is not None:
            self.status.setText(refusal)
            return
        in_hand = product_of(found if isinstance(found, Mapping) else None)
        scored = []
        for index, row in enumerate(self.model_rows()):
            if row.kind not in (RowKind.DOSE, RowKind.PRN) or row.line is None:
                continue
            ordered = product_of(row.line.medication)
            if found is None:
                score = 3 if gtin is not None and gtin in ordered.gtins else 0
            else:
                score = related_score(compare_products(ordered, in_hand))
            if score:
                scored.append((-score, index, row))
        if not scored:
            self.status.setText(
                self.tr(
                    "✖ This pack matches no dose of this patient in this shift. Choose the dose "
                    "in the list and scan again to see why."
                )
            )
            return
        _, index, row = min(scored, key=lambda item: (item[0], item[1]))
        self.table.selectRow(index)
        dialog = self.open_row(row)
        if isinstance(dialog, AdministerDialog):
            dialog.pack_box.check_scan(text)

    def model_rows(self) -> list[RoundRow]:
        """All rows in display order."""
        return [r for i in range(self.model.rowCount()) if (r := self.model.row_at(i))]

    def showEvent(self, event: Any) -> None:
        """Give the table focus so Enter and a scanner work at once."""
        super().showEvent(event)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
