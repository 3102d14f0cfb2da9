"""Kill test: notes, drafts and task outcomes survive SIGKILL at random moments (as the store's
own crash test, tests/offline/test_crash_safety.py, does for plain writes).

A writer process works through the app's services on a real store holding a synthetic unit and
reports each operation only after its transaction committed; it is killed at a random moment,
again and again. After every kill the store opens and passes both integrity checks, every
reported note and task outcome is there with its outbox entry (the finding written with its
Task or neither), the draft is the last one reported or the one being written, and nothing is
half written: no outbox entry without its record, no unsent record without its outbox entry.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.shift.drafts import DRAFT_MARK
from offline.datakey import DataKey
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from tests.app.conftest import REFERENCE_DATE
from tests.synthetic import generate

KILLS = 20
ROOT = Path(__file__).resolve().parents[3]
USER = UserId("kill")


def reported(report: Path) -> list[dict[str, Any]]:
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text().splitlines() if line.strip()]


def check(store: Store, lines: list[dict[str, Any]]) -> None:
    conn = store._conn
    dirty = {
        (t, i) for t, i in conn.execute("SELECT type, id FROM resource WHERE dirty = 1").fetchall()
    }
    queued = {(t, i) for t, i in conn.execute("SELECT type, id FROM outbox").fetchall()}
    assert queued <= dirty, "an outbox entry without its record"
    assert dirty <= queued, "an unsent record without its outbox entry"
    for line in lines:
        if line["kind"] == "note":
            note = store.get("DocumentReference", line["id"])
            assert note is not None, f"signed note {line['n']} lost"
            assert ("DocumentReference", line["id"]) in queued
        elif line["kind"] == "task":
            for kind, rid, _status in line["written"]:
                assert store.get(kind, rid) is not None, f"{kind} of operation {line['n']} lost"
    for task in store.resources_of_type("Task"):
        for output in task.get("output") or ():
            kind, rid = output["valueReference"]["reference"].split("/")
            assert store.get(kind, rid) is not None, "a Task names a finding that is not there"
    drafts = [line for line in lines if line["kind"] == "draft"]
    if drafts:
        stored = store.mark(DRAFT_MARK, drafts[-1]["patient"])
        assert stored is not None, "the last saved draft is lost"
        number = int(json.loads(stored)["text"].split(":")[0].removeprefix("Utkast "))
        in_flight = lines[-1]["n"] + 1
        assert number in (drafts[-1]["n"], in_flight), "the draft is neither saved nor in flight"


@pytest.mark.slow
def test_shift_work_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20261126)
    key = DataKey.generate()
    paths = store_paths(USER, directory=tmp_path)
    with Store.open(paths, key, user=USER, create=True) as store:
        store.apply_server_resources(
            list(generate(patients=6, seed=11, reference_date=REFERENCE_DATE))
        )
    report = tmp_path / "report.jsonl"
    started = time.monotonic()
    operations = 0
    for _kill in range(KILLS):
        done = reported(report)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.app.shift.kill_writer",
                str(paths.directory),
                paths.stem,
                key.raw().hex(),
                "2026",
                str(len(done)),
                str(report),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        lines = reported(report)
        with Store.open(paths, key, user=USER, integrity="full") as store:
            check(store, lines)
        operations = len(lines)
    assert time.monotonic() - started < 120
    kinds = {line["kind"] for line in reported(report)}
    assert {"draft", "note", "task"} <= kinds, f"the workload covered {kinds}"
    print(f"{KILLS} kills, {operations} operations reported and found")
