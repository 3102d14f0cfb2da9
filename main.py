"""Pleiepunkt: the composition root and command line.

This is the only module that constructs concrete objects (settings, key manager, store, FHIR
client, sync engine, windows) and wires them together; every package below it receives what it
needs through its constructor. Commands:

    pleiepunkt              open the window
    pleiepunkt sync         run one sync and exit
    pleiepunkt doctor       effective configuration, keyring, store health, server reachability
    pleiepunkt self-test    offscreen smoke test used by the installers
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import threading
import time
import uuid
import webbrowser
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from getpass import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import httpx
    from PySide6.QtWidgets import QMainWindow

    from client import FhirClient
    from client.oidc import BrowserSignIn, Identity, TokenSession
    from clinical.records import Staff
    from config import Settings
    from offline.datakey import DataKey
    from offline.paths import StorePaths
    from offline.store import Store
    from offline.unlock import KeyManager
    from sync import SyncConfig, SyncScheduler, SyncScope, SyncSummary
    from ui.event_bridge import EventBridge
    from ui.main_window import MainWindow
    from ui.session import PinState
    from ui.tasks import TaskRunner

__version__ = "0.1.0"

Command = Callable[[argparse.Namespace], int]

# Exit codes of ``pleiepunkt sync`` for scripts run by IT: 0 done, 2 another sync was running,
# 3 the user must sign in online again; anything else 1.
SYNC_EXIT_CODES = {"ok": 0, "busy": 2, "sign_in_required": 3}


def build_parser() -> argparse.ArgumentParser:
    """The command line: a window by default, and headless subcommands for IT and installers."""
    parser = argparse.ArgumentParser(
        prog="pleiepunkt",
        description="Point-of-care client for Norwegian municipal nursing homes and home care.",
    )
    parser.add_argument("--version", action="version", version=f"Pleiepunkt {__version__}")
    parser.add_argument(
        "--server", metavar="URL", help="FHIR base URL of the journal platform (overrides settings)"
    )
    parser.add_argument(
        "--config-root",
        metavar="DIR",
        help="read policy.toml, config.toml and user/settings.toml from DIR (testing, support)",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep the encrypted stores in DIR instead of the default"
    )
    parser.add_argument("--language", choices=("nb", "en"), help="interface language")
    parser.set_defaults(command=_command("gui"))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    sync = commands.add_parser("sync", help="run one sync and exit")
    sync.add_argument("--user", required=True, help="the user whose store to sync (HPR number)")
    sync.add_argument(
        "--pin-from-stdin", action="store_true", help="read the PIN from standard input"
    )
    sync.add_argument(
        "--ward", action="append", default=[], metavar="LOCATION_ID", help="nursing-home unit"
    )
    sync.add_argument(
        "--route", action="append", default=[], metavar="LOCATION_ID", help="home-care district"
    )
    sync.set_defaults(command=_command("sync"))

    doctor = commands.add_parser(
        "doctor", help="print configuration, keyring, store health and server reachability"
    )
    doctor.set_defaults(command=_command("doctor"))

    client_key = commands.add_parser(
        "client-key",
        help="print this installation's public key (JWK) to register it with the identity provider",
    )
    client_key.set_defaults(command=_command("client_key"))

    self_test = commands.add_parser("self-test", help="offscreen smoke test (for installers)")
    self_test.add_argument(
        "--screenshot", metavar="PNG", help="also save the rendered main window to this file"
    )
    self_test.set_defaults(command=_command("self_test"))
    return parser


def _command(name: str) -> Command:
    """Look the handler up when it runs, so ``--help`` and ``--version`` never load Qt."""

    def run(args: argparse.Namespace) -> int:
        handler: Command = globals()[f"run_{name}"]
        return handler(args)

    return run


def load_settings(args: argparse.Namespace) -> Settings:
    """The layered settings, with ``--config-root`` standing in for every layer when given."""
    from config import Settings, SettingsPaths

    if args.config_root:
        return Settings.load(SettingsPaths.under_root(Path(args.config_root)))
    return Settings.load()


def server_url(args: argparse.Namespace, settings: Settings) -> str | None:
    """The FHIR base URL: the command line wins over every settings layer."""
    from config import SERVER_URL

    return args.server or settings.get(SERVER_URL)


def build_fhir_client(
    base_url: str, settings: Settings, *, auth: httpx.Auth | None = None
) -> FhirClient:
    """A FHIR client configured from settings (CA bundle); the caller closes it."""
    from client import FhirClient
    from config import CA_BUNDLE

    ca_bundle = settings.get(CA_BUNDLE)
    return FhirClient(base_url, auth=auth, ca_bundle=Path(ca_bundle) if ca_bundle else None)


def data_dir(args: argparse.Namespace) -> Path:
    """Where the users' encrypted stores live."""
    from config import user_data_dir

    return Path(args.data_dir) if args.data_dir else user_data_dir()


