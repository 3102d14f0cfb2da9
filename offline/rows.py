"""Low-level row access shared by local writes and sync: one resource row plus its index rows.

Internal: only ``writes`` and ``sync_api`` call these, inside a transaction they opened.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from offline import logical_refs
from offline.extract import IndexFields, indexed_references
from offline.types import Json


@dataclass(frozen=True, slots=True)
class Row:
    """The stored state of one resource."""

    rid: int
    version_id: str | None
    server_last_updated: str | None
    json_text: str | None
    base_json_text: str | None
    dirty: bool
    tombstone: bool
    patient_id: str | None

    def resource(self) -> Json | None:
        return None if self.json_text is None else _loads(self.json_text)

    @property
    def base_text(self) -> str | None:
        """The last server JSON: stored only while it differs from ``json`` (dirty rows)."""
        if self.base_json_text is not None:
            return self.base_json_text
        return None if self.dirty else self.json_text

    def base(self) -> Json | None:
        text = self.base_text
        return None if text is None else _loads(text)


def _loads(text: str) -> Json:
    value: Json = json.loads(text)
    return value


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextmanager
def transaction(conn: Any) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls everything back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def read_row(conn: Any, rtype: str, rid: str) -> Row | None:
    found = conn.execute(
        "SELECT rid, version_id, server_last_updated, json, base_json, dirty, tombstone,"
        " patient_id FROM resource WHERE type = ? AND id = ?",
        (rtype, rid),
    ).fetchone()
    if found is None:
        return None
    return Row(
        rid=found[0],
        version_id=found[1],
        server_last_updated=found[2],
        json_text=found[3],
        base_json_text=found[4],
        dirty=bool(found[5]),
        tombstone=bool(found[6]),
        patient_id=found[7],
    )


def write_row(
    conn: Any,
    *,
    existing: Row | None,
    rtype: str,
    rid: str,
    text: str | None,
    fields: IndexFields | None,
    version_id: str | None,
    last_updated: str | None,
    base_text: str | None,
    dirty: bool,
    tombstone: bool,
    local_modified_at: str | None,
) -> int:
    """Insert or replace one resource row and rebuild its index rows; returns its rowid.

    A logical patient reference is resolved here (``offline.logical_refs``); writing a Patient
    resolves again whatever names its identifiers, old and new."""
    if fields is not None:
        fields = logical_refs.PatientLookup(conn).resolved(fields)
    carried: set[tuple[str, str]] = set()
    if rtype == "Patient" and existing is not None:
        carried = logical_refs.patient_identifiers(conn, existing.rid)
    patient = fields.patient_id if fields else None
    date = fields.date if fields else None
    status = fields.status if fields else None
    values = (
        version_id,
        last_updated,
        text,
        base_text,
        int(dirty),
        int(tombstone),
        local_modified_at,
        patient,
        date,
        status,
    )
    if existing is None:
        cur = conn.execute(
            "INSERT INTO resource (version_id, server_last_updated, json, base_json, dirty,"
            " tombstone, local_modified_at, patient_id, date, status, type, id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, rtype, rid),
        )
        row_id = int(cur.lastrowid)
    else:
        row_id = existing.rid
        conn.execute(
            "UPDATE resource SET version_id = ?, server_last_updated = ?, json = ?,"
            " base_json = ?, dirty = ?, tombstone = ?, local_modified_at = ?, patient_id = ?,"
            " date = ?, status = ? WHERE rid = ?",
            (*values, row_id),
        )
        clear_index_rows(conn, row_id)
    if fields is not None:
        insert_index_rows(conn, [(row_id, fields)])
    if rtype == "Patient":
        logical_refs.reresolve(conn, carried | set(fields.identifiers if fields else ()))
    return row_id


def clear_index_rows(conn: Any, row_id: int) -> None:
    for table in ("resource_identifier", "resource_code", "resource_ref", "resource_logical_ref"):
        conn.execute(f"DELETE FROM {table} WHERE rid = ?", (row_id,))  # noqa: S608 - fixed names


def delete_row(conn: Any, row_id: int) -> None:
    """Remove a row; its index rows go with it (foreign key cascade and trigger)."""
    conn.execute("DELETE FROM resource WHERE rid = ?", (row_id,))


def audit(
    conn: Any,
    *,
    user_id: str,
    action: str,
    rtype: str | None = None,
    rid: str | None = None,
    patient_id: str | None = None,
    detail: str | None = None,
    at: str | None = None,
    access_basis: str | None = None,
    record_view: str | None = None,
) -> None:
    """Append one line to the local audit log (ids and codes only)."""
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, type, id, patient_id, detail, access_basis,"
        " record_view) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at or utc_now(),
            user_id,
            action,
            rtype,
            rid,
            patient_id,
            detail,
            access_basis,
            record_view,
        ),
    )


def insert_index_rows(conn: Any, fields: Sequence[tuple[int, IndexFields]]) -> None:
    """Identifier, code, reference and logical-reference rows for many resources, one statement
    per table (``fields`` already resolved: see ``logical_refs.PatientLookup``)."""
    identifiers = [(rid, s, v) for rid, f in fields for s, v in f.identifiers]
    codes = [(rid, s, c) for rid, f in fields for s, c in f.codes]
    refs = [(rid, t) for rid, f in fields for t in indexed_references(f, f.patient_id)]
    if identifiers:
        conn.executemany(
            "INSERT OR IGNORE INTO resource_identifier (rid, system, value) VALUES (?, ?, ?)",
            identifiers,
        )
    if codes:
        conn.executemany(
            "INSERT OR IGNORE INTO resource_code (rid, system, code) VALUES (?, ?, ?)", codes
        )
    if refs:
        conn.executemany("INSERT OR IGNORE INTO resource_ref (rid, target) VALUES (?, ?)", refs)
    logical_refs.insert_rows(conn, fields)
