"""Whether a PIN may unlock offline: only for the last person who signed in online, and only
for ``offline_sign_in_hours`` after that sign-in (policy ``OFFLINE_SIGN_IN_HOURS``).

HelseID's profile asks apps with both a local and a HelseID login to make sure both are the same
person; binding the PIN to the last online identity does that. The record (identity claims and
the time) is sealed in the vault, because staff names and HPR numbers are personal data too.
A clock that went backwards counts as expired: fail closed, sign in online.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from client.oidc.errors import OnlineSignInRequired, SecretStorageError
from client.oidc.identity import Identity, identity_from_claims
from client.oidc.installation import Vault

LAST_SIGN_IN_NAME = "last-online-sign-in"


@dataclass(frozen=True, slots=True)
class OnlineSignIn:
    """Who signed in online on this machine last, and when (our clock)."""

    identity: Identity
    signed_in_at: float


class OfflineUnlockGate:
    """Remembers the last online sign-in and decides whether offline PIN unlock is allowed."""

    def __init__(
        self,
        vault: Vault,
        *,
        max_offline_hours: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._vault = vault
        self._max_seconds = max_offline_hours * 3600.0
        self._clock = clock

    def record(self, identity: Identity) -> None:
        """Note an online sign-in by ``identity`` now (replaces the previous person)."""
        body = {"claims": identity.to_claims(), "signed_in_at": self._clock()}
        self._vault.save(LAST_SIGN_IN_NAME, json.dumps(body).encode())

    def last(self) -> OnlineSignIn | None:
        """The last online sign-in on this machine, or None."""
        raw = self._vault.load(LAST_SIGN_IN_NAME)
        if raw is None:
            return None
        try:
            body = json.loads(raw)
            return OnlineSignIn(
                identity=identity_from_claims(body["claims"]),
                signed_in_at=float(body["signed_in_at"]),
            )
        except (ValueError, KeyError, TypeError):
            raise SecretStorageError("the sealed last sign-in record is damaged") from None

    def identity_for_unlock(self) -> Identity:
        """The person whose PIN may unlock now; OnlineSignInRequired when nobody may."""
        last = self.last()
        if last is None:
            raise OnlineSignInRequired("nobody has signed in online on this machine yet")
        elapsed = self._clock() - last.signed_in_at
        if elapsed < 0 or elapsed > self._max_seconds:
            raise OnlineSignInRequired(
                f"the last online sign-in is older than {self._max_seconds / 3600:.0f} h"
            )
        return last.identity

    def forget(self) -> None:
        """Remove the record (sign-out: the next unlock needs an online sign-in)."""
        self._vault.delete(LAST_SIGN_IN_NAME)
