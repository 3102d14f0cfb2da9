"""The people who have a store on this computer: who they are, for the lock screen and for
co-signing. Sealed in the installation's vault (staff names and HPR numbers are personal data).

A person is added only once a sign-in has been completed here (online sign-in *and* their PIN),
so a sign-in that fails halfway leaves nobody behind. Only people of the configured identity
provider count: a store's identity is issuer + subject.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from client.oidc import SecretStorageError, identity_from_claims

if TYPE_CHECKING:
    from client.oidc import Identity, SealedFileVault

KNOWN_PEOPLE: Final = "known-colleagues"
"""The sealed vault entry (its name kept from earlier versions): claims by subject."""


class KnownPeople:
    """Who has signed in here, by subject, for one issuer."""

    def __init__(self, vault: SealedFileVault, *, issuer: str) -> None:
        self._vault = vault
        self._issuer = issuer

    def remember(self, identity: Identity) -> None:
        """Note that ``identity`` completed a sign-in here (online and PIN)."""
        known = self._load()
        known[identity.subject] = identity.to_claims()
        self._vault.save(KNOWN_PEOPLE, json.dumps(known).encode())

    def all(self) -> Sequence[Identity]:
        """Everyone of this issuer, by name."""
        people = []
        for claims in self._load().values():
            try:
                person = identity_from_claims(claims)
            except ValueError:
                continue
            if person.issuer == self._issuer:
                people.append(person)
        return sorted(people, key=lambda p: p.display_name.casefold())

    def find(self, subject: str) -> Identity | None:
        """The person with ``subject`` at this issuer, if known here."""
        return next((p for p in self.all() if p.subject == subject), None)

    def _load(self) -> dict[str, Any]:
        raw = self._vault.load(KNOWN_PEOPLE)
        if raw is None:
            return {}
        try:
            return dict(json.loads(raw))
        except (ValueError, TypeError):
            raise SecretStorageError("the sealed list of people here is damaged") from None
