"""The user's own marks: small named values kept in the encrypted store and never synced.

A mark is ``(name, key) -> value`` text, e.g. ``("medication-list-seen", patient_id)`` -> the
time the user last looked. The store file is the user's own, so marks are per user; they have
no outbox entry and no audit line, and nothing else in the store depends on them.

Internal: the public entry points are ``StoreReader.mark``, ``Store.set_mark`` and
``Store.clear_mark``.
"""

from __future__ import annotations

from typing import Any

from offline.rows import transaction, utc_now


def set_mark(conn: Any, name: str, key: str, value: str) -> None:
    """Create or replace one mark in its own transaction."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO user_mark (name, key, value, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name, key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (name, key, value, utc_now()),
        )


def clear_mark(conn: Any, name: str, key: str) -> None:
    """Remove one mark (nothing happens when it was never set), in its own transaction."""
    with transaction(conn):
        conn.execute("DELETE FROM user_mark WHERE name = ? AND key = ?", (name, key))


def mark(conn: Any, name: str, key: str) -> str | None:
    """The value of one mark, or None if it was never set."""
    row = conn.execute(
        "SELECT value FROM user_mark WHERE name = ? AND key = ?", (name, key)
    ).fetchone()
    return None if row is None else str(row[0])
