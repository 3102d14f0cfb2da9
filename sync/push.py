"""Push: outbox entries to the platform, each answer consolidated at once.

Per claimed batch: dependency order (``sync.ordering``), then as the platform allows
(``sync.strategy``): transaction Bundles of at most ``bundle_size`` entries; batch Bundles
(no entry in the Bundle of a create it references, since a batch has no order); or one request
per entry. What each request is (``PUT`` with our id, or ``POST`` with ``If-None-Exist`` where
the platform assigns ids) is ``sync.outgoing``'s business.

The answer to a bundle is read entry by entry; each entry's ``response.status`` decides that
entry's fate (``entry_fate``), never the bundle's HTTP status alone:
- 2xx: done, consolidated with the server's copy. A delete answered 404/410: already gone, done.
- 412/409 (or 404/410 on a write): the server copy is fetched. Equal to what we sent (ignoring
  meta and text) means our own write whose answer was lost: consolidated as success. Otherwise
  it is a conflict, settled by the conflict policies.
- any other 4xx: quarantined with the server's message; 401/403 stop the run (SignInRequired).
- 5xx and 429: the entry is sent again after a pause, at most ``backoff.max_attempts`` times in
  a run, then released for the next sync.
An answer with missing entries, missing statuses or the wrong number of entries is no answer
(IncompleteAnswer): the whole bundle is retried, and nothing is cleared.

A bundle refused as a whole:
- 400/422 (or any other 4xx) is bisected until the entry at fault is alone, which is
  quarantined with the server's message; the other entries go through.
- Network errors, timeouts, 5xx, 429: the same bundle is retried with backoff
  (``sync.retrying``); when that runs out every claimed entry is released, nothing is dropped.
- 401/403: SignInRequired; claimed entries released.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from client import (
    AuthError,
    EntryResult,
    FhirClient,
    Gone,
    InvalidInput,
    NotFound,
    OutgoingResourceInvalid,
    ResponseError,
    UnexpectedResponse,
    VersionConflict,
)
from sync.backoff import CancelToken
from sync.config import SyncConfig
from sync.conflicts import ConflictTally, settle
from sync.errors import SignInRequired
from sync.events import EventHub
from sync.merge import same_content
from sync.ordering import upload_order
from sync.outgoing import Outgoing, derived_id, write_one
from sync.ports import OutboxEntry, SentResult, Seq, SyncStore
from sync.retrying import call_with_retry
from sync.strategy import Strategy

# Medplum refuses a transaction of more than 8 entries when any is conditional (sync.md §D 10).
CONDITIONAL_BUNDLE_SIZE = 8

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
        strategy: Strategy,
        events: EventHub,
        cancel: CancelToken,
        tally: ConflictTally,
        source: str,
    ) -> None:
        self._store = store
        self._strategy = strategy
        self._out = Outgoing(strategy=strategy, source=source, aliases=store.id_aliases())
        # Searching before a plain POST is only safe one request at a time.
        self._mode = "single" if strategy.create == "search-then-post" else strategy.write
        self._client = client
        self._config = config
        self._events = events
        self._cancel = cancel
        self._tally = tally
        self._claimed: set[Seq] = set()
        self._retries: dict[Seq, int] = {}
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
                size = self._config.bundle_size
                if self._strategy.create != "put" and self._mode == "transaction":
                    size = min(size, CONDITIONAL_BUNDLE_SIZE)
                bundles = upload_order(
                    entries,
                    max_entries=size,
                    independent=self._mode != "transaction" or self._strategy.create != "put",
                )
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
        if self._mode == "single":
            for entry in bundle:
                self._send_one(entry)
            return
        requests = [self._out.request(e) for e in bundle]
        send = self._client.transaction if self._mode == "transaction" else self._client.batch
        try:
            results = call_with_retry(
                lambda: send(requests),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what=f"{self._mode} of {len(bundle)} entries",
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

    def _send_one(self, entry: OutboxEntry) -> None:
        request = self._out.request(entry)
        try:
            result = call_with_retry(
                lambda: write_one(self._client, request, strategy=self._strategy),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what=f"{entry.op} of one {entry.resource_type}",
            )
        except OutgoingResourceInvalid as exc:
            self._quarantine(entry, "invalid FHIR: " + exc.report.describe())
            return
        except ResponseError as exc:
            self._single_failure(entry, exc)
            return
        self._events.emit("push_did_receive_answer", entries=1)
        self._consolidate([entry], [result])

    def _send_rest(self, bundle: list[OutboxEntry], done: OutboxEntry) -> None:
        rest = [e for e in bundle if e.seq != done.seq]
        if rest:
            self._send(rest)

    def _bisect(self, bundle: list[OutboxEntry]) -> None:
        middle = len(bundle) // 2
        self._send(bundle[:middle])
        self._send(bundle[middle:])

    def _consolidate(self, bundle: list[OutboxEntry], results: list[EntryResult]) -> None:
        """Each entry's own status decides its fate; nothing is cleared on the bundle's say-so."""
        done: list[SentResult] = []
        failed: list[tuple[OutboxEntry, ResponseError]] = []
        again: list[OutboxEntry] = []
        found: list[tuple[OutboxEntry, EntryResult]] = []
        for entry, result in zip(bundle, results, strict=True):
            fate = entry_fate(entry.op, result.status)
            if fate is Fate.DONE and _found_not_made(entry, result):
                found.append((entry, result))
            elif fate is Fate.DONE:
                sent = _sent_result(entry, result)
                if sent.server_id is not None:
                    self._out.learn(entry.resource_type, entry.resource_id, sent.server_id)
                done.append(sent)
            elif fate is Fate.RETRY:
                again.append(entry)
            else:
                error = result.error()
                if isinstance(error, AuthError):
                    raise SignInRequired(
                        f"an entry of a transaction was refused ({error.status}); sign in again"
                    ) from error
                failed.append((entry, error or UnexpectedResponse("", status=result.status)))
        if done:
            self._store.consolidate(done)
            self._claimed -= {r.seq for r in done}
            self.counts.sent += len(done)
        self.counts.bundles += 1
        for entry, result in found:
            self._settle_found(entry, result)
        for entry, error in failed:
            self._single_failure(entry, error)
        if again:
            self._send_again(again)

    def _settle_found(self, entry: OutboxEntry, result: EntryResult) -> None:
        """A create of a derived id that the platform answered by finding a record under the
        identifier every computer derives alike (conditional create: 200, not 201). Holding what
        we sent, it is our own create whose answer was lost; else it is a colleague's record of
        the same thing (two nurses completing one occurrence offline): our record takes its id
        and the platform's copy meets it as a conflict, never a silent loss of ours."""
        rtype, server_id = entry.resource_type, result.resource_id
        server = result.resource
        if server is None and server_id is not None:
            server = call_with_retry(
                lambda: self._client.read(rtype, server_id),
                backoff=self._config.backoff,
                cancel=self._cancel,
                random=self._config.random,
                what=f"read of the {rtype} a create found",
            )
        if server is None or server_id is None:
            self._store.release([entry.seq], error="the platform found a record it did not name")
            self._claimed.discard(entry.seq)
            return
        sent = result.request.resource
        if same_content({**server, "id": None}, {**(sent or {}), "id": None}):
            self._out.learn(rtype, entry.resource_id, server_id)
            self._store.consolidate([_sent_result(entry, replace(result, resource=server))])
            self._claimed.discard(entry.seq)
            self.counts.sent += 1
            return
        self._release(entry)
        self._store.adopt_platform_id(rtype, entry.resource_id, server_id)
        self._out.learn(rtype, entry.resource_id, server_id)
        for candidate in self._store.apply_server_resources([server]).conflicts:
            decision = settle(self._store, candidate, self._config.policies, self._tally)
            self._events.emit(
                "conflict_was_detected",
                resource_type=rtype,
                merged=type(decision).__name__ != "Deferred",
            )

    def _send_again(self, entries: list[OutboxEntry]) -> None:
        """Entries answered 5xx/429 inside a bundle: resent after a pause, a bounded number of
        times per run; then released (pending) for the next sync."""
        attempts = max(self._retries.get(e.seq, 0) for e in entries) + 1
        for entry in entries:
            self._retries[entry.seq] = attempts
        if attempts >= self._config.backoff.max_attempts:
            for entry in entries:
                self._store.release([entry.seq], error="the platform kept failing this entry")
                self._claimed.discard(entry.seq)
            return
        self._cancel.sleep(
            self._config.backoff.delay(attempts, self._config.random(), retry_after=None)
        )
        self._send(entries)

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
        rtype, rid = (
            entry.resource_type,
            self._out.server_id(entry.resource_type, entry.resource_id),
        )
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
            )
            self._events.emit(
                "conflict_was_detected",
                resource_type=rtype,
                merged=type(decision).__name__ != "Deferred",
            )

    def _release(self, entry: OutboxEntry) -> None:
        self._store.release([entry.seq], error="changed on the platform")
        self._claimed.discard(entry.seq)


