"""The scope's patients: explicit ids, unit residents (ward Encounters), visit-plan patients."""

from __future__ import annotations

from sync.pull.context import PullContext
from sync.pull.paging import Pager, Search
from sync.scope import member_queries, patient_of


def scope_members(ctx: PullContext, pager: Pager) -> set[str]:
    """Every patient in the scope now (the searches name only the scope's places).

    An explicit id the platform replaced with its own (a patient created here, on a platform
    that assigns ids) is followed to the platform's id.
    """
    aliases = ctx.store.id_aliases() if ctx.scope.patients else {}
    members = {aliases.get(("Patient", p), p) for p in ctx.scope.patients}
    for query in member_queries(ctx.scope):
        for fetched in pager.pages(Search(query.resource_type, query.params)):
            ctx.counts.pages += 1
            for resource in fetched.page.resources:
                pid = patient_of(resource)
                if pid is not None:
                    members.add(pid)
    ctx.progress("scope", len(members), None)
    return members
