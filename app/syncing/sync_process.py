"""``SyncProcess``: one store's sync in a child process, driven from the window's process.

Why a process: parsing a page of the platform's answer and storing it holds the interpreter's
lock, and on a thread of the window's process the GUI thread waits meanwhile (51.9 ms stalls at
10,000 patients, tests/bench/bench_gui_stall.py). In a process of its own the sync runs the
headless engine at headless speed, and the window's process keeps only what its views show.

Shape: ``run`` is a blocking ``SyncEngine.run`` for the ``SyncScheduler`` (or the background
push): the child (``app.syncing.sync_child``, spawned on first use) runs it and answers with its
summary; its engine events reach ``listener`` as if the engine ran here, and the requests it
makes are signed here with the person's sign-in (``PlatformSigner``). The store's key goes over
the pipe after the child starts (never argv or the environment); the child has its own
connection, and WAL with a busy timeout lets it and the window's connection both write.

Failures: a child that dies (crashed, killed from outside) fails the run that was going
(``SyncProcessDied``) and is started again at the next ``run``, not before a backoff (1 s,
doubling to a minute; reset by a run that finishes). Nothing is lost: every store write is one
SQLite transaction, and the outbox entries a dead child had in flight go back to pending when
the next one opens the store. ``cancel`` and ``stop`` end the child's sync within a second: it
is asked first, and killed if it has not finished by then (safe for the same reasons).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Final

from app.fhir_clients import PlatformAddress
from app.syncing.child_main import serve
from app.syncing.messages import (
    Cancel,
    Event,
    Finished,
    LogLine,
    Open,
    Opened,
    OpenFailed,
    Purpose,
    Run,
    RunFailed,
    Signed,
    SignRequest,
    Stop,
    from_child,
)
from app.syncing.signing import PlatformSigner
from client.oidc import IdentityProviderUnreachable, NotSignedIn
from offline import Store
from sync import Connectivity, Listener, SyncOutcome, SyncStatus, SyncSummary

log = logging.getLogger(__name__)

ENDS_WITHIN_S: Final = 1.0
"""``cancel`` and ``stop`` end the child's sync within this long (asked, then killed)."""
_ASK_FIRST_S: Final = 0.5
"""Of ``ENDS_WITHIN_S``, how long the child is given to end on its own before it is killed."""
START_WITHIN_S: Final = 120.0
"""A child that has not opened the store by then is killed (the run fails)."""
RESTART_BASE_S: Final = 1.0
RESTART_CAP_S: Final = 60.0


class SyncProcessDied(RuntimeError):
    """The sync process ended during a run without being asked to (crashed or killed)."""


class SyncProcessFailed(RuntimeError):
    """The sync process could not start, or its run raised (the message names the type)."""


def restart_delay(deaths: int) -> float:
    """Seconds before the next start after ``deaths`` unexpected deaths in a row."""
    return 0.0 if deaths <= 0 else min(RESTART_CAP_S, RESTART_BASE_S * 2 ** (deaths - 1))


def interrupted(
    trigger: str, *, started: datetime, status: SyncStatus, error: str | None = None
) -> SyncSummary:
    """The summary of a run that was cancelled before the child could say how it went: no
    counts (finished work is kept in the store all the same)."""
    return SyncSummary(
        outcome=SyncOutcome.CANCELLED,
        trigger=trigger,
        started_at=started,
        finished_at=datetime.now(UTC),
        pushed=0,
        quarantined=0,
        lost_answers_recovered=0,
        pulled=0,
        unchanged=0,
        deleted=0,
        members=0,
        bootstrapped=0,
        purged_patients=0,
        conflicts_detected=0,
        conflicts_merged=0,
        pages=0,
        deletes_supported=True,
        status=status,
        error=error,
    )


@dataclass
class _Child:
    """One started child: the process, its end of the pipe and the thread reading it."""

    process: BaseProcess
    conn: Connection
    reader: threading.Thread | None = None
    expected_end: bool = False
    reaped: bool = False  # ``_died`` ran: its pipe is closed, so never closed twice


