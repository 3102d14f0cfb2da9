"""What the sync engine (``sync/``) needs from the store; every function is one transaction.

Upload:
  ``claim_batch(limit)``      pending entries in ``seq`` order, marked ``inflight``; at most one
                              per resource; resources with an open conflict or a quarantined
                              entry are held back. Each entry carries the resource's current
                              JSON, its base version (for If-Match) and its outgoing references
                              (for dependency ordering).
  ``consolidate(results)``    after the server accepted the sent entries: deletes exactly those
                              seqs, stores the server copy as the new base; edits made while the
                              request was in flight stay queued and are rebased on the new version.
  ``release(seqs, error)``    a retryable failure: the entries go back to ``pending``.
  ``quarantine(seq, message)``  the server rejected the entry (400/422): kept, not resent, shown.
  ``requeue(seq)``            a quarantined entry goes back to ``pending``.
Download:
  ``apply_server_resources(resources, checkpoint)``  upserts a page and its checkpoint together;
                              never writes an outbox row; never overwrites a dirty row (it is
                              returned as a ConflictCandidate instead); replays are harmless.
  ``apply_server_deletes(refs, checkpoint)``  tombstones rows the server deleted (dirty ones are
                              returned as candidates).
  ``keep_unreadable`` / ``unreadable_records`` / ``forget_unreadable``: records the platform
                              sent that could not be read (``offline.unreadable``).
  ``checkpoint(scope)`` / ``save_checkpoint``.
Conflicts: ``record_conflict(candidate)``, ``open_conflicts()``, ``resolve_conflict(...)``.
Scope: ``purge_patient(patient_id)`` removes a patient's clean rows, keeps dirty ones.

Internal: called through the Store, which holds the writer lock.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from clinical.fhir_time import parse_instant
from offline import bulk, rekey
from offline import unreadable as unreadable_rows
from offline.errors import (
    ConflictNotFoundError,
    InvalidResourceError,
    OutboxEntryNotFoundError,
    ResourceNotFoundError,
)
from offline.extract import index_fields
from offline.resource_check import check_resource, parse_resource
from offline.rows import Row, audit, read_row, transaction, utc_now, write_row
from offline.types import (
    ApplyResult,
    Checkpoint,
    Conflict,
    ConflictCandidate,
    ConflictId,
    Json,
    OutboxEntry,
    OutboxStatus,
    PurgeResult,
    ResourceId,
    ResourceType,
    SentResult,
    Seq,
    UnreadableRecord,
)

Resolution = Literal["local", "remote", "merged"]
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_ENTRY_COLUMNS = "o.seq, o.op, o.type, o.id, o.base_version_id, o.state, o.attempts, o.last_error"


def reset_inflight(conn: Any) -> int:
    """On open: entries a previous run was sending go back to pending (PUT replays are safe)."""
    with transaction(conn):
        cur = conn.execute("UPDATE outbox SET state = 'pending' WHERE state = 'inflight'")
        return int(cur.rowcount)


def claim_batch(conn: Any, *, limit: int) -> list[OutboxEntry]:
    """Up to ``limit`` pending entries in seq order, now ``inflight``; one per resource."""
    with transaction(conn):
        rows = conn.execute(
            f"SELECT {_ENTRY_COLUMNS}, r.json, o.sent_json FROM outbox o"  # noqa: S608
            " LEFT JOIN resource r ON r.type = o.type AND r.id = o.id"
            " WHERE o.state = 'pending'"
            " AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.type = o.type AND b.id = o.id"
            "   AND (b.state != 'pending' OR b.seq < o.seq))"
            " AND NOT EXISTS (SELECT 1 FROM conflict c WHERE c.type = o.type AND c.id = o.id"
            "   AND c.resolved_at IS NULL)"
            " ORDER BY o.seq LIMIT ?",
            (limit,),
        ).fetchall()
        entries = [
            replace(_entry(conn, row, row[8], state="inflight"), attempts=int(row[6]) + 1)
            for row in rows
        ]
        conn.executemany(
            "UPDATE outbox SET state = 'inflight', attempts = attempts + 1,"
            " sent_json = coalesce(?, sent_json) WHERE seq = ?",
            [(_with_sent(row[9], row[8] if row[1] != "delete" else None), row[0]) for row in rows],
        )
    return entries


SENT_KEPT = 3


def _with_sent(sent_json: str | None, text: str | None) -> str | None:
    """The entry's sent list with ``text`` (the resource about to be sent) appended, newest last.

    Recorded when the entry is claimed, before anything is sent: if the answer is then lost,
    the platform's version is recognised by its content (``ConflictCandidate.sent``).
    """
    if text is None:
        return None
    sent = json.loads(sent_json) if sent_json else []
    sent.append(json.loads(text))
    return json.dumps(sent[-SENT_KEPT:], ensure_ascii=False, separators=(",", ":"))


def _sent(conn: Any, rtype: str, rid: str) -> tuple[Json, ...]:
    """Everything sent for this resource and not yet consolidated, oldest first."""
    rows = conn.execute(
        "SELECT sent_json FROM outbox WHERE type = ? AND id = ? AND sent_json IS NOT NULL"
        " ORDER BY seq",
        (rtype, rid),
    ).fetchall()
    return tuple(item for (text,) in rows for item in json.loads(text))


def outbox_entries(conn: Any) -> list[OutboxEntry]:
    """Every outbox entry in seq order (for status views and tests)."""
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS}, r.json FROM outbox o"  # noqa: S608 - fixed column list
        " LEFT JOIN resource r ON r.type = o.type AND r.id = o.id ORDER BY o.seq"
    ).fetchall()
    return [_entry(conn, row, row[8], state=row[5]) for row in rows]


def _entry(conn: Any, row: Sequence[Any], text: str | None, *, state: Any) -> OutboxEntry:
    refs = conn.execute("SELECT target FROM outbox_ref WHERE seq = ?", (row[0],)).fetchall()
    return OutboxEntry(
        seq=Seq(row[0]),
        op=row[1],
        resource_type=ResourceType(row[2]),
        resource_id=ResourceId(row[3]),
        base_version_id=row[4],
        resource=None if row[1] == "delete" or text is None else json.loads(text),
        references=tuple(r[0] for r in refs),
        state=state,
        attempts=int(row[6]),
        last_error=row[7],
    )


def release(conn: Any, seqs: Sequence[Seq], *, error: str | None = None) -> None:
    """Put in-flight entries back to ``pending`` after a retryable failure."""
    with transaction(conn):
        for seq in seqs:
            _require_seq(conn, seq)
            conn.execute(
                "UPDATE outbox SET state = 'pending', last_error = ? WHERE seq = ?",
                (error, seq),
            )


def quarantine(conn: Any, seq: Seq, message: str) -> None:
    """Park an entry the server rejected, with its message; it is kept and not resent."""
    with transaction(conn):
        _require_seq(conn, seq)
        conn.execute(
            "UPDATE outbox SET state = 'quarantined', last_error = ? WHERE seq = ?",
            (message[:2000], seq),
        )


def requeue(conn: Any, seq: Seq) -> None:
    """Send a quarantined (or in-flight) entry again."""
    with transaction(conn):
        _require_seq(conn, seq)
        conn.execute("UPDATE outbox SET state = 'pending' WHERE seq = ?", (seq,))


def consolidate(conn: Any, results: Sequence[SentResult], *, user_id: str = "") -> None:
    """Record the server's acceptance of exactly these seqs; later edits are rebased, kept."""
    prepared: list[tuple[Seq, Json | None, str | None, str | None, str | None]] = []
    rekeyed = {r.seq: r.server_id for r in results if r.server_id is not None}
    for result in results:
        if result.resource is None:
            prepared.append((result.seq, None, None, result.version_id, result.last_updated))
            continue
        server, text = parse_resource(result.resource)
        meta = _meta(server)
        version = result.version_id or meta.get("versionId")
        updated = result.last_updated or meta.get("lastUpdated")
        prepared.append((result.seq, server, text, version, updated))
    with transaction(conn):
        for seq, parsed, server_text, version, updated in prepared:
            found = conn.execute(
                "SELECT type, id, op FROM outbox WHERE seq = ? AND state = 'inflight'", (seq,)
            ).fetchone()
            if found is None:
                raise OutboxEntryNotFoundError(f"outbox entry {seq} is not in flight")
            rtype, rid, op = found
            conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
            server_id = rekeyed.get(seq)
            if server_id is not None and server_id != rid:
                rekey.rekey(conn, rtype, rid, server_id, user_id=user_id)
                rid = server_id
            _consolidate_one(
                conn,
                (rtype, rid, op),
                parsed=parsed,
                server_text=server_text,
                version=version,
                updated=updated,
            )


