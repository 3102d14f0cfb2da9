"""The result of one sync run, as plain values a CLI can print and a test can assert on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sync.status import SyncStatus


class SyncOutcome(StrEnum):
    """How the run ended."""

    OK = "ok"
    OFFLINE = "offline"  # the platform could not be reached or kept failing; retried later
    SIGN_IN_REQUIRED = "sign_in_required"
    CANCELLED = "cancelled"
    BUSY = "busy"  # another sync was running; this one did nothing


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """Counts of one run plus the status after it; ``error`` is log-safe text."""

    outcome: SyncOutcome
    trigger: str
    started_at: datetime
    finished_at: datetime
    pushed: int
    quarantined: int
    lost_answers_recovered: int
    pulled: int
    unchanged: int
    deleted: int
    members: int
    bootstrapped: int
    purged_patients: int
    conflicts_detected: int
    conflicts_merged: int
    pages: int
    deletes_supported: bool
    status: SyncStatus
    error: str | None = None
    reconciled: bool = False  # the ids in scope were compared with the platform's
    unreadable: int = 0  # records the platform sent that could not be read (kept this run)
    unreadable_recovered: int = 0  # kept ones that read now
    unpullable: tuple[str, ...] = ()  # patient record types the platform cannot search
    unfetchable: tuple[str, ...] = ()  # referenced types the platform can neither search nor read

    @property
    def ok(self) -> bool:
        return self.outcome is SyncOutcome.OK

    def lines(self) -> list[str]:
        """Human-readable lines for ``pleiepunkt sync`` (counts only, no patient data)."""
        seconds = (self.finished_at - self.started_at).total_seconds()
        last = self.status.last_success_at
        out = [
            f"sync: {self.outcome.value} in {seconds:.1f} s (trigger: {self.trigger})",
            f"  pushed {self.pushed} changes ({self.lost_answers_recovered} lost answers "
            f"recovered), quarantined {self.quarantined}",
            f"  pulled {self.pulled} resources ({self.unchanged} already held) in {self.pages} "
            f"pages; {self.deleted} deleted on the platform",
            f"  scope: {self.members} patients, {self.bootstrapped} new, "
            f"{self.purged_patients} left the scope",
            f"  conflicts: {self.conflicts_detected} detected, {self.conflicts_merged} merged "
            "automatically",
            f"  now pending {self.status.pending_changes}, quarantined "
            f"{self.status.quarantined}, open conflicts {self.status.conflicts}, last success "
            f"{last.isoformat(timespec='seconds') if last else 'never'}",
        ]
        if self.reconciled:
            out.append("  ids in scope compared with the platform's (reconciliation)")
        if self.unreadable or self.status.unreadable or self.unreadable_recovered:
            out.append(
                f"  WARNING: {self.status.unreadable} record(s) from the platform could not be "
                f"read; they are kept and tried again each sync ({self.unreadable} this time, "
                f"{self.unreadable_recovered} read now)"
            )
        if self.unpullable:
            out.append(
                "  WARNING: the platform holds these patient record types but cannot search "
                "them by patient, so they are NOT on this computer: " + ", ".join(self.unpullable)
            )
        if self.unfetchable:
            out.append(
                "  WARNING: records point at these types, which the platform lets us neither "
                "search nor read: " + ", ".join(self.unfetchable)
            )
        if self.error:
            out.append(f"  error: {self.error}")
        return out
