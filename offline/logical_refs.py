"""Resources that name their patient by identifier (VKP, PMD) join that patient's compartment.

``resource_logical_ref`` keeps, per resource, the logical patient reference it carries
(``offline.extract``: ``subject.identifier`` and the like, when there is no literal reference)
and the Patient it was resolved to, if any. A resource is resolved to a Patient only when
exactly one live stored Patient carries exactly that ``(system, value)`` identifier; then its
``patient_id`` is that Patient's id, so every compartment query, the vital-signs trend and a
purge find it with the rest of the patient's record. With no such Patient, or two (a duplicate
registration), it stays unresolved (``patient`` NULL): the worklist shows it as unmatched and
nothing is guessed. The stored JSON is never touched.

Resolution runs when the resource is written, and again for every resource naming an identifier
whenever a Patient carrying (or having carried) that identifier is written or deleted: a
measurement synced before its patient is adopted when the patient arrives.

Internal: ``rows`` and ``bulk`` call these inside the transaction that writes the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from offline.extract import IndexFields

Identifier = tuple[str, str]


class PatientLookup:
    """Finds the one live Patient carrying an identifier; remembers answers within a write."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._found: dict[Identifier, str | None] = {}

    def patient_for(self, identifier: Identifier) -> str | None:
        """The id of the only live Patient with ``identifier``, else None (none, or several)."""
        if identifier not in self._found:
            rows = self._conn.execute(
                "SELECT r.id FROM resource_identifier i JOIN resource r ON r.rid = i.rid"
                " WHERE i.system = ? AND i.value = ? AND r.type = 'Patient' AND r.tombstone = 0"
                " LIMIT 2",
                identifier,
            ).fetchall()
            self._found[identifier] = rows[0][0] if len(rows) == 1 else None
        return self._found[identifier]

    def resolved(self, fields: IndexFields) -> IndexFields:
        """``fields`` with ``patient_id`` set when its logical reference names one Patient."""
        if fields.logical is None or fields.patient_id is not None:
            return fields
        patient = self.patient_for(fields.logical)
        return fields if patient is None else replace(fields, patient_id=patient)


def insert_rows(conn: Any, fields: Sequence[tuple[int, IndexFields]]) -> None:
    """The logical-reference rows of newly written resources (``fields`` already resolved)."""
    rows = [
        (rid, f.logical[0], f.logical[1], f.patient_id)
        for rid, f in fields
        if f.logical is not None
    ]
    if rows:
        # An upsert, not ``INSERT OR REPLACE``: the same end state, but REPLACE opens a
        # statement journal for every row (it may delete before it inserts), and under
        # SQLCipher's memory security that cost ~90 us a row against ~4 us for the upsert.
        conn.executemany(
            "INSERT INTO resource_logical_ref (rid, system, value, patient) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (rid) DO UPDATE SET system = excluded.system,"
            " value = excluded.value, patient = excluded.patient",
            rows,
        )


def patient_identifiers(conn: Any, row_id: int) -> set[Identifier]:
    """The identifiers a stored row carries now (read before a Patient row is rewritten)."""
    rows = conn.execute(
        "SELECT system, value FROM resource_identifier WHERE rid = ?", (row_id,)
    ).fetchall()
    return {(system, value) for system, value in rows}


def reresolve(conn: Any, identifiers: Iterable[Identifier]) -> int:
    """Resolve again every resource naming one of ``identifiers`` (a Patient carrying them was
    written or deleted); returns how many changed patient."""
    lookup = PatientLookup(conn)
    changed = 0
    for identifier in set(identifiers):
        rows = conn.execute(
            "SELECT rid, patient FROM resource_logical_ref WHERE system = ? AND value = ?",
            identifier,
        ).fetchall()
        if not rows:
            continue
        patient = lookup.patient_for(identifier)
        moved = [rid for rid, current in rows if current != patient]
        for rid in moved:
            conn.execute(
                "UPDATE resource_logical_ref SET patient = ? WHERE rid = ?", (patient, rid)
            )
            conn.execute("UPDATE resource SET patient_id = ? WHERE rid = ?", (patient, rid))
        changed += len(moved)
    return changed
