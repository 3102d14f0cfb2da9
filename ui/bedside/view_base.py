"""What every bedside page shares: where it reads, how, when, and by which ward rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from app.bedside.config import BedsideConfig
from app.contract import BedsideSource
from ui.tasks import TaskRunner


class BedsideView(QWidget):
    """A bedside page: reads and writes through ``source`` on ``runner``'s workers, at
    ``clock``'s time, by the ward's rules (``config``; the defaults when not given).

    A page builds its widgets in ``_build``, which the constructor calls once.
    """

    def __init__(
        self,
        *,
        source: BedsideSource,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        config: BedsideConfig | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._runner, self._clock = source, runner, clock
        self._config = config or BedsideConfig()
        self._build()

    def _build(self) -> None:
        """Create the page's widgets; every page has its own."""
        raise NotImplementedError
