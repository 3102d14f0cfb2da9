"""Push: outbox entries to the platform as transaction bundles, each answer consolidated at once.

Per claimed batch: dependency order (``sync.ordering``), bundles of at most ``bundle_size``
entries. Creates are ``PUT [type]/[id]`` with the client's UUID (a replay rewrites the same
content, never a duplicate); updates and deletes carry ``If-Match`` with their base version.

A failed bundle:
- 400/422 (or any other per-entry 4xx) is bisected until the entry at fault is alone, which is
  quarantined with the server's message; the other entries go through.
- Creates are create-only (``ifNoneMatch: *``) for ids two computers may derive alike
  (``derived_id``), so the second one fails its precondition instead of overwriting.
- 412/409 on a single entry: the server copy is fetched. Equal to what we sent (ignoring meta
  and text) means our own write whose answer was lost: consolidated as success. Otherwise it is
  a conflict, settled by the conflict policies.
- 404/410 on a delete: already gone, success. On an update: deleted on the platform, conflict.
- Network errors, timeouts, 5xx, 429: the same bundle is retried with backoff
  (``sync.retrying``); when that runs out every claimed entry is released, nothing is dropped.
- 401/403: SignInRequired; claimed entries released.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from client import (
    BundleEntryRequest,
    EntryResult,
    FhirClient,
    Gone,
    InvalidInput,
    NotFound,
    OutgoingResourceInvalid,
    ResponseError,
    VersionConflict,
)
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally, settle
from sync.events import EventHub
from sync.merge import same_content
from sync.ordering import upload_order
from sync.ports import OutboxEntry, SentResult, Seq, SyncStore
from sync.retrying import call_with_retry

logger = logging.getLogger(__name__)


@dataclass
class PushCounts:
    """What a push did, for the summary."""

    sent: int = 0
    quarantined: int = 0
    bundles: int = 0
    lost_answers_recovered: int = 0


class Pusher:
    """Sends the outbox until it is empty (or only held-back entries remain)."""

    def __init__(
        self,
        store: SyncStore,
        client: FhirClient,
        *,
        config: SyncConfig,
        events: EventHub,
        cancel: CancelToken,
        tally: ConflictTally,
        source: str,
    ) -> None:
        self._store = store
        self._source = source
        self._client = client
        self._config = config
        self._events = events
        self._cancel = cancel
        self._tally = tally
        self._claimed: set[Seq] = set()
        self.counts = PushCounts()

    def run(self) -> PushCounts:
        """Push everything sendable; raise SignInRequired/PlatformUnavailable/SyncCancelled."""
        for _round in range(self._config.max_push_rounds):
            self._cancel.check()
            entries = self._store.claim_batch(limit=self._config.claim_size)
            if not entries:
                break
            self._claimed = {e.seq for e in entries}
            try:
                bundles = upload_order(entries, max_entries=self._config.bundle_size)
                for done, bundle in enumerate(bundles):
                    self._cancel.check()
                    self._send(bundle)
                    self._events.emit(
                        "sync_progressed", phase="push", done=done + 1, total=len(bundles)
                    )
            finally:
                if self._claimed:
                    self._store.release(sorted(self._claimed), error="not sent in this sync")
                    self._claimed = set()
        return self.counts

    def _send(self, bundle: list[OutboxEntry]) -> None:
        requests = [_request(e, source=self._source) for e in bundle]
        try:
            results = call_with_retry(
                lambda: self._client.transaction(requests),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what=f"transaction of {len(bundle)} entries",
            )
        except OutgoingResourceInvalid as exc:
            report = exc.report
            bad = [
                e
                for e in bundle
                if (e.resource_type, e.resource_id) == (report.resource_type, report.resource_id)
            ]
            if len(bundle) == 1 or len(bad) == 1:
                target = bad[0] if bad else bundle[0]
                self._quarantine(target, "invalid FHIR: " + report.describe())
                self._send_rest(bundle, target)
            else:
                self._bisect(bundle)
            return
        except ResponseError as exc:
            if len(bundle) > 1:
                self._bisect(bundle)
            else:
                self._single_failure(bundle[0], exc)
            return
        self._events.emit("push_did_receive_answer", entries=len(bundle))
        self._consolidate(bundle, results)

    def _send_rest(self, bundle: list[OutboxEntry], done: OutboxEntry) -> None:
        rest = [e for e in bundle if e.seq != done.seq]
        if rest:
            self._send(rest)

    def _bisect(self, bundle: list[OutboxEntry]) -> None:
        middle = len(bundle) // 2
        self._send(bundle[:middle])
        self._send(bundle[middle:])

    def _consolidate(self, bundle: list[OutboxEntry], results: list[EntryResult]) -> None:
        sent = [_sent_result(e, r) for e, r in zip(bundle, results, strict=True)]
        self._store.consolidate(sent)
        self._claimed -= {e.seq for e in bundle}
        self.counts.sent += len(bundle)
        self.counts.bundles += 1

    def _single_failure(self, entry: OutboxEntry, exc: ResponseError) -> None:
        if isinstance(exc, VersionConflict | NotFound):
            self._resolve_precondition(entry, gone_on_write=isinstance(exc, NotFound))
            return
        message = exc.diagnostics if isinstance(exc, InvalidInput) and exc.diagnostics else ""
        self._quarantine(entry, message or exc.code)

    def _quarantine(self, entry: OutboxEntry, message: str) -> None:
        logger.warning(
            "quarantined outbox entry %d (%s %s)", entry.seq, entry.op, entry.resource_type
        )
        self._store.quarantine(entry.seq, message)
        self._claimed.discard(entry.seq)
        self.counts.quarantined += 1

    def _resolve_precondition(self, entry: OutboxEntry, *, gone_on_write: bool) -> None:
        """412/409/404 on one entry: our own lost answer, already deleted, or a conflict."""
        rtype, rid = entry.resource_type, entry.resource_id
        try:
            server: dict[str, Any] | None = call_with_retry(
                lambda: self._client.read(rtype, rid),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what=f"read of {rtype} after a failed precondition",
            )
        except (NotFound, Gone):
            server = None
        if server is None:
            if entry.op == "delete":
                self._store.consolidate([SentResult(seq=entry.seq)])
                self._claimed.discard(entry.seq)
                self.counts.lost_answers_recovered += 1
                return
            if entry.op == "create" and not gone_on_write:
                return  # released at the end of the round; the next sync sends it again
            self._release(entry)
            for candidate in self._store.apply_server_deletes([(rtype, rid)]).conflicts:
                settle(
                    self._store,
                    candidate,
                    self._config.policies,
                    self._tally,
                    own_source=self._source,
                )
            return
        if entry.op != "delete" and same_content(server, entry.resource):
            self._store.consolidate([SentResult(seq=entry.seq, resource=server)])
            self._claimed.discard(entry.seq)
            self.counts.lost_answers_recovered += 1
            return
        self._release(entry)
        for candidate in self._store.apply_server_resources([server]).conflicts:
            decision = settle(
                self._store,
                candidate,
                self._config.policies,
                self._tally,
                own_source=self._source,
            )
            self._events.emit(
                "conflict_was_detected",
                resource_type=rtype,
                merged=type(decision).__name__ != "Deferred",
            )

    def _release(self, entry: OutboxEntry) -> None:
        self._store.release([entry.seq], error="changed on the platform")
        self._claimed.discard(entry.seq)


def _request(entry: OutboxEntry, *, source: str) -> BundleEntryRequest:
    if entry.op == "delete":
        return BundleEntryRequest.delete(
            entry.resource_type, entry.resource_id, version_id=entry.base_version_id
        )
    if entry.resource is None:
        raise ValueError(f"outbox entry {entry.seq} has no resource to send")
    # meta.source marks the version as written by this store (see conflicts.settle).
    body = {k: v for k, v in entry.resource.items() if k != "meta"}
    body["meta"] = {"source": source}
    if entry.op == "create" or entry.base_version_id is None:
        return BundleEntryRequest.create(body, only_if_absent=derived_id(entry.resource_id))
    return BundleEntryRequest.update(body, version_id=entry.base_version_id)


def derived_id(resource_id: str) -> bool:
    """Whether ``resource_id`` is a name-based UUID (RFC 9562 version 5): an id every computer
    derives alike for one thing (a care-plan activity's 08:00 occurrence), so two of them may
    create it. Such a create must not overwrite: it is sent create-only (``ifNoneMatch``), and
    a 412 goes the way of every failed precondition: our own lost answer when the platform's
    copy equals ours, else a conflict for a person. A random id (version 4) never collides."""
    try:
        return uuid.UUID(resource_id).version == 5
    except ValueError:
        return False


def _sent_result(entry: OutboxEntry, result: EntryResult) -> SentResult:
    if entry.op == "delete":
        return SentResult(seq=entry.seq, version_id=result.version_id)
    if result.resource is not None:
        return SentResult(seq=entry.seq, version_id=result.version_id, resource=result.resource)
    return SentResult(
        seq=entry.seq,
        version_id=result.version_id,
        last_updated=result.last_modified,
        resource=entry.resource,
    )
