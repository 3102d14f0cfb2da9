"""Keyboard-wedge barcode input: a scan field, and a listener that spots scan bursts.

A wedge scanner "types" the code much faster than a person (a few ms per key) and ends with
Enter; the GS1 group separator arrives as the control character ``\\x1d`` (on X11 often as
Ctrl+]). ``QLineEdit`` drops control characters, so both widgets keep a separator as ``␝``
(U+241D), which ``clinical.gs1`` reads as a separator.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

GS_SHOWN = "\u241d"
# Scanners type a key every 1-20 ms; people rarely under 50 ms between keys.
MAX_GAP_SECONDS = 0.035
MIN_SCAN_LENGTH = 8


def key_text(event: QKeyEvent) -> str:
    """The character a key event types, with the group separator made visible."""
    text = event.text()
    if text == "\x1d" or (
        event.key() == Qt.Key.Key_BracketRight
        and event.modifiers() & Qt.KeyboardModifier.ControlModifier
    ):
        return GS_SHOWN
    if len(text) == 1 and text.isprintable():
        return text
    return ""


def _is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScanField(QLineEdit):
    """A line edit for scanning or typing a pack code; Enter emits ``scanned``."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_enter(event):
            text = self.text().strip()
            if text:
                self.clear()
                self.scanned.emit(text)
            event.accept()
            return
        if key_text(event) == GS_SHOWN:
            self.insert(GS_SHOWN)
            event.accept()
            return
        super().keyPressEvent(event)


class ScanListener(QObject):
    """Event filter that turns a fast key burst ending with Enter into ``scanned``.

    Install it on widgets that do not take text (the round table). Slow typing never
    triggers it; the Enter that ends a burst is swallowed so it does not also open a row.
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_gap: float = MAX_GAP_SECONDS,
        min_length: int = MIN_SCAN_LENGTH,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._max_gap = max_gap
        self._min_length = min_length
        self._buffer: list[str] = []
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        now = self._clock()
        if self._buffer and now - self._last > self._max_gap:
            self._buffer.clear()
        self._last = now
        if _is_enter(event):
            code = "".join(self._buffer)
            self._buffer.clear()
            if len(code) >= self._min_length:
                self.scanned.emit(code)
                return True
            return False
        character = key_text(event)
        if character:
            self._buffer.append(character)
        elif event.key() not in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt):
            self._buffer.clear()
        return False
