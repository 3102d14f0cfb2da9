"""``Session``: one workstation's sign-in, PIN unlock, lock, user switch and sign-out.

Each person gets only their own session. The window belongs to its *owner* (``current_user``);
the lock screen names them, and their PIN unlocks only their own store. Another person's PIN
(``unlock_with_pin(pin, person=…)``) or online sign-in opens *that* person's own store: a user
switch, after which the window is rebuilt for them and the owner's window stays closed.

On a shared computer (policy ``SharedWorkstation``, the default) an online sign-in alone never
opens a store: ``sign_in_online`` only proves who is at the screen and keeps the result in
memory; ``complete_sign_in(pin)`` (or ``create_store(pin)`` at a first sign-in here) opens the
store with the PIN. Only then is anything recorded: the person's refresh token (sealed under
their own key, ``sign_in.person_vault``), their online sign-in time (in their authenticated PIN
state), and their name in the list of people here. A sign-in that fails or is abandoned halfway
leaves nothing behind. On a computer marked personal, an online sign-in opens the store at once.

Locking closes the store for the window; if it holds unsynced records and the person's sign-in
is still good, ``background_push`` gets the store and tokens, and an ``OutboxDrain`` pushes the
records under that person's identity in the background. When the person comes back, their push
is stopped before their store opens again.

Listeners (``watch``) hear when a store has opened and before it closes. Errors for the person
at the screen: ``UnlockRefused``, ``SignInFailed``, ``SessionLocked``, ``FreshStoreRefused``,
``RecoveryFailed`` (``app.errors``). Security events go to the local security log.
"""

from __future__ import annotations

import logging
import time
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.errors import (
    FreshStoreRefused,
    RecoveryFailed,
    RecoveryProblem,
    SessionLocked,
    SignInFailed,
    UnlockProblem,
    UnlockRefused,
)
from app.session.colleagues import Witnesses
from app.session.keys import PersonKeys, key_policy
from app.session.people import KnownPeople
from app.session.recovery import recover_store
from app.session.sign_in import open_sign_in, person_vault
from app.session.staff import staff_for
from app.values import ForgotPin, PinProblem, PinState
from client.oidc import (
    BrowserSignIn,
    Identity,
    SignInError,
    SigningKey,
    SignInResult,
    TokenSession,
    refresh_token_name,
)
from clinical.records import Staff
from config import OFFLINE_SIGN_IN_HOURS, WITNESS_CATEGORIES, Settings
from offline import (
    KeyMaterialMissingError,
    KeyPolicy,
    OnlineSignInRequiredError,
    PinRateLimitedError,
    SecurityLog,
    Store,
    StoreError,
    StoreKeyError,
    UnsentRecordsError,
    UserId,
    WrongPinError,
)

if TYPE_CHECKING:
    from offline import DataKey, KeyManager
    from offline.keyring_secret import SecretStore

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


