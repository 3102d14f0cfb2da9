"""Records the platform sent that could not be read: kept, encrypted, with the platform's text.

A record that fails the checks is never dropped: the pull stores it here in the same
transaction as the page it came on (so the paging position never moves past it), the sync
retries it on every run, the sync status counts it, and the patient header warns when a
patient's allergy, critical-information or medication record is among them. A valid copy of
the same resource, once applied, removes it from here.

Rows are keyed by ``(type, id)`` when the text names them validly, else by a digest of the
text. Internal: called by ``sync_api`` inside its transactions, and by the read API.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from offline.extract import patient_of
from offline.rows import utc_now
from offline.types import UnreadableRecord

_COLUMNS = "seq, type, id, patient_id, scope_patients, raw, problems, attempts, first_seen"


def keep(conn: Any, records: Iterable[UnreadableRecord]) -> int:
    """Store (or refresh) each record; returns how many were kept."""
    now = utc_now()
    kept = 0
    for record in records:
        digest = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
        values = (
            _patient(record.text),
            json.dumps(list(record.scope_patients)) if record.scope_patients else None,
            record.text,
            digest,
            record.problems[:2000],
            now,
            now,
        )
        if record.resource_type is not None and record.resource_id is not None:
            conn.execute(
                "INSERT INTO unreadable (patient_id, scope_patients, raw, digest, problems,"
                " first_seen, last_seen, type, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (type, id) WHERE type IS NOT NULL AND id IS NOT NULL DO UPDATE"
                " SET patient_id = excluded.patient_id, scope_patients = excluded.scope_patients,"
                " raw = excluded.raw, digest = excluded.digest, problems = excluded.problems,"
                " last_seen = excluded.last_seen, attempts = attempts + 1",
                (*values, record.resource_type, record.resource_id),
            )
        else:
            conn.execute(
                "INSERT INTO unreadable (patient_id, scope_patients, raw, digest, problems,"
                " first_seen, last_seen, type, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (digest) WHERE type IS NULL OR id IS NULL DO UPDATE"
                " SET last_seen = excluded.last_seen, attempts = attempts + 1",
                (*values, record.resource_type, record.resource_id),
            )
        kept += 1
    return kept


def readable_again(conn: Any, keys: Sequence[tuple[str, str]]) -> None:
    """Forget the rows of resources that just arrived readable (or were deleted)."""
    if keys and conn.execute("SELECT 1 FROM unreadable LIMIT 1").fetchone() is not None:
        conn.executemany("DELETE FROM unreadable WHERE type = ? AND id = ?", keys)


def forget(conn: Any, seqs: Sequence[int]) -> None:
    """Remove rows by their ``seq`` (a record the platform no longer has, or that now reads)."""
    conn.executemany("DELETE FROM unreadable WHERE seq = ?", [(s,) for s in seqs])


def all_records(conn: Any) -> list[UnreadableRecord]:
    """Every kept record, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM unreadable ORDER BY seq"  # noqa: S608 - fixed columns
    ).fetchall()
    return [_record(row) for row in rows]


def count(conn: Any) -> int:
    """How many records are kept."""
    return int(conn.execute("SELECT count(*) FROM unreadable").fetchone()[0])


def types_for_patient(conn: Any, patient_id: str) -> frozenset[str]:
    """Resource types of the kept records that are (or may be) this patient's.

    A record whose text names no patient counts for every patient whose search returned it; one
    whose text names no type counts as ``""`` (unknown).
    """
    rows = conn.execute(
        "SELECT coalesce(type, '') FROM unreadable WHERE patient_id = ?"
        " UNION SELECT coalesce(u.type, '') FROM unreadable u, json_each(u.scope_patients) s"
        " WHERE u.patient_id IS NULL AND s.value = ?",
        (patient_id, patient_id),
    ).fetchall()
    return frozenset(row[0] for row in rows)


def _record(row: Sequence[Any]) -> UnreadableRecord:
    seq, rtype, rid, patient, scope, raw, problems, attempts, first_seen = row
    return UnreadableRecord(
        resource_type=rtype,
        resource_id=rid,
        text=raw,
        problems=problems,
        scope_patients=tuple(json.loads(scope)) if scope else (),
        seq=int(seq),
        patient_id=patient,
        attempts=int(attempts),
        first_seen=first_seen,
    )


def _patient(text: str) -> str | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    if value.get("resourceType") == "Patient" and isinstance(value.get("id"), str):
        return str(value["id"])
    try:
        return patient_of(value)
    except (TypeError, AttributeError):
        return None
