"""Every view renders offscreen at 1366x768, 1920x1080 and at 200 % scaling.

PNGs go to ``$PLEIEPUNKT_SCREENSHOTS`` when set (build artefacts), else to pytest's tmp dir.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
VIEWS = [
    "patient_list",
    "access_basis_dialog",
    "core_record",
    "medication_list",
    "prescriptions",
    "route_list",
    "conflict_dialog",
]


@pytest.mark.parametrize(
    ("size", "scale"), [("1366x768", None), ("1920x1080", None), ("1366x768", "2")]
)
def test_views_render(tmp_path: Path, size: str, scale: str | None) -> None:
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.screenshots", str(out), size, "nb"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    files = [Path(line) for line in result.stdout.split()]
    assert {f.name.split(f"_{size}")[0] for f in files} == set(VIEWS)
    width, height = (int(v) for v in size.split("x"))
    for file in files:
        image = QImage(str(file))
        assert not image.isNull()
        if file.name.startswith(("patient_list", "core_record")):
            assert image.width() == width * int(scale or 1)
            assert image.height() == height * int(scale or 1)
