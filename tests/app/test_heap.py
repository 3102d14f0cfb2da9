"""Freed heap goes back to the system after a large read (glibc), and nothing happens elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import heap


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    heap._malloc_trim.cache_clear()
    yield
    heap._malloc_trim.cache_clear()


def rss_anon_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_the_pages_a_large_read_freed_are_returned_to_the_system() -> None:
    # Many small blocks (as parsed JSON is) with one survivor at the end, so glibc cannot give
    # the freed ones back by shrinking the heap's top on its own.
    blocks = [bytearray(600) for _ in range(60_000)]
    survivor = bytearray(600)
    del blocks
    before = rss_anon_kb()
    assert heap.return_free_heap()
    assert rss_anon_kb() < before - 10_000  # most of the ~36 MB freed
    assert survivor is not None


def test_where_the_c_library_has_no_trim_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap.sys, "platform", "win32")
    assert heap.return_free_heap() is False
