"""A small line chart of one vital sign (or NEWS2) over time, painted with QPainter.

PySide6-Essentials has no QtCharts. The chart is decorative for sighted users; the same
values are in the table beside it and in the accessible description.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.bedside.axis_ticks import nice_ticks, tick_decimals
from ui.presenters.formatting import format_date, format_decimal, format_time

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 56, 24, 18, 42
_LINE = QColor("#1f5f8b")
_GRID = QColor("#d5dbe1")
_TEXT = QColor("#1f2933")
_THRESHOLD = QColor("#9b1c1c")


class TrendChart(QWidget):
    """Points (time, value) with optional labelled threshold lines (NEWS2 5 and 7)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._points: list[tuple[datetime, float]] = []
        self._title = ""
        self._thresholds: list[tuple[float, str]] = []
        self._floor: float | None = None

    def set_series(
        self,
        title: str,
        points: Sequence[tuple[datetime, float]],
        *,
        thresholds: Sequence[tuple[float, str]] = (),
        floor: float | None = None,
    ) -> None:
        """Plot ``points`` (oldest first) under ``title``."""
        self._title = title
        self._points = sorted(points, key=lambda p: p[0])
        self._thresholds = list(thresholds)
        self._floor = floor
        summary = ", ".join(
            f"{format_date(at)} {format_time(at)}: {format_decimal(value)}"
            for at, value in self._points[-5:]
        )
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary or self.tr("No measurements"))
        self.update()

    def _range(self) -> tuple[float, float]:
        values = [v for _, v in self._points] + [t for t, _ in self._thresholds]
        low, high = min(values), max(values)
        if self._floor is not None:
            low = min(low, self._floor)
        if high - low < 1:
            high, low = high + 1, low - 1
        pad = (high - low) * 0.1
        bottom = low - pad if self._floor is None else max(self._floor, low - pad)
        return bottom, high + pad

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        area = QRectF(
            _MARGIN_LEFT,
            _MARGIN_TOP,
            max(10, self.width() - _MARGIN_LEFT - _MARGIN_RIGHT),
            max(10, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM),
        )
        painter.setPen(_TEXT)
        title_font = QFont(painter.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(QPointF(area.left(), 14), self._title)
        painter.setFont(QFont(self.font()))
        if not self._points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No measurements yet"))
            painter.end()
            return
        ticks = nice_ticks(*self._range())
        low, high = ticks[0], ticks[-1]
        decimals = tick_decimals(ticks)
        start = self._points[0][0].timestamp()
        span = max(1.0, self._points[-1][0].timestamp() - start)

        def to_point(at: datetime, value: float) -> QPointF:
            x = area.left() + (at.timestamp() - start) / span * area.width()
            y = area.bottom() - (value - low) / (high - low) * area.height()
            return QPointF(x, y)

        painter.setPen(QPen(_GRID, 1))
        for value in ticks:
            y = to_point(self._points[0][0], value).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(_TEXT)
            painter.drawText(
                QRectF(0, y - 9, _MARGIN_LEFT - 6, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_decimal(round(value, decimals)),
            )
            painter.setPen(QPen(_GRID, 1))
        for value, label in self._thresholds:
            y = to_point(self._points[0][0], value).y()
            painter.setPen(QPen(_THRESHOLD, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            # At the oldest end, on a light backing: the newest values must stay unobscured.
            box = painter.fontMetrics().boundingRect(label).adjusted(-3, -1, 3, 1)
            box.moveTo(int(area.left()) + 4, int(y) - box.height() - 2)
            painter.fillRect(box, QColor(255, 255, 255, 220))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.setPen(QPen(_LINE, 2))
        points = [to_point(at, value) for at, value in self._points]
        for first, second in itertools.pairwise(points):
            painter.drawLine(first, second)
        painter.setBrush(_LINE)
        for (_at, value), point in zip(self._points, points, strict=True):
            painter.drawEllipse(point, 3.5, 3.5)
            painter.setPen(_TEXT)
            painter.drawText(QPointF(point.x() - 8, point.y() - 8), format_decimal(value))
            painter.setPen(QPen(_LINE, 2))
        self._paint_days(painter, area, to_point, low)
        painter.end()

    def _paint_days(
        self,
        painter: QPainter,
        area: QRectF,
        to_point: Callable[[datetime, float], QPointF],
        low: float,
    ) -> None:
        """One date under the axis per day, centred on its first point and kept inside."""
        painter.setPen(_TEXT)
        shown: set[str] = set()
        for at, _value in self._points:
            day = format_date(at)[:5]
            if day in shown:
                continue
            shown.add(day)
            x = to_point(at, low).x()
            width = painter.fontMetrics().horizontalAdvance(day) + 4
            left = min(max(0.0, x - width / 2), self.width() - width)
            painter.drawText(
                QRectF(left, area.bottom() + 4, width, 18),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                day,
            )
