"""A record we created gets the platform's id (a platform that assigns ids itself).

The row, its unsent entries and every reference to it (in other rows' JSON, their reference
index, their outbox references, and the compartment column when the record is a Patient) move
to the platform's id in the transaction that consolidates the create; ``id_alias`` keeps the
old id, so a view or an edit still holding it finds the record. If the platform's copy was
pulled meanwhile under its id, that copy gives way to ours (the same record, with our unsent
edits). Internal: ``sync_api.consolidate`` calls it inside its transaction.
"""

from __future__ import annotations

import json
from typing import Any

from offline.extract import index_fields, normalise_reference
from offline.rows import audit, clear_index_rows, delete_row, insert_index_rows, read_row, utc_now


def rekey(conn: Any, rtype: str, old: str, new: str, *, user_id: str) -> None:
    """Move ``rtype/old`` and everything that points at it to ``rtype/new``."""
    pulled = read_row(conn, rtype, new)
    if pulled is not None:
        delete_row(conn, pulled.rid)
    row = read_row(conn, rtype, old)
    if row is None:
        return
    conn.execute("UPDATE resource SET id = ? WHERE rid = ?", (new, row.rid))
    _rewrite(conn, row.rid, lambda resource: _with_id(resource, new))
    conn.execute("UPDATE outbox SET id = ? WHERE type = ? AND id = ?", (new, rtype, old))
    old_ref, new_ref = f"{rtype}/{old}", f"{rtype}/{new}"
    pointing = conn.execute(
        "SELECT rid FROM resource_ref WHERE target = ?"
        " UNION SELECT rid FROM resource WHERE ? AND patient_id = ?",
        (old_ref, int(rtype == "Patient"), old),
    ).fetchall()
    for (rid,) in pointing:
        _rewrite(conn, rid, lambda resource: _retarget(resource, old_ref, new_ref))
    conn.execute("UPDATE outbox_ref SET target = ? WHERE target = ?", (new_ref, old_ref))
    conn.execute(
        "INSERT OR REPLACE INTO id_alias (type, local_id, server_id, created_at)"
        " VALUES (?, ?, ?, ?)",
        (rtype, old, new, utc_now()),
    )
    audit(conn, user_id=user_id, action="rekey", rtype=rtype, rid=new, detail=f"was {old}")


def aliases(conn: Any) -> dict[tuple[str, str], str]:
    """Every local id the platform replaced: ``(type, our id) -> its id``."""
    rows = conn.execute("SELECT type, local_id, server_id FROM id_alias").fetchall()
    return {(t, local): server for t, local, server in rows}


def alias_of(conn: Any, rtype: str, rid: str) -> str | None:
    """The platform's id for our ``rtype/rid``, if it replaced it."""
    found = conn.execute(
        "SELECT server_id FROM id_alias WHERE type = ? AND local_id = ?", (rtype, rid)
    ).fetchone()
    return None if found is None else str(found[0])


def _rewrite(conn: Any, rid: int, change: Any) -> None:
    text, base = conn.execute(
        "SELECT json, base_json FROM resource WHERE rid = ?", (rid,)
    ).fetchone()
    if text is None:
        return
    resource = change(json.loads(text))
    new_base = None if base is None else json.dumps(change(json.loads(base)), ensure_ascii=False)
    fields = index_fields(resource)
    conn.execute(
        "UPDATE resource SET json = ?, base_json = ?, patient_id = ?, date = ?, status = ?"
        " WHERE rid = ?",
        (
            json.dumps(resource, ensure_ascii=False, separators=(",", ":")),
            new_base,
            fields.patient_id,
            fields.date,
            fields.status,
            rid,
        ),
    )
    clear_index_rows(conn, rid)
    insert_index_rows(conn, [(rid, fields)])


def _with_id(resource: dict[str, Any], new: str) -> dict[str, Any]:
    return {**resource, "id": new}


def _retarget(node: Any, old_ref: str, new_ref: str) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if (
                key == "reference"
                and isinstance(value, str)
                and normalise_reference(value) == old_ref
            ):
                node[key] = (
                    value[: len(value) - len(old_ref)] + new_ref
                    if value.endswith(old_ref)
                    else new_ref
                )
            else:
                _retarget(value, old_ref, new_ref)
    elif isinstance(node, list):
        for item in node:
            _retarget(item, old_ref, new_ref)
    return node
