"""The workstation's clinical clock: every clinical time in the configured zone.

``clinical.clock.ClinicalClock`` reckons; the machine setting ``clinical_time_zone`` (default
Europe/Oslo) says where, whatever zone the computer itself is set to.
"""

from __future__ import annotations

from clinical.clock import ClinicalClock, clinical_zone
from config import CLINICAL_TIME_ZONE, Settings


def clinical_clock(settings: Settings) -> ClinicalClock:
    """The one clock of every clinical time, in the configured zone."""
    return ClinicalClock(clinical_zone(settings.get(CLINICAL_TIME_ZONE)))
