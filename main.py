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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from client import FhirClient
    from offline.settings import Settings

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


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    command: Command = args.command
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
