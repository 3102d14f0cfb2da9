"""The report from the previous shift, at the top of the patient and unit views until it is
acknowledged: who signed it, when, for how many patients, and a button to read it.

It says so in words with a symbol, not by colour alone; it is hidden when nothing is waiting.
Reading opens ``HandoverReportDialog``; acknowledging is done there, after reading (there is no
acknowledging from the banner unread), and completes the report's acknowledgement Tasks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from app.contract import ShiftWorkSource
from app.shift.values import HandoverReport
from ui.presenters.formatting import format_time
from ui.shift.report_dialog import HandoverReportDialog
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


class HandoverBanner(QFrame):
    """The newest unacknowledged report of the patients shown (hidden when there is none)."""

    acknowledged = Signal()

    def __init__(
        self,
        *,
        source: ShiftWorkSource,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoverBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#handoverBanner { background: #e8f0fb; border: 1px solid #5b7fb0;"
            " border-radius: 4px; }"
        )
        self._source, self._runner = source, runner
        self._read_ids: Callable[[], Sequence[str]] = list
        self._generation = 0
        self.reports: list[HandoverReport] = []
        self.dialog: HandoverReportDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.text = plain_label(object_name="handoverBannerText")
        layout.addWidget(self.text, 1)
        self.read_button = QPushButton(self.tr("Read the report"))
        self.read_button.setToolTip(self.tr("The report from the previous shift (Ctrl+Shift+R)"))
        self.read_button.clicked.connect(self.read)
        layout.addWidget(self.read_button)
        self.hide()

    def set_patient(self, patient_id: str) -> None:
        """Show the reports waiting for one patient (the patient's page)."""
        self.reload_for(lambda: [patient_id])

    def reload_for(self, read_ids: Callable[[], Sequence[str]]) -> None:
        """Show the reports waiting for the patients ``read_ids`` names (it runs on a worker,
        so it may read the store: a place's residents)."""
        self._read_ids = read_ids
        self.reload()

    def reload(self) -> None:
        """Ask again which reports wait for the same patients (on a worker)."""
        self._generation += 1
        generation = self._generation
        read_ids, source = self._read_ids, self._source

        def read() -> list[HandoverReport]:
            ids = list(read_ids())
            return list(source.open_handovers(ids)) if ids else []

        def shown(reports: list[HandoverReport]) -> None:
            if generation == self._generation:
                self.show_reports(reports)

        self._runner.run(read, on_success=shown, on_failure=lambda _e: self.show_reports([]))

    def show_reports(self, reports: Sequence[HandoverReport]) -> None:
        """Show the newest waiting report, or hide."""
        self.reports = list(reports)
        if not reports:
            self.hide()
            return
        newest = reports[0]
        words = (
            self.tr(
                "ℹ Report from the previous shift, not yet acknowledged: %1 at %2, %n patient(s).",
                "",
                len(newest.handovers),
            )
            .replace("%1", newest.author)
            .replace("%2", format_time(newest.signed_at))
        )
        if len(reports) > 1:
            words += " " + self.tr("(%1 more reports waiting)").replace("%1", str(len(reports) - 1))
        self.text.setText(words)
        self.show()

    def read(self) -> None:
        """Open the newest waiting report."""
        if not self.reports:
            return
        dialog = HandoverReportDialog(
            self.reports[0],
            source=self._source,
            runner=self._runner,
            on_acknowledged=self._after,
            parent=self.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _after(self) -> None:
        self.acknowledged.emit()
        self.reload()
