"""Column widths that keep what matters readable when the window is narrow (200 %, 1366x768).

Each column asks for its content width. When they do not all fit, the columns a nurse must read
in full (``keep``: the drug name, the patient's name, the dose) keep their content width and the
others give way down to a few characters, in proportion to how much they can give; text that
no longer fits is elided and the model's tooltip and accessible description carry it in full.
Space left over goes to the ``grow`` column, so the table always fills its width.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

_PADDING = 16
"""Cell margins and the focus frame around measured text, in pixels."""


@dataclass(frozen=True, slots=True)
class ColumnNeed:
    """What one column would like (``preferred``) and the least it may get (``minimum``)."""

    preferred: int
    minimum: int


def fit_widths(needs: Sequence[ColumnNeed], *, available: int, grow: int | None) -> list[int]:
    """Widths for ``needs`` within ``available`` pixels (pure; see the module docstring).

    Preferred widths when they fit, the ``grow`` column taking what is left; otherwise every
    column with room to give shrinks by its share of the excess, never below its minimum (the
    total may then exceed ``available`` and the view scrolls sideways).
    """
    widths = [max(n.preferred, n.minimum) for n in needs]
    total = sum(widths)
    if total <= available:
        if grow is not None and 0 <= grow < len(widths):
            widths[grow] += available - total
        return widths
    slack = [w - n.minimum for w, n in zip(widths, needs, strict=True)]
    room = sum(slack)
    excess = total - available
    if room <= excess:
        return [n.minimum for n in needs]
    taken = [excess * s // room for s in slack]
    left = excess - sum(taken)
    for index in sorted(range(len(slack)), key=lambda i: -slack[i]):
        if left <= 0:
            break
        if slack[index] > taken[index]:
            taken[index] += 1
            left -= 1
    return [w - t for w, t in zip(widths, taken, strict=True)]


def fit_view_columns(
    view: QTableView | QTreeView,
    *,
    keep: Collection[int] = (),
    grow: int | None = None,
    max_width: int = 420,
    at_least: Mapping[int, int] | None = None,
) -> None:
    """Measure ``view``'s columns and apply ``fit_widths`` to its current viewport width.

    ``at_least`` gives columns a width they never go below (e.g. room for a full national id
    that only shows once its row is selected).
    """
    header: QHeaderView = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    count = model.columnCount()
    # A heading that no longer fits elides like its cells (the header tooltip has it in full).
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    available = view.viewport().width()
    metrics = view.fontMetrics()
    least = metrics.horizontalAdvance("M") * 4 + _PADDING
    # A column whose content is shorter than ``least`` ("Ja", "86") may go down to its content
    # when space is short: its heading elides first (the header tooltip has it).
    short = metrics.horizontalAdvance("M") * 2 + _PADDING
    needs = []
    for column in range(count):
        if header.isSectionHidden(column):
            needs.append(ColumnNeed(0, 0))
            continue
        content = min(_content_width(view, column), max_width)
        heading = min(header.sectionSizeHint(column), max_width)
        preferred = max(content, heading)
        if column in keep:
            # The text itself must show; its heading may elide (the header tooltip has it).
            minimum = min(max(content, least), max(available // 2, least))
        else:
            minimum = min(preferred, least, max(content, short))
        floor = (at_least or {}).get(column, 0)
        needs.append(ColumnNeed(max(preferred, floor), max(minimum, floor)))
    for column, width in enumerate(fit_widths(needs, available=available, grow=grow)):
        if not header.isSectionHidden(column):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)


def _content_width(view: QAbstractItemView, column: int) -> int:
    return view.sizeHintForColumn(column) + _PADDING // 2
