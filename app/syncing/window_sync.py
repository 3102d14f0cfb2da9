"""The engine settings of the window's sync (the background push takes ``sync.drain_config``),
and a store's sync lock."""

from __future__ import annotations

from pathlib import Path

from offline import StorePaths
from sync import SyncConfig


def window_config() -> SyncConfig:
    """The window's sync: the headless settings (full pages, the prefetch thread).

    It runs in a process of its own (``app.syncing.sync_process``), so it no longer shares the
    interpreter with the GUI thread; the smaller pages and inline fetching it once used to keep
    the window responsive cost it half its speed.
    """
    return SyncConfig()


def sync_lock_path(paths: StorePaths) -> Path:
    """The one cross-process sync lock of a store: the window's sync process, a background push
    and the ``sync`` command all take this file, so only one of them syncs the store at a time."""
    return paths.database.with_suffix(".sync.lock")
