"""The task list as a table: when, status, (patient), what, from where; painted from C++.

Cells are computed once (``ui.models.cell_table``) and kept in ``QStandardItem``s, so a sync
running beside the list never slows its repaints. A list is never changed row by row on the GUI
thread: a home-care district has some 16,000 tasks, and there appending them took 60 ms per
400 rows and clearing them 0.5 s (every row inserted or removed is work for the view's header,
and every cell holding a Python object takes the GIL when it goes). So the worker that read the
list builds a whole new model (``build_model``) and hands it to the GUI thread, where the view
swaps it in (one reset of the view, a few milliseconds at any size); the old model and its tasks
are destroyed on a thread of their own (``ui.models.disposal``). Cells are set with
``setItemData`` on a model of the right size, so they are C++ items only (cloned from a
read-only prototype), never Python wrappers: 80,000 wrappers would be built with the GIL held,
kept for the garbage collector to walk, and destroyed with the GIL held again. The
``ShiftTask`` of a row stays in a Python tuple beside the cells (``TaskListModel.task_at``).
Status is a symbol and a word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread
from PySide6.QtGui import QBrush, QColor

from app.shift.values import ShiftTask, TaskKind, TaskTiming
from ui.models.cell_table import CellTableModel, Roles, cell_item
from ui.shift.wording import due_text, kind_text, status_text, task_detail, task_title

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
    }
    return [{**shared, Qt.ItemDataRole.DisplayRole: text} for text in texts]


class TaskListModel(CellTableModel):
    """The rows of a task list, built once; ``task_at`` answers each row's ``ShiftTask``."""

    def __init__(
        self,
        *,
        with_patient: bool,
        tasks: Sequence[ShiftTask] = (),
        today: date | None = None,
        parent: QObject | None = None,
    ) -> None:
        columns = headers(with_patient=with_patient)
        super().__init__(len(columns), parent)
        self.with_patient = with_patient
        self.set_titles(columns)
        self._tasks = tuple(tasks)
        self._rows = {task.key: row for row, task in enumerate(self._tasks)}
        self.setItemPrototype(cell_item({}))  # every cell a read-only leaf
        if self._tasks:
            assert today is not None, "rows show their due day relative to today"
            self.setRowCount(len(self._tasks))
            for row, task in enumerate(self._tasks):
                cells = task_cells(task, with_patient=with_patient, today=today)
                for column, cell in enumerate(cells):
                    roles = {int(role): value for role, value in cell.items() if value is not None}
                    self.setItemData(self.index(row, column), roles)

    def task_at(self, row: int) -> ShiftTask | None:
        """The task shown at ``row``, or None out of range."""
        return self._tasks[row] if 0 <= row < len(self._tasks) else None

    def row_of(self, key: str) -> int | None:
        """The row showing the task with ``key``, or None."""
        return self._rows.get(key)

    def forget(self) -> tuple[ShiftTask, ...]:
        """Let go of the rows' tasks (before the model is destroyed); returns them."""
        tasks, self._tasks, self._rows = self._tasks, (), {}
        return tasks


def build_model(
    tasks: Sequence[ShiftTask], *, with_patient: bool, today: date, thread: QThread
) -> TaskListModel:
    """A model of ``tasks``, built on the calling worker and moved to ``thread`` (the GUI's),
    where a view may then take it. Call it off the GUI thread for a large list."""
    model = TaskListModel(with_patient=with_patient, tasks=tasks, today=today)
    model.moveToThread(thread)
    return model
