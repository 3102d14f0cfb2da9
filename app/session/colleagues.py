"""Colleagues who may co-sign here: everyone who has signed in online on this computer.

A double signature (a controlled drug) needs a second person, who confirms with their own PIN.
Only people who have signed in online here have a PIN here, so the sign-in vault keeps (sealed)
who they are; the PIN is checked against their own key file, with their own rate limit and
lockout, and their store is never opened.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from app.errors import ColleagueNotVerified
from app.session.staff import staff_for
from client.oidc import identity_from_claims
from clinical.records import Staff
from offline import StoreKeyError

if TYPE_CHECKING:
    from client.oidc import Identity, SealedFileVault
    from offline import KeyManager

KNOWN_COLLEAGUES: Final = "known-colleagues"
"""The sealed vault entry: claims of everyone who has signed in online here, by subject."""


class Colleagues:
    """The people who have signed in here, and the check of a co-signing colleague's PIN."""

    def __init__(self, vault: SealedFileVault, *, keys: Callable[[Identity], KeyManager]) -> None:
        self._vault = vault
        self._keys = keys

    def remember(self, identity: Identity) -> None:
        """Note that ``identity`` signed in online here (so they can co-sign with their PIN)."""
        known = self._known()
        known[identity.subject] = identity.to_claims()
        self._vault.save(KNOWN_COLLEAGUES, json.dumps(known).encode())

    def _known(self) -> dict[str, Any]:
        raw = self._vault.load(KNOWN_COLLEAGUES)
        return {} if raw is None else dict(json.loads(raw))

    def verify(self, username_or_hpr: str, pin: str, *, signed_in: Identity | None) -> Staff:
        """The colleague with this HPR number or user name, if ``pin`` is theirs; never the
        signed-in person. ``ColleagueNotVerified`` otherwise (not saying which check failed)."""
        wanted = username_or_hpr.strip()
        for claims in self._known().values():
            colleague = identity_from_claims(claims)
            if wanted not in (colleague.hpr_number, colleague.subject):
                continue
            if signed_in is not None and colleague.subject == signed_in.subject:
                break  # the second signature must be somebody else's
            try:
                self._keys(colleague).unlock_with_pin(pin)
            except StoreKeyError:
                break
            return staff_for(colleague)
        raise ColleagueNotVerified("unknown colleague or wrong PIN")
