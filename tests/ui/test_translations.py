"""Bokmål is complete: every string in ui/ has a finished translation in the .ts file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.i18n import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "pleiepunkt_nb.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _sources(catalogue: str) -> list[str]:
    """Each catalogue covers its own part of ui/: bedside documentation has its own file."""
    own = {name: ROOT / "ui" / name for name in ("bedside", "session", "followup", "shift")}
    files = list((ROOT / "ui").rglob("*.py"))
    if catalogue in own:
        return sorted(str(p) for p in files if p.is_relative_to(own[catalogue]))
    return sorted(str(p) for p in files if not any(p.is_relative_to(d) for d in own.values()))


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_every_ui_string_is_translated_to_bokmal(tmp_path: Path, catalogue: str) -> None:
    updated = tmp_path / f"{catalogue}_nb.ts"
    shutil.copy(TS.with_name(f"{catalogue}_nb.ts"), updated)
    sources = _sources(catalogue)
    subprocess.run(
        [str(LUPDATE), *sources, "-ts", str(updated), "-no-obsolete"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    unfinished = []
    for message in ET.parse(updated).iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        texts = [translation.text] if translation is not None else []
        if translation is not None and message.get("numerus") == "yes":
            texts = [form.text for form in translation.iter("numerusform")]
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not all(t and t.strip() for t in texts)
        ):
            unfinished.append(source)
    assert unfinished == []


def test_mnemonics_survive_translation() -> None:
    for message in ET.parse(TS).iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if "&" in source.replace("&&", ""):
            assert "&" in translation, source
