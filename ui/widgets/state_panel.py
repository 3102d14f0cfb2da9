"""One place a view shows loading, empty and error states calmly, with its content otherwise."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.plain import plain_label


class StatePanel(QStackedWidget):
    """Either the content widget, or a centred message (loading, empty, error with retry)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._message_page = QWidget()
        self._message_page.setObjectName("statePage")
        layout = QVBoxLayout(self._message_page)
        layout.addStretch(1)
        self._symbol = QLabel()
        self._symbol.setObjectName("stateSymbol")
        self._symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = plain_label(object_name="stateTitle", selectable=False)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail = plain_label(object_name="stateDetail", selectable=False)
        self._detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._retry = QPushButton(self.tr("&Try again"))
        self._retry.setAccessibleName(self.tr("Try again"))
        self._retry.clicked.connect(self._on_retry)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._retry)
        buttons.addStretch(1)
        layout.addWidget(self._symbol)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self._retry_action: Callable[[], None] | None = None
        self.addWidget(content)
        self.addWidget(self._message_page)

    def show_content(self) -> None:
        """Show the real content."""
        self.setCurrentWidget(self._content)

    def show_loading(self, title: str) -> None:
        """A calm "reading from this computer" state; no spinner, nothing to click."""
        self._show("⏳", title, "", None, state="loading")

    def show_empty(self, title: str, detail: str = "") -> None:
        """Nothing to show, and that is a fact worth stating."""
        self._show("○", title, detail, None, state="empty")

    def show_error(self, title: str, detail: str, retry: Callable[[], None] | None) -> None:
        """Something failed; say what and offer to try again."""
        self._show("⚠", title, detail, retry, state="error")

    @property
    def state(self) -> str:
        """ "content", "loading", "empty" or "error" (for tests and accessibility)."""
        if self.currentWidget() is self._content:
            return "content"
        return str(self._message_page.property("state"))

    @property
    def message(self) -> str:
        """The title currently shown instead of content."""
        return self._title.text()

    def _show(
        self, symbol: str, title: str, detail: str, retry: Callable[[], None] | None, *, state: str
    ) -> None:
        self._message_page.setProperty("state", state)
        self._symbol.setText(symbol)
        self._symbol.setAccessibleName(title)
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self._retry_action = retry
        self._retry.setVisible(retry is not None)
        self._message_page.setAccessibleName(title)
        self.setCurrentWidget(self._message_page)
        for widget in (self._message_page, self._symbol):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _on_retry(self) -> None:
        if self._retry_action is not None:
            self._retry_action()
