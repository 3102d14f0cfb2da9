"""Each person's keys on this computer: where their store lives and the policy that guards it.

A store's identity is issuer + subject (``offline.person_store_paths``); a store from before
that rule, named by ``sub`` alone, is found by ``legacy`` and renamed at its owner's next PIN
(``Session``). The key policy comes from the settings: ``SharedWorkstation`` (default true:
the PIN is needed for every unlock), ``PinAttempts`` and ``RecoveryPublicKey``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from config import PIN_ATTEMPTS, RECOVERY_PUBLIC_KEY, SHARED_WORKSTATION, Settings
from offline import (
    KeyManager,
    KeyPolicy,
    RecoveryPublicKey,
    StorePaths,
    finish_move,
    legacy_store_paths,
    person_store_paths,
)

if TYPE_CHECKING:
    from client.oidc import Identity
    from offline import SecurityLog
    from offline.keyring_secret import SecretStore


def key_policy(settings: Settings, *, base: KeyPolicy | None = None) -> KeyPolicy:
    """The key policy these settings ask for (``base`` carries test-only costs)."""
    from dataclasses import replace  # noqa: PLC0415 - keeps this module's import light

    recovery = settings.get(RECOVERY_PUBLIC_KEY)
    return replace(
        base or KeyPolicy(),
        shared_workstation=settings.get(SHARED_WORKSTATION),
        max_failed_attempts=settings.get(PIN_ATTEMPTS),
        recovery_key=RecoveryPublicKey.parse(recovery) if recovery else None,
    )


class PersonKeys:
    """Makes the ``KeyManager`` of a person's store, finishing an interrupted rename first."""

    def __init__(
        self,
        data_dir: Path,
        *,
        policy: KeyPolicy,
        events: SecurityLog,
        secrets: SecretStore | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._data_dir = data_dir
        self.policy = policy
        self._events = events
        self._secrets = secrets
        self._clock = clock

    def paths(self, person: Identity) -> StorePaths:
        """Where ``person``'s store lives (issuer + subject)."""
        return person_store_paths(
            issuer=person.issuer, subject=person.subject, directory=self._data_dir
        )

    def legacy(self, person: Identity) -> StorePaths | None:
        """``person``'s store from before issuer + subject, if one is still waiting to move."""
        old = legacy_store_paths(person.subject, directory=self._data_dir)
        finish_move(old, self.paths(person))
        return old if old.key_file.exists() else None

    def for_paths(self, paths: StorePaths) -> KeyManager:
        extra = {"clock": self._clock} if self._clock is not None else {}
        return KeyManager(
            paths, policy=self.policy, secrets=self._secrets, events=self._events, **extra
        )

    def of(self, person: Identity) -> KeyManager:
        """The keys of ``person``'s store: the current name, or the old one while it waits."""
        legacy = self.legacy(person)
        return self.for_paths(legacy if legacy is not None else self.paths(person))
