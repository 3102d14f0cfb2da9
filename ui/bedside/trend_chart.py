"""A small line chart of one vital sign (or NEWS2) over time, painted with QPainter.

PySide6-Essentials has no QtCharts. The chart is decorative for sighted users; the same
values are in the table beside it and in the accessible description.

Two kinds of point, told apart by shape and line as well as colour (and a legend in words):
measured by staff (filled circles on a solid line) and measured at home (hollow diamonds on a
dashed line). Limits are labelled lines: NEWS2's 5 and 7 (solid dark red), the patient's red
limits (dashed red) and yellow limits (dotted amber). A value outside the patient's limits gets a
ring, double for a red limit. Values are written beside the points only when few enough to read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.bedside.axis_ticks import nice_ticks, tick_decimals
from ui.presenters.formatting import format_date, format_decimal, format_time

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 56, 24, 30, 42
_STAFF = QColor("#1f5f8b")
_HOME = QColor("#6b3fa0")
_GRID = QColor("#d5dbe1")
_TEXT = QColor("#1f2933")
_THRESHOLD = QColor("#9b1c1c")
_YELLOW = QColor("#9a6700")
_VALUE_LABELS_UP_TO = 40


class Style(StrEnum):
    """How a threshold line is drawn."""

    NEWS2 = "news2"
    RED = "red"
    YELLOW = "yellow"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One value: when, what, measured at home or not, and how far outside the patient's
    limits (0 within, 1 yellow, 2 red)."""

    at: datetime
    value: float
    home: bool = False
    level: int = 0


@dataclass(frozen=True, slots=True)
class Threshold:
    """A labelled horizontal line."""

    value: float
    label: str
    style: Style = Style.NEWS2


