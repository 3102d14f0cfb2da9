"""Id listings for reconciling the store with a server that cannot report its deletions.

A server without ``_history`` never says what it deleted, so the sync engine periodically asks
it which ids in scope still exist and removes the local rows it no longer has
(``apply_server_deletes``). This module lists the local side of that comparison: ids only, never
resource bodies, and only rows the server has acknowledged (a server version) and that carry no
unsent change. A locally created row the server has not seen yet is absent from the server for
that reason alone, and an edited row is never given up: both are left out here.

Internal to ``offline``: it reads through the store's own connection and lock, as the store's
methods do.
"""

from __future__ import annotations

from collections.abc import Collection

from offline.views import StoreReader

_CLEAN = (
    "SELECT id FROM resource r WHERE r.type = ? AND r.dirty = 0 AND r.tombstone = 0"
    " AND r.version_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.type = r.type AND o.id = r.id)"
)
_IN_CHUNK = 500  # bound parameters per query, well under SQLite's limit


def clean_ids(
    store: StoreReader, resource_type: str, *, patients: Collection[str] | None = None
) -> set[str]:
    """Ids of live, server-acknowledged rows of ``resource_type`` with no unsent change.

    With ``patients``, only rows in those patients' compartments (a Patient is in its own).
    """
    conn, lock = store._conn, store._lock  # offline-internal, see the module docstring
    with lock:
        if patients is None:
            return {row[0] for row in conn.execute(_CLEAN, (resource_type,))}
        found: set[str] = set()
        members = sorted(patients)
        for start in range(0, len(members), _IN_CHUNK):
            chunk = members[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"{_CLEAN} AND r.patient_id IN ({marks})",
                (resource_type, *chunk),
            )
            found.update(row[0] for row in rows)
        return found
