"""The sync process: one store's sync, run by the headless engine, away from the window's GIL.

``SyncProcess`` spawns a process whose target (``app.syncing.child_main.serve``) sizes its store
memory for bulk loading (``offline.memory_budget``) and runs this. It opens its own connection
to the store with the key it reads from the pipe (never argv or the environment), wipes its
copies of the key once the store has its own, and then runs one sync per ``Run`` on a thread of
its own, with the engine's headless settings (full pages, the prefetch thread), while this
thread keeps reading the pipe for ``Cancel``, ``Stop`` and the signatures its requests need
(``app.syncing.signing``). Engine events go back as ``Event`` messages, log records as
``LogLine``s. It ends on ``Stop`` or when the pipe closes (the window is gone): the running
sync is cancelled and the store closed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

from app.syncing.messages import (
    Cancel,
    Event,
    Finished,
    LogLine,
    Open,
    Opened,
    OpenFailed,
    Run,
    RunFailed,
    Signed,
    Stop,
)
from app.syncing.scope import discover_scope
from app.syncing.signing import RemoteSigning
from app.syncing.window_sync import sync_lock_path, window_config
from client import FhirClient
from client.oidc import DpopAuth, IdentityProviderUnreachable, SignInError
from offline import BedsideTurn, DataKey, Store, StoreError, UserId
from sync import SyncEngine, SyncScope, drain_config

log = logging.getLogger(__name__)

_KEY_BYTES = 32
_RUN_END_WAIT_S = 5.0


def serve_child(conn: Connection, turn: BedsideTurn | None = None) -> None:
    """The sync process's whole life: open, sync on request, close (the memory budget is
    chosen already, ``app.syncing.child_main``). Its writes give way to the window's counted
    in ``turn`` (``offline.write_turn``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal: the window decides
    _SyncChild(conn, turn).serve()


class _PipeLog(logging.Handler):
    """Sends each record to the window's process, formatted here."""

    def __init__(self, send: Any, level: int) -> None:
        super().__init__(level)
        self._send = send
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        # When the window is gone, nobody can read the record anyway.
        with contextlib.suppress(Exception):
            self._send(LogLine(record.levelno, record.name, self.format(record)))


class _SyncChild:
    def __init__(self, conn: Connection, turn: BedsideTurn | None = None) -> None:
        self._conn = conn
        self._turn = turn
        self._send_lock = threading.Lock()
        self._signing = RemoteSigning(self._send)
        self._request: Open | None = None
        self._store: Store | None = None
        self._fhir: FhirClient | None = None
        self._engine: SyncEngine | None = None
        self._run: threading.Thread | None = None
        # Set from a Run's start until its answer is ready. The thread outlives the answer by a
        # moment (the send, the return), and the window may send the next Run in that moment.
        self._busy = threading.Event()
        self._cancelled = threading.Event()

    def serve(self) -> None:
        if not self._open():
            return
        try:
            self._loop()
        finally:
            self._close()

    def _send(self, message: object) -> None:
        with self._send_lock:
            self._conn.send(message)

    def _open(self) -> bool:
        request = self._conn.recv()
        if not isinstance(request, Open):
            return False
        self._request = request
        root = logging.getLogger()
        root.setLevel(request.log_level)
        root.addHandler(_PipeLog(self._send, request.log_level))
        received = bytearray(_KEY_BYTES)
        try:
            self._conn.recv_bytes_into(received)
            key = DataKey(received)
        finally:
            received[:] = bytes(_KEY_BYTES)
        try:
            # The window's process checked the file when it opened it; a quick_check of a
            # municipality's store would hold up every (re)start.
            self._store = Store.open(
                request.paths, key, user=UserId(request.user), integrity="none"
            )
        except StoreError as error:
            self._send(OpenFailed(type(error).__name__))
            return False
        finally:
            key.wipe()
        if self._turn is not None:
            self._store.give_way_to(self._turn)
        auth = DpopAuth(self._signing) if request.signed else None
        self._fhir = request.platform(auth)
        self._send(Opened(os.getpid()))
        return True

    def _loop(self) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                return  # the window's process is gone
            if isinstance(message, Signed):
                self._signing.deliver(message)
            elif isinstance(message, Run):
                self._start(message)
            elif isinstance(message, Cancel):
                self._cancel()
            elif isinstance(message, Stop):
                return

    def _start(self, run: Run) -> None:
        if self._busy.is_set() and self._run is not None and self._run.is_alive():
            self._send(RunFailed("error", "a sync is already running in this process"))
            return
        if self._run is not None:
            self._run.join()  # its answer is sent; only its return is left
        self._busy.set()
        self._cancelled.clear()
        self._run = threading.Thread(target=self._sync, args=(run,), name="sync", daemon=True)
        self._run.start()

    def _cancel(self) -> None:
        self._cancelled.set()
        if self._engine is not None:
            self._engine.cancel()

    def _sync(self, run: Run) -> None:
        try:
            engine = self._engine_for(run)
            if self._cancelled.is_set():
                engine.cancel()  # arrived while the scope was being found
            message: object = Finished(engine.run(trigger=run.trigger, push_only=run.push_only))
        except IdentityProviderUnreachable as error:
            message = RunFailed("unreachable", str(error))
        except SignInError as error:
            message = RunFailed("sign_in", str(error))
        except Exception as error:  # reported to the window, whose scheduler retries later
            log.exception("sync run failed in the sync process")
            message = RunFailed("error", type(error).__name__)
        # The engine has let go of the sync lock: the next Run may start as soon as this is read.
        self._busy.clear()
        with contextlib.suppress(OSError):  # the window's process is gone
            self._send(message)

    def _engine_for(self, run: Run) -> SyncEngine:
        """The engine of this process, built at the first run (the scope is found then)."""
        if self._engine is not None:
            return self._engine
        request, store, fhir = self._request, self._store, self._fhir
        assert request is not None
        assert store is not None
        assert fhir is not None
        if request.purpose == "push":
            scope, config = SyncScope(), drain_config()
        else:
            scope = discover_scope(fhir, wanted=request.places, today=run.today)
            config = window_config()
        engine = SyncEngine(
            store, fhir, scope, lock_path=sync_lock_path(store.paths), config=config
        )
        if request.purpose == "window":
            engine.add_listener(self._forward)
        self._engine = engine
        return engine

    def _forward(self, name: str, /, **payload: Any) -> None:
        self._send(Event(name, payload))

    def _close(self) -> None:
        self._cancel()
        self._signing.close()
        if self._run is not None:
            self._run.join(_RUN_END_WAIT_S)
        if self._fhir is not None:
            self._fhir.close()
        if self._store is not None:
            self._store.close()
