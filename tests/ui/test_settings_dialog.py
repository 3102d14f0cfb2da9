"""The settings dialog on real settings files: policy and IT values locked, user values saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.settings import UserSettings
from config import (
    AUTO_LOCK_MINUTES,
    LANGUAGE,
    SYNC_INTERVAL_SECONDS,
    Layer,
    Settings,
    SettingsPaths,
)
from tests.ui.activation import wait_until_active
from tests.ui.fake_source import FakeSource
from tests.ui.ward import NOW
from ui.app import build_main_window
from ui.dialogs.settings_dialog import SettingsDialog
from ui.tasks import TaskRunner

MANAGED = "Managed by your organisation"
BY_IT = "Set for this computer by IT"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    _write(tmp_path / "policy.toml", 'auto_lock_minutes = 3\nlog_level = "WARNING"\n')
    _write(tmp_path / "config.toml", 'server_url = "https://fhir.kommune.no/fhir"\n')
    _write(tmp_path / "user" / "settings.toml", "sync_interval_seconds = 120\n")
    return tmp_path


@pytest.fixture
def settings(root: Path) -> Settings:
    loaded = Settings(SettingsPaths.under_root(root))
    assert loaded.problems == ()
    return loaded


@pytest.fixture
def dialog(qtbot: QtBot, settings: Settings, english: None) -> SettingsDialog:
    shown = SettingsDialog(UserSettings(settings))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _reloaded(root: Path) -> Settings:
    return Settings(SettingsPaths.under_root(root))


def test_every_setting_is_listed_with_a_name_and_its_origin(
    dialog: SettingsDialog, settings: Settings
) -> None:
    for entry in settings.effective():
        editor = dialog.editor(entry.name)
        assert editor.accessibleName()
        assert editor.accessibleName() != entry.name
        assert editor.toolTip()
        assert dialog.origin(entry.name)
    assert dialog.origin("sync_interval_seconds") == "Your choice"
    assert dialog.origin("pin_attempts") == "Default (only IT can change it)"
    assert dialog.is_locked("pin_attempts")


def test_a_policy_value_is_shown_as_managed_and_cannot_be_edited(
    qtbot: QtBot, dialog: SettingsDialog, root: Path
) -> None:
    assert dialog.origin("auto_lock_minutes") == MANAGED
    assert dialog.is_locked("auto_lock_minutes")
    editor = dialog.editor("auto_lock_minutes")
    assert isinstance(editor, QLineEdit)
    assert editor.isReadOnly()
    assert editor.text() == "3"
    assert "cannot be changed" in editor.accessibleDescription()
    assert dialog.findChildren(QWidget, "lockSymbol")
    editor.setFocus()
    qtbot.keyClicks(editor, "9")
    assert editor.text() == "3"
    log_level = dialog.editor("log_level")
    assert isinstance(log_level, QLineEdit)
    assert log_level.isReadOnly()
    assert not dialog.save()
    assert _reloaded(root).get(AUTO_LOCK_MINUTES) == 3


def test_a_value_set_for_this_computer_by_it_is_locked(dialog: SettingsDialog) -> None:
    assert dialog.origin("server_url") == BY_IT
    editor = dialog.editor("server_url")
    assert isinstance(editor, QLineEdit)
    assert editor.isReadOnly()
    assert editor.text() == "https://fhir.kommune.no/fhir"
    assert "IT department" in editor.accessibleDescription()


def test_the_service_named_in_access_logs_shows_its_code_and_name(
    qtbot: QtBot, root: Path, english: None
) -> None:
    _write(root / "config.toml", 'purpose_of_use_detail = "15"\n')
    shown = SettingsDialog(UserSettings(_reloaded(root)))
    qtbot.addWidget(shown)
    assert shown.origin("purpose_of_use_detail") == BY_IT
    editor = shown.editor("purpose_of_use_detail")
    assert isinstance(editor, QLineEdit)
    assert editor.isReadOnly()
    assert editor.text() == "15 Helsetjenester i hjemmet"


def test_a_user_value_is_changed_and_kept(qtbot: QtBot, dialog: SettingsDialog, root: Path) -> None:
    place = dialog.editor("default_place_of_work")
    assert isinstance(place, QLineEdit)
    assert not place.isReadOnly()
    place.setFocus()
    qtbot.keyClicks(place, "Solsiden 2. etasje")
    language = dialog.editor("language")
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("en"))
    qtbot.keyClick(place, Qt.Key.Key_Return)
    assert "Saved." in dialog.message()
    assert "next time Pleiepunkt starts" in dialog.message()
    again = _reloaded(root)
    assert again.value("default_place_of_work") == "Solsiden 2. etasje"
    assert again.get(LANGUAGE) == "en"
    assert dialog.origin("default_place_of_work") == "Your choice"
    assert dialog.origin("language") == "Your choice"


def test_security_and_clinical_lists_are_for_it_only(dialog: SettingsDialog) -> None:
    for name in ("controlled_drugs", "ca_bundle", "offline_sign_in_hours"):
        assert dialog.is_locked(name)
        assert "IT" in dialog.editor(name).accessibleDescription()


def test_a_bad_value_shows_an_error_and_changes_nothing(
    qtbot: QtBot, dialog: SettingsDialog, root: Path
) -> None:
    before = (root / "user" / "settings.toml").read_text(encoding="utf-8")
    place = dialog.editor("default_place_of_work")
    assert isinstance(place, QLineEdit)
    place.setText("Solsiden")
    interval = dialog.editor("sync_interval_seconds")
    assert isinstance(interval, QLineEdit)
    interval.setText("5")
    assert not dialog.save()
    message = dialog.message()
    assert "Time between syncs (seconds) was not saved" in message
    assert "15 to 3600" in message
    assert "Nothing was saved." in message
    assert (root / "user" / "settings.toml").read_text(encoding="utf-8") == before
    again = _reloaded(root)
    assert again.get(SYNC_INTERVAL_SECONDS) == 120
    assert again.value("default_place_of_work") is None
    qtbot.waitUntil(interval.hasFocus, timeout=2_000)


def test_a_refusal_from_the_settings_is_shown_and_saves_nothing(
    dialog: SettingsDialog, settings: Settings, root: Path
) -> None:
    interval = dialog.editor("sync_interval_seconds")
    assert isinstance(interval, QLineEdit)
    interval.setText("300")
    # IT configures the value while the dialog is open: the settings now refuse the user's.
    _write(root / "config.toml", "sync_interval_seconds = 90\n")
    settings.reload()
    assert not dialog.save()
    assert "was not saved" in dialog.message()
    assert "Nothing was saved." in dialog.message()
    assert dialog.origin("sync_interval_seconds") == BY_IT
    assert _reloaded(root).get(SYNC_INTERVAL_SECONDS) == 90


def test_use_default_removes_the_users_value(dialog: SettingsDialog, root: Path) -> None:
    resets = [
        button
        for button in dialog.findChildren(QPushButton)
        if button.text() == "Use default" and button.isVisible()
    ]
    assert len(resets) == 1
    resets[0].click()
    assert dialog.origin("sync_interval_seconds") == "Default"
    interval = {entry.name: entry for entry in _reloaded(root).effective()}
    assert interval["sync_interval_seconds"].layer is Layer.DEFAULT


def test_the_main_window_opens_settings_with_ctrl_comma(
    qtbot: QtBot, settings: Settings, runner: TaskRunner, english: None
) -> None:
    window = build_main_window(
        source=FakeSource(), runner=runner, clock=lambda: NOW, settings=UserSettings(settings)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    button = window.findChild(QPushButton, "settingsButton")
    assert button is not None
    assert button.accessibleName() == "Settings"
    wait_until_active(qtbot, window)
    window.patient_list.table.setFocus()
    qtbot.keyClick(window.patient_list.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=30_000)
    opened = window.findChild(SettingsDialog)
    assert opened is not None
    assert opened.origin("auto_lock_minutes") == MANAGED
    opened.close()


def test_without_settings_the_main_window_offers_no_entry(
    qtbot: QtBot, runner: TaskRunner, english: None
) -> None:
    window = build_main_window(source=FakeSource(), runner=runner, clock=lambda: NOW)
    qtbot.addWidget(window)
    assert window.findChild(QPushButton, "settingsButton") is None
    assert window.show_settings() is None
