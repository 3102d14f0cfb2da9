"""What the store holds of the platform's records, for the sync to compare with the platform.

Deletions never show in a search, so the sync compares: how many records of a type the
platform has for a group of patients (a count, no data) against ``known_count`` here, and
where they differ, the ids the platform lists against ``clean_ids``; a missing id is then
removed like a deletion (``apply_server_deletes``). Ids only, never resource bodies; only rows
the platform has acknowledged (a server version). A locally created row the platform has not
seen yet is absent there for that reason alone, and an edited row is never given up: both are
left out of ``clean_ids``. ``held_patients`` is every patient the store keeps rows of, for
the purge of patients no longer in scope (whatever scope brought them here).

Internal to ``offline``: the Store calls these under its lock with its connection.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

_CLEAN = (
    "SELECT id FROM resource r WHERE r.type = ? AND r.dirty = 0 AND r.tombstone = 0"
    " AND r.version_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.type = r.type AND o.id = r.id)"
)
# What the platform should count: acknowledged rows it has not deleted (a local delete not yet
# sent is still there).
_KNOWN = (
    "SELECT count(*) FROM resource r WHERE r.type = ? AND r.version_id IS NOT NULL"
    " AND (r.tombstone = 0 OR r.dirty = 1)"
)
_IN_CHUNK = 500  # bound parameters per query, well under SQLite's limit


def clean_ids(
    conn: Any, resource_type: str, *, patients: Collection[str] | None = None
) -> set[str]:
    """Ids of live, server-acknowledged rows of ``resource_type`` with no unsent change.

    With ``patients``, only rows in those patients' compartments (a Patient is in its own).
    """
    if patients is None:
        return {row[0] for row in conn.execute(_CLEAN, (resource_type,))}
    found: set[str] = set()
    for marks, chunk in _chunks(patients):
        rows = conn.execute(f"{_CLEAN} AND r.patient_id IN ({marks})", (resource_type, *chunk))
        found.update(row[0] for row in rows)
    return found


def known_count(conn: Any, resource_type: str, *, patients: Collection[str]) -> int:
    """How many rows of ``resource_type`` in these patients' compartments the platform has
    acknowledged and not deleted (as far as this store knows)."""
    total = 0
    for marks, chunk in _chunks(patients):
        found = conn.execute(f"{_KNOWN} AND r.patient_id IN ({marks})", (resource_type, *chunk))
        total += int(found.fetchone()[0])
    return total


def held_patients(conn: Any) -> set[str]:
    """Every patient whose compartment has a live row here (their own Patient included)."""
    rows = conn.execute(
        "SELECT DISTINCT patient_id FROM resource WHERE patient_id IS NOT NULL"
        " AND (tombstone = 0 OR dirty = 1)"
    )
    return {row[0] for row in rows}


def _chunks(patients: Collection[str]) -> Iterator[tuple[str, list[str]]]:
    members = sorted(patients)
    for start in range(0, len(members), _IN_CHUNK):
        chunk = members[start : start + _IN_CHUNK]
        yield ",".join("?" * len(chunk)), chunk
