"""The task list as a table: when, status, (patient), what, from where; painted from C++.

Cells are computed once (``ui.models.cell_table``) and kept in ``QStandardItem``s, so a sync
running beside the list never slows its repaints. For a large place (a home-care district's
thousands of tasks) the items are built on the worker that read the list (``build_rows``: a
``QStandardItem`` is no ``QObject`` and may be made on any thread before it joins a model), and
the view hands them to the model in slices between events (``TaskListModel.append_rows``), so
the GUI thread never holds still long enough for a nurse to notice. Status is a symbol and a
word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem

from app.shift.values import ShiftTask, TaskKind, TaskTiming
from ui.models.cell_table import CellTableModel, Roles, cell_item
from ui.shift.wording import due_text, kind_text, status_text, task_detail, task_title

TASK_ROLE: Final = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND: Final = "#fdecec"
OVERDUE_TEXT: Final = "#9b1c1c"
DUE_BACKGROUND: Final = "#fff4d6"
MUTED_TEXT: Final = "#55606b"


def headers(*, with_patient: bool) -> list[str]:
    """Column titles (the patient column only on a unit's or route's list)."""
    titles = [
        QCoreApplication.translate("TaskListModel", "Due"),
        QCoreApplication.translate("TaskListModel", "Status"),
    ]
    if with_patient:
        titles.append(QCoreApplication.translate("TaskListModel", "Patient"))
    titles += [
        QCoreApplication.translate("TaskListModel", "Task"),
        QCoreApplication.translate("TaskListModel", "Kind"),
    ]
    return titles


def task_cells(task: ShiftTask, *, with_patient: bool, today: date) -> list[Roles]:
    """Every role of every cell of one task's row (no Qt object but brushes)."""
    title = task_title(task)
    detail = task_detail(task)
    what = f"{title}\n{detail}" if detail else title
    patient = task.patient_name + (f"\n{task.room}" if task.room else "")
    texts = [due_text(task, today), status_text(task)]
    if with_patient:
        texts.append(patient)
    texts += [what, kind_text(task.kind)]
    background = foreground = None
    if task.timing is TaskTiming.OVERDUE or task.kind in (
        TaskKind.ORDER_PROBLEM,
        TaskKind.CARE_PLAN_PROBLEM,
    ):
        background, foreground = OVERDUE_BACKGROUND, OVERDUE_TEXT
    elif task.timing is TaskTiming.DUE_NOW:
        background = DUE_BACKGROUND
    elif task.timing is TaskTiming.LATER:
        foreground = MUTED_TEXT
    shared: dict[int, Any] = {
        Qt.ItemDataRole.AccessibleTextRole: ", ".join(t.replace("\n", ", ") for t in texts if t),
        Qt.ItemDataRole.ToolTipRole: what,
        Qt.ItemDataRole.BackgroundRole: None if background is None else QBrush(QColor(background)),
        Qt.ItemDataRole.ForegroundRole: None if foreground is None else QBrush(QColor(foreground)),
        TASK_ROLE: task,
    }
    return [{**shared, Qt.ItemDataRole.DisplayRole: text} for text in texts]


def build_rows(
    tasks: Sequence[ShiftTask], *, with_patient: bool, today: date
) -> list[list[QStandardItem]]:
    """The model's rows for ``tasks``, ready to append (safe to run on a worker)."""
    return [
        [cell_item(cell) for cell in task_cells(task, with_patient=with_patient, today=today)]
        for task in tasks
    ]


class TaskListModel(CellTableModel):
    """The rows of a task list; every cell answers ``TASK_ROLE`` with its ``ShiftTask``."""

    def __init__(self, *, with_patient: bool, parent: Any = None) -> None:
        columns = headers(with_patient=with_patient)
        super().__init__(len(columns), parent)
        self.with_patient = with_patient
        self.set_titles(columns)

    def clear_rows(self) -> None:
        """Remove every row."""
        self.setRowCount(0)

    def append_rows(self, rows: Sequence[list[QStandardItem]]) -> None:
        """Add prebuilt rows (``build_rows``) at the end."""
        for items in rows:
            self.appendRow(items)

    def task_at(self, row: int) -> ShiftTask | None:
        """The task shown at ``row``."""
        found = self.value_at(row, TASK_ROLE)
        return found if isinstance(found, ShiftTask) else None
