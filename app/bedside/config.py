"""Ward-level settings for bedside documentation: double-signature drugs, shifts, windows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from clinical.doses import OSLO

# A-preparater and other drugs that local procedure checks with two people: opioids (N02A)
# and benzodiazepine anxiolytics (N05BA) by default; wards add more (e.g. N05CD hypnotics).
DEFAULT_DOUBLE_SIGNATURE_ATC = ("N02A", "N05BA")


@dataclass(frozen=True)
class BedsideConfig:
    """What a ward may tune; the defaults follow ux_packaging.md §A.2."""

    double_signature_atc: tuple[str, ...] = DEFAULT_DOUBLE_SIGNATURE_ATC
    shift_starts: tuple[time, ...] = (time(7, 0), time(15, 0), time(23, 0))
    tolerance: timedelta = timedelta(hours=1)
    prn_followup_after: timedelta = timedelta(minutes=30)
    prn_followup_by: timedelta = timedelta(hours=2)
    trend_days: int = 7
    zone: ZoneInfo = field(default=OSLO)

    def needs_double_signature(self, atc: str | None) -> bool:
        """True when the drug's ATC code falls in a configured group."""
        if not atc:
            return False
        code = atc.strip().upper()
        return any(code.startswith(group.strip().upper()) for group in self.double_signature_atc)

    def shift(self, now: datetime) -> tuple[datetime, datetime]:
        """The shift ``now`` falls in, as ``[start, end)`` in the ward's zone.

        Overdue doses from before the shift are still shown, so the round window starts at
        the earlier of the shift start and ``now - 12 h``.
        """
        local = now.astimezone(self.zone)
        starts = sorted(self.shift_starts)
        candidates: list[datetime] = []
        for day_offset in (-1, 0, 1):
            day = local.date() + timedelta(days=day_offset)
            candidates.extend(datetime.combine(day, s, tzinfo=self.zone) for s in starts)
        candidates.sort()
        start = max(c for c in candidates if c <= local)
        end = min(c for c in candidates if c > local)
        return start, end

    def round_window(self, now: datetime) -> tuple[datetime, datetime]:
        """Doses to list: from 12 h back (overdue ones) to the end of the shift."""
        start, end = self.shift(now)
        return min(start, now - timedelta(hours=12)), end


def ward_config(controlled_drugs: Sequence[str] = (), *, zone: ZoneInfo = OSLO) -> BedsideConfig:
    """The ward's rules in the clinical ``zone``, with the configured controlled drugs (the
    ``controlled_drugs`` setting) added to the built-in double-signature groups."""
    extra = tuple(a for a in controlled_drugs if a not in DEFAULT_DOUBLE_SIGNATURE_ATC)
    return BedsideConfig(double_signature_atc=DEFAULT_DOUBLE_SIGNATURE_ATC + extra, zone=zone)