def _unsent_or_unknown(store: Store) -> int:
    """The unsent count; a store that cannot say counts as holding records (fail safe)."""
    try:
        return unsent_count(store)
    except StoreError:
        return 1


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
    """Sign-in, PIN unlock, user switch, lock and sign-out over ``client.oidc`` and
    ``offline``; this is the ``SessionServices`` of the running app (module docstring)."""

    def __init__(
        self,
        *,
        settings: Settings,
        data_dir: Path,
        open_browser: Callable[[str], object] | None = None,
        secrets: SecretStore | None = None,
        key_costs: KeyPolicy | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._data_dir = data_dir
        self._clock = clock
        self.provider, self._vault = open_sign_in(settings, data_dir=data_dir)
        self.security = SecurityLog(data_dir)
        self.keys = PersonKeys(
            data_dir,
            policy=key_policy(settings, base=key_costs),
            events=self.security,
            secrets=secrets,
            clock=clock,
        )
        self._people = KnownPeople(self._vault, issuer=self.provider.config.issuer)
        self._offline_seconds = settings.get(OFFLINE_SIGN_IN_HOURS) * 3600.0
        self._witnesses = Witnesses(
            self._people,
            keys=self.keys.of,
            categories=settings.get(WITNESS_CATEGORIES),
            signed_in_recently=self._signed_in_recently,
        )
        self._open_browser = open_browser or webbrowser.open
        self._store: Store | None = None
        self.identity: Identity | None = None
        self.tokens: TokenSession | None = None
        self._pending: SignInResult | None = None
        self._browser: BrowserSignIn | None = None
        self._listeners: list[SessionListener] = []
        self.background_push: PushFactory = lambda _store, _tokens: None
        self._pushes: dict[str, BackgroundPush] = {}

    @property
    def client_key(self) -> SigningKey:
        """This installation's client key (its public JWK is registered at the provider)."""
        return self.provider.client_key

    @property
    def shared_workstation(self) -> bool:
        """Policy ``SharedWorkstation``: every unlock needs the PIN."""
        return self.keys.policy.shared_workstation

    @property
    def offline_limit_hours(self) -> float:
        """Policy ``OfflineSignInHours``: how long a PIN works after an online sign-in."""
        return self._offline_seconds / 3600.0

    @property
    def witness_categories(self) -> tuple[str, ...]:
        """Policy ``WitnessCategories``: who may witness a double signature."""
        return self._witnesses.categories

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

    def staff(self) -> Staff:
        """The signed-in person as a performer of records."""
        if self.identity is None:
            raise SessionLocked("nobody is signed in")
        return staff_for(self.identity, store=self._store)

    def current_user(self) -> Identity | None:
        """Whose session this is: the person whose window is open or locked, if anyone."""
        return self.identity

    def people(self) -> Sequence[Identity]:
        """The people with a store on this computer (for the lock screen's "another user")."""
        return [p for p in self._people.all() if self.keys.of(p).has_key()]

    # ---- PIN ---------------------------------------------------------------------------------

    def pin_state(self, person: str | None = None) -> PinState:
        """Whether ``person`` (default: the session's owner) may unlock with the PIN now."""
        who = self._person(person)
        if who is None:
            return PinState(False, PinProblem.NO_KEY_HERE)
        keys = self.keys.of(who)
        if not keys.has_key():
            return PinState(False, PinProblem.NO_KEY_HERE)
        status = keys.status()
        if status.online_sign_in_required:
            return PinState(False, PinProblem.TOO_MANY_WRONG_PINS)
        if not self._recent(status.last_online_at):
            return PinState(False, PinProblem.OFFLINE_TOO_LONG)
        return PinState(True)

    def unlock_with_pin(self, pin: str, *, person: str | None = None) -> Identity:
        """Open ``person``'s store (default: the owner's) with their PIN and return them;
        another person than the owner is a user switch. ``UnlockRefused`` says why not."""
        who = self._person(person)
        if who is None:
            raise UnlockRefused(UnlockProblem.NO_KEY_HERE)
        keys = self.keys.of(who)
        try:
            status = keys.status()
        except StoreKeyError as error:
            raise _refusal(error) from None
        if not status.online_sign_in_required and not self._recent(status.last_online_at):
            raise UnlockRefused(UnlockProblem.OFFLINE_TOO_LONG, online_required=True)
        try:
            key = keys.unlock_with_pin(pin)
        except StoreKeyError as error:
            raise _refusal(error) from None
        keys = self._renamed(who, keys, key, pin)
        self._switch_to(who)
        self._open(who, key, keys)
        try:
            self.tokens = TokenSession.resume(
                self.provider, identity=who, vault=person_vault(self._data_dir, key)
            )
        except SignInError:
            self.tokens = None  # sync says "sign in required"; records stay local meanwhile
        finally:
            key.wipe()
        self._opened()
        return who

    # ---- online sign-in ----------------------------------------------------------------------

    def sign_in_online(self) -> Identity:
        """Sign in in the system browser (blocks until done) and return who signed in.

        On a shared computer nothing opens and nothing is recorded yet: the person then gives
        their PIN (``complete_sign_in``) or chooses one (``create_store``). On a personal
        computer their existing store opens at once. ``SignInFailed`` says why it did not work.
        """
        self._browser = BrowserSignIn(self.provider, open_browser=self._open_browser)
        try:
            result = self._browser.run()
        except SignInError as error:
            log.info("sign-in failed: %s", type(error).__name__)
            raise SignInFailed(error.code) from error
        finally:
            self._browser = None
        self._pending = result
        keys = self.keys.of(result.identity)
        if not self.shared_workstation and keys.has_key():
            key = keys.unlock_after_online_sign_in()
            self._complete(result, key, keys)
        return result.identity

    def needs_pin(self) -> bool:
        """An online sign-in waits for the person's PIN (``complete_sign_in``)."""
        pending = self._pending
        return pending is not None and self.keys.of(pending.identity).has_key()

    def needs_new_pin(self) -> bool:
        """Signed in online for the first time here: a PIN must be chosen (``create_store``)."""
        pending = self._pending
        return pending is not None and not self.keys.of(pending.identity).has_key()

    def pending_user(self) -> Identity | None:
        """Who has signed in online and still has to give or choose a PIN."""
        return None if self._pending is None else self._pending.identity

    def complete_sign_in(self, pin: str) -> Identity:
        """The online-signed-in person's PIN: their store opens (a lockout is lifted first,
        since the identity provider has just vouched for them)."""
        pending = self._require_pending()
        keys = self.keys.of(pending.identity)
        try:
            if keys.status().online_sign_in_required:
                keys.lift_lockout(online_at=self._clock())
            key = keys.unlock_with_pin(pin)
        except StoreKeyError as error:
            raise _refusal(error) from None
        keys = self._renamed(pending.identity, keys, key, pin)
        self._complete(pending, key, keys)
        return pending.identity

    def create_store(self, pin: str) -> None:
        """First sign-in on this computer: a new encrypted store protected by ``pin``."""
        pending = self._require_pending()
        keys = self.keys.of(pending.identity)
        key = keys.create(pin, online_at=self._clock())
        self._complete(pending, key, keys, create=True)

    def abandon_sign_in(self) -> None:
        """Forget a pending online sign-in (the PIN step was cancelled): nothing was recorded."""
        self._pending = None

    def cancel_sign_in(self) -> None:
        """End a pending ``sign_in_online`` (from another thread)."""
        if self._browser is not None:
            self._browser.cancel()

    # ---- a forgotten PIN ---------------------------------------------------------------------

    def forgot_pin(self, person: str | None = None) -> ForgotPin:
        """What ``person`` (default: the owner, else the one signed in online) can do."""
        who = self._person(person) or self.pending_user()
        if who is None:
            raise UnlockRefused(UnlockProblem.NO_KEY_HERE)
        keys = self.keys.of(who)
        try:
            status = keys.status()
        except StoreKeyError as error:
            raise _refusal(error) from None
        return ForgotPin(
            maybe_unsent=not status.nothing_unsent,
            recoverable=status.recoverable,
            fresh_store_allowed=status.nothing_unsent,
            store_reference=keys.paths.stem,
        )

    def start_fresh_store(self) -> None:
        """After an online sign-in: put the old store aside (nothing unsent) so a new PIN
        makes a fresh one; ``FreshStoreRefused`` when records may be unsent."""
        pending = self._require_pending()
        try:
            self.keys.of(pending.identity).retire_for_fresh_store(at=self._clock())
        except UnsentRecordsError:
            raise FreshStoreRefused("the store may hold unsent records") from None

    def recover(
        self, person: str | None, *, key_pem: bytes, passphrase: bytearray, new_pin: str
    ) -> Identity:
        """IT's recovery (``app.session.recovery``) of ``person``'s store: their key wrapped
        under ``new_pin`` by the organisation's private key; their unsent records stay."""
        who = self._person(person)
        if who is None:
            passphrase[:] = bytes(len(passphrase))
            raise RecoveryFailed(RecoveryProblem.NO_STORE)
        recover_store(self.keys.of(who), key_pem=key_pem, passphrase=passphrase, new_pin=new_pin)
        return who

    # ---- co-signing, lock, sign-out ----------------------------------------------------------

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """A second person confirms a double signature with their own PIN on this computer."""
        return self._witnesses.verify(username_or_hpr, pin, signed_in=self.identity)

    def lock(self) -> None:
        """The screen locked: the store leaves the window's reach (never losing records)."""
        self._pending = None
        self._closing()
        self._close_store()

    def sign_out(self) -> None:
        """Revoke and forget the sign-in; stored records (also unsynced ones) stay."""
        self._closing()
        if self.tokens is not None:
            self.tokens.sign_out()
        self._close()

    def drains_running(self) -> int:
        """How many locked people's records are still being pushed in the background."""
        return sum(push.is_running() for push in self._pushes.values())

    def close(self) -> None:
        """At quit: stop background pushes, close the store and the provider's connections."""
        for subject in list(self._pushes):
            self._stop_push(subject, timeout=5.0)  # unsent records stay in the store
        self._pending = None
        self._close_store(push=False)
        self.provider.close()

    # ---- internals ---------------------------------------------------------------------------

    def _person(self, subject: str | None) -> Identity | None:
        if subject is None or (self.identity is not None and subject == self.identity.subject):
            return self.identity
        return self._people.find(subject)

    def _recent(self, signed_in_at: float | None) -> bool:
        if signed_in_at is None:
            return False
        elapsed = self._clock() - signed_in_at
        return 0 <= elapsed <= self._offline_seconds  # a clock gone back fails closed

    def _signed_in_recently(self, person: Identity) -> bool:
        try:
            return self._recent(self.keys.of(person).status().last_online_at)
        except StoreKeyError:
            return False

    def _require_pending(self) -> SignInResult:
        if self._pending is None:
            raise SessionLocked("nobody has signed in online")
        return self._pending

    def _renamed(self, who: Identity, keys: KeyManager, key: DataKey, pin: str) -> KeyManager:
        """A store still named by ``sub`` alone gets its issuer + subject name now."""
        target = self.keys.paths(who)
        if keys.paths == target:
            return keys
        return keys.move_to(target, data_key=key, pin=pin)

    def _complete(
        self, result: SignInResult, key: DataKey, keys: KeyManager, *, create: bool = False
    ) -> None:
        """The sign-in is whole (online and PIN): record it, open the store."""
        identity = result.identity
        self._pending = None
        self._switch_to(identity)
        try:
            self._open(identity, key, keys, create=create)
            self.tokens = TokenSession.from_sign_in(
                self.provider, result, vault=person_vault(self._data_dir, key)
            )
        finally:
            key.wipe()
        # A refresh token an earlier version sealed under the installation's key goes now.
        self._vault.delete(refresh_token_name(identity))
        keys.record_online_sign_in(self._clock())
        self._people.remember(identity)
        self._opened()

    def _switch_to(self, person: Identity) -> None:
        """Close the current owner's store if ``person`` is someone else (a user switch)."""
        if self.identity is not None and self.identity.subject != person.subject:
            self.security("user-switch", {"from_store": self._stem(self.identity)})
            self._closing()
            self._close()
        # Before the store opens again: a push must not rotate this person's stored token.
        self._stop_push(person.subject)

    def _stem(self, person: Identity) -> str:
        return self.keys.paths(person).stem

    def _open(
        self, identity: Identity, key: DataKey, keys: KeyManager, *, create: bool = False
    ) -> None:
        previous, self._store = self._store, None
        if previous is not None:
            previous.close()
        self._store = Store.open(keys.paths, key, user=UserId(identity.subject), create=create)
        keys.mark_open()
        self.identity = identity

    def _opened(self) -> None:
        for listener in self._listeners:
            listener.store_opened()

    def _closing(self) -> None:
        for listener in self._listeners:
            listener.store_closing()

    def _close_store(self, *, push: bool = True) -> None:
        """Take the store from the window; hand it to a push if it holds unsynced records."""
        store, self._store = self._store, None
        tokens = self.tokens
        if store is None:
            if tokens is not None:
                tokens.forget()
            return
        unsent = _unsent_or_unknown(store)
        if self.identity is not None:
            try:
                self.keys.of(self.identity).mark_closed(unsent=unsent)
            except StoreKeyError as error:
                log.warning("store state not updated at close: %s", type(error).__name__)
        task = None
        if push and tokens is not None and tokens.is_open and unsent > 0:
            task = self.background_push(store, tokens)
        if task is None:
            store.close()
            if tokens is not None:
                tokens.forget()  # the sealed refresh token stays for the unlock
            return
        self.tokens = None
        self._stop_push(task.subject)
        self._pushes[task.subject] = task
        task.start()

    def _stop_push(self, subject: str, *, timeout: float = 30.0) -> None:
        push = self._pushes.pop(subject, None)
        if push is not None:
            push.stop(timeout=timeout)

    def _close(self) -> None:
        self._close_store()
        self.identity = None
        self.tokens = None
