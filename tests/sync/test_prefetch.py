"""one_ahead: same items, same order, same failures as a plain loop; never more than one ahead.

And the pull without it (``SyncConfig(prefetch=False)``): the same records, fetched inline.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest

from client import FhirClient
from offline.datakey import DataKey
from sync import SyncScope
from sync.prefetch import one_ahead
from tests.platform.launcher import Platform
from tests.sync.helpers import make_engine, open_store
from tests.sync.world import load_ward


def counting(n: int, produced: list[int], *, fail_at: int | None = None) -> Iterator[int]:
    for i in range(n):
        if i == fail_at:
            raise ValueError("step failed")
        produced.append(i)
        yield i


def test_items_come_in_order_and_at_most_one_ahead() -> None:
    produced: list[int] = []
    seen = []
    for item in one_ahead(counting(6, produced)):
        seen.append(item)
        assert len(produced) <= item + 2  # this one, and at most the next
    assert seen == list(range(6))


def test_a_failing_step_is_raised_after_the_items_before_it() -> None:
    stream = one_ahead(counting(6, [], fail_at=3))
    assert [next(stream), next(stream), next(stream)] == [0, 1, 2]
    with pytest.raises(ValueError, match="step failed"):
        next(stream)


def test_steps_run_off_the_callers_thread() -> None:
    def names() -> Iterator[str]:
        while True:
            yield threading.current_thread().name

    stream = one_ahead(names())
    name = next(stream)
    stream.close()
    assert name != threading.current_thread().name


def test_stopping_early_waits_for_the_step_in_flight_and_closes_the_source() -> None:
    closed = threading.Event()
    release = threading.Event()

    def slow() -> Iterator[int]:
        try:
            yield 0
            release.wait(5)
            yield 1
        finally:
            closed.set()

    stream = one_ahead(slow())
    assert next(stream) == 0
    threading.Timer(0.05, release.set).start()
    stream.close()
    assert closed.is_set()


def test_without_prefetch_the_pull_fetches_inline_with_the_same_result(
    platform: Platform, client: FhirClient, tmp_path: Path
) -> None:
    ward = load_ward(platform, patients=3)
    scope = SyncScope(units=(ward.unit,))
    fetched_on: dict[bool, set[str]] = {True: set(), False: set()}
    held: dict[bool, dict[str, dict[str, Any] | None]] = {}
    search_pages = client.search_pages
    for prefetch in (True, False):

        def recording(*args: Any, _on: set[str] = fetched_on[prefetch], **kwargs: Any) -> Any:
            _on.add(threading.current_thread().name)
            return search_pages(*args, **kwargs)

        directory = tmp_path / str(prefetch)
        directory.mkdir()
        with (
            open_store(directory, DataKey.generate()) as store,
            patch.object(client, "search_pages", recording),
        ):
            threads_before = threading.active_count()
            # Pages of five: a first sync's first pages come in batches (on the pager's batch
            # threads either way); the pages after them are fetched one by one.
            engine = make_engine(store, client, scope, directory, prefetch=prefetch, page_size=5)
            summary = engine.run()
            assert summary.ok, summary.error
            assert threading.active_count() == threads_before
            held[prefetch] = {
                f"{r['resourceType']}/{r['id']}": store.get(r["resourceType"], r["id"])
                for r in ward.resources
                if r["resourceType"] in ("Observation", "Patient", "MedicationStatement")
            }

    assert any(name.startswith("sync-prefetch") for name in fetched_on[True])
    assert fetched_on[False] == {threading.current_thread().name}
    assert held[False] == held[True]
    assert all(resource is not None for resource in held[False].values())
