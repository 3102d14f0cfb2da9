"""The allergy and critical-information banner: always in the header, never scrolled away."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui import labels
from ui.presenters.critical import AllergyItem, CriticalInformation
from ui.widgets.plain import plain_label


class CriticalBanner(QFrame):
    """Lines of text, each led by a symbol; the red frame is an extra cue, never the only one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criticalBanner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 8)
        self._layout.setSpacing(4)
        self._lines: list[QLabel] = []
        self.set_information(None)

    def lines(self) -> list[str]:
        """The text currently shown, one entry per line (for tests and screen readers)."""
        return [line.text() for line in self._lines]

    def set_information(self, info: CriticalInformation | None) -> None:
        """Show ``info``; None means not loaded yet."""
        for line in self._lines:
            self._layout.removeWidget(line)
            line.hide()
            line.deleteLater()
        self._lines = []
        if info is None:
            self._set_level("unknown")
            self._add(self.tr("… Reading critical information"))
            return
        if not info.has_any:
            self._set_level("none")
            self._add(self.tr("ℹ No allergies or critical information registered"))
            return
        self._set_level("critical")
        if info.allergies:
            entries = "; ".join(self._allergy(a) for a in info.allergies)
            self._add(self.tr("⚠ ALLERGIES AND DRUG REACTIONS: %1").replace("%1", entries))
        if info.treatment_limitations:
            entries = "; ".join(i.title for i in info.treatment_limitations)
            self._add(self.tr("⚠ TREATMENT LIMITATION: %1").replace("%1", entries))
        others = [
            *info.critical_conditions,
            *info.treatments_and_implants,
            *info.anaesthesia_complications,
            *info.procedure_changes,
        ]
        if others:
            entries = "; ".join(i.title for i in others)
            self._add(self.tr("⚠ CRITICAL INFORMATION: %1").replace("%1", entries))
        self.setAccessibleName(" ".join(self.lines()))

    def _allergy(self, allergy: AllergyItem) -> str:
        facts = [labels.criticality(allergy.criticality), labels.verification(allergy.verification)]
        reactions = ", ".join(allergy.reactions)
        head = f"{allergy.substance} – {reactions}" if reactions else allergy.substance
        return f"{head} ({', '.join(facts)})"

    def _add(self, text: str) -> None:
        label = plain_label(text, parent=self, object_name="criticalLine")
        label.setAccessibleName(text)
        self._layout.addWidget(label)
        # A layout shows a new child only on the next event-loop pass; the banner must never be
        # an empty red box, not even for one frame or in a screenshot taken right after a sync.
        label.setVisible(True)
        self._lines.append(label)

    def _set_level(self, level: str) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
