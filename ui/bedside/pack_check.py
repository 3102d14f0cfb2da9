"""Check the pack in hand against the order: by scan (GS1 DataMatrix) or by a manual pick.

Both paths end in the same verdict (``clinical.gs1``): right drug, wrong drug, expired, or
unknown pack, plus an allergy check of the pack's own drug (a substitute may contain what the
patient reacts to). The box reports stops to its dialog, which asks for a recorded reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.contract import BedsideSource
from app.values import FhirJson
from clinical import gs1
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.gs1 import Gs1Error, PackageCheck, PackageCode, check_package, parse_package_code
from clinical.medication_read import allergy_drug, medication_atc, medication_gtins, medication_name
from clinical.records import OverrideCheck, ScannedPack
from ui.bedside.manual_pick_dialog import ManualPickDialog
from ui.bedside.scanner import ScanField
from ui.clinical_texts import clinical_text
from ui.presenters.formatting import format_date
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label

_OUTCOME_CHECK = {
    PackageCheck.WRONG_DRUG: OverrideCheck.WRONG_DRUG,
    PackageCheck.EXPIRED: OverrideCheck.EXPIRED,
    PackageCheck.UNKNOWN_PACKAGE: OverrideCheck.UNKNOWN_PACKAGE,
}


class PackCheckBox(QGroupBox):
    """Scan field, manual pick, and the verdict in words.

    ``stops_changed(dict)`` carries ``{OverrideCheck: message or None}`` for the pack checks
    and the pack's allergy check; ``pack`` is what to record (None until a pack is known).
    """

    stops_changed = Signal(dict)

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        ordered: FhirJson | None,
        ordered_name: str,
        allergies: Sequence[Mapping[str, Any]],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Pack check"))
        self._source, self._runner = source, runner
        self._expected_gtins = medication_gtins(ordered)
        self._expected_atc = medication_atc(ordered)
        self._ordered_name = ordered_name
        self._allergies = allergies
        self._today = today
        self.pack: ScannedPack | None = None
        self.checked = False
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(self.tr("Scan the DataMatrix on the pack, or type it"))
        self.scan_field.setAccessibleName(self.tr("Pack barcode"))
        self.scan_field.scanned.connect(self.check_scan)
        self.pick_button = QPushButton(self.tr("Pick by &hand…"))
        self.pick_button.clicked.connect(self.pick_by_hand)
        row.addWidget(self.scan_field, 1)
        row.addWidget(self.pick_button)
        layout.addLayout(row)
        self.result = plain_label(self.tr("No pack checked yet."))
        layout.addWidget(self.result)
        self.pick_dialog: ManualPickDialog | None = None

    def check_scan(self, text: str) -> None:
        """Parse a scanned code and check the pack (the catalogue lookup runs on a worker)."""
        try:
            package = parse_package_code(text)
        except Gs1Error as error:
            self._show(f"✖ {clinical_text(gs1.MESSAGES, error.key)}")
            return
        self.result.setText(self.tr("Checking the pack…"))
        self._runner.run(
            lambda: self._source.medication_for_gtin(package.gtin),
            on_success=lambda found: self._judge(package, found),
            on_failure=lambda _error: self._judge(package, None),
        )

    def pick_by_hand(self) -> None:
        """Open the manual pick; its choice goes through the same checks."""
        dialog = ManualPickDialog(
            source=self._source,
            runner=self._runner,
            today=self._today(),
            initial_search=self._ordered_name.split(" ")[0],
            parent=self,
        )
        self.pick_dialog = dialog
        dialog.accepted.connect(lambda: self._picked(dialog))
        dialog.open()
        dialog.activateWindow()

    def _picked(self, dialog: ManualPickDialog) -> None:
        medication = dialog.medication
        if medication is None:
            return
        gtins = medication_gtins(medication)
        if gtins:
            self._judge(PackageCode(gtins[0], dialog.expiry, dialog.lot), medication)
            return
        # A catalogue entry without a pack number: judge by ATC and the expiry typed.
        atc = medication_atc(medication)
        if atc is not None and atc == self._expected_atc:
            expired = dialog.expiry is not None and dialog.expiry < self._today()
            outcome = PackageCheck.EXPIRED if expired else PackageCheck.MATCH
        else:
            outcome = PackageCheck.WRONG_DRUG if atc else PackageCheck.UNKNOWN_PACKAGE
        self.pack = None
        self._report(outcome, atc, medication, expiry=dialog.expiry, batch=dialog.lot)

    def _judge(self, package: PackageCode, found: object) -> None:
        medication: FhirJson | None = found if isinstance(found, Mapping) else None
        found_atc = medication_atc(medication)
        try:
            verdict = check_package(
                package,
                on=self._today(),
                expected_gtins=self._expected_gtins,
                expected_atc=self._expected_atc,
                atc_for_gtin=lambda _gtin: found_atc,
            )
        except ValueError:
            self._show(self.tr("This order has no coded drug: check the pack by eye."))
            return
        self.pack = ScannedPack(package.gtin, package.expiry, package.batch, package.serial)
        self._report(
            verdict.outcome,
            verdict.atc,
            medication,
            expiry=package.expiry,
            batch=package.batch,
            expiry_checked=verdict.expiry_checked,
        )

    def _report(
        self,
        outcome: PackageCheck,
        atc: str | None,
        medication: FhirJson | None,
        *,
        expiry: date | None,
        batch: str | None,
        expiry_checked: bool = True,
    ) -> None:
        self.checked = True
        key = (
            "gs1.check.match-expiry-unknown"
            if outcome is PackageCheck.MATCH and not expiry_checked
            else f"gs1.check.{outcome.value}"
        )
        verdict = clinical_text(gs1.MESSAGES, key)
        details = [medication_name(medication)] if medication is not None else []
        if batch:
            details.append(self.tr("lot %1").replace("%1", batch))
        if expiry:
            details.append(self.tr("expiry %1").replace("%1", format_date(expiry)))
        symbol = "✔" if outcome is PackageCheck.MATCH else "✖"
        self._show(f"{symbol} {verdict}" + (f" ({', '.join(details)})" if details else ""))
        stops: dict[OverrideCheck, str | None] = dict.fromkeys(_OUTCOME_CHECK.values())
        check = _OUTCOME_CHECK.get(outcome)
        if check is not None:
            stops[check] = verdict
        allergy = check_drug(self._allergies, allergy_drug(medication, atc))
        stops[OverrideCheck.ALLERGY] = (
            clinical_text(ALLERGY_MESSAGES, allergy.message_key) if allergy.interrupts else None
        )
        self.stops_changed.emit(stops)

    def _show(self, text: str) -> None:
        self.result.setText(text)
