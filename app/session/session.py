"""``Session``: one workstation's sign-in, PIN unlock, lock, user switch and sign-out.

One person's store is open at a time, and the session hands it out typed (``store()``); while
the screen is locked it raises ``SessionLocked`` instead, and the window stays as it is.
Locking closes the store for the window; if it holds unsynced records and the person's sign-in
is still good, ``background_push`` gets the store and tokens, and an ``OutboxDrain`` pushes the
records under that person's identity in the background, then drops both. So a user switch (a
second person signing in at the lock screen) leaves the first person's work theirs, sent under
their own token; the second person's window never sees it. When the first person comes back,
their push is stopped before their store opens again.

Listeners (``watch``) hear when a store has opened (start syncing) and before it closes (stop
syncing). Errors for the person at the screen: ``UnlockRefused``, ``SignInFailed``,
``SessionLocked`` (``app.errors``).
"""

from __future__ import annotations

import logging
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.errors import SessionLocked, SignInFailed, UnlockProblem, UnlockRefused
from app.session.colleagues import Colleagues
from app.session.sign_in import open_sign_in
from app.session.staff import staff_for
from app.values import PinProblem, PinState
from client.oidc import (
    BrowserSignIn,
    Identity,
    OfflineUnlockGate,
    OnlineSignInRequired,
    SignInError,
    SigningKey,
    TokenSession,
)
from clinical.records import Staff
from config import OFFLINE_SIGN_IN_HOURS, Settings
from offline import (
    KeyManager,
    KeyMaterialMissingError,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    Store,
    StoreError,
    StoreKeyError,
    UserId,
    WrongPinError,
    store_paths,
)

if TYPE_CHECKING:
    from offline import DataKey

log = logging.getLogger(__name__)


class BackgroundPush(Protocol):
    """A running push of one locked person's records (``app.syncing.OutboxDrain``)."""

    @property
    def subject(self) -> str: ...

    def start(self) -> None: ...

    def is_running(self) -> bool: ...

    def stop(self, *, timeout: float = 30.0) -> None: ...


PushFactory = Callable[[Store, TokenSession], BackgroundPush | None]


class SessionListener(Protocol):
    """Hears the store open and close (the workstation's sync follows it)."""

    def store_opened(self) -> None:
        """A store is open now (after sign-in, unlock or a new PIN): safe from any thread."""
        ...

    def store_closing(self) -> None:
        """The store is about to close (lock, sign-out, user switch)."""
        ...


def unsent_count(store: Store) -> int:
    """Records of ``store`` not yet accepted by the platform (pending or in flight)."""
    status = store.outbox_status()
    return status.pending + status.inflight


def _has_unsent(store: Store) -> bool:
    """Whether the outbox holds records; a store that cannot say is treated as empty (lock wins)."""
    try:
        return unsent_count(store) > 0
    except StoreError:
        return False


def _refusal(error: StoreKeyError) -> UnlockRefused:
    if isinstance(error, OnlineSignInRequiredError):
        return UnlockRefused(UnlockProblem.TOO_MANY_WRONG, online_required=True)
    if isinstance(error, WrongPinError):
        return UnlockRefused(UnlockProblem.WRONG_PIN, attempts_left=error.attempts_left)
    if isinstance(error, PinRateLimitedError):
        return UnlockRefused(UnlockProblem.TOO_SOON)
    if isinstance(error, KeyMaterialMissingError):
        return UnlockRefused(UnlockProblem.NO_KEY_HERE)
    return UnlockRefused(UnlockProblem.KEY_UNREADABLE)


