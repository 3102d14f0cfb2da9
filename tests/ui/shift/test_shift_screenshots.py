"""The shift's views render offscreen at 1366x768 and at 200 % (``tests.ui.shift.screenshots``).

PNGs go to ``$PLEIEPUNKT_SCREENSHOTS`` when set (CI sets ``build/screenshots``), else to
pytest's tmp dir. Each case runs in its own process, because ``QT_SCALE_FACTOR`` only applies
before the QApplication exists; the run's store and compiled translations are removed again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.shift.screenshots import VIEWS

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
@pytest.mark.parametrize(("size", "scale"), [("1366x768", None), ("1366x768", "2")])
def test_the_shift_s_views_render(tmp_path: Path, size: str, scale: str | None) -> None:
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temporary)}
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.shift.screenshots", str(out), size, "nb"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(temporary.iterdir()) == [], "the run removes its store and temporary files"
    files = [Path(line) for line in result.stdout.split()]
    assert {f.name.split(f"_{size}")[0] for f in files} == set(VIEWS)
    width, height = (int(v) for v in size.split("x"))
    factor = float(scale or 1)
    for file in files:
        image = QImage(str(file))
        assert not image.isNull()
        if file.name.startswith(("shift_tasks", "shift_unit_tasks")):
            assert abs(image.width() - width * factor) <= 1
            assert abs(image.height() - height * factor) <= 1
