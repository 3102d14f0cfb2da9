"""The bedside dialogs (give, not given, pouch, effect, co-sign) have one Alt+letter per action,
in Bokmål and in English (see ``tests.ui.mnemonics``)."""

from __future__ import annotations

from collections.abc import Iterator
from pprint import pformat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bedside.round_plan import RowKind
from tests.ui.bedside.helpers import active, named, select_row
from tests.ui.mnemonics import clashes
from ui.app import prepare_application
from ui.i18n import Language


@pytest.fixture(params=[Language.BOKMAL, Language.ENGLISH], ids=["nb", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    translators = prepare_application(qapp, language=request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setStyleSheet("")


def _open(qtbot, view, pick):
    select_row(view, pick)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    return active(qtbot, view.dialog)


@pytest.mark.parametrize(
    "pick",
    [
        named("Paracetamol Orifarm"),  # as needed: the give dialog with an indication
        named("Sobril"),  # double signature
        lambda r: r.kind is RowKind.POUCH and len(r.pouch) == 4,
    ],
    ids=["give", "double signature", "pouch"],
)
def test_each_bedside_dialog_has_unique_mnemonics(qtbot, language, round_view, pick) -> None:
    dialog = _open(qtbot, round_view, pick)
    found = clashes(dialog)
    assert found == {}, pformat(found, width=100)
    cosign = getattr(dialog, "cosign", None)
    if cosign is not None:
        cosign.open_dialog()
        second = active(qtbot, cosign.dialog)
        found = clashes(second)
        assert found == {}, pformat(found, width=100)
        second.reject()
    dialog.reject()


def test_the_round_page_keeps_its_own_letters(qtbot, language, round_view) -> None:
    found = clashes(round_view)
    assert found == {}, pformat(found, width=100)
