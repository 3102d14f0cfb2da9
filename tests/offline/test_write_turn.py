"""The window's writes go first: a sync's store waits before each write while one is under way."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from offline import user_marks, write_turn
from offline.datakey import DataKey
from offline.paths import StorePaths
from offline.store import Store
from offline.types import Checkpoint, UserId
from offline.write_turn import BedsideTurn

NOT_YET_S = 0.3
"""How long a write that must wait is watched to see that it does (it would take ms)."""


@pytest.fixture
def sync_store(paths: StorePaths, key: DataKey, store: Store) -> Iterator[Store]:
    """A second connection to the same file, as the sync process has."""
    with Store.open(paths, key, user=UserId("sync")) as other:
        yield other


def test_the_sync_writes_only_once_the_windows_write_is_done(
    store: Store, sync_store: Store
) -> None:
    turn = store.put_bedside_first()
    sync_store.give_way_to(turn)
    written = threading.Event()

    def sync_write() -> None:
        sync_store.save_checkpoint(Checkpoint("pull:test", "2026-12-08T03:00:00Z"))
        written.set()

    with turn.writing():  # the window's save, waiting for SQLite's lock or writing
        writer = threading.Thread(target=sync_write)
        writer.start()
        assert not written.wait(NOT_YET_S)
    assert written.wait(10)
    writer.join()
    assert sync_store.checkpoint("pull:test") is not None


def test_the_windows_writes_count_while_they_run_and_never_wait(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    turn = store.put_bedside_first()
    assert store.put_bedside_first() is turn  # one turn per store, whoever asks
    during: list[int] = []
    set_mark = user_marks.set_mark

    def watched(conn: object, name: str, key: str, value: str) -> None:
        during.append(turn._writing.value)
        set_mark(conn, name, key, value)

    monkeypatch.setattr(user_marks, "set_mark", watched)
    store.set_mark("draft", "note-1", "tekst")
    assert during == [1]
    assert turn._writing.value == 0
    assert turn.give_way() == 0.0


def test_a_window_stuck_in_a_write_slows_the_sync_but_never_stops_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(write_turn, "GIVE_WAY_AT_MOST_S", 0.05)
    turn = BedsideTurn()
    with turn.writing():
        waited = turn.give_way()
    assert waited >= 0.05
    assert turn.give_way() == 0.0
