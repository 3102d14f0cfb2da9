"""Clinical messages (``clinical.*.MESSAGES``) in the interface language.

The clinical modules carry their own Bokmål and English texts keyed by stable keys; the
interface language is the default ``QLocale`` that ``ui.i18n`` sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from PySide6.QtCore import QLocale

Language = Literal["nb", "en"]


def language() -> Language:
    """``nb`` unless the interface runs in English."""
    return "en" if QLocale().language() == QLocale.Language.English else "nb"


def clinical_text(messages: Mapping[str, Mapping[Any, str]], key: str) -> str:
    """The message for ``key`` in the interface language; the key itself if unknown."""
    entry = messages.get(key)
    return key if entry is None else entry[language()]
