"""Large models that no view shows any more are destroyed on a thread of their own, not the GUI's.

A home-care district's task list is a model of some 16,000 rows, and a sync may ask for it to be
read again after every batch. Each time the new model is swapped in, the old one has to go:
freeing its 80,000 C++ cells took 34-70 ms, and freeing the Python tasks behind its rows took
another 14-31 ms (16,000 rows, measured on the GUI thread of this project's 2-core machine). On
the GUI thread that is a stall the nurse sees at every refresh: with the old model deleted there,
``tests/bench/bench_task_list_stall.py`` (3,000 patients, 13,253 rows) measured stalls of up to
180 ms while a sync wrote; with this thread, 22-35 ms.

Qt's rule is that a QObject is destroyed on the thread it lives in. So the GUI thread, where the
model lives, pushes it to the disposal thread (``QObject::moveToThread``: "push" from the
object's own thread is the documented use) and calls ``deleteLater``, which posts the deletion to
the object's new thread; that thread's event loop destroys it there, C++ only, the GIL not held.
An earlier way (``moveToThread(nullptr)``, then deleting on a pool worker) was undocumented use,
and CI's run once aborted right after it; it is not used.

Python objects the rows referred to (``rows``) are freed on the same thread, a few hundred at a
time: one ``del`` of 16,000 objects is one C call, and it holds the GIL until it is done, so the
GUI thread's next Python slot would wait for all of it. They are handed over only when the GUI
thread is back in its event loop: the caller (a slot swapping models) still holds them until it
returns, and whichever thread lets go of an object last is the one that frees it.

The thread starts on first use, once per process, and stops when the application quits (or at
interpreter exit, whichever comes first): deletions still posted are carried out as it stops
(``QThread::finished``: "no more events will be processed in the thread, except for deferred
deletion events").
"""

from __future__ import annotations

import atexit
from collections.abc import Iterable
from functools import partial
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

FREE_AT_ONCE: Final = 256
"""Objects freed between two chances for another thread to take the GIL."""


class _Freer(QObject):
    """Lives on the disposal thread; drops the last references to a model's row objects."""

    @Slot(object)
    def free(self, rows: list[object]) -> None:
        while rows:  # each slice is freed in one C call; the GIL may change hands in between
            del rows[-FREE_AT_ONCE:]


class ModelDisposal(QObject):
    """The disposal thread: ``dispose`` hands it a model to destroy and the rows to free."""

    _doomed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._thread = QThread()
        self._thread.setObjectName("model-disposal")
        self._freer = _Freer()
        self._freer.moveToThread(self._thread)
        self._doomed.connect(self._freer.free, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    def dispose(self, model: QObject, rows: Iterable[object] = ()) -> None:
        """Destroy ``model`` and free ``rows`` on the disposal thread. Call it on the thread
        ``model`` lives on, once no view shows it; nothing may use it afterwards."""
        model.moveToThread(self._thread)
        model.deleteLater()
        doomed = list(rows)
        if doomed:  # handed over once the caller's own references to them are gone
            QTimer.singleShot(0, self, partial(self._doomed.emit, doomed))

    def stop(self) -> None:
        """Carry out what is posted, then end the thread (idempotent)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()


class _Started:
    """The process's disposal thread, once started (and until the application quits)."""

    current: ModelDisposal | None = None


def _stop() -> None:
    if _Started.current is not None:
        _Started.current.stop()
        _Started.current = None  # a model disposed of later (a test's next app) gets a new thread


def disposal() -> ModelDisposal:
    """The process's disposal thread, started on first use (call on the GUI thread)."""
    if _Started.current is None:
        _Started.current = ModelDisposal()
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(_stop)
    return _Started.current


atexit.register(_stop)  # a thread still running when the interpreter ends would abort it
