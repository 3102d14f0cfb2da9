"""Crash-test writer: performs ``crash_model.operations`` and reports each op AFTER its commit.

Usage: python -m tests.offline.crash_writer DIR STEM KEYHEX TAG SEED REPORT
Prints "ready" once the store is open; appends "<index>\\n" to REPORT (fsynced) after each commit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.store import Store
from offline.types import UserId
from tests.offline.crash_model import operations, resource, server_resource


def main(argv: list[str]) -> None:
    directory, stem, key_hex, tag, seed, report = argv
    store = Store.open(
        StorePaths(Path(directory), stem),
        DataKey.from_hex(key_hex),
        user=UserId("crash"),
        create=True,
        integrity="none",
    )
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    print("ready", flush=True)
    for index, op in enumerate(operations(tag, int(seed))):
        if op.kind == "server":
            store.apply_server_resources([server_resource(part.rid) for part in op.batch])
        elif op.kind == "create":
            store.create(resource(op.rid, op.value))
        elif op.kind == "update":
            store.update(resource(op.rid, op.value))
        elif op.kind == "batch":
            store.write_all([resource(part.rid, part.value) for part in op.batch])
        else:
            store.delete("Observation", op.rid)
        os.write(fd, f"{index}\n".encode())
        os.fsync(fd)
    os.close(fd)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