def adopt_platform_id(conn: Any, rtype: str, rid: str, server_id: str, *, user_id: str) -> None:
    """Our unsent record ``rtype/rid`` is the platform's ``server_id`` from now on, with its
    changes still unsent: a create that found a colleague's record of the same thing under the
    identifier both computers derived (``sync.push``). The platform's copy, applied next, then
    meets our unsent version as a conflict for a person, never as our own write."""
    with transaction(conn):
        rekey.rekey(conn, rtype, rid, server_id, user_id=user_id)


def _meta(parsed: Json) -> dict[str, Any]:
    meta = parsed.get("meta")
    return meta if isinstance(meta, dict) else {}


def _consolidate_one(
    conn: Any,
    entry: tuple[str, str, str],
    *,
    parsed: Json | None,
    server_text: str | None,
    version: str | None,
    updated: str | None,
) -> None:
    rtype, rid, op = entry
    row = read_row(conn, rtype, rid)
    if row is None:
        return
    remaining = conn.execute(
        "SELECT count(*) FROM outbox WHERE type = ? AND id = ?", (rtype, rid)
    ).fetchone()[0]
    if op == "delete":
        if remaining == 0:
            _tombstone(conn, row, rtype, rid, version=version, updated=updated)
        else:
            conn.execute(
                "UPDATE outbox SET base_version_id = ? WHERE type = ? AND id = ?",
                (version, rtype, rid),
            )
        return
    if parsed is None or server_text is None:
        raise InvalidResourceError(
            f"consolidating {op} of {rtype}/{rid} needs the server's copy (or the sent payload)"
        )
    check_resource(parsed, expected_type=rtype)
    if remaining == 0:
        write_row(
            conn,
            existing=row,
            rtype=rtype,
            rid=rid,
            text=server_text,
            fields=index_fields(parsed),
            version_id=version,
            last_updated=updated,
            base_text=None,
            dirty=False,
            tombstone=False,
            local_modified_at=None,
        )
        return
    # Edits made while the request was in flight: keep them, rebase them on the new version.
    conn.execute(
        "UPDATE resource SET version_id = ?, server_last_updated = ?, base_json = ? WHERE rid = ?",
        (version, updated, server_text, row.rid),
    )
    conn.execute(
        "UPDATE outbox SET base_version_id = ?,"
        " op = CASE WHEN op = 'create' THEN 'update' ELSE op END"
        " WHERE type = ? AND id = ?",
        (version, rtype, rid),
    )


