"""Row heights that match what is painted when wrapped cells have style-sheet padding.

The application style sheet pads every item (``QTableView::item { padding: 4px 6px; }``), but
Qt measures a wrapped cell's height as if the whole column width held text. A name that just
fits the measure then gets one line of height and is painted elided ("Apocillin tab 660 …").
Measuring against the padded width gives the row the lines it really needs.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

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


class ColumnWrapDelegate(PaddedWrapDelegate):
    """Gives its column's rows the height its wrapped text needs, in a view with word wrap on.

    For the one column whose text must be read whole at any width, such as a free-text dose
    ("1-2 tablett ved behov, maks 8 per døgn"). A tree view asks for row heights without the
    column's width, so it is taken from the view; the view must lay its items out again when
    the column's width changes. Only ``sizeHint`` is Python: it runs when rows are laid out,
    never while they are painted.
    """

    def __init__(self, view: QTreeView | QTableView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        sized = QStyleOptionViewItem(option)
        sized.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        # Qt wraps only inside a valid rectangle: a height is needed too, though it is not used.
        width = self._view.columnWidth(index.column())
        sized.rect = QRect(0, 0, width, max(option.rect.height(), 1))
        return super().sizeHint(sized, index)
