"""Shows a sync conflict side by side in plain words; keep one version or merge field by field.

Each row is one field a nurse can judge ("Dose", "Status", "Time") with both values as
readable text (``ui.presenters.conflict``). A field that differs says so in words ("≠ Differs")
beside its colour, and offers a choice of value for merging; fields that agree and identify the
record (medicine, time) are shown muted with "= Same". The raw FHIR JSON is only behind the
"Technical details" disclosure, for support staff.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.contract import ConflictResolver
from app.values import Conflict, Resolution
from ui.errors import show_error
from ui.presenters.conflict import FieldComparison, compare, conflict_heading, merge
from ui.tasks import TaskRunner
from ui.theme import CHANGED_BACKGROUND, MUTED_TEXT
from ui.widgets.plain import plain_label

_STYLE = f"""
#conflictHeading {{ font-size: 13pt; font-weight: bold; }}
#gridHeader {{ font-weight: bold; color: #3e4c59; }}
#conflictDiffers {{ font-weight: bold; color: #8a5a00; }}
#conflictSame {{ color: {MUTED_TEXT}; }}
#conflictNotice {{ font-weight: bold; }}
#conflictText {{ background: #f7f9fb; border: 1px solid #e4e7eb; padding: 4px 6px; }}
#conflictText[differs="true"] {{ background: {CHANGED_BACKGROUND}; border: 1px solid #c99a06; }}
#conflictTechnical {{ font-family: "DejaVu Sans Mono", monospace; }}
"""


class ConflictDialog(QDialog):
    """One conflict at a time; settling it moves to the next, and closes after the last."""

    def __init__(
        self,
        conflicts: Sequence[Conflict],
        *,
        resolver: ConflictResolver,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.setStyleSheet(_STYLE)
        self._conflicts = list(conflicts)
        self._resolver = resolver
        self._runner = runner
        self._choices: dict[str, QButtonGroup] = {}
        self._rows: list[FieldComparison] = []
        self._chooser = QComboBox()
        self._chooser.setAccessibleName(self.tr("Conflict"))
        self._chooser.currentIndexChanged.connect(self._show)
        self._heading = plain_label(object_name="conflictHeading")
        intro = plain_label(
            self.tr(
                "Someone changed the same record on the server while you worked offline. "
                "Compare the two versions, then keep one, or choose a value per field and merge."
            ),
            object_name="dialogIntro",
        )
        self._notice = plain_label(object_name="conflictNotice")
        self._area = QScrollArea()
        self._area.setWidgetResizable(True)
        self._area.setFrameShape(QFrame.Shape.NoFrame)
        self._build_technical()
        self._keep_local = QPushButton(self.tr("Keep &my version (this computer)"))
        self._keep_server = QPushButton(self.tr("Keep the &server's version"))
        self._merge = QPushButton(self.tr("Mer&ge: use the chosen value per field"))
        close = QPushButton(self.tr("&Close"))
        self._keep_local.clicked.connect(lambda: self._resolve(Resolution.KEEP_LOCAL))
        self._keep_server.clicked.connect(lambda: self._resolve(Resolution.KEEP_SERVER))
        self._merge.clicked.connect(lambda: self._resolve(Resolution.MERGE))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self._keep_local, self._keep_server, self._merge):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._chooser)
        layout.addWidget(self._heading)
        layout.addWidget(intro)
        layout.addWidget(self._notice)
        layout.addWidget(self._area, 1)
        layout.addWidget(self._technical_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._technical)
        layout.addLayout(buttons)
        self._fit_to_screen()
        self._fill_chooser()

    def _build_technical(self) -> None:
        """The "Technical details" disclosure: closed, it hides the raw FHIR of both versions."""
        self._technical_toggle = QToolButton()
        self._technical_toggle.setObjectName("technicalToggle")
        self._technical_toggle.setText(self.tr("Technical details"))
        self._technical_toggle.setCheckable(True)
        self._technical_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._technical_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self._technical_toggle.setAccessibleName(self.tr("Show technical details (FHIR)"))
        self._technical_toggle.toggled.connect(self._toggle_technical)
        self._technical = QPlainTextEdit()
        self._technical.setObjectName("conflictTechnical")
        self._technical.setReadOnly(True)
        self._technical.setAccessibleName(self.tr("Technical details: both versions as FHIR"))
        self._technical.setVisible(False)

    def _fit_to_screen(self) -> None:
        """900x600, or less on a small (or 200 %-scaled) screen."""
        screen = (self.parentWidget() or self).screen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 900, 600
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 40)
        self.resize(width, height)

    def current(self) -> Conflict | None:
        """The conflict shown."""
        index = self._chooser.currentIndex()
        return self._conflicts[index] if 0 <= index < len(self._conflicts) else None

    def fields(self) -> list[FieldComparison]:
        """The rows shown for the current conflict."""
        return list(self._rows)

    def choose_local(self, field: str) -> None:
        """Take this computer's value of ``field`` when merging."""
        group = self._choices.get(field)
        if group is not None:
            group.buttons()[0].setChecked(True)

    @property
    def technical_details(self) -> QPlainTextEdit:
        """The raw FHIR of both versions (hidden until the disclosure is opened)."""
        return self._technical

    def _toggle_technical(self, shown: bool) -> None:
        self._technical.setVisible(shown)
        self._technical_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _fill_chooser(self) -> None:
        self._chooser.blockSignals(True)
        self._chooser.clear()
        for conflict in self._conflicts:
            self._chooser.addItem(
                conflict_heading(conflict.resource_type, conflict.local, conflict.server)
            )
        self._chooser.blockSignals(False)
        self._chooser.setVisible(len(self._conflicts) > 1)
        self._show(0)

    def _show(self, _index: int) -> None:
        conflict = self.current()
        if conflict is None:
            self.accept()
            return
        self._heading.setText(
            conflict_heading(conflict.resource_type, conflict.local, conflict.server)
        )
        self._rows = compare(conflict.resource_type, conflict.local, conflict.server)
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(12)
        self._choices = {}
        for column, title in enumerate(
            (self.tr("Field"), self.tr("Mine (this computer)"), self.tr("On the server"))
        ):
            header = QLabel(title)
            header.setObjectName("gridHeader")
            grid.addWidget(header, 0, column)
        can_merge = conflict.local is not None and conflict.server is not None
        for number, row in enumerate(self._rows, start=1):
            grid.addWidget(self._field_cell(row), number, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(page) if row.differs and can_merge else None
            for column, value in ((1, row.local), (2, row.server)):
                grid.addWidget(
                    self._value_cell(row, value, mine=column == 1, group=group),
                    number,
                    column,
                    Qt.AlignmentFlag.AlignTop,
                )
            if group is not None:
                group.buttons()[1].setChecked(True)
                self._choices[row.path] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self._rows) + 1, 1)
        self._area.setWidget(page)
        self._notice.setText(self._merge_notice(conflict))
        self._notice.setVisible(bool(self._notice.text()))
        self._merge.setEnabled(bool(self._choices))
        self._technical.setPlainText(self._raw(conflict))

    def _merge_notice(self, conflict: Conflict) -> str:
        if conflict.server is None:
            return self.tr(
                "⚠ The record was deleted on the server. Keep yours to restore it, or keep the "
                "server's version to accept the deletion."
            )
        if conflict.local is None:
            return self.tr("⚠ Your version was deleted on this computer.")
        if not any(row.differs for row in self._rows):
            return self.tr("The versions differ only in technical details.")
        return ""

    def _field_cell(self, row: FieldComparison) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(plain_label(row.label, object_name="entryTitle", wrap=False))
        marker = plain_label(
            self.tr("≠ Differs") if row.differs else self.tr("= Same"),
            object_name="conflictDiffers" if row.differs else "conflictSame",
            wrap=False,
            selectable=False,
        )
        box.addWidget(marker)
        return cell

    def _value_cell(
        self, row: FieldComparison, value: str, *, mine: bool, group: QButtonGroup | None
    ) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if group is not None:
            choice = QRadioButton(self.tr("Use this value"))
            choice.setAccessibleName(
                (self.tr("Use my %1") if mine else self.tr("Use the server's %1")).replace(
                    "%1", row.label
                )
            )
            group.addButton(choice)
            box.addWidget(choice)
        shown = plain_label(value, object_name="conflictText")
        shown.setProperty("differs", "true" if row.differs else "false")
        shown.setAccessibleName(
            (self.tr("%1, mine") if mine else self.tr("%1, on the server")).replace("%1", row.label)
        )
        shown.setAccessibleDescription(
            (self.tr("Differs: %1") if row.differs else self.tr("Same: %1")).replace("%1", value)
        )
        box.addWidget(shown)
        return cell

    def _raw(self, conflict: Conflict) -> str:
        def dump(value: object) -> str:
            return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)

        return "\n".join(
            (
                self.tr("Mine (this computer):"),
                dump(conflict.local),
                "",
                self.tr("On the server:"),
                dump(conflict.server),
            )
        )

    def _resolve(self, resolution: Resolution) -> None:
        conflict = self.current()
        if conflict is None:
            return
        merged = None
        if resolution is Resolution.MERGE:
            take_local = [f for f, g in self._choices.items() if g.buttons()[0].isChecked()]
            merged = merge(conflict.local, conflict.server, take_local=take_local)
        for button in (self._keep_local, self._keep_server, self._merge):
            button.setEnabled(False)

        def work() -> None:
            self._resolver.resolve(conflict.id, resolution=resolution, merged=merged)

        def done(_: object) -> None:
            self._conflicts.remove(conflict)
            for button in (self._keep_local, self._keep_server, self._merge):
                button.setEnabled(True)
            if not self._conflicts:
                self.accept()
            else:
                self._fill_chooser()

        def failed(exc: BaseException) -> None:
            for button in (self._keep_local, self._keep_server):
                button.setEnabled(True)
            self._merge.setEnabled(bool(self._choices))
            show_error(self, exc)

        self._runner.run(work, on_success=done, on_failure=failed)
