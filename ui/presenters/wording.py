"""Clinical phrases that presenters compose into titles, translated where they are composed.

Presenters otherwise return enums for the widgets to translate (``ui.labels``). A treatment
limitation is different: its title is read as one sentence in the header banner, the patient
list and the core record, and its negation must never get lost on the way, so the presenter
builds the whole sentence. ``QCoreApplication.translate`` needs no application object and is
thread-safe, so presenters still run on workers and in plain tests; without an installed
translator it returns the English source.

Every call passes literal strings, because lupdate extracts them statically.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def hlr_minus() -> str:
    """The decision not to resuscitate, worded so that nobody can read it as the opposite."""
    return QCoreApplication.translate(
        "CriticalWording", "HLR-minus: no cardiopulmonary resuscitation"
    )


def refused(action: str) -> str:
    """A treatment the patient must not be given: "Not: <action>"."""
    return QCoreApplication.translate("CriticalWording", "Not: %1").replace("%1", action)


def unclear(action: str) -> str:
    """A treatment decision that does not say whether it allows or refuses ``action``."""
    return QCoreApplication.translate(
        "CriticalWording", "Unclear whether allowed or refused: %1 (check the decision)"
    ).replace("%1", action)
