"""Check the pack in hand against the order: by scan (GS1 DataMatrix) or by a manual pick.

Both paths end in the same product-level verdict (``clinical.gs1.check_pack`` over
``clinical.products``): the ordered product, a substitute from its byttegruppe (to confirm), a
different substance, strength or form (a stop), an expired or an unknown pack; plus an allergy
check of the pack's own drug (a substitute may contain what the patient reacts to). The dose and
the pack are shown side by side whenever they are not simply the same product. The box reports
stops to its dialog, which asks for a recorded reason, and holds the confirmed substitution.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.contract import BedsideSource
from app.values import FhirJson
from clinical import gs1, patient_guard
from clinical.allergy_check import MESSAGES as ALLERGY_MESSAGES
from clinical.allergy_check import check_drug
from clinical.gs1 import (
    Gs1Error,
    PackageCheck,
    PackageCode,
    PackageVerdict,
    check_pack,
    parse_package_code,
)
from clinical.medication_read import allergy_drug, medication_gtins, medication_name
from clinical.patient_guard import WrongPatientError
from clinical.products import PackMatch, difference_lines, product_of
from clinical.records import OverrideCheck, ScannedPack, Substitution
from ui.bedside.manual_pick_dialog import ManualPickDialog
from ui.bedside.pack_compare import PackComparison
from ui.bedside.scanner import ScanField
from ui.clinical_texts import clinical_text, language
from ui.presenters.formatting import format_date
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label

_OUTCOME_CHECK = {
    PackageCheck.WRONG_DRUG: OverrideCheck.WRONG_DRUG,
    PackageCheck.EXPIRED: OverrideCheck.EXPIRED,
    PackageCheck.UNKNOWN_PACKAGE: OverrideCheck.UNKNOWN_PACKAGE,
}


class PackCheckBox(QGroupBox):
    """Scan field, manual pick, the verdict in words, and the dose beside the pack.

    ``stops_changed(dict)`` carries ``{OverrideCheck: message or None}`` for the pack checks
    and the pack's allergy check; ``pack`` is what to record (None until a pack is known);
    ``substitution`` is set once a substitute has been confirmed.
    """

    stops_changed = Signal(dict)

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        ordered: FhirJson | None,
        ordered_name: str,
        dose: str,
        allergies: Sequence[Mapping[str, Any]],
        today: Callable[[], date],
        check_patient: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Pack check"))
        self._source, self._runner = source, runner
        self._ordered_medication = ordered
        self._ordered = product_of(ordered)
        self._ordered_name = ordered_name
        self._dose = dose
        self._allergies = allergies
        self._today = today
        self._check_patient = check_patient
        self.pack: ScannedPack | None = None
        self.verdict: PackageVerdict | None = None
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
        self.comparison = PackComparison()
        layout.addWidget(self.comparison)
        self.substitute_text = plain_label()
        self.substitute_text.setStyleSheet("font-weight: bold;")
        self.substitute_text.setVisible(False)
        layout.addWidget(self.substitute_text)
        self.confirm_substitute = QCheckBox(self.tr("I &confirm the substitution (recorded)"))
        self.confirm_substitute.setVisible(False)
        layout.addWidget(self.confirm_substitute)
        self.pick_dialog: ManualPickDialog | None = None

    @property
    def needs_confirmation(self) -> bool:
        """True while a substitute is in hand and not yet confirmed."""
        return (
            self.verdict is not None
            and self.verdict.needs_confirmation
            and not self.confirm_substitute.isChecked()
        )

    @property
    def substitution(self) -> Substitution | None:
        """The confirmed substitution to record, or None."""
        verdict = self.verdict
        if verdict is None or not verdict.needs_confirmation:
            return None
        if not self.confirm_substitute.isChecked():
            return None
        medication_id = (self._ordered_medication or {}).get("id")
        return Substitution(
            ordered_display=self._ordered_name,
            ordered_medication_id=medication_id if isinstance(medication_id, str) else None,
            byttegruppe=self._ordered.byttegruppe,
        )

    def check_scan(self, text: str) -> None:
        """Parse a scanned code and check the pack (the catalogue lookup runs on a worker)."""
        try:
            self._check_patient()
        except WrongPatientError as error:
            self._show("✖ " + clinical_text(patient_guard.MESSAGES, error.key))
            return
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
        # A catalogue entry without a pack number: the product is still compared, not its ATC.
        verdict = check_pack(
            self._ordered, product_of(medication), on=self._today(), expiry=dialog.expiry
        )
        self.pack = None
        self._report(verdict, medication, expiry=dialog.expiry, batch=dialog.lot)

    def _judge(self, package: PackageCode, found: object) -> None:
        medication: FhirJson | None = found if isinstance(found, Mapping) else None
        verdict = check_pack(
            self._ordered,
            None if medication is None else product_of(medication),
            on=self._today(),
            expiry=package.expiry,
            gtin=package.gtin,
        )
        self.pack = ScannedPack(
            package.gtin, package.expiry, package.batch, package.serial, product=medication
        )
        self._report(verdict, medication, expiry=package.expiry, batch=package.batch)

    def _report(
        self,
        verdict: PackageVerdict,
        medication: FhirJson | None,
        *,
        expiry: date | None,
        batch: str | None,
    ) -> None:
        self.checked = True
        self.verdict = verdict
        text = clinical_text(gs1.MESSAGES, verdict.message_key)
        details = [medication_name(medication)] if medication is not None else []
        if batch:
            details.append(self.tr("lot %1").replace("%1", batch))
        if expiry:
            details.append(self.tr("expiry %1").replace("%1", format_date(expiry)))
        symbol = {PackageCheck.MATCH: "✔", PackageCheck.SUBSTITUTE: "⇄"}.get(verdict.outcome, "✖")
        self._show(f"{symbol} {text}" + (f" ({', '.join(details)})" if details else ""))
        self._show_comparison(verdict)
        self._offer_confirmation(verdict)
        stops: dict[OverrideCheck, str | None] = dict.fromkeys(_OUTCOME_CHECK.values())
        check = _OUTCOME_CHECK.get(verdict.outcome)
        if check is not None:
            stops[check] = self._stop_text(verdict, text)
        allergy = check_drug(self._allergies, allergy_drug(medication))
        stops[OverrideCheck.ALLERGY] = (
            clinical_text(ALLERGY_MESSAGES, allergy.message_key) if allergy.interrupts else None
        )
        self.stops_changed.emit(stops)

    def _stop_text(self, verdict: PackageVerdict, text: str) -> str:
        """The stop in words: the verdict, then each difference, ordered value first."""
        if verdict.outcome is not PackageCheck.WRONG_DRUG or verdict.comparison is None:
            return text
        lines = difference_lines(verdict.comparison, language())
        return "\n".join([text, *lines])

    def _show_comparison(self, verdict: PackageVerdict) -> None:
        comparison = verdict.comparison
        if comparison is None or comparison.match in (PackMatch.SAME_PRODUCT, PackMatch.UNKNOWN):
            self.comparison.clear()
            return
        self.comparison.show_comparison(comparison, dose=self._dose)

    def _offer_confirmation(self, verdict: PackageVerdict) -> None:
        self.confirm_substitute.setChecked(False)
        offered = verdict.needs_confirmation and verdict.comparison is not None
        self.confirm_substitute.setVisible(offered)
        self.substitute_text.setVisible(offered)
        if not offered or verdict.comparison is None:
            return
        self.substitute_text.setText(
            self.tr("⇄ %1 is given instead of %2 (the same substitution group).")
            .replace("%1", verdict.comparison.found.name)
            .replace("%2", self._ordered_name)
        )
        self.confirm_substitute.setFocus()

    def _show(self, text: str) -> None:
        self.result.setText(text)
