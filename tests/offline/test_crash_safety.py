"""Crash safety: SIGKILL a writer at random moments, 100+ times; after every kill the store
opens, passes both integrity checks, and shows every reported (committed) write with exactly its
squashed outbox entries — the one write in progress (a single write, or a ``write_all`` batch of
several) is either wholly there or wholly absent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest

from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.store import Store
from tests.offline.conftest import USER
from tests.offline.crash_model import State, model, operations

KILLS = 110
ROOT = Path(__file__).parents[2]


def observed(store: Store, ids: set[str]) -> State:
    conn = store._conn
    outbox: dict[str, list[tuple[str, str | None]]] = {}
    for _seq, rid, op, base in conn.execute(
        "SELECT seq, id, op, base_version_id FROM outbox ORDER BY seq"
    ):
        outbox.setdefault(rid, []).append((op, base))
    state: State = {}
    for rid, tombstone in conn.execute("SELECT id, tombstone FROM resource"):
        if rid not in ids:
            continue
        value = None if tombstone else store.get("Observation", rid)["valueQuantity"]["value"]  # type: ignore[index]
        state[rid] = (value, tuple(outbox.get(rid, ())))
    orphans = set(outbox) - {r for (r,) in conn.execute("SELECT id FROM resource WHERE dirty = 1")}
    assert not orphans, f"outbox entries without a dirty resource: {orphans}"
    unqueued = conn.execute(
        "SELECT count(*) FROM resource r WHERE dirty = 1 AND NOT EXISTS"
        " (SELECT 1 FROM outbox o WHERE o.type = r.type AND o.id = r.id)"
    ).fetchone()[0]
    assert unqueued == 0, "dirty resources without an outbox entry"
    return state


@pytest.mark.slow
def test_sigkill_at_random_moments(paths: StorePaths, key: DataKey, tmp_path: Path) -> None:
    rng = random.Random(20250301)
    with Store.open(paths, key, user=USER, create=True):
        pass
    settled: State = {}
    landed_in_flight = 0
    batches_checked = 0
    started = time.monotonic()
    for kill in range(KILLS):
        tag, seed = f"k{kill}", rng.randrange(10**9)
        report = tmp_path / f"report-{kill}"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.offline.crash_writer",
                str(paths.directory),
                paths.stem,
                key.raw().hex(),
                tag,
                str(seed),
                str(report),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        reported = len(report.read_text().splitlines()) if report.exists() else 0
        ops = list(islice(operations(tag, seed), reported + 1))
        with Store.open(paths, key, user=USER, integrity="full") as store:
            ids = {rid for op in ops for rid in op.rids} | set(settled)
            actual = observed(store, ids)
        before, after = {**settled, **model(ops[:reported])}, {**settled, **model(ops)}
        assert actual in (before, after), f"kill {kill}: store differs from committed writes"
        landed_in_flight += actual == after != before
        batches_checked += sum(op.kind == "batch" for op in ops)
        settled = actual
    assert time.monotonic() - started < 120
    assert batches_checked > 0, "the workload exercises write_all"
    print(
        f"{KILLS} kills, {landed_in_flight} with the in-flight write committed,"
        f" {batches_checked} write_all batches checked"
    )
