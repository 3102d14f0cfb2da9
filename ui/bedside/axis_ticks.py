"""Round numbers for a chart's value axis: 2, 4, 6, 8 rather than 1,9, 3,9, 5,8, 7,7.

Heckbert's "nice numbers" (Graphics Gems, 1990): the step is 1, 2 or 5 times a power of ten,
and the axis runs from the last step at or below the lowest value to the first at or above the
highest, so every grid line sits on a value a nurse can read at a glance.
"""

from __future__ import annotations

import math


def _nice(value: float, *, rounded: bool) -> float:
    """1, 2, 5 or 10 times the power of ten of ``value``: nearest if ``rounded``, else above."""
    exponent = math.floor(math.log10(value))
    fraction = value / 10**exponent
    nice: float
    if rounded:
        nice = 1 if fraction < 1.5 else 2 if fraction < 3 else 5 if fraction < 7 else 10
    else:
        nice = 1 if fraction <= 1 else 2 if fraction <= 2 else 5 if fraction <= 5 else 10
    return nice * math.pow(10, exponent)


def nice_ticks(low: float, high: float, *, count: int = 5) -> list[float]:
    """About ``count`` round values covering ``[low, high]``, lowest first."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("axis bounds must be finite")
    if high <= low:
        high = low + 1
    step = _nice(_nice(high - low, rounded=False) / max(1, count - 1), rounded=True)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    steps = round((last - first) / step)
    return [round(first + index * step, 10) for index in range(steps + 1)]


def tick_decimals(ticks: list[float]) -> int:
    """Decimals needed to write every tick exactly (0 for whole steps)."""
    if len(ticks) < 2:
        return 0
    step = ticks[1] - ticks[0]
    return max(0, -math.floor(math.log10(step) + 1e-9))