class TrendChart(QWidget):
    """Points over time with labelled threshold lines and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._points: list[ChartPoint] = []
        self._title = ""
        self._thresholds: list[Threshold] = []
        self._floor: float | None = None

    @property
    def points(self) -> list[ChartPoint]:
        return list(self._points)

    @property
    def thresholds(self) -> list[Threshold]:
        return list(self._thresholds)

    def set_series(
        self,
        title: str,
        points: Sequence[ChartPoint],
        *,
        thresholds: Sequence[Threshold] = (),
        floor: float | None = None,
    ) -> None:
        """Plot ``points`` under ``title``."""
        self._title = title
        self._points = sorted(points, key=lambda p: p.at)
        self._thresholds = list(thresholds)
        self._floor = floor
        at_home = self.tr("home measurement")
        summary = ", ".join(
            f"{format_date(p.at)} {format_time(p.at)}: {format_decimal(p.value)}"
            + (f" ({at_home})" if p.home else "")
            + (" ⚠" if p.level else "")
            for p in self._points[-5:]
        )
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary or self.tr("No measurements"))
        self.update()

    def _range(self) -> tuple[float, float]:
        values = [p.value for p in self._points] + [t.value for t in self._thresholds]
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
        self._paint_legend(painter)
        ticks = nice_ticks(*self._range())
        low, high = ticks[0], ticks[-1]
        decimals = tick_decimals(ticks)
        start = self._points[0].at.timestamp()
        span = max(1.0, self._points[-1].at.timestamp() - start)

        def to_point(at: datetime, value: float) -> QPointF:
            x = area.left() + (at.timestamp() - start) / span * area.width()
            y = area.bottom() - (value - low) / (high - low) * area.height()
            return QPointF(x, y)

        painter.setPen(QPen(_GRID, 1))
        for value in ticks:
            y = to_point(self._points[0].at, value).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(_TEXT)
            painter.drawText(
                QRectF(0, y - 9, _MARGIN_LEFT - 6, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_decimal(round(value, decimals)),
            )
            painter.setPen(QPen(_GRID, 1))
        taken: list[QRectF] = []
        for threshold in self._thresholds:
            y = to_point(self._points[0].at, threshold.value).y()
            self._paint_threshold(painter, area, y, threshold, taken)
        labelled = len(self._points) <= _VALUE_LABELS_UP_TO
        for home in (False, True):
            mine = [p for p in self._points if p.home is home]
            self._paint_points(painter, mine, to_point, labelled=labelled)
        self._paint_days(painter, area, to_point, low)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        """Which shape is which, in words, top right (only the kinds shown)."""
        kinds = [(False, self.tr("measured by staff")), (True, self.tr("home measurement"))]
        shown = [(home, text) for home, text in kinds if any(p.home is home for p in self._points)]
        x = self.width() - _MARGIN_RIGHT
        for home, text in reversed(shown):
            width = painter.fontMetrics().horizontalAdvance(text)
            x -= width
            painter.setPen(_TEXT)
            painter.drawText(QPointF(x, 14), text)
            x -= 14
            self._marker(painter, QPointF(x + 5, 10), home=home)
            x -= 18

    def _paint_threshold(
        self, painter: QPainter, area: QRectF, y: float, threshold: Threshold, taken: list[QRectF]
    ) -> None:
        colour = _YELLOW if threshold.style is Style.YELLOW else _THRESHOLD
        line = {
            Style.NEWS2: Qt.PenStyle.SolidLine,
            Style.RED: Qt.PenStyle.DashLine,
            Style.YELLOW: Qt.PenStyle.DotLine,
        }[threshold.style]
        painter.setPen(QPen(colour, 1.5 if threshold.style is not Style.NEWS2 else 1, line))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        # At the oldest end, on a light backing: the newest values must stay unobscured. A label
        # that would cover another one (two limits close together) goes under its line.
        box = QRectF(painter.fontMetrics().boundingRect(threshold.label).adjusted(-3, -1, 3, 1))
        box.moveTo(area.left() + 4, y - box.height() - 2)
        if any(box.intersects(other) for other in taken):
            box.moveTo(area.left() + 4, y + 2)
        taken.append(box)
        painter.fillRect(box, QColor(255, 255, 255, 220))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), threshold.label)

    def _marker(self, painter: QPainter, at: QPointF, *, home: bool) -> None:
        if home:
            painter.setPen(QPen(_HOME, 2))
            painter.setBrush(QColor("white"))
            r = 5.0
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(at.x(), at.y() - r),
                        QPointF(at.x() + r, at.y()),
                        QPointF(at.x(), at.y() + r),
                        QPointF(at.x() - r, at.y()),
                    ]
                )
            )
        else:
            painter.setPen(QPen(_STAFF, 2))
            painter.setBrush(_STAFF)
            painter.drawEllipse(at, 3.5, 3.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_points(
        self,
        painter: QPainter,
        points: list[ChartPoint],
        to_point: Callable[[datetime, float], QPointF],
        *,
        labelled: bool,
    ) -> None:
        if not points:
            return
        home = points[0].home
        placed = [to_point(p.at, p.value) for p in points]
        painter.setPen(
            QPen(
                _HOME if home else _STAFF,
                1.5 if home else 2,
                Qt.PenStyle.DashLine if home else Qt.PenStyle.SolidLine,
            )
        )
        for first, second in itertools.pairwise(placed):
            painter.drawLine(first, second)
        for point, where in zip(points, placed, strict=True):
            self._marker(painter, where, home=home)
            if point.level:
                colour = _THRESHOLD if point.level >= 2 else _YELLOW
                painter.setPen(QPen(colour, 2))
                for ring in range(point.level):
                    painter.drawEllipse(where, 8.0 + 4 * ring, 8.0 + 4 * ring)
            if labelled:
                painter.setPen(_TEXT)
                painter.drawText(
                    QPointF(where.x() - 8, where.y() - 10), format_decimal(point.value)
                )

    def _paint_days(
        self,
        painter: QPainter,
        area: QRectF,
        to_point: Callable[[datetime, float], QPointF],
        low: float,
    ) -> None:
        """Dates under the axis, centred on a day's first point, never overlapping."""
        painter.setPen(_TEXT)
        shown: set[str] = set()
        right = -1.0
        for point in self._points:
            day = format_date(point.at)[:5]
            if day in shown:
                continue
            shown.add(day)
            x = to_point(point.at, low).x()
            width = painter.fontMetrics().horizontalAdvance(day) + 4
            left = min(max(0.0, x - width / 2), self.width() - width)
            if left < right + 6:
                continue
            right = left + width
            painter.drawText(
                QRectF(left, area.bottom() + 4, width, 18),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                day,
            )
