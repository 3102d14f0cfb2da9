"""Render the follow-up screens offscreen in Bokmål: ``python -m tests.ui.followup.screens OUT
[WxH]``. Its own process, so ``QT_SCALE_FACTOR`` (200 %) applies before Qt starts.

The screens: the trend of a monitored patient's blood pressure (home values, the patient's
limits, the proof's 192/104), the district's follow-up list, the follow-up dialog over it, the
dispenser patient's round (a pouch not dispensed at 18:00, pouches handed over), and the
patient's own follow-up tab. The data is ``tests.ui.followup.scenario``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from app.bedside.vitals_history import Series
from tests.ui.followup.scenario import NOW, district
from tests.ui.screenshots import _bokmal, _panel_screen
from tests.ui.ward import OSLO
from ui.app import prepare_application
from ui.bedside import MedicationRoundView, VitalsTrendView
from ui.followup import FollowUpView
from ui.i18n import Language
from ui.presenters.formatting import set_display_zone
from ui.tasks import TaskRunner


def _spin(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def _settle(app: QApplication, runner: TaskRunner) -> None:
    for _ in range(3):
        runner.wait_for_done(10_000)
        _spin(app, 0.2)


def render(out: Path, *, width: int, height: int) -> list[Path]:
    """The screens at ``width``x``height`` logical pixels; returns the files written."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    set_display_zone(OSLO)
    prepare_application(app, language=Language.ENGLISH)
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"{width}x{height}"
    scale = os.environ.get("QT_SCALE_FACTOR")
    if scale:
        suffix += f"@{scale}x"
    files: list[Path] = []

    def save(widget: QWidget, name: str, dialog: QWidget | None = None) -> None:
        path = out / f"followup_{name}_{suffix}.png"
        picture = widget.grab()
        if dialog is not None:
            painter = QPainter(picture)
            painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
            image: QPixmap = dialog.grab()
            ratio = image.devicePixelRatio()
            x = max(0, int((widget.width() - image.width() / ratio) / 2))
            y = max(0, int((widget.height() - image.height() / ratio) / 2))
            painter.drawPixmap(x, y, image)
            painter.end()
        picture.save(str(path))
        files.append(path)

    with (
        tempfile.TemporaryDirectory(prefix="pleiepunkt-followup-") as workdir,
        district(Path(workdir) / "store") as home_care,
    ):
        translators = _bokmal(app, Path(workdir))
        try:
            runner = TaskRunner(max_threads=2)
            source = home_care.services
            trend = VitalsTrendView(source=source, runner=runner, clock=lambda: NOW)
            trend.resize(width, height)
            trend.show()
            trend.set_patient(home_care.monitored)
            trend.series.setCurrentIndex(trend.series.findData(Series.SYSTOLIC.value))
            trend.period.setCurrentIndex(trend.period.findData(30))
            _settle(app, runner)
            save(trend, "trend_home_values")
            trend.period.setCurrentIndex(trend.period.findData(7))
            _settle(app, runner)
            save(trend, "trend_home_values_week")
            trend.close()

            listed = FollowUpView(
                source=source, runner=runner, clock=lambda: NOW, place=lambda: None
            )
            listed.resize(width, height)
            listed.show()
            listed.reload()
            _settle(app, runner)
            save(listed, "district_list")
            dialog = listed.open_current()
            _settle(app, runner)
            assert dialog is not None
            save(listed, "dialog", dialog)
            dialog.reject()
            listed.close()

            rounds = MedicationRoundView(source=source, runner=runner, clock=lambda: NOW)
            rounds.resize(width, height)
            rounds.show()
            rounds.set_patient(home_care.with_dispenser)
            _settle(app, runner)
            save(rounds, "dispenser_round")
            rounds.close()

            own = FollowUpView(source=source, runner=runner, clock=lambda: NOW)
            own.resize(width, height)
            own.show()
            own.set_patient(home_care.monitored)
            _settle(app, runner)
            save(own, "patient_tab")
            own.close()
            runner.wait_for_done(10_000)
        finally:
            for translator in translators:
                app.removeTranslator(translator)
                translator.setParent(None)
            translators.clear()
    return files


def main(argv: list[str]) -> int:
    """Command line entry: output folder and optional size."""
    out = Path(argv[0])
    width, height = (int(v) for v in (argv[1] if len(argv) > 1 else "1366x768").split("x"))
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-screen-") as folder:
        _panel_screen(width, height, folder=Path(folder))
        for path in render(out, width=width, height=height):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
