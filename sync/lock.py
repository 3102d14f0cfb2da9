"""One sync at a time, in this process and across processes (android-fhir #2361).

An in-process mutex plus an exclusive OS lock on a file beside the store: ``fcntl.flock`` on
POSIX, ``msvcrt.locking`` on Windows. The OS drops the lock when the process dies, so a crashed
sync never blocks the next one. The lock file holds no data.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from types import TracebackType

from sync.errors import SyncBusy

_process_locks: dict[Path, threading.Lock] = {}
_registry_lock = threading.Lock()


class SyncLock:
    """Non-blocking exclusive lock: ``with SyncLock(path):`` or raise SyncBusy."""

    def __init__(self, path: Path) -> None:
        self._path = path.resolve()
        with _registry_lock:
            self._thread_lock = _process_locks.setdefault(self._path, threading.Lock())
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise SyncBusy at once."""
        if not self._thread_lock.acquire(blocking=False):
            raise SyncBusy("a sync is already running in this process")
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock_file(fd)
            except OSError:
                os.close(fd)
                raise SyncBusy("a sync is already running in another process") from None
            self._fd = fd
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        """Give the lock back; idempotent."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock_file(fd)
        finally:
            os.close(fd)
            self._thread_lock.release()

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock_file(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_file(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
