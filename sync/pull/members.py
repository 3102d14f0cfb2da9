"""The scope's patients: explicit ids, unit residents (ward Encounters), visit-plan patients."""

from __future__ import annotations

from sync.pull.context import PullContext
from sync.pull.paging import Pager, Search
from sync.scope import member_queries, patient_of


def scope_members(ctx: PullContext, pager: Pager) -> set[str]:
    """Every patient in the scope now (the searches name only the scope's places)."""
    members = set(ctx.scope.patients)
    for query in member_queries(ctx.scope):
        for fetched in pager.pages(Search(query.resource_type, query.params)):
            ctx.counts.pages += 1
            for resource in fetched.page.resources:
                pid = patient_of(resource)
                if pid is not None:
                    members.add(pid)
    ctx.progress("scope", len(members), None)
    return members
