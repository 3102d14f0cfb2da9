"""Patients no longer in scope leave the store, whatever scope brought them (a ward change
leaves a whole old scope behind), once nothing of theirs is unsent.

Every patient the store holds rows of and that is not a member now is purged: clean rows go
(except those that name a member too: they are in that member's compartment as well), rows with
unsent changes (and the Patient they need) stay until they are uploaded; the engine
purges again after its last upload of the run, so a record kept back goes as soon as it is
sent. The local audit log follows its retention policy (``offline`` ``prune_audit_log``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from clinical.fhir_time import format_instant
from sync.pull.context import PullContext


def purge_out_of_scope(ctx: PullContext, members: Collection[str]) -> None:
    """Purge every held patient not in ``members`` (see the module docstring)."""
    wanted = set(members)
    leaving = sorted(ctx.store.held_patients() - wanted)
    if leaving:
        results = ctx.store.purge_patients(leaving, keep_referencing=wanted)
        ctx.counts.purged_patients += sum(1 for r in results if r.removed)
    bootstrapped = ctx.bootstrapped()
    if bootstrapped - wanted:
        ctx.save_bootstrapped(bootstrapped & wanted)
    before = format_instant(datetime.now(UTC) - ctx.config.audit_retention)
    ctx.store.prune_audit_log(before=before)
    if leaving:
        ctx.progress("purge", len(leaving), len(leaving))