def _tombstone(
    conn: Any, row: Row, rtype: str, rid: str, *, version: str | None, updated: str | None
) -> None:
    write_row(
        conn,
        existing=row,
        rtype=rtype,
        rid=rid,
        text=None,
        fields=None,
        version_id=version or row.version_id,
        last_updated=updated or row.server_last_updated,
        base_text=None,
        dirty=False,
        tombstone=True,
        local_modified_at=None,
    )


def apply_server_resources(
    conn: Any,
    resources: Iterable[Mapping[str, Any] | str | bytes],
    *,
    checkpoint: Checkpoint | None = None,
    unreadable: Iterable[UnreadableRecord] = (),
) -> ApplyResult:
    """Upsert a page of server resources, keep its unreadable records, and save its
    checkpoint, all in one transaction (no outbox).

    A resource the store cannot keep (no valid id, a type it does not store) joins
    ``unreadable`` instead of failing the page: nothing the platform sent is dropped, and the
    checkpoint never moves past a record that was not stored.
    """
    parsed_all: list[bulk.Incoming] = []
    kept_aside = list(unreadable)
    for value in resources:
        try:
            parsed, text = parse_resource(value)
        except InvalidResourceError as exc:
            kept_aside.append(_unstorable(value, str(exc)))
            continue
        meta = _meta(parsed)
        # ``parse_resource`` wrote a parsed resource's text itself (compact); text it was
        # given is kept as it came.
        compact = not isinstance(value, str | bytes)
        parsed_all.append(
            bulk.Incoming(parsed, text, meta.get("versionId"), meta.get("lastUpdated"), compact)
        )
    # A resource listed twice in one page: the later copy is the one that counts.
    latest = {item.key: item for item in parsed_all}
    skipped = len(parsed_all) - len(latest)
    applied = 0
    conflicts: list[ConflictCandidate] = []
    with transaction(conn):
        existing = bulk.existing_rows(conn, list(latest))
        new: list[bulk.Incoming] = []
        for key, item in latest.items():
            row = existing.get(key)
            if row is None:
                new.append(item)
            elif row.dirty:
                if item.version_id is not None and item.version_id == row.version_id:
                    skipped += 1
                else:
                    conflicts.append(
                        _candidate(conn, row, key, remote=item.resource, version=item.version_id)
                    )
            elif _is_stale(row, item.version_id, item.last_updated):
                skipped += 1
            else:
                bulk.replace_clean(conn, item, row)
                applied += 1
        bulk.insert_clean(conn, new)
        applied += len(new)
        unreadable_rows.readable_again(conn, list(latest))
        unreadable_rows.keep(conn, kept_aside)
        if checkpoint is not None:
            _save_checkpoint(conn, checkpoint)
    return ApplyResult(
        applied=applied, skipped=skipped, conflicts=tuple(conflicts), unreadable=len(kept_aside)
    )


