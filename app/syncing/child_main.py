"""The sync process's entry point (the spawn target): small on purpose.

The window's process imports this module only to name ``serve`` as the target of the process it
spawns, so it stays free of the engine and HTTP. The child chooses its store memory first
(``offline.memory_budget``: sized for bulk loading, before anything can open a store), then loads
the rest (``app.syncing.sync_child``).
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offline import BedsideTurn


def serve(conn: Connection, turn: BedsideTurn | None = None) -> None:
    """The sync process's whole life: open the store, sync on request, close (see sync_child)."""
    from offline import BULK_MEMORY, choose_memory_budget  # noqa: PLC0415  (see the docstring)

    choose_memory_budget(BULK_MEMORY)
    from app.syncing.sync_child import serve_child  # noqa: PLC0415

    serve_child(conn, turn)