def run_doctor(args: argparse.Namespace) -> int:
    """Print what IT needs to diagnose a machine; exit 1 if anything is wrong. No patient data."""
    import keyring

    from client import FhirError
    from offline.health import store_health

    problems = 0
    settings = load_settings(args)
    print(f"Pleiepunkt {__version__} on Python {sys.version.split()[0]} ({sys.platform})")
    print("\nConfiguration (value  <-  where it came from):")
    for value in settings.effective():
        managed = "  [managed by your organisation]" if settings.is_managed(value.name) else ""
        print(f"  {value.name} = {value.value!r}  <-  {value.layer}: {value.source}{managed}")
    for problem in settings.problems:
        problems += 1
        print(f"  PROBLEM: {problem}")

    backend = keyring.get_keyring()
    backend_name = f"{type(backend).__module__}.{type(backend).__name__}"
    if backend_name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        problems += 1
        print(f"\nKeyring: PROBLEM: no usable OS keyring ({backend_name}); see the install guide")
    else:
        print(f"\nKeyring: {backend_name}")

    directory = data_dir(args)
    print(f"\nStores in {directory}:")
    for health in store_health(directory):
        problems += not health.ok
        print(f"  {health.describe()}")

    url = server_url(args, settings)
    if url is None:
        problems += 1
        print("\nServer: PROBLEM: no server_url configured (policy, machine or user settings)")
    else:
        try:
            with build_fhir_client(url, settings) as fhir:
                started = time.monotonic()
                capabilities = fhir.capabilities()
                elapsed_ms = (time.monotonic() - started) * 1000
        except FhirError as error:
            problems += 1
            print(f"\nServer {url}: PROBLEM: {error}")
        else:
            print(
                f"\nServer {url}: reachable in {elapsed_ms:.0f} ms, FHIR "
                f"{capabilities.fhir_version}; transactions {_yes(capabilities.transaction)}, "
                f"history {_yes(capabilities.history_system)}"
            )
    problems += _doctor_identity_provider(settings)
    print(f"\n{'All checks passed.' if not problems else f'{problems} problem(s) found.'}")
    return 1 if problems else 0


def run_client_key(args: argparse.Namespace) -> int:
    """Print the installation's public client key (created at first run), for IT to register."""
    import json

    from client.oidc.installation import load_or_create_client_key
    from client.oidc.vault import SealedFileVault
    from offline.keyring_secret import OsKeyring

    vault = SealedFileVault(
        data_dir(args) / "signin",
        secrets=OsKeyring(service=KEYRING_SERVICE_SIGN_IN),
        kek_name="signin",
    )
    print(json.dumps(load_or_create_client_key(vault).public_jwk(), indent=2))
    return 0


def sync_lock_path(paths: StorePaths) -> Path:
    """The one cross-process sync lock of a store: the window, its background push and the
    ``sync`` command all take this file, so only one of them syncs the store at a time."""
    return paths.database.with_suffix(".sync.lock")


def run_sync(args: argparse.Namespace) -> int:
    """Unlock one user's store with their PIN, run one sync, print the summary."""
    import datetime as dt

    from offline.errors import StoreError
    from offline.paths import store_paths
    from offline.store import Store
    from offline.types import UserId
    from offline.unlock import KeyManager
    from sync import SyncScope, VisitPlan
    from sync.headless import run_once

    settings = load_settings(args)
    url = server_url(args, settings)
    if url is None:
        print("pleiepunkt sync: no server configured (--server or server_url)", file=sys.stderr)
        return 1
    if not (args.ward or args.route):
        print("pleiepunkt sync: name at least one --ward or --route", file=sys.stderr)
        return 1
    pin = sys.stdin.readline().rstrip("\n") if args.pin_from_stdin else getpass("PIN: ")
    paths = store_paths(UserId(args.user), directory=data_dir(args))
    try:
        key = KeyManager(paths).unlock_with_pin(pin)
        store = Store.open(paths, key, user=UserId(args.user))
    except StoreError as error:  # wrong PIN, lockout, no store yet: said plainly, nothing changed
        print(f"pleiepunkt sync: {error}", file=sys.stderr)
        return 1
    today = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
    scope = SyncScope(
        units=tuple(args.ward),
        visit_plans=tuple(VisitPlan(route=f"Location/{r}", day=today) for r in args.route),
    )
    with store, build_fhir_client(url, settings) as fhir:
        summary = run_once(store=store, client=fhir, scope=scope, lock_path=sync_lock_path(paths))
    for line in summary.lines():
        print(line)
    return SYNC_EXIT_CODES.get(summary.outcome, 1)


