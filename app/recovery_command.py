"""``pleiepunkt recovery-key new`` and ``pleiepunkt recover``: IT's side of a forgotten PIN.

``recovery-key new`` makes the organisation's key pair once, on an offline machine: the private
key goes to the file (PKCS#8 PEM encrypted with the passphrase), the public key is printed for
the ``RecoveryPublicKey`` policy. ``recover`` runs on the ward computer, in the OS session where
the person's store lives: with the private key file and its passphrase it wraps the store's key
under a new PIN the person types (twice). The procedure is in packaging/README.md.
Exit codes: 0 done, 1 refused (the message says why; nothing changed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from getpass import getpass
from pathlib import Path
from typing import Any, TextIO

from app.errors import RecoveryFailed
from app.session.keys import PersonKeys, key_policy
from app.session.recovery import recover_store
from config import IDENTITY_PROVIDER_URL, Settings
from offline import (
    RecoveryKeyError,
    SecurityLog,
    legacy_store_paths,
    new_recovery_key,
    person_store_paths,
)

ReadSecret = Callable[[str], str]


def add_recovery_commands(commands: Any, *, run: Callable[[argparse.Namespace], int]) -> None:
    """The command line's ``recovery-key new`` and ``recover`` (``commands``: argparse's
    sub-parsers); both run ``run``."""
    recovery_key = commands.add_parser(
        "recovery-key", help="IT: make the organisation's recovery key pair (offline)"
    )
    actions = recovery_key.add_subparsers(title="actions", metavar="ACTION", required=True)
    new_key = actions.add_parser("new", help="write a new private key, print the public key")
    new_key.add_argument("--out", required=True, metavar="FILE", help="the private key (PEM)")
    new_key.add_argument("--passphrase-from-stdin", action="store_true", dest="from_stdin")
    new_key.set_defaults(command=run, recovery="new-key")
    recover = commands.add_parser(
        "recover", help="IT: recover a store whose PIN is forgotten, with the recovery key"
    )
    recover.add_argument("--key", required=True, metavar="FILE", help="the private key (PEM)")
    recover.add_argument("--user", required=True, help="the person's subject at the IdP")
    recover.add_argument(
        "--secrets-from-stdin",
        action="store_true",
        dest="from_stdin",
        help="read the passphrase, then the new PIN twice, one per line from stdin",
    )
    recover.set_defaults(command=run, recovery="recover")


def run_recovery_command(
    args: argparse.Namespace, *, settings: Callable[[], Settings], data_dir: Path
) -> int:
    """Run the recovery command ``args`` names; prompts unless secrets come from stdin."""

    def read(prompt: str) -> str:
        return sys.stdin.readline().rstrip("\n") if args.from_stdin else getpass(prompt)

    if args.recovery == "new-key":
        return new_recovery_key_command(Path(args.out), read_secret=read, out=sys.stdout)
    return recover_command(
        settings(),
        data_dir=data_dir,
        key_file=Path(args.key),
        user=args.user,
        read_secret=read,
        out=sys.stdout,
        err=sys.stderr,
    )


def new_recovery_key_command(out_file: Path, *, read_secret: ReadSecret, out: TextIO) -> int:
    """Write a new private key to ``out_file`` (never over an existing file); print the public
    key as the policy takes it."""
    passphrase = read_secret("Passphrase for the new recovery key: ").encode()
    if read_secret("The same passphrase again: ").encode() != passphrase:
        print("The passphrases differ; nothing was written.", file=out)
        return 1
    try:
        pem, public = new_recovery_key(passphrase)
    except RecoveryKeyError as error:
        print(f"Refused: {error}; nothing was written.", file=out)
        return 1
    try:
        fd = os.open(out_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{out_file} exists; nothing was written.", file=out)
        return 1
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    print(f"Private key written to {out_file}: keep it offline, with its passphrase.", file=out)
    print("Policy RecoveryPublicKey (and recovery_public_key in policy.toml):", file=out)
    print(public.text(), file=out)
    return 0


def recover_command(
    settings: Settings,
    *,
    data_dir: Path,
    key_file: Path,
    user: str,
    read_secret: ReadSecret,
    out: TextIO,
    err: TextIO,
) -> int:
    """Recover ``user``'s store (their subject at the identity provider) with IT's key."""
    issuer = settings.get(IDENTITY_PROVIDER_URL)
    paths = legacy_store_paths(user, directory=data_dir)
    if issuer:
        named = person_store_paths(issuer=issuer, subject=user, directory=data_dir)
        paths = named if named.key_file.exists() or not paths.key_file.exists() else paths
    keys = PersonKeys(data_dir, policy=key_policy(settings), events=SecurityLog(data_dir))
    try:
        pem = key_file.read_bytes()
    except OSError as error:
        print(f"Cannot read the recovery key file: {error.strerror}", file=err)
        return 1
    passphrase = bytearray(read_secret("Recovery key passphrase: ").encode())
    new_pin = read_secret("The person's new PIN: ")
    if read_secret("The new PIN again: ") != new_pin:
        passphrase[:] = bytes(len(passphrase))
        print("The PINs differ; nothing was changed.", file=err)
        return 1
    try:
        recover_store(keys.for_paths(paths), key_pem=pem, passphrase=passphrase, new_pin=new_pin)
    except RecoveryFailed as error:
        print(f"Recovery refused ({error.reason.value}); nothing was changed.", file=err)
        return 1
    print(f"Store {paths.stem} recovered: the person unlocks with the new PIN.", file=out)
    return 0
