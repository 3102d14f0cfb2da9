"""The store's schema: ordered migrations, each run once inside one transaction.

``PRAGMA user_version`` holds the version. A file newer than this code is refused with
UnknownSchemaVersionError and left untouched. Every migration is tested against a real file of
the previous version kept in ``tests/offline/data/``.

Version history:
  1. resources (+ identifier side table), outbox (+ refs), checkpoints, conflicts, audit log.
  2. side tables for codes and outgoing references (ward lists, vital-sign series), backfilled
     from the stored JSON; two indexes no query used (type+date, dirty) dropped, since every
     index costs on each of a million inserts. The new side tables are cleaned by a trigger
     instead of a foreign key: a foreign key costs a parent lookup (a cursor, i.e. an
     allocation that SQLCipher's memory security mlocks) on every one of millions of inserts.
  3. ``user_mark``: the user's own never-synced marks (e.g. when they last saw a medication
     list), encrypted with everything else. Tasks join their patient's compartment
     (``Task.for``): stored Tasks get ``patient_id`` and their reference rows re-derived.
  4. The local audit log keeps a record opening's access basis and the part of the record opened
     as columns of their own (``access_basis``, ``record_view``) instead of one packed
     ``detail`` string (``"AKUTT:core-record"``); existing openings are split into them, and a
     line whose basis is not a national code keeps its ``detail`` as it was.
  5. ``outbox.sent_json``: the contents last sent for an entry (a JSON list), so a version the
     platform holds is recognised as our own write by its content, never by ``meta.source``.
     ``unreadable``: records the platform sent that failed the structural check, kept with the
     platform's own text until a later sync reads them. ``id_alias``: a local id the platform
     replaced with its own on a create (servers that refuse client-assigned ids).

``resource.json`` is the current local JSON, exactly as received or written. ``base_json`` is the
last server JSON when it differs from ``json`` (a dirty row); NULL on a clean row means ``json``
is the server's copy (stored once, not twice).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from offline.errors import UnknownSchemaVersionError
from offline.extract import index_fields, indexed_references

_V1 = """
CREATE TABLE resource (
    rid INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    version_id TEXT,
    server_last_updated TEXT,
    json TEXT,
    base_json TEXT,
    dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
    tombstone INTEGER NOT NULL DEFAULT 0 CHECK (tombstone IN (0, 1)),
    local_modified_at TEXT,
    patient_id TEXT,
    date TEXT,
    status TEXT,
    UNIQUE (type, id)
);
CREATE INDEX resource_patient ON resource (patient_id, type, date);
CREATE INDEX resource_type_date ON resource (type, date);
CREATE INDEX resource_dirty ON resource (dirty) WHERE dirty = 1;

CREATE TABLE resource_identifier (
    rid INTEGER NOT NULL REFERENCES resource (rid) ON DELETE CASCADE,
    system TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (system, value, rid)
) WITHOUT ROWID;
CREATE INDEX resource_identifier_rid ON resource_identifier (rid);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    base_version_id TEXT,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'inflight', 'quarantined')),
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_resource ON outbox (type, id);
CREATE INDEX outbox_state ON outbox (state, seq);

CREATE TABLE outbox_ref (
    seq INTEGER NOT NULL REFERENCES outbox (seq) ON DELETE CASCADE,
    target TEXT NOT NULL,
    PRIMARY KEY (seq, target)
) WITHOUT ROWID;

CREATE TABLE sync_checkpoint (
    scope TEXT PRIMARY KEY,
    watermark TEXT,
    cursor_url TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE conflict (
    conflict_id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    local_json TEXT,
    remote_json TEXT,
    base_json TEXT,
    remote_version_id TEXT,
    remote_deleted INTEGER NOT NULL DEFAULT 0,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);
CREATE INDEX conflict_open ON conflict (type, id) WHERE resolved_at IS NULL;

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    type TEXT,
    id TEXT,
    patient_id TEXT,
    detail TEXT
);
"""

_V2 = """
CREATE TABLE resource_code (
    rid INTEGER NOT NULL,
    system TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (rid, system, code)
) WITHOUT ROWID;
CREATE INDEX resource_code_code ON resource_code (code, system);

CREATE TABLE resource_ref (
    rid INTEGER NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (rid, target)
) WITHOUT ROWID;
CREATE INDEX resource_ref_target ON resource_ref (target);
CREATE TRIGGER resource_deleted AFTER DELETE ON resource BEGIN
    DELETE FROM resource_code WHERE rid = old.rid;
    DELETE FROM resource_ref WHERE rid = old.rid;
