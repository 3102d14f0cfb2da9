"""Four store reads the adapters need that ``offline.views.StoreReader`` does not offer yet.

TEMPORARY BRIDGE. Each function is written as the ``StoreReader`` method it should become
(same connection, same lock, the same indexes the store's own queries use), so moving it into
``offline/views.py`` is a cut and paste; the adapters then call the public method instead. Until
then this is the one place in ``ui/`` that touches the reader's private connection, because the
alternatives were wrong answers: a round that cannot see today's administrations offers a
dose again, and a prescription whose renewal Task cannot be found offers a second request.

- ``of_type``: every live resource of a type (Locations for the places of work, the Medication
  catalogue) through the ``UNIQUE (type, id)`` index.
- ``referencing``: resources of a type that point at a target (``Task.for`` -> Patient,
  ``Task.focus`` -> MedicationRequest) through ``resource_ref_target``. A Task is in no patient
  compartment because ``offline.extract`` reads ``patient``/``subject``/``beneficiary``, not
  ``for``; its reference to the Patient is therefore kept in ``resource_ref``.
- ``compartment``: a patient's resources of some types in ``[since, until)`` by the ``date``
  column (MedicationAdministration), through ``resource_patient (patient_id, type, date)``.
- ``with_code``: resources of a type carrying ``system|code`` (a Medication by GTIN).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from offline.types import Json
from ui.sources.local_store import LocalStore


def _connection(reader: LocalStore) -> tuple[Any, threading.RLock]:
    """The reader's connection and lock (an ``offline.views.StoreReader``'s private parts)."""
    conn, lock = getattr(reader, "_conn", None), getattr(reader, "_lock", None)
    if conn is None or not isinstance(lock, type(threading.RLock())):
        raise TypeError("the bridge queries need an offline.views.StoreReader")
    return conn, lock


def _utc_text(moment: datetime) -> str:
    """The store's ``date`` column form (see ``offline.extract.normalise_date``)."""
    if moment.tzinfo is None:
        raise ValueError("use timezone-aware datetimes for store queries")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


def of_type(reader: LocalStore, resource_type: str) -> list[Json]:
    """Every live resource of ``resource_type``, in storage order."""
    conn, lock = _connection(reader)
    with lock:
        rows = conn.execute(
            "SELECT json FROM resource WHERE type = ? AND tombstone = 0", (resource_type,)
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


def referencing(reader: LocalStore, target: str, *, resource_type: str) -> list[Json]:
    """Live resources of ``resource_type`` with a reference to ``target`` (``Type/id``)."""
    conn, lock = _connection(reader)
    with lock:
        rows = conn.execute(
            "SELECT r.json FROM resource_ref f JOIN resource r ON r.rid = f.rid"
            " AND r.type = ? AND r.tombstone = 0 WHERE f.target = ?",
            (resource_type, target),
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


def compartment(
    reader: LocalStore,
    patient_id: str,
    types: Sequence[str],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Json]:
    """The patient's live resources of ``types`` dated in ``[since, until)``, oldest first."""
    if not types:
        return []
    marks = ",".join("?" * len(types))
    low = _utc_text(since) if since else ""
    high = _utc_text(until) if until else "\uffff"
    conn, lock = _connection(reader)
    with lock:
        rows = conn.execute(
            "SELECT date, json FROM resource WHERE patient_id = ?"  # noqa: S608 - "?" marks only
            f" AND type IN ({marks}) AND tombstone = 0 AND date >= ? AND date < ?",
            (patient_id, *types, low, high),
        ).fetchall()
    rows.sort(key=lambda r: r[0] or "")
    return [json.loads(text) for _date, text in rows]


def with_code(reader: LocalStore, system: str, code: str, *, resource_type: str) -> list[Json]:
    """Live resources of ``resource_type`` whose code has the coding ``system|code``."""
    conn, lock = _connection(reader)
    with lock:
        rows = conn.execute(
            "SELECT r.json FROM resource_code c JOIN resource r ON r.rid = c.rid"
            " AND r.type = ? AND r.tombstone = 0 WHERE c.code = ? AND c.system = ?",
            (resource_type, code, system),
        ).fetchall()
    return [json.loads(r[0]) for r in rows]
