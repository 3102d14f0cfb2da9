"""Quitting with unsynced records says so: they stay on this computer and are sent later.

Nothing is ever discarded at quit; the question only makes sure nobody walks away believing
their work already reached the journal. ``pending_count`` is a plain callable (the store's
outbox count) so this module needs nothing from the store.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Ask = Callable[[QWidget, int], bool]


def quit_question(parent: QWidget | None, pending: int) -> QMessageBox:
    """The question shown when ``pending`` records are not yet sent (not executed)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(QCoreApplication.translate("QuitGuard", "Records not yet sent"))
    text = (
        QCoreApplication.translate("QuitGuard", "Records not yet sent to the journal: %1.").replace(
            "%1", str(pending)
        )
        + "\n\n"
        + QCoreApplication.translate(
            "QuitGuard",
            "They are kept safely on this computer and are sent the next time you are signed "
            "in and online. Quit anyway?",
        )
    )
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("QuitGuard", "Quit")
    )
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("QuitGuard", "Keep working")
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def ask_with_dialog(parent: QWidget, pending: int) -> bool:
    """Show the question modally; True when the user still wants to quit."""
    return quit_question(parent, pending).exec() == QMessageBox.StandardButton.Yes


class QuitGuard(QObject):
    """Event filter on the main window: a close with unsynced records asks first."""

    def __init__(
        self,
        window: QWidget,
        *,
        pending_count: Callable[[], int],
        ask: Ask = ask_with_dialog,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pending_count = pending_count
        self._ask = ask
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            try:
                pending = self._pending_count()
            except Exception:  # an unreadable count must not trap the user: ask as if some
                pending = -1
            if pending != 0 and not self._ask(self._window, max(pending, 0)):
                event.ignore()
                return True
        return False
