"""Pleiepunkt's command line: parses the arguments and starts the application (``app``) with
its windows (``ui``). No behaviour lives here. Commands:

    pleiepunkt              open the window
    pleiepunkt sync         run one sync and exit
    pleiepunkt doctor       effective configuration, keyring, store health, server reachability
    pleiepunkt self-test    offscreen smoke test used by the installers
    pleiepunkt client-key   the installation's public key (JWK), to register it with the IdP
    pleiepunkt recovery-key new | recover    IT: a forgotten PIN (packaging/README.md)
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from config import Settings

__version__ = "0.1.0"

Command = Callable[[argparse.Namespace], int]


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
        help="read policy.toml, config.toml, user/settings.toml from DIR (only without policy)",
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
    for flag, what in (("--ward", "nursing-home unit"), ("--route", "home-care district")):
        sync.add_argument(flag, action="append", default=[], metavar="LOCATION_ID", help=what)
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

    from app.recovery_command import add_recovery_commands  # the recovery-key and recover commands

    add_recovery_commands(commands, run=_command("recovery"))

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
    """The layered settings; ``--config-root`` stands in for every layer where no policy is."""
    from app.startup import load_settings as load

    root = Path(args.config_root) if args.config_root else None
    return load(root, data_dir=data_dir(args), err=sys.stderr)


def data_dir(args: argparse.Namespace) -> Path:
    """Where the users' encrypted stores live."""
    from config import user_data_dir

    return Path(args.data_dir) if args.data_dir else user_data_dir()


def run_doctor(args: argparse.Namespace) -> int:
    """Print what IT needs to diagnose a machine; exit 1 if anything is wrong. No patient data."""
    from app.doctor import diagnose

    settings = load_settings(args)
    problems = diagnose(
        settings, server=args.server, data_dir=data_dir(args), version=__version__, out=sys.stdout
    )
    return 1 if problems else 0


def run_client_key(args: argparse.Namespace) -> int:
    """Print the installation's public client key (created at first run), for IT to register."""
    import json

    from app.session.sign_in import client_key

    print(json.dumps(client_key(data_dir(args)).public_jwk(), indent=2))
    return 0


def run_recovery(args: argparse.Namespace) -> int:
    """IT's side of a forgotten PIN: ``recovery-key new`` and ``recover``."""
    from app.recovery_command import run_recovery_command

    return run_recovery_command(args, settings=lambda: load_settings(args), data_dir=data_dir(args))


def run_sync(args: argparse.Namespace) -> int:
    """Unlock one user's store with their PIN, run one sync, print the summary."""
    from getpass import getpass

    from app.fhir_clients import server_url
    from app.headless import sync_command

    def read_pin() -> str:
        return sys.stdin.readline().rstrip("\n") if args.pin_from_stdin else getpass("PIN: ")

    settings = load_settings(args)
    return sync_command(
        settings,
        server=server_url(settings, override=args.server),
        data_dir=data_dir(args),
        user=args.user,
        read_pin=read_pin,
        wards=args.ward,
        routes=args.route,
        out=sys.stdout,
        err=sys.stderr,
    )


def run_self_test(args: argparse.Namespace) -> int:
    """Offscreen smoke test for installers: a real encrypted store and the real main window."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.self_test import self_test_store
    from ui.i18n import Language
    from ui.self_test import run_self_test as render_self_test

    with self_test_store(load_settings(args)) as selftest:
        _step("store: encrypted, loaded", f"{selftest.loaded} resources")
        _step("sync process: own connection, key over its pipe", selftest.sync_process_answers())
        code = render_self_test(
            selftest.services,
            ward=selftest.services.context.ward,
            clock=selftest.clock,
            conflicts=selftest.conflicts,
            settings=selftest.settings,
            language=Language(args.language or "nb"),
            integrity=selftest.verify_integrity,
            step=_step,
            screenshot=args.screenshot,
        )
    if code == 0:
        print("self-test passed")
    return code


def _step(name: str, detail: str) -> None:
    print(f"  ok  {name}: {detail}")


def run_gui(args: argparse.Namespace) -> int:
    """Sign in (or unlock with the PIN), then the main window with sync running behind it."""
    from PySide6.QtWidgets import QMessageBox

    from app.settings import UserSettings
    from app.startup import desktop_options
    from app.workstation import open_workstation
    from ui.errors import startup_failure_text
    from ui.event_bridge import EventBridge
    from ui.session.desktop import run_desktop
    from ui.single_instance import start_application
    from ui.tasks import TaskRunner
    from ui.workbench import open_workbench

    settings = load_settings(args)
    options = desktop_options(settings, language=args.language)
    started = start_application(sys.argv[:1], language=options.language)
    if started is None:
        return 0  # the running window was asked to come to the front
    app, instance, translators = started
    runner, bridge = TaskRunner(), EventBridge()
    try:
        workstation = open_workstation(
            settings, server=args.server, data_dir=data_dir(args), listener=bridge
        )
    except Exception as error:
        QMessageBox.critical(None, "Pleiepunkt", startup_failure_text(error))
        return 1
    code = run_desktop(
        app,
        workstation.session,
        runner=runner,
        window=lambda: open_workbench(
            workstation, runner=runner, bridge=bridge, settings=UserSettings(settings)
        ),
        idle_minutes=options.idle_minutes,
        pending_count=workstation.pending_count,
        activation=instance.activated,
        end_emergency_access_at_lock=options.end_emergency_access_at_lock,
    )
    workstation.stop()
    runner.wait_for_done()
    workstation.session.close()
    del translators
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the process exit code."""
    multiprocessing.freeze_support()  # a frozen build's sync process (app.syncing) starts here
    args = build_parser().parse_args(argv)
    command: Command = args.command
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
