"""A ward PC for the attacker tests: one data directory, the real identity provider, the real
Secret Service keyring, and sessions signing synthetic staff in through the real flow."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.session import Session
from client.oidc import Identity
from config import Settings, SettingsPaths
from offline import KeyPolicy
from offline.keyfile import ScryptParams
from offline.paths import StorePaths, person_store_paths
from tests.idp.browser import HttpBrowser
from tests.idp.launcher import IdentityProvider

FAST = KeyPolicy(scrypt=ScryptParams(n=2**10))  # production cost is 2**17; same logic
NURSE = ("kari.sykepleier", "test-nurse-password")
PHYSICIAN = ("lars.lege", "test-physician-password")
HEALTH_WORKER = ("hanne.helsefag", "test-hf-password")


class Clock:
    """Wall time plus an offset a test moves forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class Browser:
    """The shared PC's browser: whoever stands at it signs in."""

    def __init__(self) -> None:
        self.at_the_keyboard = HttpBrowser(*NURSE)

    def __call__(self, url: str) -> None:
        self.at_the_keyboard(url)


@dataclass
class Ward:
    """One ward PC's app directory and configuration, registered at the identity provider."""

    root: Path
    idp: IdentityProvider
    client_id: str
    clock: Clock = field(default_factory=Clock)
    browser: Browser = field(default_factory=Browser)
    sessions: list[Session] = field(default_factory=list)

    @property
    def stores(self) -> Path:
        return self.root / "stores"

    def settings(self, extra: str = "") -> Settings:
        (self.root / "config.toml").write_text(
            f'identity_provider_url = "{self.idp.issuer}"\n'
            f'client_id = "{self.client_id}"\n' + extra,
            encoding="utf-8",
        )
        return Settings.load(SettingsPaths.under_root(self.root))

    def app(self, extra: str = "") -> Session:
        """A running app on this PC (another process, as far as the files know)."""
        session = Session(
            settings=self.settings(extra),
            data_dir=self.stores,
            open_browser=self.browser,
            key_costs=FAST,
            clock=self.clock,
        )
        self.idp.register_client(self.client_id, session.client_key.public_jwk())
        self.sessions.append(session)
        return session

    def sign_in(self, session: Session, who: tuple[str, str], pin: str) -> Identity:
        """``who`` signs in online and gives (or, first time here, chooses) their PIN."""
        self.browser.at_the_keyboard = HttpBrowser(*who)
        person = session.sign_in_online()
        if session.needs_new_pin():
            session.create_store(pin)
        else:
            session.complete_sign_in(pin)
        return person

    def paths(self, person: Identity) -> StorePaths:
        return person_store_paths(
            issuer=person.issuer, subject=person.subject, directory=self.stores
        )

    def close(self) -> None:
        for session in self.sessions:
            session.close()


def ward_pc(root: Path, idp: IdentityProvider) -> Iterator[Ward]:
    ward = Ward(root, idp, f"pleiepunkt-ward-{uuid.uuid4().hex[:10]}")
    try:
        yield ward
    finally:
        ward.close()
