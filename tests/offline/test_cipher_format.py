"""New stores authenticate pages with HMAC-SHA256; stores written with SQLCipher 4's default
(HMAC-SHA512) keep opening, keep their format, and a wrong key or damage is still told apart."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from offline import connection
from offline.cipher_format import PAGE_SIZE
from offline.datakey import DataKey
from offline.errors import CorruptDatabaseError, WrongDatabaseKeyError


def _hmac_algorithm(conn: object) -> str:
    return str(conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0])  # type: ignore[attr-defined]


def _sqlcipher4_default_file(path: Path, key: DataKey, rows: int = 200) -> None:
    """A store file as SQLCipher 4 writes it by default (as stores made before this format)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO t (body) VALUES (?)", [("x" * 300,)] * rows)
    finally:
        conn.close()
    path.chmod(0o600)


def _opens_with_defaults_only(path: Path, key: DataKey) -> int:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {key.pragma_literal()}")
        return int(conn.execute("SELECT count(*) FROM t").fetchone()[0])
    finally:
        conn.close()


def test_a_new_store_uses_hmac_sha256(tmp_path: Path) -> None:
    path, key = tmp_path / "new.db", DataKey.generate()
    conn = connection.connect(path, key, create=True)
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        assert _hmac_algorithm(conn) == "HMAC_SHA256"
    finally:
        conn.close()
    again = connection.connect(path, key, integrity="full")
    try:
        assert _hmac_algorithm(again) == "HMAC_SHA256"
    finally:
        again.close()


def test_an_older_store_opens_and_keeps_its_format(tmp_path: Path) -> None:
    path, key = tmp_path / "old.db", DataKey.generate()
    _sqlcipher4_default_file(path, key)
    conn = connection.connect(path, key, integrity="full")
    try:
        assert _hmac_algorithm(conn) == "HMAC_SHA512"
        conn.execute("INSERT INTO t (body) VALUES ('new')")
    finally:
        conn.close()
    assert _opens_with_defaults_only(path, key) == 201


def test_an_older_store_with_the_wrong_key_is_a_wrong_key(tmp_path: Path) -> None:
    path, key = tmp_path / "old.db", DataKey.generate()
    _sqlcipher4_default_file(path, key)
    before = path.read_bytes()
    with pytest.raises(WrongDatabaseKeyError):
        connection.connect(path, DataKey.generate())
    assert path.read_bytes() == before


@pytest.mark.parametrize("older", [False, True])
def test_a_damaged_first_page_is_damage_in_either_format(tmp_path: Path, older: bool) -> None:
    path, key = tmp_path / "store.db", DataKey.generate()
    if older:
        _sqlcipher4_default_file(path, key)
    else:
        conn = connection.connect(path, key, create=True)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO t (body) VALUES (?)", [("x" * 300,)] * 200)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 4 * PAGE_SIZE
    data[100:132] = bytes(32)  # inside page 1's ciphertext
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        connection.connect(path, key)
