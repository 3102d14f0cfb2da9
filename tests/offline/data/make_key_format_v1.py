"""Writes legacy_installation/: a real installation as the app before #15 left it — a store
named by ``sub`` alone, its format-1 key file (account wrap on every computer, the wrong-PIN
counter in the clear), the keyring secret that the OS keyring held (base64, for the test to put
back into a real keyring), and one unsent Observation in the outbox.

It must run against the code of that version (``git show 7349d70:offline/unlock.py`` …), so it
is run from a checkout of commit 7349d70 with that checkout's own packages:

    git worktree add /tmp/old 7349d70 && cd /tmp/old && \\
        <venv>/bin/python <this file> <out dir>

Kept for the record; the committed files are the evidence and must not be regenerated casually.
"""

from __future__ import annotations

import base64
import contextlib
import sys
from pathlib import Path

from offline.keyfile import ScryptParams
from offline.paths import store_paths
from offline.store import Store
from offline.types import UserId
from offline.unlock import KeyManager, KeyPolicy

SUBJECT = "legacy-nurse-sub"
PIN = "2468"


class Secrets:
    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}

    def get_secret(self, user_key: str) -> bytes | None:
        return self.values.get(user_key)

    def set_secret(self, user_key: str, secret: bytes) -> None:
        self.values[user_key] = secret

    def delete_secret(self, user_key: str) -> None:
        self.values.pop(user_key, None)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    paths = store_paths(UserId(SUBJECT), directory=out)
    secrets = Secrets()
    keys = KeyManager(paths, policy=KeyPolicy(scrypt=ScryptParams()), secrets=secrets)
    data_key = keys.create(PIN)
    with Store.open(paths, data_key, user=UserId(SUBJECT), create=True) as store:
        store.create(
            {
                "resourceType": "Observation",
                "id": "legacy-unsent",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
                "subject": {"reference": "Patient/p-legacy"},
                "effectiveDateTime": "2026-01-05T03:00:00+01:00",
                "valueQuantity": {"value": 88, "unit": "/min"},
            }
        )
    with contextlib.suppress(Exception):  # the old tree's WrongPinError
        keys.unlock_with_pin("0000")  # one wrong PIN, counted in the clear as format 1 did
    (out / "keyring.txt").write_text(
        f"{paths.stem} {base64.b64encode(secrets.values[paths.stem]).decode()}\n"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
