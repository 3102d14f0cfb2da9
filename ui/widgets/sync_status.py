"""Sync status, always in view: connectivity, pending changes, quarantine, conflicts, last sync."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.values import Connectivity, SyncStatus
from ui.presenters.formatting import format_datetime
from ui.widgets.plain import plain_label


class SyncStatusWidget(QWidget):
    """A row of short texts for the status bar; each carries a symbol, not only a colour."""

    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._connectivity = plain_label(object_name="syncConnectivity", wrap=False)
        self._pending = plain_label(object_name="syncPending", wrap=False)
        self._quarantined = plain_label(object_name="syncQuarantined", wrap=False)
        self._unreadable = plain_label(object_name="syncUnreadable", wrap=False)
        self._conflicts = QPushButton()
        self._conflicts.setObjectName("syncConflicts")
        self._conflicts.setFlat(True)
        self._conflicts.clicked.connect(self.conflicts_requested)
        self._last = plain_label(object_name="syncLast", wrap=False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(18)
        for widget in (
            self._connectivity,
            self._pending,
            self._quarantined,
            self._unreadable,
            self._conflicts,
            self._last,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.set_status(None)

    def texts(self) -> list[str]:
        """Everything shown, for tests and for the accessible description."""
        parts: list[QLabel | QPushButton] = [
            self._connectivity,
            self._pending,
            self._quarantined,
            self._unreadable,
            self._conflicts,
            self._last,
        ]
        return [p.text() for p in parts if p.isVisibleTo(self) and p.text()]

    def set_status(self, status: SyncStatus | None) -> None:
        """Show a fresh status; None before the sync engine has reported."""
        if status is None:
            self._set(self._connectivity, self.tr("… Sync not started"), "unknown")
            self._pending.hide()
            self._quarantined.hide()
            self._unreadable.hide()
            self._conflicts.hide()
            self._last.setText("")
            self._update_accessible()
            return
        self._set(self._connectivity, *self._connectivity_text(status.connectivity))
        self._pending.show()
        self._set(
            self._pending,
            self.tr("↑ %n change(s) waiting", "", status.pending_changes),
            "attention" if status.pending_changes else "ok",
        )
        self._quarantined.setVisible(status.quarantined > 0)
        self._set(
            self._quarantined,
            self.tr("⚠ %n item(s) rejected by the server", "", status.quarantined),
            "problem",
        )
        self._unreadable.setVisible(status.unreadable > 0)
        self._set(
            self._unreadable,
            self.tr(
                "⚠ %n record(s) from the journal system could not be read", "", status.unreadable
            ),
            "problem",
        )
        self._unreadable.setToolTip(
            self.tr(
                "Kept on this computer and tried again at every sync. Tell IT if this does not "
                "go away."
            )
        )
        self._conflicts.setVisible(status.conflicts > 0)
        self._conflicts.setText(self.tr("⚠ %n conflict(s): resolve…", "", status.conflicts))
        self._conflicts.setAccessibleName(self._conflicts.text())
        self._last.setText(self._last_text(status.last_success_at))
        self._update_accessible()

    def _connectivity_text(self, connectivity: Connectivity) -> tuple[str, str]:
        if connectivity is Connectivity.ONLINE:
            return self.tr("● Online"), "ok"
        if connectivity is Connectivity.SYNCING:
            return self.tr("⟳ Syncing"), "ok"
        if connectivity is Connectivity.SIGN_IN_REQUIRED:
            return self.tr("⚠ Sign in again to sync"), "problem"
        return self.tr("○ Offline: working from this computer"), "attention"

    def _last_text(self, when: datetime | None) -> str:
        if when is None:
            return self.tr("Never synced")
        return self.tr("Last sync %1").replace("%1", format_datetime(when))

    def _set(self, label: QLabel, text: str, level: str) -> None:
        label.setText(text)
        label.setAccessibleName(text)
        label.setProperty("level", level)
        label.style().unpolish(label)
        label.style().polish(label)

    def _update_accessible(self) -> None:
        self.setAccessibleName(self.tr("Sync status"))
        self.setAccessibleDescription(", ".join(self.texts()))
