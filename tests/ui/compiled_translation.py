"""A catalogue from resources/translations compiled with lrelease and installed for one test."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from ui.i18n import TRANSLATIONS_DIR

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


@contextmanager
def installed(qapp: QApplication, catalogue: str, directory: Path) -> Iterator[QTranslator]:
    """Compile ``<catalogue>.ts`` into ``directory``, install it in ``qapp``, remove it after."""
    qm = directory / f"{catalogue}.qm"
    subprocess.run(
        [str(LRELEASE), str(TRANSLATIONS_DIR / f"{catalogue}.ts"), "-qm", str(qm)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)