def _unstorable(value: Mapping[str, Any] | str | bytes, problem: str) -> UnreadableRecord:
    """A resource the store's check refused, as an unreadable record with its text."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
        except (TypeError, ValueError):
            text = repr(type(value))
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    rtype = parsed.get("resourceType") if isinstance(parsed, dict) else None
    rid = parsed.get("id") if isinstance(parsed, dict) else None
    return UnreadableRecord(
        resource_type=rtype if isinstance(rtype, str) and rtype.isalpha() else None,
        resource_id=rid if isinstance(rid, str) and _FHIR_ID.fullmatch(rid) else None,
        text=text,
        problems=problem,
    )


def id_aliases(conn: Any) -> dict[tuple[str, str], str]:
    """Our ids the platform replaced with its own (``offline.rekey``)."""
    return rekey.aliases(conn)


def keep_unreadable(conn: Any, records: Sequence[UnreadableRecord]) -> None:
    """Store unreadable records on their own (a retry that found them still unreadable)."""
    with transaction(conn):
        unreadable_rows.keep(conn, records)


def unreadable_records(conn: Any) -> list[UnreadableRecord]:
    """Every kept unreadable record, oldest first (for the sync's retry)."""
    return unreadable_rows.all_records(conn)


def forget_unreadable(conn: Any, seqs: Sequence[int]) -> None:
    """Drop kept unreadable records (the platform no longer has them, or they now read)."""
    with transaction(conn):
        unreadable_rows.forget(conn, seqs)


def _is_stale(row: Row, version: str | None, updated: str | None) -> bool:
    if version is not None and version == row.version_id and not row.tombstone:
        return True  # the same version again (overlapping pages): nothing to do
    if updated is None or row.server_last_updated is None:
        return False
    # An older copy must not resurrect a deleted row or roll a newer one back. The moments are
    # compared, never the text: offsets and precision differ between copies of one history.
    try:
        return parse_instant(updated) < parse_instant(row.server_last_updated)
    except ValueError:
        return False  # a stamp that is no instant cannot prove the copy old: the server wins


def _candidate(
    conn: Any,
    row: Row,
    key: tuple[str, str],
    *,
    remote: Json | None,
    version: str | None,
    deleted: bool = False,
) -> ConflictCandidate:
    rtype, rid = key
    return ConflictCandidate(
        resource_type=ResourceType(rtype),
        resource_id=ResourceId(rid),
        local=row.resource(),
        base=row.base(),
        base_version_id=row.version_id,
        remote=remote,
        remote_version_id=version,
        remote_deleted=deleted,
        sent=_sent(conn, rtype, rid),
    )


def apply_server_deletes(
    conn: Any,
    refs: Iterable[tuple[str, str]],
    *,
    checkpoint: Checkpoint | None = None,
) -> ApplyResult:
    """Tombstone resources the server deleted; dirty ones come back as conflict candidates."""
    targets = list(refs)
    for rtype, rid in targets:
        check_resource({"resourceType": rtype, "id": rid})
    applied = skipped = 0
    conflicts: list[ConflictCandidate] = []
    with transaction(conn):
        for rtype, rid in targets:
            row = read_row(conn, rtype, rid)
            if row is None or (row.tombstone and not row.dirty):
                skipped += 1
            elif row.dirty:
                if row.tombstone:
                    skipped += 1  # deleted on both sides; our delete will get 404/410
                else:
                    conflicts.append(
                        _candidate(conn, row, (rtype, rid), remote=None, version=None, deleted=True)
                    )
            else:
                _tombstone(conn, row, rtype, rid, version=None, updated=None)
                applied += 1
        unreadable_rows.readable_again(conn, targets)
        if checkpoint is not None:
            _save_checkpoint(conn, checkpoint)
    return ApplyResult(applied=applied, skipped=skipped, conflicts=tuple(conflicts))


def save_checkpoint(conn: Any, checkpoint: Checkpoint) -> None:
    """Store a scope's checkpoint on its own (pages store theirs with their data)."""
    with transaction(conn):
        _save_checkpoint(conn, checkpoint)


def save_checkpoints(conn: Any, checkpoints: Sequence[Checkpoint]) -> None:
    """Store several checkpoints in one transaction."""
    with transaction(conn):
        for checkpoint in checkpoints:
            _save_checkpoint(conn, checkpoint)


def _save_checkpoint(conn: Any, cp: Checkpoint) -> None:
    conn.execute(
        "INSERT INTO sync_checkpoint (scope, watermark, cursor_url, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET watermark = excluded.watermark,"
        " cursor_url = excluded.cursor_url, updated_at = excluded.updated_at",
        (cp.scope, cp.watermark, cp.cursor_url, utc_now()),
    )


def checkpoint(conn: Any, scope: str) -> Checkpoint | None:
    """The stored checkpoint of ``scope``, if any."""
    found = conn.execute(
        "SELECT watermark, cursor_url FROM sync_checkpoint WHERE scope = ?", (scope,)
    ).fetchone()
    return None if found is None else Checkpoint(scope, found[0], found[1])


def record_conflict(conn: Any, candidate: ConflictCandidate, *, user_id: str) -> ConflictId:
    """Keep both sides and the base; an open conflict for the same resource is updated."""

    def dump(value: Json | None) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    now = utc_now()
    rtype, rid = candidate.resource_type, candidate.resource_id
    with transaction(conn):
        found = conn.execute(
            "SELECT conflict_id FROM conflict WHERE type = ? AND id = ? AND resolved_at IS NULL",
            (rtype, rid),
        ).fetchone()
        values = (
            dump(candidate.local),
            dump(candidate.remote),
            dump(candidate.base),
            candidate.remote_version_id,
            int(candidate.remote_deleted),
            now,
        )
        if found is not None:
            conn.execute(
                "UPDATE conflict SET local_json = ?, remote_json = ?, base_json = ?,"
                " remote_version_id = ?, remote_deleted = ?, detected_at = ?"
                " WHERE conflict_id = ?",
                (*values, found[0]),
            )
            cid = int(found[0])
        else:
            cur = conn.execute(
                "INSERT INTO conflict (local_json, remote_json, base_json, remote_version_id,"
                " remote_deleted, detected_at, type, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, rtype, rid),
            )
            cid = int(cur.lastrowid)
        audit(conn, user_id=user_id, action="conflict-detected", rtype=rtype, rid=rid, at=now)
    return ConflictId(cid)


def open_conflicts(conn: Any) -> list[Conflict]:
    """Unresolved conflicts, oldest first."""
    rows = conn.execute(
        "SELECT conflict_id, type, id, local_json, remote_json, base_json, remote_version_id,"
        " remote_deleted, detected_at, resolved_at, resolution FROM conflict"
        " WHERE resolved_at IS NULL ORDER BY conflict_id"
    ).fetchall()
    return [_conflict(r) for r in rows]


def _conflict(r: Sequence[Any]) -> Conflict:
    def load(text: str | None) -> Json | None:
        return None if text is None else json.loads(text)

    return Conflict(
        conflict_id=ConflictId(r[0]),
        resource_type=ResourceType(r[1]),
        resource_id=ResourceId(r[2]),
        local=load(r[3]),
        remote=load(r[4]),
        base=load(r[5]),
        remote_version_id=r[6],
        remote_deleted=bool(r[7]),
        detected_at=r[8],
        resolved_at=r[9],
        resolution=r[10],
    )


def resolve_conflict(
    conn: Any,
    conflict_id: ConflictId,
    *,
    resolution: Resolution,
    merged: Mapping[str, Any] | None,
    user_id: str,
) -> None:
    """Settle a conflict. The losing local version stays in the conflict row (a backup).

    ``remote``: take the server's version (or its delete); pending local entries are dropped.
    ``local`` / ``merged``: keep the local (or a merged) version on top of the server's version:
    one pending entry is queued with the remote version as its base.
    """
    now = utc_now()
    with transaction(conn):
        found = conn.execute(
            "SELECT conflict_id, type, id, local_json, remote_json, base_json, remote_version_id,"
            " remote_deleted, detected_at, resolved_at, resolution FROM conflict"
            " WHERE conflict_id = ? AND resolved_at IS NULL",
            (conflict_id,),
        ).fetchone()
        if found is None:
            raise ConflictNotFoundError(f"conflict {conflict_id} is not open")
        c = _conflict(found)
        row = read_row(conn, c.resource_type, c.resource_id)
        if row is None:
            raise ResourceNotFoundError(f"{c.resource_type}/{c.resource_id} is not in the store")
        conn.execute(
            "DELETE FROM outbox WHERE type = ? AND id = ? AND state != 'inflight'",
            (c.resource_type, c.resource_id),
        )
        if resolution == "remote":
            _take_remote(conn, row, c)
        else:
            _keep_local(conn, row, c, merged if resolution == "merged" else None, now=now)
        conn.execute(
            "UPDATE conflict SET resolved_at = ?, resolution = ? WHERE conflict_id = ?",
            (now, resolution, conflict_id),
        )
        audit(
            conn,
            user_id=user_id,
            action=f"conflict-resolved-{resolution}",
            rtype=c.resource_type,
            rid=c.resource_id,
            at=now,
        )


def _take_remote(conn: Any, row: Row, c: Conflict) -> None:
    if c.remote_deleted or c.remote is None:
        _tombstone(conn, row, c.resource_type, c.resource_id, version=None, updated=None)
        return
    parsed, text = parse_resource(c.remote, expected_type=c.resource_type)
    meta = _meta(parsed)
    write_row(
        conn,
        existing=row,
        rtype=c.resource_type,
        rid=c.resource_id,
        text=text,
        fields=index_fields(parsed),
        version_id=c.remote_version_id,
        last_updated=meta.get("lastUpdated"),
        base_text=None,
        dirty=False,
        tombstone=False,
        local_modified_at=None,
    )


def _keep_local(
    conn: Any, row: Row, c: Conflict, merged: Mapping[str, Any] | None, *, now: str
) -> None:
    rtype, rid = c.resource_type, c.resource_id
    base_text = None
    if c.remote is not None:
        base_text = parse_resource(c.remote, expected_type=rtype)[1]
    if row.tombstone and merged is None:
        op, text, fields = "delete", None, None
    else:
        source = merged if merged is not None else row.resource()
        if source is None:
            raise InvalidResourceError(f"no local version of {rtype}/{rid} to keep")
        parsed, text = parse_resource(source, expected_type=rtype)
        if parsed["id"] != rid:
            raise InvalidResourceError(f"the merged resource is not {rtype}/{rid}")
        fields = index_fields(parsed)
        op = "create" if c.remote_deleted else "update"
    write_row(
        conn,
        existing=row,
        rtype=rtype,
        rid=rid,
        text=text,
        fields=fields,
        version_id=None if c.remote_deleted else c.remote_version_id,
        last_updated=row.server_last_updated,
        base_text=base_text,
        dirty=True,
        tombstone=text is None,
        local_modified_at=now,
    )
    cur = conn.execute(
        "INSERT INTO outbox (type, id, op, base_version_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (rtype, rid, op, None if c.remote_deleted else c.remote_version_id, now),
    )
    if fields is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO outbox_ref (seq, target) VALUES (?, ?)",
            [(cur.lastrowid, t) for t in fields.references],
        )