def build_workbench(
    store: Store,
    *,
    user: Staff,
    settings: Settings,
    runner: TaskRunner,
    bridge: EventBridge | None,
    last_sync: Callable[[], datetime | None] | None = None,
    online: Callable[[], bool] | None = None,
    colleague_verifier: Callable[[str, str], Staff] | None = None,
) -> MainWindow:
    """The main window over one user's open store, with the bedside documentation tabs.

    ``online`` tells whether the platform answered at the last contact, so record openings
    while it did not are logged as recorded offline.
    """
    from config import (
        CONTROLLED_DRUGS,
        ORGANISATION_NUMBER,
        PLACES_OF_WORK,
        PURPOSE_OF_USE_DETAIL,
    )
    from ui.app import build_main_window, local_now
    from ui.bedside import MedicationRoundView, UnitRoundView, VitalSignsView, VitalsTrendView
    from ui.bedside.config import DEFAULT_DOUBLE_SIGNATURE_ATC, BedsideConfig
    from ui.sources import StoreBedsideSource, StoreRecordSource
    from ui.sources.store_conflicts import StoreConflictResolver

    # One ward configuration for the patient list's due column and every bedside page, so
    # they count the same doses; the setting adds controlled drugs to the built-in list.
    extra = tuple(
        a for a in settings.get(CONTROLLED_DRUGS) if a not in DEFAULT_DOUBLE_SIGNATURE_ATC
    )
    bedside_config = BedsideConfig(double_signature_atc=DEFAULT_DOUBLE_SIGNATURE_ATC + extra)
    records = StoreRecordSource(
        store,
        user=user,
        organisation=settings.get(ORGANISATION_NUMBER),
        clock=local_now,
        places=settings.get(PLACES_OF_WORK),
        last_sync=last_sync,
        bedside=bedside_config,
        purpose_detail=settings.get(PURPOSE_OF_USE_DETAIL),
        online=online,
    )
    window = build_main_window(
        source=records,
        runner=runner,
        bridge=bridge,
        conflicts=StoreConflictResolver(store),
        clock=local_now,
        settings=settings,
        own_accesses=records.own_accesses,
    )
    bedside = StoreBedsideSource(
        store,
        user=user,
        clock=local_now,
        place=window.patient_list.current_place,
        colleague_verifier=colleague_verifier,
    )
    rounds = MedicationRoundView(
        source=bedside, runner=runner, clock=local_now, config=bedside_config
    )
    vitals = VitalSignsView(source=bedside, runner=runner, clock=local_now, config=bedside_config)
    trend = VitalsTrendView(source=bedside, runner=runner, clock=local_now, config=bedside_config)
    vitals.recorded.connect(lambda _recorded: trend.reload())
    window.workspace.add_bedside_tabs(rounds=rounds, vitals=vitals, trend=trend)
    unit_round = UnitRoundView(
        source=bedside, runner=runner, clock=local_now, config=bedside_config
    )
    unit_round.patient_activated.connect(window.open_patient_by_id)
    window.add_unit_round(unit_round, reload=unit_round.reload)
    return window


def run_self_test(args: argparse.Namespace) -> int:
    """Offscreen smoke test for installers: a real encrypted store and the real main window.

    Creates a throw-away store in a temporary directory (its key never leaves memory), loads the
    bundled synthetic ward, writes one local record, checks integrity, renders the main window
    with a patient open, and removes everything again. Exit 0 when every step passed.
    """
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtWidgets import QApplication

    from clinical.records import Staff
    from offline.datakey import DataKey
    from offline.paths import store_paths
    from offline.store import Store
    from offline.types import UserId
    from ui.app import prepare_application
    from ui.i18n import Language
    from ui.tasks import TaskRunner

    resources = _self_test_ward()
    nurse = next(r for r in resources if r["resourceType"] == "Practitioner")
    user = Staff(practitioner_id=nurse["id"], name="Selvtest", hpr=None, role="SP")
    settings = load_settings(args)

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language(args.language or "nb"))
    with tempfile.TemporaryDirectory(prefix="pleiepunkt-self-test-") as tmp:
        paths = store_paths(UserId("self-test"), directory=Path(tmp))
        with Store.open(paths, DataKey.generate(), user=UserId("self-test"), create=True) as store:
            store.apply_server_resources(resources)
            _step("store: encrypted, loaded", f"{len(resources)} resources")
            runner = TaskRunner()
            window = build_workbench(
                store, user=user, settings=settings, runner=runner, bridge=None
            )
            window.start()
            deadline = QDeadlineTimer(15_000)
            while window.patient_list.model.rowCount() == 0 and not deadline.hasExpired():
                app.processEvents()
            rows = window.patient_list.model.rowCount()
            if rows == 0:
                print("self-test FAILED: the patient list stayed empty", file=sys.stderr)
                return 1
            _step("patient list", f"{rows} patients")
            image = window.grab()
            runner.wait_for_done()
            store.verify_integrity()
            _step("integrity check", "ok")
            if image.isNull() or image.width() < 800:
                print("self-test FAILED: the main window did not render", file=sys.stderr)
                return 1
            if args.screenshot:
                image.save(args.screenshot)
            _step("main window rendered", f"{image.width()}x{image.height()}")
            window.close()
    del translators
    print("self-test passed")
    return 0


def _self_test_ward() -> list[dict[str, Any]]:
    """The small synthetic ward shipped in ``resources/selftest`` (three residents)."""
    import json
    from importlib.resources import files

    sample = files("resources").joinpath("selftest", "ward.ndjson").read_text("utf-8")
    return [json.loads(line) for line in sample.splitlines() if line.strip()]


def _step(name: str, detail: str) -> None:
    print(f"  ok  {name}: {detail}")


# The journal platform's API as registered at the identity provider (RFC 8707 resource indicator
# and scope); the same names for every municipality, so they are not settings.
FHIR_API_RESOURCE = "urn:pleiepunkt:journal-platform"
FHIR_API_SCOPE = "pleiepunkt:journal/fhir"
KEYRING_SERVICE_SIGN_IN = "no.pleiepunkt.signin"
KNOWN_COLLEAGUES = "known-colleagues"  # sealed in the sign-in vault: who may co-sign here


