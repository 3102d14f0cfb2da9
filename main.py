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
import sys
import time
from collections.abc import Callable, Sequence
from getpass import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from datetime import datetime

    from client import FhirClient
    from clinical.records import Staff
    from offline.settings import Settings
    from offline.store import Store
    from ui.event_bridge import EventBridge
    from ui.main_window import MainWindow
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
    from offline.settings import Settings, SettingsPaths

    if args.config_root:
        return Settings.load(SettingsPaths.under_root(Path(args.config_root)))
    return Settings.load()


def server_url(args: argparse.Namespace, settings: Settings) -> str | None:
    """The FHIR base URL: the command line wins over every settings layer."""
    from offline.settings import SERVER_URL

    return args.server or settings.get(SERVER_URL)


def build_fhir_client(base_url: str, settings: Settings) -> FhirClient:
    """A FHIR client configured from settings (CA bundle); the caller closes it."""
    from client import FhirClient
    from offline.settings import CA_BUNDLE

    ca_bundle = settings.get(CA_BUNDLE)
    return FhirClient(base_url, ca_bundle=Path(ca_bundle) if ca_bundle else None)


def data_dir(args: argparse.Namespace) -> Path:
    """Where the users' encrypted stores live."""
    from offline.paths import user_data_dir

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
    print(f"\n{'All checks passed.' if not problems else f'{problems} problem(s) found.'}")
    return 1 if problems else 0


def run_sync(args: argparse.Namespace) -> int:
    """Unlock one user's store with their PIN, run one sync, print the summary."""
    import datetime as dt

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
    key = KeyManager(paths).unlock_with_pin(pin)
    today = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
    scope = SyncScope(
        units=tuple(args.ward),
        visit_plans=tuple(VisitPlan(route=f"Location/{r}", day=today) for r in args.route),
    )
    with (
        Store.open(paths, key, user=UserId(args.user)) as store,
        build_fhir_client(url, settings) as fhir,
    ):
        summary = run_once(
            store=store, client=fhir, scope=scope, lock_path=paths.database.with_suffix(".lock")
        )
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
    colleague_verifier: Callable[[str, str], Staff] | None = None,
) -> MainWindow:
    """The main window over one user's open store, with the bedside documentation tabs."""
    from offline.settings import PLACES_OF_WORK
    from ui.app import build_main_window, local_now
    from ui.bedside import MedicationRoundView, VitalSignsView, VitalsTrendView
    from ui.sources import StoreBedsideSource, StoreRecordSource
    from ui.sources.store_conflicts import StoreConflictResolver

    records = StoreRecordSource(
        store,
        user=user,
        organisation=None,
        clock=local_now,
        places=settings.get(PLACES_OF_WORK),
        last_sync=last_sync,
    )
    window = build_main_window(
        source=records,
        runner=runner,
        bridge=bridge,
        conflicts=StoreConflictResolver(store),
        clock=local_now,
    )
    bedside = StoreBedsideSource(
        store,
        user=user,
        clock=local_now,
        place=window.patient_list.current_place,
        colleague_verifier=colleague_verifier,
    )
    rounds = MedicationRoundView(source=bedside, runner=runner, clock=local_now)
    vitals = VitalSignsView(source=bedside, runner=runner, clock=local_now)
    trend = VitalsTrendView(source=bedside, runner=runner, clock=local_now)
    vitals.recorded.connect(lambda _recorded: trend.reload())
    window.workspace.add_bedside_tabs(rounds=rounds, vitals=vitals, trend=trend)
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


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    command: Command = args.command
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
