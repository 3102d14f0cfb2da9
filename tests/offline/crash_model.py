"""The crash test's writer workload as a pure function of a seed, so the checker can replay it.

``operations(tag, seed)`` yields the exact sequence the writer performs; ``model(ops)`` is the
state a correct store must show after them: per id the value (None when deleted) and the
expected outbox entries after squashing. A ``batch`` op is one ``Store.write_all`` of several
creates and updates: it must land whole or not at all.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

SERVER_ROWS = 6


@dataclass(frozen=True)
class Op:
    kind: str  # "server" | "create" | "update" | "delete" | "batch"
    rid: str
    value: int
    batch: tuple[Op, ...] = ()

    @property
    def rids(self) -> set[str]:
        """Every id this op writes."""
        return {op.rid for op in self.batch} if self.batch else {self.rid}


def operations(tag: str, seed: int, count: int = 400) -> Iterator[Op]:
    rng = random.Random(seed)
    live = [f"{tag}-s{j}" for j in range(SERVER_ROWS)]
    # One page from the server first (one op, so most kills land among the local writes).
    yield Op("server", live[0], 0, tuple(Op("server", rid, 0) for rid in live))
    for step in range(1, count):
        roll = rng.random()
        if roll < 0.25 or not live:
            rid = f"{tag}-l{step}"
            live.append(rid)
            yield Op("create", rid, step)
        elif roll < 0.5:
            new = [f"{tag}-b{step}-{n}" for n in range(2)]
            parts = [Op("create", rid, step) for rid in new]
            parts.append(Op("update", rng.choice(live), step))
            live.extend(new)
            yield Op("batch", new[0], step, tuple(parts))
        elif roll < 0.8:
            yield Op("update", rng.choice(live), step)
        else:
            rid = live.pop(rng.randrange(len(live)))
            yield Op("delete", rid, step)


def resource(rid: str, value: int) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": "Patient/crash"},
        "valueQuantity": {"value": value},
    }


def server_resource(rid: str) -> dict[str, Any]:
    return {**resource(rid, 0), "meta": {"versionId": "1", "lastUpdated": "2025-01-01T00:00Z"}}


State = dict[str, tuple[int | None, tuple[tuple[str, str | None], ...]]]


def model(ops: list[Op]) -> State:
    """Expected (value or None, outbox entries) per id after ``ops``; absent ids never existed."""
    state: State = {}
    for op in (part for whole in ops for part in (whole.batch or (whole,))):
        _value, outbox = state.get(op.rid, (None, ()))
        if op.kind == "server":
            state[op.rid] = (0, ())
        elif op.kind == "create":
            state[op.rid] = (op.value, (("create", None),))
        elif op.kind == "update":
            state[op.rid] = (op.value, outbox or (("update", "1"),))
        elif outbox == (("create", None),):
            del state[op.rid]
        else:
            state[op.rid] = (None, (("delete", "1"),))
    return state
