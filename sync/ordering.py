"""Upload order: referenced resources before those that point at them, cycles kept together.

Only references to resources *created in the same upload* matter (anything else already exists
on the platform). Tarjan's algorithm finds the strongly connected components; they come out
dependencies-first, and each component goes into one transaction so a cycle is created
atomically. Components are then packed into bundles of at most ``max_entries`` (a component
larger than that stays whole: splitting it would break the cycle).
"""

from __future__ import annotations

from collections.abc import Sequence

from sync.ports import OutboxEntry


def dependency_groups(entries: Sequence[OutboxEntry]) -> list[list[OutboxEntry]]:
    """Strongly connected components of the reference graph, each before its dependants."""
    key_of = {f"{e.resource_type}/{e.resource_id}": i for i, e in enumerate(entries)}
    creates = {k for k, i in key_of.items() if entries[i].op == "create"}
    edges: list[list[int]] = [
        sorted({key_of[r] for r in e.references if r in creates and key_of[r] != i})
        for i, e in enumerate(entries)
    ]
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for root in range(len(entries)):
        if root in index:
            continue
        # Iterative Tarjan: (node, next edge position) frames, so deep chains cannot overflow.
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            if pos < len(edges[node]):
                work.append((node, pos + 1))
                nxt = edges[node][pos]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    # Tarjan emits a component only after everything it points at: dependencies come first.
    return [[entries[i] for i in group] for group in groups]


def pack(groups: Sequence[Sequence[OutboxEntry]], *, max_entries: int) -> list[list[OutboxEntry]]:
    """Fill bundles with whole groups, in order, up to ``max_entries`` each."""
    if max_entries < 1:
        raise ValueError("max_entries must be at least 1")
    bundles: list[list[OutboxEntry]] = []
    current: list[OutboxEntry] = []
    for group in groups:
        if current and len(current) + len(group) > max_entries:
            bundles.append(current)
            current = []
        current.extend(group)
    if current:
        bundles.append(current)
    return bundles


def pack_levels(
    groups: Sequence[Sequence[OutboxEntry]], *, max_entries: int
) -> list[list[OutboxEntry]]:
    """Fill bundles with whole groups, in order, never putting a group in the bundle of a create
    it references: for a batch (whose entries the platform may process in any order) and for
    creates whose id the platform assigns (the reference is rewritten once it is known)."""
    if max_entries < 1:
        raise ValueError("max_entries must be at least 1")
    bundles: list[list[OutboxEntry]] = []
    current: list[OutboxEntry] = []
    created: set[str] = set()
    for group in groups:
        own = {f"{e.resource_type}/{e.resource_id}" for e in group}
        needs = {r for e in group for r in e.references} - own
        if current and (len(current) + len(group) > max_entries or needs & created):
            bundles.append(current)
            current, created = [], set()
        current.extend(group)
        created |= {f"{e.resource_type}/{e.resource_id}" for e in group if e.op == "create"}
    if current:
        bundles.append(current)
    return bundles


def upload_order(
    entries: Sequence[OutboxEntry], *, max_entries: int, independent: bool = False
) -> list[list[OutboxEntry]]:
    """The bundles to send, in order (see the module docstring); ``independent``: no bundle
    holds an entry and a create it references (``pack_levels``)."""
    groups = dependency_groups(entries)
    if independent:
        return pack_levels(groups, max_entries=max_entries)
    return pack(groups, max_entries=max_entries)