class Session:
    """Sign-in, PIN unlock, lock and sign-out over ``client.oidc`` and ``offline``; this is
    the ``SessionServices`` of the running app (see the module docstring)."""

    def __init__(
        self,
        *,
        settings: Settings,
        data_dir: Path,
        open_browser: Callable[[str], object] | None = None,
    ) -> None:
        self._data_dir = data_dir
        self.provider, self._vault = open_sign_in(settings, data_dir=data_dir)
        self._gate = OfflineUnlockGate(
            self._vault, max_offline_hours=settings.get(OFFLINE_SIGN_IN_HOURS)
        )
        self._colleagues = Colleagues(self._vault, keys=self.keys)
        self._open_browser = open_browser or webbrowser.open
        self._store: Store | None = None
        self.identity: Identity | None = None
        self.tokens: TokenSession | None = None
        self._browser: BrowserSignIn | None = None
        self._listeners: list[SessionListener] = []
        self.background_push: PushFactory = lambda _store, _tokens: None
        self._pushes: dict[str, BackgroundPush] = {}

    @property
    def client_key(self) -> SigningKey:
        """This installation's client key (its public JWK is registered at the provider)."""
        return self.provider.client_key

    def watch(self, listener: SessionListener) -> None:
        """Tell ``listener`` each time a store opens and before it closes."""
        self._listeners.append(listener)

    def store(self) -> Store:
        """The signed-in person's open store; ``SessionLocked`` while locked or signed out."""
        store = self._store
        if store is None:
            raise SessionLocked("the store is locked")
        return store

    def has_open_store(self) -> bool:
        """Whether a store is open (signed in or unlocked, and not locked since)."""
        return self._store is not None

    def needs_new_pin(self) -> bool:
        """Signed in online for the first time here: a PIN must be chosen (``create_store``)."""
        return self.identity is not None and self._store is None

    def staff(self) -> Staff:
        """The signed-in person as a performer of records."""
        if self.identity is None:
            raise SessionLocked("nobody is signed in")
        return staff_for(self.identity, store=self._store)

    def keys(self, identity: Identity) -> KeyManager:
        """The PIN and key files of ``identity``'s store on this computer."""
        return KeyManager(store_paths(UserId(identity.subject), directory=self._data_dir))

    def current_user(self) -> Identity | None:
        """Who the session belongs to: the signed-in person, else the last one who signed in."""
        if self.identity is not None:
            return self.identity
        last = self._gate.last()
        return None if last is None else last.identity

    def pin_state(self) -> PinState:
        """Whether the PIN may unlock now, and if not, why."""
        try:
            identity = self._gate.identity_for_unlock()
        except OnlineSignInRequired:
            return PinState(False, PinProblem.OFFLINE_TOO_LONG)
        keys = self.keys(identity)
        if not keys.has_key():
            return PinState(False, PinProblem.NO_KEY_HERE)
        if keys.status().online_sign_in_required:
            return PinState(False, PinProblem.TOO_MANY_WRONG_PINS)
        return PinState(True)

    def unlock_with_pin(self, pin: str) -> None:
        """Reopen the last signed-in person's store with their PIN; ``UnlockRefused`` says why
        not. Their refresh token, if it still works, brings the session back online."""
        try:
            identity = self._gate.identity_for_unlock()
        except OnlineSignInRequired:
            raise UnlockRefused(UnlockProblem.OFFLINE_TOO_LONG, online_required=True) from None
        try:
            key = self.keys(identity).unlock_with_pin(pin)
        except StoreKeyError as error:
            raise _refusal(error) from None
        self._stop_push(identity.subject)
        self._open(identity, key)
        try:
            self.tokens = TokenSession.resume(self.provider, identity=identity, vault=self._vault)
        except SignInError:
            self.tokens = None  # sync says "sign in required"; records stay local meanwhile
        self._opened()

    def sign_in_online(self) -> Identity:
        """Sign in in the system browser (blocks until done); may bring another person, whose
        store opens instead (a user switch). ``SignInFailed`` says why it did not work."""
        self._browser = BrowserSignIn(self.provider, open_browser=self._open_browser)
        try:
            result = self._browser.run()
        except SignInError as error:
            log.info("sign-in failed: %s", type(error).__name__)
            raise SignInFailed(error.code) from error
        finally:
            self._browser = None
        if self.identity is not None and self.identity.subject != result.identity.subject:
            self._close()
        # Before the new tokens are sealed: a push must not rotate this person's stored one.
        self._stop_push(result.identity.subject)
        self.tokens = TokenSession.from_sign_in(self.provider, result, vault=self._vault)
        self._gate.record(result.identity)
        self._colleagues.remember(result.identity)
        keys = self.keys(result.identity)
        if keys.has_key():
            self._open(result.identity, keys.unlock_after_online_sign_in())
            self._opened()
        else:
            self.identity = result.identity  # the window asks for a new PIN, then create_store
        return result.identity

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """A second person confirms a double signature with their own PIN on this computer."""
        return self._colleagues.verify(username_or_hpr, pin, signed_in=self.identity)

    def create_store(self, pin: str) -> None:
        """First sign-in on this computer: a new encrypted store protected by ``pin``."""
        if self.identity is None:
            raise SessionLocked("nobody is signed in")
        self._open(self.identity, self.keys(self.identity).create(pin), create=True)
        self._opened()

    def cancel_sign_in(self) -> None:
        """End a pending ``sign_in_online`` (from another thread)."""
        if self._browser is not None:
            self._browser.cancel()

    def lock(self) -> None:
        """The screen locked: the store leaves the window's reach (never losing records)."""
        self._closing()
        self._close_store()

    def sign_out(self) -> None:
        """Revoke and forget the sign-in; stored records (also unsynced ones) stay."""
        self._closing()
        if self.tokens is not None:
            self.tokens.sign_out()
        self._gate.forget()
        self._close()

    def drains_running(self) -> int:
        """How many locked people's records are still being pushed in the background."""
        return sum(push.is_running() for push in self._pushes.values())

    def close(self) -> None:
        """At quit: stop background pushes, close the store and the provider's connections."""
        for subject in list(self._pushes):
            self._stop_push(subject, timeout=5.0)  # unsent records stay in the store
        store, self._store = self._store, None
        if store is not None:
            store.close()
        self.provider.close()

    def _opened(self) -> None:
        for listener in self._listeners:
            listener.store_opened()

    def _closing(self) -> None:
        for listener in self._listeners:
            listener.store_closing()

    def _close_store(self) -> None:
        """Take the store from the window; hand it to a push if it holds unsynced records."""
        store, self._store = self._store, None
        tokens = self.tokens
        push = None
        if store is not None and tokens is not None and tokens.is_open and _has_unsent(store):
            push = self.background_push(store, tokens)
        if push is None:
            if store is not None:
                store.close()
            if tokens is not None:
                tokens.forget()  # the sealed refresh token stays for the unlock
            return
        self.tokens = None
        self._stop_push(push.subject)
        self._pushes[push.subject] = push
        push.start()

    def _stop_push(self, subject: str, *, timeout: float = 30.0) -> None:
        push = self._pushes.pop(subject, None)
        if push is not None:
            push.stop(timeout=timeout)

    def _open(self, identity: Identity, key: DataKey, *, create: bool = False) -> None:
        previous, self._store = self._store, None
        if previous is not None:
            previous.close()
        user = UserId(identity.subject)
        paths = store_paths(user, directory=self._data_dir)
        self._store = Store.open(paths, key, user=user, create=create)
        self.identity = identity

    def _close(self) -> None:
        self._close_store()
        self.identity = None
        self.tokens = None