class _PendingRun:
    """The run in progress: how it ended, once it has."""

    def __init__(self) -> None:
        self.cancelled = False
        self.begun = False  # the child's engine said ``sync_did_start``
        self._ended = threading.Event()
        self._result: object = None

    def end(self, result: object) -> None:
        if not self._ended.is_set():
            self._result = result
            self._ended.set()

    def wait(self, timeout: float | None = None) -> object:
        self._ended.wait(timeout)
        return self._result

    @property
    def ended(self) -> bool:
        return self._ended.is_set()


class _Died:
    """The child ended while a run was pending."""

    def __init__(self, exit_code: int | None) -> None:
        self.exit_code = exit_code


class SyncProcess:
    """Runs one store's sync in a child process (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        *,
        user: str,
        platform: PlatformAddress,
        signer: PlatformSigner | None,
        purpose: Purpose,
        places: tuple[str, ...] = (),
        listener: Listener | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._user = user
        self._platform = platform
        self._signer = signer
        self._purpose: Purpose = purpose
        self._places = places
        self._listener = listener
        self._clock = clock
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._child: _Child | None = None
        self._pending: _PendingRun | None = None
        self._stopped = threading.Event()
        self._deaths = 0
        self._restart_at = 0.0
        self._status: SyncStatus | None = None
        self._settled = Connectivity.ONLINE  # the connectivity a run that ends early goes back to
        self.starts = 0

    @property
    def pid(self) -> int | None:
        """The running child's process id (None while none runs)."""
        child = self._child
        return None if child is None or not child.process.is_alive() else child.process.pid

    @property
    def syncing(self) -> bool:
        """Whether the child's engine is in the middle of a run (the window's sync only: a
        background push sends no events)."""
        pending = self._pending
        return pending is not None and pending.begun and not pending.ended

    @property
    def deaths(self) -> int:
        """Unexpected deaths in a row (reset by a run that finishes)."""
        return self._deaths

    def run(self, *, trigger: str = "manual", today: date, push_only: bool = False) -> SyncSummary:
        """One sync in the child, as ``SyncEngine.run`` (same summary, events and exceptions).

        Raises ``SyncProcessDied`` when the child dies during the run without being asked,
        ``SyncProcessFailed`` when it cannot start or its run raised something unexpected, and
        the sign-in errors a ``TokenSession`` raises (``IdentityProviderUnreachable``,
        ``NotSignedIn``) when those ended the run.
        """
        started = datetime.now(UTC)
        pending = _PendingRun()
        with self._lock:
            if self._pending is not None:
                raise SyncProcessFailed("a sync is already running")
            self._pending = pending
        try:
            return self._run(pending, Run(trigger, today, push_only), started)
        finally:
            pending.end(None)  # for ``stop``, which waits for the run to be over
            with self._lock:
                self._pending = None

    def cancel(self) -> None:
        """End the running sync within ``ENDS_WITHIN_S`` (no-op when none runs); any thread."""
        with self._lock:
            pending, child = self._pending, self._child
            if pending is None or pending.cancelled:
                return
            pending.cancelled = True
        if child is not None:
            self._send(child, Cancel())
        watchdog = threading.Thread(
            target=self._kill_unless_ended, args=(pending, child), name="sync-cancel", daemon=True
        )
        watchdog.start()

    def stop(self) -> None:
        """No more runs; the child (and any run) ends within ``ENDS_WITHIN_S``."""
        self._stopped.set()
        with self._lock:
            pending, child = self._pending, self._child
            if pending is not None:
                pending.cancelled = True
        if child is not None:
            self._end(child)
        if pending is not None:
            pending.wait(ENDS_WITHIN_S)  # a child started meanwhile is ended by the run

    # ---- the run ------------------------------------------------------------------------------

    def _run(self, pending: _PendingRun, run: Run, started: datetime) -> SyncSummary:
        if not self._wait_for_restart(pending):
            return self._cut_short(run.trigger, started)
        child = self._started(pending)
        if child is None:
            return self._cut_short(run.trigger, started)
        if not self._send(child, run):
            pending.end(_Died(child.process.exitcode))
        if pending.cancelled:
            self._send(child, Cancel())
        result = pending.wait()
        if isinstance(result, Finished):
            self._deaths = 0
            summary: SyncSummary = result.summary
            self._settle(summary.status)
            return summary
        if isinstance(result, RunFailed):
            raise _run_error(result)
        if pending.cancelled or self._stopped.is_set():
            return self._cut_short(run.trigger, started)
        self._emit_status(error="the sync process stopped")
        raise SyncProcessDied(
            "the sync process stopped during the sync "
            f"(exit code {getattr(result, 'exit_code', None)}); restarting in "
            f"{restart_delay(self._deaths):.0f} s"
        )

    def _wait_for_restart(self, pending: _PendingRun) -> bool:
        """Wait out the restart backoff; False when cancelled or stopped meanwhile."""
        while not (pending.cancelled or self._stopped.is_set()):
            left = self._restart_at - self._clock()
            if left <= 0:
                return True
            self._stopped.wait(min(left, 0.1))
        return False

    def _started(self, pending: _PendingRun) -> _Child | None:
        """The running child, started (store open, reader running) if there was none; None
        when cancelled or stopped meanwhile, ``SyncProcessFailed`` when it could not start."""
        child = self._child
        if child is not None and child.process.is_alive() and not child.expected_end:
            return child
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=serve,
            args=(theirs, self._store.put_bedside_first()),  # the nurse's writes go first
            name=f"pleiepunkt-sync-{self._purpose}",
            daemon=True,
        )
        process.start()
        theirs.close()
        child = _Child(process, ours)
        self.starts += 1
        with self._lock:
            self._child = child  # from here on, ``stop`` ends it
        opened = self._hand_over(child, pending)
        if opened is not True:
            self._end(child)
            if pending.cancelled or self._stopped.is_set():
                return None
            raise SyncProcessFailed(f"the sync process did not start: {opened}")
        reader = threading.Thread(target=self._read, args=(child,), name="sync-pipe", daemon=True)
        child.reader = reader
        reader.start()
        return child

    def _hand_over(self, child: _Child, pending: _PendingRun) -> bool | str:
        """Send what the child needs to open the store (the key as bytes of its own) and wait
        until it has: True, or why not (False when cancelled or stopped meanwhile)."""
        request = Open(
            paths=self._store.paths,
            user=self._user,
            platform=self._platform,
            purpose=self._purpose,
            signed=self._signer is not None,
            places=self._places,
            log_level=logging.getLogger().getEffectiveLevel(),
        )
        key = self._store.share_key()
        try:
            with self._send_lock:
                child.conn.send(request)
                child.conn.send_bytes(key.raw())
        except OSError:
            self._died(child)
            return "it ended at once"
        finally:
            key.wipe()
        deadline = self._clock() + START_WITHIN_S
        while not (pending.cancelled or self._stopped.is_set()):
            if self._clock() > deadline:
                return "it did not open the store in time"
            try:
                if not child.conn.poll(0.05):
                    continue
                answer = from_child(child.conn.recv_bytes())
            except (EOFError, OSError):
                self._died(child)
                return f"it ended (exit code {child.process.exitcode})"
            if isinstance(answer, Opened):
                return True
            if isinstance(answer, OpenFailed):
                return f"the store did not open ({answer.error})"
            if isinstance(answer, LogLine):
                _log(answer)
        return False

    # ---- the pipe -----------------------------------------------------------------------------

    def _send(self, child: _Child, message: object) -> bool:
        try:
            with self._send_lock:
                child.conn.send(message)
        except (OSError, ValueError):  # the child is gone (the reader notices)
            return False
        return True

    def _read(self, child: _Child) -> None:
        """The reading thread: events to the listener, signatures back, the run's end."""
        while True:
            try:
                data = child.conn.recv_bytes()
            except (EOFError, OSError):
                break
            try:
                message = from_child(data)
            except Exception as error:  # a message this side does not know: dropped
                log.warning("a message from the sync process was dropped: %s", error)
                continue
            self._dispatch(child, message)
        self._died(child)

    def _dispatch(self, child: _Child, message: object) -> None:
        if isinstance(message, Event):
            pending = self._pending
            if message.name == "sync_did_start" and pending is not None:
                pending.begun = True
            if message.name == "sync_status_changed":
                status = message.payload.get("status")
                self._status = status if isinstance(status, SyncStatus) else self._status
            self._tell(message.name, message.payload)
        elif isinstance(message, SignRequest):
            signer = self._signer
            answer = (
                signer.answer(message)
                if signer is not None
                else Signed(message.request, failure="sign_in", message="not signed in")
            )
            self._send(child, answer)
        elif isinstance(message, Finished | RunFailed):
            pending = self._pending
            if pending is not None:
                pending.end(message)
        elif isinstance(message, LogLine):
            _log(message)

    def _tell(self, name: str, payload: dict[str, object]) -> None:
        listener = self._listener
        if listener is None:
            return
        try:
            listener(name, **payload)
        except Exception:
            log.exception("sync event listener failed on %s", name)

    # ---- ending -------------------------------------------------------------------------------

    def _died(self, child: _Child) -> None:
        """The child's pipe closed: reap it, count an unexpected death, end the pending run.

        Once per child: a stop (``_end``) and the thread starting or reading the child may both
        find it gone, and a second close of the pipe fails (EBADF)."""
        with self._lock:
            if child.reaped:
                return
            child.reaped = True
        child.process.join(ENDS_WITHIN_S)
        with self._lock:
            if self._child is child:
                self._child = None
            pending = self._pending
        if not child.expected_end and not self._stopped.is_set():
            self._deaths += 1
            self._restart_at = self._clock() + restart_delay(self._deaths)
            log.warning(
                "the sync process ended unexpectedly (exit code %s); next start in %.0f s",
                child.process.exitcode,
                restart_delay(self._deaths),
            )
        child.conn.close()
        if pending is not None:
            pending.end(_Died(child.process.exitcode))

    def _end(self, child: _Child, *, ask_first: bool = True) -> None:
        """Ask the child to stop (unless it has been asked already), kill it if it has not
        stopped in the time, reap it."""
        child.expected_end = True
        if ask_first:
            self._send(child, Stop())
            child.process.join(_ASK_FIRST_S)
        if child.process.is_alive():
            log.info("the sync process did not stop in time; ending it")
            child.process.kill()
            child.process.join(ENDS_WITHIN_S)
        reader = child.reader
        if reader is not None and reader is not threading.current_thread():
            reader.join(ENDS_WITHIN_S)
        else:
            self._died(child)

    def _kill_unless_ended(self, pending: _PendingRun, child: _Child | None) -> None:
        """After a cancel: a run still going after ``_ASK_FIRST_S`` ends with its child."""
        if pending.wait(_ASK_FIRST_S) is None and not pending.ended:
            with self._lock:
                child = self._child or child
            if child is not None:
                self._end(child, ask_first=False)

    def _cut_short(self, trigger: str, started: datetime) -> SyncSummary:
        """A cancelled run's summary, told to the listener as the engine would have."""
        status = self._settled_status()
        summary = interrupted(trigger, started=started, status=status)
        self._tell("sync_status_changed", {"status": status})
        self._tell("sync_did_finish", {"summary": summary})
        return summary

    def _emit_status(self, *, error: str) -> None:
        self._tell("sync_status_changed", {"status": self._settled_status(error=error)})

    def _settle(self, status: SyncStatus) -> None:
        self._status = status
        if status.connectivity is not Connectivity.SYNCING:
            self._settled = status.connectivity

    def _settled_status(self, *, error: str | None = None) -> SyncStatus:
        """The store's counts now (the last ones known if it cannot say), with the connectivity
        from before the run."""
        last = self._status
        try:
            counts = self._store.outbox_status()
            pending, quarantined, conflicts = (
                counts.pending + counts.inflight,
                counts.quarantined,
                counts.open_conflicts,
            )
        except Exception:  # closed at a lock meanwhile: the counts shown last stand
            pending, quarantined, conflicts = (
                (last.pending_changes, last.quarantined, last.conflicts) if last else (0, 0, 0)
            )
        return SyncStatus(
            connectivity=self._settled,
            pending_changes=pending,
            quarantined=quarantined,
            conflicts=conflicts,
            last_success_at=last.last_success_at if last is not None else None,
            last_error=error,
        )


def _run_error(failed: RunFailed) -> Exception:
    if failed.failure == "unreachable":
        return IdentityProviderUnreachable(failed.message)
    if failed.failure == "sign_in":
        return NotSignedIn(failed.message)
    return SyncProcessFailed(f"the sync failed in the sync process: {failed.message}")


def _log(line: LogLine) -> None:
    logging.getLogger(line.logger).log(line.level, "%s", line.text)


__all__ = ["SyncProcess", "SyncProcessDied", "SyncProcessFailed", "interrupted"]
