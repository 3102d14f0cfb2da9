"""Colours and the style sheet. Colour always comes with a symbol or a word (never alone)."""

from __future__ import annotations

from pathlib import Path

import resources

CRITICAL_TEXT = "#9b1c1c"
CRITICAL_BACKGROUND = "#fdecec"
CHANGED_BACKGROUND = "#fff4d6"
MUTED_TEXT = "#55606b"

STYLE_SHEET = Path(resources.__file__).parent / "styles" / "pleiepunkt.qss"


def style_sheet() -> str:
    """The application style sheet (empty if the file is missing, so the app still starts)."""
    try:
        return STYLE_SHEET.read_text(encoding="utf-8")
    except OSError:
        return ""
