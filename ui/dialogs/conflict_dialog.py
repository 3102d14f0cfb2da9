"""Shows a sync conflict side by side and lets the user keep one version or merge field by field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.conflicts import Conflict, ConflictResolver, Resolution
from ui.errors import show_error
from ui.presenters.conflict import differences, merge
from ui.tasks import TaskRunner
from ui.widgets.plain import plain_label


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
        self._conflicts = list(conflicts)
        self._resolver = resolver
        self._runner = runner
        self._choices: dict[str, QButtonGroup] = {}
        self._chooser = QComboBox()
        self._chooser.setAccessibleName(self.tr("Conflict"))
        self._chooser.currentIndexChanged.connect(self._show)
        intro = plain_label(
            self.tr(
                "Someone changed the same information on the server while you worked offline. "
                "Choose which version to keep, or choose per field and merge."
            ),
            object_name="dialogIntro",
        )
        self._area = QScrollArea()
        self._area.setWidgetResizable(True)
        self._keep_local = QPushButton(self.tr("Keep &this computer's version"))
        self._keep_server = QPushButton(self.tr("Keep the &server's version"))
        self._merge = QPushButton(self.tr("&Merge chosen fields"))
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
        layout.addWidget(intro)
        layout.addWidget(self._chooser)
        layout.addWidget(self._area, 1)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self._fill_chooser()

    def current(self) -> Conflict | None:
        """The conflict shown."""
        index = self._chooser.currentIndex()
        return self._conflicts[index] if 0 <= index < len(self._conflicts) else None

    def choose_local(self, field: str) -> None:
        """Take this computer's value of ``field`` when merging."""
        group = self._choices.get(field)
        if group is not None:
            group.buttons()[0].setChecked(True)

    def _fill_chooser(self) -> None:
        self._chooser.blockSignals(True)
        self._chooser.clear()
        for conflict in self._conflicts:
            self._chooser.addItem(conflict.title)
        self._chooser.blockSignals(False)
        self._chooser.setVisible(len(self._conflicts) > 1)
        self._show(0)

    def _show(self, _index: int) -> None:
        conflict = self.current()
        page = QWidget()
        grid = QGridLayout(page)
        self._choices = {}
        for column, title in enumerate(
            (self.tr("Field"), self.tr("On this computer"), self.tr("On the server"))
        ):
            header = QLabel(title)
            header.setObjectName("gridHeader")
            grid.addWidget(header, 0, column)
        if conflict is None:
            self.accept()
            return
        rows = differences(conflict.local, conflict.server)
        for number, difference in enumerate(rows, start=1):
            grid.addWidget(
                plain_label(difference.path, object_name="entryTitle"),
                number,
                0,
                Qt.AlignmentFlag.AlignTop,
            )
            group = QButtonGroup(page)
            for column, value in ((1, difference.local), (2, difference.server)):
                cell = QWidget()
                box = QVBoxLayout(cell)
                box.setContentsMargins(0, 0, 0, 0)
                choice = QRadioButton(self.tr("Use this"))
                choice.setAccessibleName(
                    (
                        self.tr("Use this computer's %1")
                        if column == 1
                        else self.tr("Use the server's %1")
                    ).replace("%1", difference.path)
                )
                group.addButton(choice)
                box.addWidget(choice)
                box.addWidget(plain_label(value or self.tr("(empty)"), object_name="conflictValue"))
                grid.addWidget(cell, number, column, Qt.AlignmentFlag.AlignTop)
            group.buttons()[1].setChecked(True)
            self._choices[difference.path] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(rows) + 1, 1)
        self._area.setWidget(page)
        self._merge.setEnabled(bool(rows))

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
            for button in (self._keep_local, self._keep_server, self._merge):
                button.setEnabled(True)
            show_error(self, exc)

        self._runner.run(work, on_success=done, on_failure=failed)