def purge_patient(conn: Any, patient_id: str, *, user_id: str) -> PurgeResult:
    """A patient left this user's scope: drop clean rows; dirty rows (and the Patient) stay.

    See ``purge_patients``, which this is for one patient and no one kept.
    """
    return purge_patients(conn, [patient_id], keep_referencing=(), user_id=user_id)[0]


def purge_patients(
    conn: Any, patient_ids: Sequence[str], *, keep_referencing: Collection[str], user_id: str
) -> list[PurgeResult]:
    """Patients left this user's scope: drop their clean rows; dirty rows (and the Patient
    they need) stay, to be purged by a later call once they have been uploaded.

    Clean rows whose compartment the store could not place (``patient_id`` NULL: AuditEvents,
    Provenance) go too when they reference the patient, and so do the patient's unreadable
    records. A row that also names a patient in ``keep_referencing`` stays: it is in that
    patient's compartment too (an observation of one patient performed by another). Each
    purge that removed something is audited. One transaction.
    """
    results: list[PurgeResult] = []
    with transaction(conn):
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS purge_keep (target TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM purge_keep")
        conn.executemany(
            "INSERT OR IGNORE INTO purge_keep (target) VALUES (?)",
            [(f"Patient/{p}",) for p in keep_referencing],
        )
        for patient_id in patient_ids:
            results.append(_purge_one(conn, patient_id, user_id=user_id))
        conn.execute("DELETE FROM purge_keep")
    return results


_PURGE_OWN = (
    "DELETE FROM resource WHERE patient_id = ? AND dirty = 0"
    " AND NOT (? AND type = 'Patient' AND id = ?)"
    " AND rid NOT IN (SELECT f.rid FROM resource_ref f JOIN purge_keep k ON k.target = f.target)"
)
_PURGE_UNPLACED = (
    "DELETE FROM resource WHERE patient_id IS NULL AND dirty = 0"
    " AND rid IN (SELECT rid FROM resource_ref WHERE target = ?)"
    " AND rid NOT IN (SELECT f.rid FROM resource_ref f JOIN purge_keep k ON k.target = f.target)"
)


def _purge_one(conn: Any, patient_id: str, *, user_id: str) -> PurgeResult:
    kept = int(
        conn.execute(
            "SELECT count(*) FROM resource WHERE patient_id = ? AND dirty = 1", (patient_id,)
        ).fetchone()[0]
    )
    # With dirty rows left, the Patient stays too, so they can still be shown and sent.
    removed = conn.execute(_PURGE_OWN, (patient_id, int(kept > 0), patient_id)).rowcount
    removed += conn.execute(_PURGE_UNPLACED, (f"Patient/{patient_id}",)).rowcount
    conn.execute("DELETE FROM unreadable WHERE patient_id = ?", (patient_id,))
    if removed:
        audit(
            conn,
            user_id=user_id,
            action="purge-patient",
            rtype="Patient",
            rid=patient_id,
            patient_id=patient_id,
            detail=f"removed={removed} kept_dirty={kept}",
        )
    return PurgeResult(removed=int(removed), kept_dirty=kept)


def prune_audit_log(conn: Any, *, before: str) -> int:
    """Remove local audit lines written before ``before`` about patients no longer held here.

    The retention policy of the local log: this workstation's log of who opened which record is
    a copy; the AuditEvent uploaded for each opening is the record of access the platform keeps
    (pasientjournalforskriften § 14). A line about a patient this store no longer holds is
    kept while any unsent record (an AuditEvent included) still refers to that patient, and
    until it is older than the retention period; then it is removed. Lines about patients in
    scope, and lines about no patient, are kept.
    """
    with transaction(conn):
        cur = conn.execute(
            "DELETE FROM audit_log WHERE at < ? AND patient_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM resource r WHERE r.patient_id = audit_log.patient_id"
            "   AND (r.tombstone = 0 OR r.dirty = 1))"
            " AND NOT EXISTS (SELECT 1 FROM outbox_ref f"
            "   WHERE f.target = 'Patient/' || audit_log.patient_id)",
            (before,),
        )
        return int(cur.rowcount)


def outbox_status(conn: Any) -> OutboxStatus:
    """Counts of pending, in-flight and quarantined entries and open conflicts."""
    counts = dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    conflicts = conn.execute("SELECT count(*) FROM conflict WHERE resolved_at IS NULL").fetchone()[
        0
    ]
    return OutboxStatus(
        pending=int(counts.get("pending", 0)),
        inflight=int(counts.get("inflight", 0)),
        quarantined=int(counts.get("quarantined", 0)),
        open_conflicts=int(conflicts),
        unreadable=unreadable_rows.count(conn),
    )


def _require_seq(conn: Any, seq: Seq) -> None:
    if conn.execute("SELECT 1 FROM outbox WHERE seq = ?", (seq,)).fetchone() is None:
        raise OutboxEntryNotFoundError(f"outbox entry {seq} does not exist")
