"""The shift's own work: the task list, nursing notes and the ISBAR handover.

Widgets take their dependencies in the constructor (``source``: an
``app.contract.ShiftWorkSource``, ``runner``: ``ui.tasks.TaskRunner``, ``clock``, the clinical
``zone``, and on a patient's page the header's ``guard``) and read on workers:

- ``TaskListView``: what is due, overdue first, for a patient or for a unit or route;
- ``NotesView``: a patient's notes with the editor (drafts kept as typed) and corrections;
- ``HandoverForm``: the ISBAR form, prefilled with the source of each line, signed;
- ``HandoverBanner``: the report from the previous shift, until it is acknowledged.

Texts are English in the source and Bokmål in ``resources/translations/shift_nb.ts``.
"""

from ui.shift.handover_banner import HandoverBanner
from ui.shift.handover_form import HandoverForm
from ui.shift.notes_view import NotesView
from ui.shift.task_view import TaskListView

__all__ = ["HandoverBanner", "HandoverForm", "NotesView", "TaskListView"]
