"""Applying a page of server resources with few statement executions and few allocations.

With SQLCipher's memory security on, every SQLite heap allocation is mlock'ed and wiped on free
(measured here: ~15 us per allocation, five times the cost of the insert itself). Statement
executions allocate cursors, and JSON functions allocate per value, so this path: looks up the
page's existing rows with one ``IN (...)`` query per type and chunk, inserts new rows and their
index rows with ``executemany`` (one statement per table for the whole page), and touches rows
one by one only when a stored row is replaced.

Internal: called by ``sync_api.apply_server_resources`` inside its transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from offline import logical_refs
from offline.extract import IndexFields, index_fields
from offline.rows import Row, clear_index_rows, insert_index_rows
from offline.types import Json

_CHUNK = 500
_SIZES = (8, 64, _CHUNK)


@dataclass(frozen=True, slots=True)
class Incoming:
    """One parsed server resource."""

    resource: Json
    text: str
    version_id: str | None
    last_updated: str | None
    compact: bool = False
    """``text`` is ``resource_check.compact_json(resource)`` (its references are read from it)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.resource["resourceType"], self.resource["id"])


def existing_rows(conn: Any, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Row]:
    """The stored rows for ``keys``, one query per resource type and chunk of ids."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for rtype, rid in keys:
        by_type[rtype].append(rid)
    found: dict[tuple[str, str], Row] = {}
    for rtype, ids in by_type.items():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            # Pad to a fixed size so one prepared statement serves every page (parsing a new
            # statement allocates, and allocations are the expensive part here).
            size = next(s for s in _SIZES if s >= len(chunk))
            chunk += [chunk[-1]] * (size - len(chunk))
            marks = ",".join("?" * size)
            rows = conn.execute(
                "SELECT id, rid, version_id, server_last_updated, json, base_json, dirty,"  # noqa: S608
                f" tombstone, patient_id FROM resource WHERE type = ? AND id IN ({marks})",
                (rtype, *chunk),
            ).fetchall()
            for rid, row_id, v, u, js, b, d, tb, p in rows:
                found[(rtype, rid)] = Row(
                    rid=row_id,
                    version_id=v,
                    server_last_updated=u,
                    json_text=js,
                    base_json_text=b,
                    dirty=bool(d),
                    tombstone=bool(tb),
                    patient_id=p,
                )
    return found


def insert_clean(conn: Any, items: Sequence[Incoming]) -> None:
    """Insert server rows that are new to the store, with their index rows."""
    if not items:
        return
    first = int(conn.execute("SELECT coalesce(max(rid), 0) + 1 FROM resource").fetchone()[0])
    rows = []
    fields: list[tuple[int, IndexFields]] = []
    lookup = logical_refs.PatientLookup(conn)
    patients: set[tuple[str, str]] = set()
    for offset, item in enumerate(items):
        f = index_fields(item.resource, compact_text=item.text if item.compact else None)
        if item.key[0] == "Patient":
            patients.update(f.identifiers)
        else:
            f = lookup.resolved(f)
        row_id = first + offset
        fields.append((row_id, f))
        rows.append(
            (
                row_id,
                item.key[0],
                item.key[1],
                item.version_id,
                item.last_updated,
                item.text,
                f.patient_id,
                f.date,
                f.status,
            )
        )
    conn.executemany(
        "INSERT INTO resource (rid, type, id, version_id, server_last_updated, json, dirty,"
        " tombstone, patient_id, date, status) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
        rows,
    )
    insert_index_rows(conn, fields)
    if patients:
        # Patients of this page adopt what named them (a measurement synced first, or in
        # this very page before its patient was resolvable).
        logical_refs.reresolve(conn, patients)


def replace_clean(conn: Any, item: Incoming, row: Row) -> None:
    """Overwrite a clean (or tombstoned) row with the server's copy."""
    compact_text = item.text if item.compact else None
    f = logical_refs.PatientLookup(conn).resolved(
        index_fields(item.resource, compact_text=compact_text)
    )
    carried = logical_refs.patient_identifiers(conn, row.rid) if item.key[0] == "Patient" else set()
    conn.execute(
        "UPDATE resource SET version_id = ?, server_last_updated = ?, json = ?, base_json = NULL,"
        " dirty = 0, tombstone = 0, local_modified_at = NULL, patient_id = ?, date = ?,"
        " status = ? WHERE rid = ?",
        (item.version_id, item.last_updated, item.text, f.patient_id, f.date, f.status, row.rid),
    )
    clear_index_rows(conn, row.rid)
    insert_index_rows(conn, [(row.rid, f)])
    if item.key[0] == "Patient":
        logical_refs.reresolve(conn, carried | set(f.identifiers))
