"""A nurse's machine that records and syncs in a loop until it is killed (for test_kill).

    python -m tests.sync.kill_child <data dir> <key hex> <fhir base> <patient id> <log> <seed>

Each local write is logged (one line, flushed) only after it committed, so the log is a lower
bound of what the store holds. With ``KILL_ON_ANSWER=<p>`` the process SIGKILLs itself with
probability p right after the platform answered a bundle and before the answer is consolidated.
It prints "ready" once the store is open and the loop begins.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path
from typing import Any

from offline.datakey import DataKey
from sync import SyncScope
from tests.sync.helpers import make_client, make_engine, open_store


class _Base:
    def __init__(self, url: str) -> None:
        self.fhir_base = url


def main() -> None:
    data_dir, key_hex, base, patient_id, log_path, seed = sys.argv[1:7]
    rng = random.Random(int(seed))
    kill_p = float(os.environ.get("KILL_ON_ANSWER", "0"))

    def maybe_die(name: str, **_payload: Any) -> None:
        if name == "push_did_receive_answer" and rng.random() < kill_p:
            os.kill(os.getpid(), signal.SIGKILL)

    with (
        open_store(Path(data_dir), DataKey.from_hex(key_hex), create=False) as store,
        make_client(_Base(base)) as client,  # type: ignore[arg-type]
        open(log_path, "a", encoding="utf-8") as log,
    ):
        engine = make_engine(store, client, SyncScope(patients=(patient_id,)), Path(data_dir))
        engine.add_listener(maybe_die)
        mine = [line.split(",")[1] for line in Path(log_path).read_text().splitlines()]
        print("ready", flush=True)  # the kill's random moment is counted from here
        while True:
            for _ in range(rng.randint(1, 4)):
                value = rng.randint(0, 10**9)
                live = [i for i in dict.fromkeys(mine) if store.get("Observation", i) is not None]
                roll = rng.random()
                if live and roll < 0.3:
                    target = rng.choice(live)
                    current = store.get("Observation", target)
                    store.update({**current, "valueQuantity": {"value": value, "unit": "/min"}})  # type: ignore[dict-item]
                    kind = "update"
                elif live and roll < 0.4:
                    target = rng.choice(live)
                    store.delete("Observation", target)
                    kind = "delete"
                else:
                    created = store.create(_observation(patient_id, value))
                    target, kind = created["id"], "create"
                    mine.append(target)
                log.write(f"{kind},{target},{value}\n")
                log.flush()
            engine.run()


def _observation(patient_id: str, value: int) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "valueQuantity": {"value": value, "unit": "/min"},
    }


if __name__ == "__main__":
    main()
