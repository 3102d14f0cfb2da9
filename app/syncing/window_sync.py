"""How the window's sync differs from the headless one: smaller pages, no prefetch thread."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from offline import StorePaths
from sync import SyncConfig

GUI_PAGE_SIZE: Final = 250
"""Resources per pulled page in the window's sync. Parsing a page (one C call to ``json.loads``)
holds the GIL throughout, and a full garbage collection visits every object of the page being
stored; at 1,000 per page both stalled the window for up to ~40 ms during a 2,000-patient sync. At
250, stalls while the sync runs stayed at or under 25 ms in three of four runs of
tests/bench/bench_gui_stall.py (50 ms once); the longest stall is now the patient list's first paint
after the first sync, 40-80 ms of Qt rendering, which page size does not touch. The headless
``pleiepunkt sync`` keeps the engine's larger pages: fewer requests, no window to keep alive."""


def gui_sync_config() -> SyncConfig:
    """The window's sync settings: smaller pages, fetched inline without the prefetch thread.

    A second CPU-bound Python thread (parsing the next page) competes with the GUI thread for
    the GIL, and on a busy two-core machine either sync thread can be pre-empted while holding it:
    the window stalls meanwhile (tests/bench/bench_gui_stall.py). ``pleiepunkt sync`` has no window
    and keeps the prefetch.
    """
    return SyncConfig(prefetch=False, page_size=GUI_PAGE_SIZE)


def sync_lock_path(paths: StorePaths) -> Path:
    """The one cross-process sync lock of a store: the window, its background push and the
    ``sync`` command all take this file, so only one of them syncs the store at a time."""
    return paths.database.with_suffix(".sync.lock")
