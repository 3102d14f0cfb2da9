"""The opening: a pull's first batch, sent while the CapabilityStatement is still on its way.

Every run reads ``/metadata`` first, and the pull's prelude (``Puller``: the server's clock, the
scope's member searches, the quiet check's counts, a first sync's counts per type) is built
from the strategy that statement gives. On a mobile link the two are two round trips one after
the other. The prelude's requests are all searches (safe, idempotent reads, FHIR R4
http.html#safe), so they may be sent before the statement is read: ``opening_requests`` builds
them from a guessed strategy (the last run's, else ``guessed_strategy``: everything the
Patient CompartmentDefinition names, searchable with the common parameters), and ``Opening``
sends them in one ``batch`` (FHIR R4 http.html#batch) on a helper thread while the engine reads
``/metadata`` on its own connection.

The pull then takes an opened answer only for a request it would have sent itself, built from
the strategy the statement gave (``Pager``: answers are keyed by the exact request). Where the
guess was wrong (a type not offered, no batches, no ``_sort``), the guessed answers go unused
and the pull asks as it always did: a wrong guess costs bytes, never a round trip more, and
never changes what is stored. Any failure of the opening (an error status, a dropped link, a
platform that refuses batches) is dropped here; the pull's own request meets it again, with
the engine's retries. The opening is not sent when the run pushes first (the outbox holds
records): the server's clock would then be read before the push's writes, and the next run
would find its own uploads as changes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from client import Capabilities, FhirClient, FhirError, ResourceCapability, SearchPage
from sync import patient_compartment
from sync.pull.paging import Request
from sync.strategy import Strategy, strategy_for

logger = logging.getLogger(__name__)

_COMMON = frozenset({"_id", "_lastUpdated", "_sort", "_summary", "_elements", "_count"})


def guessed_strategy(*, only: Iterable[str] | None) -> Strategy:
    """The strategy for a platform offering what the Patient CompartmentDefinition names (every
    type searchable by its compartment parameters and the common ones, batches, system search):
    the guess a first run's opening is built from."""
    resources = {
        name: ResourceCapability(
            resource_type=name,
            interactions=frozenset({"read", "search-type"}),
            search_params=frozenset(params) | {"_id"},
        )
        for name, params in patient_compartment.PARAMS.items()
    }
    capabilities = Capabilities(
        fhir_version="4.0.1",
        system_interactions=frozenset({"batch", "search-system"}),
        common_search_params=_COMMON,
        resources=resources,
    )
    return strategy_for(capabilities, only=only)


class Opening:
    """One batch of first-page requests, sent on a helper thread from construction on."""

    def __init__(self, client: FhirClient, requests: list[Request]) -> None:
        self.requests = frozenset(requests)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-opening")
        self._future: Future[dict[Request, SearchPage]] = self._pool.submit(_send, client, requests)

    def pages(self) -> dict[Request, SearchPage]:
        """The answered requests' first pages (waits for the batch; empty if it failed)."""
        try:
            return self._future.result()
        finally:
            self.close()

    def close(self) -> None:
        """Wait for the batch, if still on its way (no thread outlives the run)."""
        self._pool.shutdown(wait=True)


def _send(client: FhirClient, requests: list[Request]) -> dict[Request, SearchPage]:
    try:
        pages = client.search_batch(requests)
    except FhirError as exc:
        reason = type(exc).__name__
        logger.info("the opening batch was not answered (%s); the pull asks again", reason)
        return {}
    return {r: p for r, p in zip(requests, pages, strict=True) if p is not None}
