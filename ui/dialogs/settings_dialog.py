"""Shows every setting, where its value comes from, and lets the user change their own ones.

Values set by the organisation's policy are shown as managed by the organisation, and values in
this computer's configuration as set by IT: both are locked, with a lock symbol and the words
(colour is never the only signal). The rest are edited here and saved through
``SettingsSource.set_user``; nothing is saved unless every changed value is accepted.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.contract import SettingsSource
from app.errors import SettingRefused
from app.values import EffectiveValue, Layer
from clinical.service_types import SERVICE_TYPES
from ui.errors import setting_refusal_text
from ui.widgets.plain import plain_label

# Endonyms: a language is offered in its own name, whatever the interface language is.
_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "language": (("nb", "Norsk bokmål"), ("en", "English")),
    "log_level": tuple((level, level) for level in ("DEBUG", "INFO", "WARNING", "ERROR")),
}
_LISTS = frozenset({"places_of_work", "controlled_drugs"})


@dataclass(slots=True)
class _Row:
    name: str
    label: QLabel
    editor: QWidget
    origin: QLabel
    locked: bool
    reset: QPushButton | None


def _items(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, tuple) else ()


def lock_pixmap(size: int, colour: Qt.GlobalColor = Qt.GlobalColor.black) -> QPixmap:
    """A padlock drawn with QPainter, so it shows even where no font has a lock glyph."""
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour)
    pen.setWidthF(max(1.5, size / 9))
    painter.setPen(pen)
    shackle = QPainterPath()
    shackle.moveTo(QPointF(size * 0.3, size * 0.5))
    shackle.lineTo(QPointF(size * 0.3, size * 0.32))
    shackle.arcTo(QRectF(size * 0.3, size * 0.1, size * 0.4, size * 0.4), 180, -180)
    shackle.lineTo(QPointF(size * 0.7, size * 0.5))
    painter.drawPath(shackle)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(size * 0.18, size * 0.48, size * 0.64, size * 0.44), 2, 2)
    painter.end()
    return pixmap


class SettingsDialog(QDialog):
    """Every setting in a grid: label, value (editable or locked) and where the value comes from."""

    def __init__(self, settings: SettingsSource, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._rows: dict[str, _Row] = {}
        # Locked values must not look like fields waiting for input; the words and the lock
        # say why, this only keeps the eye from being misled.
        self.setStyleSheet('QLineEdit[readOnly="true"] { background: #eef1f4; }')
        intro = plain_label(
            self.tr(
                "Settings with a lock are decided by your organisation or by IT for this "
                "computer and cannot be changed here."
            ),
            object_name="dialogIntro",
        )
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._message = plain_label(object_name="hint")
        self._message.setAccessibleName(self.tr("Result of saving"))
        self._message.hide()
        box = QDialogButtonBox()
        self._save = box.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.ApplyRole)
        self._save.setObjectName("saveSettings")
        self._save.setAccessibleName(self.tr("Save your settings"))
        self._save.clicked.connect(self.save)
        self._close = box.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self._close.setAccessibleName(self.tr("Close settings"))
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._message)
        layout.addWidget(box)
        # Only once the button is inside the dialog does Enter in a field reach it.
        self._save.setDefault(True)
        self.resize(960, 640)
        self._populate()

    def _labels(self) -> dict[str, str]:
        return {
            "server_url": self.tr("Journal server address"),
            "identity_provider_url": self.tr("Sign-in service address"),
            "client_id": self.tr("Client id at the sign-in service"),
            "organisation_number": self.tr("Organisation number"),
            "ca_bundle": self.tr("Extra trusted certificates"),
            "auto_lock_minutes": self.tr("Lock after inactivity (minutes)"),
            "pin_attempts": self.tr("Wrong PIN attempts allowed"),
            "offline_sign_in_hours": self.tr("PIN works offline for (hours)"),
            "sync_interval_seconds": self.tr("Time between syncs (seconds)"),
            "language": self.tr("Language"),
            "places_of_work": self.tr("Places of work offered"),
            "default_place_of_work": self.tr("Default place of work"),
            "controlled_drugs": self.tr("Extra controlled drugs (ATC codes)"),
            "purpose_of_use_detail": self.tr("Service named in access logs"),
            "clinical_time_zone": self.tr("Time zone of clinical times"),
            "log_level": self.tr("Log detail"),
            "shared_workstation": self.tr("Shared computer (PIN for every unlock)"),
            "recovery_public_key": self.tr("Recovery public key"),
            "witness_categories": self.tr("Who may witness (Volven 9060)"),
            "emergency_access_ends_at_lock": self.tr("Emergency access ends at lock"),
        }

    def _empty_text(self, name: str) -> str:
        if name == "places_of_work":
            return self.tr("All places")
        if name == "controlled_drugs":
            return self.tr("Only the built-in list")
        return self.tr("Not set")

    def _display(self, name: str, value: object) -> str:
        if value is None or value == ():
            return self._empty_text(name)
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, tuple):
            return "; ".join(str(item) for item in value)
        if name == "purpose_of_use_detail" and str(value) in SERVICE_TYPES:
            # The code alone means nothing to a nurse; the national name is Norwegian only.
            return f"{value} {SERVICE_TYPES[str(value)]}"
        return dict(_CHOICES.get(name, ())).get(str(value), str(value))

    def _origin(self, entry: EffectiveValue) -> tuple[str, str | None]:
        """(words shown, why it is locked) for where ``entry`` comes from."""
        if self._settings.is_managed(entry.name):
            return (
                self.tr("Managed by your organisation"),
                self.tr("Managed by your organisation. It cannot be changed in the app."),
            )
        if entry.layer is Layer.DEFAULT and not self._settings.is_user_settable(entry.name):
            return (
                self.tr("Default (only IT can change it)"),
                self.tr("Only your IT department can change this setting."),
            )
        if entry.layer is Layer.MACHINE or not self._settings.is_user_settable(entry.name):
            return (
                self.tr("Set for this computer by IT"),
                self.tr("Set for this computer by IT. Ask your IT department to change it."),
            )
        if entry.layer is Layer.USER:
            return self.tr("Your choice"), None
        return self.tr("Default"), None

    def _populate(self) -> None:
        container = QWidget()
        container.setObjectName("settingsGrid")
        grid = QGridLayout(container)
        for column, stretch in enumerate((2, 4, 2)):
            grid.setColumnStretch(column, stretch)
        for column, heading in enumerate(
            (self.tr("Setting"), self.tr("Value"), self.tr("Comes from"))
        ):
            title = plain_label(heading, object_name="entryTitle", selectable=False)
            grid.addWidget(title, 0, column)
        self._rows = {}
        line = 1
        for entry in self._settings.effective():
            line = self._add_row(grid, line, entry)
        grid.setRowStretch(line, 1)
        self._scroll.setWidget(container)
        self._chain_focus()

    def _add_row(self, grid: QGridLayout, line: int, entry: EffectiveValue) -> int:
        """Put the row for ``entry`` at ``line``; return the next free line."""
        declared = self._settings.info(entry.name)
        if declared is None:
            return line
        text = self._labels().get(entry.name, entry.name)
        label = plain_label(text, selectable=False)
        label.setToolTip(declared.description)
        words, why = self._origin(entry)
        locked = why is not None
        editor = self._locked_editor(entry) if locked else self._editor(entry)
        editor.setObjectName(f"setting_{entry.name}")
        editor.setAccessibleName(text)
        editor.setToolTip(declared.description)
        editor.setAccessibleDescription(
            f"{why} {declared.description}" if why else f"{words}. {declared.description}"
        )
        label.setBuddy(editor)
        origin = plain_label(words, object_name="settingOrigin", selectable=False)
        origin.setAccessibleName(self.tr("%1 comes from").replace("%1", text))
        origin.setAccessibleDescription(words)
        origin.setToolTip(self.tr("From %1").replace("%1", entry.source))
        reset: QPushButton | None = None
        if entry.layer is Layer.USER and not locked:
            reset = QPushButton(self.tr("Use default"))
            reset.setAutoDefault(False)
            reset.setAccessibleName(self.tr("Use the default for %1").replace("%1", text))
            reset.clicked.connect(lambda _=False, name=entry.name: self.reset(name))
            grid.addWidget(reset, line, 3)
        grid.addWidget(label, line, 0)
        grid.addWidget(editor, line, 1)
        grid.addWidget(self._origin_cell(origin, locked=locked), line, 2)
        self._rows[entry.name] = _Row(entry.name, label, editor, origin, locked, reset)
        if entry.name != "language":
            return line + 1
        note = plain_label(
            self.tr("A new language takes effect the next time Pleiepunkt starts."),
            object_name="hint",
            selectable=False,
        )
        grid.addWidget(note, line + 1, 1, 1, 3)
        return line + 2

    def _origin_cell(self, origin: QLabel, *, locked: bool) -> QWidget:
        """The origin words, after a lock symbol and in bold when the value is locked."""
        cell = QWidget()
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        if locked:
            icon = QLabel()
            icon.setObjectName("lockSymbol")
            icon.setPixmap(lock_pixmap(origin.fontMetrics().height()))
            icon.setAccessibleName(self.tr("Locked"))
            layout.addWidget(icon)
            font = origin.font()
            font.setBold(True)
            origin.setFont(font)
        layout.addWidget(origin, 1)
        return cell

    def _chain_focus(self) -> None:
        chain: list[QWidget] = []
        for row in self._rows.values():
            chain.append(row.editor)
            if row.reset is not None:
                chain.append(row.reset)
        chain += [self._save, self._close]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _locked_editor(self, entry: EffectiveValue) -> QLineEdit:
        field = QLineEdit(self._display(entry.name, entry.value))
        field.setReadOnly(True)
        field.setCursorPosition(0)
        return field

    def _editor(self, entry: EffectiveValue) -> QWidget:
        if entry.name in _CHOICES:
            combo = QComboBox()
            for value, shown in _CHOICES[entry.name]:
                combo.addItem(shown, value)
            combo.setCurrentIndex(max(0, combo.findData(entry.value)))
            return combo
        if entry.name in _LISTS:
            lines = QPlainTextEdit("\n".join(_items(entry.value)))
            lines.setTabChangesFocus(True)
            lines.setPlaceholderText(
                self.tr("One per line. Empty: %1").replace("%1", self._empty_text(entry.name))
            )
            lines.setFixedHeight(lines.fontMetrics().lineSpacing() * 3 + 12)
            return lines
        field = QLineEdit("" if entry.value is None else str(entry.value))
        field.setPlaceholderText(self._empty_text(entry.name))
        return field

    @staticmethod
    def _raw(row: _Row) -> object:
        editor = row.editor
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return [part.strip() for part in editor.toPlainText().splitlines() if part.strip()]
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def _changes(self) -> dict[str, object]:
        current = {entry.name: entry.value for entry in self._settings.effective()}
        changes: dict[str, object] = {}
        for name, row in self._rows.items():
            if row.locked:
                continue
            raw = self._raw(row)
            value = current.get(name)
            if isinstance(raw, list):
                unchanged = tuple(raw) == _items(value)
            elif isinstance(row.editor, QLineEdit):
                unchanged = raw == ("" if value is None else str(value))
            else:
                unchanged = raw == value
            if not unchanged:
                changes[name] = raw
        return changes

    def _explain(self, name: str, error: SettingRefused) -> str:
        return setting_refusal_text(error, label=self._labels().get(name, name))

    def _show_problem(self, text: str, name: str | None) -> None:
        self._message.setObjectName("formProblem")
        self._message.setText(text)
        self._message.setAccessibleDescription(text)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)
        self._message.show()
        row = self._rows.get(name) if name else None
        if row is not None:
            self._scroll.ensureWidgetVisible(row.editor)
            row.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_done(self, text: str) -> None:
        self._message.setObjectName("hint")
        self._message.setText(text)
        self._message.setAccessibleDescription(text)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)
        self._message.show()

    def message(self) -> str:
        """The last result or problem shown below the settings, or empty."""
        return self._message.text() if self._message.isVisible() else ""

    def editor(self, name: str) -> QWidget:
        """The value widget of the setting called ``name``."""
        return self._rows[name].editor

    def origin(self, name: str) -> str:
        """Where the value of ``name`` comes from, in the words shown."""
        return self._rows[name].origin.text()

    def is_locked(self, name: str) -> bool:
        """Whether ``name`` is shown read-only (policy or this computer's configuration)."""
        return self._rows[name].locked

    def save(self) -> bool:
        """Save every changed value, or none if any is refused; True when something was saved."""
        changes = self._changes()
        if not changes:
            self._show_done(self.tr("Nothing to save: no setting was changed."))
            return False
        for name, raw in changes.items():
            try:
                self._settings.check(name, raw)
            except SettingRefused as error:
                self._show_problem(
                    self._explain(name, error) + " " + self.tr("Nothing was saved."), name
                )
                return False
        saved: list[str] = []
        for name, raw in changes.items():
            try:
                self._settings.set_user(name, raw)
            except SettingRefused as error:
                done = (
                    self.tr("Nothing was saved.")
                    if not saved
                    else self.tr("Saved before this: %1.").replace(
                        "%1", ", ".join(self._labels().get(n, n) for n in saved)
                    )
                )
                self._populate()
                self._show_problem(f"{self._explain(name, error)} {done}", name)
                return bool(saved)
            saved.append(name)
        self._populate()
        done = self.tr("Saved.")
        if "language" in saved:
            done += " " + self.tr("The new language takes effect the next time Pleiepunkt starts.")
        self._show_done(done)
        self._save.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def reset(self, name: str) -> None:
        """Remove the user's own value for ``name`` so the default (or IT's value) applies."""
        try:
            self._settings.reset_user(name)
        except SettingRefused as error:
            self._populate()
            self._show_problem(self._explain(name, error), name)
            return
        self._populate()
        self._show_done(
            self.tr("%1 now uses the default.").replace("%1", self._labels().get(name, name))
        )
        self._rows[name].editor.setFocus(Qt.FocusReason.OtherFocusReason)
