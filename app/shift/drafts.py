"""Note drafts as they are typed: staged in memory at once, written encrypted soon after.

The editor stages its text on every change (``stage``: memory only, never blocks the GUI
thread); a worker then writes what is staged into the user's store as one of their own marks
(``Store.set_mark``: in the encrypted store, never synced). So a crash or a kill loses at most
the keystrokes of one write in flight, and nothing is ever in plaintext on disk.

A lock, a user switch or a sign-out closes the store; the workstation writes whatever is still
staged before it does (``Workstation.store_closing`` → ``flush``), so nothing typed is lost
then either. A buffer belongs to one person's window (``owner``): it only ever writes into that
person's store, whatever is open later.

``io`` serialises writes and their removal (signing a note clears its draft), so a write that
was in flight can never bring back a draft that was just signed.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from offline import Store

DRAFT_MARK: Final = "note-draft"


class DraftBuffer:
    """Drafts staged but not yet written, by draft key (thread-safe)."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.io = threading.RLock()
        self._lock = threading.Lock()
        self._staged: dict[str, str] = {}

    def stage(self, key: str, value: str) -> None:
        """Keep ``value`` as the newest draft of ``key`` until it is written."""
        with self._lock:
            self._staged[key] = value

    def staged(self, key: str) -> str | None:
        """The newest staged (not yet written) draft of ``key``, if any."""
        with self._lock:
            return self._staged.get(key)

    def drop(self, key: str) -> None:
        """Forget a staged draft (it was signed or discarded)."""
        with self._lock:
            self._staged.pop(key, None)

    def pending(self) -> int:
        """How many drafts wait to be written."""
        with self._lock:
            return len(self._staged)

    def write(self, store: Store) -> int:
        """Write every staged draft into ``store`` (the owner's); returns how many. A draft
        that fails to write stays staged unless a newer one was staged meanwhile."""
        with self.io:
            with self._lock:
                taken, self._staged = self._staged, {}
            written = 0
            try:
                for key, value in taken.items():
                    store.set_mark(DRAFT_MARK, key, value)
                    written += 1
            except BaseException:
                with self._lock:
                    for key, value in list(taken.items())[written:]:
                        self._staged.setdefault(key, value)
                raise
            return written