class Fate(Enum):
    """What an entry's answer means for its outbox row."""

    DONE = "done"  # 2xx, or a delete of something already gone
    PRECONDITION = "precondition"  # 409/412, or 404/410 on a write: own write or conflict
    REJECTED = "rejected"  # any other 4xx: quarantined with the server's reason
    RETRY = "retry"  # 5xx and 429: sent again, bounded


def entry_fate(op: str, status: int) -> Fate:
    """The fate of an outbox entry whose bundle entry was answered with ``status``."""
    if 200 <= status <= 299 or (op == "delete" and status in (404, 410)):
        return Fate.DONE
    if status >= 500 or status == 429:
        return Fate.RETRY
    if status in (409, 412, 404, 410):
        return Fate.PRECONDITION
    return Fate.REJECTED


def _found_not_made(entry: OutboxEntry, result: EntryResult) -> bool:
    """A create of a derived id answered 200: the platform found a record instead of making one
    (FHIR R4 conditional create, http.html#ccreate: "One Match: ... return 200 OK")."""
    return entry.op == "create" and result.status == 200 and derived_id(entry.resource_id)


def _sent_result(entry: OutboxEntry, result: EntryResult) -> SentResult:
    if entry.op == "delete" or not result.ok:
        return SentResult(seq=entry.seq, version_id=result.version_id)
    server_id = result.resource_id if entry.op == "create" else None
    if server_id == entry.resource_id:
        server_id = None  # the platform kept our id (PUT create)
    if result.resource is not None:
        return SentResult(
            seq=entry.seq,
            version_id=result.version_id,
            resource=result.resource,
            server_id=server_id,
        )
    return SentResult(
        seq=entry.seq,
        version_id=result.version_id,
        last_updated=result.last_modified,
        resource=entry.resource,
        server_id=server_id,
    )
