"""Every view renders offscreen at 1366x768, 1920x1080, and at 150 % and 200 % scaling.

PNGs go to ``$PLEIEPUNKT_SCREENSHOTS`` when set (CI sets ``build/screenshots``, a gitignored
build artefact), else to pytest's tmp dir; a test never writes into the source tree. Each case
runs ``python -m tests.ui.screenshots`` in its own process because ``QT_SCALE_FACTOR`` only
applies before the QApplication exists.
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
    "core_record_banner_collapsed",
    "medication_list",
    "prescriptions",
    "route_list",
    "conflict_dialog",
    "unit_round",
    "medication_round",
    "vital_signs",
    "vitals_trend",
]


# Logical sizes: 1280x720 at 150 % and 960x540 at 200 % are a 1920x1080 panel as Windows scales it.
CASES = [
    ("1366x768", None),
    ("1920x1080", None),
    ("1366x768", "1.5"),
    ("1366x768", "2"),
    ("1280x720", "1.5"),
    ("960x540", "2"),
]


@pytest.mark.parametrize(("size", "scale"), CASES)
def test_views_render(tmp_path: Path, size: str, scale: str | None) -> None:
    out = Path(os.environ.get("PLEIEPUNKT_SCREENSHOTS", tmp_path))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temporary)}
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
    assert list(temporary.iterdir()) == [], "the run removes its temporary files"
    files = [Path(line) for line in result.stdout.split()]
    assert {f.name.split(f"_{size}")[0] for f in files} == set(VIEWS)
    width, height = (int(v) for v in size.split("x"))
    factor = float(scale or 1)
    for file in files:
        image = QImage(str(file))
        assert not image.isNull()
        if file.name.startswith(("patient_list", "core_record")):
            # Fractional factors round the device pixels, so allow one pixel either way.
            assert abs(image.width() - width * factor) <= 1
            assert abs(image.height() - height * factor) <= 1
