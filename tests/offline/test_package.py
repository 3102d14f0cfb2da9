"""The package root is the offline layer's public API, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import offline
from offline import (
    DataKey,
    KeyManager,
    KeyPolicy,
    PinStatus,
    RouteVisit,
    Store,
    StoreReader,
    errors,
    types,
)

ROOT = Path(__file__).parents[2]


def test_every_public_name_resolves() -> None:
    for name in offline.__all__:
        assert getattr(offline, name) is not None, name
    assert Store.open is not None
    assert issubclass(Store, StoreReader)
    assert {KeyManager.__module__, KeyPolicy.__module__, PinStatus.__module__} == {"offline.unlock"}
    assert (RouteVisit.__module__, DataKey.__module__) == ("offline.views", "offline.datakey")


def test_the_error_tree_and_value_types_are_re_exported() -> None:
    exported = set(offline.__all__)
    errors_defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, Exception)
    }
    assert errors_defined <= exported
    assert {"Checkpoint", "Conflict", "CoreRecord", "OutboxEntry", "UserId"} <= exported
    assert offline.CoreRecord is types.CoreRecord


def test_light_modules_do_not_load_sqlcipher_keyring_or_sqlite() -> None:
    # ui imports offline.types / offline.views / offline.errors, which runs offline/__init__.
    probe = (
        "import sys, offline.types, offline.views, offline.errors; "
        "print(sorted(m for m in ('sqlcipher3', 'sqlite3', 'keyring', 'cryptography',"
        " 'offline.store', 'offline.unlock') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
