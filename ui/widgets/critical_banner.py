"""The allergy and critical-information banner: always in the header, never scrolled away.

On a small screen at 200 % the full banner can take a third of the height. It can then be
collapsed to one line (``set_collapsed``), which still starts with the most critical fact and
says how much more there is; it is never hidden, and one click or Enter shows it all again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.presenters.critical import AllergyItem, CriticalInformation
from ui.widgets.plain import plain_label


class CriticalBanner(QFrame):
    """Lines of text, each led by a symbol; the red frame is an extra cue, never the only one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criticalBanner")
        self._collapsed = False
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)
        self._layout = QVBoxLayout()
        self._layout.setSpacing(4)
        self._summary = plain_label(parent=self, object_name="criticalLine", wrap=False)
        # Elided to the banner's width; its full text must never widen the window.
        self._summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._summary.hide()
        self._layout.addWidget(self._summary)
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("criticalToggle")
        self.toggle.clicked.connect(lambda: self.set_collapsed(not self._collapsed))
        outer.addLayout(self._layout, 1)
        outer.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self._lines: list[QLabel] = []
        self.set_information(None)

    @property
    def collapsed(self) -> bool:
        """Whether the banner shows one line only (it is never hidden)."""
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Show one line (the first fact, elided, and how many more) or everything; the choice
        stays for the next patient too."""
        self._collapsed = collapsed
        self._arrange()

    def lines(self) -> list[str]:
        """Every line of the banner, collapsed or not (for tests and screen readers)."""
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
            self._arrange()
            return
        if not info.has_any:
            self._set_level("none")
            self._add(self.tr("ℹ No allergies or critical information registered"))
            self._arrange()
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
        self._arrange()

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

    def _arrange(self) -> None:
        """Full lines, or the one-line summary; the toggle only where there is something to
        fold (critical information)."""
        critical = self.property("level") == "critical"
        folded = self._collapsed and critical
        for line in self._lines:
            line.setVisible(not folded)
        self._summary.setVisible(folded)
        self.toggle.setVisible(critical)
        if folded:
            self.toggle.setText(self.tr("▾ Show all"))
            self.toggle.setAccessibleName(self.tr("Show all critical information"))
            self._elide_summary()
        else:
            self.toggle.setText(self.tr("▴ One line"))
            self.toggle.setAccessibleName(self.tr("Show critical information on one line"))

    def _elide_summary(self) -> None:
        if not self._lines:
            return
        more = len(self._lines) - 1
        tail = self.tr(" (+%1 more)").replace("%1", str(more)) if more else ""
        metrics = self._summary.fontMetrics()
        # The banner's own width, not the label's: the label gets its width only after layout.
        available = self.width() - 24 - self.toggle.sizeHint().width() - 8
        room = max(40, available - metrics.horizontalAdvance(tail))
        first = metrics.elidedText(self._lines[0].text(), Qt.TextElideMode.ElideRight, room)
        self._summary.setText(first + tail)
        self._summary.setToolTip("\n".join(self.lines()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._collapsed:
            self._elide_summary()

    def _set_level(self, level: str) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        # The summary line lives as long as the banner: restyle it for the new level too.
        self._summary.style().unpolish(self._summary)
        self._summary.style().polish(self._summary)
