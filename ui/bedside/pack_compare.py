"""The dose and the pack side by side, in plain words, with every difference marked.

Shown whenever the pack is not simply the ordered product: a substitute to confirm, or a
different substance, strength or form that stops the user. A differing line carries "≠" and
bold text, so the difference never rests on colour alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from clinical.products import Comparison, PackMatch
from ui.widgets.plain import plain_label


class PackComparison(QFrame):
    """A small table: what is due | what is in hand, one row per property."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packComparison")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Never squeezed: each row is one line of text that must be read whole.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(16)
        self._cells: list[QLabel] = []
        self.setVisible(False)

    def clear(self) -> None:
        """Hide the comparison (no pack, or the ordered product itself)."""
        for cell in self._cells:
            self._grid.removeWidget(cell)
            cell.deleteLater()
        self._cells = []
        self.setVisible(False)

    def rows_text(self) -> list[str]:
        """The shown rows as "name | due | in hand" (tests, accessibility)."""
        texts = [c.text() for c in self._cells]
        return [" | ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]

    def show_comparison(self, comparison: Comparison, *, dose: str) -> None:
        """Fill the table from ``comparison``; ``dose`` is the ordered amount in words."""
        self.clear()
        ordered, found = comparison.ordered, comparison.found
        differing = set(comparison.differences)
        rows = [
            ("", self.tr("To give (the order)"), self.tr("The pack in your hand"), False),
            (self.tr("Medicine"), ordered.name, found.name, False),
            (
                self.tr("Substance"),
                ordered.substance_text(),
                found.substance_text(),
                PackMatch.DIFFERENT_SUBSTANCE in differing,
            ),
            (
                self.tr("Strength"),
                ordered.strength_text(),
                found.strength_text(),
                PackMatch.DIFFERENT_STRENGTH in differing,
            ),
            (
                self.tr("Form"),
                ordered.form_text,
                found.form_text,
                PackMatch.DIFFERENT_FORM in differing,
            ),
            (self.tr("Dose"), dose, "", False),
            (self.tr("Pack"), ordered.pack_size, found.pack_size, False),
            (
                self.tr("Substitution group"),
                *self._groups(comparison),
                comparison.match is PackMatch.NOT_INTERCHANGEABLE,
            ),
        ]
        for row, (name, due, held, differs) in enumerate(rows):
            if row and not (due or held):
                continue
            mark = "≠ " if differs else ""
            for column, text in enumerate((name, f"{mark}{due}" if due else "", held)):
                # One line per cell: a wrapped label in a grid is cut off at the bottom.
                cell = plain_label(text, wrap=False)
                if row == 0 or differs:
                    cell.setStyleSheet("font-weight: bold;")
                self._grid.addWidget(cell, row, column)
                self._cells.append(cell)
        self.setVisible(True)

    def _groups(self, comparison: Comparison) -> tuple[str, str]:
        """The byttegruppe row: only a substitute or a refused swap needs it."""
        if comparison.match is PackMatch.SUBSTITUTE:
            same = self.tr("the same group")
            return same, same
        if comparison.match is not PackMatch.NOT_INTERCHANGEABLE:
            return "", ""
        none = self.tr("none (may not be swapped)")
        ordered = none if comparison.ordered.byttegruppe is None else self.tr("its own group")
        found = none if comparison.found.byttegruppe is None else self.tr("a different group")
        return ordered, found