def practitioner_id_for(identity: Identity) -> str:
    """A stable Practitioner id for a signed-in person not (yet) known to the store."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, identity.issuer + identity.subject))


# A locked person's unsynced records are pushed under their own sign-in for at most this long;
# then their key and tokens are dropped anyway and the records wait for their next sign-in.
DRAIN_LIMIT = timedelta(minutes=30)
DRAIN_RETRY = timedelta(seconds=30)


def unsent_count(store: Store) -> int:
    """Records of ``store`` not yet accepted by the platform (pending or in flight)."""
    status = store.outbox_status()
    return status.pending + status.inflight


def _has_unsent(store: Store) -> bool:
    """Whether the outbox holds records; a store that cannot say is treated as empty (lock wins)."""
    from offline.errors import StoreError

    try:
        return unsent_count(store) > 0
    except StoreError:
        return False


class OutboxDrain:
    """Pushes one locked person's unsynced records under their own sign-in, then forgets both.

    At a lock (and so before a user switch) the person's open store and token session come
    here instead of being dropped, if the outbox holds unsynced records. A thread pushes them
    (push only: nobody reads this store now, so nothing is pulled) until the outbox is empty,
    the platform or identity provider refuses the sign-in (tokens expired or revoked), ``limit``
    passes, or ``stop`` is called (the person is back, or the app quits). The store is then
    closed, dropping its key, and the tokens are forgotten; the sealed refresh token stays for
    the person's next unlock. It sends nothing to the window: no events, no counts, no errors.
    """

    def __init__(
        self,
        store: Store,
        *,
        tokens: TokenSession,
        fhir_factory: Callable[[httpx.Auth], FhirClient],
        retry_every: timedelta = DRAIN_RETRY,
        limit: timedelta = DRAIN_LIMIT,
    ) -> None:
        from sync import Backoff, SyncConfig
        from sync.engine import SyncEngine

        self._store = store
        self._tokens = tokens
        self._fhir_factory = fhir_factory
        self._retry_every = retry_every.total_seconds()
        self._limit = limit.total_seconds()
        # Short retries inside a round: the drain's own loop is the long wait.
        self._config = SyncConfig(backoff=Backoff(max_attempts=2, base=1.0, cap=5.0))
        self._engine: SyncEngine | None = None  # the round running now, for ``stop``
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-drain", daemon=True)
        self.sent = 0
        self.ended_because = ""

    @property
    def subject(self) -> str:
        return self._tokens.identity.subject

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, *, timeout: float = 30.0) -> None:
        """End at the next safe point and wait for the store to close (from any other thread)."""
        self._stopped.set()
        engine = self._engine
        if engine is not None:
            engine.cancel()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        from client.oidc import DpopAuth

        log = logging.getLogger(__name__)
        deadline = time.monotonic() + self._limit
        reason = "stopped"
        fhir: FhirClient | None = None
        try:
            fhir = self._fhir_factory(DpopAuth(self._tokens))
            while not self._stopped.is_set():
                if unsent_count(self._store) == 0:
                    reason = "outbox empty"
                    break
                reason = self._push_once(fhir)
                if reason in ("signed out", "stopped", "nothing sendable"):
                    break
                if time.monotonic() >= deadline:
                    reason = "time limit"
                    break
                if reason != "pushed":
                    self._stopped.wait(self._retry_every)
        except Exception as error:  # the records stay in the store; their owner's sync sends them
            reason = f"failed ({type(error).__name__})"
        finally:
            if fhir is not None:
                fhir.close()
            self._tokens.forget()
            try:
                self._store.close()
            except Exception as error:  # the thread must end; the OS closes the file at exit
                log.error("closing the store after the drain failed: %s", type(error).__name__)
            self.ended_because = reason
            log.info("outbox drain ended: %s; %d records sent", reason, self.sent)

    def _push_once(self, fhir: FhirClient) -> str:
        from client.oidc import IdentityProviderUnreachable, SignInError
        from sync import SyncOutcome, SyncScope
        from sync.engine import SyncEngine

        engine = SyncEngine(
            self._store,
            fhir,
            SyncScope(),
            lock_path=sync_lock_path(self._store.paths),
            config=self._config,
        )
        self._engine = engine
        if self._stopped.is_set():
            return "stopped"
        try:
            summary = engine.run(trigger="drain", push_only=True)
        except IdentityProviderUnreachable:
            return "offline"
        except SignInError:
            return "signed out"
        finally:
            self._engine = None
        self.sent += summary.pushed
        if summary.outcome is SyncOutcome.OK:
            return "pushed" if summary.pushed or summary.quarantined else "nothing sendable"
        return {
            SyncOutcome.BUSY: "busy",  # the person's own sync is still ending; try again shortly
            SyncOutcome.OFFLINE: "offline",
            SyncOutcome.SIGN_IN_REQUIRED: "signed out",
            SyncOutcome.CANCELLED: "stopped",
        }.get(summary.outcome, "offline")


class StoreLocked(Exception):
    """The store is closed because the session is locked or signed out."""

    user_message = "Pleiepunkt er låst. Lås opp med PIN-koden din."


class StoreHandle:
    """The signed-in user's open store, or nothing while locked.

    Views and the sync engine keep this handle; locking closes the store (and drops its key from
    memory) and unlocking opens it again, without rebuilding the window.
    """

    def __init__(self) -> None:
        self.store: Store | None = None

    def __getattr__(self, name: str) -> Any:
        store = self.__dict__.get("store")
        if store is None:
            raise StoreLocked("the store is locked")
        return getattr(store, name)

    def close(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()


class AppSession:
    """Sign-in, PIN unlock, lock and sign-out over ``client.oidc`` and ``offline``.

    This is the ``ui.session.SessionServices`` of the running app. One person's store is open at
    a time. Locking closes it for the window; if it holds unsynced records and the person's
    sign-in is still good, ``drain_factory`` gets the store and tokens, and an ``OutboxDrain``
    pushes the records under that person's identity in the background, then drops both. So a
    user switch (a second person signing in at the lock screen) leaves the first person's work
    theirs, sent under their own token; the second person's window never sees it. When the
    first person comes back, their drain is stopped before their store opens again.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        data_dir: Path,
        open_browser: Callable[[str], object] | None = None,
    ) -> None:
        from client.oidc import IdentityProviderClient, OfflineUnlockGate, OidcConfig
        from client.oidc.installation import load_or_create_client_key
        from client.oidc.vault import SealedFileVault
        from config import CLIENT_ID, IDENTITY_PROVIDER_URL, OFFLINE_SIGN_IN_HOURS
        from offline.keyring_secret import OsKeyring

        issuer, client_id = settings.get(IDENTITY_PROVIDER_URL), settings.get(CLIENT_ID)
        if not issuer or not client_id:
            raise SignInNotConfigured(
                "identity_provider_url and client_id must be configured (machine configuration)"
            )
        self._data_dir = data_dir
        self._vault = SealedFileVault(
            data_dir / "signin",
            secrets=OsKeyring(service=KEYRING_SERVICE_SIGN_IN),
            kek_name="signin",
        )
        self.client_key = load_or_create_client_key(self._vault)
        self.provider = IdentityProviderClient(
            OidcConfig(
                issuer=issuer,
                client_id=client_id,
                resource=FHIR_API_RESOURCE,
                api_scopes=(FHIR_API_SCOPE,),
            ),
            client_key=self.client_key,
        )
        self._gate = OfflineUnlockGate(
            self._vault, max_offline_hours=settings.get(OFFLINE_SIGN_IN_HOURS)
        )
        self._open_browser = open_browser or webbrowser.open
        self.handle = StoreHandle()
        self.identity: Identity | None = None
        self.tokens: TokenSession | None = None
        self._browser: BrowserSignIn | None = None
        self.on_locked: Callable[[], None] = lambda: None
        self.on_unlocked: Callable[[], None] = lambda: None
        self.drain_factory: Callable[[Store, TokenSession], OutboxDrain | None] = (
            lambda _store, _tokens: None
        )
        self._drains: dict[str, OutboxDrain] = {}

    def keys(self, identity: Identity) -> KeyManager:
        from offline.paths import store_paths
        from offline.types import UserId
        from offline.unlock import KeyManager

        return KeyManager(store_paths(UserId(identity.subject), directory=self._data_dir))

    def current_user(self) -> Identity | None:
        if self.identity is not None:
            return self.identity
        last = self._gate.last()
        return None if last is None else last.identity

    def pin_state(self) -> PinState:
        from client.oidc import OnlineSignInRequired
        from ui.session import PinState

        try:
            identity = self._gate.identity_for_unlock()
        except OnlineSignInRequired:
            return PinState(False, "Logg inn med HelseID (påkrevd etter en tid uten nett).")
        keys = self.keys(identity)
        if not keys.has_key() or keys.status().online_sign_in_required:
            return PinState(False, "Logg inn med HelseID for å låse opp.")
        return PinState(True)

    def unlock_with_pin(self, pin: str) -> None:
        from client.oidc import OnlineSignInRequired, SignInError, TokenSession
        from offline.errors import OnlineSignInRequiredError, StoreKeyError
        from ui.session import UnlockRefused

        try:
            identity = self._gate.identity_for_unlock()
        except OnlineSignInRequired as error:
            raise UnlockRefused(str(error), online_required=True) from None
        try:
            key = self.keys(identity).unlock_with_pin(pin)
        except OnlineSignInRequiredError as error:
            raise UnlockRefused(str(error), online_required=True) from None
        except StoreKeyError as error:
            raise UnlockRefused(str(error)) from None
        self._stop_drain(identity.subject)
        self._open(identity, key)
        try:  # back online without a new browser sign-in, if the sealed refresh token still works
            self.tokens = TokenSession.resume(self.provider, identity=identity, vault=self._vault)
        except SignInError:
            self.tokens = None  # sync says "sign in required"; records stay local meanwhile
        self.on_unlocked()

    def sign_in_online(self) -> Identity:
        from client.oidc import BrowserSignIn, TokenSession

        self._browser = BrowserSignIn(self.provider, open_browser=self._open_browser)
        try:
            result = self._browser.run()
        finally:
            self._browser = None
        if self.identity is not None and self.identity.subject != result.identity.subject:
            self._close()
        # Before the new tokens are sealed: a drain must not rotate this person's stored one.
        self._stop_drain(result.identity.subject)
        self.tokens = TokenSession.from_sign_in(self.provider, result, vault=self._vault)
        self._gate.record(result.identity)
        self._remember_colleague(result.identity)
        keys = self.keys(result.identity)
        if keys.has_key():
            self._open(result.identity, keys.unlock_after_online_sign_in())
            self.on_unlocked()
        else:
            self.identity = result.identity  # the window asks for a new PIN, then create_store
        return result.identity

    def _remember_colleague(self, identity: Identity) -> None:
        """Note who has signed in here, so they can co-sign a double signature with their PIN."""
        import json

        known = self._known_colleagues()
        known[identity.subject] = identity.to_claims()
        self._vault.save(KNOWN_COLLEAGUES, json.dumps(known).encode())

    def _known_colleagues(self) -> dict[str, Any]:
        import json

        raw = self._vault.load(KNOWN_COLLEAGUES)
        return {} if raw is None else dict(json.loads(raw))

    def verify_colleague(self, username_or_hpr: str, pin: str) -> Staff:
        """A second person confirms with their own PIN on this computer (double signature).

        Only people who have signed in online here have a PIN here. The PIN is checked against
        their own key file, with their own rate limit and lockout; their store is not opened.
        """
        from client.oidc import identity_from_claims
        from clinical.records import Staff
        from offline.errors import StoreKeyError
        from ui.bedside.source import ColleagueNotVerified

        wanted = username_or_hpr.strip()
        for claims in self._known_colleagues().values():
            colleague = identity_from_claims(claims)
            if wanted not in (colleague.hpr_number, colleague.subject):
                continue
            if self.identity is not None and colleague.subject == self.identity.subject:
                break  # the second signature must be somebody else's
            try:
                self.keys(colleague).unlock_with_pin(pin)
            except StoreKeyError:
                break
            role = colleague.categories[0] if colleague.categories else None
            return Staff(
                practitioner_id=practitioner_id_for(colleague),
                name=colleague.display_name,
                hpr=colleague.hpr_number,
                role=role,
            )
        raise ColleagueNotVerified("Kollegaen kunne ikke bekreftes: ukjent bruker eller feil PIN.")

    def create_store(self, pin: str) -> None:
        """First sign-in on this computer: a new encrypted store protected by ``pin``."""
        assert self.identity is not None
        self._open(self.identity, self.keys(self.identity).create(pin), create=True)
        self.on_unlocked()

    def cancel_sign_in(self) -> None:
        if self._browser is not None:
            self._browser.cancel()

    def lock(self) -> None:
        self.on_locked()
        self._close_store()

    def _close_store(self) -> None:
        """Take the store from the window; hand it to a drain if it holds unsynced records."""
        store, self.handle.store = self.handle.store, None
        tokens = self.tokens
        drain = None
        if store is not None and tokens is not None and tokens.is_open and _has_unsent(store):
            drain = self.drain_factory(store, tokens)
        if drain is None:
            if store is not None:
                store.close()
            if tokens is not None:
                tokens.forget()  # the sealed refresh token stays for the unlock
            return
        self.tokens = None
        self._stop_drain(drain.subject)
        self._drains[drain.subject] = drain
        drain.start()

    def _stop_drain(self, subject: str, *, timeout: float = 30.0) -> None:
        drain = self._drains.pop(subject, None)
        if drain is not None:
            drain.stop(timeout=timeout)

    def drains_running(self) -> int:
        """How many locked people's records are still being pushed in the background."""
        return sum(drain.is_running() for drain in self._drains.values())

    def sign_out(self) -> None:
        self.on_locked()
        if self.tokens is not None:
            self.tokens.sign_out()
        self._gate.forget()
        self._close()

    def _open(self, identity: Identity, key: DataKey, *, create: bool = False) -> None:
        from offline.paths import store_paths
        from offline.store import Store
        from offline.types import UserId

        self.handle.close()
        user = UserId(identity.subject)
        paths = store_paths(user, directory=self._data_dir)
        self.handle.store = Store.open(paths, key, user=user, create=create)
        self.identity = identity

    def _close(self) -> None:
        self._close_store()
        self.identity = None
        self.tokens = None

    def close(self) -> None:
        """At quit: stop background pushes, close the store and the provider's connections."""
        for subject in list(self._drains):
            self._stop_drain(subject, timeout=5.0)  # unsent records stay in the store
        self.handle.close()
        self.provider.close()


