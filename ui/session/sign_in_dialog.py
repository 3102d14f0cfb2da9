"""The sign-in window: one button that starts HelseID sign-in in the system browser.

The browser does the actual sign-in; this window says so, offers Cancel while waiting, and
says why when sign-in fails (``ui.errors``). ``sign_in`` and ``cancel`` are
callables (``SessionServices.sign_in_online`` / ``cancel_sign_in`` in the app).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from app.contract import SessionUser
from app.errors import AppError
from ui.errors import explain
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Accepted with ``user`` set once someone has signed in."""

    def __init__(
        self,
        *,
        sign_in: Callable[[], SessionUser],
        cancel: Callable[[], None],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._cancel = cancel
        self._runner = runner
        self._waiting = False
        self.user: SessionUser | None = None
        self.setWindowTitle(self.tr("Sign in to Pleiepunkt"))
        self.intro = QLabel(self.tr("Sign in with HelseID to open the journal."))
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("Sign in with HelseID"))
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        layout = QVBoxLayout(self)
        # The window grows with what it says (the waiting text, an error), never clipping it;
        # wide enough for a sentence per line at any scale.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        for label in (self.intro, self.message):
            label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 48)
        layout.addWidget(self.intro)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.message)
        layout.addWidget(self.cancel_button)
        self.sign_in_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_clicked)

    def start(self) -> None:
        """Open the browser sign-in (on a worker) and wait for it."""
        if self._waiting:
            return
        self._waiting = True
        self.sign_in_button.setEnabled(False)
        self.cancel_button.show()
        self._say(
            self.tr("A browser window has opened. Finish signing in there, then come back here.")
        )
        self._runner.run(self._sign_in, on_success=self._signed_in, on_failure=self._failed)

    def _say(self, text: str) -> None:
        """Show ``text`` below the button and make room for all of it."""
        self.message.setText(text)
        self.message.setMinimumHeight(self.message.heightForWidth(self.message.width()))
        self.adjustSize()

    def _cancel_clicked(self) -> None:
        self._cancel()

    def _signed_in(self, user: SessionUser) -> None:
        self._waiting = False
        self.user = user
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._waiting = False
        self.sign_in_button.setEnabled(True)
        self.cancel_button.hide()
        if isinstance(exc, AppError):
            message = explain(exc)
        else:
            log.error("sign-in failed: %s", type(exc).__name__)
            message = self.tr("Sign-in failed. Please try again.")
        self._say(message)

    def reject(self) -> None:
        if self._waiting:
            self._cancel()
        super().reject()
