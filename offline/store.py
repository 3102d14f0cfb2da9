"""One user's encrypted store: the single writer connection and every public operation.

    keys = KeyManager(store_paths(user, directory=...), policy=KeyPolicy(...))
    key = keys.create(pin) if not keys.has_key() else keys.unlock_with_pin(pin)
    with Store.open(store_paths(user, directory=...), key, user=user, create=True) as store:
        store.create(observation)                    # resource + outbox, one transaction
        store.write_all([administration, task])      # several, still one transaction
        store.core_record(patient_id)                # read API (see StoreReader)
        store.claim_batch(limit=25)                  # sync API (see offline.sync_api)

Opening gives the connection a larger lookaside pool (``offline.lookaside``: memory security
makes every allocation outside it cost two system calls and a wipe), keys it first, configures
WAL / synchronous=FULL / foreign keys / temp_store=MEMORY / cipher_memory_security /
secure_delete, runs the integrity check, migrates the schema, and puts entries a crashed run
left ``inflight`` back to ``pending``. Failures raise the distinct DatabaseOpenError subclasses;
nothing is ever re-created or wiped.

Threads: every method takes the store's lock, so one Store may be shared by a worker pool, but
the intended shape is one worker owning it. ``open_reader()`` gives another thread its own
read-only connection.

Two processes: the window's store puts its writes first (``put_bedside_first``) and its sync
process's store gives way to them before each of its own (``give_way_to``); see
``offline.write_turn``.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from offline import reconcile, sync_api, user_marks, writes
from offline.connection import IntegrityLevel, check_integrity, connect
from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.schema import SCHEMA_VERSION, migrate, schema_version
from offline.sync_api import Resolution
from offline.types import (
    ApplyResult,
    AuditRecord,
    Checkpoint,
    Conflict,
    ConflictCandidate,
    ConflictId,
    Json,
    OutboxEntry,
    OutboxStatus,
    PurgeResult,
    SentResult,
    Seq,
    UnreadableRecord,
    UserId,
)
from offline.views import StoreReader
from offline.write_turn import BedsideTurn


class Store(StoreReader):
    """The encrypted offline store of one user (see the module docstring)."""

    def __init__(self, conn: Any, *, paths: StorePaths, key: DataKey, user: UserId) -> None:
        lock = threading.RLock()
        super().__init__(conn, lock=lock)
        self._paths = paths
        # The store's own copy, for readers on other threads; wiped when the store closes.
        self._key = key.copy()
        self._user = user
        self._closed = False
        self._turn: BedsideTurn | None = None
        self._goes_first = False

    @classmethod
    def open(
        cls,
        paths: StorePaths,
        key: DataKey,
        *,
        user: UserId,
        create: bool = False,
        integrity: IntegrityLevel = "quick",
    ) -> Store:
        """Open (or, with ``create``, create) the store; see DatabaseOpenError for failures."""
        conn = connect(paths.database, key, create=create, integrity=integrity)
        try:
            migrate(conn)
            sync_api.reset_inflight(conn)
        except BaseException:
            conn.close()
            raise
        return cls(conn, paths=paths, key=key, user=user)

    @property
    def paths(self) -> StorePaths:
        return self._paths

    @property
    def user(self) -> UserId:
        """Whose store this is (the performer of its local writes)."""
        return self._user

    @property
    def schema_version(self) -> int:
        with self._lock:
            return schema_version(self._conn)

    def close(self) -> None:
        """Checkpoint the WAL into the encrypted file and close; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._conn.close()
                self._key.wipe()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def put_bedside_first(self) -> BedsideTurn:
        """Let this store's writes (the window's) go before a sync process's; returns the turn
        to hand to that process when it is spawned (the same one on every call)."""
        if self._turn is None:
            self._turn, self._goes_first = BedsideTurn(), True
        return self._turn

    def give_way_to(self, turn: BedsideTurn) -> None:
        """Before each write, wait for the window's writes counted in ``turn`` (the sync
        process's store)."""
        self._turn, self._goes_first = turn, False

    @contextmanager
    def _write_turn(self) -> Iterator[None]:
        turn = self._turn
        if turn is None:
            yield
        elif self._goes_first:
            with turn.writing():
                yield
        else:
            turn.give_way()
            yield

    def share_key(self) -> DataKey:
        """A copy of the key for another process's own connection to this store (the window's
        sync process): the caller sends it over a pipe and wipes it; never argv or environment."""
        return self._key.copy()

    def open_reader(self) -> StoreReader:
        """A reader with its own read-only connection, for another thread; ``close()`` it."""
        conn = connect(self._paths.database, self._key, read_only=True)
        return StoreReader(conn)

    def verify_integrity(self, *, full: bool = True) -> None:
        """SQLite's quick_check and (``full``) SQLCipher's page authentication of every page."""
        with self._lock:
            check_integrity(self._conn, full=full)

    # Local writes: resource and outbox in one transaction (see offline.writes).

    def create(self, resource: Mapping[str, Any]) -> Json:
        """Store a new local resource (a UUID id is assigned if missing) and queue its create."""
        with self._write_turn(), self._lock:
            return writes.create(self._conn, resource, user_id=self._user)

    def update(self, resource: Mapping[str, Any]) -> Json:
        """Replace a stored resource and queue (or squash into) its update."""
        with self._write_turn(), self._lock:
            return writes.update(self._conn, resource, user_id=self._user)

    def delete(self, resource_type: str, resource_id: str) -> None:
        """Delete a resource locally and queue the delete (a never-sent create just vanishes)."""
        with self._write_turn(), self._lock:
            writes.delete(self._conn, resource_type, resource_id, user_id=self._user)

    def write_all(self, resources: Sequence[Mapping[str, Any]]) -> list[Json]:
        """Create or update each resource (update when the store holds it), every one with its
        outbox entry, in ONE transaction: all are written or, on any error, none.

        Returns the stored resources in order (ids assigned where missing)."""
        with self._write_turn(), self._lock:
            return writes.write_all(self._conn, resources, user_id=self._user)

    def record_access(
        self,
        patient_id: str,
        *,
        basis: str,
        view: str | None = None,
        audit_event: Mapping[str, Any] | None = None,
    ) -> Json | None:
        """Audit that the user opened a patient's record: ``basis`` is the national access-basis
        code (SAMTYKKE, AKUTT or UNNTAK), ``view`` the part of the record opened.

        The local audit line and, if given, the ``audit_event`` (an AuditEvent, queued for
        upload like any create) are written in one transaction. Returns the stored event.
        An unknown basis raises ``InvalidResourceError`` and writes nothing."""
        with self._write_turn(), self._lock:
            return writes.record_access(
                self._conn,
                patient_id,
                basis=basis,
                view=view,
                audit_event=audit_event,
                user_id=self._user,
            )

    def set_mark(self, name: str, key: str, value: str) -> None:
        """Keep one of the user's own marks, e.g. ``("medication-list-seen", patient_id)`` ->
        a time. Encrypted with the store, never synced, not audited; read with ``mark``."""
        with self._write_turn(), self._lock:
            user_marks.set_mark(self._conn, name, key, value)

    def clear_mark(self, name: str, key: str) -> None:
        """Remove one of the user's own marks (e.g. a note draft once it is signed)."""
        with self._write_turn(), self._lock:
            user_marks.clear_mark(self._conn, name, key)

    def audit_log(self, *, limit: int = 100) -> list[AuditRecord]:
        """The newest local audit lines, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, at, user_id, action, type, id, patient_id, detail, access_basis,"
                " record_view FROM audit_log ORDER BY seq DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [AuditRecord(*row) for row in rows]

    # Sync engine API (see offline.sync_api for the contract of each call).

    def claim_batch(self, *, limit: int = 25) -> list[OutboxEntry]:
        """See ``offline.sync_api.claim_batch``."""
        with self._write_turn(), self._lock:
            return sync_api.claim_batch(self._conn, limit=limit)

    def outbox(self) -> list[OutboxEntry]:
        """Every outbox entry in seq order (status views, tests)."""
        with self._lock:
            return sync_api.outbox_entries(self._conn)

    def outbox_status(self) -> OutboxStatus:
        """See ``offline.sync_api.outbox_status``."""
        with self._lock:
            return sync_api.outbox_status(self._conn)

    def consolidate(self, results: Sequence[SentResult]) -> None:
        """See ``offline.sync_api.consolidate``."""
        with self._write_turn(), self._lock:
            sync_api.consolidate(self._conn, results, user_id=self._user)

    def adopt_platform_id(self, resource_type: str, resource_id: str, server_id: str) -> None:
        """See ``offline.sync_api.adopt_platform_id``."""
        with self._write_turn(), self._lock:
            sync_api.adopt_platform_id(
                self._conn, resource_type, resource_id, server_id, user_id=self._user
            )

    def id_aliases(self) -> dict[tuple[str, str], str]:
        """See ``offline.sync_api.id_aliases``."""
        with self._lock:
            return sync_api.id_aliases(self._conn)

    def release(self, seqs: Sequence[Seq], *, error: str | None = None) -> None:
        """See ``offline.sync_api.release``."""
        with self._write_turn(), self._lock:
            sync_api.release(self._conn, seqs, error=error)

    def quarantine(self, seq: Seq, message: str) -> None:
        """See ``offline.sync_api.quarantine``."""
        with self._write_turn(), self._lock:
            sync_api.quarantine(self._conn, seq, message)

    def requeue(self, seq: Seq) -> None:
        """See ``offline.sync_api.requeue``."""
        with self._write_turn(), self._lock:
            sync_api.requeue(self._conn, seq)

    def apply_server_resources(
        self,
        resources: Iterable[Mapping[str, Any] | str | bytes],
        *,
        checkpoint: Checkpoint | None = None,
        unreadable: Iterable[UnreadableRecord] = (),
    ) -> ApplyResult:
        """See ``offline.sync_api.apply_server_resources``."""
        with self._write_turn(), self._lock:
            return sync_api.apply_server_resources(
                self._conn, resources, checkpoint=checkpoint, unreadable=unreadable
            )

    def keep_unreadable(self, records: Sequence[UnreadableRecord]) -> None:
        """See ``offline.sync_api.keep_unreadable``."""
        with self._write_turn(), self._lock:
            sync_api.keep_unreadable(self._conn, records)

    def unreadable_records(self) -> list[UnreadableRecord]:
        """See ``offline.sync_api.unreadable_records``."""
        with self._lock:
            return sync_api.unreadable_records(self._conn)

    def forget_unreadable(self, seqs: Sequence[int]) -> None:
        """See ``offline.sync_api.forget_unreadable``."""
        with self._write_turn(), self._lock:
            sync_api.forget_unreadable(self._conn, seqs)

    def apply_server_deletes(
        self, refs: Iterable[tuple[str, str]], *, checkpoint: Checkpoint | None = None
    ) -> ApplyResult:
        """See ``offline.sync_api.apply_server_deletes``."""
        with self._write_turn(), self._lock:
            return sync_api.apply_server_deletes(self._conn, refs, checkpoint=checkpoint)

    def checkpoint(self, scope: str) -> Checkpoint | None:
        """See ``offline.sync_api.checkpoint``."""
        with self._lock:
            return sync_api.checkpoint(self._conn, scope)

    def save_checkpoint(self, checkpoint: Checkpoint) -> None:
        """See ``offline.sync_api.save_checkpoint``."""
        with self._write_turn(), self._lock:
            sync_api.save_checkpoint(self._conn, checkpoint)

    def save_checkpoints(self, checkpoints: Sequence[Checkpoint]) -> None:
        """See ``offline.sync_api.save_checkpoints``."""
        with self._write_turn(), self._lock:
            sync_api.save_checkpoints(self._conn, checkpoints)

    def record_conflict(self, candidate: ConflictCandidate) -> ConflictId:
        """See ``offline.sync_api.record_conflict``."""
        with self._write_turn(), self._lock:
            return sync_api.record_conflict(self._conn, candidate, user_id=self._user)

    def open_conflicts(self) -> list[Conflict]:
        """See ``offline.sync_api.open_conflicts``."""
        with self._lock:
            return sync_api.open_conflicts(self._conn)

    def resolve_conflict(
        self,
        conflict_id: ConflictId,
        *,
        resolution: Resolution,
        merged: Mapping[str, Any] | None = None,
    ) -> None:
        """See ``offline.sync_api.resolve_conflict``."""
        with self._write_turn(), self._lock:
            sync_api.resolve_conflict(
                self._conn,
                conflict_id,
                resolution=resolution,
                merged=merged,
                user_id=self._user,
            )

    def purge_patient(self, patient_id: str) -> PurgeResult:
        """See ``offline.sync_api.purge_patient``."""
        with self._write_turn(), self._lock:
            return sync_api.purge_patient(self._conn, patient_id, user_id=self._user)

    def purge_patients(
        self, patient_ids: Sequence[str], *, keep_referencing: Collection[str] = ()
    ) -> list[PurgeResult]:
        """See ``offline.sync_api.purge_patients``."""
        with self._write_turn(), self._lock:
            return sync_api.purge_patients(
                self._conn, patient_ids, keep_referencing=keep_referencing, user_id=self._user
            )

    def prune_audit_log(self, *, before: str) -> int:
        """See ``offline.sync_api.prune_audit_log`` (the local audit log's retention)."""
        with self._write_turn(), self._lock:
            return sync_api.prune_audit_log(self._conn, before=before)

    def held_patients(self) -> set[str]:
        """See ``offline.reconcile.held_patients``."""
        with self._lock:
            return reconcile.held_patients(self._conn)

    def clean_ids(self, resource_type: str, *, patients: Collection[str] | None = None) -> set[str]:
        """See ``offline.reconcile.clean_ids``."""
        with self._lock:
            return reconcile.clean_ids(self._conn, resource_type, patients=patients)

    def known_count(self, resource_type: str, *, patients: Collection[str]) -> int:
        """See ``offline.reconcile.known_count``."""
        with self._lock:
            return reconcile.known_count(self._conn, resource_type, patients=patients)


__all__ = ["SCHEMA_VERSION", "Store"]