class SignInNotConfigured(Exception):
    """The machine has no identity provider or client id configured."""


def discover_scope(fhir: FhirClient, settings: Settings, *, today: date) -> SyncScope:
    """This workstation's sync scope: its configured places, or every unit and route found.

    Places of work are Locations: nursing-home units are pulled with their residents, home-care
    routes with today's and tomorrow's visit plans. ``places_of_work`` (set by IT per machine)
    narrows the list; without it a workstation serves every place the platform has.
    """
    from config import PLACES_OF_WORK
    from sync import SyncScope, VisitPlan
    from ui.record_source import PlaceKind
    from ui.sources.places import places_of_work

    places = places_of_work(
        fhir.search("Location"), today=today, route_days=2, wanted=settings.get(PLACES_OF_WORK)
    )
    return SyncScope(
        units=tuple(p.id for p in places if p.kind is PlaceKind.UNIT),
        visit_plans=tuple(
            VisitPlan(route=f"Location/{p.id}", day=p.day)
            for p in places
            if p.kind is PlaceKind.ROUTE and p.day is not None
        ),
    )


GUI_PAGE_SIZE = 250
"""Resources per pulled page in the window's sync. Parsing a page (one C call to ``json.loads``)
holds the GIL throughout, and a full garbage collection visits every object of the page being
stored; at 1,000 per page both stalled the window for up to ~40 ms during a 2,000-patient sync. At
250, stalls while the sync runs stayed at or under 25 ms in three of four runs of
tests/bench/bench_gui_stall.py (50 ms once); the longest stall is now the patient list's first paint
after the first sync, 40-80 ms of Qt rendering, which page size does not touch. The headless
``pleiepunkt sync`` keeps the engine's larger pages: fewer requests, no window to keep alive."""


