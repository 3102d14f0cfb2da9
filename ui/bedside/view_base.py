"""What every bedside page shares: where it reads, how, when, by which ward rules, and for whom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from app.bedside.config import BedsideConfig
from app.bedside.guarded import guarded
from app.contract import BedsideSource
from clinical.patient_guard import PatientGuard
from ui.tasks import TaskRunner


class BedsideView(QWidget):
    """A bedside page: reads and writes through ``source`` on ``runner``'s workers, at
    ``clock``'s time, by the ward's rules (``config``; the defaults when not given).

    Every write passes ``guard``, the header's ``PatientGuard`` (the workspace owns it and shows
    each patient before telling the pages); without one the page keeps its own and shows its
    patient itself (``show_patient``). A page builds its widgets in ``_build``, which the
    constructor calls once.
    """

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        config: BedsideConfig | None = None,
        guard: PatientGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._owns_guard = guard is None
        self._guard = guard or PatientGuard()
        self._source = guarded(source, self._guard)
        self._runner, self._clock = runner, clock
        self._config = config or BedsideConfig()
        self._build()

    def _build(self) -> None:
        """Create the page's widgets; every page has its own."""
        raise NotImplementedError

    def show_patient(self, patient_id: str) -> None:
        """A page that keeps its own guard shows its patient in it (else the header does)."""
        if self._owns_guard:
            self._guard.show(patient_id)
