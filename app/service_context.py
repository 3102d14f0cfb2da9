"""What every store-backed service shares: the open store, who is signed in, the clock, the
ward's rules and this workstation's settings."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.bedside.config import BedsideConfig
from app.errors import AppError
from app.shift.drafts import DraftBuffer
from clinical.records import Staff
from offline import StoreError

if TYPE_CHECKING:
    from offline import Store

Clock = Callable[[], datetime]
ColleagueVerifier = Callable[[str, str], Staff]


def _this_computer() -> str:
    return platform.node() or "pleiepunkt"


@dataclass(frozen=True)
class ServiceContext:
    """The signed-in user's store and the settings the services follow.

    ``store`` returns the open store (``Session.store``: it raises ``SessionLocked`` while the
    screen is locked). ``places``: Location ids or names to offer (the ``places_of_work``
    setting); empty offers every unit and route in the store. ``route_days``: how many days
    (from today) each route is offered for. ``last_sync``: when this workstation last synced
    successfully. ``online``: whether the platform answered at the last contact (an opening
    while it did not is logged as recorded offline; without it nothing is flagged).
    ``organisation_number``: the municipality (ENH), named in AuditEvents; ``workstation``
    names this computer there; ``purpose_detail`` is its Volven 9151 service type.
    ``colleague_verifier`` checks a double-signature colleague's PIN (without it every double
    signature is refused). ``drafts`` holds the note drafts typed in this window until they are
    written (``app.shift.drafts``; the workstation writes what is left before the store closes).
    """

    store: Callable[[], Store]
    user: Staff
    clock: Clock
    ward: BedsideConfig = field(default_factory=BedsideConfig)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Oslo"))
    places: tuple[str, ...] = ()
    route_days: int = 2
    last_sync: Callable[[], datetime | None] | None = None
    online: Callable[[], bool] | None = None
    organisation_number: str | None = None
    workstation: str = field(default_factory=_this_computer)
    purpose_detail: str | None = None
    colleague_verifier: ColleagueVerifier | None = None
    drafts: DraftBuffer = field(default_factory=lambda: DraftBuffer(""))


class StoreService:
    """Base of the services over one ``ServiceContext``."""

    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    @property
    def context(self) -> ServiceContext:
        return self._context

    def _store(self) -> Store:
        return self._context.store()


@contextmanager
def store_errors(error: type[AppError]) -> Iterator[None]:
    """Turn a store failure into ``error`` (safe to show); other app errors pass through."""
    try:
        yield
    except StoreError as exc:
        raise error(f"{error.__name__}: {type(exc).__name__}") from exc
