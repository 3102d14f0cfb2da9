"""Ctrl+Enter saves from inside a multi-line text field too.

A ``QPlainTextEdit`` claims Ctrl+Enter for itself (it accepts the shortcut-override event, to
insert a line break), so the dialog's or form's Ctrl+Enter shortcut would never fire while the
nurse is typing a finding, a note or a part of the report. This filter turns that claim down
for Ctrl+Enter and Ctrl+Return only: the shortcut then saves or signs, as everywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _LetCtrlEnterThrough(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.ignore()
            return True
        return False


def let_ctrl_enter_through(edit: QPlainTextEdit) -> None:
    """Let Ctrl+Enter in ``edit`` reach the window's shortcut (save, sign)."""
    edit.installEventFilter(_LetCtrlEnterThrough(edit))
