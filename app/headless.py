"""``pleiepunkt sync``: unlock one user's store with their PIN and run one sync, for IT scripts.

The platform is called as that user, with their saved sign-in resumed as the app resumes it
(DPoP-bound tokens, ``app.session.saved_sign_in``); without a usable one the command says to
sign in from the app first and changes nothing.

Exit codes for scripts: 0 done, 2 another sync was running, 3 the user must sign in online
again; anything else 1 (``exit_code``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Final, TextIO

from app.clock import clinical_clock
from app.errors import NotConfigured
from app.fhir_clients import fhir_client
from app.session.keys import key_policy
from app.session.saved_sign_in import NoSavedSignIn, resume_saved_sign_in
from app.syncing.window_sync import sync_lock_path
from client.oidc import DpopAuth, SignInError
from config import IDENTITY_PROVIDER_URL, Settings
from offline import (
    KeyManager,
    SecurityLog,
    Store,
    StoreError,
    UserId,
    legacy_store_paths,
    person_store_paths,
)
from sync import SyncScope, SyncSummary, VisitPlan, run_once

SYNC_EXIT_CODES: Final = {"ok": 0, "busy": 2, "sign_in_required": 3}


class SyncCommandError(Exception):
    """The sync could not start (wrong PIN, lockout, no store yet, no usable sign-in); nothing
    was changed. The message is English for IT and names no patient data; ``code`` is the
    command's exit code."""

    def __init__(self, message: str, *, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def exit_code(summary: SyncSummary) -> int:
    """The command's exit code for a finished sync."""
    return SYNC_EXIT_CODES.get(summary.outcome, 1)


def sync_once(
    settings: Settings,
    *,
    server: str,
    data_dir: Path,
    user: str,
    pin: str,
    wards: Sequence[str],
    routes: Sequence[str],
    today: date,
) -> SyncSummary:
    """Open ``user``'s store with ``pin``, sync the given units and routes (today's visits)."""
    issuer = settings.get(IDENTITY_PROVIDER_URL)
    paths = legacy_store_paths(user, directory=data_dir)  # renamed at the next app unlock
    if issuer:
        named = person_store_paths(issuer=issuer, subject=user, directory=data_dir)
        paths = named if named.key_file.exists() or not paths.key_file.exists() else paths
    try:
        keys = KeyManager(paths, policy=key_policy(settings), events=SecurityLog(data_dir))
        key = keys.unlock_with_pin(pin)
        store = Store.open(paths, key, user=UserId(user))
    except StoreError as error:  # wrong PIN, lockout, no store yet: said plainly, nothing changed
        raise SyncCommandError(str(error)) from error
    try:
        provider, tokens = resume_saved_sign_in(
            settings, data_dir=data_dir, subject=user, data_key=key
        )
    except NoSavedSignIn as error:
        store.close()
        raise SyncCommandError(str(error), code=SYNC_EXIT_CODES["sign_in_required"]) from None
    except (NotConfigured, SignInError) as error:  # offline, or the vault unreadable
        store.close()
        raise SyncCommandError(f"no sign-in is possible now: {error}") from None
    finally:
        key.wipe()
    scope = SyncScope(
        units=tuple(wards),
        visit_plans=tuple(VisitPlan(route=f"Location/{r}", day=today) for r in routes),
    )
    try:
        with store, fhir_client(server, settings, auth=DpopAuth(tokens)) as fhir:
            return run_once(store=store, client=fhir, scope=scope, lock_path=sync_lock_path(paths))
    finally:
        tokens.forget()  # the sealed refresh token stays for the app
        provider.close()


def sync_command(
    settings: Settings,
    *,
    server: str | None,
    data_dir: Path,
    user: str,
    read_pin: Callable[[], str],
    wards: Sequence[str],
    routes: Sequence[str],
    out: TextIO,
    err: TextIO,
) -> int:
    """The ``sync`` command: check its arguments, ask for the PIN, sync, print the summary."""
    if server is None:
        print("pleiepunkt sync: no server configured (--server or server_url)", file=err)
        return 1
    if not (wards or routes):
        print("pleiepunkt sync: name at least one --ward or --route", file=err)
        return 1
    pin = read_pin()
    try:
        summary = sync_once(
            settings,
            server=server,
            data_dir=data_dir,
            user=user,
            pin=pin,
            wards=wards,
            routes=routes,
            today=clinical_clock(settings).today(),
        )
    except SyncCommandError as error:
        print(f"pleiepunkt sync: {error}", file=err)
        return error.code
    for line in summary.lines():
        print(line, file=out)
    return exit_code(summary)
