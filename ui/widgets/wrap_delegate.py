"""Row heights that match what is painted when wrapped cells have style-sheet padding.

The application style sheet pads every item (``QTableView::item { padding: 4px 6px; }``), but
Qt measures a wrapped cell's height as if the whole column width held text. A name that just
fits the measure then gets one line of height and is painted elided ("Apocillin tab 660 …").
Measuring against the padded width gives the row the lines it really needs.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

ITEM_PADDING = 12
"""Left plus right padding of an item in the application style sheet, in pixels."""


class PaddedWrapDelegate(QStyledItemDelegate):
    """Measures wrapped text in the width that is left after the item's padding."""

    def __init__(self, parent: QWidget | None = None, *, padding: int = ITEM_PADDING) -> None:
        super().__init__(parent)
        self._padding = padding

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        narrower = QStyleOptionViewItem(option)
        if narrower.rect.width() > self._padding:
            narrower.rect = option.rect.adjusted(0, 0, -self._padding, 0)
        return super().sizeHint(narrower, index)
