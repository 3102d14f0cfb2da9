"""Interface language: Norwegian Bokmål by default, English available.

Source strings are English (Qt convention, so translators and tools see one source language);
``resources/translations/pleiepunkt_nb.ts`` carries Bokmål. The compiled ``.qm`` is built by the
set-up script and the installers with ``pyside6-lrelease``; if it is missing the app says so in the
log and falls back to English rather than refusing to start at a bedside.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(resources.__file__).parent / "translations"
# One catalogue per area (views, bedside documentation, sign-in and lock, remote follow-up, the
# shift's own work: tasks, notes and handover), so translators of different areas never edit the
# same file; each is compiled to a .qm beside its .ts.
CATALOGUES = ("pleiepunkt", "bedside", "session", "followup", "shift")


class Language(StrEnum):
    """Languages the interface ships in; the value is the translation file suffix."""

    BOKMAL = "nb"
    ENGLISH = "en"


def install_translators(app: QApplication, language: Language) -> list[QTranslator]:
    """Install our and Qt's own translations; return them so the caller keeps them alive."""
    QLocale.setDefault(
        QLocale(
            QLocale.Language.NorwegianBokmal
            if language is Language.BOKMAL
            else QLocale.Language.English,
            QLocale.Country.Norway,
        )
    )
    if language is Language.ENGLISH:
        return []
    installed: list[QTranslator] = []
    for catalogue in CATALOGUES:
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS_DIR / f"{catalogue}_{language.value}.qm")):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning(
                "translation %s_%s not compiled; showing English", catalogue, language.value
            )
    # Qt's own texts (standard buttons, message boxes, edit menus). Qt ships no Bokmål qtbase,
    # so resources/translations/qtbase_nb.ts carries it; Qt's own is preferred should one ship.
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    name = f"qtbase_{language.value}"
    if qt_own.load(name, qt_dir) or qt_own.load(name, str(TRANSLATIONS_DIR)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    else:
        log.warning("Qt's own texts in %s not found; standard buttons show English", name)
    return installed