END;
DROP INDEX resource_type_date;
DROP INDEX resource_dirty;
"""

_V3 = """
CREATE TABLE user_mark (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;
"""

_V4 = """
ALTER TABLE audit_log ADD COLUMN access_basis TEXT
    CHECK (access_basis IN ('SAMTYKKE', 'AKUTT', 'UNNTAK'));
ALTER TABLE audit_log ADD COLUMN record_view TEXT;
"""
ACCESS_BASES = frozenset({"SAMTYKKE", "AKUTT", "UNNTAK"})
"""The national access-basis codes (Kjernejournal), as ``audit_log.access_basis`` accepts them."""


_V5 = """
ALTER TABLE outbox ADD COLUMN sent_json TEXT;

CREATE TABLE unreadable (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT,
    id TEXT,
    patient_id TEXT,
    scope_patients TEXT,
    raw TEXT NOT NULL,
    digest TEXT NOT NULL,
    problems TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX unreadable_resource ON unreadable (type, id)
    WHERE type IS NOT NULL AND id IS NOT NULL;
CREATE UNIQUE INDEX unreadable_digest ON unreadable (digest) WHERE type IS NULL OR id IS NULL;
CREATE INDEX unreadable_patient ON unreadable (patient_id);

CREATE TABLE id_alias (
    type TEXT NOT NULL,
    local_id TEXT NOT NULL,
    server_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (type, local_id)
) WITHOUT ROWID;
"""


def _apply_v1(conn: Any) -> None:
    _run_script(conn, _V1)


def _apply_v2(conn: Any) -> None:
    _run_script(conn, _V2)
    rows = conn.execute(
        "SELECT rid, json, patient_id FROM resource WHERE json IS NOT NULL"
    ).fetchall()
    for rid, text, patient_id in rows:
        fields = index_fields(json.loads(text))
        conn.executemany(
            "INSERT INTO resource_code (rid, system, code) VALUES (?, ?, ?)",
            [(rid, system, code) for system, code in fields.codes],
        )
        conn.executemany(
            "INSERT INTO resource_ref (rid, target) VALUES (?, ?)",
            [(rid, target) for target in indexed_references(fields, patient_id)],
        )


def _apply_v3(conn: Any) -> None:
    _run_script(conn, _V3)
    # Only Tasks change compartment (``for`` is Task's alone); the (type, id) index finds them.
    rows = conn.execute(
        "SELECT rid, json FROM resource WHERE type = 'Task' AND json IS NOT NULL"
    ).fetchall()
    for rid, text in rows:
        fields = index_fields(json.loads(text))
        conn.execute(
            "UPDATE resource SET patient_id = ?, date = ?, status = ? WHERE rid = ?",
            (fields.patient_id, fields.date, fields.status, rid),
        )
        conn.execute("DELETE FROM resource_ref WHERE rid = ?", (rid,))
        conn.executemany(
            "INSERT INTO resource_ref (rid, target) VALUES (?, ?)",
            [(rid, target) for target in indexed_references(fields, fields.patient_id)],
        )


def _apply_v4(conn: Any) -> None:
    _run_script(conn, _V4)
    rows = conn.execute(
        "SELECT seq, detail FROM audit_log WHERE action = 'open-record' AND detail IS NOT NULL"
    ).fetchall()
    for seq, detail in rows:
        basis, _, view = str(detail).partition(":")
        if basis in ACCESS_BASES:
            conn.execute(
                "UPDATE audit_log SET access_basis = ?, record_view = ?, detail = NULL"
                " WHERE seq = ?",
                (basis, view or None, seq),
            )


def _apply_v5(conn: Any) -> None:
    _run_script(conn, _V5)


MIGRATIONS: tuple[Callable[[Any], None], ...] = (
    _apply_v1,
    _apply_v2,
    _apply_v3,
    _apply_v4,
    _apply_v5,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database to ``target`` in one transaction; returns the version found."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise UnknownSchemaVersionError(
            f"the store was written by a newer version of the app (schema {found}, this app "
            f"knows up to {SCHEMA_VERSION}); update the app",
            found=found,
            supported=SCHEMA_VERSION,
        )
    if found >= target:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)  # another connection may have migrated meanwhile
        for version in range(current + 1, target + 1):
            MIGRATIONS[version - 1](conn)
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def _run_script(conn: Any, script: str) -> None:
    # executescript() would COMMIT the surrounding transaction; run statement by statement
    # (a trigger body holds semicolons, so pieces are joined until they form a statement).
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                conn.execute(pending)
            pending = ""
