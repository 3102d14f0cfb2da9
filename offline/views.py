"""The read API the views use: plain JSON dicts exactly as stored, found through indexes.

``StoreReader`` works on any keyed connection: the Store's writer connection (under its lock) or
a read-only connection of its own (``Store.open_reader()``) for another thread. Reading does not
audit; the UI calls ``Store.record_access`` when a person opens a record.

Every query is served by an index (none scans the resource table):
  ``get``, ``resources_of_type``,     UNIQUE (type, id)
  ``each_of_type``
  ``find_by_identifier``              resource_identifier (system, value, rid)
  ``with_code``                       resource_code_code (code, system)
  ``referencing``, ``patients_on_*``  resource_ref_target (target), plus resource_patient for a
                                      Patient target (a compartment's own patient has no ref row)
  ``core_record``, ``medication_list``, ``prescriptions``, ``vital_signs``, ``compartment``,
  ``compartments``, ``round_inputs``,
  ``vital_signs_of``                  resource_patient (patient_id, type, date)
  ``mark``                            user_mark (name, key)
  ``compartments``                    resource_patient, for many patients at once
  ``unresolved``                      resource_logical_ref_unresolved (the few unmatched ones)
  ``unreadable_types``                unreadable_patient (patient_id), or the few rows without one
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from offline import unreadable, user_marks
from offline.extract import normalise_reference
from offline.types import CoreRecord, Json, MedicationList, Prescriptions

_CORE_TYPES = (
    "AllergyIntolerance",
    "Condition",
    "Flag",
    "Consent",
    "Immunization",
    "Encounter",
    "RelatedPerson",
)
_CORE_FIELD = {
    "AllergyIntolerance": "allergies",
    "Condition": "conditions",
    "Flag": "flags",
    "Consent": "consents",
    "Immunization": "immunizations",
    "Encounter": "encounters",
    "RelatedPerson": "related_persons",
}
WARD_ENCOUNTER_STATUSES = ("arrived", "in-progress", "onleave")
_ROUND_ORDER_TYPES = ("MedicationStatement", "MedicationRequest", "Task")
# Patients per query: far below SQLite's bound-parameter limit, and a unit is rarely larger.
_ROUND_BATCH = 400


@dataclass(frozen=True, slots=True)
class RouteVisit:
    """One planned home-care visit on a route: the Appointment and its Patient."""

    appointment: Json
    patient: Json


@dataclass(frozen=True, slots=True)
class FinishedTasks:
    """Which finished Tasks ``round_inputs`` still reads (every other Task is always read).

    A patient's finished Tasks pile up (every activity done makes one), and a shift's reads need
    only those touched lately: a Task with a status in ``statuses`` is read only when it was
    authored (its indexed date) at or after ``authored_since``, has no date, or its
    ``lastModified`` is at or after ``modified_since``. ``lastModified`` is compared as text in
    SQL, so the bound is moved back by the widest UTC offset (14 h): a Task modified after
    ``modified_since`` in any zone is read; the caller checks the exact instant."""

    statuses: frozenset[str]
    authored_since: datetime
    modified_since: datetime


_WIDEST_OFFSET = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class RoundInputs:
    """What one patient's medication round is derived from (``StoreReader.round_inputs``).

    Every MedicationStatement and MedicationRequest (all statuses, as ``medication_list`` and
    ``prescriptions`` give them), every Task of the patient (the caller keeps the open PRN
    follow-ups), the MedicationAdministrations dated in the window, and the Medications the
    statements and requests reference, keyed ``Medication/<id>``.
    """

    statements: list[Json] = field(default_factory=list)
    requests: list[Json] = field(default_factory=list)
    tasks: list[Json] = field(default_factory=list)
    administrations: list[Json] = field(default_factory=list)
    medications: dict[str, Json] = field(default_factory=dict)


class StoreReader:
    """Read queries over one connection; safe to share only through the given lock."""

    def __init__(self, conn: Any, *, lock: threading.RLock | None = None) -> None:
        self._conn = conn
        self._lock = lock or threading.RLock()

    def close(self) -> None:
        """Close this reader's connection (a reader from ``Store.open_reader``)."""
        with self._lock:
            self._conn.close()

    def get(self, resource_type: str, resource_id: str) -> Json | None:
        """The stored resource, or None (also for deleted ones). An id the platform replaced
        with its own (``offline.rekey``) still finds the record."""
        with self._lock:
            row = self._conn.execute(
                "SELECT json FROM resource WHERE type = ? AND id = ? AND tombstone = 0",
                (resource_type, resource_id),
            ).fetchone()
            if row is None:
                row = self._conn.execute(
                    "SELECT r.json FROM id_alias a JOIN resource r ON r.type = a.type"
                    " AND r.id = a.server_id WHERE a.type = ? AND a.local_id = ?"
                    " AND r.tombstone = 0",
                    (resource_type, resource_id),
                ).fetchone()
        return None if row is None else _loads(row[0])

    def unreadable_types(self, patient_id: str) -> frozenset[str]:
        """Resource types of records the platform sent for this patient that could not be read
        (``""`` for a record whose type is unknown); see ``offline.unreadable``."""
        with self._lock:
            return unreadable.types_for_patient(self._conn, patient_id)

    def find_by_identifier(self, system: str, value: str) -> list[Json]:
        """Resources carrying ``system|value`` (e.g. a fødselsnummer)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.json FROM resource_identifier i JOIN resource r ON r.rid = i.rid"
                " WHERE i.system = ? AND i.value = ? AND r.tombstone = 0",
                (system, value),
            ).fetchall()
        return [_loads(r[0]) for r in rows]

    def resources_of_type(self, resource_type: str) -> list[Json]:
        """Every live resource of ``resource_type`` (e.g. the Locations, the Medication
        catalogue), by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT json FROM resource WHERE type = ? AND tombstone = 0 ORDER BY id",
                (resource_type,),
            ).fetchall()
        return [_loads(r[0]) for r in rows]

    def each_of_type(self, resource_type: str) -> Iterator[Json]:
        """Every live resource of ``resource_type``, by id, each parsed as the caller reaches it
        and its stored text let go: for a reader that keeps a little of each (a municipality's
        10,000 Locations, of which the places of work are a few hundred).

        Why: parsed all at once, a long-lived process's small-object allocator spreads the
        whole over new arenas, and the few objects kept from it pin each of them. Measured on
        half of a 10,000-patient municipality (5,487 Locations, 525 places of work): 27 MB
        stayed in the window's process after reading them whole, 4 MB one at a time, and it
        grows with the Locations (``tests/bench/bench_gui_stall.py --over-store``). The rows
        are read under the lock first, so nothing is held between the caller's steps.
        """
        with self._lock:
            rows = self._conn.execute(
                "SELECT json FROM resource WHERE type = ? AND tombstone = 0 ORDER BY id DESC",
                (resource_type,),
            ).fetchall()
        while rows:
            yield _loads(rows.pop()[0])

    def referencing(self, target: str, *, resource_type: str) -> list[Json]:
        """Live resources of ``resource_type`` with a reference to ``target`` (``Type/id``,
        absolute or versioned also accepted), e.g. Tasks by ``for`` or ``focus``; by id."""
        wanted = normalise_reference(target) or target
        own_patient = wanted.removeprefix("Patient/") if wanted.startswith("Patient/") else None
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.id, r.json FROM resource_ref f JOIN resource r ON r.rid = f.rid"
                " WHERE f.target = ? AND r.type = ? AND r.tombstone = 0",
                (wanted, resource_type),
            ).fetchall()
            if own_patient is not None and resource_type != "Patient":
                # A reference to the compartment's own patient is indexed by ``patient_id``
                # alone (see offline.extract.indexed_references), never by a ref row.
                rows += self._conn.execute(
                    "SELECT id, json FROM resource"
                    " WHERE patient_id = ? AND type = ? AND tombstone = 0",
                    (own_patient, resource_type),
                ).fetchall()
        rows.sort(key=lambda r: r[0])
        return [_loads(text) for _id, text in rows]

    def compartment(
        self,
        patient_id: str,
        types: Collection[str],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Json]:
        """The patient's live resources of ``types``, oldest first (undated ones last).

        With ``since`` and/or ``until`` only resources dated in ``[since, until)`` (by the
        clinical date ``offline.extract`` derives, e.g. ``effective[x]``), undated ones left
        out; e.g. the MedicationAdministrations of a medication round."""
        if isinstance(types, str):
            raise TypeError("compartment() takes a collection of resource types, not one string")
        type_list = list(dict.fromkeys(types))
        if not type_list:
            return []
        placeholders = ",".join("?" * len(type_list))
        window = ""
        params: list[str] = [patient_id, *type_list]
        if since is not None or until is not None:
            window = " AND date >= ? AND date < ?"
            params += [_utc_text(since) if since else "", _utc_text(until) if until else "\uffff"]
        with self._lock:
            rows = self._conn.execute(
                "SELECT date, json FROM resource WHERE patient_id = ?"  # noqa: S608 - "?" only
                f" AND type IN ({placeholders}) AND tombstone = 0{window}",
                params,
            ).fetchall()
        # Sorted here, not by SQL: see ``_compartment``.
        rows.sort(key=lambda r: (r[0] is None, r[0] or ""))
        return [_loads(text) for _date, text in rows]

    def compartments(
        self,
        patient_ids: Iterable[str],
        types: Collection[str],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> dict[str, list[Json]]:
        """``compartment`` for many patients in a few indexed queries: each patient's live
        resources of ``types`` (dated in ``[since, until)`` when either is given), oldest first;
        every patient asked for is a key, with an empty list when nothing is stored. One query
        per batch of patients, not one per patient: a district's task list reads thousands."""
        if isinstance(types, str):
            raise TypeError("compartments() takes a collection of resource types, not one string")
        wanted = list(dict.fromkeys(patient_ids))
        found: dict[str, list[tuple[str | None, str]]] = {pid: [] for pid in wanted}
        type_list = list(dict.fromkeys(types))
        if not type_list:
            return {pid: [] for pid in wanted}
        window = ""
        bounds: list[str] = []
        if since is not None or until is not None:
            window = " AND date >= ? AND date < ?"
            bounds = [_utc_text(since) if since else "", _utc_text(until) if until else "\uffff"]
        type_marks = ",".join("?" * len(type_list))
        with self._lock:
            for start in range(0, len(wanted), _ROUND_BATCH):
                batch = wanted[start : start + _ROUND_BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._conn.execute(
                    "SELECT patient_id, date, json FROM resource"  # noqa: S608 - "?" only
                    f" WHERE patient_id IN ({marks}) AND type IN ({type_marks})"
                    f" AND tombstone = 0{window}",
                    (*batch, *type_list, *bounds),
                ).fetchall()
                for patient_id, date, text in rows:
                    found[patient_id].append((date, text))
        result: dict[str, list[Json]] = {}
        for patient_id, rows in found.items():
            rows.sort(key=lambda r: (r[0] is None, r[0] or ""))
            result[patient_id] = [_loads(text) for _date, text in rows]
        return result

    def unresolved(self, types: Collection[str], *, since: datetime | None = None) -> list[Json]:
        """Live resources of ``types`` that name their patient by an identifier no stored
        Patient (or more than one) carries (``offline.logical_refs``), dated at or after
        ``since`` when given; oldest first."""
        type_list = list(dict.fromkeys(types))
        if not type_list:
            return []
        marks = ",".join("?" * len(type_list))
        low = _utc_text(since) if since else ""
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.date, r.json FROM resource_logical_ref l"  # noqa: S608 - "?" only
                " JOIN resource r ON r.rid = l.rid"
                f" WHERE l.patient IS NULL AND r.type IN ({marks}) AND r.tombstone = 0"
                " AND coalesce(r.date, '') >= ?",
                (*type_list, low),
            ).fetchall()
        rows.sort(key=lambda r: (r[0] is None, r[0] or ""))
        return [_loads(text) for _date, text in rows]

    def with_code(self, system: str, code: str, *, resource_type: str) -> list[Json]:
        """Live resources of ``resource_type`` coded ``system|code`` (e.g. a Medication by its
        GTIN), by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.id, r.json FROM resource_code c JOIN resource r ON r.rid = c.rid"
                " WHERE c.code = ? AND c.system = ? AND r.type = ? AND r.tombstone = 0",
                (code, system, resource_type),
            ).fetchall()
        rows.sort(key=lambda r: r[0])
        return [_loads(text) for _id, text in rows]

    def mark(self, name: str, key: str) -> str | None:
        """One of the user's own marks (see ``Store.set_mark``), or None if never set."""
        with self._lock:
            return user_marks.mark(self._conn, name, key)

    def patients_on_ward(
        self, location_id: str, *, statuses: Sequence[str] = WARD_ENCOUNTER_STATUSES
    ) -> list[Json]:
        """Patients with a current Encounter at ``Location/location_id``, by family name."""
        marks = ",".join("?" * len(statuses))
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT p.json FROM resource_ref f"  # noqa: S608 - "?" marks only
                " JOIN resource e ON e.rid = f.rid AND e.type = 'Encounter' AND e.tombstone = 0"
                f" AND e.status IN ({marks})"
                " JOIN resource p ON p.type = 'Patient' AND p.id = e.patient_id"
                " AND p.tombstone = 0"
                " WHERE f.target = ?",
                (*statuses, f"Location/{location_id}"),
            ).fetchall()
        return sorted((_loads(r[0]) for r in rows), key=_name_key)

    def patients_on_route(
        self, route_reference: str, *, start: datetime, end: datetime
    ) -> list[RouteVisit]:
        """Appointments in [start, end) that reference ``route_reference`` (e.g.
        ``Location/…`` or ``CareTeam/…``), with their patients, in time order."""
        target = normalise_reference(route_reference) or route_reference
        with self._lock:
            rows = self._conn.execute(
                "SELECT a.json, p.json FROM resource_ref f"
                " JOIN resource a ON a.rid = f.rid AND a.type = 'Appointment'"
                " AND a.tombstone = 0 AND a.date >= ? AND a.date < ?"
                " JOIN resource p ON p.type = 'Patient' AND p.id = a.patient_id"
                " AND p.tombstone = 0"
                " WHERE f.target = ? ORDER BY a.date",
                (_utc_text(start), _utc_text(end), target),
            ).fetchall()
        return [RouteVisit(appointment=_loads(a), patient=_loads(p)) for a, p in rows]

    def core_record(self, patient_id: str) -> CoreRecord | None:
        """The patient's core record, newest first per section; None if no such patient."""
        with self._lock:
            # The Patient is in its own compartment, so one indexed query fetches it too.
            rows = self._compartment(patient_id, ("Patient", *_CORE_TYPES))
            patient_text = next((text for rtype, text in rows if rtype == "Patient"), None)
            if patient_text is None:
                return None
            patient = _loads(patient_text)
            gps = self._referenced(
                ref.get("reference")
                for ref in patient.get("generalPractitioner", [])
                if isinstance(ref, dict)
            )
        sections: dict[str, list[Json]] = {name: [] for name in _CORE_FIELD.values()}
        for rtype, text in rows:
            if rtype != "Patient":
                sections[_CORE_FIELD[rtype]].append(_loads(text))
        return CoreRecord(patient=patient, general_practitioners=list(gps.values()), **sections)

    def medication_list(
        self, patient_id: str, *, statuses: Collection[str] | None = None
    ) -> MedicationList:
        """MedicationStatements (newest first, optionally filtered by status) + Medications."""
        with self._lock:
            rows = self._compartment(patient_id, ("MedicationStatement",))
            statements = [_loads(text) for _t, text in rows]
            if statements and statuses is not None:
                statements = [s for s in statements if s.get("status") in statuses]
            meds = self._referenced(_medication_refs(statements))
        return MedicationList(statements=statements, medications=meds)

    def prescriptions(self, patient_id: str) -> Prescriptions:
        """MedicationRequests and MedicationDispenses (newest first) + their Medications."""
        with self._lock:
            rows = self._compartment(patient_id, ("MedicationDispense", "MedicationRequest"))
            requests: list[Json] = []
            dispenses: list[Json] = []
            for rtype, text in rows:
                (requests if rtype == "MedicationRequest" else dispenses).append(_loads(text))
            meds = self._referenced(_medication_refs([*requests, *dispenses]))
        return Prescriptions(requests=requests, dispenses=dispenses, medications=meds)

    def round_inputs(
        self,
        patient_ids: Iterable[str],
        *,
        since: datetime,
        until: datetime,
        finished: FinishedTasks | None = None,
    ) -> dict[str, RoundInputs]:
        """``RoundInputs`` for each of ``patient_ids`` (all of them, empty when nothing is
        stored), read with a few indexed queries for the whole unit instead of several per
        patient; administrations dated in ``[since, until)``; with ``finished``, only the
        finished Tasks it names (``FinishedTasks``), else every Task."""
        wanted = list(dict.fromkeys(patient_ids))
        found = {pid: RoundInputs() for pid in wanted}
        low, high = _utc_text(since), _utc_text(until)
        task_filter = ""
        task_bounds: tuple[str, ...] = ()
        if finished is not None:
            closed = sorted(finished.statuses)
            task_filter = (
                " AND (type <> 'Task' OR status IS NULL"
                f" OR status NOT IN ({','.join('?' * len(closed))})"
                " OR date IS NULL OR date >= ? OR json_extract(json, '$.lastModified') >= ?)"
            )
            modified = (finished.modified_since - _WIDEST_OFFSET).astimezone(UTC)
            task_bounds = (
                *closed,
                _utc_text(finished.authored_since),
                modified.strftime("%Y-%m-%dT%H:%M:%S"),
            )
        with self._lock:
            for start in range(0, len(wanted), _ROUND_BATCH):
                batch = wanted[start : start + _ROUND_BATCH]
                marks = ",".join("?" * len(batch))
                types = ",".join("?" * len(_ROUND_ORDER_TYPES))
                rows = self._conn.execute(
                    "SELECT patient_id, type, json FROM resource"  # noqa: S608 - "?" only
                    f" WHERE patient_id IN ({marks}) AND type IN ({types}) AND tombstone = 0"
                    f"{task_filter}",
                    (*batch, *_ROUND_ORDER_TYPES, *task_bounds),
                ).fetchall()
                rows += self._conn.execute(
                    "SELECT patient_id, type, json FROM resource"  # noqa: S608 - "?" only
                    f" WHERE patient_id IN ({marks}) AND type = 'MedicationAdministration'"
                    " AND tombstone = 0 AND date >= ? AND date < ?",
                    (*batch, low, high),
                ).fetchall()
                for patient_id, rtype, text in rows:
                    inputs = found[patient_id]
                    {
                        "MedicationStatement": inputs.statements,
                        "MedicationRequest": inputs.requests,
                        "Task": inputs.tasks,
                        "MedicationAdministration": inputs.administrations,
                    }[rtype].append(_loads(text))
            medications = self._referenced(
                _medication_refs([r for i in found.values() for r in (*i.statements, *i.requests)])
            )
        for inputs in found.values():
            for ref in _medication_refs([*inputs.statements, *inputs.requests]):
                target = normalise_reference(ref)
                if target in medications:
                    inputs.medications[target] = medications[target]
        return found

    def vital_signs(
        self,
        patient_id: str,
        *,
        codes: Collection[str],
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Json]:
        """Observations with any of ``codes`` (e.g. LOINC) in [since, until), oldest first."""
        code_list = list(codes)
        if not code_list:
            return []
        marks = ",".join("?" * len(code_list))
        low = _utc_text(since) if since else ""
        high = _utc_text(until) if until else "\uffff"
        with self._lock:
            rows = self._conn.execute(
                "SELECT r.json FROM resource r"  # noqa: S608 - "?" marks only
                " WHERE r.patient_id = ? AND r.type = 'Observation'"
                " AND r.tombstone = 0 AND r.date >= ? AND r.date < ?"
                " AND EXISTS (SELECT 1 FROM resource_code c WHERE c.rid = r.rid"
                f" AND c.code IN ({marks})) ORDER BY r.date, r.rid",
                (patient_id, low, high, *code_list),
            ).fetchall()
        return [_loads(r[0]) for r in rows]

    def vital_signs_of(
        self,
        patient_ids: Iterable[str],
        *,
        codes: Collection[str],
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> dict[str, list[Json]]:
        """``vital_signs`` for many patients in a few indexed queries (one per batch of
        patients): each patient asked for is a key, the same Observations in the same order."""
        wanted = list(dict.fromkeys(patient_ids))
        found: dict[str, list[tuple[str, int, str]]] = {pid: [] for pid in wanted}
        code_list = list(codes)
        if code_list:
            code_marks = ",".join("?" * len(code_list))
            low = _utc_text(since) if since else ""
            high = _utc_text(until) if until else "\uffff"
            with self._lock:
                for start in range(0, len(wanted), _ROUND_BATCH):
                    batch = wanted[start : start + _ROUND_BATCH]
                    marks = ",".join("?" * len(batch))
                    rows = self._conn.execute(
                        "SELECT r.patient_id, r.date, r.rid, r.json FROM resource r"  # noqa: S608
                        f" WHERE r.patient_id IN ({marks}) AND r.type = 'Observation'"
                        " AND r.tombstone = 0 AND r.date >= ? AND r.date < ?"
                        " AND EXISTS (SELECT 1 FROM resource_code c WHERE c.rid = r.rid"
                        f" AND c.code IN ({code_marks}))",
                        (*batch, low, high, *code_list),
                    ).fetchall()
                    for patient_id, date, rid, text in rows:
                        found[patient_id].append((date, rid, text))
        result: dict[str, list[Json]] = {}
        for patient_id, rows in found.items():
            rows.sort(key=lambda r: (r[0], r[1]))  # as ``vital_signs``: by date, then stored order
            result[patient_id] = [_loads(text) for _date, _rid, text in rows]
        return result

    def _compartment(self, patient_id: str, types: Sequence[str]) -> list[tuple[str, str]]:
        """(type, json) of the patient's resources of ``types``, newest first per type.

        Sorted here, not by SQL: an ORDER BY that the index cannot serve builds a sorter, and
        its allocations are costly with SQLCipher's memory security on."""
        marks = ",".join("?" * len(types))
        rows = self._conn.execute(
            "SELECT type, date, json FROM resource WHERE patient_id = ?"  # noqa: S608 - "?" only
            f" AND type IN ({marks}) AND tombstone = 0",
            (patient_id, *types),
        ).fetchall()
        rows.sort(key=lambda r: r[1] or "", reverse=True)
        rows.sort(key=lambda r: r[0])
        return [(rtype, text) for rtype, _date, text in rows]

    def _referenced(self, references: Any) -> dict[str, Json]:
        found: dict[str, Json] = {}
        for ref in references:
            target = normalise_reference(ref)
            if not target or target in found or "/" not in target or target.startswith("urn:"):
                continue
            rtype, rid = target.split("/", 1)
            row = self._conn.execute(
                "SELECT json FROM resource WHERE type = ? AND id = ? AND tombstone = 0",
                (rtype, rid),
            ).fetchone()
            if row is not None:
                found[target] = _loads(row[0])
        return found


def _medication_refs(resources: Sequence[Json]) -> list[Any]:
    refs = []
    for res in resources:
        med = res.get("medicationReference")
        if isinstance(med, dict):
            refs.append(med.get("reference"))
    return refs


def _loads(text: str) -> Json:
    value: Json = json.loads(text)
    return value


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("use timezone-aware datetimes for store queries")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


def _name_key(patient: Json) -> tuple[str, str]:
    names = patient.get("name")
    first = names[0] if isinstance(names, list) and names and isinstance(names[0], dict) else {}
    given = first.get("given")
    return (
        str(first.get("family", "")).casefold(),
        " ".join(given).casefold() if isinstance(given, list) else "",
    )
