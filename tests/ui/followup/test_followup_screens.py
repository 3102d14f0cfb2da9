"""The follow-up screens render in Bokmål at 1366x768, at 200 % on it, and at 960x540 at 200 %
(a 1920x1080 panel as Windows scales it). PNGs go to ``$PLEIEPUNKT_SCREENSHOTS`` when set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[3]
SCREENS = {
    "trend_home_values",
    "trend_home_values_week",
    "district_list",
    "dialog",
    "dispenser_round",
    "patient_tab",
}


@pytest.mark.parametrize(
    ("size", "scale"), [("1366x768", None), ("1366x768", "2"), ("960x540", "2")]
)
def test_followup_screens_render(tmp_path: Path, size: str, scale: str | None) -> None:
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.followup.screens", str(out), size],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    files = [Path(line) for line in result.stdout.split()]
    assert {f.name.removeprefix("followup_").split(f"_{size}")[0] for f in files} == SCREENS
    width = int(size.split("x", maxsplit=1)[0])
    factor = float(scale or 1)
    for file in files:
        image = QImage(str(file))
        assert not image.isNull()
        assert abs(image.width() - width * factor) <= 1
