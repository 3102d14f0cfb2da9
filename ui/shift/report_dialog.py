"""Reading a report from the previous shift, acknowledging it, and printing it.

The report is plain text, patient by patient, part by part, with who signed it and when;
"Read and acknowledged" (Ctrl+Enter) completes its acknowledgement on a worker, and the report
leaves the top of the views for everyone once it syncs. Ctrl+P prints the plain view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import ShiftWorkSource
from app.shift.values import HandoverReport
from clinical.records.handover import IsbarPart
from ui.errors import failure_text
from ui.presenters.formatting import format_datetime, format_time
from ui.shift.handover_print import PrintedPatient, print_with_dialog, report_document
from ui.shift.wording import part_text
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


def report_title(report: HandoverReport) -> str:
    """ "Report from Kari Nordmann (Sykepleier), signed 26.11.2026 06:45"."""
    return (
        QCoreApplication.translate("HandoverReportDialog", "Report from %1, signed %2")
        .replace("%1", report.author)
        .replace("%2", format_datetime(report.signed_at))
    )


def report_text(report: HandoverReport) -> str:
    """The whole report as plain text, patient by patient."""
    lines: list[str] = []
    for handover in report.handovers:
        start, end = handover.shift
        lines.append(f"{handover.patient_name}  ({format_time(start)}–{format_time(end)})")
        for part in IsbarPart:
            words = handover.sections.get(part, "").strip()
            if words:
                lines.append(f"{part_text(part)}:")
                lines += [f"    {line}" for line in words.split("\n")]
        lines.append("")
    return "\n".join(lines).rstrip()


def printed(report: HandoverReport) -> list[PrintedPatient]:
    """The report's patients for the printable view."""
    return [
        PrintedPatient(name=h.patient_name, room="", parts=dict(h.sections), signed="")
        for h in report.handovers
    ]


class HandoverReportDialog(QDialog):
    """One report, read whole; ``acknowledged`` fires once it is acknowledged."""

    def __init__(
        self,
        report: HandoverReport,
        *,
        source: ShiftWorkSource,
        runner: TaskRunner,
        on_acknowledged: Callable[[], Any] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._report, self._source, self._runner = report, source, runner
        self._on_acknowledged = on_acknowledged
        self.setWindowTitle(self.tr("ISBAR report from the previous shift"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        heading = plain_label(report_title(report))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(report_text(report))
        self.text.setAccessibleName(self.tr("The report"))
        layout.addWidget(self.text, 1)
        self.message = plain_label()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.acknowledge_button = QPushButton(self.tr("&Read and acknowledged"))
        self.acknowledge_button.setToolTip(
            self.tr("The next shift has read the report (Ctrl+Enter)")
        )
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print the report for the handover meeting (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_report)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.reject)
        for button in (self.acknowledge_button, self.print_button, close):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for keys, slot in (
            ("Ctrl+Return", self.acknowledge),
            ("Ctrl+Enter", self.acknowledge),
            ("Ctrl+P", self.print_report),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.text.setFocus()

    def acknowledge(self) -> None:
        """Acknowledge every handover of the report (one transaction, on a worker)."""
        if not self.acknowledge_button.isEnabled():
            return
        self.acknowledge_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        ids = self._report.composition_ids
        self._runner.run(
            lambda: self._source.acknowledge_handovers(ids),
            on_success=self._done,
            on_failure=self._failed,
        )

    def _done(self, _resources: object) -> None:
        self._on_acknowledged()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.acknowledge_button.setEnabled(True)
        self.message.setText(failure_text(error))

    def print_report(self) -> None:
        """Print the plain view of the report."""
        document = report_document(
            self.tr("ISBAR report"), report_title(self._report), printed(self._report)
        )
        print_with_dialog(document, self)
