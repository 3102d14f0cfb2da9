"""Records kept because they could not be read are tried again at the start of every pull.

One whose type and id are known is searched by ``_id``: a readable copy is stored (and the
record leaves the list), one still unreadable stays (its attempts counted), and one the
platform no longer has is forgotten. One whose type or id could not be read is checked again as
kept (a newer app may read it) and stored if it passes.
"""

from __future__ import annotations

import json
from collections import defaultdict

from client import check_resource
from sync.ports import UnreadableRecord
from sync.pull.context import PullContext, chunks
from sync.pull.paging import Pager, Search

_GROUP = 50


def retry_unreadable(ctx: PullContext, pager: Pager) -> None:
    """Try every kept unreadable record again (see the module docstring)."""
    records = ctx.store.unreadable_records()
    if not records:
        return
    by_type: dict[str, list[UnreadableRecord]] = defaultdict(list)
    loose: list[UnreadableRecord] = []
    for record in records:
        if (
            record.resource_type is not None
            and record.resource_id is not None
            and record.resource_type in ctx.strategy.searchable
        ):
            by_type[record.resource_type].append(record)
        else:
            loose.append(record)
    for rtype, kept in sorted(by_type.items()):
        for group in chunks([r.resource_id or "" for r in kept], _GROUP):
            patients = tuple(sorted({p for r in kept for p in r.scope_patients}))
            seen: set[str] = set()
            for fetched in pager.pages(Search(rtype, (("_id", ",".join(group)),), patients)):
                seen.update(str(r.get("id")) for r in fetched.page.resources)
                seen.update(u.report.resource_id or "" for u in fetched.page.unreadable)
                ctx.apply(fetched.page, refs=fetched.refs, scope_patients=patients)
            gone = [r.seq for r in kept if r.resource_id in group and r.resource_id not in seen]
            ctx.store.forget_unreadable([seq for seq in gone if seq is not None])
    for record in loose:
        _check_again(ctx, record)
    ctx.counts.unreadable_recovered += max(0, len(records) - len(ctx.store.unreadable_records()))


def _check_again(ctx: PullContext, record: UnreadableRecord) -> None:
    try:
        value = json.loads(record.text)
    except ValueError:
        return
    if check_resource(value, mode="structural") is not None or record.seq is None:
        return
    result = ctx.store.apply_server_resources([value])
    if not result.unreadable:
        ctx.store.forget_unreadable([record.seq])
        ctx.settle(result)
