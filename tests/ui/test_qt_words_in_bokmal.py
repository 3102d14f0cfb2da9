"""Qt's own words are Bokmål in the Bokmål interface: no "Cancel", "Close" or "&Yes" anywhere.

Every dialog a nurse meets is opened in Bokmål and every button's text is compared with Qt's
English standard texts; a Yes/No message box and a text field's context menu (Qt's own widgets
entirely) are checked too, which only Qt's translation (``qtbase_nb``) can make Norwegian.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMessageBox

from tests.ui.every_dialog import NAMES, dialogs
from ui.app import prepare_application
from ui.i18n import Language
from ui.tasks import TaskRunner

# Qt's English standard texts (QPlatformTheme::defaultStandardButtonText and friends).
ENGLISH = {
    "OK",
    "Save",
    "Save All",
    "Open",
    "&Yes",
    "Yes to &All",
    "&No",
    "N&o to All",
    "Abort",
    "Retry",
    "Ignore",
    "Close",
    "Cancel",
    "Discard",
    "Help",
    "Apply",
    "Reset",
    "Restore Defaults",
}


@pytest.fixture
def bokmal(qapp: QApplication) -> Iterator[None]:
    translators = prepare_application(qapp, language=Language.BOKMAL)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


@pytest.mark.parametrize("name", NAMES)
def test_no_dialog_shows_qt_s_english_words(
    qtbot: Any, bokmal: None, runner: TaskRunner, tmp_path: Path, name: str
) -> None:
    dialog = dialogs(runner, tmp_path)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    runner.wait_for_done(5_000)
    QApplication.processEvents()
    shown = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert shown
    assert [text for text in shown if text in ENGLISH] == []


def test_qt_s_own_widgets_speak_bokmal(qtbot: Any, bokmal: None) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Pleiepunkt", "Avslutte?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Close
    )
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"&Ja", "&Nei", "Avbryt", "Lukk"}
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    actions = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert "&Kopier" in actions
    assert "&Lim inn" in actions
    assert not set(actions) & {"&Copy", "&Paste", "Select All"}
