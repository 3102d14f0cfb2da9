"""Who may witness a double signature here, and the check of their own PIN.

A controlled drug needs a second person, who confirms with their own PIN on this computer. A
witness must (1) be someone else than the person giving, (2) hold a health-personnel category
(Volven 9060, from their HPR approvals) that policy lets witness (``WitnessCategories``: by
default SP sykepleier, VP vernepleier, LE lege), (3) have signed in online on this computer
within the offline limit (``OfflineSignInHours``; the time is read from their authenticated PIN
state), and (4) give their own PIN, counted against their own lockout. Their store is never
opened. The returned ``Staff`` carries the category they witnessed in, which is recorded on the
MedicationAdministration's performer entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from app.errors import ColleagueNotVerified
from app.session.staff import staff_for
from clinical.records import Staff
from offline import StoreKeyError

if TYPE_CHECKING:
    from app.session.people import KnownPeople
    from client.oidc import Identity
    from offline import KeyManager


class Witnesses:
    """Checks a co-signing colleague (module docstring); never says which check failed."""

    def __init__(
        self,
        people: KnownPeople,
        *,
        keys: Callable[[Identity], KeyManager],
        categories: Sequence[str],
        signed_in_recently: Callable[[Identity], bool],
    ) -> None:
        self._people = people
        self._keys = keys
        self._categories = tuple(categories)
        self._recent = signed_in_recently

    @property
    def categories(self) -> tuple[str, ...]:
        return self._categories

    def verify(self, username_or_hpr: str, pin: str, *, signed_in: Identity | None) -> Staff:
        """The colleague with this HPR number or user name, if every check holds;
        ``ColleagueNotVerified`` otherwise."""
        wanted = username_or_hpr.strip()
        colleague = next(
            (p for p in self._people.all() if wanted in (p.hpr_number, p.subject)), None
        )
        if colleague is None:
            raise ColleagueNotVerified("unknown colleague or wrong PIN")
        if signed_in is not None and colleague.subject == signed_in.subject:
            raise ColleagueNotVerified("the second signature must be somebody else's")
        category = next((c for c in self._categories if c in colleague.categories), None)
        if category is None or not self._recent(colleague):
            raise ColleagueNotVerified("unknown colleague or wrong PIN")
        try:
            self._keys(colleague).verify_pin(pin)
        except StoreKeyError:
            raise ColleagueNotVerified("unknown colleague or wrong PIN") from None
        return replace(staff_for(colleague), role=category)