def gui_sync_config() -> SyncConfig:
    """The window's sync settings: smaller pages, fetched inline without the prefetch thread.

    A second CPU-bound Python thread (parsing the next page) competes with the GUI thread for
    the GIL, and on a busy two-core machine either sync thread can be pre-empted while holding it:
    the window stalls meanwhile (tests/bench/bench_gui_stall.py). ``pleiepunkt sync`` has no window
    and keeps the prefetch.
    """
    from sync import SyncConfig

    return SyncConfig(prefetch=False, page_size=GUI_PAGE_SIZE)


def tune_for_gui() -> None:
    """Keep the GUI thread's waits for the GIL short; call once, after start-up, before exec()."""
    # Everything alive now (Qt wrappers, modules, FHIR model classes) lives as long as the app.
    # Freezing it keeps it out of every later full collection: the sync's collections then visit
    # only the sync's own objects, and a collection holds the GIL, so the GUI thread waits for it.
    gc.collect()
    gc.freeze()
    # A thread running Python keeps the GIL until the switch interval asks it to let go (5 ms by
    # default); at 1 ms the GUI thread waits at most ~1 ms per hand-over while the sync runs.
    sys.setswitchinterval(0.001)


def run_gui(args: argparse.Namespace) -> int:
    """Sign in (or unlock with the PIN), then the main window with sync running behind it."""
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from config import AUTO_LOCK_MINUTES, LANGUAGE
    from ui.app import prepare_application
    from ui.event_bridge import EventBridge
    from ui.i18n import Language
    from ui.session import IdleWatcher, QuitGuard, SessionController, os_session_lock_watcher
    from ui.tasks import TaskRunner

    settings = load_settings(args)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Pleiepunkt")
    translators = prepare_application(
        app, language=Language(args.language or settings.get(LANGUAGE))
    )
    url = server_url(args, settings)
    try:
        settings.raise_for_problems()
        if url is None:
            raise SignInNotConfigured("server_url is not configured")
        session = AppSession(settings=settings, data_dir=data_dir(args))
    except Exception as error:
        QMessageBox.critical(None, "Pleiepunkt", f"Pleiepunkt kan ikke starte:\n{error}")
        return 1
    runner = TaskRunner()
    bridge = EventBridge()
    workstation = Workstation(session, settings=settings, server=url, runner=runner, bridge=bridge)
    user = workstation.first_sign_in()
    if user is None:
        return 0
    window = workstation.window_for(user)
    if window is None:
        return 0
    controller = SessionController(
        window,
        services=session,
        runner=runner,
        window_factory=workstation.window_for_switch,
        idle=IdleWatcher(app, minutes=settings.get(AUTO_LOCK_MINUTES)),
    )
    os_lock = os_session_lock_watcher()
    if os_lock.start():
        os_lock.os_locked.connect(controller.lock)
    guard = QuitGuard(window, pending_count=workstation.pending_count)
    window.show()
    tune_for_gui()
    code = app.exec()
    os_lock.stop()
    workstation.stop()
    runner.wait_for_done()
    session.close()
    del translators, guard
    return code if isinstance(code, int) and code != QDialog.DialogCode.Rejected else 0


