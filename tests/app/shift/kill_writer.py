"""Kill-test writer: drafts, signed notes and task outcomes through the app's services, each
reported (one JSON line, fsynced) only AFTER its transaction committed.

Usage: python -m tests.app.shift.kill_writer DIR STEM KEYHEX SEED START REPORT
Prints "ready" once the store is open, then works until killed: operation ``START + n`` for
n = 0, 1, 2, ... (so runs continue one sequence), each chosen from ``SEED``.
"""

from __future__ import annotations

import json
import os
import random
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from app.service_context import ServiceContext
from app.services import ClinicalServices
from app.shift.entries import NoteEntry, TaskOutcomeEntry
from app.shift.values import NoteDraft, TaskKind
from app.values import PlaceKind
from clinical.records.nursing_note import NoteCategory
from clinical.records.task_writer import NotDoneReason, TaskOutcome
from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.store import Store
from offline.types import UserId
from tests.app.conftest import NOW, NURSE

NOTE_NAMESPACE = "kill-note"


def note_id(number: int) -> str:
    """The id of operation ``number``'s note (known before it is signed)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NOTE_NAMESPACE}/{number}"))


def main(argv: list[str]) -> None:
    directory, stem, key_hex, seed, start, report = argv
    store = Store.open(
        StorePaths(Path(directory), stem),
        DataKey.from_hex(key_hex),
        user=UserId("kill"),
        integrity="none",
    )
    services = ClinicalServices(ServiceContext(store=lambda: store, user=NURSE, clock=lambda: NOW))
    unit = next(p for p in services.places_of_work() if p.kind is PlaceKind.UNIT)
    patients = [str(e.patient["id"]) for e in services.patients_at(unit)]
    drafted, noted = patients[0], patients[1]
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    print("ready", flush=True)
    number = int(start)
    while True:
        rng = random.Random(f"{seed}/{number}")
        kind = rng.choice(("draft", "note", "task"))
        line: dict[str, object] = {"n": number, "kind": kind}
        if kind == "draft":
            text = f"Utkast {number}: " + "x" * rng.randint(1, 400)
            services.stage_note_draft(
                NoteDraft(drafted, note_id(-number), NoteCategory.OBSERVATION, text)
            )
            services.save_note_drafts()
            line["text"] = text
            line["patient"] = drafted
        elif kind == "note":
            rid = note_id(number)
            services.sign_note(
                NoteEntry(
                    noted,
                    rid,
                    NoteCategory.OBSERVATION,
                    f"Notat {number}",
                    NOW - timedelta(minutes=5),
                )
            )
            line["id"] = rid
        else:
            open_tasks = [
                t
                for t in services.place_tasks(unit).tasks
                if t.kind in (TaskKind.CARE_PLAN, TaskKind.REQUESTED) and not t.postponed
            ]
            if not open_tasks:
                line["kind"] = "none"
            else:
                task = open_tasks[rng.randrange(len(open_tasks))]
                outcome = rng.choice(list(TaskOutcome))
                written = services.record_task_outcome(
                    TaskOutcomeEntry(
                        task,
                        outcome,
                        at=NOW,
                        reason=None if outcome is TaskOutcome.DONE else NotDoneReason.NO_TIME,
                        until=NOW + timedelta(hours=1),
                        finding="Funn" if rng.random() < 0.5 else "",
                    )
                )
                line["written"] = [[r["resourceType"], r["id"], r.get("status")] for r in written]
        os.write(fd, (json.dumps(line) + "\n").encode())
        os.fsync(fd)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1:])
