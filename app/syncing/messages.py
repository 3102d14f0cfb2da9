"""What the window's process and its sync process say to each other over their pipe.

Parent to child: ``Open`` (then the data key, as raw bytes of its own), ``Run``, ``Cancel``,
``Stop``, and ``Signed`` (the answer to a ``SignRequest``). Child to parent: ``Opened`` or
``OpenFailed``, ``Event`` (a sync engine event, ``sync.events``), ``Finished`` or ``RunFailed``
(one per ``Run``), ``SignRequest`` (an access token or a DPoP proof, ``app.syncing.signing``)
and ``LogLine`` (a log record, for the parent's log).

Each message is pickled. The parent reads the child's with ``from_child``, which rebuilds only
the types listed here (the messages, the engine's status and summary values, dates): the child
parses what the platform sends, and whatever it says back can do no more than these values can.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from app.fhir_clients import PlatformAddress
from offline import StorePaths

Purpose = Literal["window", "push"]
"""``window``: the open store's sync (scope found at the first run, full runs); ``push``: a
locked person's unsynced records, pushed only (``OutboxDrain``)."""

SignWhat = Literal["token", "refresh", "proof"]
FailureKind = Literal["unreachable", "sign_in", "error"]
"""Why a run or a signature failed: the identity provider did not answer; the sign-in is gone
(signed out, expired, revoked); anything else."""


@dataclass(frozen=True, slots=True)
class Open:
    """Open ``paths`` as ``user`` (the key follows as bytes) and sync it with ``platform``."""

    paths: StorePaths
    user: str
    platform: PlatformAddress
    purpose: Purpose
    signed: bool
    """Whether to sign requests (``SignRequest``); unsigned, the platform refuses them."""
    places: tuple[str, ...] = ()
    log_level: int = 30


@dataclass(frozen=True, slots=True)
class Run:
    """Run one sync; ``today`` is the clinical clock's (for the routes' visit plans)."""

    trigger: str
    today: date
    push_only: bool = False


@dataclass(frozen=True, slots=True)
class Cancel:
    """End the running sync at its next safe point."""


@dataclass(frozen=True, slots=True)
class Stop:
    """Cancel, close the store and exit."""


@dataclass(frozen=True, slots=True)
class Signed:
    """The answer to ``SignRequest`` ``request``: the value, or why there is none."""

    request: int
    value: str | None = None
    failure: FailureKind | None = None
    message: str = ""


@dataclass(frozen=True, slots=True)
class Opened:
    """The store is open in process ``pid``."""

    pid: int


@dataclass(frozen=True, slots=True)
class OpenFailed:
    """The store did not open (``error``: the exception's type name); the child exits."""

    error: str


@dataclass(frozen=True, slots=True)
class Event:
    """One sync engine event, as ``listener(name, **payload)`` would have received it."""

    name: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finished:
    """The run ended with ``summary`` (a ``sync.SyncSummary``)."""

    summary: Any


@dataclass(frozen=True, slots=True)
class RunFailed:
    """The run raised instead of returning a summary."""

    failure: FailureKind
    message: str


@dataclass(frozen=True, slots=True)
class SignRequest:
    """Ask for an access token, a refreshed one, or a DPoP proof for one request."""

    request: int
    what: SignWhat
    method: str = ""
    url: str = ""
    access_token: str | None = None
    nonce: str | None = None


@dataclass(frozen=True, slots=True)
class LogLine:
    """A log record of the child, formatted there (records never hold patient data)."""

    level: int
    logger: str
    text: str


_ALLOWED: Final = {
    ("app.syncing.messages", name)
    for name in ("Opened", "OpenFailed", "Event", "Finished", "RunFailed", "SignRequest", "LogLine")
} | {
    ("sync.summary", "SyncSummary"),
    ("sync.summary", "SyncOutcome"),
    ("sync.status", "SyncStatus"),
    ("sync.status", "Connectivity"),
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
}


class _ChildUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"the sync process sent a {module}.{name}")
        return super().find_class(module, name)


def from_child(data: bytes) -> object:
    """A message from the sync process; ``pickle.UnpicklingError`` for anything not listed."""
    return _ChildUnpickler(io.BytesIO(data)).load()
