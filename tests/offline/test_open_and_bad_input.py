"""Opening: pragmas, permissions, and distinct clear errors that leave the file untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from offline.connection import connect
from offline.datakey import DataKey
from offline.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    InvalidResourceError,
    PlaintextDatabaseError,
    UnknownSchemaVersionError,
    WrongDatabaseKeyError,
)
from offline.paths import StorePaths
from offline.schema import SCHEMA_VERSION
from offline.store import Store
from offline.types import SentResult
from tests.offline.conftest import USER
from tests.offline.test_local_writes import obs, server_copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def closed_store_with_data(paths: StorePaths, key: DataKey) -> str:
    with Store.open(paths, key, user=USER, create=True) as store:
        store.apply_server_resources([server_copy(obs(1, f"o{i}"), "1") for i in range(200)])
        store.create(obs(2, "local"))
    return digest(paths.database)


def test_connection_settings_and_file_mode(store: Store) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "1"
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert store.schema_version == SCHEMA_VERSION
    store.create(obs(1))
    for path in (store.paths.database, Path(f"{store.paths.database}-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.paths.directory.stat().st_mode) == 0o700
    store.verify_integrity(full=True)


def test_missing_file_is_not_created_without_asking(paths: StorePaths, key: DataKey) -> None:
    with pytest.raises(DatabaseNotFoundError):
        Store.open(paths, key, user=USER)
    assert not paths.database.exists()


def test_wrong_key_is_its_own_error_and_changes_nothing(paths: StorePaths, key: DataKey) -> None:
    before = closed_store_with_data(paths, key)
    with pytest.raises(WrongDatabaseKeyError):
        Store.open(paths, DataKey.generate(), user=USER)
    assert digest(paths.database) == before
    with Store.open(paths, key, user=USER) as store:
        assert store.get("Observation", "local") == obs(2, "local")


def test_plaintext_database_is_refused(paths: StorePaths, key: DataKey) -> None:
    paths.directory.mkdir(parents=True)
    plain = sqlite3.connect(paths.database)
    plain.execute("CREATE TABLE resource (json TEXT)")
    plain.commit()
    plain.close()
    before = digest(paths.database)
    with pytest.raises(PlaintextDatabaseError):
        Store.open(paths, key, user=USER, create=True)
    assert digest(paths.database) == before


@pytest.mark.parametrize("cut", [1000, 4096 * 3 + 17, 0])
def test_truncated_file_is_corrupt_and_left_alone(
    paths: StorePaths, key: DataKey, cut: int
) -> None:
    closed_store_with_data(paths, key)
    with paths.database.open("r+b") as fh:
        fh.truncate(cut)
    before = digest(paths.database)
    with pytest.raises(CorruptDatabaseError):
        Store.open(paths, key, user=USER, create=True)
    assert digest(paths.database) == before
    assert paths.database.stat().st_size == cut


def test_truncated_at_a_page_boundary_fails_the_integrity_check(
    paths: StorePaths, key: DataKey
) -> None:
    closed_store_with_data(paths, key)
    size = paths.database.stat().st_size
    with paths.database.open("r+b") as fh:
        fh.truncate(size - 4096 * 4)
    with pytest.raises(CorruptDatabaseError):
        Store.open(paths, key, user=USER)


def test_damaged_page_is_corrupt_not_wrong_key(paths: StorePaths, key: DataKey) -> None:
    closed_store_with_data(paths, key)
    with paths.database.open("r+b") as fh:
        fh.seek(100)
        fh.write(os.urandom(64))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Store.open(paths, key, user=USER)


def test_unknown_future_schema_version_is_refused_untouched(
    paths: StorePaths, key: DataKey
) -> None:
    closed_store_with_data(paths, key)
    conn = connect(paths.database, key)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(paths.database)
    with pytest.raises(UnknownSchemaVersionError) as info:
        Store.open(paths, key, user=USER)
    assert (info.value.found, info.value.supported) == (99, SCHEMA_VERSION)
    assert digest(paths.database) == before


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        "[1, 2]",
        '{"resourceType": "Patient"}',
        '{"resourceType": "Bundle", "id": "b"}',
        '{"resourceType": "Spaceship", "id": "x"}',
        b"\xff\xfe not utf-8",
    ],
)
def test_bad_server_input_is_kept_aside_and_changes_nothing_else(
    store: Store, bad: str | bytes
) -> None:
    """Nothing the platform sends is dropped: what the store cannot keep as a record is kept
    aside with its text and the reason, and the rest of the page is applied."""
    store.apply_server_resources([server_copy(obs(1, "keep"), "1")])
    store.create(obs(2, "mine"))
    result = store.apply_server_resources([server_copy(obs(5, "keep"), "2"), bad])
    assert (result.applied, result.unreadable) == (1, 1)
    assert store.get("Observation", "keep") == server_copy(obs(5, "keep"), "2")
    assert store.get("Observation", "mine") == obs(2, "mine")
    assert len(store.outbox()) == 1
    [kept] = store.unreadable_records()
    text = bad.decode("utf-8", errors="replace") if isinstance(bad, bytes) else bad
    assert kept.text == text
    assert kept.problems
    assert store.outbox_status().unreadable == 1


def test_wrong_resource_type_for_a_typed_consolidation_is_refused(store: Store) -> None:
    store.create(obs(1, "a"))
    [entry] = store.claim_batch()
    with pytest.raises(InvalidResourceError, match="expected a Observation"):
        store.consolidate(
            [SentResult(seq=entry.seq, resource={"resourceType": "Patient", "id": "a"})]
        )
    assert [e.state for e in store.outbox()] == ["inflight"]


def test_a_copy_of_the_store_is_never_wiped_on_failure(
    tmp_path: Path, paths: StorePaths, key: DataKey
) -> None:
    closed_store_with_data(paths, key)
    backup = tmp_path / "backup.db"
    shutil.copy(paths.database, backup)
    for _ in range(3):
        with pytest.raises(WrongDatabaseKeyError):
            Store.open(paths, DataKey.generate(), user=USER, create=True)
    assert paths.database.read_bytes() == backup.read_bytes()