class Workstation:
    """One running app: the signed-in person's window and the sync behind it."""

    def __init__(
        self,
        session: AppSession,
        *,
        settings: Settings,
        server: str,
        runner: TaskRunner,
        bridge: EventBridge,
        drain_retry: timedelta = DRAIN_RETRY,
        drain_limit: timedelta = DRAIN_LIMIT,
    ) -> None:
        self._session = session
        self._settings = settings
        self._server = server
        self._runner = runner
        self._bridge = bridge
        self._drain_retry = drain_retry
        self._drain_limit = drain_limit
        self._scheduler: SyncScheduler | None = None
        self._previous_summary: SyncSummary | None = None
        self._fhir: FhirClient | None = None
        self._last_pending = 0
        session.on_locked = self.stop
        session.on_unlocked = self.start_sync
        session.drain_factory = self._drain_for

    def first_sign_in(self) -> Identity | None:
        """The person starting the app: PIN unlock if allowed here, else online sign-in."""
        from ui.session.unlock_dialog import UnlockDialog

        if self._session.current_user() is None:
            return self._sign_in_online()
        dialog = UnlockDialog(
            services=self._session, runner=self._runner, sign_in=self._sign_in_online
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return self._session.identity

    def _sign_in_online(self) -> Identity | None:
        from ui.session import SignInDialog

        dialog = SignInDialog(
            sign_in=self._session.sign_in_online,
            cancel=self._session.cancel_sign_in,
            runner=self._runner,
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return self._session.identity

    def window_for(self, user: object) -> MainWindow | None:
        """The main window over ``user``'s store; asks for a new PIN at a first sign-in."""
        from ui.session.pin_setup_dialog import PinSetupDialog

        identity = self._session.identity
        if identity is None:
            return None
        if self._session.handle.store is None:
            dialog = PinSetupDialog(user_name=identity.display_name)
            if dialog.exec() != dialog.DialogCode.Accepted:
                return None
            self._session.create_store(dialog.pin)
        window = build_workbench(
            cast("Store", self._session.handle),
            user=self._staff(identity),
            settings=self._settings,
            runner=self._runner,
            bridge=self._bridge,
            last_sync=self._last_sync,
            online=self.platform_reachable,
            colleague_verifier=self._session.verify_colleague,
        )
        window.start()
        return window

    def window_for_switch(self, user: object) -> QMainWindow:
        """A user switch from the lock screen: the new person's window (or an empty one)."""
        from PySide6.QtWidgets import QMainWindow

        return self.window_for(user) or QMainWindow()

    def _staff(self, identity: Identity) -> Staff:
        """The signed-in person as a performer: their Practitioner if the store knows the HPR."""
        from clinical.codes import HPR_NUMMER
        from clinical.records import Staff

        practitioner_id = practitioner_id_for(identity)
        if identity.hpr_number:
            for found in self._session.handle.find_by_identifier(HPR_NUMMER, identity.hpr_number):
                if found.get("resourceType") == "Practitioner":
                    practitioner_id = str(found["id"])
        role = identity.categories[0] if identity.categories else None
        return Staff(
            practitioner_id=practitioner_id,
            name=identity.display_name,
            hpr=identity.hpr_number,
            role=role,
        )

    def start_sync(self) -> None:
        """Start syncing the open store (after sign-in or unlock); safe from any thread."""
        from client.oidc import DpopAuth
        from config import SYNC_INTERVAL_SECONDS
        from sync import SyncScheduler
        from sync.engine import SyncEngine

        self.stop()
        handle = self._session.handle
        tokens = self._session.tokens
        fhir = self._fhir = build_fhir_client(
            self._server, self._settings, auth=DpopAuth(tokens) if tokens else None
        )
        store = cast("Store", handle)
        lock_path = sync_lock_path(store.paths)
        settings = self._settings
        bridge = self._bridge

        class ScopedEngine:
            """Finds the scope on the sync thread at its first run, then syncs it."""

            def __init__(self) -> None:
                self._engine: SyncEngine | None = None

            def run(self, *, trigger: str = "manual") -> SyncSummary:
                if self._engine is None:
                    today = datetime.now(ZoneInfo("Europe/Oslo")).date()
                    scope = discover_scope(fhir, settings, today=today)
                    self._engine = SyncEngine(
                        store, fhir, scope, lock_path=lock_path, config=gui_sync_config()
                    )
                    self._engine.add_listener(bridge)
                return self._engine.run(trigger=trigger)

            def cancel(self) -> None:
                if self._engine is not None:
                    self._engine.cancel()

        self._scheduler = SyncScheduler(
            ScopedEngine(), periodic=timedelta(seconds=settings.get(SYNC_INTERVAL_SECONDS))
        )
        self._scheduler.start()

    def _drain_for(self, store: Store, tokens: TokenSession) -> OutboxDrain:
        """A background push of a locked person's records, under their own token session."""

        def fhir_for(auth: httpx.Auth) -> FhirClient:
            return build_fhir_client(self._server, self._settings, auth=auth)

        return OutboxDrain(
            store,
            tokens=tokens,
            fhir_factory=fhir_for,
            retry_every=self._drain_retry,
            limit=self._drain_limit,
        )

    def _last_summary(self) -> SyncSummary | None:
        """The newest sync summary, kept across a lock (which stops the scheduler)."""
        summary = self._scheduler.last_summary if self._scheduler else None
        if summary is not None:
            self._previous_summary = summary
        return self._previous_summary

    def _last_sync(self) -> datetime | None:
        summary = self._last_summary()
        return summary.status.last_success_at if summary else None

    def platform_reachable(self) -> bool:
        """Whether the last sync reached the platform; False before the first sync ends."""
        from sync import Connectivity

        summary = self._last_summary()
        return summary is not None and summary.status.connectivity is Connectivity.ONLINE

    def pending_count(self) -> int:
        """Unsynced records of the open store (the last count known while locked)."""
        if self._session.handle.store is not None:
            status = self._session.handle.outbox_status()
            self._last_pending = status.pending + status.inflight
        return self._last_pending

    def stop(self) -> None:
        """Stop syncing (lock, sign-out, quit); a running sync ends at its next safe point."""
        self._last_summary()
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.cancel()
            scheduler.stop()
        fhir, self._fhir = self._fhir, None
        if fhir is not None:
            fhir.close()


def _doctor_identity_provider(settings: Settings) -> int:
    """Print whether the identity provider answers its discovery document; 1 for a problem."""
    import httpx

    from client.oidc import IdentityProviderError
    from client.oidc.discovery import ProviderMetadata
    from config import CLIENT_ID, IDENTITY_PROVIDER_URL

    issuer = settings.get(IDENTITY_PROVIDER_URL)
    if not issuer or not settings.get(CLIENT_ID):
        print(
            "\nIdentity provider: PROBLEM: identity_provider_url and client_id must both be set "
            "(machine configuration, or the MSI properties IDP_URL and CLIENT_ID)"
        )
        return 1
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = httpx.get(url, timeout=10.0)
        response.raise_for_status()
        metadata = ProviderMetadata.parse(response.json(), expected_issuer=issuer)
    except (httpx.HTTPError, ValueError, IdentityProviderError) as error:
        print(
            f"\nIdentity provider {issuer}: PROBLEM: no valid discovery document "
            f"({type(error).__name__}). Check the address and the network."
        )
        return 1
    print(f"\nIdentity provider {metadata.issuer}: answers, with every endpoint sign-in needs")
    return 0


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    command: Command = args.command
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
