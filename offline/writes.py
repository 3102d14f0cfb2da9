"""Local writes: each create, update or delete changes the resource row *and* the outbox in the
same transaction, squashing outbox entries per resource.

Squashing applies only to entries not being sent (``pending`` or ``quarantined``; an edit of a
quarantined entry puts it back to ``pending``):
  create + updates      -> one create
  update + updates      -> one update (base version of the first)
  create + delete       -> nothing at all: the row and its pending entries disappear
  update + delete       -> one delete with the update's base version (If-Match)
  anything after delete -> ResourceDeletedError
An entry already ``inflight`` is never touched; a new entry is appended after it and rebased on
the server's new version when the in-flight one is consolidated.

``write_all`` does several creates-or-updates in one transaction (a medication round is saved
whole or not at all), and ``record_access`` writes the AuditEvent for upload together with the
local audit line.

Internal: the public entry points are the Store methods, which hold the writer lock.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from offline import rekey
from offline.errors import (
    InvalidResourceError,
    ResourceDeletedError,
    ResourceExistsError,
    ResourceNotFoundError,
)
from offline.extract import index_fields
from offline.resource_check import check_resource, parse_resource
from offline.rows import Row, audit, delete_row, read_row, transaction, utc_now, write_row
from offline.schema import ACCESS_BASES
from offline.types import Json, Operation

LOCAL_ID_SYSTEM = "urn:ietf:rfc:3986"


def create(conn: Any, resource: Mapping[str, Any], *, user_id: str) -> Json:
    """Store a new local resource (assigning a UUID id if it has none) and queue its create."""
    parsed, text = parse_new(resource)
    with transaction(conn):
        existing = read_row(conn, parsed["resourceType"], parsed["id"])
        _create(conn, parsed, text, existing=existing, user_id=user_id, now=utc_now())
    return parsed


def update(conn: Any, resource: Mapping[str, Any], *, user_id: str) -> Json:
    """Replace a stored resource with ``resource`` and queue (or squash into) its update."""
    parsed, text = parse_resource(resource)
    with transaction(conn):
        parsed, text = _following_alias(conn, parsed, text)
        existing = _live_row(conn, parsed["resourceType"], parsed["id"])
        _update(conn, parsed, text, existing=existing, user_id=user_id, now=utc_now())
    return parsed


def write_all(conn: Any, resources: Sequence[Mapping[str, Any]], *, user_id: str) -> list[Json]:
    """Create or update every resource, with its outbox entry, in ONE transaction.

    A resource the store holds (live) is updated, any other is created; squashing applies as
    for single writes, also between two writes of the same resource in one call. Every resource
    is checked before anything is written, and any failure rolls the whole call back.
    """
    prepared = [parse_new(resource) for resource in resources]
    now = utc_now()
    with transaction(conn):
        for parsed, text in prepared:
            existing = read_row(conn, parsed["resourceType"], parsed["id"])
            if existing is None or existing.tombstone:
                _create(conn, parsed, text, existing=existing, user_id=user_id, now=now)
            else:
                _update(conn, parsed, text, existing=existing, user_id=user_id, now=now)
    return [parsed for parsed, _text in prepared]


def record_access(
    conn: Any,
    patient_id: str,
    *,
    basis: str,
    view: str | None,
    audit_event: Mapping[str, Any] | None,
    user_id: str,
) -> Json | None:
    """The local ``open-record`` audit line and (if given) the AuditEvent to upload, together."""
    if basis not in ACCESS_BASES:
        raise InvalidResourceError(f"unknown access basis {basis!r} for a record opening")
    prepared = None if audit_event is None else parse_new(audit_event, expected_type="AuditEvent")
    now = utc_now()
    with transaction(conn):
        if prepared is not None:
            event, text = prepared
            existing = read_row(conn, event["resourceType"], event["id"])
            _create(conn, event, text, existing=existing, user_id=user_id, now=now)
        audit(
            conn,
            user_id=user_id,
            action="open-record",
            rtype="Patient",
            rid=patient_id,
            patient_id=patient_id,
            access_basis=basis,
            record_view=view,
            at=now,
        )
    return None if prepared is None else prepared[0]


def parse_new(resource: Mapping[str, Any], *, expected_type: str | None = None) -> tuple[Json, str]:
    """``parse_resource`` after giving a resource without an id a UUID (and the matching
    ``urn:uuid`` identifier, so the server copy can be recognised)."""
    data = dict(resource)
    if "id" not in data:
        data["id"] = str(uuid.uuid4())
        data.setdefault("identifier", [])
        if isinstance(data["identifier"], list):
            data["identifier"] = [
                *data["identifier"],
                {"system": LOCAL_ID_SYSTEM, "value": f"urn:uuid:{data['id']}"},
            ]
    return parse_resource(data, expected_type=expected_type)


def _create(
    conn: Any, parsed: Json, text: str, *, existing: Row | None, user_id: str, now: str
) -> None:
    rtype, rid = parsed["resourceType"], parsed["id"]
    if existing is not None:
        if existing.tombstone and existing.dirty:
            raise ResourceDeletedError(f"{rtype}/{rid} was deleted locally")
        if not existing.tombstone:
            raise ResourceExistsError(f"{rtype}/{rid} already exists")
    fields = index_fields(parsed)
    write_row(
        conn,
        existing=existing,
        rtype=rtype,
        rid=rid,
        text=text,
        fields=fields,
        version_id=existing.version_id if existing else None,
        last_updated=existing.server_last_updated if existing else None,
        base_text=None,
        dirty=True,
        tombstone=False,
        local_modified_at=now,
    )
    # Re-creating a server-deleted id is a PUT-create on the server.
    _append(conn, rtype, rid, "create", base=None, refs=fields.references, now=now)
    audit(
        conn,
        user_id=user_id,
        action="create",
        rtype=rtype,
        rid=rid,
        patient_id=fields.patient_id,
        at=now,
    )


def _update(conn: Any, parsed: Json, text: str, *, existing: Row, user_id: str, now: str) -> None:
    rtype, rid = parsed["resourceType"], parsed["id"]
    fields = index_fields(parsed)
    write_row(
        conn,
        existing=existing,
        rtype=rtype,
        rid=rid,
        text=text,
        fields=fields,
        version_id=existing.version_id,
        last_updated=existing.server_last_updated,
        base_text=existing.base_text,
        dirty=True,
        tombstone=False,
        local_modified_at=now,
    )
    pending = _pending(conn, rtype, rid)
    if pending:
        seq, _op = pending[-1]
        # An edit of a quarantined entry is the user's fix: it goes back in the queue.
        conn.execute("UPDATE outbox SET state = 'pending' WHERE seq = ?", (seq,))
        _replace_refs(conn, seq, fields.references)
    else:
        op: Operation = "update" if existing.version_id is not None else "create"
        _append(conn, rtype, rid, op, base=existing.version_id, refs=fields.references, now=now)
    audit(
        conn,
        user_id=user_id,
        action="update",
        rtype=rtype,
        rid=rid,
        patient_id=fields.patient_id,
        at=now,
    )


def delete(conn: Any, rtype: str, rid: str, *, user_id: str) -> None:
    """Delete a resource locally and queue the delete (or drop a create never sent)."""
    check_resource({"resourceType": rtype, "id": rid})
    now = utc_now()
    with transaction(conn):
        if read_row(conn, rtype, rid) is None:
            rid = rekey.alias_of(conn, rtype, rid) or rid
        existing = _live_row(conn, rtype, rid)
        # An entry claimed before (attempts > 0) may have reached the platform even though its
        # answer never came back: a kill after the server's commit leaves it pending again on the
        # next open. Dropping create + delete then would leave the record on the platform, and
        # the next pull would bring back what the nurse deleted; so such a delete is sent.
        maybe_sent = conn.execute(
            "SELECT count(*) FROM outbox WHERE type = ? AND id = ?"
            " AND (state = 'inflight' OR (state = 'pending' AND attempts > 0))",
            (rtype, rid),
        ).fetchone()[0]
        carried = _sent_history(conn, rtype, rid)
        conn.execute(
            "DELETE FROM outbox WHERE type = ? AND id = ? AND state != 'inflight'", (rtype, rid)
        )
        never_sent = existing.version_id is None and maybe_sent == 0
        if never_sent:
            delete_row(conn, existing.rid)
        else:
            write_row(
                conn,
                existing=existing,
                rtype=rtype,
                rid=rid,
                text=None,
                fields=None,
                version_id=existing.version_id,
                last_updated=existing.server_last_updated,
                base_text=existing.base_text,
                dirty=True,
                tombstone=True,
                local_modified_at=now,
            )
            seq = _append(conn, rtype, rid, "delete", base=existing.version_id, refs=(), now=now)
            if carried is not None:
                conn.execute("UPDATE outbox SET sent_json = ? WHERE seq = ?", (carried, seq))
        audit(
            conn,
            user_id=user_id,
            action="delete",
            rtype=rtype,
            rid=rid,
            patient_id=existing.patient_id,
            at=now,
        )


def _following_alias(conn: Any, parsed: Json, text: str) -> tuple[Json, str]:
    """An edit of a record the platform has since given its own id goes to that id."""
    rtype, rid = parsed["resourceType"], parsed["id"]
    if read_row(conn, rtype, rid) is not None:
        return parsed, text
    server_id = rekey.alias_of(conn, rtype, rid)
    if server_id is None:
        return parsed, text
    return parse_resource({**parsed, "id": server_id})


def _live_row(conn: Any, rtype: str, rid: str) -> Row:
    existing = read_row(conn, rtype, rid)
    if existing is None or (existing.tombstone and not existing.dirty):
        raise ResourceNotFoundError(f"{rtype}/{rid} is not in the store")
    if existing.tombstone:
        raise ResourceDeletedError(f"{rtype}/{rid} was deleted locally")
    return existing


def _sent_history(conn: Any, rtype: str, rid: str) -> str | None:
    """What the entries a delete replaces had sent (a JSON list, oldest first), or None.

    An update whose answer was lost may have landed; the delete that replaces its entry keeps
    what it sent, so the pull recognises that version as ours (``ConflictCandidate.sent``) and
    the delete goes up on it instead of waiting as a conflict with ourselves.
    """
    rows = conn.execute(
        "SELECT sent_json FROM outbox WHERE type = ? AND id = ? AND state != 'inflight'"
        " AND sent_json IS NOT NULL ORDER BY seq",
        (rtype, rid),
    ).fetchall()
    sent = [item for (text,) in rows for item in json.loads(text)]
    return json.dumps(sent, ensure_ascii=False, separators=(",", ":")) if sent else None


def _pending(conn: Any, rtype: str, rid: str) -> list[tuple[int, str]]:
    rows = conn.execute(
        "SELECT seq, op FROM outbox WHERE type = ? AND id = ? AND state != 'inflight' ORDER BY seq",
        (rtype, rid),
    ).fetchall()
    return [(int(seq), str(op)) for seq, op in rows]


def _append(
    conn: Any,
    rtype: str,
    rid: str,
    op: Operation,
    *,
    base: str | None,
    refs: tuple[str, ...],
    now: str,
) -> int:
    cur = conn.execute(
        "INSERT INTO outbox (type, id, op, base_version_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (rtype, rid, op, base, now),
    )
    seq = int(cur.lastrowid)
    _replace_refs(conn, seq, refs)
    return seq


def _replace_refs(conn: Any, seq: int, refs: tuple[str, ...]) -> None:
    conn.execute("DELETE FROM outbox_ref WHERE seq = ?", (seq,))
    conn.executemany(
        "INSERT OR IGNORE INTO outbox_ref (seq, target) VALUES (?, ?)",
        [(seq, target) for target in refs],
    )
